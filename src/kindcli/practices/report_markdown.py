"""`kind report --format md`: the report as Markdown, which reads as plain text too.

It carries the same facts as the HTML page (both say them through `report_words`); the
charts become tables and a text calendar. Everything a person wrote is escaped, so it reads
as they wrote it and never turns into Markdown or HTML of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kindcli.practices import report_words as words
from kindcli.practices.measure import number, trend
from kindcli.practices.report import INCLUDES, MARKDOWN_MARKER, NOT_A_RECORD, Report
from kindcli.practices.report_words import clean
from kindcli.practices.stats_view import GLYPHS

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LEADING = re.compile(r"^(\s*)([-+>]|\d+[.)])")


def text(value: str) -> str:
    """Outside text for one line of Markdown: control characters removed, every character
    Markdown would read as markup escaped, line breaks folded into spaces."""
    flat = " ".join(clean(value).split())
    return _SPECIAL.sub(r"\\\1", flat)


def quoted(value: str) -> list[str]:
    """Outside text as a block quote, a line of the page per line written."""
    out = []
    for line in clean(value).strip("\n").split("\n"):
        escaped = _SPECIAL.sub(r"\\\1", line.rstrip())
        escaped = _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
        out.append(f"> {escaped}" if escaped.strip() else ">")
    return out


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: int = 1) -> list[str]:
    """A Markdown table; columns from `right` on are numbers, aligned right."""
    align = ["---" if i < right else "---:" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(text(c) for c in row) + " |" for row in rows]
    return lines


def _paragraphs(sentences: Sequence[str]) -> list[str]:
    out: list[str] = []
    for s in sentences:
        out += [s, ""]
    return out[:-1]


def render(report: Report) -> str:
    period = f"**{words.period_words(report)}**"
    lines: list[str] = [MARKDOWN_MARKER, "# Practice with kind", "", period]
    lines += ["", f"{words.made_words(report)} {NOT_A_RECORD}", ""]
    lines += ["## What this page holds", ""]
    lines += [f"- {line}" for line in words.included_words(report)]
    lines += ["", "## Practice days", "", words.days_words(report), ""]
    lines += _calendar(report)
    lines += ["", "## Practices", ""]
    rows = words.practice_rows(report)
    if rows:
        lines += _table(["practice", "sessions", "minutes", "logged by hand"], rows)
        unit, buckets = words.buckets(report)
        lines += ["", f"Each {unit}:", ""]
        lines += _table(
            ["week of" if unit == "week" else "month", "sessions", "minutes"],
            [(label, f"{s:,}", f"{mi:,.0f}") for label, _, s, mi in buckets],
        )
        used = words.most_used(report)
        if used:
            lines += ["", "Used most:", ""]
            lines += [f"- {what}: {text(listed)}" for what, listed in used]
    else:
        lines.append("No practice was recorded in this period.")
    lines += ["", "## Check-ins before and after", ""]
    lines += _paragraphs(words.mood_words(report))
    mood = words.mood_rows(report)
    if mood:
        headers = ["practice", "sessions rated", "average before", "average after", "change"]
        lines += ["", *_table(headers, mood)]
    lines += ["", "## Measures", ""]
    lines += _measures(report)
    lines += ["", "## Journal", ""]
    lines += _paragraphs(words.journal_words(report))
    for part in INCLUDES:
        if part in report.include:
            lines += ["", *_included(report, part)]
    lines += ["", "---", "", "_Made with kind report. Everything on this page stayed on your "]
    lines[-1] += "computer until you chose to share it._"
    return "\n".join(lines) + "\n"


def _calendar(report: Report) -> list[str]:
    lines = ["```text"]
    for n, month in enumerate(words.months(report.since, report.until)):
        if n:
            lines.append("")
        lines += [month.title, "Mon Tue Wed Thu Fri Sat Sun"]
        for week in month.weeks:
            if all(d is None or words.day_level(report, d) is None for d in week):
                continue
            cells = []
            for day in week:
                shade = words.day_level(report, day) if day else None
                if day is None or shade is None:
                    cells.append("   ")
                else:
                    cells.append(f"{day.day:>2}{GLYPHS[shade]}")
            lines.append(" ".join(cells).rstrip())
    lines.append("```")
    lines += ["", words.LEGEND]
    return lines


def _measures(report: Report) -> list[str]:
    if not report.measures:
        return ["No measures were taken in this period."]
    lines: list[str] = []
    for n, history in enumerate(report.measures):
        if n:
            lines.append("")
        lines += [f"### {text(history.name)}", ""]
        lines += _paragraphs(words.measure_words(report, history))
        lines += ["", f"Trend, first to latest: {trend(history.results)}", ""]
        names = history.score_names
        rows = []
        for r in history.results:
            scores = {s.id: s for s in r.scores}
            cells = [number(scores[i].value) if i in scores else "" for i, _ in names]
            rows.append([words.long_date(r.moment.local_date), *cells])
        lines += _table(["date", *(name.lower() for _, name in names)], rows)
    return lines


def _included(report: Report, part: str) -> list[str]:
    if part == "reframes":
        lines = ["## Kind replies to the inner critic", ""]
        if not report.reframes:
            return [*lines, "No kind replies were written in this period."]
        for r in report.reframes:
            lines += [f"### {words.long_date(r.moment.local_date)}", "", *quoted(r.reply), ""]
            if r.critic:
                lines += ["Answering the critic's words:", "", *quoted(r.critic), ""]
            if r.step:
                lines += ["A small step:", "", *quoted(r.step), ""]
        return lines[:-1]
    if part == "notes":
        lines = ["## Break notes", ""]
        if not report.notes:
            return [*lines, "No notes were written at breaks in this period."]
        for note in report.notes:
            where = f" ({text(note.break_id)})" if note.break_id else ""
            day = words.long_date(note.moment.local_date)
            lines += [f"### {day}{where}", "", *quoted(note.text), ""]
        return lines[:-1]
    if part == "entries":
        lines = ["## Journal entries", ""]
        if not report.entries:
            return [*lines, "No journal entries were written in this period."]
        for entry in report.entries:
            lines += [f"### {text(words.entry_heading(entry))}", ""]
            for answer in entry.answers:
                lines += [f"**{text(answer.question)}**", "", *quoted(answer.answer), ""]
        return lines[:-1]
    lines = ["## Safety plan", ""]
    if not any(s.items for s in report.plan):
        return [*lines, "No safety plan has been written yet (`kind plan` writes one)."]
    for section in report.plan:
        if section.items:
            lines += [f"### {text(section.title)}", ""]
            lines += [f"- {text(item)}" for item in section.items]
            lines.append("")
    return lines[:-1]
