from django.contrib import admin
from django.urls import include, path

from jobzone_site import views

urlpatterns = [
    path("", views.home, name="home"),
    path("roles/", include("scoring.urls")),
    path("careers/", include("careers.urls")),
    path("admin/", admin.site.urls),
]
