"""m009: measure results; the 0-10 ratings journal entries keep, summed per day; and the
ratings a journal draft keeps."""

from __future__ import annotations

import sqlite3

from kindcli.store.migrations.base import run as _run


def m009_measure_results(conn: sqlite3.Connection) -> None:
    # What a person answered when they took a measure, and its scores. A result keeps the
    # measure's name and each score's name and range, so a history (and a report) reads the
    # same after the measure's file changes or is removed, and is read without the content.
    # Taking a measure is not practice: results are kept apart from `sessions`. Drafts keep
    # the optional 0-10 ratings given so far (how loud the critic was), so carrying on with
    # a draft loses none.
    _run(
        conn,
        """
        CREATE TABLE measure_results (
            id TEXT PRIMARY KEY,
            measure_id TEXT NOT NULL,
            measure_name TEXT NOT NULL,
            taken_utc TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            local_date TEXT NOT NULL,
            answers TEXT NOT NULL CHECK (json_valid(answers)),
            scores TEXT NOT NULL CHECK (json_valid(scores)),
            total REAL,
            scoring TEXT NOT NULL,
            every_days INTEGER
        )
        """,
        "CREATE INDEX measure_results_by_measure ON measure_results (measure_id, taken_utc)",
        "CREATE INDEX measure_results_by_date ON measure_results (local_date)",
        "ALTER TABLE journal_drafts ADD COLUMN ratings TEXT NOT NULL DEFAULT '[]' "
        "CHECK (json_valid(ratings))",
        # The ratings of journal entries (`sessions.details.ratings`: how loud the critic
        # was, how believable the kind reply felt), summed per local date and rating, so
        # `kind stats` reads a few rows per day however long the history (as m008's totals).
        """
        CREATE TABLE journal_rating_totals (
            local_date TEXT NOT NULL,
            rating_id TEXT NOT NULL,
            name TEXT NOT NULL,
            ratings INTEGER NOT NULL,
            total INTEGER NOT NULL,
            PRIMARY KEY (local_date, rating_id)
        ) WITHOUT ROWID
        """,
        f"""
        CREATE TRIGGER journal_ratings_insert AFTER INSERT ON sessions
        WHEN NEW.practice = 'journal' AND {_has_ratings("NEW")}
        BEGIN
            {_add("NEW")};
        END
        """,
        f"""
        CREATE TRIGGER journal_ratings_delete AFTER DELETE ON sessions
        WHEN OLD.practice = 'journal' AND {_has_ratings("OLD")}
        BEGIN
            {_take_away("OLD")};
            DELETE FROM journal_rating_totals WHERE local_date = OLD.local_date AND ratings <= 0;
        END
        """,
        f"""
        CREATE TRIGGER journal_ratings_update AFTER UPDATE OF practice, local_date, details
        ON sessions
        WHEN (OLD.practice = 'journal' AND {_has_ratings("OLD")})
          OR (NEW.practice = 'journal' AND {_has_ratings("NEW")})
        BEGIN
            {_take_away("OLD", "OLD.practice = 'journal'")};
            DELETE FROM journal_rating_totals WHERE local_date = OLD.local_date AND ratings <= 0;
            {_add("NEW", "NEW.practice = 'journal'")};
        END
        """,
        "INSERT INTO journal_rating_totals (local_date, rating_id, name, ratings, total) "
        f"SELECT s.local_date, {_ID}, max({_NAME}), count(*), sum({_VALUE}) "
        "FROM sessions s, json_each(s.details, '$.ratings') r "
        f"WHERE s.practice = 'journal' AND {_COUNTS} GROUP BY s.local_date, {_ID}",
    )


# One rating in `details.ratings` is {"id", "name", "value"}; only whole 0-10 values count.
_ID = "json_extract(r.value, '$.id')"
_NAME = f"coalesce(json_extract(r.value, '$.name'), {_ID})"
_VALUE = "json_extract(r.value, '$.value')"
_COUNTS = (
    "json_type(r.value, '$.id') = 'text' AND json_type(r.value, '$.value') = 'integer' "
    f"AND {_VALUE} BETWEEN 0 AND 10"
)


def _has_ratings(row: str) -> str:
    return f"json_type({row}.details, '$.ratings') = 'array'"


def _add(row: str, also: str = "1") -> str:
    """Add each rating of session `row` to its day's sums."""
    return (
        "INSERT INTO journal_rating_totals (local_date, rating_id, name, ratings, total) "
        f"SELECT {row}.local_date, {_ID}, {_NAME}, 1, {_VALUE} "
        f"FROM json_each({row}.details, '$.ratings') r WHERE {_COUNTS} AND {also} "
        "ON CONFLICT (local_date, rating_id) DO UPDATE SET ratings = ratings + 1, "
        "total = total + excluded.total, name = excluded.name"
    )


def _take_away(row: str, also: str = "1") -> str:
    """Take each rating of session `row` from its day's sums."""
    return (
        "UPDATE journal_rating_totals SET ratings = ratings - 1, total = total - ("
        f"SELECT {_VALUE} FROM json_each({row}.details, '$.ratings') r "
        f"WHERE {_COUNTS} AND {_ID} = journal_rating_totals.rating_id LIMIT 1) "
        f"WHERE local_date = {row}.local_date AND {also} AND rating_id IN ("
        f"SELECT {_ID} FROM json_each({row}.details, '$.ratings') r WHERE {_COUNTS})"
    )
