"""The crisis-language check: its data proves itself, its rules read negation, tense and
who the words are about, misspellings and slang are read as the plain word, and a person's
own pattern can never hang kind."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from kindcli.catalog.care_language import crisis_model
from kindcli.catalog.loader import load_file
from kindcli.catalog.models import CrisisLanguage
from kindcli.paths import shipped_content_dir
from kindcli.practices import crisis_language as cl
from tests.conftest import REPO

SHIPPED = REPO / "content" / "resources" / "crisis-language.yaml"


def shipped_language() -> CrisisLanguage:
    (item,) = load_file(SHIPPED, "resources")
    assert isinstance(item, CrisisLanguage)
    return item


@pytest.fixture(scope="module")
def detector() -> cl.Detector:
    return cl.detector_for(shipped_language(), model=crisis_model(shipped_content_dir()))


@pytest.fixture(scope="module")
def rules_only() -> cl.Detector:
    return cl.detector_for(shipped_language())


def test_every_example_in_the_data_holds(rules_only: cl.Detector) -> None:
    # The data carries its own examples; each must behave as it says through the whole
    # check (idioms and rules included) and by the patterns alone, without the model.
    language = shipped_language()
    for pattern in language.patterns:
        for text in pattern.matches:
            assert rules_only.find(text) is not None, f"{pattern.id}: {text!r} should match"
        for text in pattern.ignores:
            found = rules_only.find(text)
            assert found is None, f"{pattern.id}: {text!r} should not match ({found})"
    for idiom in language.idioms:
        for text in idiom.examples:
            assert rules_only.find(text) is None, f"idiom {idiom.id}: {text!r} should not match"


def test_every_idiom_is_needed() -> None:
    # An idiom that neither a pattern nor the model would have fired on is dead weight.
    language = shipped_language()
    no_idioms = cl.detector_for(
        language.model_copy(update={"idioms": []}), model=crisis_model(shipped_content_dir())
    )
    for idiom in language.idioms:
        assert any(no_idioms.find(t) for t in idiom.examples), idiom.id


def test_a_pattern_runs_only_on_sentences_holding_its_keys(rules_only: cl.Detector) -> None:
    pattern = next(p for p in rules_only.patterns if p.id == "suicide")
    keyless = replace(rules_only, patterns=(replace(pattern, keys=frozenset({"nothing"})),))
    assert keyless.find("I have been feeling suicidal") is None
    assert replace(rules_only, patterns=(pattern,)).find("I have been feeling suicidal")


def test_a_match_names_the_pattern_never_the_words(detector: cl.Detector) -> None:
    found = detector.find("Everyone would be better off without me")
    assert found is not None
    assert (found.pattern_id, found.category, found.about) == (
        "better-without-me",
        "burden",
        "self",
    )
    assert "everyone" not in repr(found).lower()


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("I want to kill myself", "self"),
        ("My friend told me she feels suicidal", "other"),
        ("My brother has been talking about killing himself", "other"),
        ("She told me I'm a burden and I believe her", "self"),
        ("My mum says nobody would miss me", "self"),
        ("Mum, if you find this, none of this is your fault", "self"),
        ("I said goodbye to my sister today without telling her why", "self"),
    ],
)
def test_who_the_words_are_about(detector: cl.Detector, text: str, about: str) -> None:
    found = detector.find(text)
    assert found is not None and found.about == about, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "I would never kill myself",
        "I no longer want to die",
        "I used to self-harm but I've been clean for three years",
        "I'm not going to hurt myself tonight",
        "Years ago I wrote a goodbye letter, today I'm glad I'm here",
        "If I have to sit through one more meeting I'll kill myself",
        "This essay is going to be the death of me",
        "The character in the book kills himself at the end",
        "The team would be better off without me on this project",
    ],
)
def test_negation_past_and_figures_of_speech_set_a_match_aside(
    detector: cl.Detector, text: str
) -> None:
    assert detector.find(text) is None, detector.find(text)


@pytest.mark.parametrize(
    "text",
    [
        "I used to cut, and I started again last night",
        "Four weeks clean and I just relapsed",
        "I relapsed after a year without self-harm",
        "I'm not sure I want to live anymore",
        "Why shouldn't I just kill myself?",
        "Nobody would even notice if I was gone",
    ],
)
def test_what_only_looks_like_a_negation_still_counts(detector: cl.Detector, text: str) -> None:
    assert detector.find(text) is not None, text


def test_misspellings_of_key_words_are_read_as_the_word(rules_only: cl.Detector) -> None:
    read = rules_only.lexicon.read
    assert read("suicdal sucidal suiicide") == "suicidal suicidal suicide"
    assert read("kil myslef mysefl") == "kill myself myself"
    assert read("burdon alvie") == "burden alive"


def test_real_words_are_never_read_as_a_key_word(rules_only: cl.Detector) -> None:
    # "dad" is never "dead", "ill" never "kill", "arm" never "harm", "bride" never "bridge".
    assert rules_only.lexicon.read("dad ill arm bride nose lie died") == (
        "dad ill arm bride nose lie died"
    )


def test_slang_and_letters_in_disguise(rules_only: cl.Detector) -> None:
    assert rules_only.lexicon.read(cl.normalize("kms")) == "kill myself"
    assert cl.normalize("i want to k1ll my5elf") == "i want to kill myself"
    assert cl.normalize("I ran 5 kms at 3am") == "i ran 5 kms at 3am"


def test_misspellings_are_one_letter_away() -> None:
    found = cl.misspellings("kill")
    assert {"kil", "killl", "kkill", "klil"} <= found
    assert "kill" not in found and all(len(w) >= 3 for w in found)
    assert "dei" in cl.misspellings("die") or "diie" in cl.misspellings("die")


def test_a_safety_plan_is_checked_for_method_words_only(detector: cl.Detector) -> None:
    method = ("method or plan",)
    assert detector.find("I have been stockpiling my pills", method) is not None
    assert detector.find("When I feel like a burden to everyone", method) is None
    assert detector.find("Give my pills to Sam to keep for me", method) is None


def test_normalise_and_sentences() -> None:
    assert cl.normalize("  I DON\u2019T\n\n want   it ") == "i dont want it"
    assert cl.sentences("one. two! three\nfour") == ["one", "two", "three", "four"]


def test_several_texts_prefer_the_writer_over_someone_else(detector: cl.Detector) -> None:
    found = cl.find_crisis_language(["My friend wants to die", "I want to die too"], [detector])
    assert found is not None and found.about == "self"
    other = cl.find_crisis_language(["a calm day", "My friend wants to die"], [detector])
    assert other is not None and other.about == "other"
    assert cl.find_crisis_language(["I want to die"], []) is None


def test_the_model_is_what_this_corpus_trains() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "train_crisis_model.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_model_only_reads_what_the_patterns_leave(detector: cl.Detector) -> None:
    assert detector.model is not None
    # A sentence with none of the patterns' key words is never read by the model.
    assert detector.find("I ate an apple and watched the rain from the window") is None


# ---- a person's own patterns ------------------------------------------------------------------


def own_item(tmp_path: Path, regex: str, matches: str = "aaaa") -> CrisisLanguage:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\nkind: crisis-language\nname: Mine\nreviewed: 2026-01-01\n"
        f"patterns:\n  - id: p\n    category: mine\n    regex: '{regex}'\n"
        f"    matches: [{matches}]\n"
    )
    (item,) = load_file(path, "resources")
    assert isinstance(item, CrisisLanguage)
    return item


def test_a_pattern_that_backtracks_without_end_is_stopped_in_time(tmp_path: Path) -> None:
    detector = cl.detector_for(own_item(tmp_path, "^(a+)+$"), limited=True)
    started = time.monotonic()
    found = detector.find("a" * 40 + "b")
    # The budget is 20 ms; anything under a few seconds shows it cannot hang kind.
    assert time.monotonic() - started < 5
    assert found is None


def test_a_persons_own_pattern_still_finds_what_it_names(tmp_path: Path) -> None:
    detector = cl.detector_for(
        own_item(tmp_path, "ich will nicht mehr", "ich will nicht mehr"), limited=True
    )
    found = detector.find("Ich will nicht mehr leben")
    assert found is not None and found.pattern_id == "p"


def test_a_bad_regular_expression_is_refused_with_its_place(tmp_path: Path) -> None:
    from kindcli.errors import ContentError

    with pytest.raises(ContentError) as e:
        own_item(tmp_path, "(unclosed")
    assert "mine.yaml:" in str(e.value) and "regular expression" in str(e.value)


def test_an_unknown_word_list_is_named(tmp_path: Path) -> None:
    from kindcli.errors import ContentError

    with pytest.raises(ContentError, match=r"unknown word list \{nowhere\}"):
        own_item(tmp_path, r"\b{nowhere}\b")


def test_an_unknown_kind_is_named(tmp_path: Path) -> None:
    from kindcli.errors import ContentError

    bad = tmp_path / "x.yaml"
    bad.write_text("id: x\nname: X\nkind: leaflet\n")
    with pytest.raises(ContentError, match="kind: must be one of region, crisis-language, guide"):
        load_file(bad, "resources")


def test_kinds_own_check_needs_no_yaml_or_content_models(kind_env: dict[str, str]) -> None:
    # The check after saving reads kind's own item from the index: a person who writes in
    # their journal pays for neither YAML nor pydantic models to have it checked.
    probe = (
        "import sys\n"
        "from kindcli.catalog.care_language import detectors\n"
        "from kindcli.paths import shipped_content_dir\n"
        "found = detectors(shipped_content_dir(), None)[0].find('I want to end my life')\n"
        "print(found.pattern_id if found else None)\n"
        "print(sorted(m for m in sys.modules if m == 'yaml' or m.endswith('catalog.models')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=kind_env, check=False
    )
    assert done.returncode == 0, done.stderr
    matched, loaded = done.stdout.splitlines()
    assert matched != "None"
    assert loaded == "[]"


def test_kinds_own_check_reads_the_same_from_the_index_as_from_the_model() -> None:
    from kindcli.catalog.care_language import crisis_language

    (light,) = crisis_language(shipped_content_dir(), None)
    model = shipped_language()
    item = light.item
    assert not isinstance(item, CrisisLanguage), "kind's own comes from the index"
    assert item.words == model.words and item.slang == model.slang
    assert item.key_words == model.key_words and item.real_words == model.real_words
    assert [(p.id, p.category, p.keys, p.regex, p.about, p.unless) for p in item.patterns] == [
        (p.id, p.category, p.keys, p.regex, p.about, p.unless) for p in model.patterns
    ]
    assert [i.regex for i in item.idioms] == [i.regex for i in model.idioms]
    for name, value in model.rules:
        assert getattr(item.rules, name) == value, name
