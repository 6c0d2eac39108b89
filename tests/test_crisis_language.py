"""Crisis-language detection: high recall on real expressions of suicidal thoughts and
self-harm (direct and indirect), no firing on everyday idioms."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcli.catalog.loader import load_file
from kindcli.catalog.models import CrisisLanguage
from kindcli.practices.care import Detector, detector_for, find_crisis_language, normalise

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "content" / "resources" / "crisis-language.yaml"


def shipped_language() -> CrisisLanguage:
    (item,) = load_file(SHIPPED, "resources")
    assert isinstance(item, CrisisLanguage)
    return item


@pytest.fixture(scope="module")
def detector() -> Detector:
    return detector_for(shipped_language())


SHOULD_FIRE = [
    # direct
    "I want to kill myself",
    "I've been having suicidal thoughts again",
    "Honestly I just want to die.",
    "i wanna die",
    "I keep thinking about ending my life",
    "Thinking of taking my own life",
    "I wish I were dead",
    "i might just kms tonight",
    "I want to unalive myself",
    # indirect: not wanting to be here
    "I don't want to be here anymore",
    "I don\u2019t want to exist",
    "I don't want to live like this",
    "sometimes I hope I don't wake up",
    "I wish I could disappear forever",
    "I wish I'd never been born",
    # hopelessness about living
    "There's no point in living",
    "I have nothing left to live for",
    "I'm so tired of being alive",
    "I can't go on.",
    "I can't keep going anymore",
    # burden
    "I'm such a burden to everyone",
    "Everyone would be better off without me",
    "Nobody would even notice if I was gone",
    "They'd all be happier if I was gone",
    # ending it
    "I just want to end it all",
    "I've decided to end it",
    "I'm thinking about ending things",
    "I won't be around much longer",
    # self-harm
    "I want to hurt myself",
    "the urge to cut myself is so strong",
    "I relapsed on self harm last night",
    "I started cutting again, cutting myself on my arms",
    "I took too many pills",
    "I wrote a goodbye letter",
    # shouting, line breaks and curly quotes do not hide it
    "I WANT TO\nDIE",
    "I just\u2026 I don\u2019t want to be here any more",
    # denials still bring up support (accepted on purpose; see the data file)
    "I'm not suicidal, just tired",
    "I would never kill myself",
]

SHOULD_NOT_FIRE = [
    "This deadline is killing me",
    "I'd kill for a coffee",
    "I'm dying to see it",
    "My feet are killing me after that walk",
    "I nearly died laughing",
    "I nearly killed myself laughing at that film",
    "I'm killing myself trying to finish this report",
    "I'm dead tired",
    "That joke killed me",
    "Killing time at the airport",
    "We killed it at the presentation",
    "My phone died on the train",
    "I'm going to die of boredom in this meeting",
    "I wanted to die of embarrassment",
    "I don't want to die",
    "I don't want to live in London",
    "I don't want to be here at this party",
    "I hope I don't wake up late again",
    "I can't go on holiday this year",
    "There's no reason to panic",
    "The burden of proof is on them",
    "I need to cut myself some slack",
    "I cut myself shaving",
    "I hurt myself at the gym",
    "I overdosed on coffee today",
    "I ran 5 kms this morning",
    "I want to end things with him",
    "We decided to end it on a high note",
    "I need to take my pills",
    "We watched Suicide Squad",
    "I wrote a cover letter",
    "I was hard on myself today but I tried to be kind",
    "",
]


@pytest.mark.parametrize("text", SHOULD_FIRE)
def test_real_expressions_are_noticed(detector: Detector, text: str) -> None:
    assert detector.find(text) is not None, text


@pytest.mark.parametrize("text", SHOULD_NOT_FIRE)
def test_everyday_idioms_are_left_alone(detector: Detector, text: str) -> None:
    assert detector.find(text) is None, f"{text!r} matched {detector.find(text)}"


def test_every_example_in_the_data_holds() -> None:
    # The data file carries its own examples; each must behave as it says, through the
    # whole detector (idioms included), so editing the data cannot silently break it.
    language = shipped_language()
    detector = detector_for(language)
    for pattern in language.patterns:
        for text in pattern.matches:
            found = detector.find(text)
            assert found is not None, f"{pattern.id}: {text!r} should match"
        for text in pattern.ignores:
            assert detector.find(text) is None, f"{pattern.id}: {text!r} should not match"
    for idiom in language.idioms:
        for text in idiom.examples:
            assert detector.find(text) is None, f"idiom {idiom.id}: {text!r} should not match"


def test_every_idiom_is_needed() -> None:
    # An idiom that no pattern would have matched anyway is dead weight: drop it.
    language = shipped_language()
    no_idioms = detector_for(language.model_copy(update={"idioms": []}))
    for idiom in language.idioms:
        assert any(no_idioms.find(t) for t in idiom.examples), idiom.id


def test_a_match_names_the_pattern_never_the_words(detector: Detector) -> None:
    found = detector.find("Everyone would be better off without me")
    assert found is not None
    assert (found.pattern_id, found.category) == ("burden", "feeling like a burden")
    assert "everyone" not in repr(found).lower()


def test_any_of_several_texts_can_match(detector: Detector) -> None:
    assert find_crisis_language(["a calm day", "", "I want to die"], [detector]) is not None
    assert find_crisis_language(["a calm day", "tea with Sam"], [detector]) is None
    assert find_crisis_language(["I want to die"], []) is None


def test_normalise() -> None:
    assert normalise("  I DON\u2019T\n\n want   it ") == "i dont want it"


def test_a_bad_regular_expression_is_refused_with_its_place(tmp_path: Path) -> None:
    from kindcli.errors import ContentError

    bad = tmp_path / "mine.yaml"
    bad.write_text(
        "id: mine\nkind: crisis-language\nname: Mine\nreviewed: 2026-01-01\n"
        "patterns:\n  - id: p\n    category: c\n    regex: '(unclosed'\n    matches: [x]\n"
    )
    with pytest.raises(ContentError) as e:
        load_file(bad, "resources")
    assert "mine.yaml:8" in str(e.value) and "regular expression" in str(e.value)


def test_an_unknown_kind_is_named(tmp_path: Path) -> None:
    from kindcli.errors import ContentError

    bad = tmp_path / "x.yaml"
    bad.write_text("id: x\nname: X\nkind: leaflet\n")
    with pytest.raises(ContentError, match="kind: must be one of region, crisis-language, guide"):
        load_file(bad, "resources")
