import csv

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from scoring.models import Assessment
from scoring.open_data import FIELDS, published_roles, role_row


def detail(request, slug):
    role = get_object_or_404(Assessment.objects.published().select_related("career"), slug=slug)
    return render(request, "scoring/detail.html", {"role": role})


def roles_json(request):
    rows = [role_row(role, request) for role in published_roles()]
    return JsonResponse({"count": len(rows), "roles": rows}, json_dumps_params={"ensure_ascii": False})


def roles_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="jobzone-roles.csv"'
    writer = csv.DictWriter(response, fieldnames=FIELDS)
    writer.writeheader()
    for role in published_roles():
        writer.writerow(role_row(role, request))
    return response
