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
