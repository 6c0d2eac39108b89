"""A person's own loving-kindness phrases: finding them, shaping them, keeping them.

The short guided exercise asks what the person longs to hear and what they need, shapes
each answer into a wish ("you're not alone" becomes "May I know that I am not alone"), and
lets them keep, change or leave out each one. The phrases live in the store's `state` under
STATE_KEY as `{"version": 1, "phrases": [...]}`, in the person's order; `loving-kindness`
uses them, and `kind break` offers them at its kindness step.

Pure Python on the Prompter port; saving is the caller's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kindcli.ports import Prompter

STATE_KEY = "meditation.phrases"
VERSION = 1
MOST_PHRASES = 6  # a few are easier to stay with; the practice suggests two to four
LONGEST_PHRASE = 200

INTRO = (
    "Loving-kindness phrases are a few short wishes you offer yourself, in words that feel "
    "true to you. Here is a short way to find yours: two or three questions, then you choose "
    "the words. Any question can be skipped with Enter."
)
# The longer words are said first; the questions themselves stay short enough to sit on one
# line with their answer.
HEARD_CONTEXT = (
    "Think of a time when things were hard. If someone who cares about you had been there, "
    "what would you have longed to hear them say? A few words, the way they might say them."
)
ASK_HEARD = "What would you love to hear?"
ASK_HEARD_MORE = "Anything else? (Enter if that is all)"
NEED_CONTEXT = (
    "And when things are hard, what do you need, deep down? Perhaps to feel safe, to rest, "
    "or to be accepted just as you are."
)
ASK_NEED = "What do you need?"
AS_A_WISH = "As a wish, that might be:"
KEEP = "Keep it"
CHANGE = "Change the words"
LEAVE_OUT = "Leave it out"
YOUR_WORDS = "Your words:"
NOTHING_FOUND = (
    "That's fine. Finding the words can take time, and they may come to you later. Until "
    "then, loving-kindness uses kind's own phrases."
)
ASK_NEW = "Your new phrase (for example: May I rest when I'm tired)"

# Words that read as a state to be in ("May I be safe"); other needs are something to find
# ("May I find rest").
STATES = frozenset(
    [
        "safe",
        "calm",
        "loved",
        "accepted",
        "seen",
        "heard",
        "understood",
        "valued",
        "enough",
        "whole",
        "well",
        "healthy",
        "happy",
        "free",
        "strong",
        "rested",
        "content",
        "peaceful",
        "patient",
        "forgiven",
        "okay",
        "ok",
        "held",
        "comforted",
        "cared",
        "supported",
        "protected",
        "gentle",
        "kind",
        "brave",
        "steady",
    ]
)
# Words that start a kind instruction ("be gentle with yourself" -> "May I be gentle...").
INVITATIONS = frozenset(
    [
        "be",
        "take",
        "rest",
        "let",
        "go",
        "give",
        "forgive",
        "slow",
        "stop",
        "keep",
        "trust",
        "remember",
        "know",
        "breathe",
        "allow",
        "accept",
        "look",
        "treat",
        "listen",
        "stay",
        "hold",
        "find",
        "feel",
        "love",
    ]
)
_SECOND_TO_FIRST = {
    "yourself": "myself",
    "your": "my",
    "yours": "mine",
    "you're": "I'm",
    "youre": "I'm",
    "you've": "I've",
    "you'll": "I'll",
    "you'd": "I'd",
    "you": "me",
    "u": "me",
    "ur": "my",
}
_WORD = re.compile(r"[A-Za-z']+|[^A-Za-z']+")


def _tidy(text: str) -> str:
    """One line, no surrounding quotes or closing punctuation, apostrophes straightened."""
    text = " ".join(text.replace("\u2019", "'").split())
    text = text.strip(" \"'\u201c\u201d")
    return text.rstrip(" .!,;:").strip()


def _first_person(text: str) -> str:
    """Turn words said to you into words about yourself: your -> my, you -> me."""
    out = []
    for token in _WORD.findall(text):
        swapped = _SECOND_TO_FIRST.get(token.lower())
        out.append(swapped if swapped is not None else token)
    return "".join(out)


def _lower_first(text: str) -> str:
    if text[:2] in ("I ", "I'") or text == "I":
        return text
    return text[:1].lower() + text[1:]


def _wish(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


_YOU_ARE_NOT = re.compile(r"(?:you are not|you aren'?t|you'?re not|ur not)\b\s*(.*)", re.I)
_YOU_ARE = re.compile(r"(?:you are|you'?re|ur)\b\s*(.*)", re.I)
_YOU = re.compile(r"you\b\s*(.*)", re.I)
_CARER = re.compile(r"(?:i|i'?m|i'?ve|i'?ll|we|we'?re)\b.*\b(?:you|your|yours|yourself|u)\b", re.I)
_NEED_LEAD = re.compile(r"(?:i need|i want|i'?d like|i would like|i long for|i wish for)\s+", re.I)


def shape_heard(words: str) -> str:
    """What a person longs to hear, as a wish: "You're not alone" -> "May I know that I am
    not alone"; "be gentle with yourself" -> "May I be gentle with myself"; anything said
    in the carer's own voice ("I'm proud of you") is kept as their words."""
    text = _tidy(words)
    if not text:
        return ""
    if text.lower().startswith("may i "):
        return _wish("May I " + text[6:])
    for pattern, lead in ((_YOU_ARE_NOT, "I am not"), (_YOU_ARE, "I am"), (_YOU, "I")):
        if m := pattern.fullmatch(text):
            return _wish(f"May I know that {lead} {_first_person(m[1])}".rstrip())
    if _CARER.fullmatch(text):
        # Said by the one who cares ("I'm proud of you", "I love you"): keep their words.
        return f"May I take in these words: \u201c{_wish(text)}\u201d"
    if text.split()[0].lower() in INVITATIONS:
        return _wish(f"May I {_lower_first(_first_person(text))}")
    return _wish(f"May I know that {_lower_first(_first_person(text))}")


def shape_need(words: str) -> str:
    """A need, as a wish: "to be accepted" -> "May I be accepted"; "safe" -> "May I be
    safe"; "rest" -> "May I find rest"."""
    text = _tidy(words)
    if not text:
        return ""
    if text.lower().startswith("may i "):
        return _wish("May I " + text[6:])
    text = _first_person(_NEED_LEAD.sub("", text, count=1))
    low = text.lower()
    if low.startswith("to "):
        return _wish(f"May I {_lower_first(text[3:])}")
    if low.startswith(("be ", "feel ")):
        return _wish(f"May I {_lower_first(text)}")
    joining = {"and", "or", "at", "ease", "more", "a", "bit", "little"}
    named = low.replace(",", " ").split()
    if named and all(w in STATES or w in joining for w in named):
        return _wish(f"May I be {_lower_first(text)}")
    return _wish(f"May I find {_lower_first(text)}")


# ---- kept in the store ------------------------------------------------------------------


def from_state(value: object) -> list[str]:
    """The phrases kept in the store, or [] for anything not understood."""
    if not isinstance(value, dict) or value.get("version") != VERSION:
        return []
    phrases = value.get("phrases")
    if not isinstance(phrases, list):
        return []
    return [p.strip() for p in phrases if isinstance(p, str) and p.strip()][:MOST_PHRASES]


def to_state(phrases: Sequence[str]) -> dict[str, Any]:
    return {"version": VERSION, "phrases": list(phrases)}


def clean(lines: Sequence[str]) -> list[str]:
    """Phrases typed or piped in: one a line, blank lines left out, each trimmed to a length
    kind can show, at most MOST_PHRASES."""
    out = []
    for line in lines:
        text = " ".join(line.split())
        if text:
            out.append(text[:LONGEST_PHRASE])
    return out[:MOST_PHRASES]


# ---- the exercise -----------------------------------------------------------------------


@dataclass
class Found:
    """What the exercise has found so far (kept even if it is interrupted)."""

    phrases: list[str] = field(default_factory=list)


def find_phrases(
    prompter: Prompter, say: Callable[[str], None], found: Found | None = None
) -> list[str]:
    """The short guided exercise. Returns the phrases the person kept (maybe none). `found`
    collects them as they are kept, so a caller can keep them if the exercise is cut short.
    """
    found = found if found is not None else Found()
    say(INTRO)
    say("")
    say(HEARD_CONTEXT)
    answers: list[tuple[str, Callable[[str], str]]] = []
    heard = prompter.text(ASK_HEARD).strip()
    if heard:
        answers.append((heard, shape_heard))
        more = prompter.text(ASK_HEARD_MORE).strip()
        if more:
            answers.append((more, shape_heard))
    say("")
    say(NEED_CONTEXT)
    need = prompter.text(ASK_NEED).strip()
    if need:
        answers.append((need, shape_need))
    for answer, shape in answers:
        if len(found.phrases) >= MOST_PHRASES:
            break
        wish = shape(answer)[:LONGEST_PHRASE]
        if not wish:
            continue
        say("")
        say(AS_A_WISH)
        say(f"    {wish}")
        picked = prompter.select("Keep it?", [KEEP, CHANGE, LEAVE_OUT])
        if picked == CHANGE:
            typed = clean([prompter.text(YOUR_WORDS, default=wish)])
            wish = typed[0] if typed else wish
        elif picked == LEAVE_OUT:
            continue
        if wish not in found.phrases:
            found.phrases.append(wish)
    if not found.phrases:
        say("")
        say(NOTHING_FOUND)
    return list(found.phrases)


# ---- editing the kept phrases -------------------------------------------------------------

DONE = "Done"
CHANGE_ONE = "Change one"
ADD_ONE = "Add one of your own"
REMOVE_ONE = "Take one out"
FIND_NEW = "Find new ones with the short exercise"
FORGET = "Go back to kind's phrases (forget mine)"


def edit_phrases(
    prompter: Prompter, say: Callable[[str], None], phrases: Sequence[str]
) -> list[str] | None:
    """Change the kept phrases, one change at a time, until Done. Returns the new list, or
    None when nothing changed."""
    current = list(phrases)
    changed = False
    while True:
        say("")
        say("Your phrases:")
        for phrase in current:
            say(f"    {phrase}")
        choices = [DONE, CHANGE_ONE, REMOVE_ONE, FIND_NEW, FORGET]
        if len(current) < MOST_PHRASES:
            choices.insert(2, ADD_ONE)
        picked = prompter.select("What would you like to do?", choices, default=DONE)
        if picked == DONE:
            return current if changed else None
        if picked == FORGET:
            return []
        if picked == FIND_NEW:
            return find_phrases(prompter, say) or (current if changed else None)
        if picked == ADD_ONE:
            typed = clean(
                [prompter.text("Your new phrase (for example: May I rest when I'm tired)")]
            )
            if typed:
                current.append(typed[0])
                changed = True
            continue
        which = prompter.select("Which one?", current, default=current[0])
        index = current.index(which)
        if picked == REMOVE_ONE:
            del current[index]
            changed = True
            if not current:
                return current
            continue
        typed = clean([prompter.text(YOUR_WORDS, default=which)])
        if typed and typed[0] != which:
            current[index] = typed[0]
            changed = True
