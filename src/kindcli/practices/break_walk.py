"""Walking a break's steps one at a time: what each step shows, choosing kind words, and
staying with a step (until Enter or q, single keys, or paced by the timeline engine with
--auto).

Used by `kindcli.practices.breaks.run_break`, which owns the flow around it (check-ins, the
note, saving); pure Python on ports like the rest of practices/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kindcli.ports import STOP_WORDS, Clock, Moment, Prompter, Renderer
from kindcli.practices import checkin, meditation_phrases, timeline
from kindcli.practices.break_parts import (
    GO_ON,
    GO_ON_QUESTION,
    STOP_HERE,
    BreakLog,
    BreakOptions,
    BreakResult,
    Choice,
    Stop,
    choice_key,
)
from kindcli.practices.durations import about

if TYPE_CHECKING:
    from kindcli.catalog.models import Break, BreakStep, NotePrompt

STOP_HINT = "Take your time: each step waits for you. q stops whenever you like."
AUTO_STOP_HINT = (
    "The steps move on by themselves. Enter moves on sooner; q or Ctrl-C stops whenever you like."
)
AUTO_PIPED_HINT = "The steps move on by themselves. Press Ctrl-C to stop whenever you like."
AUTO_CHOSE = "(kind picked these words for you; without --auto you can choose your own)"
AUTO_REMEMBERED = "(the words you chose last time; without --auto you can choose others)"
AUTO_YOURS = "(one of your own phrases; without --auto you can choose others)"
PAUSE_FIRST = "Enter when you're ready (q stops)"
PAUSE_HINT = "Enter to go on \u00b7 q to stop"
STOPPED_EARLY = "That's okay. Stopping is part of looking after yourself too."
OWN_WORDS = "Write my own words..."
OWN_OTHER = "Something else..."
OWN_PROMPT = "Your own words (Enter to use the first ones):"
YOUR_PHRASE = " (your phrase)"
YOUR_CHOICE = " (your choice)"
FROM_YOUR_PHRASES = " (one of your phrases)"
# The person's own loving-kindness phrases (written with `kind meditate`), offered at every
# kindness step: {"version": 1, "phrases": ["May I ...", ...]}.
# What a step is called on screen when its file gives no title.
TITLES = {
    "settle": "Settling in",
    "breath": "A breath",
    "grounding": "Grounding",
    "mindfulness": "Noticing",
    "common_humanity": "You are not alone",
    "touch": "A kind touch",
    "kindness": "Kind words",
    "close": "Coming back",
}


@dataclass
class Walk:
    brk: Break
    clock: Clock
    prompter: Prompter
    out: Renderer
    log: BreakLog
    options: BreakOptions
    result: BreakResult
    keys: timeline.Keys | None = None
    # True when the screen ends in an empty line (or nothing yet, under the greeting), so
    # sections are separated by exactly one gap.
    at_gap: bool = True
    _paused_once: bool = False

    def say(self, text: str, *, style: str | None = None, indent: str = "") -> None:
        self.out.line(text, style=style, indent=indent)
        self.at_gap = False

    def gap(self) -> None:
        if not self.at_gap:
            self.out.line()
            self.at_gap = True

    def intro(self) -> None:
        self.gap()
        self.say(f"{self.brk.name} ({about(self.brk.minutes)})", style="bold")
        if self.options.interactive:
            self.say(AUTO_STOP_HINT if self.options.auto else STOP_HINT)
        elif self.options.auto:
            self.say(AUTO_PIPED_HINT)

    def rating(self, message: str) -> int | None:
        self.gap()
        try:
            return checkin.ask(self.prompter, message, enabled=True, can_stop=True)
        finally:
            self.at_gap = False

    def go_on_or_stop(self) -> None:
        """After support was shown for the note: the person decides whether to go on."""
        self.gap()
        picked = self.prompter.select(GO_ON_QUESTION, [GO_ON, STOP_HERE], default=GO_ON)
        self.at_gap = False
        if picked == STOP_HERE:
            raise Stop

    def take_note(self, note: NotePrompt) -> str | None:
        if note.hint:
            self.gap()
            self.say(note.hint)
        text = self.prompter.text(note.question).strip()
        self.at_gap = False
        if text.lower() in STOP_WORDS:
            raise Stop
        return text or None

    def steps(self) -> None:
        if self.options.auto:
            self.paced_steps()
            return
        choosing = 0
        for index, step in enumerate(self.brk.steps, start=1):
            self.result.steps_shown = index
            choosing += self.show(index, step, choosing + 1)
            self.stay()
            self.result.steps_completed = index

    def show(self, index: int, step: BreakStep, number: int) -> int:
        """Show one step; returns 1 when it was a choosing step."""
        self.gap()
        title = step.title or TITLES[step.component]
        self.say(f"{title}  ({index} of {len(self.brk.steps)})", style="bold")
        self.say(step.text)
        if step.choose:
            self.choose(step, index, number)
            return 1
        if step.phrasings:
            self.suggest(step.phrasings)
        return 0

    def paced_steps(self) -> None:
        """--auto: each step stays for its pause, on the timeline engine (absolute deadlines,
        so the pacing never drifts however long printing takes)."""
        line = timeline.Timeline.back_to_back(
            (pause_for(step), (index, step)) for index, step in enumerate(self.brk.steps, 1)
        )
        keys = self.keys
        assert keys is not None  # run_break makes sure
        keys.open()
        try:
            progress = timeline.run(line, self.clock, keys, _PacedView(self))
        finally:
            keys.close()
        self.result.steps_completed = progress.segments_done
        if progress.ending == "quit":
            raise Stop

    def suggest(self, phrasings: list[str]) -> None:
        self.gap()
        for words in phrasings:
            self.say(words, indent="    ", style="italic")

    def offers(self, step: BreakStep, key: str) -> list[Offer]:
        """What a choosing step offers, in order: the words (or gesture) chosen last time,
        at a kindness step the person's own loving-kindness phrases, then the step's own."""
        kindness = step.component == "kindness"
        found: list[Offer] = []
        remembered = _remembered(self.log.get_state(key))
        if remembered:
            mark = YOUR_PHRASE if kindness else YOUR_CHOICE
            text, own = remembered["text"], remembered["own"]
            found.append(Offer(text + mark, text, own, remembered=True))
        if kindness:
            for phrase in meditation_phrases.from_state(
                self.log.get_state(meditation_phrases.STATE_KEY)
            ):
                found.append(Offer(phrase + FROM_YOUR_PHRASES, phrase, True))
        found += [Offer(words, words, False) for words in step.phrasings]
        unique: dict[str, Offer] = {}
        for offer in found:
            unique.setdefault(offer.text, offer)
        return list(unique.values())

    def choose(self, step: BreakStep, index: int, number: int) -> None:
        key = choice_key(self.brk.id, number)
        offers = self.offers(step, key)
        if not self.options.interactive:
            # Nobody to ask: offer every option, theirs first, and choose nothing for them.
            self.suggest([o.text for o in offers])
            return
        if self.options.auto:
            # Nobody is asked while the steps move by themselves: the first offer (the
            # remembered words, else the first), and the person is told so.
            first = offers[0]
            self.result.choices.append(Choice(index, step.component, first.text, first.own))
            self.gap()
            self.say(first.text, indent="    ", style="italic")
            said = AUTO_REMEMBERED if first.remembered else AUTO_YOURS if first.own else AUTO_CHOSE
            self.say(said, style="dim")
            return
        kindness = step.component == "kindness"
        by_label = {o.label: o for o in offers}
        own_label = OWN_WORDS if kindness else OWN_OTHER
        labels = [*by_label, own_label]
        question = "Which words fit best?" if kindness else "Which one fits best?"
        self.gap()
        picked = self.prompter.select(question, labels, default=labels[0])
        self.at_gap = False
        written = ""
        if picked == own_label:
            written = self.prompter.text(OWN_PROMPT).strip()
            if written.lower() in STOP_WORDS:
                raise Stop
            chosen = Offer(written, written, True) if written else offers[0]
        else:
            chosen = by_label[picked]
        self.result.choices.append(Choice(index, step.component, chosen.text, chosen.own))
        self.log.set_state(
            key, {"text": chosen.text, "own": chosen.own}, Moment.of(self.clock.now())
        )
        # Words just written, already remembered, are checked as a note is.
        check = self.options.on_own_words if picked == own_label and written else None
        if check is not None and check(written):
            self.go_on_or_stop()
        self.gap()
        self.say(chosen.text, indent="    ", style="italic")

    def stay(self) -> None:
        """Stay with a step until Enter; q stops at once, with no Enter (nothing waits
        without a terminal). The first step says how to go on, later ones a quiet hint."""
        if not self.options.interactive:
            return
        hint = PAUSE_HINT if self._paused_once else PAUSE_FIRST
        self._paused_once = True
        self.gap()
        self.say(hint, style="dim")
        if self._next_key() == "quit":
            raise Stop

    def _next_key(self) -> timeline.Key:
        """Enter ("next") or q/Esc ("quit"); other keys are let go."""
        assert self.keys is not None
        self.keys.open()
        try:
            while True:
                key = self.keys.wait(None)
                if key in ("next", "quit"):
                    return key
        finally:
            self.keys.close()

    def ending(self) -> None:
        self.gap()
        if self.result.ended_by == "q" and not self.result.completed:
            self.say(STOPPED_EARLY)
            self.say(checkin.GROUNDING)
            return
        care = checkin.after_words(
            checkin.CheckIn(self.result.distress_before, self.result.distress_after)
        )
        for words in care:
            self.say(words)
        if care:
            self.gap()
        self.say(self.brk.closing, style="bold")


class _PacedView:
    """The timeline view of a paced break: each segment shows its step as it begins."""

    frame_seconds: float | None = None

    def __init__(self, walk: Walk) -> None:
        self.walk = walk
        self.choosing = 0

    def segment(self, tick: timeline.Tick[tuple[int, BreakStep]]) -> None:
        index, step = tick.segment.payload
        self.walk.result.steps_shown = index
        self.walk.result.steps_completed = index - 1
        self.choosing += self.walk.show(index, step, self.choosing + 1)

    def frame(self, tick: timeline.Tick[tuple[int, BreakStep]]) -> None:
        pass

    def paused(self, tick: timeline.Tick[tuple[int, BreakStep]]) -> None:
        self.walk.say("Paused. Press space to go on, or q to stop.", style="dim")

    def resumed(self, tick: timeline.Tick[tuple[int, BreakStep]]) -> None:
        pass


def pause_for(step: BreakStep) -> float:
    """How long to stay with a step when pacing itself: its own pause, or a reading time."""
    if step.pause_seconds is not None:
        return float(step.pause_seconds)
    words = len(step.text.split()) + sum(len(p.split()) for p in step.phrasings)
    return min(60.0, max(8.0, words * 0.6))


@dataclass(frozen=True)
class Offer:
    """One choice at a choosing step: as listed, the words themselves, and whose they are."""

    label: str
    text: str
    own: bool
    remembered: bool = False


def _remembered(value: object) -> dict[str, Any] | None:
    """A remembered choice, if the stored value still looks like one."""
    if isinstance(value, dict) and isinstance(value.get("text"), str) and value["text"].strip():
        return {"text": value["text"].strip(), "own": bool(value.get("own", False))}
    return None
