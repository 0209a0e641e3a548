"""The page cache keys each page by the request headers its own response says it varies on."""

import pytest
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.vary import vary_on_headers

from tests.factories import make_assessment

pytestmark = pytest.mark.django_db


@vary_on_headers("X-Reading-Level")
def reading_level(request):
    return HttpResponse(f"level {request.headers.get('X-Reading-Level', 'standard')}")


urlpatterns = [path("reading/", reading_level), path("", include("jobzone_site.urls"))]


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_a_view_that_varies_on_a_new_header_is_cached_per_value(client, cached, settings):
    settings.ROOT_URLCONF = __name__
    assert client.get("/reading/", HTTP_X_READING_LEVEL="easy").content == b"level easy"
    assert client.get("/reading/").content == b"level standard"
    assert client.get("/reading/", HTTP_X_READING_LEVEL="easy").content == b"level easy"
    assert client.get("/reading/", HTTP_X_READING_LEVEL="expert").content == b"level expert"


def test_htmx_history_restore_gets_the_whole_page_from_the_cache(client, cached):
    make_assessment()
    fragment = client.get("/roles/?q=coder", HTTP_HX_REQUEST="true")
    restore = client.get("/roles/?q=coder", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" not in fragment.content and b"<html" in restore.content
    assert b"Clinical Coder (NHS)" in fragment.content and b"Clinical Coder (NHS)" in restore.content


def test_every_browser_s_way_of_asking_for_gzip_shares_one_cached_copy(client, cached):
    make_assessment()
    first = client.get("/roles/clinical-coder-nhs/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    second = client.get("/roles/clinical-coder-nhs/", HTTP_ACCEPT_ENCODING="br;q=1.0, gzip;q=0.8")
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert first.content == second.content
    plain = client.get("/roles/clinical-coder-nhs/")
    assert not plain.has_header("Content-Encoding") and b"Clinical Coder (NHS)" in plain.content
