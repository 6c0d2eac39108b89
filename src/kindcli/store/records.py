"""What the store keeps, as plain dataclasses shared by practices and the store."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from kindcli.kinds import PRACTICE_IDS
from kindcli.ports import Moment


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class SessionRecord:
    """One practice session: a break, a breathing session, a meditation or a journal entry.

    `source` is "app" for practice done in kind and "manual" for practice logged by hand.
    Distress ratings are 0-10, or None when the person skipped the check-in.
    """

    practice: str
    content_id: str | None
    moment: Moment
    planned_seconds: float | None = None
    actual_seconds: float | None = None
    completed: bool = True
    distress_before: int | None = None
    distress_after: int | None = None
    source: str = "app"
    details: dict[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.practice not in PRACTICE_IDS:
            raise ValueError(f"unknown practice type {self.practice!r}")
        for name in ("distress_before", "distress_after"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 10:
                raise ValueError(f"{name} must be 0-10, not {value}")


@dataclass
class JournalAnswer:
    """One answered question. The question's words are kept with the answer, so an entry
    reads the same after its prompt set changes."""

    question_id: str
    question: str
    answer: str


@dataclass
class JournalEntry:
    """A journal entry. It is also a practice session (practice "journal") with the same id."""

    session: SessionRecord
    prompt_id: str | None
    body: str
    answers: list[JournalAnswer] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    updated_utc: str | None = None

    @property
    def id(self) -> str:
        return self.session.id


@dataclass
class JournalDraft:
    """An entry still being written: saved after every answer, resumed or discarded later.

    `owner_pid` is the process writing it, so another kind window leaves it alone."""

    prompt_id: str | None
    moment: Moment
    answers: list[JournalAnswer] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    updated_utc: str | None = None
    owner_pid: int | None = None
    id: str = field(default_factory=new_id)
    # The optional 0-10 ratings given so far, kept as the entry will keep them.
    ratings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def has_words(self) -> bool:
        return any(a.answer.strip() for a in self.answers)


class PeriodTotals(NamedTuple):
    """Counted sessions of one practice on one local date, as the store sums them.

    `rated` sessions have both a before and an after check-in; the two sums cover those only.
    """

    local_date: date
    practice: str
    sessions: int
    seconds: float
    logged_by_hand: int
    rated: int
    sum_before: float
    sum_after: float


class JournalTotals(NamedTuple):
    """Journal entries written with one prompt (None: free writing) over a period."""

    prompt_id: str | None
    entries: int
    words: int
    reframes: int


class RatingTotals(NamedTuple):
    """One kind of journal rating (say, how loud the critic was) over a period: how many
    entries gave it, and the sum of their 0-10 values."""

    id: str
    name: str
    ratings: int
    total: float

    @property
    def average(self) -> float | None:
        return self.total / self.ratings if self.ratings else None


@dataclass(frozen=True)
class JournalFilter:
    """Which journal entries to list: local dates inclusive, a tag, a prompt set."""

    since: date | None = None
    until: date | None = None
    tag: str | None = None
    prompt_id: str | None = None

    @property
    def narrows(self) -> bool:
        return any(x is not None for x in (self.since, self.until, self.tag, self.prompt_id))


def local_time(moment: Moment) -> str:
    """'2026-03-14 09:30': the local date and clock time a record was made."""
    local = moment.utc + timedelta(minutes=moment.offset_minutes)
    return f"{moment.local_date.isoformat()} {local:%H:%M}"


def body_of(answers: Sequence[JournalAnswer]) -> str:
    """The searchable text of an entry: the person's own words, question by question."""
    return "\n\n".join(a.answer for a in answers if a.answer.strip())


def answers_json(answers: Sequence[JournalAnswer]) -> list[dict[str, str]]:
    """The stored and exported shape of an entry's answers."""
    return [
        {"question_id": a.question_id, "question": a.question, "answer": a.answer} for a in answers
    ]


def entry_json(entry: JournalEntry) -> dict[str, Any]:
    """A journal entry as one JSON object: the shape `kind journal --json` prints (and the
    README documents), shared by every command that hands entries to scripts."""
    m = entry.session.moment
    return {
        "id": entry.id,
        "date": m.local_date.isoformat(),
        "time": local_time(m),
        "utc": m.utc_text,
        "utc_offset_minutes": m.offset_minutes,
        "prompt": entry.prompt_id,
        "tags": entry.tags,
        "answers": answers_json(entry.answers),
        "text": entry.body,
        "updated_utc": entry.updated_utc,
    }


class BreakNote(NamedTuple):
    """The private note written at a break: what was weighing on the person."""

    moment: Moment
    break_id: str | None
    text: str


class MeasureScore(NamedTuple):
    """One score of a measure taken: the total (id "total") or a subscale, with the lowest
    and highest score it could have been, so a history reads without the measure's file."""

    id: str
    name: str
    value: float
    low: float
    high: float


@dataclass
class MeasureResult:
    """A measure taken once: the answers (item id to the number chosen, as answered, before
    any reverse scoring) and the scores made from them, total first when there is one.

    `every_days` is how often the measure was meant to be taken when it was taken, so
    whether it is due again can be read from the database alone (`kind hello`)."""

    measure_id: str
    measure_name: str
    moment: Moment
    answers: dict[str, int]
    scores: list[MeasureScore]
    scoring: str  # "mean" or "sum"
    every_days: int | None = None
    id: str = field(default_factory=new_id)

    @property
    def total(self) -> MeasureScore | None:
        return next((s for s in self.scores if s.id == "total"), None)

    @property
    def headline(self) -> MeasureScore:
        """The score to follow over time: the total, else the first subscale."""
        return self.total or self.scores[0]


@dataclass(frozen=True)
class StateItem:
    """One remembered value (the safety plan, loving-kindness phrases, a chosen phrase)."""

    key: str
    value: Any
    updated_utc: str


@dataclass
class Archive:
    """Records to bring into the store at once (`kind import`): sessions that are not
    journal entries, journal entries (each with its session), and remembered values."""

    sessions: list[SessionRecord] = field(default_factory=list)
    entries: list[JournalEntry] = field(default_factory=list)
    state: list[StateItem] = field(default_factory=list)
    measures: list[MeasureResult] = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    """One record of an archive, as an import found it: "session", "entry", "state" or
    "measure", and its id (a state item's key)."""

    kind: str
    id: str
    practice: str | None = None
    local_date: date | None = None


@dataclass
class MergeReport:
    """What an import added, skipped (the same record was already there) and found in
    conflict (a record with the same id but different content, kept as it was)."""

    added: list[Found] = field(default_factory=list)
    skipped: list[Found] = field(default_factory=list)
    conflicts: list[Found] = field(default_factory=list)
