"""Whatever a person wrote survives an edit round trip unchanged, whatever it holds:
Markdown headings, "## ", a lone "#", copies of the template's own heading and note lines."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.ports import Moment
from kindcli.practices.journal_editor import (
    TEMPLATE_NOTE,
    Template,
    TemplateQuestion,
)
from kindcli.store import Store
from kindcli.store.records import JournalAnswer, JournalEntry, SessionRecord

single_line = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), min_size=1
).map(lambda t: " ".join(t.split()))


@st.composite
def templates(draw: st.DrawFn) -> Template:
    texts = draw(st.lists(single_line.filter(bool), min_size=1, max_size=4))
    questions = [
        TemplateQuestion(f"q{i}", text, draw(st.none() | single_line.filter(bool)))
        for i, text in enumerate(texts)
    ]
    return Template(draw(single_line.filter(bool)), questions)


def _answer_lines(template: Template) -> st.SearchStrategy[str]:
    """Lines a person might write, weighted towards the ones that look like kind's own."""
    kinds = [*template.headings, *sorted(template.notes), *TEMPLATE_NOTE]
    tricky = st.sampled_from(
        [
            "#",
            "# ",
            "##",
            "## ",
            "# TODO call mum",
            "## A heading of my own",
            "\\",
            "\\#",
            "\\\\## x",
            "",
            "   ",
            "\t# indented",
        ]
    )
    copied = st.sampled_from(kinds)
    escaped = st.builds(lambda n, line: "\\" * n + line, st.integers(0, 3), copied)
    spaced = st.builds(lambda line, pad: line + pad, copied, st.sampled_from([" ", "\t", "  \r"]))
    anything = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"))
    return st.one_of(tricky, copied, escaped, spaced, anything)


@st.composite
def filled(draw: st.DrawFn) -> tuple[Template, list[JournalAnswer]]:
    template = draw(templates())
    answers = []
    for q in template.questions:
        lines = draw(st.lists(_answer_lines(template), max_size=6))
        text = "\n".join(lines).strip()
        if text and draw(st.booleans()):
            answers.append(JournalAnswer(q.id, q.text, text))
    return template, answers


@settings(max_examples=400, deadline=None)
@given(filled())
def test_every_answer_survives_an_unchanged_edit_exactly(
    case: tuple[Template, list[JournalAnswer]],
) -> None:
    template, answers = case
    assert template.parse(template.render(answers)) == answers


@settings(max_examples=300, deadline=None)
@given(templates(), st.data())
def test_words_typed_under_a_heading_are_kept_exactly(
    template: Template, data: st.DataObject
) -> None:
    # Anything typed fresh that is not a copy of one of kind's own lines.
    def not_kinds(line: str) -> bool:
        core = line.lstrip("\\").rstrip()
        return core not in template.notes and core not in template.headings

    lines = data.draw(st.lists(_answer_lines(template).filter(not_kinds), min_size=1, max_size=8))
    typed = "\n".join(lines)
    which = data.draw(st.integers(0, len(template.questions) - 1))
    text = template.render()
    marker = template.headings[which] + "\n"
    if template.questions[which].hint:
        marker += f"# {' '.join((template.questions[which].hint or '').split())}\n"
    at = text.index(marker) if which == 0 else _nth_heading(text, template, which)
    edited = text[: at + len(marker)] + typed + "\n" + text[at + len(marker) :]
    got = {a.question_id: a.answer for a in template.parse(edited)}
    expected = typed.strip()
    assert got.get(template.questions[which].id, "") == expected
    assert all(v == expected for v in got.values())


def _nth_heading(text: str, template: Template, which: int) -> int:
    # Headings can repeat (two questions with the same words): find the which-th one's place.
    at = -1
    for i in range(which + 1):
        at = text.index("\n" + template.headings[i] + "\n", at + 1) + 1
    return at


# ---- through the real command and a real editor process -------------------------------------

UNCHANGED_EDITOR = "import sys\nsys.exit(0)\n"
APPENDING_EDITOR = """\
import sys
path = sys.argv[-1]
with open(path, encoding="utf-8", newline="") as f:
    text = f.read()
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write(text + "# a new heading of mine\\n#\\n")
"""

WORDS = "\n".join(
    [
        "# TODO call mum",
        "## Not a question",
        "#",
        "# Write under each question. Everything you write is kept exactly as you write it,",
        "## What is on your mind?",
        "\\## escaped already",
        "the end",
    ]
)


@pytest.fixture
def entry(kind_home: Path) -> JournalEntry:
    moment = Moment.of(datetime(2026, 3, 14, 20, 0, tzinfo=timezone(timedelta(hours=1))))
    saved = JournalEntry(
        session=SessionRecord(practice="journal", content_id="free", moment=moment),
        prompt_id="free",
        body=WORDS,
        answers=[JournalAnswer("text", "What is on your mind?", WORDS)],
    )
    with Store.open(kind_home / "kind.db") as store:
        store.add_journal_entry(saved)
    return saved


def _use_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    script = tmp_path / "editor.py"
    script.write_text(source)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)


def test_journal_edit_saved_unchanged_keeps_every_line(
    entry: JournalEntry, kind_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_editor(tmp_path, monkeypatch, UNCHANGED_EDITOR)
    result = CliRunner().invoke(app, ["journal", "edit", entry.id[:8]])
    assert result.exit_code == 0, result.output
    assert "No changes" in result.output
    with Store.open(kind_home / "kind.db") as store:
        again = store.get_journal_entry(entry.id)
    assert again is not None and again.body == WORDS
    assert not os.listdir(kind_home / "editing")


def test_journal_edit_keeps_new_lines_that_start_with_a_hash(
    entry: JournalEntry, kind_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use_editor(tmp_path, monkeypatch, APPENDING_EDITOR)
    result = CliRunner().invoke(app, ["journal", "edit", entry.id[:8]])
    assert result.exit_code == 0, result.output
    with Store.open(kind_home / "kind.db") as store:
        again = store.get_journal_entry(entry.id)
    assert again is not None
    assert again.body == WORDS + "\n# a new heading of mine\n#"
