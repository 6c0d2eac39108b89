"""Records for tests of history, export and import: homes of their own, and hypothesis
strategies for every kind of record the store keeps."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from kindcli.adapters.terminal import Terminal
from kindcli.cli import app
from kindcli.kinds import PRACTICE_IDS
from kindcli.paths import Paths
from kindcli.ports import Moment, format_utc
from kindcli.services import Services
from kindcli.store import Store
from kindcli.store.records import (
    JournalAnswer,
    JournalEntry,
    MeasureResult,
    MeasureScore,
    SessionRecord,
    StateItem,
    body_of,
)
from tests.fakes import FakeClock, FakePrompter, RecordingTerminal, make_services


def home_services(
    folder: Path,
    *,
    answers: list[Any] | None = None,
    interactive: bool = True,
    terminal: Terminal | None = None,
) -> Services:
    """Services for a kind home in `folder` (not the test's KIND_HOME)."""
    return make_services(
        paths=Paths(data_dir=folder, config_dir=folder, kind_home=folder),
        clock=FakeClock(),
        prompter=FakePrompter(answers or []),
        terminal=terminal or RecordingTerminal(),
        interactive=interactive,
    )


def run(svc: Services, *args: str) -> Result:
    return CliRunner().invoke(app, list(args), obj=svc)


def out(svc: Services) -> RecordingTerminal:
    terminal = svc.terminal
    assert isinstance(terminal, RecordingTerminal)
    return terminal


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (the shared-memory index aside: SQLite
    rewrites it whenever the database is merely opened)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith("-shm")
    }


def holding(folder: Path, word: bytes) -> list[str]:
    return [name for name, data in files_of(folder).items() if word in data]


def at(day: int, hour: int = 20, offset_hours: int = 1) -> Moment:
    """Day `day` of March 2026 (0 is the 1st), at `hour`, `offset_hours` from UTC."""
    tz = timezone(timedelta(hours=offset_hours))
    return Moment.of(datetime(2026, 3, 1, hour, 15, tzinfo=tz) + timedelta(days=day))


def session(practice: str, moment: Moment, **kwargs: Any) -> SessionRecord:
    return SessionRecord(
        practice=practice, content_id=kwargs.pop("content_id", None), moment=moment, **kwargs
    )


def entry(
    moment: Moment, *texts: str, tags: tuple[str, ...] = (), prompt: str = "free"
) -> JournalEntry:
    answers = [JournalAnswer(f"q{i}", f"Question {i}?", t) for i, t in enumerate(texts)]
    return JournalEntry(
        session=SessionRecord(practice="journal", content_id=prompt, moment=moment),
        prompt_id=prompt,
        body=body_of(answers),
        answers=answers,
        tags=sorted(tags),
        updated_utc=moment.utc_text,
    )


def fill(
    folder: Path,
    sessions: list[SessionRecord],
    entries: list[JournalEntry],
    state: list[StateItem] | None = None,
    measures: list[MeasureResult] | None = None,
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with Store.open(folder / "kind.db") as store:
        store.add_sessions(sessions)
        store.add_journal_entries(entries)
        for result in measures or []:
            store.add_measure_result(result)
        for item in state or []:
            with store.transaction() as conn:
                conn.execute(
                    "INSERT INTO state (key, value, updated_utc) VALUES (?, json(?), ?)",
                    (item.key, json.dumps(item.value), item.updated_utc),
                )


def everything(
    folder: Path,
) -> tuple[list[SessionRecord], list[JournalEntry], list[StateItem], list[MeasureResult]]:
    with Store.open(folder / "kind.db") as store, store.snapshot():
        return (
            list(store.export_sessions()),
            list(store.export_journal()),
            store.state_items(),
            store.measure_results(),
        )


# ---- strategies ---------------------------------------------------------------------------

SLUG = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
TEXT = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() != "")
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
SECONDS = st.none() | st.floats(0, 100_000, allow_nan=False) | st.integers(0, 7200).map(float)
RATING = st.none() | st.integers(0, 10)


@st.composite
def moments(draw: st.DrawFn) -> Moment:
    instant = draw(st.datetimes(datetime(2019, 1, 1), datetime(2031, 1, 1), timezones=st.just(UTC)))
    offset = draw(st.integers(-12 * 60, 14 * 60))
    local = instant + timedelta(minutes=offset)
    return Moment(instant, offset, local.date())


@st.composite
def sessions(draw: st.DrawFn) -> SessionRecord:
    return SessionRecord(
        practice=draw(st.sampled_from(PRACTICE_IDS)),
        content_id=draw(st.none() | SLUG),
        moment=draw(moments()),
        planned_seconds=draw(SECONDS),
        actual_seconds=draw(SECONDS),
        completed=draw(st.booleans()),
        distress_before=draw(RATING),
        distress_after=draw(RATING),
        source=draw(st.sampled_from(["app", "manual"])),
        details=draw(st.dictionaries(st.text(max_size=10), JSON, max_size=4)),
    )


@st.composite
def entries(draw: st.DrawFn) -> JournalEntry:
    answers = draw(st.lists(st.builds(JournalAnswer, SLUG, TEXT, TEXT), min_size=1, max_size=3))
    session = draw(sessions())
    session.practice = "journal"
    own_body = draw(st.none() | TEXT)
    return JournalEntry(
        session=session,
        prompt_id=draw(st.none() | SLUG),
        body=own_body if own_body is not None else body_of(answers),
        answers=answers,
        tags=sorted(draw(st.sets(SLUG, max_size=3))),
        updated_utc=format_utc(draw(moments()).utc),
    )


STATE = st.lists(
    st.builds(
        StateItem,
        st.sampled_from(["safety_plan", "meditation.phrases", "break.standard.choice.1"]),
        JSON,
        moments().map(lambda m: m.utc_text),
    ),
    max_size=3,
    unique_by=lambda item: item.key,
)


@st.composite
def measure_results(draw: st.DrawFn) -> MeasureResult:
    low = draw(st.integers(0, 2))
    high = low + draw(st.integers(1, 6))
    scores = [
        MeasureScore(draw(SLUG), draw(TEXT), draw(st.floats(low, high)), float(low), float(high))
        for _ in range(draw(st.integers(1, 3)))
    ]
    return MeasureResult(
        measure_id=draw(SLUG),
        measure_name=draw(TEXT),
        moment=draw(moments()),
        answers=draw(st.dictionaries(SLUG, st.integers(low, high), min_size=1, max_size=4)),
        scores=scores,
        scoring=draw(st.sampled_from(["sum", "mean"])),
        every_days=draw(st.none() | st.integers(1, 60)),
    )
