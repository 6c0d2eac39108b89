"""Measures taken: each a row of answers and scores, kept apart from practice sessions
(taking a measure is not practice and never counts toward practice days)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import Any

from kindcli.store.database import Database
from kindcli.store.records import MeasureResult, MeasureScore
from kindcli.store.sessions import moment_from_row

_COLUMNS = (
    "id, measure_id, measure_name, taken_utc AS started_utc, utc_offset_minutes, local_date, "
    "answers, scores, scoring, every_days"
)


class Measures(Database):
    def add_measure_result(self, result: MeasureResult) -> None:
        with self.transaction() as conn:
            insert_measure_result(conn, result)

    def measure_results_by_id(self, ids: Sequence[str]) -> dict[str, MeasureResult]:
        found: dict[str, MeasureResult] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM measure_results WHERE id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((r["id"], _result(r)) for r in rows)
        return found

    def measure_results(
        self,
        measure_id: str | None = None,
        *,
        since: date | None = None,
        until: date | None = None,
    ) -> list[MeasureResult]:
        """Results oldest first: of one measure or all, between local dates (inclusive)."""
        clauses, args = ["1"], list[Any]()
        if measure_id is not None:
            clauses.append("measure_id = ?")
            args.append(measure_id)
        if since is not None:
            clauses.append("local_date >= ?")
            args.append(since.isoformat())
        if until is not None:
            clauses.append("local_date <= ?")
            args.append(until.isoformat())
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM measure_results WHERE {' AND '.join(clauses)} "
            "ORDER BY measure_id, taken_utc, id",
            args,
        )
        return [_result(r) for r in rows]

    def measure_firsts_and_lasts(self) -> list[tuple[MeasureResult, MeasureResult, int]]:
        """For each measure ever taken: its first result, its latest, and how many there
        are (for `kind stats`: the latest score and the change since the first)."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, n FROM measure_results r JOIN ("
            "SELECT measure_id AS m, min(taken_utc) AS a, max(taken_utc) AS b, count(*) AS n "
            "FROM measure_results GROUP BY measure_id) g "
            "ON r.measure_id = g.m AND r.taken_utc IN (g.a, g.b) ORDER BY measure_id, taken_utc"
        ).fetchall()
        found: dict[str, list[Any]] = {}
        for r in rows:
            found.setdefault(r["measure_id"], []).append(r)
        return [(_result(rs[0]), _result(rs[-1]), int(rs[0]["n"])) for rs in found.values()]


def insert_measure_result(conn: sqlite3.Connection, result: MeasureResult) -> None:
    total = result.total
    conn.execute(
        "INSERT INTO measure_results (id, measure_id, measure_name, taken_utc, "
        "utc_offset_minutes, local_date, answers, scores, total, scoring, every_days) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            result.id,
            result.measure_id,
            result.measure_name,
            result.moment.utc_text,
            result.moment.offset_minutes,
            result.moment.local_date.isoformat(),
            json.dumps(result.answers, ensure_ascii=False),
            json.dumps([s._asdict() for s in result.scores], ensure_ascii=False),
            total.value if total else None,
            result.scoring,
            result.every_days,
        ),
    )


def _result(row: sqlite3.Row) -> MeasureResult:
    return MeasureResult(
        id=row["id"],
        measure_id=row["measure_id"],
        measure_name=row["measure_name"],
        moment=moment_from_row(row),
        answers={str(k): int(v) for k, v in json.loads(row["answers"]).items()},
        scores=[MeasureScore(**s) for s in json.loads(row["scores"])],
        scoring=row["scoring"],
        every_days=row["every_days"],
    )
