"""Care and safety: noticing crisis language, choosing a region's lines, composing the
support block, and a one-minute grounding practice.

Pure Python on ports and content models. The data (lines, patterns) comes from
`content/resources/`; this module only knows how to use it. Nothing here ever sends,
dials or blocks anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from kindcli.ports import Clock, Prompter
from kindcli.practices import timeline

if TYPE_CHECKING:
    from kindcli.catalog.models import CrisisLanguage, RegionResources, Service
    from kindcli.practices.safety_plan import SafetyPlan

ARE_YOU_SAFE = "It sounds like things might be really hard right now. Are you safe?"
SAVED_ANYWAY = "What you wrote is saved, just as you left it. Nothing was sent anywhere."

# Shown only when even kind's own crisis data cannot be read: never leave a person with nothing.
FALLBACK_EMERGENCY = "If you are in danger right now, call your local emergency number."
FALLBACK_LINE = "Find a free, confidential crisis line in your country: https://findahelpline.com"

INTERNATIONAL = "intl"

# ---- crisis language ------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc`\u00b4]")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lowercase, apostrophes removed ("don't" -> "dont"), whitespace collapsed: the form
    the reviewed patterns are written against."""
    return _SPACE.sub(" ", _APOSTROPHES.sub("", text.lower())).strip()


@dataclass(frozen=True)
class CrisisMatch:
    """Which reviewed pattern matched. Never holds the person's words."""

    pattern_id: str
    category: str


@dataclass(frozen=True)
class Detector:
    """Compiled patterns and idioms, built once from a crisis-language item."""

    patterns: tuple[tuple[str, str, re.Pattern[str]], ...]
    idioms: tuple[re.Pattern[str], ...]

    def find(self, text: str) -> CrisisMatch | None:
        cleaned = normalise(text)
        if not cleaned:
            return None
        for idiom in self.idioms:
            cleaned = idiom.sub(" ", cleaned)
        for pattern_id, category, regex in self.patterns:
            if regex.search(cleaned):
                return CrisisMatch(pattern_id, category)
        return None


def detector_for(language: CrisisLanguage) -> Detector:
    return _compile(
        tuple((p.id, p.category, p.regex) for p in language.patterns),
        tuple(i.regex for i in language.idioms),
    )


@lru_cache(maxsize=8)
def _compile(patterns: tuple[tuple[str, str, str], ...], idioms: tuple[str, ...]) -> Detector:
    return Detector(
        tuple((pid, cat, re.compile(rx, re.IGNORECASE)) for pid, cat, rx in patterns),
        tuple(re.compile(rx, re.IGNORECASE) for rx in idioms),
    )


def find_crisis_language(texts: Iterable[str], detectors: Sequence[Detector]) -> CrisisMatch | None:
    """The first match in any of `texts` (an entry's body, each answer, a note), or None."""
    for text in texts:
        if not text:
            continue
        for detector in detectors:
            found = detector.find(text)
            if found:
                return found
    return None


# ---- regions --------------------------------------------------------------------------------

RegionSource = Literal["option", "config", "KIND_REGION", "locale", "none"]
_LOCALE = re.compile(r"^[A-Za-z]{2,3}[_-]([A-Za-z]{2})\b")


@dataclass(frozen=True)
class RegionChoice:
    code: str | None  # upper-case two letters, or None when nothing says where the person is
    source: RegionSource


def region_from_locale(environ: Mapping[str, str]) -> str | None:
    """en_GB.UTF-8 -> GB. The first of LC_ALL, LC_MESSAGES, LANG that is set decides."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            m = _LOCALE.match(value)
            return m.group(1).upper() if m else None
    return None


def choose_region(
    option: str | None, config_region: str | None, environ: Mapping[str, str]
) -> RegionChoice:
    """--region, then the config `region`, then KIND_REGION, then the locale."""
    if option:
        return RegionChoice(option.strip().upper(), "option")
    if config_region:
        return RegionChoice(config_region.strip().upper(), "config")
    env = environ.get("KIND_REGION", "").strip()
    if env:
        return RegionChoice(env.upper(), "KIND_REGION")
    from_locale = region_from_locale(environ)
    if from_locale:
        return RegionChoice(from_locale, "locale")
    return RegionChoice(None, "none")


def find_region(code: str | None, regions: Mapping[str, RegionResources]) -> RegionResources | None:
    """The region with this code or alias (UK finds GB), or None."""
    if not code:
        return None
    key = code.lower()
    if key in regions:
        return regions[key]
    for region in regions.values():
        if key in region.aliases:
            return region
    return None


# ---- the support block ----------------------------------------------------------------------


@dataclass(frozen=True)
class Styled:
    text: str
    style: str | None = None


@dataclass
class SupportBlock:
    """What `kind sos` (and the gentle check after saving words) shows, in order."""

    emergency: str
    region_title: str
    lines: list[Styled] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def ways_to_reach(service: Service) -> list[str]:
    ways: list[str] = []
    if service.call:
        ways.append(f"Call {service.call}")
    if service.text:
        ways.append(f"text {service.text}" if ways else f"Text {service.text}")
    if service.chat:
        ways.append(f"chat at {service.chat}" if ways else f"Chat at {service.chat}")
    if service.url and not ways:
        ways.append(f"Visit {service.url}")
    # No full stop: a URL at the end of a line must stay clean to copy or click.
    if len(ways) > 1:
        return [", ".join(ways[:-1]) + " or " + ways[-1]]
    return ways[:1]


def service_lines(service: Service) -> list[Styled]:
    out = [Styled(service.name, "bold")]
    out += [Styled("  " + w) for w in ways_to_reach(service)]
    if service.hours:
        out.append(Styled("  " + service.hours, "dim"))
    if service.note:
        out.append(Styled("  " + service.note, "dim"))
    return out


def support_block(
    choice: RegionChoice,
    regions: Mapping[str, RegionResources],
) -> SupportBlock:
    """Emergency number first, then the region's lines; the international directory when the
    region is unknown, with a note on setting it. Falls back to built-in words if needed."""
    region = find_region(choice.code, regions)
    intl = regions.get(INTERNATIONAL)
    notes: list[str] = []
    if region is None:
        if choice.code:
            notes.append(
                f"kind has no crisis lines for {choice.code} yet; the directory above lists "
                "lines in many countries."
            )
        notes.append(
            "To see your own region's lines here, run `kind config set region XX` "
            "with your two-letter country code (`kind sos --list-regions` shows them)."
        )
        region = intl
    if region is None:
        return SupportBlock(
            FALLBACK_EMERGENCY,
            "People you can reach now",
            [Styled(FALLBACK_LINE)],
            notes,
        )
    if region.emergency:
        emergency = f"If you are in danger right now, call {region.emergency.number}."
    else:
        emergency = FALLBACK_EMERGENCY
    lines: list[Styled] = []
    for service in region.services:
        lines += service_lines(service)
    title = (
        "People you can reach now"
        if region.id == INTERNATIONAL
        else f"People you can reach now: {region.name}"
    )
    if region.id != INTERNATIONAL and intl is not None:
        lines.append(
            Styled("Somewhere else? https://findahelpline.com lists lines worldwide.", "dim")
        )
    return SupportBlock(emergency, title, lines, notes)


NO_PLAN = (
    "When you feel steadier, `kind plan` helps you write a safety plan: your own list of "
    "what helps and who to reach."
)
PLAN_UNREADABLE = (
    "Your safety plan could not be read just now (`kind data doctor` can check the database)."
)


def support_lines(
    block: SupportBlock, plan: SafetyPlan | None, plan_note: str | None = None
) -> list[Styled]:
    """What to show, in order: the emergency number, the region's lines, notes, then the
    person's own plan (or a word about writing one)."""
    from kindcli.practices.safety_plan import plan_lines

    out = [Styled(block.emergency, "bold"), Styled(""), Styled(block.region_title, "bold")]
    out += block.lines
    out += [Styled(note, "dim") for note in block.notes]
    out.append(Styled(""))
    if plan is not None and not plan.is_empty:
        out.append(Styled("Your safety plan", "bold"))
        out += [Styled(text, style) for text, style in plan_lines(plan)]
    else:
        out.append(Styled(plan_note or NO_PLAN, "dim"))
    return out


# ---- one-minute grounding -------------------------------------------------------------------

GROUNDING_OFFER = "Would you like a one-minute grounding practice, right here?"
FEET = "Feel your feet on the floor"
BREATH = "Slow breathing"
NOT_NOW = "Not now"
GROUNDING_CHOICES = (FEET, BREATH, NOT_NOW)

# (text, seconds to stay with it). About a minute each, in our own words.
FEET_STEPS: tuple[tuple[str, float], ...] = (
    ("Let your feet rest flat on the floor, wherever you are.", 8),
    ("Notice the soles of your feet: the floor under them, pressure, warmth or coolness.", 12),
    ("If it helps, rock gently forward and back, and side to side.", 12),
    ("Each time your mind wanders, that is fine. Come back to the feet.", 12),
    ("Let the ground hold you. It is holding you right now.", 10),
    ("When you are ready, look around and notice three things you can see.", 6),
)
BREATH_IN, BREATH_OUT, BREATH_CYCLES = 4.0, 6.0, 6
BREATH_SAFETY = "Breathe gently. If you feel light-headed, let the count go and breathe normally."


@dataclass(frozen=True)
class GroundingResult:
    practice: str  # "feet", "breath" or "" when declined
    seconds: float = 0.0


Say = Callable[[str], None]


class _SayEach:
    """A timeline view that says each step's words as the step begins."""

    frame_seconds: float | None = None

    def __init__(self, say: Say) -> None:
        self.say = say

    def segment(self, tick: timeline.Tick[str]) -> None:
        self.say(tick.segment.payload)

    def frame(self, tick: timeline.Tick[str]) -> None:
        pass

    def paused(self, tick: timeline.Tick[str]) -> None:
        self.say("Paused. Press space to go on, or q to stop.")

    def resumed(self, tick: timeline.Tick[str]) -> None:
        pass


def run_steps(
    clock: Clock, keys: timeline.Keys, say: Say, steps: Sequence[tuple[str, float]]
) -> float:
    """Say each step and stay with it until its deadline (the timeline engine, so the
    minute never drifts); returns the seconds spent."""
    line = timeline.Timeline.back_to_back((seconds, text) for text, seconds in steps)
    keys.open()
    try:
        progress = timeline.run(line, clock, keys, _SayEach(say))
    finally:
        keys.close()
    return progress.active_seconds(clock.monotonic())


def breathing_steps() -> list[tuple[str, float]]:
    steps: list[tuple[str, float]] = []
    for n in range(BREATH_CYCLES):
        steps.append((f"Breathe in, slowly ... ({n + 1} of {BREATH_CYCLES})", BREATH_IN))
        steps.append(("and out, long and slow ...", BREATH_OUT))
    return steps


def offer_grounding(
    prompter: Prompter, clock: Clock, keys: timeline.Keys, say: Say
) -> GroundingResult:
    """Offer the minute; run the one chosen. Ctrl-C stops it (KeyboardInterrupt propagates)."""
    answer = prompter.select(GROUNDING_OFFER, list(GROUNDING_CHOICES), default=NOT_NOW)
    if answer == FEET:
        say("")
        seconds = run_steps(clock, keys, say, FEET_STEPS)
        practice = "feet"
    elif answer == BREATH:
        say("")
        say(BREATH_SAFETY)
        seconds = run_steps(clock, keys, say, breathing_steps())
        practice = "breath"
    else:
        return GroundingResult("")
    say("")
    say("Thank you for staying with that. The people above are there whenever you need them.")
    return GroundingResult(practice, seconds)
