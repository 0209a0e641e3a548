from django.urls import path

from careers import views

app_name = "careers"
urlpatterns = [
    path("", views.career_list, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
]
