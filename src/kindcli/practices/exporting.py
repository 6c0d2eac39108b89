"""`kind export`: which records go out, read from one snapshot, written by an exporter.

Pure: the store is reached through `ExportSource`, the file through a text stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, TextIO, TypeVar

from kindcli.errors import KindError
from kindcli.practices.archive import is_own_state
from kindcli.practices.exporters import EXPORTERS, PARTS, ExportData, Exporter
from kindcli.store.records import JournalEntry, MeasureResult, SessionRecord, StateItem

T = TypeVar("T")


class ExportSource(Protocol):
    """The part of the store an export reads (kindcli.store.Store provides it)."""

    def snapshot(self) -> AbstractContextManager[None]: ...

    def export_sessions(
        self, since: date | None = None, until: date | None = None
    ) -> Iterator[SessionRecord]: ...

    def export_journal(
        self, since: date | None = None, until: date | None = None
    ) -> Iterator[JournalEntry]: ...

    def state_items(self) -> list[StateItem]: ...

    def measure_results(
        self, measure_id: str | None = None, *, since: date | None = None, until: date | None = None
    ) -> list[MeasureResult]: ...


@dataclass(frozen=True)
class Request:
    exporter: Exporter
    since: date | None = None
    until: date | None = None
    only: str | None = None

    @property
    def journal(self) -> bool:
        return self.only in (None, "journal") and "journal" in self.exporter.holds

    @property
    def sessions(self) -> bool:
        return self.only in (None, "sessions") and "sessions" in self.exporter.holds

    @property
    def state(self) -> bool:
        # A person's own remembered values are in a full export only (they have no date).
        return self.only is None and self.exporter.name == "json"

    @property
    def measures(self) -> bool:
        # Measures taken are in a full export only, like the remembered values.
        return self.only is None and self.exporter.name == "json"


@dataclass
class Written:
    entries: int = 0
    sessions: int = 0
    remembered: int = 0
    measures: int = 0


def request(format_name: str, only: str | None, since: date | None, until: date | None) -> Request:
    """What was asked for, or a KindError saying what cannot be exported that way."""
    exporter = EXPORTERS.get(format_name.strip().lower())
    if exporter is None:
        raise KindError(
            f"'{format_name}' is not a format kind exports.",
            "Use one of: " + ", ".join(f"{e.name} ({e.summary})" for e in EXPORTERS.values()),
        )
    part = only.strip().lower() if only else None
    if part is not None and part not in PARTS:
        raise KindError(f"--only takes {' or '.join(PARTS)}, not '{only}'.")
    if part is not None and part not in exporter.holds:
        holds = " and ".join(exporter.holds)
        raise KindError(f"The {exporter.name} format holds the {holds} only, not {part}.")
    return Request(exporter, since, until, part)


def export(
    source: ExportSource | None, asked: Request, out: TextIO, now: datetime, version: str
) -> Written:
    """Write the records asked for to `out`, all from one moment of the store (None: there
    is no database yet, so the export holds nothing)."""
    written = Written()
    data = ExportData(now, version, asked.since, asked.until, asked.only)
    if source is None:
        asked.exporter.write(data, out)
        return written
    with source.snapshot():
        if asked.sessions:
            data.sessions = _counted(
                source.export_sessions(asked.since, asked.until), written, "sessions"
            )
        if asked.journal:
            data.entries = _counted(
                source.export_journal(asked.since, asked.until), written, "entries"
            )
        if asked.state:
            data.state = [s for s in source.state_items() if is_own_state(s.key)]
            written.remembered = len(data.state)
        if asked.measures:
            measures = source.measure_results(since=asked.since, until=asked.until)
            data.measures, written.measures = measures, len(measures)
        asked.exporter.write(data, out)
    return written


def _counted(records: Iterable[T], written: Written, field: str) -> Iterator[T]:
    for record in records:
        setattr(written, field, getattr(written, field) + 1)
        yield record


def said(written: Written, asked: Request) -> str:
    """'12 journal entries, 40 sessions and 3 remembered choices'."""
    from kindcli.kinds import BY_ID

    journal = BY_ID["journal"]
    parts = [
        f"{n} {one if n == 1 else many}"
        for n, one, many, wanted in (
            (written.entries, journal.noun, journal.nouns, asked.journal),
            (written.sessions, "session", "sessions", asked.sessions),
            (written.remembered, "remembered choice", "remembered choices", asked.state),
            (written.measures, "measure result", "measure results", written.measures > 0),
        )
        if wanted
    ]
    return parts[0] if len(parts) < 2 else ", ".join(parts[:-1]) + " and " + parts[-1]
