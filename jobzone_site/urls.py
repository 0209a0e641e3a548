from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from careers.views import careers_json
from jobzone_site import views
from scoring.views import compare, roles_csv, roles_json

urlpatterns = [
    path("", views.home, name="home"),
    path("roles.json", roles_json, name="roles_json"),
    path("roles.csv", roles_csv, name="roles_csv"),
    path("careers.json", careers_json, name="careers_json"),
    path("roles/", include("scoring.urls")),
    path("careers/", include("careers.urls")),
    path("compare/", compare, name="compare"),
    path("methodology/", views.methodology, name="methodology"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("data/", views.open_data, name="open_data"),
    path("sitemap.xml", sitemap, {"sitemaps": views.SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("admin/", admin.site.urls),
]
