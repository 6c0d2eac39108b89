"""The loving-kindness phrases: shaping what a person longs to hear into a wish, the short
exercise, editing, and how they are kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindcli.practices import meditation_phrases as ph
from tests.fakes import FakePrompter


@pytest.mark.parametrize(
    ("heard", "wish"),
    [
        ("You're not alone.", "May I know that I am not alone."),
        ("you are enough", "May I know that I am enough."),
        ("You aren't a burden", "May I know that I am not a burden."),
        ("You did your best", "May I know that I did my best."),
        ("\u201cYou matter\u201d", "May I know that I matter."),
        ("It's not your fault", "May I know that it's not my fault."),
        ("Be gentle with yourself", "May I be gentle with myself."),
        ("take care of yourself!", "May I take care of myself."),
        ("I'm proud of you", "May I take in these words: \u201cI'm proud of you.\u201d"),
        ("may i be safe", "May I be safe."),
        ("  ", ""),
    ],
)
def test_what_you_long_to_hear_becomes_a_wish(heard: str, wish: str) -> None:
    assert ph.shape_heard(heard) == wish


@pytest.mark.parametrize(
    ("need", "wish"),
    [
        ("to be accepted", "May I be accepted."),
        ("to feel safe", "May I feel safe."),
        ("safe", "May I be safe."),
        ("calm and rested", "May I be calm and rested."),
        ("rest", "May I find rest."),
        ("I need time for myself", "May I find time for myself."),
        ("be seen", "May I be seen."),
    ],
)
def test_what_you_need_becomes_a_wish(need: str, wish: str) -> None:
    assert ph.shape_need(need) == wish


@given(st.text(max_size=300))
def test_any_words_become_a_wish_or_nothing_and_never_fail(text: str) -> None:
    for shape in (ph.shape_heard, ph.shape_need):
        wish = shape(text)
        assert wish == "" or wish.startswith("May I ")


def test_the_kept_value_is_read_carefully() -> None:
    assert ph.from_state(None) == []
    assert ph.from_state({"version": 2, "phrases": ["May I rest."]}) == []
    assert ph.from_state({"version": 1, "phrases": "May I rest."}) == []
    assert ph.from_state({"version": 1, "phrases": ["May I rest.", 3, " ", " May I be. "]}) == [
        "May I rest.",
        "May I be.",
    ]
    assert ph.to_state(["May I rest."]) == {"version": 1, "phrases": ["May I rest."]}


def test_typed_or_piped_lines_are_trimmed_and_limited() -> None:
    lines = ["  May I rest.  ", "", "x" * 500, *[f"May I {n}." for n in range(10)]]
    kept = ph.clean(lines)
    assert kept[0] == "May I rest." and len(kept[1]) == ph.LONGEST_PHRASE
    assert len(kept) == ph.MOST_PHRASES


def test_the_exercise_shapes_each_answer_and_lets_the_person_choose() -> None:
    prompter = FakePrompter(
        [
            "You're not alone",  # what they long to hear
            "I'm proud of you",  # anything else
            "to rest",  # what they need
            ph.KEEP,
            ph.LEAVE_OUT,
            ph.CHANGE,
            "May I rest when I am tired.",
        ]
    )
    said: list[str] = []
    found = ph.Found()
    phrases = ph.find_phrases(prompter, said.append, found)
    assert phrases == ["May I know that I am not alone.", "May I rest when I am tired."]
    assert found.phrases == phrases
    assert said[0] == ph.INTRO
    assert "    May I rest." in said  # the wish was shown before it was changed
    asked = [message for _, message in prompter.asked]
    assert asked[:3] == [ph.ASK_HEARD, ph.ASK_HEARD_MORE, ph.ASK_NEED]


def test_skipping_everything_is_fine_and_says_so() -> None:
    said: list[str] = []
    assert ph.find_phrases(FakePrompter(["", ""]), said.append) == []
    assert said[-1] == ph.NOTHING_FOUND


def test_an_interrupted_exercise_still_holds_what_was_kept() -> None:
    prompter = FakePrompter(["you are loved", "", "safe", ph.KEEP, KeyboardInterrupt()])
    found = ph.Found()
    with pytest.raises(KeyboardInterrupt):
        ph.find_phrases(prompter, lambda text: None, found)
    assert found.phrases == ["May I know that I am loved."]


def test_editing_changes_adds_and_takes_out_one_at_a_time() -> None:
    prompter = FakePrompter(
        [
            ph.CHANGE_ONE,
            "May I be safe.",
            "May I be safe and held.",
            ph.ADD_ONE,
            "May I rest.",
            ph.REMOVE_ONE,
            "May I be calm.",
            ph.DONE,
        ]
    )
    new = ph.edit_phrases(prompter, lambda text: None, ["May I be safe.", "May I be calm."])
    assert new == ["May I be safe and held.", "May I rest."]


def test_editing_nothing_changes_nothing_and_forgetting_empties() -> None:
    assert ph.edit_phrases(FakePrompter([ph.DONE]), lambda t: None, ["May I rest."]) is None
    assert ph.edit_phrases(FakePrompter([ph.FORGET]), lambda t: None, ["May I rest."]) == []
