"""The role page, read by a person deciding what to do: the summary first, the analysis folded away."""

import re

import pytest

from scoring import aijri
from scoring.models import Assessment, SaferMove

pytestmark = pytest.mark.django_db


def page(client, slug="clinical-coder-nhs") -> str:
    return client.get(f"/roles/{slug}/").content.decode()


def test_the_page_opens_with_what_the_score_means_for_the_reader(client, demo):
    html = page(client)
    summary = html[html.index('id="for-you"') : html.index('id="safer-moves"')]
    assert "22.4 out of 100" in summary and "Red zone" in summary
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    for heading, share in [
        ("Work AI is taking over", role.displacement_pct),
        ("Work AI helps with", role.augmentation_pct),
        ("Work that stays human", role.not_involved_pct),
    ]:
        assert f'{heading} <span class="share">({aijri.format_pct(share)}% of the time)' in summary
    best = SaferMove.objects.filter(role=role).order_by("rank").first().target
    assert re.search(rf'Best next move:</strong> <a href="/roles/{best.slug}/">', summary)
    assert html.index('id="for-you"') < html.index('id="safer-moves"') < html.index('id="tasks"')


def test_the_analysis_is_in_sections_that_open_and_close_without_javascript(client, demo):
    html = page(client)
    for heading in ["protective", "evidence", "barriers", "calculation", "commentary"]:
        assert re.search(rf'<details class="more">\s*<summary><h2 id="{heading}">', html), heading


def test_scales_are_explained_where_shown_and_authors_dashes_are_real_dashes(client, demo):
    html = page(client)
    assert "AI can already do it" in html and "higher means safer" in html
    assert "Each barrier is scored 0–2" in html or "Each barrier is scored 0 to 2" in html
    text = re.sub(r"<[^>]+>", " ", html.split("<body>", 1)[1])
    assert " -- " not in text and "needed – the NCCQ" in text
