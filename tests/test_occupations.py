"""The SOC 2020 occupations table: loading the data file, a new edition, links from roles and careers."""

import copy
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers import soc
from careers.models import Career
from careers.occupations import Occupation, load
from documents.assessment import read_assessment, write_assessment
from documents.career import read_career, write_career
from documents.importer import import_text
from documents.text import DocumentError
from scoring.models import Assessment
from tests.factories import make_assessment

DEMO = Path(__file__).resolve().parents[1] / "documents" / "demo"


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


@pytest.mark.django_db
def test_the_table_holds_every_group_with_412_unit_groups_and_2091_related_titles():
    units = Occupation.objects.units()
    assert units.count() == 412
    assert sum(len(unit.related_titles) for unit in units) == 2091
    assert {level: Occupation.objects.filter(level=level).count() for level in Occupation.Level.values} == {
        "major": 9,
        "sub_major": 26,
        "minor": 104,
        "unit": 412,
    }
    records = Occupation.objects.get(code="4131")
    assert records.title == "Records clerks and assistants"
    assert "Ward clerk" in records.related_titles and records.tasks and records.description and records.entry
    assert [group.code for group in records.ancestors()] == ["4", "41", "413"]
    assert records.parent.parent.parent.level == "major" and records.parent.parent.parent.parent is None
    assert Occupation.objects.get(code="413").unit_groups.count() == Occupation.objects.filter(parent="413").count()


@pytest.mark.django_db
def test_a_rerun_changes_nothing_and_duplicates_nothing():
    before = Occupation.objects.count()
    with CaptureQueriesContext(connection) as queries:
        report = load()
    assert not report.changed and report.kept == []
    assert writes(queries.captured_queries) == []
    assert Occupation.objects.count() == before == 551
    out = StringIO()
    call_command("load_occupations", stdout=out)
    assert "0 created, 0 updated, 0 removed; 412 unit groups" in out.getvalue()


@pytest.mark.django_db
def test_a_new_edition_updates_titles_and_texts_and_keeps_groups_that_roles_and_careers_link_to():
    role = make_assessment(occupation_id="4131")
    career = Career.objects.create(
        slug="programmer", title="Programmer", summary="Writes software.", ai_risk="moderate",
        entry_difficulty="moderate", training_time="A year", qualifications="None", career_change="possible",
        what_you_do="Code.", why_resilient="People.", typical_day="Meetings.", training_costs="Free.",
        occupation_id="2134",
    )  # fmt: skip
    edition = copy.deepcopy(list(soc.groups().values()))
    for group in edition:
        if group["code"] == "4131":
            group["title"] = "Records clerks, assistants and archivists"
            group["job_titles"] = [*group["job_titles"], "Archive assistant"]
    dropped = {"2134", "4132"}  # one still linked to, one not
    edition = [group for group in edition if group["code"] not in dropped]

    report = load(groups=edition)

    assert (report.created, report.updated, report.deleted, report.kept) == (0, 1, 1, ["2134"])
    role.refresh_from_db()
    career.refresh_from_db()
    assert role.soc_code == "4131" and role.soc_title == "Records clerks, assistants and archivists"
    assert "Archive assistant" in role.occupation.related_titles
    assert career.occupation.title == "Programmers and software development professionals"
    assert not Occupation.objects.filter(code="4132").exists()
    # Back to the published edition: the dropped group returns, the kept one is left as it was.
    report = load()
    assert (report.created, report.updated, report.deleted) == (1, 1, 0)
    assert Occupation.objects.units().count() == 412


@pytest.mark.django_db
def test_only_a_unit_group_is_accepted_with_a_clear_message():
    role = make_assessment()
    role.occupation_id = "413"
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert error.value.message_dict["occupation"] == ["413 is not a SOC 2020 unit group (a 4-digit code such as 4131)."]
    role.occupation_id = "4131"
    role.full_clean()


@pytest.mark.django_db
def test_the_code_comes_from_the_link_without_a_query_and_the_title_with_the_group():
    make_assessment(occupation_id="4131")
    role = Assessment.objects.select_related("occupation").get()
    with CaptureQueriesContext(connection) as queries:
        assert (role.soc_code, role.soc_title) == ("4131", "Records clerks and assistants")
    assert queries.captured_queries == []
    assert (Assessment(job_title="x").soc_code, Assessment(job_title="x").soc_title) == ("", "")


@pytest.mark.django_db
def test_documents_read_and_write_the_unit_group_for_roles_and_careers():
    import_text((DEMO / "assessments" / "clinical-coder-nhs.txt").read_text(), "clinical-coder-nhs.txt")
    import_text((DEMO / "careers" / "software-developer.txt").read_text(), "software-developer.txt")
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    career = Career.objects.get(slug="software-developer")
    assert role.occupation_id == "4131" and career.occupation_id == "2134"

    role_text, career_text = write_assessment(role), write_career(career)
    assert "| SOC 2020 Unit Group | 4131 Records clerks and assistants |" in role_text
    assert "SOC 2020 unit group: 2134 Programmers and software development professionals" in career_text
    assert read_assessment(role_text).fields["occupation_id"] == "4131"
    assert read_career(career_text).fields["occupation_id"] == "2134"

    # Leaving the line out clears the link on re-import; a code that is not a unit group is refused.
    without = "\n".join(line for line in career_text.splitlines() if not line.startswith("SOC 2020"))
    import_text(without, "software-developer.txt")
    career.refresh_from_db()
    assert career.occupation is None
    with pytest.raises(DocumentError, match="4-digit SOC 2020 unit group code"):
        read_career(career_text.replace("2134 Programmers", "213 Programmers"))


@pytest.mark.django_db(transaction=True)
def test_the_table_is_filled_again_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    assert Occupation.objects.units().count() == 412
