from django.shortcuts import render

from scoring.models import Assessment


def home(request):
    roles = Assessment.objects.published().select_related("career").order_by("-updated")[:10]
    return render(request, "home.html", {"roles": roles})


def open_data(request):
    return render(request, "open_data.html")
