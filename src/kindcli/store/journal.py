"""Journal entries, their tags and word index, and drafts still being written.

An entry is a `sessions` row plus a `journal_entries` row keyed by `n`, a stable integer
that orders entries by when they began (`migrations.entry_key`), so listing and search read
newest first straight from an index and stop after the limit. The word index
(`journal_words`, `journal_index`) and the stats sums are kept by triggers (m008).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any

from kindcli.store.database import Database
from kindcli.store.migrations import entry_key, word_count
from kindcli.store.records import (
    JournalAnswer,
    JournalEntry,
    JournalFilter,
    answers_json,
    body_of,
)
from kindcli.store.sessions import insert_session, session_from_row
from kindcli.store.words import next_term, terms

# A search term matching more index terms than this (a very short prefix) is checked
# against each candidate's own text instead of through the index.
MAX_TERM_IDS = 48
_COLUMNS = "s.*, j.n, j.prompt_id, j.answers, j.body, j.updated_utc AS entry_updated"
# CROSS JOIN keeps journal_entries the outer loop, read in key order (SQLite would
# otherwise walk the sessions index and sort every entry).
_FROM = "journal_entries j CROSS JOIN sessions s ON s.id = j.session_id"


class Journal(Database):
    def add_journal_entry(self, entry: JournalEntry, *, draft_id: str | None = None) -> None:
        """Save an entry (its session, text and tags) and drop its draft, all at once."""
        with self.transaction() as conn:
            _insert_entry(conn, entry)
            if draft_id is not None:
                conn.execute("DELETE FROM journal_drafts WHERE id = ?", (draft_id,))

    def add_journal_entries(self, entries: Iterable[JournalEntry]) -> int:
        """Save many entries in one transaction (all or none); returns how many."""
        return self.insert_all(entries, _insert_entry)

    def update_journal_entry(
        self, entry_id: str, body: str, answers: Sequence[JournalAnswer], updated_utc: str
    ) -> bool:
        """Replace an entry's words; the old ones are gone from the file afterwards."""
        with self.transaction() as conn:
            done = conn.execute(
                "UPDATE journal_entries SET answers = ?, body = ?, updated_utc = ?, words = ? "
                "WHERE session_id = ?",
                (
                    _stored_answers(conn, answers),
                    _extra_body(body, answers),
                    updated_utc,
                    word_count(body),
                    entry_id,
                ),
            )
        self._wipe_old_copies()
        return done.rowcount == 1

    def change_journal_tags(
        self, entry_id: str, add: Sequence[str], remove: Sequence[str], updated_utc: str
    ) -> list[str] | None:
        """Add and remove tags on one entry in one transaction; its tags afterwards, or None
        when there is no such entry. Adding a tag it has, or removing one it has not,
        changes nothing."""
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT n FROM journal_entries WHERE session_id = ?", (entry_id,)
            ).fetchone()
            if row is None:
                return None
            key = int(row[0])
            conn.executemany(
                "DELETE FROM journal_tags WHERE entry = ? AND tag = ?",
                [(key, tag) for tag in remove],
            )
            conn.executemany(
                "INSERT OR IGNORE INTO journal_tags (entry, tag) VALUES (?, ?)",
                [(key, tag) for tag in add],
            )
            if add or remove:
                conn.execute(
                    "UPDATE journal_entries SET updated_utc = ? WHERE n = ?", (updated_utc, key)
                )
            rows = conn.execute(
                "SELECT tag FROM journal_tags WHERE entry = ? ORDER BY tag", (key,)
            ).fetchall()
        return [str(r[0]) for r in rows]

    def delete_journal_entry(self, entry_id: str) -> bool:
        """Delete an entry; its text, tags and session go with it (ON DELETE CASCADE), and
        no copy of its words is left in the database file or its write-ahead log."""
        with self.transaction() as conn:
            done = conn.execute(
                "DELETE FROM sessions WHERE id = ? AND practice = 'journal'", (entry_id,)
            )
        self._wipe_old_copies()
        return done.rowcount == 1

    def journal_ids_starting(self, prefix: str, limit: int = 6) -> list[str]:
        """Entry ids that start with `prefix` (ids are lowercase hex and dashes)."""
        if not prefix or any(c not in "0123456789abcdef-" for c in prefix):
            return []
        # GLOB is case-sensitive, so SQLite can answer it from the session_id index.
        rows = self._conn.execute(
            "SELECT session_id FROM journal_entries WHERE session_id GLOB ? "
            "ORDER BY session_id LIMIT ?",
            (prefix + "*", limit),
        )
        return [r[0] for r in rows]

    def get_journal_entry(self, entry_id: str) -> JournalEntry | None:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM {_FROM} WHERE j.session_id = ? AND s.practice = 'journal'",
            (entry_id,),
        ).fetchall()
        found = self._entries(rows)
        return found[0] if found else None

    def journal_entries(
        self, filters: JournalFilter | None = None, limit: int | None = None
    ) -> list[JournalEntry]:
        """Entries newest first, narrowed by `filters`: read in key order from the entries
        (or, with a tag, from that tag's index), stopping after `limit`."""
        f = filters or JournalFilter()
        where, args = _where(f, tag=False)
        if f.tag is not None:
            source = f"journal_tags t CROSS JOIN {_FROM} AND j.n = t.entry"
            where = f"t.tag = ? AND {where}"
            args = [f.tag, *args]
            order = "t.entry"
        else:
            source, order = _FROM, "j.n"
        sql = f"SELECT {_COLUMNS} FROM {source} WHERE {where} ORDER BY {order} DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return self._entries(self._conn.execute(sql, args).fetchall())

    def search_journal(
        self,
        words: Sequence[str],
        filters: JournalFilter | None = None,
        limit: int | None = None,
    ) -> list[JournalEntry]:
        """Entries whose text holds every word (each as the start of a word, accents and
        case ignored), newest first.

        The rarest word leads: its entries come newest first from the index, merged over
        the terms it starts, in growing batches; each batch is checked for the other words
        and the filters, and reading stops once `limit` entries are found."""
        wanted = terms(" ".join(words))
        if not wanted or limit == 0:
            return []
        groups: list[list[tuple[int, int]]] = []
        for term in wanted:
            found = self._conn.execute(
                "SELECT id, entries FROM journal_words WHERE word >= ? AND word < ?",
                (term, next_term(term)),
            ).fetchall()
            if not found:
                return []
            groups.append([(r[0], r[1]) for r in found])
        order = sorted(range(len(wanted)), key=lambda i: sum(e for _, e in groups[i]))
        lead = groups[order[0]] if len(groups[order[0]]) <= MAX_TERM_IDS else None
        f = filters or JournalFilter()
        low, high = _key_bounds(f)
        where, args = _where(f, tag=True)
        checked_in_python: list[str] = []
        for i in order[1:] if lead is not None else order:
            ids = [w for w, _ in groups[i]]
            if len(ids) > MAX_TERM_IDS:
                checked_in_python.append(wanted[i])
                continue
            where += (
                " AND EXISTS (SELECT 1 FROM journal_index x WHERE x.entry = j.n "
                f"AND x.word IN ({','.join('?' * len(ids))}))"
            )
            args += ids
        found_entries: list[JournalEntry] = []
        for batch in _batches(self, lead, low, high):
            marks = ",".join("?" * len(batch))
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM {_FROM} WHERE j.n IN ({marks}) AND {where} "
                "ORDER BY j.n DESC",
                [*batch, *args],
            ).fetchall()
            for entry in self._entries(rows):
                if checked_in_python and not _holds(entry.body, checked_in_python):
                    continue
                found_entries.append(entry)
                if limit is not None and len(found_entries) >= limit:
                    return found_entries
        return found_entries

    def journal_tags(self) -> list[tuple[str, int]]:
        """Every tag with how many entries carry it, most used first."""
        rows = self._conn.execute(
            "SELECT tag, count(*) AS n FROM journal_tags GROUP BY tag ORDER BY n DESC, tag"
        )
        return [(r[0], int(r[1])) for r in rows]

    @cached_property
    def _question_cache(self) -> dict[int, tuple[str, str]]:
        return {}

    def _questions(self, refs: set[int]) -> dict[int, tuple[str, str]]:
        """(question id, question) of each journal_questions ref; rows never change, so
        what was read once is kept for the life of the connection."""
        known = self._question_cache
        missing = [r for r in refs if r not in known]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            for ref, question_id, question in self._tuples().execute(
                "SELECT id, question_id, question FROM journal_questions WHERE id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            ):
                known[ref] = (question_id, question)
        return known

    def _entries(self, rows: list[Any]) -> list[JournalEntry]:
        """Entries from rows of `_COLUMNS`, with their tags fetched all at once."""
        tags: dict[int, list[str]] = {r["n"]: [] for r in rows}
        keys = list(tags)
        # In chunks below SQLite's smallest variable limit.
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            for t in self._conn.execute(
                "SELECT entry, tag FROM journal_tags WHERE entry IN "
                f"({','.join('?' * len(chunk))}) ORDER BY entry, tag",
                chunk,
            ):
                tags[t[0]].append(t[1])
        stored = [json.loads(r["answers"]) for r in rows]
        questions = self._questions({a[0] for answers in stored for a in answers})
        entries = []
        for r, pairs in zip(rows, stored, strict=True):
            answers = [JournalAnswer(*questions[ref], text) for ref, text in pairs]
            entries.append(
                JournalEntry(
                    session=session_from_row(r),
                    prompt_id=r["prompt_id"],
                    body=r["body"] if r["body"] is not None else body_of(answers),
                    answers=answers,
                    tags=tags[r["n"]],
                    updated_utc=r["entry_updated"],
                )
            )
        return entries


def _insert_entry(conn: Any, entry: JournalEntry) -> None:
    insert_session(conn, entry.session)
    key = _free_key(conn, entry_key(entry.session.moment.utc))
    conn.execute(
        "INSERT INTO journal_entries (n, session_id, prompt_id, answers, body, updated_utc, "
        "words) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            entry.id,
            entry.prompt_id,
            _stored_answers(conn, entry.answers),
            _extra_body(entry.body, entry.answers),
            entry.updated_utc or entry.session.moment.utc_text,
            word_count(entry.body),
        ),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO journal_tags (entry, tag) VALUES (?, ?)",
        [(key, tag) for tag in entry.tags],
    )


def _free_key(conn: Any, key: int) -> int:
    """`key`, or the first free number after it when entries already hold it (ties)."""
    for (taken,) in conn.execute("SELECT n FROM journal_entries WHERE n >= ? ORDER BY n", (key,)):
        if taken != key:
            break
        key += 1
    return key


def _key_bounds(f: JournalFilter) -> tuple[int | None, int | None]:
    """Keys that surely hold every entry of the filter's local days (a local day lies
    within a day or so of the same UTC day, whatever the offset): [low, high)."""
    low = high = None
    # At the ends of the calendar (0001-01-01, 9999-12-31) there is no day beyond to bound
    # by, and none is needed: the local dates alone say it.
    if f.since is not None and f.since > date.min:
        low = entry_key(datetime.combine(f.since - timedelta(days=1), datetime.min.time(), UTC))
    if f.until is not None and f.until < date.max - timedelta(days=2):
        high = entry_key(datetime.combine(f.until + timedelta(days=2), datetime.min.time(), UTC))
    return low, high


def _where(f: JournalFilter, *, tag: bool) -> tuple[str, list[Any]]:
    clauses = ["s.practice = 'journal'"]
    args: list[Any] = []
    low, high = _key_bounds(f)
    if f.since is not None:
        clauses.append("s.local_date >= ?")
        args.append(f.since.isoformat())
    if f.until is not None:
        clauses.append("s.local_date <= ?")
        args.append(f.until.isoformat())
    if low is not None:
        clauses.append("j.n >= ?")
        args.append(low)
    if high is not None:
        clauses.append("j.n < ?")
        args.append(high)
    if f.prompt_id is not None:
        clauses.append("j.prompt_id = ?")
        args.append(f.prompt_id)
    if tag and f.tag is not None:
        clauses.append("EXISTS (SELECT 1 FROM journal_tags t WHERE t.entry = j.n AND t.tag = ?)")
        args.append(f.tag)
    return " AND ".join(clauses), args


def _batches(
    db: Database, lead: list[tuple[int, int]] | None, low: int | None, high: int | None
) -> Iterator[list[int]]:
    """Candidate entry keys, newest first, in growing batches: the entries of the leading
    term ids (merged from the index), or every entry when there is no leading term."""
    size = 32
    below = high
    while True:
        bounds = ""
        params: list[Any] = []
        if below is not None:
            bounds += " AND {k} < ?"
            params.append(below)
        if low is not None:
            bounds += " AND {k} >= ?"
            params.append(low)
        if lead is None:
            sql = f"SELECT n FROM journal_entries WHERE 1{bounds.format(k='n')} ORDER BY n DESC"
            args = params
        else:
            # Each arm reads the index in order; SQLite merges them and stops at the limit.
            arms = " UNION ".join(
                f"SELECT entry FROM journal_index WHERE word = ?{bounds.format(k='entry')}"
                for _ in lead
            )
            sql = f"{arms} ORDER BY 1 DESC"
            args = [a for w, _ in lead for a in (w, *params)]
        keys = [r[0] for r in db._tuples().execute(f"{sql} LIMIT ?", [*args, size])]
        if keys:
            yield keys
        if len(keys) < size:
            return
        below = keys[-1]
        size = min(size * 4, 4096)


def _holds(text: str, prefixes: Sequence[str]) -> bool:
    have = terms(text)
    return all(any(t.startswith(p) for t in have) for p in prefixes)


def _stored_answers(conn: Any, answers: Sequence[JournalAnswer]) -> str:
    """Answers as journal_entries keeps them: [question ref, answer] pairs, each distinct
    question kept once in journal_questions."""
    pairs = [[_question_ref(conn, a.question_id, a.question), a.answer] for a in answers]
    return json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))


def _question_ref(conn: Any, question_id: str, question: str) -> int:
    conn.execute(
        "INSERT INTO journal_questions (question_id, question) VALUES (?, ?) "
        "ON CONFLICT (question_id, question) DO NOTHING",
        (question_id, question),
    )
    row = conn.execute(
        "SELECT id FROM journal_questions WHERE question_id = ? AND question = ?",
        (question_id, question),
    ).fetchone()
    return int(row[0])


def _extra_body(body: str, answers: Sequence[JournalAnswer]) -> str | None:
    """The text to keep beside the answers: none when it is just the answers joined
    (always, for entries kind writes), so the words are stored once."""
    return None if body == body_of(answers) else body


def _answers_json(answers: Sequence[JournalAnswer]) -> str:
    return json.dumps(answers_json(answers), ensure_ascii=False)
