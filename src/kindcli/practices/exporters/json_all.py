"""`--format json`: everything, in kind's own format (`kindcli.practices.archive`), which
`kind import` reads back record for record."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from kindcli.practices import archive, archive_measures
from kindcli.practices.exporters import ExportData, Exporter


def write(data: ExportData, out: TextIO) -> None:
    head = archive.header(data.exported, data.kind_version, data.since, data.until, data.only)
    out.write("{\n")
    for key, value in head.items():
        out.write(f"  {_dumps(key)}: {_dumps(value)},\n")
    _section(out, "sessions", (archive.session_json(r) for r in data.sessions))
    out.write(",\n")
    _section(out, "journal", (archive.entry_record_json(e) for e in data.entries))
    out.write(",\n")
    _section(out, "state", (archive.state_json(s) for s in data.state))
    out.write(",\n")
    _section(out, "measures", (archive_measures.measure_json(m) for m in data.measures))
    out.write("\n}\n")


def _section(out: TextIO, name: str, records: Iterable[dict[str, Any]]) -> None:
    out.write(f"  {_dumps(name)}: [")
    first = True
    for record in records:
        out.write("\n" if first else ",\n")
        out.write("    " + json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n    "))
        first = False
    out.write("]" if first else "\n  ]")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


EXPORTER = Exporter(
    name="json",
    extension="json",
    summary="everything, in full (kind import reads it back)",
    holds=("journal", "sessions"),
    write=write,
)
