"""The words search finds: how an entry's text and a search are cut into index terms.

One rule for both sides, so an entry is found by any word it holds: letters and digits in
runs (everything else separates words), accents taken off, case folded, each term at most
`MAX_TERM` characters. A search term matches every indexed term that starts with it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

MAX_TERM = 64
_RUN = re.compile(r"[^\W_]+")


def terms(text: str) -> list[str]:
    """The index terms of `text`, in order of first appearance, each once."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return list(dict.fromkeys(run[:MAX_TERM] for run in _RUN.findall(folded)))


@lru_cache(maxsize=16)  # each trigger asks two or three times about the same row
def terms_json(answers: str | None, body: str | None) -> str:
    """The index terms of a stored entry as a JSON list, for the triggers that keep the
    index exact (registered on every connection as the SQL function `kind_terms`). The
    text is `body` when the row keeps one, else its answers joined."""
    if body is None:
        body = entry_text(json.loads(answers or "[]"))
    return json.dumps(terms(body), ensure_ascii=False)


def entry_text(answers: list[list[object]]) -> str:
    """An entry's text from its stored answers ([question ref, answer] each): the answers
    joined by blank lines, as `records.body_of` joins them."""
    return "\n\n".join(str(a[1]) for a in answers if str(a[1]).strip())


def next_term(prefix: str) -> str:
    """The smallest string above every string that starts with `prefix` (for a range scan)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def passage(text: str, searched: list[str], width: int) -> list[tuple[str, bool]]:
    """The part of `text` (at most `width` characters, on one line) around the first word
    a search for `searched` matches, as pieces: (text, True) for each matching word, by the
    same rule the index uses (folded, and a search term matches the words it begins).
    From the start of the text when no word matches (a prefix too short for the index)."""
    flat = " ".join(text.split())
    wanted = [t for word in searched for t in terms(word)]

    def matches(run: str) -> bool:
        return any(term.startswith(w) for term in terms(run) for w in wanted)

    hits = [m for m in _RUN.finditer(flat) if matches(m.group())]
    width = max(width, 8)
    start = 0
    if hits and hits[0].end() > width - 1:
        # Put the first match a little way in, starting at a word.
        start = max(0, hits[0].start() - width // 4)
        space = flat.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 else hits[0].start()
    if hits and hits[0].end() > start + width - 2:
        start = hits[0].start()  # no room before it: the passage starts with the word
    lead = "…" if start > 0 else ""
    room = width - len(lead)
    end = start + room
    tail = ""
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > start else end - 1
        tail = "…"
    pieces: list[tuple[str, bool]] = [(lead, False)] if lead else []
    at = start
    for m in hits:
        if m.start() < start or m.end() > end:
            continue
        if m.start() > at:
            pieces.append((flat[at : m.start()], False))
        pieces.append((m.group(), True))
        at = m.end()
    if at < end:
        pieces.append((flat[at:end], False))
    if tail:
        pieces.append((tail, False))
    return pieces
