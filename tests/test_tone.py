"""Tone and spelling guards over every word kind ships: nothing shames, commands or claims
to treat anything, and everything is in one spelling (US English, as in "behavioral").

They read every string constant in the source (walking the AST, docstrings and help texts
included: any of them may reach a person), every content file of every type, present and
future, comments included, and the README. Nothing is hand-picked, so a new message is
checked the day it is written. Grow the lists whenever a review finds a phrase to keep out.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SOURCE = REPO / "src" / "kindcli"

# (pattern, why) - matched case-insensitively on whole words.
FORBIDDEN: list[tuple[str, str]] = [
    (r"failed|failure to|you fail", "never frame practice as failing"),
    (r"broke your streak|broken streak|lost your streak|lose your streak", "no streak shame"),
    (r"streak is (?:over|gone|reset)|streak (?:has )?ended|reset your streak", "no streak shame"),
    (r"you should|you must|you need to|you have to", "invitational, not commanding"),
    (r"cures?|cured", "no clinical claims"),
    (r"treats|treat (?:your|depression|anxiety)", "no clinical claims"),
    (r"heals?|will fix|fixes (?:you|it all|everything)|guaranteed?", "no promises"),
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
    (
        r"feeling this exact thing|(?:many|most) people have felt just like this|"
        r"everyone feels (?:this|the same)",
        "common humanity, said honestly",
    ),
    (r"your hands are always", "not every body has hands that can"),
]

# British spellings, with the US form kind uses. Whole words, any case.
BRITISH: list[tuple[str, str]] = [
    (r"practis(?:e|es|ed|ing)", "practice, practiced, practicing"),
    (r"colours?|colour(?:ed|ful|ing)", "color"),
    (r"programmes?", "program"),
    (r"(?:behavi|fav|hon|hum|lab|neighb|flav|rum|sav|endeav|harb)our\w*", "-or"),
    (r"(?:centre|theatre|metre|litre|fibre)[sd]?", "-er"),
    (
        r"(?:organi|recogni|reali|apologi|minimi|normali|summari|prioriti|sympathi|utili|"
        r"optimi|initiali|seriali|visuali|customi|authori|critici|categori|memori|personali|"
        r"familiari|standardi|finali|stabili|speciali|emphasi|sanitis|capitali|randomi)s(?:e|es|ed|ing|ation|ations)",
        "-ize",
    ),
    (r"(?:analy|paraly)s(?:e|es|ed|ing)", "-yze"),
    (r"(?:travel|cancel|label|model|counsel|fuel|signal|level)l(?:ed|ing|er|ers|or|ors)", "one l"),
    (r"licence|defence|offence|pretence", "-se"),
    (r"judgements?", "judgment"),
    (r"catalogues?", "catalog"),
    (r"grey|whilst|amongst|learnt|spelt|dreamt|enrol|enrolment|fulfil|cheque|maths|tyres?", "US"),
    (r"sceptic\w*|paediatric\w*|anaesthe\w*|manoeuvre\w*|jewellery|pyjamas|aluminium", "US"),
    (r"ageing|cosy|draughts?|mum|mums", "US"),
]
# Names of organisations keep their own spelling.
PROPER_NAMES = ("Centre for Clinical Interventions", "Veterans & Families Counselling")

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


def _found(text: str, rules: list[tuple[str, str]]) -> list[str]:
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    found = []
    for pattern, why in rules:
        m = re.search(rf"\b(?:{pattern})\b", text, re.IGNORECASE)
        if m:
            found.append(f"'{m.group(0)}' ({why})")
    return found


def problems_in(text: str) -> list[str]:
    return _found(text, FORBIDDEN)


def spelling_in(text: str) -> list[str]:
    return _found(text, BRITISH)


# ---- what is read ----------------------------------------------------------------------------

CONTENT_FILES = sorted(CONTENT.glob("**/*.yaml")) + sorted(CONTENT.glob("**/*.yml"))
SOURCE_FILES = sorted(SOURCE.glob("**/*.py"))


def content_texts(path: Path) -> Iterator[tuple[str, str]]:
    """Every prose string of a content file (by its place), and its comments."""
    text = path.read_text(encoding="utf-8")
    yield from prose(yaml.safe_load(text))
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" in line:
            yield f"line {number} (comment)", line.split("#", 1)[1]


def source_strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string constant of a source file, f-strings' pieces and docstrings included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_there_is_everything_to_guard() -> None:
    assert any(p.parent.name == "resources" for p in CONTENT_FILES)
    assert len(CONTENT_FILES) >= 8
    assert len(SOURCE_FILES) >= 60
    # The walk sees the messages people read, wherever they are in the code.
    strings = {s for p in SOURCE_FILES for _, s in source_strings(p)}
    from kindcli.cli import INTERRUPTED
    from kindcli.practices import care, checkin

    assert {INTERRUPTED, care.ARE_YOU_SAFE, checkin.FELT_WORSE} <= strings


# ---- tone ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_shipped_content_is_kind(path: Path) -> None:
    found = [f"{where}: {p}" for where, text in content_texts(path) for p in problems_in(text)]
    assert found == [], f"{path.relative_to(REPO)}: {found}"


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_every_string_in_the_source_is_kind(path: Path) -> None:
    found = [f"line {n}: {p}" for n, text in source_strings(path) for p in problems_in(text)]
    assert found == [], f"{path.relative_to(REPO)}: {found}"


def test_the_welcome_as_shown_is_kind(tmp_path: Path) -> None:
    # Built at run time from pieces, so checked as a person reads it too.
    from kindcli.practices import welcome

    texts = [*welcome.welcome_lines(tmp_path), *welcome.RESEARCH, *welcome.CREDITS]
    assert [f"{t!r}: {p}" for t in texts for p in problems_in(t)] == []


# ---- one spelling ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: str(p.relative_to(CONTENT)))
def test_content_is_in_us_english(path: Path) -> None:
    found = [f"{where}: {p}" for where, text in content_texts(path) for p in spelling_in(text)]
    assert found == [], f"{path.relative_to(REPO)}: {found}"


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_every_string_in_the_source_is_in_us_english(path: Path) -> None:
    found = [f"line {n}: {p}" for n, text in source_strings(path) for p in spelling_in(text)]
    assert found == [], f"{path.relative_to(REPO)}: {found}"


def test_the_readme_is_in_us_english() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = [
        f"line {n}: {p}" for n, line in enumerate(readme.splitlines(), 1) for p in spelling_in(line)
    ]
    assert found == []


# ---- the guards themselves -------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        "You failed to practice yesterday.",
        "Oops, you broke your streak!",
        "You should breathe more slowly.",
        "This meditation cures anxiety.",
        "Box breathing treats panic.",
        "He committed suicide in 2019.",
        "Just relax.",
        "Somewhere, someone is feeling this exact thing right now.",
        "Many people have felt just like this.",
        "Your hands are always with you.",
    ],
)
def test_the_tone_guard_catches_what_it_is_for(bad: str) -> None:
    assert problems_in(bad)


def test_the_tone_guard_leaves_kind_words_alone() -> None:
    assert problems_in("If it feels right, you might rest your hand on your heart.") == []
    assert problems_in("Stopping is always fine.") == []
    assert problems_in("`kind config unset KEY` fixes a value.") == []
    assert problems_in("The longest streak over these days.") == []


@pytest.mark.parametrize(
    "british",
    [
        "You practised on 3 days.",
        "No colour, please.",
        "Self-compassion programmes",
        "free, confidential counselling",
        "Text is normalised first.",
        "a harsh judgement",
        "Your favourite pattern",
        "the centre of the screen",
    ],
)
def test_the_spelling_guard_catches_british_spellings(british: str) -> None:
    assert spelling_in(british)


def test_the_spelling_guard_leaves_us_english_and_names_alone() -> None:
    for fine in (
        "You practiced on 3 days; practice is a noun and a verb.",
        "No color. Behavioral health. The program is free counseling.",
        "Centre for Clinical Interventions, self-help workbooks",
        "Emphasis on the emphasis; a programmer's analysis.",
    ):
        assert spelling_in(fine) == [], fine
