from django.shortcuts import get_object_or_404, render

from scoring.models import Assessment


def detail(request, slug):
    role = get_object_or_404(Assessment.objects.published().select_related("career"), slug=slug)
    return render(request, "scoring/detail.html", {"role": role})
