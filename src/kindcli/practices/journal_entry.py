"""What a journal entry is made of: its answers, its searchable text, and how it is built
from what a person wrote (step by step, piped in, or in their editor).

Pure Python: the store is reached through the `JournalStore` protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from kindcli.ports import Clock, Moment, format_utc
from kindcli.store.records import (
    JournalAnswer,
    JournalDraft,
    JournalEntry,
    SessionRecord,
)
from kindcli.store.records import (
    body_of as body_of,  # re-exported: where an entry's text is made
)

if TYPE_CHECKING:
    from kindcli.catalog.models import PromptSet

# The answer to this question of the `reframe` set is the caring reply to the critic.
REFRAME_SET = "reframe"
REFRAME_QUESTION = "reframe"


class JournalStore(Protocol):
    """The part of the store a journal entry needs (kindcli.store.Store provides it)."""

    def add_journal_entry(self, entry: JournalEntry, *, draft_id: str | None = None) -> None: ...

    def save_journal_draft(self, draft: JournalDraft) -> None: ...

    def delete_journal_draft(self, draft_id: str) -> None: ...

    def journal_drafts(self) -> list[JournalDraft]: ...

    def claim_journal_draft(self, draft_id: str, expected_pid: int | None, pid: int) -> bool: ...


class DraftLocks(Protocol):
    """Who is writing what, as the operating system knows it (`kindcli.adapters.locks`): a
    lock lasts exactly as long as the process holding it, so a process id that the system
    has since given to another program never hides a draft."""

    def take(self, name: str) -> bool:
        """Hold `name` for this process; False if another process holds it."""
        ...

    def in_use(self, name: str) -> bool: ...

    def release(self, name: str) -> None: ...


def draft_lock(draft_id: str) -> str:
    """The lock held by the kind process writing a draft."""
    return f"draft-{draft_id}"


# ---- composing an entry --------------------------------------------------------------------


def kept_answers(answers: Sequence[JournalAnswer]) -> list[JournalAnswer]:
    """Answered questions only, trimmed; skipped ones are left out."""
    return [
        JournalAnswer(a.question_id, a.question, a.answer.strip())
        for a in answers
        if a.answer.strip()
    ]


def build_entry(
    *,
    prompt_id: str | None,
    answers: Sequence[JournalAnswer],
    tags: Sequence[str],
    moment: Moment,
    now: datetime,
    entry_id: str | None = None,
    actual_seconds: float | None = None,
    details: dict[str, object] | None = None,
) -> JournalEntry | None:
    """The entry to save, or None when nothing was written (empty entries are not saved)."""
    kept = kept_answers(answers)
    if not kept:
        return None
    session = SessionRecord(
        practice="journal",
        content_id=prompt_id,
        moment=moment,
        actual_seconds=actual_seconds,
        details=dict(details or {}),
    )
    if entry_id is not None:
        session.id = entry_id
    return JournalEntry(
        session=session,
        prompt_id=prompt_id,
        body=body_of(kept),
        answers=kept,
        tags=list(tags),
        updated_utc=format_utc(now),
    )


def from_text(
    text: str,
    prompt_set: PromptSet,
    tags: Sequence[str],
    clock: Clock,
    via: str = "stdin",
    seconds: float | None = None,
) -> JournalEntry | None:
    """An entry from text given in one piece (piped in, or `-m`): the answer to the first
    question. `via` says how it came ("stdin", "message"); `seconds`, when known, how long
    the person spent writing it (typed at the terminal)."""
    first = prompt_set.questions[0]
    now = clock.now()
    return build_entry(
        prompt_id=prompt_set.id,
        answers=[JournalAnswer(first.id, first.text, text)],
        tags=tags,
        moment=Moment.of(now),
        now=now,
        actual_seconds=seconds,
        details={"via": via},
    )
