from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from careers.views import careers_json
from jobzone_site import views
from scoring.compare import compare
from scoring.feedback_views import career_feedback, report_problem
from scoring.occupation_views import occupations_csv, occupations_json
from scoring.views import roles_csv, roles_json, roles_jsonl, suggest

urlpatterns = [
    path("", views.home, name="home"),
    path("roles.json", roles_json, name="roles_json"),
    path("roles.csv", roles_csv, name="roles_csv"),
    path("roles.jsonl", roles_jsonl, name="roles_jsonl"),
    path("careers.json", careers_json, name="careers_json"),
    path("occupations.json", occupations_json, name="occupations_json"),
    path("occupations.csv", occupations_csv, name="occupations_csv"),
    path("roles/", include("scoring.urls")),
    # Feedback on a career lives with the role feedback in scoring (careers may not import scoring).
    path("careers/<slug:slug>/feedback/", career_feedback, name="career_feedback"),
    path("careers/", include("careers.urls")),
    path("occupations/", include("scoring.occupation_urls")),
    path("compare/", compare, name="compare"),
    path("search/suggest/", suggest, name="suggest"),
    path("methodology/", views.methodology, name="methodology"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("data/", views.open_data, name="open_data"),
    path("report-a-problem/", report_problem, name="report_problem"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": views.SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": views.SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler500 = "jobzone_site.views.server_error"
