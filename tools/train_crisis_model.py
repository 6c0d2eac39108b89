"""Train kind's second reader for the crisis-language check from kind's own corpus, and
write it as data: content/resources/crisis-model.json.

    python tools/train_crisis_model.py [--check] [--folds 5]

A logistic model over each sentence's canonical words and word pairs (read exactly as the
check reads them: slang and misspellings as their plain word, idioms blanked). Trained by
plain stochastic gradient descent with a fixed seed, so the same corpus always gives the
same weights; pure Python, no dependency. Labels come from tests/data/crisis_corpus.yaml:
a text of a class that expects `self` or `other` is 1, `none` is 0; long entries ("buried")
are left out of training (most of their sentences are ordinary).

The threshold is chosen by cross-validation: the lowest score at which the whole check
(patterns, then this model, with the same rules for negation, tense and who) keeps false
alarms on the held-out folds at or below 5% in every class that should bring nothing
(the lowest from 0.85 up, because missing someone in crisis is worse than a gentle extra offer of
support; per class, because an idiom class that never fires must not hide near-misses
that often do). `--folds` prints the
cross-validated figures per class; `--check` fails if the shipped file is not what this
corpus trains.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kindcli.catalog.loader import load_file  # noqa: E402
from kindcli.practices import crisis_language as cl  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "crisis_corpus.yaml"
LANGUAGE = ROOT / "content" / "resources" / "crisis-language.yaml"
OUT = ROOT / "content" / "resources" / "crisis-model.json"
EPOCHS, RATE, DECAY, SEED, MAX_FA = 30, 0.3, 0.001, 12, 0.05

Example = tuple[str, int, str]


def corpus() -> list[Example]:
    import yaml

    out: list[Example] = []
    for block in yaml.safe_load(CORPUS.read_text(encoding="utf-8")):
        label = 0 if block["expect"] == "none" else 1
        out += [(str(t), label, str(block["class"])) for t in block["texts"]]
    return out


def base_detector() -> cl.Detector:
    (language,) = load_file(LANGUAGE, "resources")
    return cl.detector_for(language)


def sentence_features(det: cl.Detector, text: str) -> list[list[str]]:
    probe = cl.LinearModel({}, 0.0, 1.0)
    return [
        probe.features(det._without_idioms(det.lexicon.read(s)))
        for s in cl.sentences(cl.normalize(text))
    ]


def train(det: cl.Detector, examples: Sequence[Example]) -> tuple[dict[str, float], float]:
    rows = []
    for text, label, klass in examples:
        if klass.startswith("buried"):
            continue
        feats = sorted({f for s in sentence_features(det, text) for f in s})
        rows.append((feats, label))
    weights: dict[str, float] = {}
    bias = 0.0
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(rows)
        for feats, label in rows:
            z = bias + sum(weights.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
            g = label - p
            for f in feats:
                w = weights.get(f, 0.0)
                weights[f] = w + RATE * g - RATE * DECAY * w
            bias += RATE * g
    kept = {f: round(w, 4) for f, w in weights.items() if abs(w) >= 0.02}
    return dict(sorted(kept.items())), round(bias, 4)


def predict(det: cl.Detector, text: str) -> bool:
    return det.find(text) is not None


def choose_threshold(det: cl.Detector, examples: Sequence[Example], folds: int) -> float:
    """The lowest threshold at which, on the held-out folds, no class that should bring
    nothing (idioms, near-misses, past negations, self-compassion ...) raises false alarms
    on more than MAX_FA of its texts."""
    candidates = [0.85, 0.88, 0.9, 0.92, 0.93, 0.95, 0.97, 0.98, 0.99]
    results = cross_validate(det, examples, folds, candidates)
    negatives: dict[str, int] = {}
    for _, label, klass in examples:
        if label == 0:
            negatives[klass] = negatives.get(klass, 0) + 1
    for th in candidates:
        alarms = results[th]
        if all(alarms.get(k, 0) / n <= MAX_FA for k, n in negatives.items()):
            return th
    return candidates[-1]


def cross_validate(
    det: cl.Detector, examples: Sequence[Example], folds: int, thresholds: Sequence[float]
) -> dict[float, dict[str, int]]:
    """False alarms per class on the held-out folds, for each threshold."""
    order = list(range(len(examples)))
    random.Random(SEED).shuffle(order)
    out: dict[float, dict[str, int]] = {th: {} for th in thresholds}
    for k in range(folds):
        held = {i for n, i in enumerate(order) if n % folds == k}
        weights, bias = train(det, [e for i, e in enumerate(examples) if i not in held])
        for th in thresholds:
            fold_det = _with_model(det, cl.LinearModel(weights, bias, th))
            for i in held:
                text, label, klass = examples[i]
                if label == 0 and predict(fold_det, text):
                    out[th][klass] = out[th].get(klass, 0) + 1
    return out


def per_class(det: cl.Detector, examples: Sequence[Example], folds: int, th: float) -> None:
    order = list(range(len(examples)))
    random.Random(SEED).shuffle(order)
    hits: dict[str, list[int]] = {}
    for k in range(folds):
        held = {i for n, i in enumerate(order) if n % folds == k}
        weights, bias = train(det, [e for i, e in enumerate(examples) if i not in held])
        fold_det = _with_model(det, cl.LinearModel(weights, bias, th))
        for i in held:
            text, _label, klass = examples[i]
            hits.setdefault(klass, [0, 0])
            hits[klass][0] += int(predict(fold_det, text))
            hits[klass][1] += 1
    for klass, (hit, n) in hits.items():
        print(f"  {klass:<16} fired on {hit:3} of {n:3}")


def _with_model(det: cl.Detector, model: cl.LinearModel) -> cl.Detector:
    from dataclasses import replace

    return replace(det, model=model)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="Fail if the shipped model is stale.")
    parser.add_argument("--folds", type=int, default=0, help="Print cross-validated figures.")
    args = parser.parse_args()
    det = base_detector()
    examples = corpus()
    digest = hashlib.sha256(CORPUS.read_bytes() + LANGUAGE.read_bytes()).hexdigest()
    if args.check:
        shipped = json.loads(OUT.read_text(encoding="utf-8"))
        if shipped.get("trained_on") != digest:
            print("content/resources/crisis-model.json is stale: run tools/train_crisis_model.py")
            return 1
        print("crisis-model.json matches the corpus and the patterns")
        return 0
    threshold = choose_threshold(det, examples, 5)
    weights, bias = train(det, examples)
    data = {
        "about": (
            "kind's second reader for the crisis-language check: made by "
            "tools/train_crisis_model.py from tests/data/crisis_corpus.yaml; do not edit."
        ),
        "version": 1,
        "trained_on": digest,
        "threshold": threshold,
        "bias": bias,
        "weights": weights,
    }
    OUT.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.name}: {len(weights)} weights, threshold {threshold}")
    if args.folds:
        per_class(det, examples, args.folds, threshold)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
