"""Looking back at a measure's results: every score, a trend that reads without color, and
the change since the first, described and never graded. Shared by `kind measure --history`,
`kind stats` and `kind report`.

Pure Python, and reads results alone (each keeps its measure's name and score ranges), so
no content file is needed to look back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kindcli.practices.measure import BAR_WIDTH, bar, number, since_first, trend
from kindcli.store.records import MeasureResult


@dataclass(frozen=True)
class History:
    """One measure's results, oldest first (never empty)."""

    measure_id: str
    results: tuple[MeasureResult, ...]

    @property
    def name(self) -> str:
        return self.results[-1].measure_name

    @property
    def first(self) -> MeasureResult:
        return self.results[0]

    @property
    def latest(self) -> MeasureResult:
        return self.results[-1]

    @property
    def score_names(self) -> list[tuple[str, str]]:
        """(id, name) of every score any result has, in the order they first appear."""
        seen: dict[str, str] = {}
        for r in self.results:
            for s in r.scores:
                seen.setdefault(s.id, s.name)
        return list(seen.items())


def histories(results: Sequence[MeasureResult]) -> list[History]:
    """Results grouped by measure, in the order given (oldest first within each)."""
    grouped: dict[str, list[MeasureResult]] = {}
    for r in results:
        grouped.setdefault(r.measure_id, []).append(r)
    return [
        History(mid, tuple(sorted(rs, key=lambda r: (r.moment.utc, r.id))))
        for mid, rs in grouped.items()
    ]


def summary_line(history: History) -> str:
    """'Latest: 3.83 on 14 March 2026, 0.83 higher than your first (3 on 10 January 2026).'"""
    count = len(history.results)
    taken = "once" if count == 1 else f"{count} times"
    return f"Taken {taken}. Latest: {since_first(history.first, history.latest)}."


def table(history: History, width: int = 80) -> tuple[list[str], list[list[str]]]:
    """Headers and one row per result: the date, the headline score with a bar (as wide as
    `width` columns leave room for, none on a narrow terminal), and every other score."""
    head, *others = history.score_names
    headers = ["date", head[1].lower(), *(n.lower() for _, n in others)]
    mains, rows = [], []
    for r in history.results:
        scores = {s.id: s for s in r.scores}
        mains.append(scores.get(head[0]))
        rest = [number(scores[i].value) if i in scores else "" for i, _ in others]
        rows.append([r.moment.local_date.isoformat(), "", *rest])
    for row, main in zip(rows, mains, strict=True):
        row[1] = number(main.value) if main else ""
    columns = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    room = min(BAR_WIDTH, width - 1 - sum(columns) - 2 * len(columns) - 1)
    if room >= 4:
        for row, main in zip(rows, mains, strict=True):
            if main is not None:
                row[1] = f"{row[1]:>4} {bar(main, room)}"
    return headers, rows


def trend_line(history: History) -> str:
    return f"Trend, first to latest: {trend(history.results)}"


def result_json(result: MeasureResult) -> dict[str, Any]:
    m = result.moment
    return {
        "id": result.id,
        "date": m.local_date.isoformat(),
        "utc": m.utc_text,
        "utc_offset_minutes": m.offset_minutes,
        "scores": [
            {"id": s.id, "name": s.name, "value": round(s.value, 4), "low": s.low, "high": s.high}
            for s in result.scores
        ],
        "answers": result.answers,
    }


def history_json(history: History) -> dict[str, Any]:
    return {
        "id": history.measure_id,
        "name": history.name,
        "scoring": history.latest.scoring,
        "results": [result_json(r) for r in history.results],
    }


def latest_json(first: MeasureResult, latest: MeasureResult, count: int) -> dict[str, Any]:
    """The shape `kind stats --json` gives each measure: the latest headline score and its
    change since the first (latest minus first)."""
    a, b = first.headline, latest.headline
    return {
        "id": latest.measure_id,
        "name": latest.measure_name,
        "taken": count,
        "score": b.id,
        "first": {"date": first.moment.local_date.isoformat(), "value": round(a.value, 4)},
        "latest": {"date": latest.moment.local_date.isoformat(), "value": round(b.value, 4)},
        "change": round(b.value - a.value, 4),
    }
