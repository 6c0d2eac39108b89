"""A self-compassion break, walked one step at a time, on ports.

The flow: a heading and how to stop; an optional 0-10 check-in; an optional private note;
the steps (Enter moves on, or `auto` paces them by their pauses); a check-in after, care if
it felt worse, and one warm closing line. Without a terminal nothing waits: the steps are
printed in order and the session is still saved.

Typing q between steps (or as the note, or as your own words) ends the break gently: saved
as ended early, exit 0. Ctrl-C anywhere saves what was done and re-raises KeyboardInterrupt
for the error boundary (exit 130).

This module stays light: the content models are only needed for type checking, so the
command can import it (and greet the person) before any YAML or pydantic is loaded.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from kindcli.ports import Clock, Moment, Prompter, Renderer
from kindcli.practices import checkin, timeline
from kindcli.store.records import SessionRecord

if TYPE_CHECKING:
    from kindcli.catalog.models import Break, BreakStep, NotePrompt

GREETING = "Let's take a moment, just for you."
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


class BreakLog(Protocol):
    """Where a break keeps its sessions and remembered choices (the Store fits this)."""

    def get_state(self, key: str, default: Any = None) -> Any: ...

    def set_state(self, key: str, value: Any, moment: Moment) -> None: ...

    def save_session(self, record: SessionRecord) -> None:
        """Insert, or update the saved session with the same id."""
        ...


@dataclass(frozen=True)
class BreakOptions:
    interactive: bool
    auto: bool = False
    checkins: bool = True
    # Called with the private note as soon as it is written: the command uses it to notice
    # words that suggest the person may be in danger and offer support. The note is saved
    # with the session whatever it finds (at the end, on `q`, or on Ctrl-C).
    on_note: Callable[[str], object] | None = None


@dataclass(frozen=True)
class Choice:
    """Words (or a gesture) the person picked at a step, and whether they wrote them."""

    step: int
    component: str
    text: str
    own: bool


@dataclass
class BreakResult:
    break_id: str
    steps_total: int
    steps_shown: int = 0
    steps_completed: int = 0
    distress_before: int | None = None
    distress_after: int | None = None
    note: str | None = None
    choices: list[Choice] = field(default_factory=list)
    # None when the break ran to its end; "q" when the person chose to stop; "ctrl-c"; or
    # "error" when something went wrong around it.
    ended_by: str | None = None
    record: SessionRecord | None = None

    @property
    def completed(self) -> bool:
        return self.steps_completed == self.steps_total

    @property
    def phrase(self) -> Choice | None:
        """The kind words chosen at the (first) kindness step, if any."""
        return next((c for c in self.choices if c.component == "kindness"), None)

    @property
    def anything_done(self) -> bool:
        return bool(
            self.steps_shown
            or self.note
            or self.distress_before is not None
            or self.distress_after is not None
        )


class _Stop(Exception):
    """The person typed q: end gently, which is not an interruption."""


def greet(out: Renderer) -> None:
    """The first line on screen, written before any content is loaded."""
    out.line(GREETING)


def choice_key(break_id: str, number: int) -> str:
    """The state key for the n-th choosing step of a break ("your phrase")."""
    return f"break.{break_id}.choice.{number}"


def about(minutes: float) -> str:
    if minutes < 1:
        return "under a minute"
    if minutes == 1:
        return "about a minute"
    return f"about {minutes:g} minutes"


def run_break(
    brk: Break,
    *,
    clock: Clock,
    prompter: Prompter,
    out: Renderer,
    log: BreakLog,
    options: BreakOptions,
    keys: timeline.Keys | None = None,
) -> BreakResult:
    """Walk through one break and save it; on Ctrl-C save what was done and re-raise.
    With `options.auto` the steps run on the timeline engine, on `keys` (Enter moves on
    sooner, q stops; without a keyboard, pass keys that only sleep on the clock)."""
    started = Moment.of(clock.now())
    start = clock.monotonic()
    result = BreakResult(brk.id, len(brk.steps))
    walk = _Walk(brk, clock, prompter, out, log, options, result, keys)
    asks = options.interactive and options.checkins
    try:
        walk.intro()
        if asks:
            result.distress_before = walk.rating(checkin.BEFORE)
        if options.interactive and brk.note is not None:
            result.note = walk.take_note(brk.note)
            if result.note and options.on_note is not None:
                # Keep the note before anything looks at it; the same session is brought
                # up to date when the break ends.
                _save(brk, result, log, started, clock.monotonic() - start, options)
                options.on_note(result.note)
        walk.steps()
        if asks:
            result.distress_after = walk.rating(checkin.AFTER)
    except _Stop:
        result.ended_by = "q"
    except KeyboardInterrupt:
        result.ended_by = "ctrl-c"
        _save(brk, result, log, started, clock.monotonic() - start, options)
        raise
    except Exception:
        # Something outside the person's control (a closed pipe, a full disk): keep what
        # was done if the store still can, and let the error boundary speak.
        result.ended_by = "error"
        with contextlib.suppress(Exception):
            _save(brk, result, log, started, clock.monotonic() - start, options)
        raise
    _save(brk, result, log, started, clock.monotonic() - start, options)
    walk.ending()
    return result


def _save(
    brk: Break,
    result: BreakResult,
    log: BreakLog,
    started: Moment,
    elapsed: float,
    options: BreakOptions,
) -> None:
    # Stopping at the very first question, before any step, leaves nothing to keep; once a
    # rating, a note or a step is there the session is saved, and an early end as one.
    if not result.anything_done:
        return
    phrase = result.phrase
    earlier = result.record
    record = SessionRecord(
        practice="break",
        content_id=brk.id,
        moment=started,
        planned_seconds=brk.minutes * 60,
        actual_seconds=round(max(0.0, elapsed), 3),
        completed=result.completed,
        distress_before=result.distress_before,
        distress_after=result.distress_after,
        details={
            "steps_total": result.steps_total,
            "steps_completed": result.steps_completed,
            "ended_early": not result.completed,
            "ended_by": result.ended_by,
            "note": result.note,
            "phrase": phrase.text if phrase else None,
            "phrase_own": phrase.own if phrase else None,
            "choices": [
                {"step": c.step, "component": c.component, "text": c.text, "own": c.own}
                for c in result.choices
            ],
            "auto": options.auto,
            "interactive": options.interactive,
        },
    )
    if earlier is not None:
        record.id = earlier.id
    log.save_session(record)
    result.record = record


@dataclass
class _Walk:
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
            raise _Stop
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
            raise _Stop

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
                raise _Stop
            text, own = (written, True) if written else options[labels[0]]
        else:
            text, own = options[picked]
        self.result.choices.append(Choice(index, step.component, text, own))
        self.log.set_state(key, {"text": text, "own": own}, Moment.of(self.clock.now()))
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
            raise _Stop

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

    def __init__(self, walk: _Walk) -> None:
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
