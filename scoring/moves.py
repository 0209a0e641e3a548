"""Safer moves: for each published role, up to five published roles with a higher score, ranked by
how much of the person's work carries over.

Candidates come from three places: the assessment's own links ("What this role is NOT", and roles
its survival strategy names), similar work (TF-IDF over task names and rationales, the primary
function and other names, with scikit-learn, plus a bonus for a shared SOC 2020 minor group), and
moves editors pin; moves editors hide are left out. What carries over is the role's tasks that have
a close counterpart in the other role (cosine similarity of the same TF-IDF vectors); its share of
the role's time is the ranking. A Red role
always gets a move into a better zone, and a Yellow role one into Green, when any such role exists.

All of this is worked out when content changes (refresh) and stored as SaferMove rows; pages only
read them.
"""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Prefetch

from editorial.surrogate_keys import retire
from scoring.models import Assessment, MoveChoice, NotThisRole, SaferMove
from scoring.move_models import MoveSource
from scoring.search.terms import key

MAX_MOVES = 5
# Two roles in one SOC 2020 minor group (e.g. 413 "Administrative occupations: records") do work the
# ONS classes together: a strong hint that it carries over. Added to the whole-role similarity (0–1)
# that picks and orders candidates.
SHARED_MINOR_GROUP = 0.25
SIMILAR_POOL = 30  # the most similar higher-scoring roles weighed for each role
CARRIES_OVER = 0.15  # task similarity from which a task counts as work that carries over
ZONE_RANK = {"red": 0, "yellow": 1, "green": 2}
FULL_REFRESH_LIMIT = 2000  # above this many published roles, a save refreshes that role's moves only
LONGEST_TITLE = 6  # words looked for when a survival strategy names a role
REFRESH_LOCK = 4_131_001  # a PostgreSQL advisory lock number of our own


def published_roles() -> list[Assessment]:
    return list(
        Assessment.objects.published()
        .filter(score__isnull=False)
        .order_by("pk")
        .prefetch_related(
            "tasks",
            Prefetch("not_roles", queryset=NotThisRole.objects.only("assessment_id", "linked_id")),
            Prefetch("move_choices", queryset=MoveChoice.objects.all()),
        )
    )


def role_text(role: Assessment) -> str:
    tasks = " ".join(f"{task.name} {task.rationale}" for task in role.tasks.all())
    return " ".join([role.job_title, *role.alternative_titles, role.primary_function, tasks])


def named_roles(text: str, titles: dict[str, int]) -> set[int]:
    """Roles whose title (or other name) appears in a text, looked up by its runs of words."""
    words = key(text).split()
    found = set()
    for start in range(len(words)):
        for length in range(1, LONGEST_TITLE + 1):
            pk = titles.get(" ".join(words[start : start + length]))
            if pk:
                found.add(pk)
    return found


def most_time_first(tasks, picked: list[int]) -> list[str]:
    return [tasks[n].name for n in sorted(picked, key=lambda n: -tasks[n].time_pct)]


class Moves:
    """Everything one refresh needs, built once: the vectors of every role and of their tasks."""

    def __init__(self, roles: list[Assessment]):
        # Imported here: web workers only read stored moves and need neither library in memory.
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.np = np
        self.roles = roles
        self.row = {role.pk: n for n, role in enumerate(roles)}
        self.scores = np.array([float(role.score) for role in roles])
        self.zones = np.array([role.zone for role in roles])
        self.pks = [role.pk for role in roles]
        # Each role's SOC 2020 minor group as a number (413 for unit group 4131), -1 for none.
        self.minor = np.array([int(role.occupation_id[:3]) if role.occupation_id else -1 for role in roles])
        self.vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform([role_text(role) for role in roles])
        self.titles = {}
        for role in roles:
            for name in [role.job_title, *role.alternative_titles]:
                self.titles.setdefault(key(name), role.pk)
        # Every task of every role as one matrix (rows by role), so a role is compared with all its
        # candidates in one product rather than one per pair.
        self.tasks, self.spans, texts = {}, {}, []
        for role in roles:
            tasks = list(role.tasks.all())
            self.tasks[role.pk] = tasks
            self.spans[role.pk] = (len(texts), len(texts) + len(tasks))
            texts += [f"{task.name} {task.rationale}" for task in tasks]
        self.task_matrix = self.vectorizer.transform(texts)
        self.times = np.array([float(task.time_pct) for role in roles for task in self.tasks[role.pk]])

    def carry_over(self, role: Assessment, targets: list[Assessment]) -> dict[int, tuple]:
        """For each target: how much of the role's work carries over (each task's closeness to its
        nearest task in the target, weighted by its share of time: the ranking); the share of time on
        tasks with a close counterpart (what the page states), those tasks, and the target's new tasks."""
        np = self.np
        start, end = self.spans[role.pk]
        mine = self.tasks[role.pk]
        spans = [self.spans[target.pk] for target in targets]
        rows = np.concatenate([np.arange(a, b) for a, b in spans] or [np.arange(0)]).astype(int)
        found = {}
        if not mine or not len(rows):
            return {target.pk: (0.0, Decimal(0), [], [t.name for t in self.tasks[target.pk]]) for target in targets}
        closeness = (self.task_matrix[start:end] @ self.task_matrix[rows].T).toarray()
        times = self.times[start:end]
        total = times.sum() or 1.0
        column = 0
        for target, (a, b) in zip(targets, spans):
            theirs = self.tasks[target.pk]
            block = closeness[:, column : column + b - a]
            column += b - a
            if not theirs:
                found[target.pk] = (0.0, Decimal(0), [], [])
                continue
            nearest = block.max(axis=1)
            kept = [n for n, best in enumerate(nearest) if best >= CARRIES_OVER]
            new = [n for n, best in enumerate(block.max(axis=0)) if best < CARRIES_OVER]
            share = Decimal(str(round(min(100.0, times[kept].sum() * 100 / total), 1)))
            by_time = lambda tasks, picked: [tasks[n].name for n in sorted(picked, key=lambda n: -tasks[n].time_pct)]  # noqa: E731
            found[target.pk] = (
                float((times * nearest).sum() / total),
                share,
                by_time(mine, kept),
                by_time(theirs, new),
            )
        return found

    def with_soc(self, role: Assessment, similarity):
        """The whole-role similarity with the SOC signal added: roles in the same minor group come first."""
        mine = self.minor[self.row[role.pk]]
        if mine < 0:
            return similarity
        return similarity + SHARED_MINOR_GROUP * (self.minor == mine)

    def for_role(self, role: Assessment, similarity) -> list[SaferMove]:
        np = self.np
        similarity = self.with_soc(role, similarity)
        choices = {choice.target_id: choice for choice in role.move_choices.all()}
        hidden = {pk for pk, choice in choices.items() if choice.choice == MoveChoice.Choice.HIDE}
        allowed = self.scores > float(role.score)
        allowed[[self.row[pk] for pk in hidden | {role.pk} if pk in self.row]] = False

        def higher(pk) -> bool:
            return pk in self.row and bool(allowed[self.row[pk]])

        pool = {pk: MoveSource.PINNED for pk, c in choices.items() if c.choice == MoveChoice.Choice.PIN}
        linked = {entry.linked_id for entry in role.not_roles.all() if entry.linked_id}
        for pk in linked | named_roles(role.survival_strategy, self.titles):
            pool.setdefault(pk, MoveSource.LINKED)
        for pk in self.most_similar(similarity, allowed, SIMILAR_POOL):
            pool.setdefault(pk, MoveSource.SIMILAR)
        wanted = self.wanted_zones(role)
        if wanted and not any(self.zone_of(pk) in wanted for pk in pool if higher(pk)):
            in_zone = allowed & np.isin(self.zones, list(wanted))
            pool.update(dict.fromkeys(self.most_similar(similarity, in_zone, 1), MoveSource.SIMILAR))
        higher_pks = {pk for pk in pool if higher(pk)}
        moves = []
        candidates = [self.roles[self.row[pk]] for pk in pool if pk in higher_pks]
        carried = self.carry_over(role, candidates)
        for pk, source in pool.items():
            if pk not in higher_pks:
                continue
            target = self.roles[self.row[pk]]
            overlap, share, kept, new = carried[pk]
            reason = choices[pk].reason if source == MoveSource.PINNED else ""
            move = SaferMove(role=role, target=target, carried_share=share, carries_over=kept, to_learn=new,
                             source=source, reason=reason)  # fmt: skip
            move.overlap = overlap + float(similarity[self.row[pk]])  # the tasks first, the whole role second
            moves.append(move)
        moves.sort(key=lambda move: (move.source != MoveSource.PINNED, -move.overlap))
        chosen = moves[:MAX_MOVES]
        if wanted and not any(move.target.zone in wanted for move in chosen):
            better = next((move for move in moves if move.target.zone in wanted), None)
            if better:
                chosen = [*chosen[: MAX_MOVES - 1], better]
        for rank, move in enumerate(chosen, 1):
            move.rank = rank
        return chosen

    def most_similar(self, similarity, allowed, count: int) -> list[int]:
        """The `count` allowed roles most like this one, most alike first (ties by id)."""
        np = self.np
        rows = np.flatnonzero(allowed)
        if len(rows) > count:
            rows = rows[np.argpartition(-similarity[rows], count - 1)[:count]]
        rows = rows[np.lexsort((rows, -similarity[rows]))]
        return [self.pks[n] for n in rows]

    def zone_of(self, pk: int) -> str:
        return self.roles[self.row[pk]].zone

    @staticmethod
    def wanted_zones(role: Assessment) -> set[str]:
        """Red roles need a move into a better zone; Yellow roles one into Green."""
        return {"red": {"yellow", "green"}, "yellow": {"green"}}.get(role.zone, set())


def refresh(only: list[int] | None = None) -> int:
    """Work the safer moves out again: for every published role, or for the roles in `only`."""
    roles = published_roles()
    moves = []
    if len(roles) > 1:
        engine = Moves(roles)
        todo = [role for role in roles if only is None or role.pk in only]
        for start in range(0, len(todo), 200):
            chunk = todo[start : start + 200]
            similarity = (engine.matrix[[engine.row[role.pk] for role in chunk]] @ engine.matrix.T).toarray()
            for role, row in zip(chunk, similarity):
                moves += engine.for_role(role, row)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Two saves on two app servers may refresh at once: the second waits here, so its delete
            # sees the first one's rows instead of inserting the same moves beside them (SQLite's writes
            # wait for each other already).
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])
        stale = SaferMove.objects.all() if only is None else SaferMove.objects.filter(role_id__in=only)
        gone = SaferMove.objects.exclude(target__status="published")
        before = shown(stale) | shown(gone)
        stale.delete()
        gone.delete()
        SaferMove.objects.bulk_create(moves, batch_size=1000)
        after = shown(
            SaferMove.objects.filter(role_id__in={role_id for role_id, _ in before} | {m.role_id for m in moves})
        )
        # Only the role pages whose moves read differently now are retired (editorial.surrogate_keys),
        # and the open data, which lists each role's moves.
        changed = {f"role-{role_id}" for role_id, _ in before ^ after}
        retire(changed | {"roles"} if changed else changed)
    return len(moves)


def shown(moves) -> set[tuple[int, tuple]]:
    """Each role's moves as its page shows them, to tell which pages a refresh changed."""
    found: dict[int, list] = {}
    fields = ("role_id", "target_id", "rank", "carried_share", "source")
    for role_id, *values in moves.order_by("role_id", "rank").values_list(*fields):
        found.setdefault(role_id, []).append(tuple(values))
    return {(role_id, tuple(rows)) for role_id, rows in found.items()}


@contextmanager
def held():
    """Saves inside refresh nothing when they commit; the caller refreshes once at the end. A bulk
    load (load_demo) would otherwise work every role's moves out again after each document."""
    connection.__dict__["safer_moves_held"] = True
    try:
        yield
    finally:
        connection.__dict__.pop("safer_moves_held", None)


def refresh_after_commit(role_id: int | None = None) -> None:
    """Refresh once the saving transaction commits: the first callback does the work for every
    save the transaction held, the others find nothing left to do."""
    if connection.__dict__.get("safer_moves_held"):
        return
    connection.__dict__.setdefault("safer_moves_pending", set()).add(role_id)

    def run():
        roles = connection.__dict__.pop("safer_moves_pending", set())
        if not roles:
            return
        few = Assessment.objects.published().count() <= FULL_REFRESH_LIMIT
        refresh(None if few or None in roles else sorted(roles))

    transaction.on_commit(run)


def moves_for(role: Assessment) -> list[SaferMove]:
    """A role's stored safer moves, with what their pages show."""
    return list(
        role.safer_moves.filter(target__status="published").select_related("target", "target__career")
        .prefetch_related("target__career__pay_bands", "target__career__routes")
    )  # fmt: skip


def pay_range(career) -> tuple[int, int] | None:
    """The lowest and highest pay of a published career's bands (GBP a year), if it has any."""
    if career is None or not career.is_published:
        return None
    bands = list(career.pay_bands.all())
    return (min(band.minimum for band in bands), max(band.maximum for band in bands)) if bands else None


def describe(role: Assessment) -> dict:
    """What the role page's "Safer moves" section shows, from the stored moves and career profiles."""
    current_pay = pay_range(role.career)
    shown = []
    for move in moves_for(role):
        target, career = move.target, move.target.career
        public = career if career is not None and career.is_published else None
        routes = list(public.routes.all()) if public else []
        shown.append(
            {
                "move": move,
                "target": target,
                "gain": target.score - role.score,
                "zone_changes": target.zone != role.zone,
                "to_learn": move.to_learn[:4],
                "career": public,
                "route": routes[0] if routes else None,
                "pay": pay_range(public),
            }
        )
    wanted = Moves.wanted_zones(role)
    missing = bool(wanted) and not any(item["target"].zone in wanted for item in shown)
    return {"moves": shown, "current_pay": current_pay, "missing_better_zone": missing}
