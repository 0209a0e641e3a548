from django.urls import path

from careers import views

app_name = "careers"
urlpatterns = [
    path("<slug:slug>/", views.detail, name="detail"),
]
