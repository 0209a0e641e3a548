"""Every CSV the site writes opens in a spreadsheet as text: a cell that would run as a formula is neutralised."""

import csv
import io
import re

import pytest
from django.urls import reverse

from tests.factories import logged_in, make_assessment, make_staff

HOSTILE = [
    '=HYPERLINK("http://evil.test","x")',
    "@SUM(1)",
    "+1+2",
    "-2+3",
    "|calc",
    "%0A=1",
]
NUMBER = re.compile(r"^-?[0-9,.]+$")


def formula_cells(content: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(content.decode())))
    return [cell for row in rows for cell in row if cell and cell[0] in "=+-@|%" and not NUMBER.match(cell)]


@pytest.fixture
def hostile_role(db):
    return make_assessment(title=HOSTILE[0], slug="hostile", alternative_titles=HOSTILE[1:], seniority_level="=1+1")


def test_open_data_csv_neutralises_formulas(client, hostile_role):
    content = client.get(reverse("roles_csv")).content
    assert formula_cells(content) == []
    assert "'=HYPERLINK(" in content.decode()  # kept, readable, but as text


def test_admin_export_neutralises_formulas(client, hostile_role):
    logged_in(client, make_staff("boss", superuser=True))
    response = client.post(
        reverse("admin:scoring_assessment_changelist"), {"action": "export_csv", "_selected_action": [hostile_role.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert formula_cells(response.content) == []
    assert "'@SUM(1)" in response.content.decode()


def test_negative_numbers_stay_numbers(client, hostile_role):
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("roles_csv")).content.decode())))
    numeric = [value for row in rows for value in row.values() if value.startswith("-")]
    assert all(NUMBER.match(value) for value in numeric)


def test_occupations_csv_has_no_formula_cells(client, db):
    assert formula_cells(client.get(reverse("occupations_csv")).content) == []
