"""`--from kind`: kind's own JSON export (`kindcli.practices.archive`)."""

from __future__ import annotations

from typing import Any

from kindcli.practices import archive, archive_measures
from kindcli.practices.importers import Context, Importer
from kindcli.store.records import Archive


def recognizes(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == archive.FORMAT


def read(doc: Any, context: Context) -> Archive:
    found = archive.read_archive(doc, context.tag)
    archive_measures.read_measures(doc, found)
    return found


IMPORTER = Importer(
    name="kind",
    summary="kind's own JSON export (kind export)",
    recognizes=recognizes,
    read=read,
)
