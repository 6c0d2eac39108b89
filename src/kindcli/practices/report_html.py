"""`kind report --format html`: the report as one self-contained HTML file.

Inline CSS and SVG charts only: no scripts, no fonts, nothing fetched from anywhere (a
Content-Security-Policy says so to the browser too). It prints on A4 and Letter alike (a
print stylesheet; nothing is wider than either page), and reads in a screen reader: real
headings, tables with headers, and a text alternative for every chart. It carries the same
facts as the Markdown page (both say them through `report_words`). Everything a person
wrote, and every name from a content file, is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from kindcli.practices import report_charts as charts
from kindcli.practices import report_words as words
from kindcli.practices.measure import number
from kindcli.practices.measure_history import History
from kindcli.practices.report import HTML_MARKER, INCLUDES, NOT_A_RECORD, Report
from kindcli.practices.stats_view import GLYPHS

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, "DejaVu Sans", sans-serif; color: #1d2327; background: #fff; max-width: 46rem;
  margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 1px solid #c9ced3; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p, li { max-width: 42rem; }
.period { font-size: 1.1rem; font-weight: 600; margin: 0 0 .6rem; }
.made, .legend, figcaption, .note { color: #4a545d; font-size: .92rem; }
.hint { border: 1px solid #c9ced3; border-radius: 6px; padding: .4rem .7rem;
  font-size: .92rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; }
th, td { padding: .25rem .6rem; text-align: left; border-bottom: 1px solid #e1e4e8;
  vertical-align: top; }
th { font-weight: 600; border-bottom: 2px solid #c9ced3; }
tbody th { border-bottom: 1px solid #e1e4e8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
.months { display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; }
table.cal { margin: .3rem 0; }
table.cal th, table.cal td { padding: .1rem .15rem; border: 0; text-align: center;
  font-size: .85rem; width: 2.3em; }
table.cal td span.n { display: block; }
table.cal td span.g { display: block; font-size: .8rem; line-height: 1; }
.l0 { background: #f4f5f7; } .l1 { background: #dcefe3; } .l2 { background: #b5dcc3; }
.l3 { background: #7fbf98; } .l4 { background: #4e9b70; color: #fff; }
figure { margin: .8rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
svg.chart { width: 100%; max-width: 40rem; height: auto; display: block; }
blockquote.words { margin: .3rem 0 .8rem; padding: .3rem .8rem; border-left: 3px solid #9fb7ac;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; }
tr, table.cal, .measure-head { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 2.5rem; border-top: 1px solid #c9ced3; padding-top: .5rem; }
@page { margin: 16mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  .screen-only { display: none; }
  h2 { margin-top: 1.4rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
# Nothing may be fetched: the browser is told so as well.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
PRINT_HINT = (
    "To print this page or save it as a PDF, use your browser's Print command; it fits A4 "
    "and Letter paper."
)


def e(text: str) -> str:
    """Outside text made safe for HTML: control characters removed, everything escaped."""
    return escape(words.clean(text), quote=True)


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, caption: str, numeric_from: int = 1
) -> str:
    head = "".join(
        (
            f'<th scope="col" class="num">{e(h)}</th>'
            if i >= numeric_from
            else f'<th scope="col">{e(h)}</th>'
        )
        for i, h in enumerate(headers)
    )
    body = []
    for row in rows:
        cells = [f'<th scope="row">{e(row[0])}</th>']
        cells += [f'<td class="num">{e(c)}</td>' for c in row[1:]]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _section(section_id: str, title: str, parts: list[str]) -> list[str]:
    return [
        f'<section aria-labelledby="{section_id}">',
        f'<h2 id="{section_id}">{e(title)}</h2>',
        *parts,
        "</section>",
    ]


def _ps(sentences: Sequence[str]) -> list[str]:
    return [f"<p>{e(s)}</p>" for s in sentences]


def render(report: Report) -> str:
    title = f"Practice with kind: {words.period_words(report)}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        HTML_MARKER,
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Practice with kind</h1>",
        f'<p class="period">{e(words.period_words(report))}</p>',
        f'<p class="made">{e(words.made_words(report))} {e(NOT_A_RECORD)}</p>',
        f'<p class="hint screen-only">{e(PRINT_HINT)}</p>',
        "</header>",
        "<main>",
    ]
    out += _section(
        "holds",
        "What this page holds",
        ["<ul>", *(f"<li>{e(s)}</li>" for s in words.included_words(report)), "</ul>"],
    )
    days = [f"<p>{e(words.days_words(report))}</p>", *_calendar(report)]
    out += _section("days", "Practice days", days)
    out += _section("practices", "Practices", _practices(report))
    out += _section("checkins", "Check-ins before and after", _checkins(report))
    out += _section("measures", "Measures", _measures(report))
    out += _section("journal", "Journal", _ps(words.journal_words(report)))
    for part in INCLUDES:
        if part in report.include:
            out += _included(report, part)
    out += [
        "</main>",
        "<footer>",
        '<p class="note">Made with kind report. Everything on this page stayed on your computer '
        "until you chose to share it.</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _calendar(report: Report) -> list[str]:
    out = ['<div class="months">']
    heads = "".join(
        f'<th scope="col" abbr="{day}">{day[:3]}</th>'
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )
    for month in words.months(report.since, report.until):
        rows = []
        for week in month.weeks:
            shades = [words.day_level(report, d) if d else None for d in week]
            if all(s is None for s in shades):
                continue
            cells = []
            for day, shade in zip(week, shades, strict=True):
                if day is None or shade is None:
                    cells.append("<td></td>")
                    continue
                said = escape(words.day_words(report, day))  # kind's own words
                cells.append(
                    f'<td class="l{shade}" title="{said}"><span class="n">{day.day}</span>'
                    f'<span class="g" aria-hidden="true">{GLYPHS[shade]}</span>'
                    f'<span class="sr">{said}</span></td>'
                )
            rows.append(f"<tr>{''.join(cells)}</tr>")
        out.append(
            f'<table class="cal"><caption>{e(month.title)}</caption>'
            f"<thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    out.append("</div>")
    out.append(f'<p class="legend">{e(words.LEGEND)}</p>')
    return out


def _practices(report: Report) -> list[str]:
    rows = words.practice_rows(report)
    if not rows:
        return ["<p>No practice was recorded in this period.</p>"]
    out = [
        _table(
            ["practice", "sessions", "minutes", "logged by hand"],
            rows,
            caption="Sessions and minutes of each practice",
        )
    ]
    unit, buckets = words.buckets(report)
    labels = [short for _, short, _, _ in buckets]
    minutes = [mi for _, _, _, mi in buckets]
    said = ", ".join(f"{label}: {mi:,.0f}" for label, _, _, mi in buckets)
    desc = (
        f"Minutes of practice each {unit}, {words.period_words(report)}. {said}. "
        "The same numbers are in the table below."
    )
    out.append("<figure>")
    chart_title = f"Minutes of practice each {unit}"
    out.append(charts.bars("minutes-chart", chart_title, desc, labels, minutes))
    out.append(f"<figcaption>Minutes of practice each {unit}.</figcaption>")
    out.append("</figure>")
    out.append(
        _table(
            ["week of" if unit == "week" else "month", "sessions", "minutes"],
            [(label, f"{s:,}", f"{mi:,.0f}") for label, _, s, mi in buckets],
            caption=f"Each {unit}",
        )
    )
    used = words.most_used(report)
    if used:
        out.append("<h3>Used most</h3>")
        out.append("<ul>")
        out += [f"<li>{e(what)}: {e(listed)}</li>" for what, listed in used]
        out.append("</ul>")
    return out


def _checkins(report: Report) -> list[str]:
    out = _ps(words.mood_words(report))
    rows = words.mood_rows(report)
    if not rows:
        return out
    pairs = [(r[0], float(r[2]), float(r[3])) for r in rows]
    desc = "; ".join(f"{name}: {b:.1f} before, {a:.1f} after" for name, b, a in pairs)
    desc = f"Average intensity before and after, on a scale from 0 to 10. {desc}."
    out.append("<figure>")
    out.append(charts.paired_bars("checkin-chart", "Check-ins before and after", desc, pairs))
    out.append(
        "<figcaption>Average check-ins, before (solid) and after (outlined), "
        "0 calm to 10 intense.</figcaption>"
    )
    out.append("</figure>")
    out.append(
        _table(
            ["practice", "sessions rated", "average before", "average after", "change"],
            rows,
            caption="Check-ins of sessions rated before and after",
        )
    )
    return out


def _measures(report: Report) -> list[str]:
    if not report.measures:
        return ["<p>No measures were taken in this period.</p>"]
    out: list[str] = []
    for n, history in enumerate(report.measures):
        out.append(f'<h3 class="measure-head">{e(history.name)}</h3>')
        out += _ps(words.measure_words(report, history))
        out += _measure_chart(f"measure-{n}", history)
        names = history.score_names
        rows = []
        for r in history.results:
            scores = {s.id: s for s in r.scores}
            rows.append(
                [
                    words.long_date(r.moment.local_date),
                    *(number(scores[i].value) if i in scores else "" for i, _ in names),
                ]
            )
        out.append(
            _table(
                ["date", *(name.lower() for _, name in names)],
                rows,
                caption=f"Scores of {history.name}",
            )
        )
    return out


def _measure_chart(chart_id: str, history: History) -> list[str]:
    results = history.results
    first, last = results[0].moment.local_date, results[-1].moment.local_date
    span = (last - first).days

    def x_of(day_index: int) -> float:
        if span == 0:
            return 0.5
        return (results[day_index].moment.local_date - first).days / span

    series = []
    for score_id, name in history.score_names:
        points = tuple(
            (x_of(i), s.value) for i, r in enumerate(results) for s in r.scores if s.id == score_id
        )
        series.append(charts.Series(name, points))
    head = results[-1].headline
    low, high = head.low, head.high
    said = "; ".join(f"{s.name}: " + ", ".join(number(v) for _, v in s.points) for s in series)
    desc = (
        f"{history.name}, scores from {words.long_date(first)} to {words.long_date(last)}, "
        f"on a scale from {number(low)} to {number(high)}. {said}. "
        "The same numbers are in the table below."
    )
    svg = charts.lines(
        chart_id,
        f"{history.name} over time",
        desc,
        series,
        low,
        high,
        (words.long_date(first), words.long_date(last)),
    )
    return [
        "<figure>",
        svg,
        f"<figcaption>{e(history.name)} over time; each line is drawn differently and named "
        "below the chart.</figcaption>",
        "</figure>",
    ]


def _words(text: str) -> str:
    return f'<blockquote class="words">{e(text.strip())}</blockquote>'


def _included(report: Report, part: str) -> list[str]:
    if part == "reframes":
        body = []
        for r in report.reframes:
            body.append(f"<h3>{e(words.long_date(r.moment.local_date))}</h3>")
            body.append(_words(r.reply))
            if r.critic:
                body += ["<p>Answering the critic's words:</p>", _words(r.critic)]
            if r.step:
                body += ["<p>A small step:</p>", _words(r.step)]
        return _section(
            "reframes",
            "Kind replies to the inner critic",
            body or ["<p>No kind replies were written in this period.</p>"],
        )
    if part == "notes":
        body = []
        for note in report.notes:
            where = f" ({note.break_id})" if note.break_id else ""
            body.append(f"<h3>{e(words.long_date(note.moment.local_date) + where)}</h3>")
            body.append(_words(note.text))
        none = "<p>No notes were written at breaks in this period.</p>"
        return _section("notes", "Break notes", body or [none])
    if part == "entries":
        body = []
        for entry in report.entries:
            body.append(f"<h3>{e(words.entry_heading(entry))}</h3>")
            for answer in entry.answers:
                body += [f"<p><strong>{e(answer.question)}</strong></p>", _words(answer.answer)]
        return _section(
            "entries",
            "Journal entries",
            body or ["<p>No journal entries were written in this period.</p>"],
        )
    body = []
    for section in report.plan:
        if section.items:
            body.append(f"<h3>{e(section.title)}</h3>")
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in section.items) + "</ul>")
    return _section(
        "plan",
        "Safety plan",
        body or ["<p>No safety plan has been written yet (kind plan writes one).</p>"],
    )
