"""/roles.json, /roles.csv and /careers.json serve the published data in the documented schema."""

import csv
import io
import json

import pytest

from scoring.open_data import FIELDS
from tests.factories import import_document, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db):
    import_document("baker-career.txt", publish=True)
    import_document("baker.txt", publish=True)
    import_document("minimal.txt")  # a draft: never in the open data


def test_roles_json_schema_and_values(client, published):
    data = json.loads(client.get("/roles.json").content)
    assert data["count"] == 1 and len(data["roles"]) == 1
    role = data["roles"][0]
    assert list(role) == FIELDS
    assert role["slug"] == "test-baker-artisan"
    assert role["url"] == "http://testserver/roles/test-baker-artisan/"
    assert role["career"] == "test-baker"
    assert (role["score"], role["formula_score"], role["zone"], role["sub_label"]) == (37.0, 35.7, "yellow", "Moderate")
    assert (role["weighted_total"], role["task_resistance_raw"], role["task_resistance"]) == (2.85, 3.15, 3.0)
    assert (role["evidence_total"], role["barrier_total"], role["growth_correlation"]) == (1, 4, 0)
    assert (role["evidence_modifier"], role["barrier_modifier"], role["growth_modifier"]) == (1.04, 1.08, 1.0)
    assert role["composite_raw"] == 3.3696
    assert (
        role["protected_time_pct"],
        role["displacement_pct"],
        role["augmentation_pct"],
        role["not_involved_pct"],
    ) == (
        65,
        35,
        40,
        25,
    )
    assert all(isinstance(role[name], int) for name in ["displacement_pct", "evidence_total", "protected_time_pct"])
    assert isinstance(role["updated"], str)


def test_roles_csv_has_the_same_columns_and_rows(client, published):
    response = client.get("/roles.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert list(rows[0]) == FIELDS
    assert rows[0]["score"] == "37.0" and rows[0]["zone"] == "yellow" and rows[0]["composite_raw"] == "3.3696"


def test_careers_json_lists_published_careers_with_routes_and_pay(client, published):
    data = json.loads(client.get("/careers.json").content)
    assert data["count"] == 1
    career = data["careers"][0]
    assert career["slug"] == "test-baker" and career["ai_risk"] == "low"
    assert career["routes"][0] == {"kind": "apprenticeship", "heading": "Apprenticeship"}
    assert career["pay_bands"][0] == {
        "label": "Trainee",
        "who_for": "apprentice or new starter",
        "min": 18000,
        "max": 21000,
    }


def test_drafts_never_appear(client, db):
    import_document("baker.txt")
    import_document("baker-career.txt")
    empty = json.loads(client.get("/roles.json").content)
    assert (empty["count"], empty["roles"]) == (0, [])
    assert json.loads(client.get("/careers.json").content) == {"count": 0, "careers": []}
    assert client.get("/roles.csv").content.decode().strip() == ",".join(FIELDS)


def test_a_draft_career_is_not_named_by_a_published_role(client, db):
    import_document("baker-career.txt")
    import_document("baker.txt", publish=True)
    assert json.loads(client.get("/roles.json").content)["roles"][0]["career"] is None


def test_the_data_page_links_the_downloads_and_states_the_licence(client, db):
    page = client.get("/data/").content.decode()
    for link in ['href="/roles.json"', 'href="/roles.csv"', 'href="/careers.json"']:
        assert link in page
    assert "CC BY 4.0" in page


def test_roles_json_pages_through_every_published_role(client, db):
    for number in range(105):
        make_assessment(f"Role {number:03d}", slug=f"role-{number:03d}")
    first = json.loads(client.get("/roles.json").content)
    assert (first["count"], first["page"], first["pages"], len(first["roles"])) == (105, 1, 2, 100)
    assert first["next"] == "http://testserver/roles.json?page=2" and first["previous"] is None
    second = json.loads(client.get(first["next"]).content)
    assert len(second["roles"]) == 5 and second["next"] is None
    slugs = [r["slug"] for r in first["roles"] + second["roles"]]
    assert len(set(slugs)) == 105
    assert json.loads(client.get("/roles.json?page=abc").content)["page"] == 1
