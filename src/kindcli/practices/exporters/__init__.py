"""Export formats, one module each, in one registry keyed by the format's name.

A new format is one module here with an `EXPORTER` (its name, file extension, what it
holds and how it writes) and one line in `EXPORTERS` below; `kind export --format NAME`
and its help pick it up from the registry (jrnl's exporter plugins work the same way).
Every exporter writes text to a stream from an `ExportData`: the records come oldest first
as iterators, so a long history is written a batch at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TextIO

from kindcli.store.records import JournalEntry, MeasureResult, SessionRecord, StateItem

# What `--only` can choose: the journal's entries, or the other sessions.
PARTS = ("journal", "sessions")


@dataclass
class ExportData:
    """What one export holds, and how it was asked for."""

    exported: datetime
    kind_version: str
    since: date | None = None
    until: date | None = None
    only: str | None = None
    sessions: Iterable[SessionRecord] = ()  # not journal entries, oldest first
    entries: Iterable[JournalEntry] = ()  # oldest first
    state: Sequence[StateItem] = field(default_factory=list)  # a person's own values
    measures: Iterable[MeasureResult] = ()  # measures taken, oldest first (json only)


@dataclass(frozen=True)
class Exporter:
    name: str  # the --format value
    extension: str  # for a default file name
    summary: str  # one line for the help
    holds: tuple[str, ...]  # which of PARTS it can hold
    write: Callable[[ExportData, TextIO], None]


def _registry() -> dict[str, Exporter]:
    from kindcli.practices.exporters import csv_sessions, json_all, markdown

    return {e.name: e for e in (json_all.EXPORTER, markdown.EXPORTER, csv_sessions.EXPORTER)}


EXPORTERS: dict[str, Exporter] = _registry()
