"""Guided meditations: the content, the plan (scaling and minimums), the run on a fake clock
(pausing, stopping, Ctrl-C), today's suggestion and the chooser."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kindcli.catalog.catalog import Catalog
from kindcli.catalog.models import Meditation
from kindcli.paths import shipped_content_dir
from kindcli.practices import meditation as m
from kindcli.practices import meditation_choice as mc
from kindcli.practices.checkin import GROUNDING
from kindcli.practices.durations import format_clock
from kindcli.store.records import SessionRecord
from tests.fakes import FakeClock, FakeKeys, FakePrompter

SHIPPED = Catalog(shipped_content_dir())
GUIDED = {"affectionate-breathing", "loving-kindness", "giving-receiving", "soften-soothe-allow"}
GUIDED |= {"compassionate-friend", "body-scan", "soles-of-feet", "breathing-space"}
INFORMAL = {"mindful-walking", "mindful-eating", "kind-pause"}


def shipped(item_id: str) -> Meditation:
    return SHIPPED.get(Meditation, item_id)


def meditation(**changes: Any) -> Meditation:
    data: dict[str, Any] = {
        "id": "test",
        "name": "Test",
        "summary": "A test.",
        "minutes": 1,
        "steps": [
            {"text": "One.", "weight": 1, "min_seconds": 5},
            {"text": "Two.", "weight": 2, "min_seconds": 5},
            {"text": "Three.", "weight": 3, "min_seconds": 5},
        ],
    }
    data.update(changes)
    return Meditation.model_validate(data)


# ---- the content --------------------------------------------------------------------------


def test_every_practice_the_issue_names_is_shipped_guided_or_informal() -> None:
    items = {i.id: i for i in SHIPPED.all(Meditation)}
    assert set(items) >= GUIDED | INFORMAL
    assert {i for i in GUIDED if items[i].kind == "guided"} == GUIDED
    assert {i for i in INFORMAL if items[i].kind == "informal"} == INFORMAL
    assert shipped("breathing-space").minutes == 3
    assert 1 <= shipped("soles-of-feet").minutes <= 3
    assert "breath" not in shipped("soles-of-feet").anchors


@pytest.mark.parametrize("item", SHIPPED.all(Meditation), ids=lambda i: i.id)
def test_each_meditation_cares_for_whoever_practices_it(item: Meditation) -> None:
    assert item.summary and item.steps
    if {"breath", "touch"} & set(item.anchors):
        assert item.alternative_anchor, "an anchor for people for whom breath or touch is hard"
    if item.toward_pain:
        note = (item.backdraft or "").lower()
        assert "backdraft" in note and "stop" in note
        assert "feet" in note or "eyes" in note, "a way out"
    assert item.credit and "kind's own words" in item.credit
    if item.kind == "guided":
        plan = m.plan_meditation(item)
        # At its usual length no step is squeezed to its minimum.
        assert not plan.stretched
        assert all(s.seconds >= s.minimum for s in plan.steps)


def test_turning_toward_pain_is_marked_where_it_happens() -> None:
    for item_id in ("soften-soothe-allow", "loving-kindness", "compassionate-friend"):
        assert shipped(item_id).toward_pain


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"anchors": ["breath"]}, "alternative_anchor"),
        ({"anchors": ["touch", "words"]}, "alternative_anchor"),
        ({"toward_pain": True}, "backdraft"),
        ({"id": "timer"}, "kind meditate timer"),
        ({"id": "phrases"}, "kind meditate phrases"),
        ({"steps": [{"text": "May I...", "phrases": True}]}, "own phrases"),
        ({"steps": [{"text": "x", "weight": 0}]}, "greater than 0"),
    ],
)
def test_the_model_refuses_a_meditation_without_its_care(
    changes: dict[str, Any], complaint: str
) -> None:
    with pytest.raises(ValidationError, match=complaint):
        meditation(**changes)


# ---- scaling and minimums -----------------------------------------------------------------


def test_one_file_gives_a_ten_and_a_twenty_minute_version() -> None:
    item = shipped("affectionate-breathing")
    ten = m.plan_meditation(item, minutes=10)
    twenty = m.plan_meditation(item, minutes=20)
    assert ten.total_seconds == pytest.approx(600)
    assert twenty.total_seconds == pytest.approx(1200)
    assert not ten.stretched and not twenty.stretched
    weights = [s.weight for s in item.steps]
    for a, b, w in zip(ten.steps, twenty.steps, weights, strict=True):
        assert a.seconds / w == pytest.approx(ten.steps[0].seconds / weights[0])
        assert b.seconds == pytest.approx(2 * a.seconds)
    # Each step starts where the ones before it end, exactly.
    assert [s.start for s in twenty.steps] == [
        math.fsum(x.seconds for x in twenty.steps[:i]) for i in range(len(twenty.steps))
    ]


def test_a_step_keeps_its_minimum_and_the_others_share_what_is_left() -> None:
    # 60 s over weights 1:2:3 would give the first step 10 s; its minimum is 15 s.
    item = meditation(
        steps=[
            {"text": "One.", "weight": 1, "min_seconds": 15},
            {"text": "Two.", "weight": 2, "min_seconds": 5},
            {"text": "Three.", "weight": 3, "min_seconds": 5},
        ]
    )
    plan = m.plan_meditation(item)
    assert [s.seconds for s in plan.steps] == pytest.approx([15, 18, 27])
    assert plan.total_seconds == pytest.approx(60) and not plan.stretched
    assert m.stretched_words(plan) is None


def test_when_the_minimums_win_the_plan_says_the_real_length() -> None:
    plan = m.plan_meditation(shipped("body-scan"), minutes=1)
    assert plan.stretched
    assert plan.total_seconds == pytest.approx(plan.minimum_seconds)
    assert plan.total_seconds > 60
    words = m.stretched_words(plan)
    assert words is not None
    assert "rather than 1:00" in words
    assert f"takes {format_clock(plan.total_seconds)}" in words


def test_the_default_minimum_is_reading_time_and_a_few_breaths() -> None:
    item = meditation(steps=[{"text": " ".join(["word"] * 25)}])
    [step] = m.plan_meditation(item).steps
    assert step.minimum == pytest.approx(25 / m.READING_WORDS_PER_SECOND + m.SETTLE_SECONDS)


@given(
    st.lists(st.tuples(st.floats(0.1, 20), st.floats(0, 120)), min_size=1, max_size=30),
    st.floats(0, 4000),
)
def test_sharing_time_never_gives_a_step_less_than_its_minimum(
    steps: list[tuple[float, float]], target: float
) -> None:
    weights = [w for w, _ in steps]
    minimums = [mn for _, mn in steps]
    lengths = m.share_time(target, weights, minimums)
    assert all(length >= mn - 1e-9 for length, mn in zip(lengths, minimums, strict=True))
    assert math.fsum(lengths) == pytest.approx(max(target, math.fsum(minimums)), abs=1e-6)
    # Steps above their minimum share by weight.
    free = [
        (length, w)
        for length, w, mn in zip(lengths, weights, minimums, strict=True)
        if length > mn + 1e-9
    ]
    if len(free) > 1:
        rates = [length / w for length, w in free]
        assert max(rates) == pytest.approx(min(rates))


# ---- running on a fake clock ----------------------------------------------------------------


class RecordingView:
    frame_seconds: float | None = None

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.events: list[tuple[str, float, int]] = []
        self.origin: float | None = None
        self.closed = False

    def _at(self, name: str, tick: m.Tick) -> None:
        now = self.clock.monotonic()
        if self.origin is None:
            self.origin = now
        self.events.append((name, round(now - self.origin, 6), tick.step.number))

    def open(self, plan: m.Plan) -> None:
        pass

    def begin(self, tick: m.Tick) -> None:
        self._at("step", tick)

    def frame(self, tick: m.Tick) -> None:
        pass

    def paused(self, tick: m.Tick) -> None:
        self._at("paused", tick)

    def resumed(self, tick: m.Tick) -> None:
        self._at("resumed", tick)

    def finish(self) -> None:
        self.events.append(("finish", -1, -1))

    def close(self) -> None:
        self.closed = True

    def starts(self) -> list[float]:
        return [t for name, t, _ in self.events if name == "step"]


def run(
    plan: m.Plan, presses: list[tuple[float, str]] = (), oversleep: float = 0.0
) -> tuple[m.MeditationResult, RecordingView, list[SessionRecord], list[str], FakeKeys]:
    clock = FakeClock()
    keys = FakeKeys(clock, presses, oversleep=oversleep)
    view = RecordingView(clock)
    saved: list[SessionRecord] = []
    said: list[str] = []
    result = m.meditate(
        plan,
        clock=clock,
        keys=keys,
        view=view,
        prompter=FakePrompter(),
        checkins=False,
        save=saved.append,
        say=said.append,
        closing="Thank you.",
    )
    return result, view, saved, said, keys


def test_each_step_starts_on_its_deadline_and_the_whole_is_saved() -> None:
    plan = m.plan_meditation(meditation())
    result, view, [record], said, keys = run(plan, oversleep=0.004)
    assert view.starts() == pytest.approx([0, 10, 30], abs=0.005)
    assert ("finish", -1, -1) in view.events and view.closed and keys.closed
    assert record.practice == "meditation" and record.content_id == "test"
    assert record.completed and record.planned_seconds == 60
    assert record.actual_seconds == pytest.approx(60, abs=0.01)
    assert record.details["steps_completed"] == 3 and record.details["ended_by"] == "done"
    assert said == ["Done: Test, 1:00.", "Thank you."]
    assert result.lines == tuple(said)


def test_a_pause_moves_every_later_step_and_is_not_counted() -> None:
    plan = m.plan_meditation(meditation())
    _, view, [record], _, _ = run(plan, [(5, "pause"), (65, "pause")])
    assert view.starts() == pytest.approx([0, 70, 90])
    assert ("paused", 5, 1) in view.events and ("resumed", 65, 1) in view.events
    assert record.completed
    assert record.details["paused_seconds"] == pytest.approx(60)
    assert record.actual_seconds == pytest.approx(60)


def test_q_ends_it_gently_and_honestly() -> None:
    plan = m.plan_meditation(shipped("soften-soothe-allow"), minutes=5)
    _, view, [record], said, _ = run(plan, [(100, "quit")])
    assert not record.completed and record.details["ended_by"] == "quit"
    assert record.details["ended_early"] is True
    assert record.actual_seconds == pytest.approx(100)
    assert 0 < record.details["steps_completed"] < len(plan.steps)
    assert said[0].startswith("You meditated for 1:40 (")
    assert "Stopping early is always fine." in said[0]
    assert said[1] == GROUNDING  # it turned toward pain: a way to ground
    assert ("finish", -1, -1) not in view.events  # no closing bell for an early end


def test_ctrl_c_saves_what_was_done_gives_the_terminal_back_and_goes_on() -> None:
    plan = m.plan_meditation(meditation())
    clock = FakeClock()
    keys = FakeKeys(clock, [(12, "ctrl-c")])
    view = RecordingView(clock)
    saved: list[SessionRecord] = []
    with pytest.raises(KeyboardInterrupt):
        m.meditate(
            plan,
            clock=clock,
            keys=keys,
            view=view,
            prompter=FakePrompter(),
            checkins=False,
            save=saved.append,
            say=lambda text: None,
            closing="x",
        )
    [record] = saved
    assert keys.closed and view.closed
    assert record.details["ended_by"] == "interrupted" and not record.completed
    assert record.actual_seconds == pytest.approx(12)
    assert record.details["steps_completed"] == 1


def test_check_ins_come_before_and_after_and_are_saved() -> None:
    plan = m.plan_meditation(meditation())
    clock = FakeClock()
    saved: list[SessionRecord] = []
    prompter = FakePrompter([6, 3])
    result = m.meditate(
        plan,
        clock=clock,
        keys=FakeKeys(clock),
        view=RecordingView(clock),
        prompter=prompter,
        checkins=True,
        save=saved.append,
        say=lambda text: None,
        closing="x",
    )
    assert [kind for kind, _ in prompter.asked] == ["rating", "rating"]
    assert (saved[0].distress_before, saved[0].distress_after) == (6, 3)
    assert result.checkin.change == -3


def test_phrases_come_from_the_person_else_the_meditation() -> None:
    item = shipped("loving-kindness")
    theirs = m.plan_meditation(item, phrases=["May I rest."])
    kinds = m.plan_meditation(item)
    with_phrases = [s for s in theirs.steps if s.phrases]
    assert with_phrases and all(s.phrases == ("May I rest.",) for s in with_phrases)
    assert theirs.own_phrases and not kinds.own_phrases
    assert next(s.phrases for s in kinds.steps if s.phrases) == tuple(item.phrases)


def test_an_informal_guide_is_not_timed() -> None:
    with pytest.raises(ValueError, match="guide"):
        m.plan_meditation(shipped("mindful-walking"))
    assert all(line.startswith("- ") for line in m.guide_lines(shipped("mindful-walking")))


# ---- choosing and suggesting ----------------------------------------------------------------

EVENING = datetime(2026, 3, 14, 20, 0, tzinfo=timezone(timedelta(hours=1)))
MORNING = EVENING.replace(hour=9)


def test_the_chooser_asks_what_it_is_for_then_which_one() -> None:
    items = SHIPPED.all(Meditation)
    prompter = FakePrompter(["For a hard moment"])
    labels: list[list[str]] = []
    original = prompter.select

    def select(message: str, choices: Any, *, default: str | None = None) -> str:
        labels.append(list(choices))
        return original(message, choices, default=default)

    prompter.select = select  # type: ignore[method-assign]
    hard = [mc.label(i) for i in items if "hard-moment" in i.suits]
    prompter.queue(mc.label(shipped("soles-of-feet")))
    assert mc.choose(prompter, items, None) == "soles-of-feet"
    first, second = labels
    assert first[:4] == [
        "For a hard moment",
        "For winding down",
        "For kindness toward yourself",
        "Just a few minutes",
    ]
    assert first[-3:] == ["Something for away from the keyboard", mc.TIMER_CHOICE, mc.NOT_NOW]
    assert second == [*hard, mc.NOT_NOW]


def test_the_chooser_offers_todays_suggestion_the_timer_and_not_now() -> None:
    items = SHIPPED.all(Meditation)
    found = mc.suggest(items, [], MORNING)
    assert found is not None
    label = f"Suggested for today: {mc.label(found.meditation)}"
    assert mc.choose(FakePrompter([label]), items, found) == found.meditation.id
    assert mc.choose(FakePrompter([mc.TIMER_CHOICE]), items, found) == mc.TIMER
    assert mc.choose(FakePrompter([mc.NOT_NOW]), items, found) is None


def test_the_suggestion_is_something_not_done_for_longest_never_done_first() -> None:
    items = SHIPPED.all(Meditation)
    guided = [i.id for i in items if i.kind == "guided"]
    today = MORNING.date()
    # Everything done, each on a different day: the oldest wins.
    recent = [(item_id, today - timedelta(days=n)) for n, item_id in enumerate(guided)]
    found = mc.suggest(items, recent, MORNING)
    assert found is not None and found.meditation.id == guided[-1]
    assert found.reason == f"You last practiced it {len(guided) - 1} days ago."
    # One never done beats them all; the timer and informal guides are never suggested.
    found = mc.suggest(items, [*recent[:-1], ("timer", today)], MORNING)
    assert found is not None and found.meditation.id == guided[-1]
    assert found.reason == "You have not tried this one yet."


def test_the_suggestion_varies_from_what_was_done_and_holds_for_the_day() -> None:
    items = SHIPPED.all(Meditation)
    first = mc.suggest(items, [], MORNING)
    assert first is not None and first.reason == "A gentle place to begin."
    assert mc.suggest(items, [], MORNING.replace(hour=11)) == first  # the same all day
    after = mc.suggest(items, [(first.meditation.id, MORNING.date())], MORNING)
    assert after is not None and after.meditation.id != first.meditation.id
    days = {
        found.meditation.id
        for n in range(14)
        if (found := mc.suggest(items, [], MORNING + timedelta(days=n))) is not None
    }
    assert len(days) > 2, "a newcomer is not offered the same one every day"


def test_in_the_evening_one_for_winding_down_comes_first_among_equals() -> None:
    items = SHIPPED.all(Meditation)
    found = mc.suggest(items, [], EVENING)
    assert found is not None and "winding-down" in found.meditation.suits
    assert found.reason.endswith("It suits the evening, too.")


def test_an_old_practice_day_counts_once_per_meditation() -> None:
    items = [meditation(id="a"), meditation(id="b")]
    today = date(2026, 3, 14)
    recent = [("a", today - timedelta(days=9)), ("a", today), ("b", today - timedelta(days=3))]
    found = mc.suggest(items, recent, MORNING)
    assert found is not None and found.meditation.id == "b"
    assert found.reason == "You last practiced it 3 days ago."


def test_a_persons_own_meditation_with_a_reserved_name_is_skipped_with_a_warning(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "meditations"
    folder.mkdir()
    (folder / "timer.yaml").write_text(
        "id: timer\nname: Mine\nsummary: x\nminutes: 1\nsteps:\n  - text: Sit.\n"
    )
    catalog = Catalog(shipped_content_dir(), tmp_path)
    assert "timer" not in {i.id for i in catalog.all(Meditation)}
    assert any("kind meditate timer" in w for w in catalog.warnings)
