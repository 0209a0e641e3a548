"""Synthetic assessments for benchmarks only: clearly marked, never demo content, removable in one go."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.content_version import content_version
from editorial.models import Status
from editorial.surrogate_keys import retire_every_page
from scoring import aijri
from scoring.inputs import build_inputs
from scoring.models import STORED_RESULTS, Assessment, BarrierScore, EvidenceScore, Task
from scoring.search import index

SLUG_PREFIX = "synthetic-benchmark-"
TITLE_SUFFIX = "(synthetic benchmark role)"
BATCH = 1000
WORDS = ["Data", "Field", "Care", "Site", "Systems", "Records", "Logistics", "Quality", "Client", "Sales"]
JOBS = ["Analyst", "Officer", "Technician", "Coordinator", "Assistant", "Adviser", "Inspector", "Planner"]
# Other names each kind of job goes by, so search is measured over realistic alternative titles.
OTHER_NAMES = {
    "Analyst": ["Researcher", "Insight Analyst", "Reporting Officer", "Information Analyst"],
    "Officer": ["Administrator", "Case Officer", "Executive Officer", "Team Member"],
    "Technician": ["Engineer", "Operative", "Service Technician", "Maintenance Technician"],
    "Coordinator": ["Administrator", "Scheduler", "Organiser", "Team Coordinator"],
    "Assistant": ["Clerk", "Support Worker", "Administrative Assistant", "Aide"],
    "Adviser": ["Consultant", "Advisor", "Specialist", "Helpdesk Adviser"],
    "Inspector": ["Auditor", "Assessor", "Compliance Officer", "Surveyor"],
    "Planner": ["Scheduler", "Controller", "Planning Officer", "Programme Planner"],
}


def reindex() -> None:
    index.rebuild_published()


def synthetic_inputs(rng: random.Random) -> tuple[list[tuple[int, int, str]], aijri.Inputs]:
    count = rng.randint(3, 7)
    cuts = sorted(rng.sample(range(5, 96, 5), count - 1))
    times = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
    lean = rng.choice([1, 2, 3, 4])  # spreads the roles over all three zones
    tasks = [(t, max(1, min(5, lean + rng.randint(-1, 1))), rng.choice(list(aijri.AUG_DISP))) for t in times]
    fields = {key: rng.randint(0, 3) for key in aijri.PROTECTIVE_PRINCIPLES}
    fields["growth_correlation"] = rng.randint(-2, 2)
    inputs = build_inputs(
        fields,
        tasks,
        {key: rng.randint(-2, 2) for key in aijri.EVIDENCE_DIMENSIONS},
        {key: rng.randint(0, 2) for key in aijri.BARRIERS},
    )
    return tasks, inputs


class Command(BaseCommand):
    help = (
        f"Create N synthetic published assessments for benchmarks (slugs start {SLUG_PREFIX!r}); --delete removes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=0)
        parser.add_argument("--delete", action="store_true", help="Remove every synthetic role and stop.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--up-to", action="store_true", help="Treat COUNT as the total wanted; add only the rest.")

    def handle(self, *args, count, delete, seed, up_to, **options):
        synthetic = Assessment.objects.filter(slug__startswith=SLUG_PREFIX)
        if delete:
            deleted = synthetic.count()
            for model in (Task, EvidenceScore, BarrierScore):
                model.objects.filter(assessment__slug__startswith=SLUG_PREFIX).delete()
            synthetic.delete()
            reindex()
            content_version().bump()
            retire_every_page()
            self.stdout.write(f"Removed {deleted} synthetic roles.")
            return
        if count < 1:
            raise CommandError("Give how many roles to create, e.g. generate_benchmark_roles 20000.")
        start = synthetic.count()
        if up_to:
            count -= start
            if count <= 0:
                self.stdout.write(f"Already {start} synthetic roles.")
                return
        rng = random.Random(seed + start)
        for first in range(start, start + count, BATCH):
            self.create_batch(rng, range(first, min(first + BATCH, start + count)))
            self.stdout.write(f"{min(first + BATCH, start + count) - start}/{count} synthetic roles")
        reindex()  # bulk inserts send no signals, so the search index and cached pages are renewed here
        content_version().bump()
        retire_every_page()
        self.stdout.write(self.style.SUCCESS(f"Created {count} synthetic roles."))

    @transaction.atomic
    def create_batch(self, rng: random.Random, numbers: range) -> None:
        roles, rows = [], []
        for number in numbers:
            tasks, inputs = synthetic_inputs(rng)
            word, job = rng.choice(WORDS), rng.choice(JOBS)
            result = aijri.compute(inputs)
            role = Assessment(
                slug=f"{SLUG_PREFIX}{number:05d}",
                job_title=f"{word} {job} {number:05d} {TITLE_SUFFIX}",
                alternative_titles=[f"{word} {name}" for name in rng.sample(OTHER_NAMES[job], 3)],
                seniority_level=rng.choice(["Entry level", "Mid-Level", "Senior"]),
                primary_function="Synthetic role generated for performance benchmarks; not a real assessment.",
                status=Status.PUBLISHED,
                growth_correlation=inputs.growth,
                **inputs.protective,
                **{field: getattr(result, name) for name, field in STORED_RESULTS.items()},
            )
            roles.append(role)
            rows.append((tasks, inputs))
        Assessment.objects.bulk_create(roles)  # figures computed above by the engine; saves skip history
        Task.objects.bulk_create(
            Task(assessment=role, order=n, name=f"Synthetic task {n}", time_pct=t, score=s, aug_disp=k, rationale="-")
            for role, (tasks, _) in zip(roles, rows)
            for n, (t, s, k) in enumerate(tasks, 1)
        )
        EvidenceScore.objects.bulk_create(
            EvidenceScore(assessment=role, dimension=key, score=value)
            for role, (_, inputs) in zip(roles, rows)
            for key, value in inputs.evidence.items()
        )
        BarrierScore.objects.bulk_create(
            BarrierScore(assessment=role, barrier=key, score=value)
            for role, (_, inputs) in zip(roles, rows)
            for key, value in inputs.barriers.items()
        )
