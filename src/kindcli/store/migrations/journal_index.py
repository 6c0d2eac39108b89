"""m008: the journal stored once, its own word index, and per-day sums for stats."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

from kindcli.store.migrations.base import run as _run
from kindcli.store.words import terms_json

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def entry_key(instant: datetime) -> int:
    """A journal entry's stable key: its start in whole seconds since 1970 (UTC). Keys order
    entries newest first straight from the index; a tie takes the next free number."""
    return (instant - EPOCH) // timedelta(seconds=1)


def _key_of_text(text: str | None) -> int:
    """The key of a stored UTC instant (kind's own format, or any ISO 8601 form)."""
    text = text or ""
    try:
        instant = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except ValueError:
        try:
            instant = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return 0
    return entry_key(instant if instant.tzinfo else instant.replace(tzinfo=UTC))


def _question_v8(conn: sqlite3.Connection, question_id: str, question: str) -> int:
    """The journal_questions row of a question (each distinct question is kept once)."""
    found = conn.execute(
        "SELECT id FROM journal_questions WHERE question_id = ? AND question = ?",
        (question_id, question),
    ).fetchone()
    if found:
        return int(found[0])
    made = conn.execute(
        "INSERT INTO journal_questions (question_id, question) VALUES (?, ?)",
        (question_id, question),
    )
    return int(made.lastrowid or 0)


def _answers_v8(conn: sqlite3.Connection, answers: str | None) -> str:
    """Answers as m008 keeps them: [question ref, answer] pairs, the question's words once
    in journal_questions."""
    try:
        items = json.loads(answers or "[]")
    except ValueError:
        items = []
    kept = [
        [
            _question_v8(conn, str(a.get("question_id", "")), str(a.get("question", ""))),
            str(a.get("answer", "")),
        ]
        for a in (items if isinstance(items, list) else [])
        if isinstance(a, dict)
    ]
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def _joined(answers: str) -> str:
    return "\n\n".join(a[1] for a in json.loads(answers) if a[1].strip())


# Pieces of the triggers below, for a row `r` (NEW or OLD) of journal_entries or sessions.


def _reframe(r: str) -> str:
    """1 when entry `r` holds a written caring reply in the reframe set, else 0."""
    return (
        f"(coalesce({r}.prompt_id, '') = 'reframe' AND EXISTS (SELECT 1 FROM "
        f"json_each({r}.answers) a JOIN journal_questions q ON q.id = "
        "json_extract(a.value, '$[0]') WHERE q.question_id = 'reframe' "
        "AND trim(coalesce(json_extract(a.value, '$[1]'), '')) != ''))"
    )


def _entry(r: str | None = None, session: str | None = None) -> tuple[str, str, str]:
    """(prompt id, words, reframe) of entry row `r`, or of the entry of session row
    `session` (each NULL when that session has no entry)."""
    if r is not None:
        return f"coalesce({r}.prompt_id, '')", f"{r}.words", _reframe(r)

    def of(expr: str) -> str:
        return f"(SELECT {expr} FROM journal_entries e WHERE e.session_id = {session}.id)"

    return of("coalesce(e.prompt_id, '')"), of("e.words"), of(_reframe("e"))


def _add_entry(entry: tuple[str, str, str], day: str) -> str:
    """Count an entry on local date `day` (SQL; nothing is counted when it is NULL)."""
    prompt, words, reframe = entry
    return f"""
        INSERT INTO journal_totals (local_date, prompt_id, entries, words, reframes)
            SELECT {day}, {prompt}, 1, {words}, {reframe}
            WHERE {day} IS NOT NULL AND {prompt} IS NOT NULL
            ON CONFLICT (local_date, prompt_id) DO UPDATE SET entries = entries + 1,
                words = words + excluded.words, reframes = reframes + excluded.reframes;"""


def _take_entry(entry: tuple[str, str, str], day: str) -> str:
    prompt, words, reframe = entry
    where = f"local_date = {day} AND prompt_id = {prompt}"
    return f"""
        UPDATE journal_totals SET entries = entries - 1, words = words - {words},
            reframes = reframes - {reframe} WHERE {where};
        DELETE FROM journal_totals WHERE {where} AND entries <= 0;"""


def _entry_day(r: str) -> str:
    """The local date of entry `r`'s session (NULL once the session is gone)."""
    return f"(SELECT local_date FROM sessions WHERE id = {r}.session_id AND practice = 'journal')"


def _journal_day(r: str) -> str:
    return f"(CASE WHEN {r}.practice = 'journal' THEN {r}.local_date END)"


def _rated(r: str) -> str:
    return f"({r}.distress_before IS NOT NULL AND {r}.distress_after IS NOT NULL)"


def _sums(r: str) -> dict[str, str]:
    """What session `r` adds to its practice_totals row."""
    return {
        "sessions": "1",
        "milliseconds": f"CAST(round(coalesce({r}.actual_seconds, 0) * 1000) AS INTEGER)",
        "by_hand": f"({r}.source = 'manual')",
        "rated": _rated(r),
        "sum_before": f"(CASE WHEN {_rated(r)} THEN {r}.distress_before ELSE 0 END)",
        "sum_after": f"(CASE WHEN {_rated(r)} THEN {r}.distress_after ELSE 0 END)",
    }


def _add_session(r: str, when: str = "true") -> str:
    sums = _sums(r)
    return f"""
        INSERT INTO practice_totals (practice, local_date, content_id, {", ".join(sums)})
            SELECT {r}.practice, {r}.local_date, coalesce({r}.content_id, ''),
                {", ".join(sums.values())} WHERE {when}
            ON CONFLICT (practice, local_date, content_id) DO UPDATE SET
                {", ".join(f"{c} = {c} + excluded.{c}" for c in sums)};"""


def _take_session(r: str, when: str = "true") -> str:
    key = (
        f"{when} AND practice = {r}.practice AND local_date = {r}.local_date "
        f"AND content_id = coalesce({r}.content_id, '')"
    )
    changes = ", ".join(f"{c} = {c} - {v}" for c, v in _sums(r).items())
    return f"""
        UPDATE practice_totals SET {changes} WHERE {key};
        DELETE FROM practice_totals WHERE {key} AND sessions <= 0;"""


def _index_add(r: str) -> str:
    return f"""
        INSERT INTO journal_words (word, entries)
            SELECT value, 1 FROM json_each(kind_terms({r}.answers, {r}.body)) WHERE true
            ON CONFLICT (word) DO UPDATE SET entries = entries + 1;
        INSERT INTO journal_index (word, entry)
            SELECT w.id, {r}.n FROM json_each(kind_terms({r}.answers, {r}.body)) t
            JOIN journal_words w ON w.word = t.value;"""


def _index_take(r: str) -> str:
    terms = f"SELECT value FROM json_each(kind_terms({r}.answers, {r}.body))"
    return f"""
        DELETE FROM journal_index WHERE entry = {r}.n
            AND word IN (SELECT id FROM journal_words WHERE word IN ({terms}));
        UPDATE journal_words SET entries = entries - 1 WHERE word IN ({terms});
        DELETE FROM journal_words WHERE entries <= 0 AND word IN ({terms});"""


def m008_journal_index_and_totals(conn: sqlite3.Connection) -> None:
    # An entry kept its words three times (body, answers and the FTS5 table: 2.2 KB each);
    # FTS5 before SQLite 3.42 cannot forget a deleted entry's words without rewriting its
    # whole index; and `kind stats` summed every session of its window. From here an entry
    # keeps its words once (its answers; `body` only for an entry whose text is not its
    # answers joined), under a stable time-ordered INTEGER PRIMARY KEY (VACUUM never
    # renumbers it); a word index in plain tables replaces FTS5, so deleting an entry
    # deletes its rows (which secure_delete overwrites); and per-day sums feed the stats.
    # Triggers keep every derived table exact; they call `kind_terms`, which kind registers
    # on every connection it opens (`kindcli.store.words`).
    conn.create_function("kind_terms", 2, terms_json, deterministic=True)
    _run(
        conn,
        "ALTER TABLE journal_tags RENAME TO journal_tags_v7",
        "ALTER TABLE journal_entries RENAME TO journal_entries_v7",
        "DROP INDEX journal_tags_by_tag",
        """
        CREATE TABLE journal_entries (
            n INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL UNIQUE REFERENCES sessions (id) ON DELETE CASCADE,
            prompt_id TEXT,
            answers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(answers)),
            body TEXT,
            updated_utc TEXT NOT NULL,
            words INTEGER NOT NULL DEFAULT 0
        )
        """,
        # Each distinct question once: the words it was asked in, so an entry reads the same
        # after its prompt set changes, without a copy in every entry. Rows never change.
        """
        CREATE TABLE journal_questions (
            id INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            question TEXT NOT NULL,
            UNIQUE (question_id, question)
        )
        """,
        """
        CREATE TABLE journal_tags (
            entry INTEGER NOT NULL REFERENCES journal_entries (n) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (entry, tag)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX journal_tags_by_tag ON journal_tags (tag)",
        # Each distinct term once, with how many entries hold it; the index pairs term ids
        # with entry keys, so it holds no words at all.
        """
        CREATE TABLE journal_words (
            id INTEGER PRIMARY KEY,
            word TEXT NOT NULL UNIQUE,
            entries INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE journal_index (
            word INTEGER NOT NULL,
            entry INTEGER NOT NULL,
            PRIMARY KEY (word, entry)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE journal_totals (
            local_date TEXT NOT NULL,
            prompt_id TEXT NOT NULL,
            entries INTEGER NOT NULL,
            words INTEGER NOT NULL,
            reframes INTEGER NOT NULL,
            PRIMARY KEY (local_date, prompt_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE practice_totals (
            practice TEXT NOT NULL,
            local_date TEXT NOT NULL,
            content_id TEXT NOT NULL,
            sessions INTEGER NOT NULL,
            milliseconds INTEGER NOT NULL,
            by_hand INTEGER NOT NULL,
            rated INTEGER NOT NULL,
            sum_before INTEGER NOT NULL,
            sum_after INTEGER NOT NULL,
            PRIMARY KEY (practice, local_date, content_id)
        ) WITHOUT ROWID
        """,
        f"""
        CREATE TRIGGER journal_entry_insert AFTER INSERT ON journal_entries BEGIN
            {_index_add("NEW")}
            {_add_entry(_entry("NEW"), _entry_day("NEW"))}
        END
        """,
        # An entry deleted on its own still has its session here. One deleted with its
        # session (ON DELETE CASCADE) has none by now: the session's BEFORE DELETE trigger
        # below has already taken it out of journal_totals, while the entry still existed.
        f"""
        CREATE TRIGGER journal_entry_delete AFTER DELETE ON journal_entries BEGIN
            {_index_take("OLD")}
            {_take_entry(_entry("OLD"), _entry_day("OLD"))}
        END
        """,
        f"""
        CREATE TRIGGER journal_entry_words AFTER UPDATE OF answers, body ON journal_entries
        BEGIN
            {_index_take("OLD")}
            {_index_add("NEW")}
        END
        """,
        f"""
        CREATE TRIGGER journal_entry_totals
        AFTER UPDATE OF session_id, prompt_id, answers, words ON journal_entries BEGIN
            {_take_entry(_entry("OLD"), _entry_day("OLD"))}
            {_add_entry(_entry("NEW"), _entry_day("NEW"))}
        END
        """,
        f"""
        CREATE TRIGGER journal_session_delete BEFORE DELETE ON sessions
        WHEN OLD.practice = 'journal' BEGIN
            {_take_entry(_entry(session="OLD"), "OLD.local_date")}
        END
        """,
        f"""
        CREATE TRIGGER journal_session_moves AFTER UPDATE OF practice, local_date ON sessions
        WHEN OLD.practice = 'journal' OR NEW.practice = 'journal' BEGIN
            {_take_entry(_entry(session="OLD"), _journal_day("OLD"))}
            {_add_entry(_entry(session="NEW"), _journal_day("NEW"))}
        END
        """,
        f"""
        CREATE TRIGGER practice_totals_insert AFTER INSERT ON sessions WHEN NEW.counted BEGIN
            {_add_session("NEW")}
        END
        """,
        f"""
        CREATE TRIGGER practice_totals_delete AFTER DELETE ON sessions WHEN OLD.counted BEGIN
            {_take_session("OLD")}
        END
        """,
        f"""
        CREATE TRIGGER practice_totals_update AFTER UPDATE OF counted, practice, content_id,
            local_date, actual_seconds, source, distress_before, distress_after ON sessions
        WHEN OLD.counted OR NEW.counted BEGIN
            {_take_session("OLD", "OLD.counted")}
            {_add_session("NEW", "NEW.counted")}
        END
        """,
    )
    sums = _sums("s")
    conn.execute(
        f"INSERT INTO practice_totals (practice, local_date, content_id, {', '.join(sums)}) "
        "SELECT s.practice, s.local_date, coalesce(s.content_id, ''), "
        + ", ".join(f"sum({v})" for v in sums.values())
        + " FROM sessions s WHERE s.counted GROUP BY 1, 2, 3"
    )
    # Move every entry, oldest first, so that tied seconds keep their order. The triggers
    # above fill the word index and journal_totals as each row goes in.
    rows = conn.execute(
        "SELECT j.session_id, j.prompt_id, j.body, j.answers, j.updated_utc, j.words, "
        "coalesce(s.started_utc, j.created_utc) AS started, s.id IS NULL "
        "FROM journal_entries_v7 j LEFT JOIN sessions s ON s.id = j.session_id "
        "ORDER BY started, j.session_id"
    ).fetchall()
    used: set[int] = set()
    for session_id, prompt_id, body, answers, updated_utc, words, started, alone in rows:
        key = _key_of_text(started)
        if alone:
            # An entry whose session is missing (written with foreign keys off) was never
            # listed; give it back its session rather than lose the words.
            instant = EPOCH + timedelta(seconds=key)
            conn.execute(
                "INSERT INTO sessions (id, practice, content_id, started_utc, "
                "utc_offset_minutes, local_date, completed, counted) "
                "VALUES (?, 'journal', ?, ?, 0, ?, 1, 1)",
                (
                    session_id,
                    prompt_id,
                    instant.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    instant.date().isoformat(),
                ),
            )
        while key in used:
            key += 1
        used.add(key)
        kept = _answers_v8(conn, answers)
        conn.execute(
            "INSERT INTO journal_entries (n, session_id, prompt_id, answers, body, "
            "updated_utc, words) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                session_id,
                prompt_id,
                kept,
                None if body == _joined(kept) else body,
                updated_utc,
                words,
            ),
        )
    _run(
        conn,
        "INSERT INTO journal_tags (entry, tag) SELECT e.n, t.tag FROM journal_tags_v7 t "
        "JOIN journal_entries e ON e.session_id = t.session_id",
        "DROP TABLE journal_tags_v7",
        "DROP TABLE journal_entries_v7",
        "DROP TABLE IF EXISTS journal_fts",
    )
