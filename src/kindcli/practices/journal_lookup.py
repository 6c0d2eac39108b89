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


def date_range(
    since: str | None, until: str | None, today: date
) -> tuple[date | None, date | None]:
    """The local dates `--since` and `--until` name (either may be absent), in order."""
    start = parse_day(since, today, "--since") if since else None
    end = parse_day(until, today, "--until") if until else None
    if start and end and start > end:
        raise KindError(f"--since ({start}) is after --until ({end}), so nothing could match.")
    return start, end


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


def resolve_id(
    prefix: str,
    candidates: Sequence[str],
    noun: str = "journal entry",
    hint: str = "`kind journal list` shows the ids of your entries.",
) -> str:
    """The one id a short prefix names (`candidates` are the ids starting with it)."""
    shown = prefix.strip()
    if not candidates:
        raise KindError(f"There is no {noun} with an id starting '{shown}'.", hint)
    if len(candidates) > 1:
        listed = ", ".join(c[:12] for c in candidates[:5])
        raise KindError(
            f"More than one {noun.split()[-1]} has an id starting '{shown}' ({listed}).",
            "Type a few more characters of the id.",
        )
    return candidates[0]
