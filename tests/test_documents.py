"""Importing and exporting assessment and career documents."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from careers.models import Career
from documents.assessment import split_not_entries, write_assessment
from documents.importer import base_title, import_text
from documents.text import DocumentError
from scoring.models import STORED_RESULTS, Assessment, NotThisRole

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent / "documents"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
BAKER = (HERE / "baker.txt").read_text()
MINIMAL = (HERE / "minimal.txt").read_text()
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")


def stored(slug):
    role = Assessment.objects.get(slug=slug)
    return {field: getattr(role, field) for field in STORED_RESULTS.values()}


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_documents", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def database_state():
    return (
        list(Assessment.objects.values_list("slug", "score", "status", "job_title")),
        list(Career.objects.values_list("slug", "title")),
        NotThisRole.objects.count(),
    )


# --- the seeds ------------------------------------------------------------------------------


@needs_seeds
def test_seed_assessment_imports_with_every_figure():
    out, err = run(next(SEEDS.glob("003_*.txt")))
    assert "created assessment Clinical Coder (NHS)" in out and err == ""
    assert "WARNING" not in out
    role = Assessment.objects.get(slug="clinical-coder-nhs")
    assert role.status == "draft"
    assert role.weighted_total == Decimal("3.20")
    assert role.task_resistance_raw == Decimal("2.80")
    assert role.task_resistance == Decimal("2.30")
    assert (role.evidence_modifier, role.barrier_modifier, role.growth_modifier) == (
        Decimal("0.96"),
        Decimal("1.06"),
        Decimal("0.95"),
    )
    assert abs(role.composite_raw - Decimal("2.2234")) <= Decimal("0.0001")
    assert (role.formula_score, role.score) == (Decimal("21.2"), Decimal("22.4"))
    assert role.zone_label == "Red (Displacing)"
    assert role.protected_time_pct == 55
    assert (role.displacement_pct, role.augmentation_pct, role.not_involved_pct) == (45, 40, 15)
    assert role.protective_total == 1
    assert role.tasks.count() == 7 and role.evidence.count() == 5 and role.barriers.count() == 5
    assert role.import_warnings == []
    assert [e.role_name for e in role.not_roles.all()][:2] == ["Medical Coder (US)", "Health Information Technologist"]
    assert role.numbers_dont_capture_items[0].startswith("The NHS adoption cycle is slow.")
    assert len(role.survival_strategy_items) == 3
    assert role.timeline.startswith("2-4 years")
    assert role.role_in_2028.startswith("AI-assisted coding is standard")


@needs_seeds
def test_seed_career_imports_and_links_to_the_assessment():
    run(next(SEEDS.glob("003_*.txt")))
    run(next(SEEDS.glob("000_*.txt")), "--publish")
    career = Career.objects.get(slug="clinical-coder")
    assert career.status == "published"
    assert (career.ai_risk, career.entry_difficulty, career.career_change) == ("low", "moderate", "possible")
    assert career.training_time.startswith("AMSPAR Level 3 Certificate: typically 6")
    assert [(r.kind, r.heading) for r in career.routes.all()] == [
        ("college", "Full-time college course"),
        ("employer", "Employer-funded training"),
    ]
    assert [(b.label, b.minimum, b.maximum, b.who_for) for b in career.pay_bands.all()] == [
        ("NHS Band 3", 24071, 25674, "coding trainee"),
        ("Band 4", 26530, 29114, "qualified clinical coder"),
        ("Band 5", 29970, 36483, "senior or specialist clinical coder"),
        ("Band 6", 37338, 44962, "clinical coding manager or auditor"),
    ]
    assert career.training_costs.startswith("AMSPAR Level 3 Certificate: approximately")
    assert Assessment.objects.get(slug="clinical-coder-nhs").career == career


@needs_seeds
def test_seed_round_trip_gives_the_same_values_and_no_warnings():
    run(next(SEEDS.glob("003_*.txt")))
    before = stored("clinical-coder-nhs")
    exported = write_assessment(Assessment.objects.get(slug="clinical-coder-nhs"))
    report = import_text(exported, "exported.txt")
    assert report.warnings == [] and not report.created and report.changes == []
    assert stored("clinical-coder-nhs") == before


# --- the project's own documents -----------------------------------------------------------


def test_own_document_imports_with_computed_figures():
    report = import_text(BAKER, "baker.txt")
    assert report.created and report.warnings == []
    role = Assessment.objects.get(slug="test-baker-artisan")
    assert role.weighted_total == Decimal("2.85")
    assert role.task_resistance == Decimal("3.00")
    assert role.composite_raw == Decimal("3.3696")
    assert (role.formula_score, role.score) == (Decimal("35.7"), Decimal("37.0"))
    assert role.zone_label == "Yellow (Moderate)"
    assert role.seniority_note.startswith("Trainees score lower")


def variant(text: str) -> str:
    """The same document as another assessor might type it."""
    text = text.replace("(-1 x", "(−1 x").replace("-1 |", "−1 |").replace(" x ", " × ")
    text = text.replace("2-5 years", "2–5 years").replace(" -- ", " — ")
    text = text.replace("| Wage Trends | +1 |", "|   Wage Trends   |  +1  |")
    text = text.replace("NOT INVOLVED", "Not Involved")
    return text.replace("\n", "\r\n")


def test_dashes_signs_times_spaces_and_windows_line_endings_are_tolerated():
    import_text(BAKER, "baker.txt")
    expected = stored("test-baker-artisan")
    report = import_text(variant(BAKER), "baker-variant.txt")
    assert report.warnings == []
    assert stored("test-baker-artisan") == expected


def test_missing_optional_parts_and_other_task_counts_import():
    report = import_text(MINIMAL, "minimal.txt")
    role = Assessment.objects.get(slug=report.slug)
    assert role.tasks.count() == 2
    assert role.resistance_adjustment is None and role.score_override is None
    assert role.task_resistance == role.task_resistance_raw == Decimal("4.40")
    assert role.score == role.formula_score
    assert role.zone_label == "Green (Accelerated)"


def test_a_wrong_stated_figure_is_a_stored_warning_naming_line_and_values(tmp_path):
    wrong = BAKER.replace("| Total | 100% | 2.85 |", "| Total | 100% | 2.95 |")
    out, _ = run_text(wrong, "wrong.txt", tmp=tmp_path)
    role = Assessment.objects.get(slug="test-baker-artisan")
    assert role.score == Decimal("37.0")  # stated figures are never trusted
    assert len(role.import_warnings) == 1
    warning = role.import_warnings[0]
    assert warning["line"] == 26 and warning["stated"] == "2.95" and warning["computed"] == "2.85"
    assert "wrong.txt, line 26: task weighted total is stated as 2.95 but computes to 2.85." in out


def test_every_kind_of_stated_figure_is_checked():
    wrong = (
        BAKER.replace("| 0.80 | DISPLACEMENT", "| 0.90 | DISPLACEMENT")
        .replace("= 3.15/5.0", "= 3.25/5.0")
        .replace("35% displacement", "30% displacement")
        .replace("= 1.08 |", "= 1.10 |")
        .replace("= 3.3696", "= 3.4000")
        .replace("= 35.7/100", "= 36.7/100")
        .replace("Zone: YELLOW", "Zone: GREEN")
        .replace("| 65% |", "| 60% |")
        .replace("Yellow (Moderate) --", "Yellow (Urgent) --")
        .replace("| 4/9 |", "| 5/9 |")
        .replace("| Total | +1 |", "| Total | 2 |")
        .replace("| Total | 4/10 |", "| Total | 5/10 |")
    )
    report = import_text(wrong, "wrong.txt")
    figures = {w["figure"] for w in report.warnings}
    assert figures == {
        "task 2 weighted",
        "raw task resistance",
        "displacement share",
        "barrier modifier",
        "raw composite",
        "formula score",
        "zone",
        "% of task time scoring 3+",
        "sub-label",
        "protective total",
        "evidence total",
        "barrier total",
    }


def run_text(text, name, *args, tmp):
    path = Path(tmp) / name
    path.write_text(text)
    return run(path, *args)


@pytest.mark.parametrize(
    "change, line, message",
    [
        (("| Bookkeeping | 15% |", "| Bookkeeping | 10% |"), 26, "Task time must total 100% (the tasks total 95%)"),
        (
            ("| Bookkeeping | 15% | 5 |", "| Bookkeeping | 15% | 7 |"),
            25,
            "Task 4 score must be between 1 and 5 (got 7)",
        ),
        (("| Wage Trends |", "| Wage Vibes |"), 36, "Unknown evidence dimension 'Wage Vibes'"),
        (("| Cultural/Ethical |", "| Astrology |"), 48, "Unknown barrier 'Astrology'"),
        (("| Company Actions | 0 |", "| Company Actions | 3 |"), 35, "Company Actions must be between -2 and 2"),
        (("Evidence Score\n", "Evidence Notes\n"), 34, "is a section heading missing above this table?"),
        (("| Job Title | Test Baker (Artisan) |\n", ""), 1, 'no "Job Title" row'),
        (("Role Definition\n", "Roles\n"), 1, 'an assessment starts with "Role Definition"'),
    ],
)
def test_errors_name_the_file_and_line_and_save_nothing(change, line, message, tmp_path):
    import_text(MINIMAL, "minimal.txt")
    before = database_state()
    broken = BAKER.replace(*change)
    assert broken != BAKER
    with pytest.raises(CommandError):
        run_text(broken, "broken.txt", tmp=tmp_path)
    with pytest.raises(DocumentError) as caught:
        import_text(broken, "broken.txt")
    assert caught.value.describe().startswith(f"broken.txt, line {line}: ")
    assert message in caught.value.describe()
    assert database_state() == before


def test_missing_required_section_is_an_error():
    without_barriers = BAKER.split("Barrier Assessment")[0]
    with pytest.raises(DocumentError, match='required section "Barrier Assessment" is missing'):
        import_text(without_barriers, "short.txt")


def test_one_bad_document_does_not_stop_the_others_but_fails_the_command(tmp_path):
    (tmp_path / "a-good.txt").write_text(BAKER)
    (tmp_path / "b-bad.txt").write_text(MINIMAL.replace("| 70% |", "| 65% |"))
    (tmp_path / "c-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(CommandError, match="2 document"):
        run(tmp_path)
    assert Assessment.objects.filter(slug="test-baker-artisan").exists()
    assert not Assessment.objects.filter(slug="test-plumber-domestic").exists()


def test_reimport_updates_instead_of_duplicating_and_reports_changes():
    import_text(BAKER, "baker.txt", publish=True)
    report = import_text(BAKER.replace("override to 37.0/100", "override to 38.5/100"), "baker.txt")
    assert not report.created
    assert "score: 37.0 → 38.5" in report.changes
    assert Assessment.objects.filter(job_title="Test Baker (Artisan)").count() == 1
    role = Assessment.objects.get(slug="test-baker-artisan")
    assert role.score == Decimal("38.5") and role.tasks.count() == 4 and role.evidence.count() == 5
    assert role.status == "published"  # re-importing keeps the status staff chose


def test_dry_run_reports_and_saves_nothing(tmp_path):
    (tmp_path / "baker.txt").write_text(BAKER)
    out, _ = run(tmp_path, "--dry-run")
    assert "would create assessment Test Baker (Artisan)" in out
    assert "1 of 1 documents checked." in out
    assert not Assessment.objects.exists()


def test_progress_is_shown_for_many_files(tmp_path):
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(BAKER.replace("Test Baker (Artisan)", f"Test Baker {number}"))
    out, _ = run(tmp_path)
    assert "[1/3]" in out and "[3/3]" in out and "3 of 3 documents imported." in out


def test_not_entries_link_now_or_when_the_role_arrives_later():
    import_text(BAKER, "baker.txt")
    entry = NotThisRole.objects.get(role_name="Test Plumber (Domestic)")
    assert entry.linked is None and entry.note == "fixes pipes -- scored separately"
    import_text(MINIMAL, "minimal.txt")
    entry.refresh_from_db()
    assert entry.linked.slug == "test-plumber-domestic"
    assert NotThisRole.objects.get(role_name="Factory Baking Operative").linked is None


def test_splitting_not_entries_keeps_bracketed_names():
    cell = "NOT a Medical Coder (US) (uses CPT -- different). NOT an Analyst. NOT a Clerk (files (paper) records)."
    assert split_not_entries(cell) == [
        ("Medical Coder (US)", "uses CPT -- different"),
        ("Analyst", ""),
        ("Clerk", "files (paper) records"),
    ]


def test_base_title_drops_only_the_bracketed_qualifier():
    assert base_title("Clinical Coder (NHS)") == "Clinical Coder"
    assert base_title("Registered Nurse (Adult)") == "Registered Nurse"
    assert base_title("Plumber") == "Plumber"


def test_export_command_writes_the_document(tmp_path):
    import_text(BAKER, "baker.txt")
    target = tmp_path / "out.txt"
    call_command("export_document", "test-baker-artisan", "--output", str(target))
    text = target.read_text()
    assert text.startswith("Role Definition\n")
    assert "JobZone Score: (3.3696 - 0.54) / 7.93 x 100 = 35.7/100" in text
    assert "Assessor override to 37.0/100: Local demand for craft bread is strong." in text
    with pytest.raises(CommandError, match="No assessment or career"):
        call_command("export_document", "nothing-here")


def test_round_trip_of_own_documents_is_exact():
    for text in (BAKER, MINIMAL):
        report = import_text(text, "doc.txt")
        before = stored(report.slug)
        again = import_text(write_assessment(Assessment.objects.get(slug=report.slug)), "again.txt")
        assert again.warnings == [] and again.changes == []
        assert stored(report.slug) == before
