from django.shortcuts import get_object_or_404, render

from careers.models import Career


def detail(request, slug):
    career = get_object_or_404(Career.objects.published(), slug=slug)
    return render(request, "careers/detail.html", {"career": career})
