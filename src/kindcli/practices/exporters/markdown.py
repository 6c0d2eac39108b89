"""`--format md`: the journal as readable Markdown, to print or keep in a notes app.

A dated heading per entry (where you were at the time), the prompt set and tags under
it, and each question as a subheading above its answer; free writing has no question.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from kindcli.dates import long_date
from kindcli.practices.exporters import ExportData, Exporter
from kindcli.store.records import JournalEntry


def write(data: ExportData, out: TextIO) -> None:
    out.write("# Journal\n\n")
    out.write(f"Exported from kind on {data.exported:%Y-%m-%d}")
    if data.since or data.until:
        start = data.since.isoformat() if data.since else "the beginning"
        end = data.until.isoformat() if data.until else "today"
        out.write(f", entries from {start} to {end}")
    out.write(".\n")
    written = 0
    for entry in data.entries:
        out.write("\n" + entry_markdown(entry))
        written += 1
    if not written:
        out.write("\nNo journal entries here yet.\n")


def entry_markdown(entry: JournalEntry) -> str:
    m = entry.session.moment
    local = m.utc + timedelta(minutes=m.offset_minutes)
    day = m.local_date
    lines = [f"## {long_date(day)}, {local:%H:%M}", ""]
    about = []
    if entry.prompt_id and entry.prompt_id != "free":
        about.append(f"prompts: {entry.prompt_id}")
    if entry.tags:
        about.append("tags: " + ", ".join(f"#{t}" for t in entry.tags))
    if about:
        lines += ["*" + " · ".join(about) + "*", ""]
    answers = entry.answers
    asked = len(answers) > 1 or (entry.prompt_id not in (None, "free"))
    if not answers:
        lines += [entry.body.rstrip(), ""]
    for a in answers:
        if asked:
            lines += [f"### {a.question}", ""]
        lines += [a.answer.rstrip(), ""]
    return "\n".join(lines)


EXPORTER = Exporter(
    name="md",
    extension="md",
    summary="the journal as readable Markdown",
    holds=("journal",),
    write=write,
)
