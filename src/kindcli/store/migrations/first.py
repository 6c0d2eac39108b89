"""The first schema, m001-m007, as it shipped in kind 0.1 (never edit a shipped step)."""

from __future__ import annotations

import json
import sqlite3

from kindcli.kinds import counts_as_practice
from kindcli.store.migrations.base import run as _run


def m001_sessions(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            practice TEXT NOT NULL,
            content_id TEXT,
            started_utc TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            local_date TEXT NOT NULL,
            planned_seconds REAL,
            actual_seconds REAL,
            completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
            distress_before INTEGER CHECK (distress_before BETWEEN 0 AND 10),
            distress_after INTEGER CHECK (distress_after BETWEEN 0 AND 10),
            source TEXT NOT NULL DEFAULT 'app',
            details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
        )
        """,
        "CREATE INDEX sessions_by_local_date ON sessions (local_date)",
        "CREATE INDEX sessions_by_practice ON sessions (practice, local_date)",
    )


def m002_journal(conn: sqlite3.Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE journal_entries (
            session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            prompt_id TEXT,
            body TEXT NOT NULL,
            answers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(answers)),
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE journal_tags (
            session_id TEXT NOT NULL REFERENCES journal_entries (session_id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (session_id, tag)
        )
        """,
        "CREATE INDEX journal_tags_by_tag ON journal_tags (tag)",
    )


def m003_state(conn: sqlite3.Connection) -> None:
    # Small remembered things: a person's chosen kind phrase, whether the welcome was shown.
    _run(
        conn,
        """
        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL CHECK (json_valid(value)),
            updated_utc TEXT NOT NULL
        )
        """,
    )


def m004_journal_search(conn: sqlite3.Connection) -> None:
    # Newest-first journal listings read this index instead of sorting every session.
    conn.execute("CREATE INDEX sessions_by_practice_time ON sessions (practice, started_utc)")
    # Full-text search over the person's own words. The index keeps the entry id beside the
    # text rather than relying on rowids, which VACUUM may renumber. SQLite builds without
    # FTS5 skip the index; search then falls back to a plain scan.
    try:
        conn.execute(
            "CREATE VIRTUAL TABLE journal_fts USING fts5("
            "session_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError as e:
        if "fts5" not in str(e).lower():
            raise
        return
    _run(
        conn,
        """
        CREATE TRIGGER journal_fts_insert AFTER INSERT ON journal_entries BEGIN
            INSERT INTO journal_fts (session_id, body) VALUES (new.session_id, new.body);
        END
        """,
        """
        CREATE TRIGGER journal_fts_delete AFTER DELETE ON journal_entries BEGIN
            DELETE FROM journal_fts WHERE session_id = old.session_id;
        END
        """,
        """
        CREATE TRIGGER journal_fts_update AFTER UPDATE OF body ON journal_entries BEGIN
            DELETE FROM journal_fts WHERE session_id = old.session_id;
            INSERT INTO journal_fts (session_id, body) VALUES (new.session_id, new.body);
        END
        """,
        "INSERT INTO journal_fts (session_id, body) SELECT session_id, body FROM journal_entries",
    )


def m005_journal_drafts(conn: sqlite3.Connection) -> None:
    # An entry in progress, saved after every answer so Ctrl-C, a closed terminal or a crash
    # loses at most the answer being typed. `owner_pid` is the kind process writing it, so
    # another window does not offer a draft that is still being written.
    _run(
        conn,
        """
        CREATE TABLE journal_drafts (
            id TEXT PRIMARY KEY,
            prompt_id TEXT,
            answers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(answers)),
            tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
            started_utc TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            local_date TEXT NOT NULL,
            updated_utc TEXT NOT NULL,
            owner_pid INTEGER
        )
        """,
    )


# What counted as practice when m006 shipped (a break, a journal entry, a meditation, a
# breathing session with at least one full cycle, or anything logged by hand), for one
# session row `r`. History only: m007 replaces these triggers with ones that read the
# `counted` column, which the store fills from the one rule in `kindcli.kinds`.
def _counted6(r: str) -> str:
    return (
        f"({r}.practice != 'breathing' OR {r}.source = 'manual' "
        f"OR json_extract({r}.details, '$.cycles_completed') >= 1)"
    )


def word_count(text: str | None) -> int:
    """Words as `kind stats` counts them: runs of non-space characters."""
    return len(text.split()) if text else 0


def m006_stats_summary(conn: sqlite3.Connection) -> None:
    # Streaks look at every day ever practiced; with years of sessions, scanning them all on
    # each `kind stats` is most of its time. `practice_days` keeps one row per local date
    # with counted practice, kept exact by triggers; journal entries keep their word count.
    conn.create_function("kind_word_count", 1, word_count, deterministic=True)
    _run(
        conn,
        "ALTER TABLE journal_entries ADD COLUMN words INTEGER NOT NULL DEFAULT 0",
        "UPDATE journal_entries SET words = kind_word_count(body)",
        """
        CREATE TABLE practice_days (
            local_date TEXT PRIMARY KEY,
            sessions INTEGER NOT NULL
        ) WITHOUT ROWID
        """,
        "INSERT INTO practice_days (local_date, sessions) "
        f"SELECT local_date, count(*) FROM sessions s WHERE {_counted6('s')} GROUP BY local_date",
        f"""
        CREATE TRIGGER practice_days_insert AFTER INSERT ON sessions WHEN {_counted6("NEW")}
        BEGIN
            INSERT INTO practice_days (local_date, sessions) VALUES (NEW.local_date, 1)
                ON CONFLICT (local_date) DO UPDATE SET sessions = sessions + 1;
        END
        """,
        f"""
        CREATE TRIGGER practice_days_delete AFTER DELETE ON sessions WHEN {_counted6("OLD")}
        BEGIN
            UPDATE practice_days SET sessions = sessions - 1 WHERE local_date = OLD.local_date;
            DELETE FROM practice_days WHERE local_date = OLD.local_date AND sessions <= 0;
        END
        """,
        f"""
        CREATE TRIGGER practice_days_update
        AFTER UPDATE OF practice, source, details, local_date ON sessions
        BEGIN
            UPDATE practice_days SET sessions = sessions - 1
                WHERE local_date = OLD.local_date AND {_counted6("OLD")};
            DELETE FROM practice_days WHERE local_date = OLD.local_date AND sessions <= 0;
            INSERT INTO practice_days (local_date, sessions)
                SELECT NEW.local_date, 1 WHERE {_counted6("NEW")}
                ON CONFLICT (local_date) DO UPDATE SET sessions = sessions + 1;
        END
        """,
    )


def _kind_counted(
    practice: str, source: str, completed: int, actual_seconds: float | None, details: str
) -> int:
    counted = counts_as_practice(
        practice, source, bool(completed), actual_seconds, json.loads(details)
    )
    return int(counted)


def m007_counted_column(conn: sqlite3.Connection) -> None:
    # Whether a session counts as practice is decided once, in Python (`kindcli.kinds`),
    # when the store writes it; this step works it out for what was saved before, and the
    # triggers that keep `practice_days` exact read the column instead of a copy of the rule.
    conn.create_function("kind_counted", 5, _kind_counted, deterministic=True)
    _run(
        conn,
        "ALTER TABLE sessions ADD COLUMN counted INTEGER NOT NULL DEFAULT 0 "
        "CHECK (counted IN (0, 1))",
        "UPDATE sessions SET counted = "
        "kind_counted(practice, source, completed, actual_seconds, details)",
        "DROP TRIGGER practice_days_insert",
        "DROP TRIGGER practice_days_delete",
        "DROP TRIGGER practice_days_update",
        "DELETE FROM practice_days",
        "INSERT INTO practice_days (local_date, sessions) "
        "SELECT local_date, count(*) FROM sessions WHERE counted GROUP BY local_date",
        """
        CREATE TRIGGER practice_days_insert AFTER INSERT ON sessions WHEN NEW.counted
        BEGIN
            INSERT INTO practice_days (local_date, sessions) VALUES (NEW.local_date, 1)
                ON CONFLICT (local_date) DO UPDATE SET sessions = sessions + 1;
        END
        """,
        """
        CREATE TRIGGER practice_days_delete AFTER DELETE ON sessions WHEN OLD.counted
        BEGIN
            UPDATE practice_days SET sessions = sessions - 1 WHERE local_date = OLD.local_date;
            DELETE FROM practice_days WHERE local_date = OLD.local_date AND sessions <= 0;
        END
        """,
        """
        CREATE TRIGGER practice_days_update AFTER UPDATE OF counted, local_date ON sessions
        WHEN OLD.counted OR NEW.counted
        BEGIN
            UPDATE practice_days SET sessions = sessions - 1
                WHERE local_date = OLD.local_date AND OLD.counted;
            DELETE FROM practice_days WHERE local_date = OLD.local_date AND sessions <= 0;
            INSERT INTO practice_days (local_date, sessions)
                SELECT NEW.local_date, 1 WHERE NEW.counted
                ON CONFLICT (local_date) DO UPDATE SET sessions = sessions + 1;
        END
        """,
    )
