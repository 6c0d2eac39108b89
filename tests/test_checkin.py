from __future__ import annotations

from kindcli.practices.checkin import AFTER, CheckIn, after_words, ask
from tests.fakes import FakePrompter


def test_ratings_are_asked_only_when_enabled() -> None:
    prompter = FakePrompter([7])
    assert ask(prompter, AFTER, enabled=False) is None
    assert prompter.asked == []
    assert ask(prompter, AFTER, enabled=True) == 7
    assert prompter.asked == [("rating", AFTER)]


def test_feeling_worse_gets_care_and_a_way_out() -> None:
    words = after_words(CheckIn(before=4, after=7))
    assert any("soles of your feet" in w for w in words)
    assert any("kind sos" in w for w in words)
    assert after_words(CheckIn(before=6, after=3)) == []
    assert after_words(CheckIn(before=None, after=9)) == []
