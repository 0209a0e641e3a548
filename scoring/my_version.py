"""“My version of this job”: a visitor's own share of time on each task, scored by the same engine.

Nothing is stored. A GET form reads the query string, so it works without JavaScript; HTMX swaps in
only the result. The arithmetic (sharing out the time of tasks the visitor never does, carrying the
assessor's judgement over as an offset, what each task's change moved) lives in `scoring/aijri.py`;
this module reads the form and puts the figures into words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms

from scoring import aijri
from scoring.models import Assessment, Task

RESULT_TEMPLATE = "scoring/includes/my_version.html#my-result"
MAX_CHARS = 20  # "12.5" needs 4; anything longer is refused, not cut
MOVES_NAMED = 3  # the changes that mattered most are named; the rest are counted
TIME_BOUNDS = (0, aijri.TOTAL_TIME_PCT)  # 0 is allowed here: a task the visitor gives no time


def time_field(task: Task) -> str:
    return f"time_{task.pk}"


def skip_field(task: Task) -> str:
    return f"skip_{task.pk}"


class MyVersionForm(forms.Form):
    """One time box and one "I never do this" box per task. A box left out of the query keeps the
    published time; an empty box means no time."""

    def __init__(self, tasks: list[Task], data):
        super().__init__(data)
        self.tasks = tasks
        for task in tasks:
            self.fields[time_field(task)] = forms.CharField(required=False, strip=True)
            self.fields[skip_field(task)] = forms.BooleanField(required=False)

    def problem(self, task: Task) -> str:
        return f"“{task.name}”: enter a share of time from 0 to 100 with at most one decimal place, such as 20 or 12.5."

    def read_time(self, task: Task) -> Decimal | None:
        """The visitor's time for a task, the published time if the query has none, or None if unreadable."""
        name = time_field(task)
        raw = self.data.get(name)
        if raw is None:
            return task.time_pct
        if len(raw) > MAX_CHARS or name in self.errors:
            return None
        try:
            return aijri.read_number(self.cleaned_data.get(name) or "0", task.name, aijri.TIME_PLACES, TIME_BOUNDS)
        except aijri.AIJRIError:
            return None

    def clean(self):
        data = super().clean()
        data["times"] = [self.read_time(task) for task in self.tasks]
        data["skipped"] = [bool(data.get(skip_field(task))) for task in self.tasks]
        for task, time in zip(self.tasks, data["times"]):
            if time is None:
                self.errors.pop(time_field(task), None)
                self.add_error(None, self.problem(task))
        if not self.errors:
            try:
                data["shared"] = aijri.share_out(data["times"], data["skipped"])
            except aijri.AIJRIError as error:
                self.add_error(None, str(error))
        return data


@dataclass
class Row:
    """One task as the form shows it and as the result used it."""

    task: Task
    value: str  # what the box shows: the visitor's text, or the published time
    skipped: bool
    used: Decimal | None = None  # the time scored, after sharing out
    effect: Decimal = Decimal(0)


@dataclass
class MyVersion:
    asked: bool
    rows: list[Row]
    problems: list[str] = field(default_factory=list)
    mix: aijri.OwnMix | None = None
    shared: bool = False  # some never-done time was shared among the other tasks
    judgement: str = ""
    moved: str = ""

    @property
    def result(self) -> aijri.Result | None:
        return self.mix.result if self.mix else None


def judgement_sentence(role: Assessment, offset: Decimal) -> str:
    """One sentence on how the assessor's adjustment and override carry over."""
    parts = []
    if role.resistance_adjustment is not None:
        parts.append("resistance adjustment")
    if role.score_override is not None:
        parts.append("score override")
    if not parts:
        return "Your version uses the same formula as the published score; the assessor made no adjustment."
    points = f"{offset:+}".replace("-", "−")
    return (
        f"The assessor's {' and '.join(parts)} ({points} points against the formula) "
        f"{'carry' if len(parts) > 1 else 'carries'} over to your version as the same offset, "
        "so with the published times you get exactly the published score."
    )


def moved_sentence(rows: list[Row]) -> str:
    """The task changes that moved the score most, in words."""
    mattered = sorted((row for row in rows if row.effect), key=lambda row: (-abs(row.effect), row.task.order))
    if not mattered:
        if any(row.used != row.task.time_pct for row in rows):
            return "Your changes move time between tasks that are about as exposed as each other, so the score holds."
        return "These are the published times."
    words = []
    for row in mattered[:MOVES_NAMED]:
        published, used = aijri.format_pct(row.task.time_pct), aijri.format_pct(row.used)
        if row.skipped:
            change = f"never doing “{row.task.name}” (published {published}%)"
        elif row.used < row.task.time_pct:
            change = f"less time on “{row.task.name}” ({published}% → {used}%)"
        else:
            change = f"more time on “{row.task.name}” ({published}% → {used}%)"
        direction = "raised" if row.effect > 0 else "lowered"
        words.append(f"{change} {direction} it by about {abs(row.effect)}")
    rest = len(mattered) - MOVES_NAMED
    tail = f"; smaller changes to {rest} other task{'s' if rest > 1 else ''} did the rest" if rest > 0 else ""
    return f"What moved it most: {'; '.join(words)}{tail}."


def my_version(role: Assessment, tasks: list[Task], query) -> MyVersion:
    """The form and, when asked (`mine` in the query), the visitor's score; bad input gives messages only."""
    if "mine" not in query:
        return MyVersion(False, [Row(task, aijri.format_pct(task.time_pct), False) for task in tasks])
    form = MyVersionForm(tasks, query)
    valid = form.is_valid()
    data = form.cleaned_data
    rows = [
        Row(
            task,
            value=(query.get(time_field(task)) or "")[:MAX_CHARS]
            if time_field(task) in query
            else aijri.format_pct(task.time_pct),
            skipped=skipped,
        )
        for task, skipped in zip(tasks, data.get("skipped") or [False] * len(tasks))
    ]
    mine = MyVersion(True, rows, problems=list(form.non_field_errors()))
    if not valid:
        return mine
    try:
        mine.mix = aijri.own_mix(role.engine_inputs(), data["shared"], role.score)
    except aijri.AIJRIError as error:
        mine.problems.append(f"This version cannot be scored: {error}")
        return mine
    for row, used, effect in zip(rows, data["shared"], mine.mix.effects):
        row.used, row.effect = used, effect
    mine.shared = any(not row.skipped and row.used != time for row, time in zip(rows, data["times"]))
    mine.judgement = judgement_sentence(role, mine.mix.offset)
    mine.moved = moved_sentence(rows)
    return mine
