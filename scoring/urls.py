from django.urls import path

from scoring import feedback_views, job_request_views, share_card, views

app_name = "scoring"
urlpatterns = [
    path("", views.role_list, name="list"),
    # Before the role pages, whose slugs would otherwise swallow "request".
    path("request/", job_request_views.request_job, name="request_job"),
    path("request/thanks/", job_request_views.request_job_thanks, name="request_job_thanks"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/feedback/", feedback_views.role_feedback, name="feedback"),
    path("<slug:slug>/share.png", share_card.share_image, name="share_image"),
]
