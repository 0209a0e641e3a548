"""Best match, as a job seeker reads a results list: the exact title, then the title's words, other
names, the SOC unit group and what the job does; shorter titles first; pages that join up."""

import re
from decimal import Decimal

import pytest

from scoring.models import Assessment
from scoring.search import query, tiers
from tests.factories import make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["ranked at once", "tier by tier"])
def strategy(request, monkeypatch):
    """PostgreSQL ranks a few matches in one query and reads many tier by tier; both give one order."""
    monkeypatch.setattr(tiers, "RANK_AT_ONCE_UP_TO", 10_000 if request.param == "ranked at once" else -1)


BEST_FIRST = [
    "Glazier",
    "Glazier Assistant",
    "Glazier Senior Night Shift",
    "Window Worker",  # another name for it
    "Frame Fitter",  # its SOC unit group
    "Night Watch",  # what the job does
]


@pytest.fixture
def glaziers(db):
    make_assessment("Glazier Senior Night Shift", slug="senior")
    make_assessment("Night Watch", slug="watch", primary_function="Boards up broken panes until a glazier comes.")
    make_assessment("Glazier", slug="glazier", score_override=Decimal("80.0"))
    make_assessment("Frame Fitter", slug="fitter", occupation_id="5317")  # Glaziers, window fabricators and fitters
    make_assessment("Window Worker", slug="street", alternative_titles=["Glazier"], score_override=Decimal("80.0"))
    make_assessment("Glazier Assistant", slug="assistant")
    make_assessment("Glazier Draft", slug="draft", status="draft")


def titles(page) -> list[str]:
    return re.findall(r'class="role-title" href="[^"]+">([^<]+)</a>', page.content.decode())


def test_best_match_puts_the_exact_title_first_then_title_words_other_names_soc_and_duties(client, glaziers):
    page = client.get("/roles/", {"q": "glazier"})
    assert titles(page) == BEST_FIRST
    assert "6 roles match" in page.content.decode()


def test_pages_of_best_matches_join_up_without_gaps_or_repeats(glaziers):
    found = query.read("glazier")
    pages = [
        [row.job_title for row in query.find(found, Assessment, "role", limit=2, offset=start, fields=("job_title",))]
        for start in (0, 2, 4, 6)
    ]
    assert pages == [BEST_FIRST[0:2], BEST_FIRST[2:4], BEST_FIRST[4:6], []]


def test_zone_filters_keep_the_best_match_order(client, glaziers):
    green = titles(client.get("/roles/", {"q": "glazier", "zone": "green"}))
    assert green == [title for title in BEST_FIRST if title in {"Glazier", "Window Worker"}]


def test_suggestions_start_from_any_word_of_a_name_and_put_the_exact_title_first(client, glaziers):
    def suggested(text):
        fragment = client.get("/search/suggest/", {"q": text}).content.decode()
        return [option.strip() for option in re.findall(r'role="option"[^>]*>([^<]+)<', fragment)]

    assert suggested("glazier")[0] == "Glazier"
    assert "Glazier Assistant" in suggested("assistant glaz")
    assert "Window Worker" in suggested("glazi")  # by its other name
    assert "Glazier Draft" not in suggested("glazier d")


def test_a_first_page_read_without_counting_is_the_counted_page(glaziers):
    """The first page reads tier after tier without counting them (tiers.first_page); a later page
    counts the tiers before it (tiers.counted_page). Read both ways, a first page is the same."""
    columns = "item.job_title"
    for text in ("glazier", "night", "glazier night", "frame", "window glazier"):
        found = query.read(text)
        for zones in ([], ["green"], ["red", "yellow"]):
            total = sum(
                count
                for zone, count in query.zone_counts(found).items()
                if zone in (zones or ["green", "yellow", "red"])
            )
            for limit in (1, 2, 3, 20):
                pages = tiers._Pages(tiers.backend(), found, "role", zones, columns, "scoring_assessment")
                assert tiers.first_page(pages, limit, total) == tiers.counted_page(pages, limit, 0, total), (
                    text,
                    zones,
                    limit,
                )
