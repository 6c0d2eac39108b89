"""A seeded home for the report's tests: six weeks of practice on fixed dates (February and
March 2026, ending on Saturday 14 March), with check-ins, journal entries, kind replies with
ratings, break notes, measure results and a safety plan. Every piece of a person's own
words carries a marker word, so a test can tell whether it reached the page."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from kindcli.ports import Moment
from kindcli.store import Store
from kindcli.store.records import (
    JournalAnswer,
    JournalEntry,
    MeasureResult,
    MeasureScore,
    SessionRecord,
)

TODAY = date(2026, 3, 14)
ZONE = timezone(timedelta(hours=1))
# Marker words, one for each kind of a person's own words.
NOTE_MARKER = "Blueberrynote"
REFRAME_MARKER = "Lanternreply"
CRITIC_MARKER = "Gravelcritic"
ENTRY_MARKER = "Meadowentry"
PLAN_MARKER = "Willowplan"
# Text that would be markup if it were not escaped.
HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> & "quotes" \x1b[2J'


def at(day: date, hour: int = 19, minute: int = 0) -> Moment:
    return Moment.of(datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE))


def seed(database: Path) -> None:
    """Fill a fresh database at `database` (it is created)."""
    with Store.open(database) as store:
        start = TODAY - timedelta(days=41)
        for n in range(42):
            day = start + timedelta(days=n)
            if n % 3 == 2:
                continue  # a rest day now and then
            before = 7 - n % 4
            store.add_session(
                SessionRecord(
                    practice="break",
                    content_id="standard" if n % 2 else "quick",
                    moment=at(day, 8),
                    planned_seconds=300,
                    actual_seconds=300 if n % 2 else 60,
                    distress_before=before,
                    distress_after=max(0, before - 2),
                    details={"note": f"{NOTE_MARKER} work felt heavy {n}", "mode": "guided"},
                )
            )
            if n % 4 == 0:
                store.add_session(
                    SessionRecord(
                        practice="breathing",
                        content_id="box",
                        moment=at(day, 12),
                        planned_seconds=300,
                        actual_seconds=320,
                        details={"cycles_completed": 5},
                    )
                )
            if n % 5 == 0:
                store.add_session(
                    SessionRecord(
                        practice="meditation",
                        content_id="body-scan",
                        moment=at(day, 21),
                        planned_seconds=1200,
                        actual_seconds=1200,
                        distress_before=5,
                        distress_after=3,
                    )
                )
            if n % 6 == 1:
                _entry(store, day, n)
        for n, (days_ago, values) in enumerate(
            [(40, (2, 4, 3, 4, 2, 4)), (26, (3, 3, 3, 3, 3, 3)), (12, (4, 2, 4, 2, 4, 2))]
        ):
            _measure(store, TODAY - timedelta(days=days_ago), values, f"result-{n}")
        store.set_state(
            "safety_plan",
            {"version": 1, "sections": {"on-my-own": [f"{PLAN_MARKER} walk by the river"]}},
            at(TODAY, 9),
        )


def _entry(store: Store, day: date, n: int) -> None:
    moment = at(day, 20)
    if n % 12 == 1:
        answers = [
            JournalAnswer("critic", "What is your inner critic saying?", f"{CRITIC_MARKER} {n}"),
            JournalAnswer("reframe", "What would a friend say?", f"{REFRAME_MARKER} {n}"),
            JournalAnswer("step", "One small step?", "Make tea."),
        ]
        prompt, tags = "reframe", ["work"]
        details = {
            "ratings": [
                {"id": "critic_loudness", "name": "How loud the critic was", "value": 8},
                {"id": "reply_believable", "name": "How believable the reply felt", "value": 6},
            ]
        }
    else:
        answers = [JournalAnswer("what", "What happened today?", f"{ENTRY_MARKER} {n} {HOSTILE}")]
        prompt, tags, details = "evening", ["work", "sleep"], {}
    session = SessionRecord("journal", prompt, moment, actual_seconds=600, details=details)
    store.add_journal_entry(
        JournalEntry(
            session=session,
            prompt_id=prompt,
            body="\n\n".join(a.answer for a in answers),
            answers=answers,
            tags=tags,
            updated_utc=moment.utc_text,
        )
    )


def _measure(store: Store, day: date, values: tuple[int, ...], rid: str) -> None:
    """A 'Kindness toward myself' result, scored as the shipped measure scores it."""
    from kindcli.catalog.catalog import Catalog
    from kindcli.catalog.measure_models import Measure
    from kindcli.paths import shipped_content_dir
    from kindcli.practices.measure import result_of

    measure = Catalog(shipped_content_dir()).get(Measure, "kindness-toward-myself")
    answers = dict(zip((i.id for i in measure.items), values, strict=True))
    result = result_of(measure, answers, at(day, 18))
    result.id = rid
    store.add_measure_result(result)


def hostile_measure(store: Store, day: date) -> None:
    """A measure of a person's own whose name would be markup if it were not escaped."""
    store.add_measure_result(
        MeasureResult(
            measure_id="mine",
            measure_name=f"Mine {HOSTILE}",
            moment=at(day, 10),
            answers={"a": 1},
            scores=[MeasureScore("total", "Total", 1.0, 0.0, 4.0)],
            scoring="sum",
        )
    )
