"""What `kind import` reads, one module per format, in one registry keyed by `--from`.

Reading is pure and all-or-nothing: the whole file is decoded and checked into records
before the store is touched, so a bad file adds nothing and changes nothing. Each
importer says whether a document looks like its format (`--from` may then be left out)
and reads it into an `Archive`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kindcli.errors import KindError
from kindcli.practices.archive import BadData
from kindcli.store.records import Archive

# Larger than ten years of daily journaling in kind's own format, and small enough to
# read into memory whole.
MAX_BYTES = 100 * 1024 * 1024
NOTHING_IMPORTED = "Nothing was imported."


class BadFile(KindError):
    """A file that cannot be imported, with what is wrong and where."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}", NOTHING_IMPORTED)


@dataclass(frozen=True)
class Context:
    """What reading another program's export needs from outside."""

    localize: Callable[[datetime], datetime]  # a local wall-clock time -> an aware one
    free_question: Callable[[], tuple[str, str]]  # (id, words) of free writing's question
    tag: Callable[[str], str]  # a tag as kind keeps it (raises KindError if it cannot be)


@dataclass(frozen=True)
class Importer:
    name: str  # the --from value
    summary: str
    recognizes: Callable[[Any], bool]
    read: Callable[[Any, Context], Archive]


def too_large(size: int) -> str | None:
    if size <= MAX_BYTES:
        return None
    return (
        f"is {size / 1024 / 1024:.0f} MB, larger than kind reads "
        f"({MAX_BYTES // 1024 // 1024} MB); an export split with --since and --until will do"
    )


def decode(raw: bytes, name: str) -> Any:
    """The JSON document in `raw`, or BadFile saying why it is not one (and where)."""
    problem = too_large(len(raw))
    if problem:
        raise BadFile(name, problem)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadFile(
            name, f"is not text (byte {e.start} is not UTF-8), so it is not JSON"
        ) from None
    start = text.lstrip()[:1]
    if start not in ("{", "["):
        what = "is empty" if not start else "is not JSON"
        raise BadFile(name, f"{what} (an export starts with {{)")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        if e.pos >= len(text.rstrip()) or e.msg.startswith("Unterminated string"):
            raise BadFile(
                name,
                f"ends before its JSON does (line {e.lineno}, column {e.colno}): "
                "it may have been cut short while it was copied",
            ) from None
        raise BadFile(
            name, f"is not valid JSON at line {e.lineno}, column {e.colno} ({e.msg})"
        ) from None
    except RecursionError:
        raise BadFile(name, "nests its JSON too deeply to be an export") from None


def read(doc: Any, name: str, wanted: str | None, context: Context) -> tuple[Importer, Archive]:
    """The records in `doc`, read by the importer named `wanted` (or the one whose format
    it looks like), or BadFile naming the first problem and its place in the file."""
    if wanted is not None:
        importer = IMPORTERS[wanted]
    else:
        found = [i for i in IMPORTERS.values() if i.recognizes(doc)]
        if not found:
            known = " or ".join(IMPORTERS)
            raise BadFile(name, f"does not look like an export kind reads (--from {known})")
        importer = found[0]
    try:
        return importer, importer.read(doc, context)
    except BadData as e:
        raise BadFile(name, e.message) from None


def _registry() -> dict[str, Importer]:
    from kindcli.practices.importers import jrnl_json, kind_json

    return {i.name: i for i in (kind_json.IMPORTER, jrnl_json.IMPORTER)}


IMPORTERS: dict[str, Importer] = _registry()
