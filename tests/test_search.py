"""Finding a job by the name people use for it: typos, word order, word forms, other names, SOC codes."""

import re

import pytest
from django.core.management import call_command

from careers.models import Career
from scoring.models import Assessment
from scoring.search import query
from tests.factories import logged_in, make_assessment, make_staff

pytestmark = pytest.mark.django_db

# (what a job seeker types, the role they mean): each must be in the first three results.
QUERIES = [
    ("clinical coder", "Clinical Coder (NHS)"),
    ("clinicle coder", "Clinical Coder (NHS)"),
    ("nhs coder", "Clinical Coder (NHS)"),
    ("coder nhs", "Clinical Coder (NHS)"),
    ("coder clinical", "Clinical Coder (NHS)"),
    ("coding", "Clinical Coder (NHS)"),
    ("clinical coding officer", "Clinical Coder (NHS)"),
    ("electrican", "Electrician (Installation)"),
    ("electrical fitter", "Electrician (Installation)"),
    ("carer", "Care Worker (Domiciliary)"),
    ("home carer", "Care Worker (Domiciliary)"),
    ("call centre", "Customer Service Adviser (Contact Centre)"),
    ("programmer", "Software Developer"),
    ("legal assistant", "Paralegal"),
    ("staff nurse", "Registered Nurse (Adult)"),
    ("occupational therapy", "Occupational Therapist"),
    ("therapist occupational", "Occupational Therapist"),
    ("fire fighter", "Firefighter"),
    ("firefighter", "Firefighter"),
    ("plumer", "Plumber (Domestic)"),
    ("plumbing", "Plumber (Domestic)"),
    ("paramedic", "Paramedic"),
    ("teacher primary", "Primary School Teacher"),
    ("bookeeper", "Bookkeeper"),
    ("2134", "Software Developer"),
    ("5315", "Plumber (Domestic)"),
    ("records clerks", "Clinical Coder (NHS)"),
    ("graphic designer", "Graphic Designer"),
    ("translater", "Translator (Written)"),
]


def top_titles(client, text, count=3):
    page = client.get("/roles/", {"q": text}).content.decode()
    return re.findall(r'class="role-title" href="[^"]+">([^<]+)</a>', page)[:count]


@pytest.mark.parametrize("text, expected", QUERIES)
def test_a_job_seeker_finds_their_job_in_the_first_three(client, demo, text, expected):
    assert expected in top_titles(client, text), f"{text!r} should find {expected}"


def test_an_exact_title_comes_first(client, demo):
    assert top_titles(client, "Paramedic", 1) == ["Paramedic"]
    assert top_titles(client, "clinical coder (nhs)", 1) == ["Clinical Coder (NHS)"]


def test_a_misspelling_says_what_it_was_read_as(client, demo):
    page = client.get("/roles/", {"q": "clinicle coder"}).content.decode()
    assert "Showing results for" in page and "you typed “clinicle”" in page


def test_drafts_are_never_found(client, demo):
    Assessment.objects.filter(slug="paramedic").update(status="draft")
    Assessment.objects.get(slug="paramedic").save()  # a save takes it out of the index
    assert "Paramedic" not in top_titles(client, "paramedic", 10)
    suggestions = client.get("/search/suggest/", {"q": "paramed"}).content.decode()
    assert "/roles/paramedic/" not in suggestions and "/careers/paramedic/" in suggestions


def test_a_draft_career_is_never_shown_even_beside_a_published_role(client, demo):
    career = Career.objects.get(slug="plumber")
    career.status = "draft"
    career.save()
    page = client.get("/roles/", {"q": "plumber"}).content.decode()
    assert "Plumber (Domestic)" in page
    assert 'href="/careers/plumber/"' not in page


def test_careers_are_found_by_their_other_names(client, demo):
    page = client.get("/roles/", {"q": "plumbing and heating engineer"}).content.decode()
    assert 'href="/careers/plumber/"' in page


def test_nothing_found_offers_the_nearest_titles(client, demo):
    page = client.get("/roles/", {"q": "electrishun"}).content.decode()
    assert "Did you mean" in page and 'href="/roles/electrician-installation/"' in page


def test_gibberish_finds_nothing_and_says_so(client, demo):
    page = client.get("/roles/", {"q": "zzqxv wqkkj"}).content.decode()
    assert "0 roles match" in page and "No roles match" in page


def test_suggestions_as_you_type(client, demo):
    fragment = client.get("/search/suggest/", {"q": "clinical cod"}).content.decode()
    assert "<html" not in fragment
    options = re.findall(r'role="option"[^>]*>([^<]+)<', fragment)
    assert "Clinical Coder (NHS)" in [option.strip() for option in options[:2]]  # the career may lead
    assert 'data-href="/roles/clinical-coder-nhs/"' in fragment
    assert client.get("/search/suggest/", {"q": "c"}).content.decode().strip() == ""


def test_search_filters_and_counts_by_zone(client, demo):
    page = client.get("/roles/", {"q": "coder", "zone": "red"}).content.decode()
    titles = re.findall(r'class="role-title" href="[^"]+">([^<]+)</a>', page)
    roles = Assessment.objects.filter(job_title__in=titles)
    assert titles and all(role.zone == "red" for role in roles)


def test_new_and_edited_roles_are_found_at_once(client, db):
    make_assessment("Lighthouse Keeper", slug="lighthouse-keeper", alternative_titles=["Wickie"])
    assert top_titles(client, "wickie", 1) == ["Lighthouse Keeper"]
    role = Assessment.objects.get(slug="lighthouse-keeper")
    role.alternative_titles = ["Lamp attendant"]
    role.save()
    assert top_titles(client, "wickie") == []
    assert top_titles(client, "lamp attendant", 1) == ["Lighthouse Keeper"]


def test_hostile_search_text_never_breaks_the_page(client, demo):
    for text in ['"', "*", "AND OR NOT", "a:*", "') OR 1=1 --", "NEAR(x y)", "&|!", "\u202e", "ü" * 99, "9" * 100]:
        response = client.get("/roles/", {"q": text})
        assert response.status_code == 200 and "role" in response.content.decode()
        assert client.get("/search/suggest/", {"q": text}).status_code == 200


def test_word_forms_meet():
    assert query.stem("therapy") == query.stem("therapist")
    assert query.stem("coding") == query.stem("coder")
    assert query.stem("electrical") == query.stem("electrician")


def test_the_soc_unit_group_and_other_names_are_shown_and_published(client, demo):
    page = client.get("/roles/clinical-coder-nhs/").content.decode()
    assert "4131 Records clerks and assistants" in page and "Office for National Statistics" in page
    assert "Also called" in page and "Clinical coding officer" in page
    role = next(r for r in client.get("/roles.json").json()["roles"] if r["slug"] == "clinical-coder-nhs")
    assert role["soc_code"] == "4131" and role["soc_title"] == "Records clerks and assistants"
    assert "Clinical coding officer" in role["alternative_titles"]
    csv_text = client.get("/roles.csv").content.decode()
    row = next(line for line in csv_text.splitlines() if line.startswith("clinical-coder-nhs,"))
    assert ",4131,Records clerks and assistants," in row and "Clinical coding officer; " in row


def test_a_search_that_finds_little_offers_my_job_is_not_listed(client, demo):
    page = client.get("/roles/", {"q": "lighthouse keeper"}).content.decode()
    assert "My job isn't listed" in page and "/roles/request/?title=lighthouse" in page
    assert "csrfmiddlewaretoken" not in page  # the cached browse page carries nobody's token
    assert "My job isn't listed" not in client.get("/roles/", {"q": "nurse"}).content.decode()


SEARCH_PAGES = [
    {"q": "clinical coder"},
    {"q": "clinicle coder"},  # corrected
    {"q": "coder", "zone": ["red", "green"]},
    {"q": "nurse", "sort": "-score"},
    {"q": "officer", "page": "2"},
    {"q": "officer", "page": "99"},  # a note: only so many pages
    {"q": "care", "zone": "purple"},  # a note: zones ignored
    {"q": "electrishun"},  # did you mean
    {"q": "zzqxv wqkkj"},  # nothing
    {"q": "ward clerk"},  # occupations
    {"q": "<b>nurse</b> & \"coder\" 'x'"},
    {"q": "nurse   coder"},  # white space the title runs together: the template's own page
    {"q": "ü" * 30},
    {"q": "plumber"},  # a career profile beside the roles
    {"q": "lighthouse keeper"},  # my job isn't listed
]


SEARCH_REQUESTS = [
    {},
    {"HTTP_HX_REQUEST": "true"},
    {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"},
]


def test_search_pages_written_in_python_are_the_templates_own_pages(client, demo, monkeypatch):
    """A search's results section is written in Python and its page kept around it
    (scoring/search/page.py): every page and live-search fragment must be exactly what the template
    makes, whatever was found (corrections, did you mean, careers, occupations, pages, notes)."""
    from scoring.search import page as shell

    for params in SEARCH_PAGES:
        for headers in SEARCH_REQUESTS:
            made = client.get("/roles/", params, **headers)
            again = client.get("/roles/", params, **headers)  # from the kept shell
            monkeypatch.setattr(shell, "enabled", False)
            rendered = client.get("/roles/", params, **headers)
            monkeypatch.setattr(shell, "enabled", True)
            assert made.status_code == rendered.status_code == 200
            assert made.content == again.content == rendered.content, (params, headers)
            assert made["Content-Type"] == rendered["Content-Type"] and made.get("Vary") == rendered.get("Vary")


def test_the_kept_shell_never_carries_one_visitors_token_and_staff_get_the_templates_page(client, demo, monkeypatch):
    from scoring.search import page as shell

    client.get("/roles/", {"q": "nurse"})
    assert shell._shells and all("csrfmiddlewaretoken" not in "".join(parts or []) for parts in shell._shells.values())
    shell._shells.clear()
    logged_in(client, make_staff("editor", "Editors"))
    made = client.get("/roles/", {"q": "nurse"})
    assert not shell._shells  # nothing kept from a signed-in request
    monkeypatch.setattr(shell, "enabled", False)
    assert made.content == client.get("/roles/", {"q": "nurse"}).content


@pytest.mark.parametrize(
    "name",
    [
        "Records Officer 00021",
        "Nurse 2",
        "4131",
        "Fire-fighter (NHS)",
        "ÜBER Çoder",
        "İstanbul guide",
        "a" * 61 + " b",
        "x" * 60,
        "  spaced   out  ",
        "",
        "12 34",
        "Σ sigma",
        "café\u00a0owner",
        "K\u212a unit",
        "R2-D2 droid",
    ],
)
def test_names_are_reduced_the_same_one_by_one_and_all_at_once(name):
    from scoring.search.terms import all_without_numbers, without_numbers

    names = [name, "Clinical Coder (NHS)", name, "Band 5 Nurse"]
    assert all_without_numbers(names) == [without_numbers(each) for each in names]
    assert all_without_numbers([name + "\nsecond line"]) == [without_numbers(name + "\nsecond line")]


def test_suggestions_are_list_box_options_for_roles_careers_and_occupations(client, demo):
    """The markup static/js/combobox.js reads: one option a line, each with its page and an id."""
    fragment = client.get("/search/suggest/", {"q": "paramedic"}).content.decode()
    role = Assessment.objects.get(slug="paramedic")
    zone = {"green": "Green", "yellow": "Yellow", "red": "Red"}[role.zone]
    assert (
        '<li role="option" id="suggestion-role-paramedic" data-href="/roles/paramedic/" aria-selected="false">'
        f'Paramedic <span class="suggestion-meta">{role.score} · {zone}</span></li>\n'
    ) in fragment
    assert (
        '<li role="option" id="suggestion-career-paramedic" data-href="/careers/paramedic/" aria-selected="false">'
        'Paramedic <span class="suggestion-meta">Career profile</span></li>\n'
    ) in fragment
    fragment = client.get("/search/suggest/", {"q": "ward cl"}).content.decode()
    assert (
        '<li role="option" id="suggestion-occupation-4131" data-href="/occupations/4131/" aria-selected="false">'
        'Records clerks and assistants <span class="suggestion-meta">Occupation · SOC 4131</span></li>\n'
    ) in fragment
    assert fragment.endswith("</li>\n\n") and fragment.count("\n") == fragment.count("<li") + 1
    assert client.get("/search/suggest/", {"q": "c"}).content.decode() == "\n"  # too short to look up


def test_content_loaded_again_after_a_flush_is_found(transactional_db, client):
    # `manage.py flush` empties every model's table and starts ids again; SQLite's full-text table is
    # not a model, and its old rows had refused the first role written at the same place again.
    make_assessment()
    call_command("flush", interactive=False, verbosity=0)
    role = make_assessment()
    assert role.pk == 1
    assert role.job_title in client.get("/roles/", {"q": "clinical coder"}).content.decode()
