"""Journal entries, their tags and search index, and drafts still being written."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from kindcli.store.database import Database
from kindcli.store.migrations import word_count
from kindcli.store.records import (
    JournalAnswer,
    JournalDraft,
    JournalEntry,
    JournalFilter,
    answers_json,
)
from kindcli.store.sessions import insert_session, moment_from_row, session_from_row


class Journal(Database):
    def add_journal_entry(self, entry: JournalEntry, *, draft_id: str | None = None) -> None:
        """Save an entry (its session, text and tags) and drop its draft, all at once."""
        with self.transaction() as conn:
            insert_session(conn, entry.session)
            now = entry.updated_utc or entry.session.moment.utc_text
            conn.execute(
                "INSERT INTO journal_entries (session_id, prompt_id, body, answers, "
                "created_utc, updated_utc, words) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.id,
                    entry.prompt_id,
                    entry.body,
                    _answers_json(entry.answers),
                    entry.session.moment.utc_text,
                    now,
                    word_count(entry.body),
                ),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO journal_tags (session_id, tag) VALUES (?, ?)",
                [(entry.id, tag) for tag in entry.tags],
            )
            if draft_id is not None:
                conn.execute("DELETE FROM journal_drafts WHERE id = ?", (draft_id,))

    def update_journal_entry(
        self, entry_id: str, body: str, answers: Sequence[JournalAnswer], updated_utc: str
    ) -> bool:
        with self.transaction() as conn:
            done = conn.execute(
                "UPDATE journal_entries SET body = ?, answers = ?, updated_utc = ?, words = ? "
                "WHERE session_id = ?",
                (body, _answers_json(answers), updated_utc, word_count(body), entry_id),
            )
            return done.rowcount == 1

    def delete_journal_entry(self, entry_id: str) -> bool:
        """Delete an entry; its text, tags and session go with it (ON DELETE CASCADE)."""
        with self.transaction() as conn:
            done = conn.execute(
                "DELETE FROM sessions WHERE id = ? AND practice = 'journal'", (entry_id,)
            )
            return done.rowcount == 1

    def journal_ids_starting(self, prefix: str, limit: int = 6) -> list[str]:
        """Entry ids that start with `prefix` (ids are lowercase hex and dashes)."""
        if not prefix or any(c not in "0123456789abcdef-" for c in prefix):
            return []
        # GLOB is case-sensitive, so SQLite can answer it from the primary key index.
        rows = self._conn.execute(
            "SELECT session_id FROM journal_entries WHERE session_id GLOB ? "
            "ORDER BY session_id LIMIT ?",
            (prefix + "*", limit),
        )
        return [r[0] for r in rows]

    def get_journal_entry(self, entry_id: str) -> JournalEntry | None:
        found = self._journal_query("s.id = ?", [entry_id], limit=1)
        return found[0] if found else None

    def journal_entries(
        self, filters: JournalFilter | None = None, limit: int | None = None
    ) -> list[JournalEntry]:
        """Entries newest first, narrowed by `filters`."""
        where, args = _journal_where(filters or JournalFilter())
        return self._journal_query(where, args, limit)

    @property
    def journal_search_kind(self) -> str:
        """'fts5' when the full-text index exists, else 'scan' (SQLite without FTS5)."""
        row = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_fts'"
        ).fetchone()
        return "fts5" if row else "scan"

    def search_journal(
        self,
        words: Sequence[str],
        filters: JournalFilter | None = None,
        limit: int | None = None,
    ) -> list[JournalEntry]:
        """Entries whose text holds every word (as a word prefix with FTS5, as a substring
        without it), newest first."""
        where, args = _journal_where(filters or JournalFilter())
        if not words:
            return []
        if self.journal_search_kind == "fts5":
            query = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
            where += " AND s.id IN (SELECT session_id FROM journal_fts WHERE journal_fts MATCH ?)"
            args.append(query)
        else:
            for w in words:
                where += " AND j.body LIKE ? ESCAPE '\\'"
                escaped = w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                args.append(f"%{escaped}%")
        return self._journal_query(where, args, limit)

    def journal_tags(self) -> list[tuple[str, int]]:
        """Every tag with how many entries carry it, most used first."""
        rows = self._conn.execute(
            "SELECT tag, count(*) AS n FROM journal_tags GROUP BY tag ORDER BY n DESC, tag"
        )
        return [(r[0], int(r[1])) for r in rows]

    def _journal_query(
        self, where: str, args: Sequence[Any], limit: int | None
    ) -> list[JournalEntry]:
        sql = (
            "SELECT s.*, j.prompt_id, j.body, j.answers, j.updated_utc AS entry_updated "
            "FROM sessions s JOIN journal_entries j ON j.session_id = s.id "
            f"WHERE {where} ORDER BY s.started_utc DESC, s.id DESC"
        )
        params = list(args)
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self._conn.execute(sql, params).fetchall()
        tags: dict[str, list[str]] = {r["id"]: [] for r in rows}
        ids = list(tags)
        # Fetch the tags of all listed entries at once, in chunks below SQLite's variable limit.
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for t in self._conn.execute(
                f"SELECT session_id, tag FROM journal_tags WHERE session_id IN ({marks}) "
                "ORDER BY tag",
                chunk,
            ):
                tags[t[0]].append(t[1])
        return [
            JournalEntry(
                session=session_from_row(r),
                prompt_id=r["prompt_id"],
                body=r["body"],
                answers=[JournalAnswer(**a) for a in json.loads(r["answers"])],
                tags=tags[r["id"]],
                updated_utc=r["entry_updated"],
            )
            for r in rows
        ]

    def save_journal_draft(self, draft: JournalDraft) -> None:
        with self.transaction() as conn:
            conn.execute(
                """
                INSERT INTO journal_drafts (id, prompt_id, answers, tags, started_utc,
                    utc_offset_minutes, local_date, updated_utc, owner_pid, ratings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET answers = excluded.answers,
                    tags = excluded.tags, updated_utc = excluded.updated_utc,
                    owner_pid = excluded.owner_pid, ratings = excluded.ratings
                """,
                (
                    draft.id,
                    draft.prompt_id,
                    _answers_json(draft.answers),
                    json.dumps(draft.tags, ensure_ascii=False),
                    draft.moment.utc_text,
                    draft.moment.offset_minutes,
                    draft.moment.local_date.isoformat(),
                    draft.updated_utc or draft.moment.utc_text,
                    draft.owner_pid,
                    json.dumps(draft.ratings, ensure_ascii=False),
                ),
            )

    def journal_drafts(self) -> list[JournalDraft]:
        """Drafts, most recently touched first."""
        rows = self._conn.execute(
            "SELECT * FROM journal_drafts ORDER BY updated_utc DESC, rowid DESC"
        )
        return [
            JournalDraft(
                id=r["id"],
                prompt_id=r["prompt_id"],
                moment=moment_from_row(r),
                answers=[JournalAnswer(**a) for a in json.loads(r["answers"])],
                tags=json.loads(r["tags"]),
                updated_utc=r["updated_utc"],
                owner_pid=r["owner_pid"],
                ratings=json.loads(r["ratings"]),
            )
            for r in rows
        ]

    def claim_journal_draft(self, draft_id: str, expected_pid: int | None, pid: int) -> bool:
        """Take over a draft for process `pid`, only if nobody else took it first."""
        with self.transaction() as conn:
            done = conn.execute(
                "UPDATE journal_drafts SET owner_pid = ? WHERE id = ? AND owner_pid IS ?",
                (pid, draft_id, expected_pid),
            )
            return done.rowcount == 1

    def delete_journal_draft(self, draft_id: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM journal_drafts WHERE id = ?", (draft_id,))


def _journal_where(f: JournalFilter) -> tuple[str, list[Any]]:
    clauses = ["s.practice = 'journal'"]
    args: list[Any] = []
    # Days are local calendar days. A coarse bound on the UTC instant (a local day lies
    # within a day or so of the same UTC day, whatever the offset) lets SQLite walk the
    # (practice, started_utc) index newest first and stop early; the unary + keeps it from
    # choosing the local_date index and then sorting every match.
    if f.since is not None:
        clauses.append("s.started_utc >= ? AND +s.local_date >= ?")
        args += [f"{f.since - timedelta(days=1)}T00:00", f.since.isoformat()]
    if f.until is not None:
        clauses.append("s.started_utc < ? AND +s.local_date <= ?")
        args += [f"{f.until + timedelta(days=2)}T00:00", f.until.isoformat()]
    if f.prompt_id is not None:
        clauses.append("j.prompt_id = ?")
        args.append(f.prompt_id)
    if f.tag is not None:
        clauses.append("s.id IN (SELECT session_id FROM journal_tags WHERE tag = ?)")
        args.append(f.tag)
    return " AND ".join(clauses), args


def _answers_json(answers: Sequence[JournalAnswer]) -> str:
    return json.dumps(answers_json(answers), ensure_ascii=False)
