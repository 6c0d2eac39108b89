"""Journal entries still being written: saved after every answer, claimed by one window at
a time (ownership is a lock the system releases when a process ends, `adapters/locks.py`;
`owner_pid` stays for the compare-and-set), resumed, saved or discarded later."""

from __future__ import annotations

import json

from kindcli.store.database import Database
from kindcli.store.records import JournalAnswer, JournalDraft, answers_json
from kindcli.store.sessions import moment_from_row


class Drafts(Database):
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
                    json.dumps(answers_json(draft.answers), ensure_ascii=False),
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
