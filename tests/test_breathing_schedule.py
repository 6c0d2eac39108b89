"""The breathing timer's plan and timing loop, on a fake clock: nothing really sleeps."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import pytest

from kindcli.catalog.models import BreathingPattern
from kindcli.practices.breathing import (
    Plan,
    Progress,
    Tick,
    breathe,
    cycles_for_minutes,
    plan_session,
    run_schedule,
)
from kindcli.practices.breathing_words import rhythm
from kindcli.practices.checkin import AFTER, BEFORE
from kindcli.practices.durations import format_clock
from kindcli.practices.timeline import STALL_SECONDS
from kindcli.store.records import SessionRecord
from tests.fakes import FakeClock, FakeKeys, FakePrompter


def pattern(*phases: tuple[str, float], **extra: Any) -> BreathingPattern:
    return BreathingPattern.model_validate(
        {
            "id": extra.pop("id", "test"),
            "name": extra.pop("name", "Test"),
            "phases": [{"action": a, "seconds": s} for a, s in phases],
            **extra,
        }
    )


BOX = pattern(("inhale", 4), ("hold", 4), ("exhale", 4), ("hold", 4), default_minutes=5)
COHERENT = pattern(("inhale", 5.5), ("exhale", 5.5))
SIGH = pattern(("inhale", 3), ("inhale", 1), ("exhale", 8))


@dataclass
class RecordingView:
    """Remembers when (on the clock) each thing was shown."""

    clock: FakeClock
    frame_seconds: float | None = None
    events: list[tuple[str, float, Tick | None]] = field(default_factory=list)

    def open(self, plan: Plan) -> None:
        self.events.append(("open", self.clock.monotonic(), None))

    def begin(self, tick: Tick) -> None:
        self.events.append(("phase", self.clock.monotonic(), tick))

    def frame(self, tick: Tick) -> None:
        self.events.append(("frame", self.clock.monotonic(), tick))

    def paused(self, tick: Tick) -> None:
        self.events.append(("paused", self.clock.monotonic(), tick))

    def resumed(self, tick: Tick) -> None:
        self.events.append(("resumed", self.clock.monotonic(), tick))

    def close(self) -> None:
        self.events.append(("close", self.clock.monotonic(), None))

    def times(self, kind: str) -> list[float]:
        return [t for k, t, _ in self.events if k == kind]

    def ticks(self, kind: str) -> list[Tick]:
        return [tick for k, _, tick in self.events if k == kind and tick is not None]


def run(
    plan: Plan, presses: list[tuple[float, str]] | None = None, **kw: Any
) -> tuple[Progress, RecordingView, FakeClock, float]:
    clock = FakeClock()
    start = clock.monotonic()
    view = RecordingView(clock, frame_seconds=kw.pop("frame_seconds", None))
    keys = FakeKeys(clock, presses or [], oversleep=kw.pop("oversleep", 0.0))
    progress = run_schedule(plan, clock, keys, view, Progress())
    return progress, view, clock, start


# ---- planning ------------------------------------------------------------------------------


def test_minutes_become_the_nearest_whole_number_of_cycles() -> None:
    assert cycles_for_minutes(5, 16) == 19  # 18.75 cycles of box breathing
    assert cycles_for_minutes(1, 16) == 4  # 3.75
    assert cycles_for_minutes(0.4, 16) == 2  # 1.5: a half rounds up
    assert cycles_for_minutes(0.1, 16) == 1  # never less than one cycle
    assert cycles_for_minutes(5, 11) == 27  # 27.27 cycles of coherent breathing
    with pytest.raises(ValueError):
        cycles_for_minutes(0, 16)


def test_the_length_comes_from_the_options_then_the_pattern_then_five_minutes() -> None:
    assert plan_session(BOX).cycles == 19
    assert plan_session(BOX, cycles=3).cycles == 3
    assert plan_session(BOX, minutes=1).cycles == 4
    assert plan_session(pattern(("inhale", 4), ("exhale", 6), default_cycles=7)).cycles == 7
    assert plan_session(pattern(("inhale", 4), ("exhale", 6))).cycles == 30  # 5 minutes
    with pytest.raises(ValueError):
        plan_session(BOX, cycles=2, minutes=2)


def test_fractional_phases_are_placed_exactly_even_after_a_thousand_cycles() -> None:
    plan = plan_session(COHERENT, cycles=1000)
    assert plan.total_seconds == 11000
    last = plan.steps[-1]
    assert (last.cycle, last.action, last.start) == (1000, "exhale", 999 * 11 + 5.5)
    starts = [s.start for s in plan.steps]
    assert starts == sorted(starts)
    pairs = itertools.pairwise(plan.steps)
    assert all(math.isclose(b.start, a.end) for a, b in pairs)


def test_the_shape_grows_on_breaths_in_rests_on_holds_and_shrinks_on_breaths_out() -> None:
    box = plan_session(BOX, cycles=1).steps
    assert [(s.level_from, s.level_to) for s in box] == [(0, 1), (1, 1), (1, 0), (0, 0)]
    sigh = plan_session(SIGH, cycles=1).steps
    assert [(s.level_from, s.level_to) for s in sigh] == [(0, 0.75), (0.75, 1), (1, 0)]
    out_first = plan_session(pattern(("exhale", 4), ("inhale", 4)), cycles=1).steps
    assert [(s.level_from, s.level_to) for s in out_first] == [(1, 0), (0, 1)]
    inhale = box[0]
    assert inhale.level(0) == 0 and inhale.level(1) == 1
    assert inhale.level(0.25) < 0.25 < inhale.level(0.5) == pytest.approx(0.5)


def test_rhythm_and_clock_texts() -> None:
    assert rhythm(COHERENT) == "in 5.5 · out 5.5"
    assert rhythm(SIGH) == "in 3 · in 1 · out 8"
    assert format_clock(304) == "5:04"
    assert format_clock(64.2) == "1:05"  # counting down, never shows a second too few
    assert format_clock(0) == "0:00"


# ---- timing ------------------------------------------------------------------------------


def test_every_phase_starts_on_its_deadline_and_the_session_ends_on_plan() -> None:
    plan = plan_session(COHERENT, cycles=10)
    progress, view, clock, start = run(plan, frame_seconds=1 / 15)
    assert [round(t - start, 9) for t in view.times("phase")] == [s.start for s in plan.steps]
    assert clock.monotonic() - start == pytest.approx(110, abs=1e-9)
    assert (progress.ending, progress.cycles_done, progress.phases_done) == ("done", 10, 20)
    assert progress.active_seconds(clock.monotonic()) == pytest.approx(110)


def test_the_loop_never_waits_past_a_deadline_or_a_frame() -> None:
    plan = plan_session(COHERENT, cycles=3)
    clock = FakeClock()
    keys = FakeKeys(clock)
    view = RecordingView(clock, frame_seconds=1 / 15)
    run_schedule(plan, clock, keys, view, Progress())
    assert max(w for w in keys.waits if w is not None) <= 1 / 15 + 1e-9
    frames = view.times("frame")
    assert len(frames) >= 33 * 15 - 3  # smooth: about fifteen frames a second
    assert max(b - a for a, b in itertools.pairwise(frames)) <= 1 / 15 + 1e-9


def test_plain_mode_sleeps_straight_to_each_deadline() -> None:
    plan = plan_session(BOX, cycles=2)
    clock = FakeClock()
    keys = FakeKeys(clock)
    run_schedule(plan, clock, keys, RecordingView(clock), Progress())
    assert keys.waits == [4.0] * 8


def test_late_wake_ups_never_add_up() -> None:
    # Every wait ends 7 ms late, as on a busy machine. A timer that slept for each phase's
    # length would be 7 ms later at every phase (0.56 s over 80 phases); ours is never more
    # than one wake-up late.
    plan = plan_session(COHERENT, cycles=40)
    progress, view, clock, start = run(plan, oversleep=0.007)
    errors = [t - start - s.start for t, s in zip(view.times("phase"), plan.steps, strict=True)]
    assert max(errors) <= 0.007 + 1e-9
    assert clock.monotonic() - start - plan.total_seconds <= 0.007 + 1e-9
    assert max(progress.late) <= 0.007 + 1e-9


def test_pause_shifts_the_rest_of_the_session_and_skips_nothing() -> None:
    plan = plan_session(BOX, cycles=2)
    progress, view, clock, start = run(plan, [(5.0, "pause"), (12.0, "pause")])
    phase_times = [t - start for t in view.times("phase")]
    assert len(phase_times) == 8
    assert phase_times[:2] == [0, 4]
    # Paused 5.0 -> 12.0 in the hold: that hold still gets its full 4 s (3 before, 1 after).
    assert phase_times[2:] == pytest.approx([15, 19, 23, 27, 31, 35])
    assert view.ticks("paused")[0].phase_left == pytest.approx(3)
    assert view.ticks("resumed")[0].phase_left == pytest.approx(3)
    assert progress.paused_seconds == pytest.approx(7)
    assert progress.pauses == 1
    assert progress.active_seconds(clock.monotonic()) == pytest.approx(plan.total_seconds)
    assert progress.ending == "done"


def test_quitting_mid_phase_ends_at_once_and_counts_what_was_done() -> None:
    plan = plan_session(BOX, cycles=3)
    progress, _, clock, start = run(plan, [(21.5, "quit")])
    assert clock.monotonic() - start == pytest.approx(21.5)
    assert (progress.ending, progress.phases_done, progress.cycles_done) == ("quit", 5, 1)
    assert progress.active_seconds(clock.monotonic()) == pytest.approx(21.5)


def test_quitting_while_paused_does_not_count_the_pause_as_breathing() -> None:
    plan = plan_session(BOX, cycles=3)
    progress, _, clock, _ = run(plan, [(2.0, "pause"), (60.0, "quit")])
    assert progress.ending == "quit"
    assert progress.paused_seconds == pytest.approx(58)
    assert progress.active_seconds(clock.monotonic()) == pytest.approx(2)


def test_a_stopped_process_resumes_where_it_was_instead_of_racing() -> None:
    plan = plan_session(BOX, cycles=1)
    clock = FakeClock()
    start = clock.monotonic()
    view = RecordingView(clock)

    class Suspended(FakeKeys):
        def wait(self, seconds: float | None) -> Any:
            result = super().wait(seconds)
            if len(self.waits) == 2:  # during the first hold, the laptop lid closes
                self.clock.advance(30)
            return result

    progress = run_schedule(plan, clock, Suspended(clock), view, Progress())
    phase_times = [t - start for t in view.times("phase")]
    assert phase_times == pytest.approx([0, 4, 38, 42])  # not 34, 34, 34
    assert progress.stalled_seconds == pytest.approx(30)
    assert STALL_SECONDS < 30
    assert progress.active_seconds(clock.monotonic()) == pytest.approx(16)


# ---- the whole practice ------------------------------------------------------------------


def practice(
    plan: Plan,
    presses: list[tuple[float, str]],
    answers: list[Any],
    checkins: bool = True,
) -> tuple[list[SessionRecord], FakeKeys, RecordingView, FakePrompter, list[str], Any]:
    clock = FakeClock()
    keys = FakeKeys(clock, presses)
    view = RecordingView(clock)
    prompter = FakePrompter(answers)
    saved: list[SessionRecord] = []
    said: list[str] = []
    outcome: Any = None
    try:
        outcome = breathe(
            plan,
            clock=clock,
            keys=keys,
            view=view,
            prompter=prompter,
            checkins=checkins,
            save=saved.append,
            say=said.append,
        )
    except KeyboardInterrupt as e:
        outcome = e
    return saved, keys, view, prompter, said, outcome


def test_a_finished_session_is_saved_with_both_check_ins() -> None:
    plan = plan_session(BOX, cycles=2)
    saved, keys, view, prompter, said, _ = practice(plan, [], [6, 3])
    assert prompter.asked == [("rating", BEFORE), ("rating", AFTER)]
    [record] = saved
    assert (record.practice, record.content_id, record.completed) == ("breathing", "test", True)
    assert (record.planned_seconds, record.actual_seconds) == (32, 32)
    assert (record.distress_before, record.distress_after) == (6, 3)
    assert record.details["cycles_planned"] == record.details["cycles_completed"] == 2
    assert record.details["ended_early"] is False
    assert record.details["counts_as_practice"] is True
    assert record.moment.offset_minutes == 60
    assert said == ["Done: Test, 2 cycles in 0:32."]
    assert keys.opened and keys.closed
    assert view.events[0][0] == "open" and view.events[-1][0] == "close"


def test_an_early_stop_is_saved_and_honestly_marked() -> None:
    plan = plan_session(BOX, cycles=4)
    saved, _, _, _, said, _ = practice(plan, [(6.0, "quit")], [None, None])
    [record] = saved
    assert record.completed is False
    assert record.actual_seconds == 6
    assert record.details["cycles_completed"] == 0
    assert record.details["counts_as_practice"] is False
    assert record.details["ended_by"] == "quit"
    assert said == ["You breathed for 0:06 (0 of 4 cycles). Stopping early is always fine."]


def test_one_full_cycle_counts_as_practice_even_when_stopped_early() -> None:
    plan = plan_session(BOX, cycles=4)
    saved, *_ = practice(plan, [(17.0, "quit")], [], checkins=False)
    assert saved[0].details["cycles_completed"] == 1
    assert saved[0].details["counts_as_practice"] is True
    assert saved[0].completed is False


def test_ctrl_c_mid_session_gives_the_terminal_back_saves_and_goes_on_up() -> None:
    plan = plan_session(BOX, cycles=4)
    saved, keys, view, prompter, said, outcome = practice(plan, [(9.0, "ctrl-c")], [5])
    assert isinstance(outcome, KeyboardInterrupt)
    assert keys.closed and view.events[-1][0] == "close"
    [record] = saved
    assert record.details["ended_by"] == "interrupted"
    assert record.distress_before == 5 and record.distress_after is None
    assert record.actual_seconds == 9
    assert prompter.asked == [("rating", BEFORE)]  # no after-question once interrupted
    assert said == []


def test_ctrl_c_while_paused_does_not_count_the_pause_as_breathing() -> None:
    plan = plan_session(BOX, cycles=4)
    saved, _, _, _, _, outcome = practice(plan, [(3.0, "pause"), (50.0, "ctrl-c")], [None])
    assert isinstance(outcome, KeyboardInterrupt)
    assert saved[0].actual_seconds == 3
    assert saved[0].details["ended_by"] == "interrupted"


def test_ctrl_c_at_the_after_question_still_saves_the_finished_session() -> None:
    plan = plan_session(BOX, cycles=1)
    saved, _, _, _, said, outcome = practice(plan, [], [None, KeyboardInterrupt()])
    assert isinstance(outcome, KeyboardInterrupt)
    assert saved[0].completed is True
    assert said == ["Done: Test, 1 cycle in 0:16."]


def test_ctrl_c_before_starting_saves_nothing() -> None:
    plan = plan_session(BOX, cycles=1)
    saved, keys, _, _, _, outcome = practice(plan, [], [KeyboardInterrupt()])
    assert isinstance(outcome, KeyboardInterrupt)
    assert saved == [] and not keys.opened


def test_no_questions_when_check_ins_are_off() -> None:
    plan = plan_session(BOX, cycles=1)
    saved, _, _, prompter, _, _ = practice(plan, [], [], checkins=False)
    assert prompter.asked == []
    assert saved[0].distress_before is None
