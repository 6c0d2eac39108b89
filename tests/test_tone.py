"""Tone guard: nothing kind ships shames, commands, or claims to treat anything.

Reads every shipped content file, of every type, present and future, and the care texts
written in code. Grow the list whenever a review finds a new phrase to keep out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"

# (pattern, why) - matched case-insensitively on whole words.
FORBIDDEN: list[tuple[str, str]] = [
    (r"failed|failure to|you fail", "never frame practice as failing"),
    (r"broke your streak|broken streak|lost your streak|lose your streak", "no streak shame"),
    (r"streak (?:is )?(?:over|gone|reset)", "no streak shame"),
    (r"you should|you must|you need to|you have to", "invitational, not commanding"),
    (r"cures?|cured", "no clinical claims"),
    (r"treats|treat (?:your|depression|anxiety)", "no clinical claims"),
    (r"heals?|will fix|fixes|guaranteed?", "no promises"),
    (r"diagnos(?:e|es|is)", "kind does not diagnose"),
    (r"committed suicide|commit suicide", "say 'died by suicide'"),
    (r"successful suicide|failed attempt|completed suicide", "safe-messaging"),
    (r"selfish|attention[- ]seeking", "safe-messaging"),
    (r"lazy|pathetic|weak willed|no excuses?", "never shame"),
    (
        r"just relax|calm down|cheer up|snap out of it|stay positive|good vibes only",
        "no toxic positivity",
    ),
    (r"everything happens for a reason|look on the bright side", "no toxic positivity"),
    (r"clinically proven|scientifically proven|evidence proves", "state research honestly"),
]
# Detection data: these fields hold the phrases people write, not words kind says.
DETECTION_FIELDS = {"patterns", "idioms", "words", "key_words", "real_words", "slang", "rules"}
# Links and dates are not prose.
NOT_PROSE = {"url", "source", "chat", "verified", "reviewed", "id"}


def prose(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in NOT_PROSE:
                continue
            if key in DETECTION_FIELDS and node.get("kind") == "crisis-language":
                continue
            yield from prose(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from prose(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def problems_in(text: str) -> list[str]:
    found = []
    for pattern, why in FORBIDDEN:
        m = re.search(rf"\b(?:{pattern})\b", text, re.IGNORECASE)
        if m:
            found.append(f"'{m.group(0)}' ({why})")
    return found


CONTENT_FILES = sorted(CONTENT.glob("**/*.yaml")) + sorted(CONTENT.glob("**/*.yml"))


def test_there_is_content_to_guard() -> None:
    assert any(p.parent.name == "resources" for p in CONTENT_FILES)
    assert len(CONTENT_FILES) >= 8


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_shipped_content_is_kind(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    comments = "\n".join(
        line.split("#", 1)[1] for line in path.read_text().splitlines() if "#" in line
    )
    found = [f"{where}: {p}" for where, text in prose(data) for p in problems_in(text)]
    found += [f"comment: {p}" for p in problems_in(comments)]
    assert found == [], f"{path.relative_to(REPO)}: {found}"


def test_care_texts_in_code_are_kind(tmp_path: Path) -> None:
    from kindcli.practices import care, checkin, safety_plan, welcome

    texts = [
        *welcome.welcome_lines(tmp_path),
        *welcome.RESEARCH,
        *welcome.CREDITS,
        care.ARE_YOU_SAFE,
        care.SAVED_ANYWAY,
        care.FALLBACK_EMERGENCY,
        care.GROUNDING_OFFER,
        care.BREATH_SAFETY,
        *(text for text, _ in care.FEET_STEPS),
        *safety_plan.INTRO,
        *(f"{s.title} {s.question} {s.hint}" for s in safety_plan.SECTIONS),
        care.NO_PLAN,
        care.PLAN_UNREADABLE,
        checkin.FELT_WORSE,
        checkin.GROUNDING,
    ]
    found = [f"{t!r}: {p}" for t in texts for p in problems_in(t)]
    assert found == []


@pytest.mark.parametrize(
    "bad",
    [
        "You failed to practise yesterday.",
        "Oops, you broke your streak!",
        "You should breathe more slowly.",
        "This meditation cures anxiety.",
        "Box breathing treats panic.",
        "He committed suicide in 2019.",
        "Just relax.",
    ],
)
def test_the_guard_catches_what_it_is_for(bad: str) -> None:
    assert problems_in(bad)


def test_the_guard_leaves_kind_words_alone() -> None:
    assert problems_in("If it feels right, you might rest your hand on your heart.") == []
    assert problems_in("Stopping is always fine.") == []
