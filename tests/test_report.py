"""`kind report`: what the page holds for a seeded home on fixed dates, what it leaves out,
its date edges, its escaping, and how it is written to a file."""

from __future__ import annotations

import os
import re
import stat
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindcli import __version__
from kindcli.cli import app
from kindcli.store import Store
from tests import report_seed as seed
from tests.fakes import FakeClock, RecordingTerminal, make_services

runner = CliRunner()
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
MARKERS = {
    "notes": [seed.NOTE_MARKER],
    "reframes": [seed.REFRAME_MARKER, seed.CRITIC_MARKER],
    "entries": [seed.ENTRY_MARKER],
    "plan": [seed.PLAN_MARKER],
}


@pytest.fixture
def seeded(kind_home: Path) -> Path:
    seed.seed(kind_home / "kind.db")
    return kind_home


def report(*args: str) -> tuple[int, str, str]:
    """`kind report ARGS` on the fake clock's day (Saturday March 14, 2026)."""
    svc = make_services(clock=FakeClock(), terminal=RecordingTerminal(), interactive=False)
    result = runner.invoke(app, ["report", *args], obj=svc)
    out = svc.terminal
    assert isinstance(out, RecordingTerminal)
    return result.exit_code, out.stdout, out.stderr + result.output


# ---- what the page holds ----------------------------------------------------------------------


def test_the_markdown_page_for_a_seeded_home(seeded: Path) -> None:
    code, page, _ = report("--since", "2026-02-01", "--include", "reframes,plan")
    assert code == 0
    snapshot = SNAPSHOTS / "report-seeded.md"
    shown = page.replace(f"with kind {__version__}.", "with kind VERSION.")
    if os.environ.get("KIND_UPDATE_SNAPSHOTS"):
        snapshot.write_text(shown, encoding="utf-8")
    assert shown == snapshot.read_text(encoding="utf-8"), (
        "The report changed: read tests/snapshots/report-seeded.md against it, and if the "
        "new page is right, run the test again with KIND_UPDATE_SNAPSHOTS=1."
    )


def test_the_facts_are_the_stores_own(seeded: Path) -> None:
    code, page, _ = report("--since", "2026-03-01", "--until", "2026-03-14")
    assert code == 0
    flat = " ".join(page.split())
    # 1-14 March: the seed practices on two days of every three.
    with Store.open(seeded / "kind.db") as store:
        days = [d for d in store.stats_practice_days() if d.month == 3 and d.day <= 14]
    assert f"You practiced on {len(days)} of the 14 days" in flat
    assert "| breaks |" in page and "| meditation |" in page
    assert "sessions had a check-in before and after" in flat
    assert "Kindness toward myself" in page and "| March 2, 2026 | 4 | 4 | 4 | 4 |" in page
    assert "1 earlier result from before March 1, 2026" in flat or "2 earlier results" in flat
    assert "journal tags: work" in flat


def test_check_in_averages_come_with_their_counts_and_a_caution_when_few(seeded: Path) -> None:
    _, page, _ = report("--since", "2026-03-13", "--until", "2026-03-14")
    flat = " ".join(page.split())
    assert re.search(r"\b2 sessions had a check-in before and after\b", flat)
    assert "That is only a few ratings, so hold these numbers lightly." in flat
    assert "not what caused it" in flat


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_nothing_is_on_the_page_that_was_not_asked_for(seeded: Path, fmt: str) -> None:
    _, page, _ = report("--since", "all", "--format", fmt)
    for markers in MARKERS.values():
        for marker in markers:
            assert marker not in page
    assert "It leaves out your kind replies to the inner critic (--include reframes)" in " ".join(
        page.split()
    )
    for part, markers in MARKERS.items():
        _, page, _ = report("--since", "all", "--format", fmt, "--include", part)
        for marker in markers:
            assert marker in page, (part, marker)
        others = [m for p, ms in MARKERS.items() if p != part for m in ms]
        if part == "entries":  # a reframe is a journal entry too
            others = [m for m in others if m not in MARKERS["reframes"]]
        for marker in others:
            assert marker not in page, (part, marker)


def test_the_page_says_what_it_includes_and_leaves_out(seeded: Path) -> None:
    _, page, _ = report("--include", "notes", "--include", "plan,entries")
    flat = " ".join(page.split())
    assert (
        "You asked for it to include the notes you wrote at breaks, your journal entries and "
        "your safety plan." in flat
    )
    assert "It leaves out your kind replies to the inner critic (--include reframes)." in flat
    assert "only the scores are here" in flat


# ---- dates ------------------------------------------------------------------------------------


def test_both_edge_days_are_in_and_the_days_outside_are_not(kind_home: Path) -> None:
    from datetime import date

    from kindcli.store.records import SessionRecord

    with Store.open(kind_home / "kind.db") as store:
        for day, hour in [(9, 23), (10, 0), (12, 23), (13, 0)]:
            store.add_session(
                SessionRecord(
                    "break", "standard", seed.at(date(2026, 3, day), hour, 59), actual_seconds=60
                )
            )
    _, page, _ = report("--since", "2026-03-10", "--until", "2026-03-12", "--format", "md")
    assert "You practiced on 2 of the 3 days: 2 sessions" in " ".join(page.split())
    _, page, _ = report("--since", "2026-03-10", "--until", "2026-03-10")
    assert "**March 10, 2026**" in page
    assert "You practiced on 1 of the 1 day: 1 session" in " ".join(page.split())
    # The default is the last 30 days, today included: 13 February to 14 March.
    _, page, _ = report()
    assert "**February 13, 2026 to March 14, 2026**" in page


def test_since_all_starts_at_the_first_day_with_anything(seeded: Path) -> None:
    _, page, _ = report("--since", "all")
    assert "**February 1, 2026 to March 14, 2026**" in page
    # A measure taken before the first practice day starts it there.
    from datetime import date

    with Store.open(seeded / "kind.db") as store:
        seed.hostile_measure(store, date(2026, 1, 15))
    _, page, _ = report("--since", "all")
    assert "**January 15, 2026 to March 14, 2026**" in page


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["--since", "2026-03-10", "--until", "2026-03-09"], 1, "is after --until"),
        (["--until", "2026-03-15"], 2, "in the future"),
        (["--since", "2026-03-20"], 1, "--since (2026-03-20) is after today (2026-03-14)"),
        (["--since", "someday"], 2, "--since"),
        (["--until", "2026-02-30"], 2, "--until"),
        (["--include", "everything"], 2, "'everything' is not a part"),
        (["--format", "pdf"], 2, "use md or html"),
    ],
)
def test_dates_and_parts_that_do_not_fit_are_named(
    kind_home: Path, args: list[str], code: int, said: str
) -> None:
    result, _, output = report(*args)
    assert result == code
    assert said in output
    assert "Traceback" not in output
    assert not (kind_home / "kind.db").exists()


def test_an_empty_home_has_a_page_too_and_nothing_is_created(kind_home: Path) -> None:
    code, page, _ = report()
    assert code == 0
    assert "No practice was recorded in these 30 days." in " ".join(page.split())
    assert not kind_home.exists() or not (kind_home / "kind.db").exists()


# ---- HTML -------------------------------------------------------------------------------------


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def parsed(page: str) -> Elements:
    found = Elements()
    found.feed(page)
    return found


def test_the_html_page_is_self_contained_and_fetches_nothing(seeded: Path) -> None:
    _, page, _ = report(
        "--since", "all", "--format", "html", "--include", "notes,entries,reframes,plan"
    )
    found = parsed(page)
    assert found.named("script") == [] and found.named("link") == [] and found.named("img") == []
    assert found.named("iframe") == [] and found.named("object") == []
    linked = {"src", "href", "srcset", "action", "data", "poster", "background", "xlink:href"}
    assert [(t, a) for t, attrs in found.tags for a in attrs if a in linked] == []
    assert "url(" not in page and "@import" not in page and "@font-face" not in page
    [policy] = [m for m in found.named("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert policy["content"] is not None and "default-src 'none'" in policy["content"]
    assert found.tags[0][0] == "html" and found.tags[0][1].get("lang") == "en"


def test_the_html_page_reads_in_a_screen_reader(seeded: Path) -> None:
    _, page, _ = report("--since", "all", "--format", "html")
    found = parsed(page)
    assert len(found.named("h1")) == 1
    assert len(found.named("h2")) >= 6
    for table in re.findall(r"<table.*?</table>", page, re.S):
        assert "<caption>" in table and '<th scope="col"' in table
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(charts) >= 3  # minutes, check-ins, the measure
    for svg in charts:
        labels = re.search(r'aria-labelledby="([^"]+) ([^"]+)"', svg)
        assert 'role="img"' in svg and labels, svg[:200]
        assert f'<title id="{labels.group(1)}">' in svg and f'<desc id="{labels.group(2)}">' in svg
        desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
        assert desc and re.search(r"\d", desc.group(1)), (
            "a chart's text alternative says its numbers"
        )
    # Every calendar day says in words what its shade shows.
    assert 'class="sr">2 sessions' in page or 'class="sr">1 session' in page
    assert page.count('aria-hidden="true"') == page.count('class="g"')


def test_everything_a_person_wrote_is_escaped(seeded: Path) -> None:
    with Store.open(seeded / "kind.db") as store:
        seed.hostile_measure(store, seed.TODAY)
    tags = ["--include", "entries,notes,reframes,plan", "--since", "all"]
    _, html, _ = report("--format", "html", *tags)
    found = parsed(html)
    assert found.named("script") == [] and found.named("img") == []
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "\x1b" not in html
    assert '<script>alert("x")</script>' in "".join(found.text)  # shown as written
    _, md, _ = report("--format", "md", *tags)
    # Every < a person wrote is escaped; the only markup is kind's own first line.
    assert re.findall(r"(?<!\\)<[^!]", md) == []
    assert md.count("<!--") == 1
    assert r"\<script\>alert(\"x\")" in md or r'\<script\>alert("x")' in md
    assert "\x1b" not in md


# ---- writing it ---------------------------------------------------------------------------------


def test_a_report_file_is_private_written_whole_and_replaces_only_a_report(
    seeded: Path, tmp_path: Path
) -> None:
    target = tmp_path / "for-my-therapist.html"
    code, page, said = report("-o", str(target))
    assert code == 0 and page == ""
    assert "Wrote the report to" in said
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # from the suffix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["for-my-therapist.html", "kind-home"]
    # An earlier report is replaced; a file kind did not write is left exactly as it was.
    assert report("-o", str(target), "--format", "md")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("<!-- made by kind report -->")
    other = tmp_path / "notes.md"
    other.write_text("my own notes\n")
    code, _, said = report("-o", str(other))
    assert code == 1 and "is not a kind report" in said
    assert other.read_text() == "my own notes\n"
    code, _, said = report("-o", str(tmp_path / "no-such-folder" / "r.md"))
    assert code == 1 and "does not exist" in said


def test_a_failed_write_leaves_no_half_file(seeded: Path, tmp_path: Path, monkeypatch: Any) -> None:
    target = tmp_path / "r.md"
    target.write_text("<!-- made by kind report -->\nthe earlier one\n")

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    code, _, said = report("-o", str(target))
    assert code == 1 and "No space left on device" in said
    assert target.read_text() == "<!-- made by kind report -->\nthe earlier one\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kind-home", "r.md"]
