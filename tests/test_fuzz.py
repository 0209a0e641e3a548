"""Thousands of generated requests across every public address: never a server error.

`make test` sends 1,000; CI sends 10,000 (JOBZONE_FUZZ_EXAMPLES=10000 in .ci/run).
"""

import os
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("JOBZONE_FUZZ_EXAMPLES", "1000"))
ALLOWED = {200, 301, 302, 400, 404}

PAGES = ["/", "/roles/", "/careers/", "/compare/", "/methodology/", "/about/", "/accessibility/", "/data/",
         "/sitemap.xml", "/sitemap-roles.xml", "/robots.txt", "/roles.json", "/roles.csv", "/careers.json",
         "/healthz", "/occupations/", "/occupations.json", "/occupations.csv", "/sitemap-occupations.xml",
         "/search/suggest/", "/roles/request/", "/roles/request/thanks/", "/report-a-problem/"]  # fmt: skip
SLUG_PAGES = ["/roles/{}/", "/careers/{}/", "/occupations/{}/", "/roles/{}/share.png", "/roles/{}/feedback/",
              "/careers/{}/feedback/"]  # fmt: skip
KNOWN_SLUGS = ["clinical-coder-nhs", "clinical-coder", "plumber-domestic", "software-developer", "4131", "41", "9999"]
KEYS = ["q", "zone", "sort", "page", "roles", "mine", "time_1", "skip_1", "time_99999", "format", "next",
        "title", "source", "question", "answer"]  # fmt: skip
NASTY = [
    "' OR 1=1 --", "'; DROP TABLE scoring_assessment; --", "<script>alert(1)</script>", '"><img src=x onerror=1>',
    "\x00", "%00", "../../etc/passwd", "{{7*7}}", "${jndi:ldap://x}", "😀" * 50, "-1", "9" * 40, "1e309", "NaN",
    "red,green", "purple", " ", "", "\u202e", "%", "\\", "a" * 5000,
]  # fmt: skip

text = st.one_of(st.sampled_from(NASTY), st.text(max_size=60), st.text(min_size=1000, max_size=4000))
queries = st.lists(st.tuples(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), text), max_size=6)
paths = st.one_of(
    st.sampled_from(PAGES),
    st.builds(
        lambda page, slug: page.format(quote(slug, safe="")),
        st.sampled_from(SLUG_PAGES),
        st.one_of(st.sampled_from(KNOWN_SLUGS), st.text(min_size=1, max_size=80)),
    ),  # fmt: skip
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(path=paths, query=queries, htmx=st.booleans())
def test_no_public_address_ever_answers_5xx(client, demo, path, query, htmx):
    url = path + ("?" + urlencode(query) if query else "")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(url, **headers)
    assert response.status_code in ALLOWED, f"{url!r} (htmx={htmx}) answered {response.status_code}"
