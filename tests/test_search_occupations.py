"""Every UK occupation in search: the 412 SOC 2020 unit groups and their 2,091 official job titles,
alongside the assessed roles. An official title leads to its assessed role first, and to its
occupation page where nothing in the group is assessed yet."""

import re

import pytest

from careers.models import Occupation
from careers.occupations import load
from careers.signals import occupations_changed
from careers.soc import groups as soc_groups
from scoring.search import index, query
from tests.factories import make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(db):
    index.rebuild_published()


def links(page) -> list[str]:
    return re.findall(r'href="(/(?:roles|occupations|careers)/[^"]+)"', page.content.decode())


def test_every_official_job_title_reaches_its_unit_group_in_the_first_three(indexed):
    missed = []
    for group in Occupation.objects.units():
        for title in group.related_titles:
            found = [entry.slug for entry in query.find_few(query.read(title), "occupation", 3)]
            if group.code not in found:
                missed.append((title, group.code, found))
    assert sum(len(group.related_titles) for group in Occupation.objects.units()) == 2091
    assert missed == []


@pytest.mark.parametrize(
    "typed, code",
    [
        ("monumental mason", "5312"),  # an official title of a group nobody has assessed
        ("mason monumental", "5312"),  # in any order
        ("monumentel mason", "5312"),  # misspelt
        ("stonemasons", "5312"),  # the group's own title
        ("5312", "5312"),  # its code
        ("dry stone wallers", "5312"),  # another word form
        ("proof reader", "4159"),  # two words the index also knows as one
    ],
)
def test_an_unassessed_official_title_leads_to_its_occupation_page(client, indexed, typed, code):
    page = client.get("/roles/", {"q": typed})
    body = page.content.decode()
    assert page.status_code == 200
    assert f"/occupations/{code}/" in links(page)[:3]
    assert "not assessed yet" in body


def test_an_assessed_official_title_leads_to_the_role_then_its_occupation(client, indexed):
    make_assessment("Hospital Records Keeper", slug="records-keeper", occupation_id="4131")
    make_assessment("Draft Ward Helper", slug="draft-helper", occupation_id="4131", status="draft")
    page = client.get("/roles/", {"q": "ward clerk"})  # an official title in 4131, not the role's own name
    found = links(page)
    assert found.index("/roles/records-keeper/") < found.index("/occupations/4131/")
    assert "/roles/draft-helper/" not in found  # drafts never show
    assert "1 role matches" in page.content.decode()  # found by its group's official titles


def test_occupations_are_not_counted_as_roles(client, indexed):
    body = client.get("/roles/", {"q": "stone mason"}).content.decode()
    assert "0 roles match" in body and "/occupations/5312/" in body


def test_suggestions_show_occupations_after_assessed_roles_marked_by_zone(client, indexed):
    make_assessment("Records Clerk (Hospital)", slug="hospital-records-clerk", occupation_id="4131")
    fragment = client.get("/search/suggest/", {"q": "records cl"}).content.decode()
    options = re.findall(r'<li role="option" id="suggestion-(\w+)-[^"]+" data-href="([^"]+)"[^>]*>([^<]+)<', fragment)
    kinds = [kind for kind, _, _ in options]
    assert kinds[0] == "role" and "occupation" in kinds
    assert kinds.index("occupation") > kinds.index("role")
    assert ("occupation", "/occupations/4131/") in [(kind, href) for kind, href, _ in options]
    assert "Red" in fragment  # the assessed role carries its zone
    assert "Occupation · SOC 4131" in fragment


def test_a_new_edition_of_the_titles_is_searchable_once_loaded(indexed):
    edited = [dict(group) for group in soc_groups().values()]
    for group in edited:
        if group["code"] == "5312":
            group["job_titles"] = [*group.get("job_titles", []), "Gargoyle carver"]
    assert load(groups=edited).changed
    occupations_changed.send(sender=Occupation)  # what manage.py load_occupations sends after a change
    assert [entry.slug for entry in query.find_few(query.read("gargoyle carver"), "occupation", 3)] == ["5312"]
