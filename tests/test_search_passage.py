"""`kind journal search` shows the passage that matched, with the words found standing out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.store.words import passage, terms

runner = CliRunner()
WORDS = ["rest", "rested", "Café", "cafe", "tired", "friend", "river", "a", "long-walk", "ok."]


@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=60),
    st.lists(st.sampled_from(["rest", "cafe", "fri", "zz"]), min_size=1, max_size=2),
    st.integers(12, 120),  # wider than any one word here
)
def test_a_passage_fits_is_cut_between_words_and_marks_only_matches(
    words: list[str], searched: list[str], width: int
) -> None:
    text = " ".join(words)
    pieces = passage(text, searched, width)
    shown = "".join(t for t, _ in pieces)
    assert len(shown) <= width
    inner = shown.removeprefix("…").removesuffix("…")
    assert inner in text
    start = text.index(inner)
    # Never cut mid-word: what is shown starts and ends at word edges.
    assert start == 0 or text[start - 1] == " "
    end = start + len(inner)
    assert end == len(text) or text[end] == " " or not text[end - 1].isalnum()
    for piece, hit in pieces:
        if hit:
            assert any(t.startswith(w) for t in terms(piece) for s in searched for w in terms(s))
    wanted = [w for s in searched for w in terms(s)]
    first = next(
        (w for w in text.split() if any(t.startswith(x) for t in terms(w) for x in wanted)), None
    )
    if first is not None and len(first) < width - 2:
        assert any(hit for _, hit in pieces)


def test_search_shows_the_matching_passage_marked_without_color() -> None:
    body = (
        "I woke up tired and the morning was long. Later a friend called, and we walked by "
        "the river until I felt calm and rested for the first time this week."
    )
    assert runner.invoke(app, ["journal", "-m", body]).exit_code == 0
    result = runner.invoke(app, ["journal", "search", "rest"], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "*rested*" in lines[1]
    assert lines[1].startswith("  …") and len(lines[1]) <= 60
    assert "I woke up" not in lines[1]  # the passage, not the first line


def test_on_a_terminal_the_words_found_are_bold_and_unmarked(kind_env: dict[str, str]) -> None:
    from tests.pty import finish, spawn_kind

    body = "A long day. Later I rested by the river, and it helped."
    assert runner.invoke(app, ["journal", "-m", body]).exit_code == 0
    kind_env["TERM"] = "xterm-256color"
    child = spawn_kind(["journal", "search", "river"], kind_env, width=80)
    child.expect("helped")
    screen = child.before
    assert finish(child) == 0
    assert "\x1b[1;33mriver" in screen or "\x1b[1m\x1b[33mriver" in screen, repr(screen)
    assert "*river*" not in screen
