"""`kind meditate timer`: interval bells, the closing bell, pausing and the endless timer, on
a fake clock."""

from __future__ import annotations

import math

import pytest

from kindcli.practices import meditation_timer as mt
from kindcli.practices import timeline
from kindcli.store.records import SessionRecord
from tests.fakes import FakeClock, FakeKeys, FakePrompter


class BellView:
    """Records when each bell rang (seconds of wall time from the start) and the ending."""

    def __init__(self, clock: FakeClock, frames: float | None = None) -> None:
        self.clock = clock
        self.frame_seconds = frames
        self.origin: float | None = None
        self.bells: list[tuple[int, float]] = []
        self.finished = False
        self.closed = False
        self.ticks: list[mt.TimerTick] = []

    def _now(self) -> float:
        if self.origin is None:
            self.origin = self.clock.monotonic()
        return round(self.clock.monotonic() - self.origin, 6)

    def open(self, plan: mt.TimerPlan) -> None:
        pass

    def begin(self, tick: mt.TimerTick) -> None:
        self.bells.append((tick.interval, self._now()))
        self.ticks.append(tick)

    def frame(self, tick: mt.TimerTick) -> None:
        self.ticks.append(tick)

    def paused(self, tick: mt.TimerTick) -> None:
        pass

    def resumed(self, tick: mt.TimerTick) -> None:
        pass

    def finish(self) -> None:
        self.finished = True
        self.closing_at = self._now()

    def close(self) -> None:
        self.closed = True


def sit(
    plan: mt.TimerPlan,
    presses: list[tuple[float, str]] = (),
    frames: float | None = None,
    oversleep: float = 0.0,
) -> tuple[BellView, SessionRecord, list[str], FakeKeys]:
    clock = FakeClock()
    keys = FakeKeys(clock, presses, oversleep=oversleep)
    view = BellView(clock, frames)
    saved: list[SessionRecord] = []
    said: list[str] = []
    mt.sit(
        plan,
        clock=clock,
        keys=keys,
        view=view,
        prompter=FakePrompter(),
        checkins=False,
        save=saved.append,
        say=said.append,
    )
    [record] = saved
    return view, record, said, keys


def test_interval_bells_ring_on_their_deadlines_and_a_closing_bell_ends_it() -> None:
    view, record, said, keys = sit(mt.plan_timer(20, 5), oversleep=0.003)
    assert [(n, pytest.approx(t, abs=0.005)) for n, t in view.bells] == [
        (0, 0),
        (1, 300),
        (2, 600),
        (3, 900),
    ]
    assert view.finished and view.closing_at == pytest.approx(1200, abs=0.005)
    assert view.closed and keys.closed
    assert record.completed and record.content_id == "timer"
    assert record.planned_seconds == 1200
    assert record.details["interval_bells"] == 3 and record.details["interval_seconds"] == 300
    assert said == ["Done: 20:00 of sitting, with 3 interval bells."]


def test_an_interval_that_does_not_divide_the_sitting_leaves_a_shorter_last_one() -> None:
    plan = mt.plan_timer(10, 3)
    assert [s.start for s in plan.timeline().segments] == [0, 180, 360, 540]
    assert plan.timeline().total_seconds == 600
    assert plan.interval_bells == 3
    # A bell less than a second before the closing bell is left out.
    assert [s.start for s in mt.plan_timer(1, 0.5 - 0.5 / 60).timeline().segments] == [0, 29.5]


def test_no_interval_or_one_as_long_as_the_sitting_rings_only_at_the_ends() -> None:
    for plan in (mt.plan_timer(2), mt.plan_timer(2, 2), mt.plan_timer(2, 5)):
        view, record, _, _ = sit(plan)
        assert view.bells == [(0, 0)] and view.finished
        assert record.details["interval_bells"] == 0 and record.completed


def test_a_pause_moves_the_bells_later_and_is_not_counted() -> None:
    view, record, _, _ = sit(mt.plan_timer(10, 5), [(100, "pause"), (160, "pause")])
    assert view.bells == [(0, 0), (1, 360)]
    assert view.closing_at == 660
    assert record.details["paused_seconds"] == pytest.approx(60)
    assert record.actual_seconds == pytest.approx(600)


def test_q_ends_a_timed_sitting_early_with_no_closing_bell() -> None:
    view, record, said, _ = sit(mt.plan_timer(20, 5), [(400, "quit")])
    assert not view.finished and not record.completed
    assert record.details["ended_by"] == "quit" and record.details["ended_early"] is True
    assert record.details["interval_bells"] == 1
    assert said == ["You sat for 6:40 of 20:00. Stopping early is always fine."]


def test_the_endless_timer_rings_every_interval_until_q_then_the_closing_bell() -> None:
    plan = mt.plan_timer(0, 5)
    assert plan.endless and isinstance(plan.timeline().segments, timeline.Repeating)
    assert plan.timeline().total_seconds == math.inf
    view, record, said, _ = sit(plan, [(1000, "quit")], oversleep=0.002)
    assert [(n, pytest.approx(t, abs=0.005)) for n, t in view.bells] == [
        (0, 0),
        (1, 300),
        (2, 600),
        (3, 900),
    ]
    assert view.finished  # q is how an endless sitting ends: it rings out
    assert record.planned_seconds is None and record.details["endless"] is True
    assert record.details["ended_early"] is False and record.details["interval_bells"] == 3
    assert record.actual_seconds == pytest.approx(1000, abs=0.01)
    assert said == ["You sat for 16:40, with 3 interval bells."]


def test_an_endless_timer_without_bells_waits_for_a_key_and_never_for_ever() -> None:
    # Plain view (no frames): the engine must wait for a key, not for math.inf seconds.
    view, record, said, keys = sit(mt.plan_timer(0), [(30, "pause"), (50, "pause"), (90, "quit")])
    assert math.inf not in keys.waits
    assert None in keys.waits
    assert view.bells == [(0, 0)] and view.finished
    assert record.actual_seconds == pytest.approx(70) and record.details["paused_seconds"] == 20
    assert said == ["You sat for 1:10."]


def test_the_live_timer_sees_time_left_and_the_next_bell() -> None:
    view, _, _, _ = sit(mt.plan_timer(2, 1), frames=0.5)
    at_40 = next(t for t in view.ticks if t.sat >= 40)
    assert at_40.left == pytest.approx(80, abs=0.5)
    assert at_40.next_bell == pytest.approx(20, abs=0.5)
    last = next(t for t in view.ticks if t.sat >= 70)
    assert last.next_bell is None  # only the closing bell is still to come


def test_an_endless_tick_counts_up() -> None:
    view, _, _, _ = sit(mt.plan_timer(0, 1), [(150, "quit")], frames=1.0)
    tick = next(t for t in view.ticks if t.sat >= 130)
    assert tick.left is None and tick.interval == 2
    assert tick.next_bell == pytest.approx(180 - tick.sat, abs=1e-6)


def test_ctrl_c_saves_the_sitting_as_interrupted() -> None:
    clock = FakeClock()
    saved: list[SessionRecord] = []
    view = BellView(clock)
    keys = FakeKeys(clock, [(75, "ctrl-c")])
    with pytest.raises(KeyboardInterrupt):
        mt.sit(
            mt.plan_timer(10, 1),
            clock=clock,
            keys=keys,
            view=view,
            prompter=FakePrompter(),
            checkins=False,
            save=saved.append,
            say=lambda text: None,
        )
    [record] = saved
    assert record.details["ended_by"] == "interrupted" and keys.closed and view.closed
    assert record.actual_seconds == pytest.approx(75)


def test_a_repeating_timeline_places_every_segment_exactly() -> None:
    line = timeline.Repeating(0.1, lambda k: k)
    assert line[10**9].start == 10**9 * 0.1
    assert line[-1].payload == len(line) - 1
    with pytest.raises(IndexError):
        line[len(line)]
    with pytest.raises(TypeError):
        line[1:3]
    with pytest.raises(ValueError):
        timeline.Repeating(0, lambda k: k)


@pytest.mark.parametrize(("minutes", "interval"), [(-1, None), (10, 0), (10, -5)])
def test_impossible_timers_are_refused(minutes: float, interval: float | None) -> None:
    with pytest.raises(ValueError):
        mt.plan_timer(minutes, interval)
