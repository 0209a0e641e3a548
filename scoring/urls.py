from django.urls import path

from scoring import job_request_views, views

app_name = "scoring"
urlpatterns = [
    path("", views.role_list, name="list"),
    # Before the role pages, whose slugs would otherwise swallow "request".
    path("request/", job_request_views.request_job, name="request_job"),
    path("request/thanks/", job_request_views.request_job_thanks, name="request_job_thanks"),
    path("<slug:slug>/", views.detail, name="detail"),
]
