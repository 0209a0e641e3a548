"""Each published role's share image: a 1200×630 PNG of its score card, drawn from the stored figures,
kept until the role changes, and never offered for a draft."""

from decimal import Decimal
from io import BytesIO

import pytest
from PIL import Image

from scoring import share_card
from scoring.models import Assessment
from tests.factories import logged_in, make_assessment, make_staff

pytestmark = pytest.mark.django_db

URL = "/roles/clinical-coder-nhs/share.png"


@pytest.fixture(autouse=True)
def image_folder(settings, tmp_path):
    settings.SHARE_IMAGE_DIR = tmp_path / "share"
    return settings.SHARE_IMAGE_DIR


def png(response) -> Image.Image:
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    return Image.open(BytesIO(response.content))


def test_a_published_role_has_a_1200_by_630_png(client, clinical_coder):
    response = client.get(URL)
    image = png(response)
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert image.convert("RGB").getpixel((5, 300)) == (192, 57, 43)  # the Red zone's edge colour
    assert client.head(URL).status_code == 200


def test_drafts_and_unknown_roles_have_none(client, db):
    make_assessment("Secret Draft Role", slug="secret-draft", status="draft")
    assert client.get("/roles/secret-draft/share.png").status_code == 404
    editor = logged_in(client, make_staff("editor", "Editors"))
    assert editor.get("/roles/secret-draft/share.png").status_code == 404
    assert client.get("/roles/no-such-role/share.png").status_code == 404


def test_the_drawing_is_kept_and_drawn_again_when_the_role_changes(client, clinical_coder, image_folder, monkeypatch):
    first = client.get(URL).content
    assert len(list(image_folder.glob("*.png"))) == 1
    drawn = []
    monkeypatch.setattr(share_card, "draw", lambda role: drawn.append(role.job_title) or first)
    assert client.get(URL).content == first and drawn == []  # read from disk, not drawn again

    role = Assessment.objects.get(slug="clinical-coder-nhs")
    role.job_title = "Clinical Coder (NHS Trust)"
    role.save()
    client.get(URL)
    assert drawn == ["Clinical Coder (NHS Trust)"]
    assert len(list(image_folder.glob("*.png"))) == 1  # the old drawing was removed


def test_long_titles_and_every_zone_draw(db, image_folder):
    titles = [("A" * 200, "75.0"), ("Very long job title " * 8, "30.0"), ("Å ß 漢字 — test", "5.0")]
    for number, (title, override) in enumerate(titles):
        role = make_assessment(title, slug=f"odd-{number}", score_override=Decimal(override), override_reason="Test")
        image = Image.open(BytesIO(share_card.share_png(role)))
        assert image.size == (1200, 630)


def test_the_font_falls_back_to_pillows_own(monkeypatch, tmp_path):
    share_card.font.cache_clear()
    monkeypatch.setattr(share_card, "FONT_DIRS", [tmp_path])
    try:
        assert share_card.font(40, bold=True).size == 40
    finally:
        share_card.font.cache_clear()
