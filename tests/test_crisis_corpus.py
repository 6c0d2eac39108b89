"""kind's own labelled corpus (tests/data/crisis_corpus.yaml, written by kind's authors):
every named class is there, and the check meets its goals on it. These figures are on the
corpus the rules were written against and the model trained on; bench/crisis.py prints
them with cross-validated figures for the model beside them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from kindcli.catalog.care_language import detectors
from kindcli.paths import shipped_content_dir

CORPUS = Path(__file__).resolve().parent / "data" / "crisis_corpus.yaml"
CLASSES = {
    "direct",
    "method-or-plan",
    "farewell",
    "self-harm",
    "passive-wish",
    "burden",
    "hopelessness",
    "misspelling",
    "slang",
    "non-native",
    "buried",
    "someone-else",
    "idiom",
    "hyperbole",
    "near-miss",
    "past-negation",
    "everyday",
    "buried-negative",
    "self-compassion",
}


def corpus() -> list[dict[str, object]]:
    return list(yaml.safe_load(CORPUS.read_text(encoding="utf-8")))


def classes() -> list[dict[str, object]]:
    """One block per class: a class may be written in several rounds (blocks)."""
    merged: dict[str, dict[str, object]] = {}
    for block in corpus():
        one = merged.setdefault(
            str(block["class"]), {"class": block["class"], "expect": block["expect"], "texts": []}
        )
        assert one["expect"] == block["expect"], f"{block['class']}: one expectation per class"
        one["texts"] = [*one["texts"], *block["texts"]]  # type: ignore[misc]
    return list(merged.values())


def test_the_corpus_covers_every_class_with_hundreds_of_examples() -> None:
    blocks = corpus()
    assert {str(b["class"]) for b in blocks} == CLASSES
    counts = Counter(str(b["class"]) for b in blocks for _ in b["texts"])  # type: ignore[attr-defined]
    assert sum(counts.values()) >= 400
    assert min(counts.values()) >= 6
    texts = [t for b in blocks for t in b["texts"]]  # type: ignore[attr-defined]
    assert len(texts) == len(set(texts)), "each example once"


@pytest.mark.parametrize("block", classes(), ids=lambda b: str(b["class"]))
def test_each_class_meets_its_goal(block: dict[str, object]) -> None:
    found = detectors(shipped_content_dir(), None)
    assert len(found) == 1
    (detector,) = found
    texts = list(block["texts"])  # type: ignore[call-overload]
    expect = block["expect"]
    right = 0
    wrong = []
    for text in texts:
        match = detector.find(str(text))
        got = match.about if match else "none"
        if got == expect:
            right += 1
        else:
            wrong.append(text)
    if expect == "none":
        assert len(wrong) / len(texts) <= 0.03, wrong  # false alarms at most 3%
    else:
        assert right / len(texts) >= 0.95, wrong  # recall at least 95%
