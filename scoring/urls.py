from django.urls import path

from scoring import views

app_name = "scoring"
urlpatterns = [
    path("", views.role_list, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
]
