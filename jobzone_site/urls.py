from django.contrib import admin
from django.urls import include, path

from careers.views import careers_json
from jobzone_site import views
from scoring.views import roles_csv, roles_json

urlpatterns = [
    path("", views.home, name="home"),
    path("roles.json", roles_json, name="roles_json"),
    path("roles.csv", roles_csv, name="roles_csv"),
    path("careers.json", careers_json, name="careers_json"),
    path("data/", views.open_data, name="open_data"),
    path("roles/", include("scoring.urls")),
    path("careers/", include("careers.urls")),
    path("admin/", admin.site.urls),
]
