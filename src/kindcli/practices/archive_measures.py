"""Measures taken (`kind measure`) in kind's own JSON export, both ways: the "measures"
list of a version-1 document (added within the version; older documents have none).

    {"id", "measure_id", "measure_name", "utc", "utc_offset_minutes", "date",
     "answers": {"item id": number chosen, ...}, "scores": [{"id", "name", "value",
     "low", "high"}, ...], "scoring": "sum" | "mean", "every_days": number | null}
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from kindcli.ports import Moment, format_utc
from kindcli.practices.archive import (
    BadData,
    Fields,
    day,
    instant,
    items,
    number,
    obj,
    offset,
    record_id,
    text,
    whole,
)
from kindcli.store.records import Archive, MeasureResult, MeasureScore

SCORINGS = ("sum", "mean")


def measure_json(r: MeasureResult) -> dict[str, Any]:
    m = r.moment
    return {
        "id": r.id,
        "measure_id": r.measure_id,
        "measure_name": r.measure_name,
        "utc": format_utc(m.utc),
        "utc_offset_minutes": m.offset_minutes,
        "date": m.local_date.isoformat(),
        "answers": dict(r.answers),
        "scores": [s._asdict() for s in r.scores],
        "scoring": r.scoring,
        "every_days": r.every_days,
    }


def read_measures(doc: Any, archive: Archive) -> None:
    """The document's "measures" into `archive` (none when it has no such list), each id
    once in the whole file."""
    seen = {r.id: "" for r in (*archive.sessions, *(e.session for e in archive.entries))}
    top = Fields(doc, "")
    for value, where in items(top.get("measures", lambda v, w: v, []), "measures"):
        result = measure(Fields(value, where))
        if result.id in seen:
            raise BadData(f"{where}.id", f"'{result.id}' appears twice in the file")
        seen[result.id] = where
        archive.measures.append(result)


def measure(f: Fields) -> MeasureResult:
    """One measure result read back, checked field by field (BadData names the field)."""
    answers: dict[str, int] = {}
    for item, value in obj(f.get("answers", lambda v, w: v), f.at("answers")).items():
        answers[str(item)] = whole(value, f"{f.at('answers')}.{item}")
    scores = []
    for value, where in items(f.get("scores", lambda v, w: v), f.at("scores")):
        s = Fields(value, where)
        scores.append(
            MeasureScore(
                s.get("id", text),
                s.get("name", text),
                s.get("value", number),
                s.get("low", number),
                s.get("high", number),
            )
        )
    scoring = f.get("scoring", text)
    if scoring not in SCORINGS:
        raise BadData(f.at("scoring"), f"'{scoring}' is not sum or mean")
    return MeasureResult(
        id=f.get("id", record_id),
        measure_id=f.get("measure_id", text),
        measure_name=f.get("measure_name", text),
        moment=Moment(
            utc=f.get("utc", instant).astimezone(UTC),
            offset_minutes=f.get("utc_offset_minutes", offset),
            local_date=f.get("date", day),
        ),
        answers=answers,
        scores=scores,
        scoring=scoring,
        every_days=f.get("every_days", whole, None),
    )
