"""Walking a break's steps one at a time: what each step shows, choosing kind words, and
staying with a step (until Enter, or paced by the timeline engine with --auto).

Used by `kindcli.practices.breaks.run_break`, which owns the flow around it (check-ins, the
note, saving); pure Python on ports like the rest of practices/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kindcli.ports import Clock, Moment, Prompter, Renderer
from kindcli.practices import checkin, timeline
from kindcli.practices.breaks import BreakLog, BreakOptions, BreakResult, Choice, Stop, choice_key
from kindcli.practices.durations import about

if TYPE_CHECKING:
    from kindcli.catalog.models import Break, BreakStep, NotePrompt

STOP_HINT = "Take your time. Press Enter to move on, and Ctrl-C (or q between steps) to stop."
AUTO_STOP_HINT = (
    "The steps move on by themselves. Enter moves on sooner; q or Ctrl-C stops whenever you like."
)
AUTO_PIPED_HINT = "The steps move on by themselves. Press Ctrl-C to stop whenever you like."
AUTO_CHOICE = "(kind chose these words for you; `kind break` without --auto lets you pick)"
PAUSE_FIRST = "Enter when you're ready"
PAUSE = ""
STOPPED_EARLY = "That's okay. Stopping is part of looking after yourself too."
OWN_WORDS = "Write my own words..."
OWN_OTHER = "Something else..."
OWN_PROMPT = "Your own words (Enter to use the first ones):"
STOP_WORDS = ("q", "quit")

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
    _paused_once: bool = False
    # True when the screen already ends in an empty line (or an answered pause, which reads
    # as one), so sections are separated by exactly one gap.
    _gapped: bool = True

    def say(self, text: str, *, style: str | None = None, indent: str = "") -> None:
        self.out.line(text, style=style, indent=indent)
        self._gapped = False

    def gap(self) -> None:
        if not self._gapped:
            self.out.line()
            self._gapped = True

    def intro(self) -> None:
        self.say(f"{self.brk.name} ({about(self.brk.minutes)})", style="bold")
        if self.options.interactive:
            self.say(AUTO_STOP_HINT if self.options.auto else STOP_HINT)
        elif self.options.auto:
            self.say(AUTO_PIPED_HINT)

    def rating(self, message: str) -> int | None:
        self.gap()
        answer = checkin.ask(self.prompter, message, enabled=True)
        self._gapped = False
        return answer

    def take_note(self, note: NotePrompt) -> str | None:
        if note.hint:
            self.gap()
            self.say(note.hint)
        text = self.prompter.text(note.question).strip()
        self._gapped = False
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
        keys = self.keys or timeline.ClockKeys(self.clock)
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

    def choose(self, step: BreakStep, index: int, number: int) -> None:
        key = choice_key(self.brk.id, number)
        remembered = _remembered(self.log.get_state(key))
        if not self.options.interactive:
            # Nobody to ask: offer every option, theirs first, and choose nothing for them.
            first = [remembered["text"]] if remembered else []
            self.suggest(first + [p for p in step.phrasings if p not in first])
            return
        if self.options.auto:
            # Nobody is asked while the steps move by themselves: the remembered words,
            # else the first, and the person is told so.
            text, own = (
                (remembered["text"], remembered["own"])
                if remembered
                else (
                    step.phrasings[0],
                    False,
                )
            )
            self.result.choices.append(Choice(index, step.component, text, own))
            self.gap()
            self.say(text, indent="    ", style="italic")
            self.say(AUTO_CHOICE, style="dim")
            return
        kindness = step.component == "kindness"
        yours = " (your phrase)" if kindness else " (your choice)"
        options: dict[str, tuple[str, bool]] = {}
        if remembered:
            options[remembered["text"] + yours] = (remembered["text"], remembered["own"])
        for words in step.phrasings:
            if not remembered or words != remembered["text"]:
                options[words] = (words, False)
        own_label = OWN_WORDS if kindness else OWN_OTHER
        labels = [*options, own_label]
        question = "Which words fit best?" if kindness else "Which one fits best?"
        self.gap()
        picked = self.prompter.select(question, labels, default=labels[0])
        self._gapped = False
        if picked == own_label:
            written = self.prompter.text(OWN_PROMPT).strip()
            if written.lower() in STOP_WORDS:
                raise Stop
            text, own = (written, True) if written else options[labels[0]]
        else:
            text, own = options[picked]
        self.result.choices.append(Choice(index, step.component, text, own))
        self.log.set_state(key, {"text": text, "own": own}, Moment.of(self.clock.now()))
        if own and self.options.on_own_words is not None:
            self.options.on_own_words(text)
        self.gap()
        self.say(text, indent="    ", style="italic")

    def stay(self) -> None:
        """Stay with a step until Enter (nothing waits without a terminal)."""
        if not self.options.interactive:
            return
        message = PAUSE if self._paused_once else PAUSE_FIRST
        self._paused_once = True
        self.gap()
        answer = self.prompter.pause(message)
        # An answered empty pause reads as a blank line; one with words does not.
        self._gapped = not message
        if answer.strip().lower() in STOP_WORDS:
            raise Stop

    def ending(self) -> None:
        self.gap()
        if self.result.ended_by == "q":
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


def _remembered(value: object) -> dict[str, Any] | None:
    """A remembered choice, if the stored value still looks like one."""
    if isinstance(value, dict) and isinstance(value.get("text"), str) and value["text"].strip():
        return {"text": value["text"].strip(), "own": bool(value.get("own", False))}
    return None
