"""Your kinder replies: every caring answer written to the inner critic (the `reframe`
prompt set), with the critic's words it answered, so when the critic speaks again the
person can read what they already know how to say.

Pure Python. Entries keep their answers by question id (`critic`, `reframe`, `step`; these
ids never change), so a reply reads the same after the prompt set changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kindcli.dates import long_date
from kindcli.ports import Moment
from kindcli.practices.journal_entry import REFRAME_QUESTION, REFRAME_SET
from kindcli.store.records import JournalEntry, local_time

CRITIC_QUESTION = "critic"
STEP_QUESTION = "step"
NONE_YET = (
    "No kind replies here yet. `kind journal --prompt reframe` is a place to answer your "
    "inner critic the way a caring friend would."
)


@dataclass(frozen=True)
class Reply:
    entry_id: str
    moment: Moment
    reply: str
    critic: str | None
    step: str | None
    ratings: dict[str, int]


def replies(entries: Iterable[JournalEntry]) -> list[Reply]:
    """The kind replies among `entries`, in their order: reframe entries that have one."""
    found = []
    for entry in entries:
        if entry.prompt_id != REFRAME_SET:
            continue
        answers = {a.question_id: a.answer.strip() for a in entry.answers if a.answer.strip()}
        reply = answers.get(REFRAME_QUESTION)
        if not reply:
            continue
        found.append(
            Reply(
                entry.id,
                entry.session.moment,
                reply,
                answers.get(CRITIC_QUESTION),
                answers.get(STEP_QUESTION),
                ratings_of(entry.session.details),
            )
        )
    return found


def ratings_of(details: dict[str, Any]) -> dict[str, int]:
    """An entry's 0-10 ratings by id (whatever else its details hold)."""
    kept = details.get("ratings")
    if not isinstance(kept, list):
        return {}
    return {
        str(r["id"]): int(r["value"])
        for r in kept
        if isinstance(r, dict) and "id" in r and isinstance(r.get("value"), int)
    }


def reply_json(reply: Reply) -> dict[str, Any]:
    m = reply.moment
    return {
        "id": reply.entry_id,
        "date": m.local_date.isoformat(),
        "time": local_time(m),
        "reply": reply.reply,
        "critic": reply.critic,
        "step": reply.step,
        "ratings": reply.ratings,
    }


def heading(reply: Reply) -> str:
    day = reply.moment.local_date
    return f"{long_date(day, weekday=False)} · {reply.entry_id[:8]}"
