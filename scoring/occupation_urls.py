from django.urls import path, re_path

from scoring import occupation_views

app_name = "occupations"
urlpatterns = [
    path("", occupation_views.occupation_list, name="list"),
    # A SOC 2020 code is 1 to 4 digits (4, 41, 413, 4131); anything else is not an address here (404).
    re_path(r"^(?P<code>[0-9]{1,4})/$", occupation_views.occupation_detail, name="detail"),
]
