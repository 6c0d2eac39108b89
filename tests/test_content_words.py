"""The words of the shipped practices leave room for every body and history: each touch has
another way, the breath is never the only anchor, backdraft is named where it can happen,
and the fierce break points elsewhere when someone is in danger."""

from __future__ import annotations

import re

import pytest

from kindcli.catalog.catalog import Catalog
from kindcli.catalog.models import Break, BreathingPattern, PromptSet
from kindcli.paths import shipped_content_dir

CATALOG = Catalog(shipped_content_dir())
BREAKS = CATALOG.all(Break)
# Ways to offer care that need neither touch nor hands that can make a gesture.
NO_TOUCH_NEEDED = re.compile(r"\b(lap|warm|soft|blanket|imagin\w*|hold something)\b", re.I)
# Anchors that are not the breath.
OTHER_ANCHOR = re.compile(r"\b(feet|floor|sounds?)\b", re.I)
# Stopping or slowing down, and a way to ground, said where old pain can surface.
SLOWING = re.compile(r"\b(slow down|stop|put .* aside)\b", re.I)
GROUNDING = re.compile(r"\b(feet|floor|holding you up)\b", re.I)


def touch_steps() -> list[tuple[str, int, str]]:
    return [
        (b.id, i, " ".join([s.text, *s.phrasings]))
        for b in BREAKS
        for i, s in enumerate(b.steps, start=1)
        if s.component == "touch"
    ]


def test_there_are_touch_steps_to_check() -> None:
    assert len(touch_steps()) >= 8


@pytest.mark.parametrize(("break_id", "step", "words"), touch_steps())
def test_every_touch_step_offers_another_way(break_id: str, step: int, words: str) -> None:
    assert NO_TOUCH_NEEDED.search(words), f"{break_id} step {step} offers no other way"


def test_nothing_assumes_hands() -> None:
    everything = " ".join(" ".join([b.closing, *(s.text for s in b.steps)]) for b in BREAKS).lower()
    assert "hands are always" not in everything
    assert "let your hands rest and come back" not in everything


@pytest.mark.parametrize("brk", BREAKS, ids=lambda b: b.id)
def test_the_breath_is_never_the_only_anchor_in_a_break(brk: Break) -> None:
    for step in brk.steps:
        if step.component == "breath":
            assert OTHER_ANCHOR.search(step.text), f"{brk.id}: {step.text!r}"


def test_breathing_has_a_pattern_that_does_not_pace_the_breath() -> None:
    grounding = CATALOG.get(BreathingPattern, "grounding")
    assert {p.action for p in grounding.phases} == {"notice"}
    noticed = " ".join(f"{p.label} {p.cue}" for p in grounding.phases).lower()
    for anchor in ("feet", "hands", "sounds"):
        assert anchor in noticed


def bringing_to_mind(brk: Break) -> str | None:
    return next((s.text for s in brk.steps if s.title == "Bringing it to mind"), None)


TOWARD_PAIN = [b for b in BREAKS if bringing_to_mind(b)]


def test_the_breaks_that_turn_toward_pain_are_the_full_ones() -> None:
    assert {b.id for b in TOWARD_PAIN} == {"standard", "fierce", "motivating"}


@pytest.mark.parametrize("brk", TOWARD_PAIN, ids=lambda b: b.id)
def test_backdraft_is_named_where_a_break_turns_toward_pain(brk: Break) -> None:
    text = bringing_to_mind(brk)
    assert text is not None
    assert SLOWING.search(text) and GROUNDING.search(text), text


def test_the_letter_names_backdraft_before_it_is_written() -> None:
    letter = CATALOG.get(PromptSet, "letter")
    assert letter.intro is not None
    intro = " ".join(letter.intro.split())
    assert "stir up" in intro and SLOWING.search(intro) and GROUNDING.search(intro)


def test_the_fierce_break_is_for_being_pushed_around_not_for_danger() -> None:
    fierce = CATALOG.get(Break, "fierce")
    assert fierce.note is not None and fierce.note.hint is not None
    hint = " ".join(fierce.note.hint.split())
    assert "pushed around" in hint
    assert "not safe" in hint and "`kind sos --for abuse`" in hint
    assert fierce.summary is not None and "danger" in fierce.summary


def test_the_long_hold_of_4_7_8_comes_with_a_caution() -> None:
    safety = " ".join(CATALOG.get(BreathingPattern, "4-7-8").safety.split()).lower()
    for word in ("pregnant", "heart", "lung", "optional"):
        assert word in safety


def test_the_reframe_closing_offers_thanking_the_critic_lightly() -> None:
    closing = " ".join(CATALOG.get(PromptSet, "reframe").closing.split())
    assert "if that fits" in closing
    assert "owe it nothing" in closing  # a critic that echoes someone who hurt you
