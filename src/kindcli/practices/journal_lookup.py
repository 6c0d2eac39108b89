"""Reading what a person types to find journal entries: days, tags, ids and search words.

Kept apart from `kindcli.practices.journal` (and free of dataclasses) so that listing and
searching import as little as possible; `journal` re-exports these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from kindcli.errors import KindError


def parse_day(text: str, today: date, option: str = "date") -> date:
    """A local date as kind reads dates everywhere (`kindcli.dates`), or a KindError that
    names the option it was given for."""
    from kindcli.dates import parse_day as read_day

    try:
        return read_day(text, today)
    except ValueError:
        raise KindError(
            f"'{text}' is not a date kind understands (for {option}).",
            "Use a date like 2026-03-14, or today, yesterday, 7d (days ago) or 2w (weeks ago).",
        ) from None


_TAG = re.compile(r"^[\w][\w-]{0,39}$")


def normalise_tag(text: str) -> str:
    """Tags are lowercase words: `#Work Stress` becomes `work-stress`."""
    tag = "-".join(text.strip().lstrip("#").lower().split())
    if not _TAG.match(tag):
        raise KindError(
            f"'{text}' cannot be a tag.",
            "A tag is a word or two (letters, digits, dashes), up to 40 characters.",
        )
    return tag


def normalise_tags(texts: Sequence[str]) -> list[str]:
    return sorted({normalise_tag(t) for t in texts})


def search_words(text: str) -> list[str]:
    words = re.findall(r"\w+", text)
    if not words:
        raise KindError(
            f"'{text}' has no words to search for.", "Try a word you wrote, like: tired"
        )
    return words


def resolve_id(prefix: str, candidates: Sequence[str]) -> str:
    """The one entry id a short prefix names (`candidates` are the ids starting with it)."""
    shown = prefix.strip()
    if not candidates:
        raise KindError(
            f"There is no journal entry with an id starting '{shown}'.",
            "`kind journal list` shows the ids of your entries.",
        )
    if len(candidates) > 1:
        listed = ", ".join(c[:12] for c in candidates[:5])
        raise KindError(
            f"More than one entry has an id starting '{shown}' ({listed}).",
            "Type a few more characters of the id.",
        )
    return candidates[0]
