"""Bring assessment and career documents into the site: every figure recomputed, each document atomic."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from careers.models import Career, EntryRoute, PayBand
from documents.assessment import FORMAT, ParsedAssessment, read_assessment
from documents.career import BLANK as CAREER_BLANK
from documents.career import LABELLED as CAREER_LABELLED
from documents.career import ParsedCareer, read_career
from documents.checks import mismatches
from documents.format import blank_values
from documents.text import DocumentError, heading_key, split_lines
from editorial.models import Status
from scoring import aijri
from scoring.models import STORED_RESULTS, Assessment, BarrierScore, EvidenceScore, NotThisRole, Task


@dataclass
class ImportReport:
    kind: str
    source: str
    title: str
    slug: str
    created: bool
    changes: list[str] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    summary: str = ""


def base_title(job_title: str) -> str:
    """'Clinical Coder (NHS)' -> 'Clinical Coder': the career a role belongs to."""
    title = job_title.strip()
    if title.endswith(")") and "(" in title:
        title = title[: title.rindex("(")]
    return title.strip()


def detect_kind(text: str) -> str:
    lines = split_lines(text)
    if lines and heading_key(lines[0].text) == "role definition":
        return "assessment"
    if any(heading_key(line.text) == "what you do" for line in lines) and any(
        heading_key(line.text) == "pay and costs" for line in lines
    ):
        return "career"
    raise DocumentError(
        'Not a JobZone document: an assessment starts with "Role Definition"; a career profile has '
        '"What you do" … "Pay and costs" sections.',
        1,
    )


def import_text(
    text: str, source: str, publish: bool = False, dry_run: bool = False, user=None, reason: str | None = None
) -> ImportReport:
    """Read, check and save one document atomically; every failure is a DocumentError naming the file.

    The versions it records say `reason`, by default "Imported from <file name>"."""
    source = Path(source).name or source  # messages and stored warnings never show a path on disk
    try:
        kind = detect_kind(text)
        parsed = read_assessment(text) if kind == "assessment" else read_career(text)
        with transaction.atomic():
            save = save_assessment if kind == "assessment" else save_career
            report = save(parsed, source, publish, user, reason or import_reason(source))
            if dry_run:
                transaction.set_rollback(True)
        return report
    except DocumentError as error:
        error.source = source
        raise
    except ValidationError as error:
        raise DocumentError(validation_message(error), source=source) from None
    except DatabaseError as error:
        # The reader checks every length and range first; this is the last guard, never a 500.
        first = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        message = f"The database refused this document ({first}); nothing was saved."
        raise DocumentError(message, source=source) from None


def validation_message(error: ValidationError) -> str:
    parts = []
    for name, messages in error.message_dict.items():
        text = " ".join(message.rstrip(".") + "." for message in messages)
        parts.append(text if name == "__all__" else f"{name.replace('_', ' ').capitalize()}: {text}")
    return " ".join(parts)


def changed_fields(instance, values: dict) -> list[str]:
    return [name for name, value in values.items() if getattr(instance, name) != value]


def find_role(name: str, exclude_pk=None):
    candidates = Assessment.objects.filter(job_title__iexact=name) | Assessment.objects.filter(slug=slugify(name))
    return candidates.exclude(pk=exclude_pk).order_by("pk").first()


def import_reason(source: str) -> str:
    """The history reason names the document, not where it sat on someone's disk (it can be public)."""
    return f"Imported from {Path(source).name or source}"


def replace_rows(model, parent_field: str, parent, objs, reason: str, user) -> None:
    """Swap a parent's child rows for new ones, each change recorded in history."""
    for old in model.objects.filter(**{parent_field: parent}):
        old._change_reason = reason
        old.delete()
    bulk_create_with_history(list(objs), model, default_change_reason=reason, default_user=user)


def relink(role, career, reason: str, user) -> None:
    """A role joins (or leaves) a career as a version of its own, like any other change to it."""
    role.career = career
    role._change_reason = reason
    role._history_user = user
    role.save()


def save_quietly(instance) -> None:
    """A first save to get a primary key; the finished version is the one history records."""
    instance.skip_history_when_saving = True
    try:
        instance.save()
    finally:
        del instance.skip_history_when_saving


def save_assessment(doc: ParsedAssessment, source: str, publish: bool, user, reason: str) -> ImportReport:
    try:
        result = aijri.compute(doc.inputs())
    except aijri.AIJRIError as error:  # the reader checks lines first; this is the engine's last word
        raise DocumentError(str(error)) from None
    warnings = mismatches(doc.stated, result, doc.tasks, source)
    slug = slugify(doc.job_title)[:120]
    if not slug:
        raise DocumentError(
            "The Job Title has no letters or digits to make an address from.", doc.section_lines.get("job_title", 1)
        )
    role = Assessment.objects.filter(slug=slug).first()
    created = role is None
    role = role or Assessment(slug=slug, status=Status.DRAFT)
    before = {field: getattr(role, field) for field in STORED_RESULTS.values()}
    was_published = role.is_published

    values = blank_values(FORMAT)
    values |= doc.fields
    changes = changed_fields(role, values) if not created else []
    for name, value in values.items():
        setattr(role, name, value)
    role.career = Career.objects.filter(title__iexact=base_title(doc.job_title)).first() or role.career
    role.import_warnings = warnings
    try:
        role.full_clean(exclude=["slug", "career"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:  # e.g. an empty Seniority Level, an adjustment without a reason
        lines = [doc.section_lines[name] for name in error.message_dict if name in doc.section_lines]
        raise DocumentError(validation_message(error), min(lines, default=None)) from None
    save_quietly(role)

    rows = {
        Task: (
            Task(assessment=role, order=n, name=t.name, time_pct=t.time_pct, score=t.score, aug_disp=t.aug_disp,
                 rationale=t.rationale)
            for n, t in enumerate(doc.tasks, start=1)
        ),
        EvidenceScore: (
            EvidenceScore(assessment=role, dimension=key, score=score, evidence=text)
            for key, (score, text, _) in doc.evidence.items()
        ),
        BarrierScore: (
            BarrierScore(assessment=role, barrier=key, score=score, rationale=text)
            for key, (score, text, _) in doc.barriers.items()
        ),
        NotThisRole: (
            NotThisRole(assessment=role, order=n, role_name=name, note=note,
                        linked=find_role(name, exclude_pk=role.pk))
            for n, (name, note) in enumerate(doc.not_roles, start=1)
        ),
    }  # fmt: skip
    for model, objs in rows.items():
        replace_rows(model, "assessment", role, objs, reason, user)
    if publish:
        role.status = Status.PUBLISHED
    role._change_reason = reason
    role.save()  # the rows are in place: store the engine's figures
    role.link_waiting_entries()
    if publish:
        role.record_publication(reason, user, force=not was_published)

    changes += [
        f"{field}: {before[field]} → {getattr(role, field)}"
        for field in ("score", "zone", "sub_label")
        if not created and before[field] != getattr(role, field)
    ]
    return ImportReport(
        kind="assessment",
        source=source,
        title=role.job_title,
        slug=role.slug,
        created=created,
        changes=changes,
        warnings=warnings,
        summary=f"{role.score} {role.zone_label}",
    )


def save_career(doc: ParsedCareer, source: str, publish: bool, user, reason: str) -> ImportReport:
    slug = slugify(doc.title)[:120]
    if not slug:
        raise DocumentError("The title has no letters or digits to make an address from.", 1)
    career = Career.objects.filter(slug=slug).first()
    created = career is None
    career = career or Career(slug=slug, status=Status.DRAFT)
    values = {name: CAREER_BLANK[kind] for _, name, kind in CAREER_LABELLED.values()} | doc.fields
    changes = changed_fields(career, values) if not created else []
    for name, value in values.items():
        setattr(career, name, value)
    if publish:
        career.status = Status.PUBLISHED
    career.full_clean(exclude=["slug"], validate_unique=False)
    save_quietly(career)
    replace_rows(
        EntryRoute,
        "career",
        career,
        (EntryRoute(career=career, order=n, **r) for n, r in enumerate(doc.routes, 1)),
        reason,
        user,
    )
    replace_rows(
        PayBand,
        "career",
        career,
        (PayBand(career=career, order=n, **b) for n, b in enumerate(doc.pay_bands, 1)),
        reason,
        user,
    )
    unlinked = Assessment.objects.filter(career__isnull=True, job_title__istartswith=career.title)
    for role in unlinked:
        if base_title(role.job_title).lower() == career.title.lower():
            relink(role, career, f"Linked to the career “{career.title}” ({reason})", user)
    career._change_reason = reason
    career.save()  # the version history records, and each linked assessment's warnings are refreshed
    return ImportReport(
        kind="career",
        source=source,
        title=career.title,
        slug=career.slug,
        created=created,
        changes=changes,
        summary=f"{len(doc.routes)} routes, {len(doc.pay_bands)} pay bands",
    )
