"""`kind break`: the practice walked with a scripted prompter, and the command around it."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindcli.catalog.catalog import Catalog
from kindcli.catalog.loader import load_file
from kindcli.catalog.models import THREE_PARTS, Break
from kindcli.cli import INTERRUPTED, app
from kindcli.errors import ContentError
from kindcli.paths import resolve_paths
from kindcli.practices import checkin
from kindcli.practices.break_parts import (
    GO_ON,
    GO_ON_QUESTION,
    STOP_HERE,
    BreakOptions,
    BreakResult,
)
from kindcli.practices.break_walk import (
    AUTO_CHOSE,
    AUTO_REMEMBERED,
    AUTO_YOURS,
    FROM_YOUR_PHRASES,
    OWN_OTHER,
    OWN_WORDS,
    PAUSE_FIRST,
    PAUSE_HINT,
    STOPPED_EARLY,
    YOUR_PHRASE,
    pause_for,
)
from kindcli.practices.breaks import GREETING, SAVED_AS_READ, run_break
from kindcli.practices.meditation_phrases import STATE_KEY
from kindcli.store import Store
from tests.fakes import FakeClock, FakeKeys, FakePrompter, RecordingTerminal, make_services

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
SHIPPED = ("standard", "quick", "fierce", "motivating", "touch")
FULL_BREAKS = ("standard", "quick", "fierce", "motivating")


def shipped(break_id: str) -> Break:
    return Catalog(resolve_paths().shipped_content).get(Break, break_id)


@pytest.fixture
def store(kind_home: Path) -> Iterator[Store]:
    with Store.open(kind_home / "kind.db") as s:
        yield s


class ChoiceRecordingPrompter(FakePrompter):
    """Also records the choices and default of every select, to see what was offered first."""

    def __init__(self, answers: Sequence[Any] = ()) -> None:
        super().__init__(answers)
        self.offered: list[tuple[list[str], str | None]] = []

    def select(
        self,
        message: str,
        choices: Sequence[str],
        *,
        default: str | None = None,
        escape: str | None = None,
    ) -> str:
        self.offered.append((list(choices), default))
        return super().select(message, choices, default=default, escape=escape)


def script(
    brk: Break,
    *,
    before: int | None = 5,
    after: int | None = 3,
    note: str = "a tense meeting",
    checkins: bool = True,
) -> list[Any]:
    """The answers a person gives walking straight through `brk`, taking the first choices
    (moving on from each step is a key: see `enters`)."""
    answers: list[Any] = [before] if checkins else []
    if brk.note is not None:
        answers.append(note)
    for step in brk.steps:
        if step.choose:
            answers.append(step.phrasings[0])
    if checkins:
        answers.append(after)
    return answers


def enters(clock: FakeClock, brk: Break) -> FakeKeys:
    """Enter at every step of `brk`, each pressed the moment the step waits for it."""
    return FakeKeys.typed(clock, *["next"] * len(brk.steps))


def walk(
    brk: Break,
    prompter: FakePrompter,
    store: Store,
    *,
    clock: FakeClock | None = None,
    terminal: RecordingTerminal | None = None,
    keys: FakeKeys | None = None,
    **options: Any,
) -> BreakResult:
    """Walk `brk` with scripted answers; unless `keys` says otherwise, Enter at every step
    (with --auto, no key at all: the steps pace themselves)."""
    options.setdefault("interactive", True)
    clock = clock or FakeClock()
    if keys is None:
        keys = FakeKeys(clock) if options.get("auto") else enters(clock, brk)
    return run_break(
        brk,
        clock=clock,
        prompter=prompter,
        out=terminal or RecordingTerminal(),
        log=store,
        options=BreakOptions(**options),
        keys=keys,
    )


def only_session(store: Store) -> Any:
    sessions = store.sessions(practice="break")
    assert len(sessions) == 1
    return sessions[0]


# ---- the practice --------------------------------------------------------------------------


@pytest.mark.parametrize("break_id", SHIPPED)
def test_every_shipped_break_can_be_walked_to_the_end(break_id: str, store: Store) -> None:
    brk = shipped(break_id)
    prompter = FakePrompter(script(brk))
    terminal = RecordingTerminal()
    result = walk(brk, prompter, store, terminal=terminal)
    assert result.completed and result.ended_by is None
    assert not prompter.answers, "every scripted answer was used"
    session = only_session(store)
    assert session.content_id == break_id
    assert session.completed is True
    assert (session.distress_before, session.distress_after) == (5, 3)
    assert session.details["steps_completed"] == len(brk.steps)
    assert session.details["ended_early"] is False
    assert session.details["note"] == ("a tense meeting" if brk.note else None)
    out = terminal.stdout
    assert out.lstrip().startswith(brk.name)
    assert out.rstrip().endswith(brk.closing.split()[-1])
    for index, step in enumerate(brk.steps, start=1):
        assert f"({index} of {len(brk.steps)})" in out
        assert step.text.split(".")[0][:40] in out.replace("\n", " ")


def test_the_steps_come_in_order_and_the_kind_words_chosen_are_shown(store: Store) -> None:
    brk = shipped("standard")
    answers = script(brk)
    kindness = next(s for s in brk.steps if s.choose)
    answers[answers.index(kindness.phrasings[0])] = kindness.phrasings[2]
    terminal = RecordingTerminal()
    result = walk(brk, FakePrompter(answers), store, terminal=terminal)
    out = terminal.stdout
    headings = [out.index(f"({i} of {len(brk.steps)})") for i in range(1, len(brk.steps) + 1)]
    assert headings == sorted(headings)
    assert f"    {kindness.phrasings[2]}" in out
    assert result.phrase is not None and result.phrase.text == kindness.phrasings[2]
    assert only_session(store).details["phrase"] == kindness.phrasings[2]


def test_skipped_check_ins_are_saved_as_not_given(store: Store) -> None:
    brk = shipped("quick")
    prompter = FakePrompter(script(brk, before=None, after=None))
    walk(brk, prompter, store)
    session = only_session(store)
    assert session.completed
    assert session.distress_before is None and session.distress_after is None


def test_with_check_ins_off_no_rating_is_asked(store: Store) -> None:
    brk = shipped("standard")
    prompter = FakePrompter(script(brk, checkins=False))
    walk(brk, prompter, store, checkins=False)
    assert [kind for kind, _ in prompter.asked if kind == "rating"] == []
    assert only_session(store).completed


def test_a_skipped_note_is_not_saved(store: Store) -> None:
    brk = shipped("standard")
    walk(brk, FakePrompter(script(brk, note="   ")), store)
    assert only_session(store).details["note"] is None


def test_your_own_phrase_is_remembered_and_offered_first_next_time(store: Store) -> None:
    brk = shipped("standard")
    mine = "You are allowed to rest."
    answers = script(brk)
    kindness = next(s for s in brk.steps if s.choose)
    at = answers.index(kindness.phrasings[0])
    answers[at : at + 1] = [OWN_WORDS, mine]
    first = walk(brk, FakePrompter(answers), store)
    assert first.phrase is not None and (first.phrase.text, first.phrase.own) == (mine, True)

    yours = mine + " (your phrase)"
    again = ChoiceRecordingPrompter(
        [yours if a == kindness.phrasings[0] else a for a in script(brk)]
    )
    second = walk(brk, again, store)
    choices, default = again.offered[0]
    assert choices[0] == mine + " (your phrase)"
    assert default == choices[0]
    assert choices[1:-1] == kindness.phrasings and choices[-1] == OWN_WORDS
    assert second.phrase is not None and (second.phrase.text, second.phrase.own) == (mine, True)
    saved = [s.details["phrase"] for s in store.sessions(practice="break")]
    assert saved == [mine, mine]


def test_a_shipped_phrase_chosen_comes_first_without_appearing_twice(store: Store) -> None:
    brk = shipped("quick")
    kindness = next(s for s in brk.steps if s.choose)
    answers = script(brk)
    answers[answers.index(kindness.phrasings[0])] = kindness.phrasings[1]
    walk(brk, FakePrompter(answers), store)
    yours = kindness.phrasings[1] + " (your phrase)"
    again = ChoiceRecordingPrompter(
        [yours if a == kindness.phrasings[0] else a for a in script(brk)]
    )
    walk(brk, again, store)
    choices, _ = again.offered[0]
    assert choices[0] == kindness.phrasings[1] + " (your phrase)"
    assert choices.count(kindness.phrasings[1]) == 0
    assert len(choices) == len(kindness.phrasings) + 1


def test_writing_nothing_of_your_own_keeps_the_first_words(store: Store) -> None:
    brk = shipped("quick")
    kindness = next(s for s in brk.steps if s.choose)
    answers = script(brk)
    at = answers.index(kindness.phrasings[0])
    answers[at : at + 1] = [OWN_WORDS, "  "]
    result = walk(brk, FakePrompter(answers), store)
    assert result.phrase is not None
    assert (result.phrase.text, result.phrase.own) == (kindness.phrasings[0], False)


def test_ctrl_c_mid_way_saves_what_was_done_and_re_raises(store: Store) -> None:
    brk = shipped("standard")
    clock = FakeClock()
    keys = FakeKeys.typed(clock, "next", "next", "ctrl-c")
    with pytest.raises(KeyboardInterrupt):
        walk(brk, FakePrompter([6, "a tense meeting"]), store, clock=clock, keys=keys)
    session = only_session(store)
    assert session.completed is False
    assert session.distress_before == 6 and session.distress_after is None
    assert session.details["steps_completed"] == 2
    assert session.details["ended_early"] is True
    assert session.details["ended_by"] == "ctrl-c"
    assert session.details["note"] == "a tense meeting"


def test_ctrl_c_at_the_very_first_question_leaves_nothing_to_save(store: Store) -> None:
    with pytest.raises(KeyboardInterrupt):
        walk(shipped("standard"), FakePrompter([KeyboardInterrupt()]), store)
    assert store.sessions() == []


def test_q_between_steps_stops_gently_and_the_early_end_is_saved(store: Store) -> None:
    brk = shipped("fierce")
    terminal = RecordingTerminal()
    prompter = FakePrompter([4, ""])
    clock = FakeClock()
    keys = FakeKeys.typed(clock, "next", "quit")
    result = walk(brk, prompter, store, terminal=terminal, clock=clock, keys=keys)
    assert result.ended_by == "q"
    assert STOPPED_EARLY in terminal.stdout
    assert "soles of your feet" in terminal.stdout
    assert brk.closing not in terminal.stdout
    assert [k for k, m in prompter.asked if m == checkin.AFTER] == []
    session = only_session(store)
    assert (session.completed, session.details["steps_completed"]) == (False, 1)
    assert session.details["ended_by"] == "q"
    assert keys.closed and not keys.open_now, "the terminal is given back"


def test_feeling_worse_afterwards_is_met_with_care(store: Store) -> None:
    brk = shipped("quick")
    terminal = RecordingTerminal()
    walk(brk, FakePrompter(script(brk, before=3, after=7)), store, terminal=terminal)
    flat = " ".join(terminal.stdout.split())
    assert "turn toward something painful" in flat
    assert "soles of your feet" in flat
    assert "kind sos" in flat
    assert flat.index("kind sos") < flat.index(" ".join(brk.closing.split()))


def test_feeling_better_gets_no_warning(store: Store) -> None:
    brk = shipped("quick")
    terminal = RecordingTerminal()
    walk(brk, FakePrompter(script(brk, before=7, after=3)), store, terminal=terminal)
    assert "kind sos" not in terminal.stdout


def test_without_a_terminal_every_step_is_printed_and_nothing_waits(store: Store) -> None:
    brk = shipped("standard")
    clock = FakeClock()
    terminal = RecordingTerminal()
    prompter = FakePrompter()  # asking anything would fail the test
    result = walk(brk, prompter, store, clock=clock, terminal=terminal, interactive=False)
    assert prompter.asked == [] and clock.slept == []
    assert result.completed
    out = " ".join(terminal.stdout.split())
    for step in brk.steps:
        assert " ".join(step.text.split()) in out
    assert PAUSE_FIRST not in out and "Ctrl-C" not in out
    session = only_session(store)
    assert session.completed and session.details["interactive"] is False
    assert session.details["phrase"] is None


def test_without_a_terminal_your_phrase_is_offered_first_but_not_chosen(store: Store) -> None:
    brk = shipped("quick")
    mine = "I'm allowed to take a minute."
    answers = script(brk)
    kindness = next(s for s in brk.steps if s.choose)
    at = answers.index(kindness.phrasings[0])
    answers[at : at + 1] = [OWN_WORDS, mine]
    walk(brk, FakePrompter(answers), store)
    terminal = RecordingTerminal()
    walk(brk, FakePrompter(), store, terminal=terminal, interactive=False)
    out = terminal.stdout
    assert out.index(f"    {mine}") < out.index(f"    {kindness.phrasings[0]}")


class TimedTerminal(RecordingTerminal):
    """Printing takes time (a slow terminal), and each heading's moment is noted."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.clock = clock
        self.heading_times: list[float] = []

    def line(self, text: str = "", *, style: str | None = None, **kw: Any) -> None:
        if " of " in text and text.endswith(")"):
            self.heading_times.append(self.clock.monotonic())
        self.clock.advance(0.05)
        super().line(text, style=style, **kw)


def test_auto_paces_steps_on_deadlines_that_do_not_drift(store: Store) -> None:
    brk = shipped("standard")
    clock = FakeClock()
    terminal = TimedTerminal(clock)
    walk(brk, FakePrompter(), store, clock=clock, terminal=terminal, interactive=False, auto=True)
    assert only_session(store).details["counts_as_practice"] is True  # paced, so practiced
    starts = terminal.heading_times
    pauses = [pause_for(s) for s in brk.steps]
    # Each step begins one pause after the one before, whatever the printing cost.
    for before, after, pause in zip(starts, starts[1:], pauses, strict=False):
        assert after - before == pytest.approx(pause, abs=0.2)
    total = starts[-1] - starts[0] + pauses[-1]
    assert total == pytest.approx(sum(pauses), abs=0.2)
    assert only_session(store).actual_seconds == pytest.approx(sum(pauses), abs=2)


def test_auto_on_a_terminal_still_asks_for_ratings_but_never_waits_for_enter(
    store: Store,
) -> None:
    brk = shipped("quick")
    prompter = FakePrompter([5, 2])
    clock = FakeClock()
    terminal = RecordingTerminal()
    result = walk(brk, prompter, store, clock=clock, terminal=terminal, auto=True)
    # Nothing is asked while the steps move by themselves: the first words are used, and
    # the person is told so.
    assert [k for k, _ in prompter.asked] == ["rating", "rating"]
    first = next(s for s in brk.steps if s.choose).phrasings[0]
    assert result.phrase is not None and result.phrase.text == first
    assert AUTO_CHOSE in terminal.stdout
    assert sum(clock.slept) == pytest.approx(sum(pause_for(s) for s in brk.steps), abs=0.01)


def test_a_step_without_a_pause_gets_a_reading_time() -> None:
    from kindcli.catalog.models import BreakStep

    short = BreakStep(component="breath", text="Breathe.")
    long = BreakStep(component="settle", text=" ".join(["word"] * 300))
    assert pause_for(short) == 8.0
    assert pause_for(long) == 60.0


def test_the_first_check_in_is_asked_before_the_break_is_loaded(store: Store) -> None:
    brk = shipped("quick")
    prompter = FakePrompter(script(brk))
    asked_before_loading: list[list[tuple[str, str]]] = []

    def load() -> Break:
        asked_before_loading.append(list(prompter.asked))
        return brk

    clock = FakeClock()
    result = run_break(
        load,
        clock=clock,
        prompter=prompter,
        out=RecordingTerminal(),
        log=store,
        options=BreakOptions(interactive=True),
        keys=enters(clock, brk),
    )
    assert asked_before_loading == [[("rating", checkin.BEFORE)]]
    assert result.completed and only_session(store).distress_before == 5


def test_q_at_the_first_check_in_stops_before_anything_and_keeps_nothing(store: Store) -> None:
    brk = shipped("standard")
    terminal = RecordingTerminal()
    prompter = FakePrompter(["q"])
    result = walk(brk, prompter, store, terminal=terminal, keys=FakeKeys.typed(FakeClock()))
    assert result.ended_by == "q" and prompter.asked == [("rating", checkin.BEFORE)]
    assert STOPPED_EARLY in terminal.stdout and brk.name not in terminal.stdout
    assert store.sessions() == []


def test_q_at_the_last_check_in_ends_a_finished_break_warmly(store: Store) -> None:
    brk = shipped("quick")
    terminal = RecordingTerminal()
    answers = [*script(brk)[:-1], "q"]
    result = walk(brk, FakePrompter(answers), store, terminal=terminal)
    assert result.ended_by == "q" and result.completed
    assert brk.closing in " ".join(terminal.stdout.split())
    assert STOPPED_EARLY not in terminal.stdout
    session = only_session(store)
    assert session.completed and session.distress_after is None


def test_the_first_step_says_how_to_go_on_and_later_ones_a_quiet_hint(store: Store) -> None:
    brk = shipped("standard")
    terminal = RecordingTerminal()
    walk(brk, FakePrompter(script(brk)), store, terminal=terminal)
    out = terminal.stdout
    assert out.count(PAUSE_FIRST) == 1
    assert out.count(PAUSE_HINT) == len(brk.steps) - 1
    assert out.index(PAUSE_FIRST) < out.index("(2 of")


def test_between_steps_only_enter_and_q_do_anything(store: Store) -> None:
    brk = shipped("quick")
    clock = FakeClock()
    # Space (pause) means nothing in a break that waits for you anyway: it is let go.
    keys = FakeKeys.typed(clock, "pause", "next", "pause", "pause", "quit")
    result = walk(brk, FakePrompter(script(brk)[:1]), store, clock=clock, keys=keys)
    assert result.ended_by == "q"
    assert only_session(store).details["steps_completed"] == 1
    assert not keys.presses


def test_a_break_printed_with_nobody_there_is_saved_as_read_not_practice(store: Store) -> None:
    brk = shipped("quick")
    terminal = RecordingTerminal()
    walk(brk, FakePrompter(), store, terminal=terminal, interactive=False)
    session = only_session(store)
    assert session.details["mode"] == "read"
    assert session.details["counts_as_practice"] is False
    assert store.stats_practice_days() == []
    assert SAVED_AS_READ in " ".join(terminal.stderr.split())
    assert SAVED_AS_READ not in terminal.stdout  # the steps stay clean in a pipe


def test_a_guided_break_counts_as_practice(store: Store) -> None:
    brk = shipped("quick")
    walk(brk, FakePrompter(script(brk)), store)
    session = only_session(store)
    assert session.details["mode"] == "guided" and session.details["counts_as_practice"]
    assert store.stats_practice_days() == [session.moment.local_date]


def test_auto_uses_the_remembered_words_and_says_so(store: Store) -> None:
    brk = shipped("quick")
    kindness = next(s for s in brk.steps if s.choose)
    answers = script(brk)
    answers[answers.index(kindness.phrasings[0])] = kindness.phrasings[2]
    walk(brk, FakePrompter(answers), store)
    terminal = RecordingTerminal()
    result = walk(brk, FakePrompter([None, None]), store, terminal=terminal, auto=True)
    assert result.phrase is not None and result.phrase.text == kindness.phrasings[2]
    assert AUTO_REMEMBERED in terminal.stdout and AUTO_CHOSE not in terminal.stdout


def lk_phrases(store: Store, *phrases: str) -> None:
    from kindcli.ports import Moment

    value = {"version": 1, "phrases": list(phrases)}
    store.set_state(STATE_KEY, value, Moment.of(FakeClock().now()))


def test_your_own_loving_kindness_phrases_are_offered_at_the_kind_words(store: Store) -> None:
    brk = shipped("standard")
    lk_phrases(store, "May I be safe.", "May I be at ease.")
    kindness = next(s for s in brk.steps if s.choose)
    answers = script(brk)
    answers[answers.index(kindness.phrasings[0])] = "May I be at ease." + FROM_YOUR_PHRASES
    prompter = ChoiceRecordingPrompter(answers)
    result = walk(brk, prompter, store)
    choices, _ = prompter.offered[0]
    assert choices[:2] == [
        "May I be safe." + FROM_YOUR_PHRASES,
        "May I be at ease." + FROM_YOUR_PHRASES,
    ]
    assert choices[2:-1] == kindness.phrasings
    assert result.phrase is not None
    assert (result.phrase.text, result.phrase.own) == ("May I be at ease.", True)
    # Chosen once, it comes first next time as "your phrase", and is not listed twice.
    again = ChoiceRecordingPrompter(
        [
            "May I be at ease." + YOUR_PHRASE if a == "May I be at ease." + FROM_YOUR_PHRASES else a
            for a in answers
        ]
    )
    walk(brk, again, store)
    choices, _ = again.offered[0]
    assert choices[:2] == ["May I be at ease." + YOUR_PHRASE, "May I be safe." + FROM_YOUR_PHRASES]


def test_your_phrases_are_not_offered_for_a_gesture_and_odd_values_are_ignored(
    store: Store,
) -> None:
    brk = shipped("touch")
    lk_phrases(store, "May I be safe.")
    prompter = ChoiceRecordingPrompter(script(brk))
    walk(brk, prompter, store)
    assert not any("May I" in c for c in prompter.offered[0][0])
    from kindcli.ports import Moment

    store.set_state(STATE_KEY, {"phrases": "not a list"}, Moment.of(FakeClock().now()))
    quick = shipped("quick")
    prompter = ChoiceRecordingPrompter(script(quick))
    walk(quick, prompter, store)
    assert prompter.offered[0][0][:-1] == next(s for s in quick.steps if s.choose).phrasings


def test_auto_with_your_own_phrases_uses_the_first_and_says_whose_it_is(store: Store) -> None:
    brk = shipped("quick")
    lk_phrases(store, "May I be kind to myself.")
    terminal = RecordingTerminal()
    result = walk(brk, FakePrompter([None, None]), store, terminal=terminal, auto=True)
    assert result.phrase is not None and result.phrase.text == "May I be kind to myself."
    assert AUTO_YOURS in terminal.stdout


class Support:
    """The command's crisis check, as the practice sees it: shows support for some notes."""

    def __init__(self, shown: bool) -> None:
        self.shown = shown
        self.notes: list[str] = []

    def __call__(self, note: str) -> bool:
        self.notes.append(note)
        return self.shown


@pytest.mark.parametrize("go_on", [True, False])
def test_after_support_for_the_note_the_person_chooses_to_go_on_or_stop(
    go_on: bool, store: Store
) -> None:
    brk = shipped("standard")
    support = Support(shown=True)
    answers = script(brk)
    at = answers.index("a tense meeting") + 1
    answers.insert(at, GO_ON if go_on else STOP_HERE)
    if not go_on:
        answers = answers[: at + 1]
    prompter = FakePrompter(answers)
    terminal = RecordingTerminal()
    result = walk(brk, prompter, store, terminal=terminal, on_note=support)
    assert support.notes == ["a tense meeting"]
    assert ("select", GO_ON_QUESTION) in prompter.asked
    session = only_session(store)
    assert session.details["note"] == "a tense meeting"
    if go_on:
        assert result.completed and session.completed
    else:
        assert result.ended_by == "q" and STOPPED_EARLY in terminal.stdout
        assert session.details["steps_completed"] == 0


def test_no_question_follows_a_note_that_needed_no_support(store: Store) -> None:
    brk = shipped("standard")
    prompter = FakePrompter(script(brk))
    walk(brk, prompter, store, on_note=Support(shown=False))
    assert ("select", GO_ON_QUESTION) not in prompter.asked


# ---- content ---------------------------------------------------------------------------------


def test_every_shipped_break_validates() -> None:
    folder = REPO / "content" / "breaks"
    ids = []
    for path in sorted(folder.glob("*.yaml")):
        for item in load_file(path, "breaks"):
            assert isinstance(item, Break)
            ids.append(item.id)
    assert sorted(ids) == sorted(SHIPPED)


@pytest.mark.parametrize("break_id", FULL_BREAKS)
def test_full_breaks_have_all_three_parts(break_id: str) -> None:
    brk = shipped(break_id)
    assert brk.three_part is True
    components = [s.component for s in brk.steps]
    for part in THREE_PARTS:
        assert part in components, f"{break_id} has no {part} step"
    kindness = [s for s in brk.steps if s.component == "kindness"]
    assert any(s.choose and len(s.phrasings) >= 3 for s in kindness)
    assert brk.credit and "Neff" in brk.credit


def test_standard_has_a_kind_touch_and_suggests_a_moderate_situation() -> None:
    brk = shipped("standard")
    assert "touch" in [s.component for s in brk.steps]
    assert brk.note is not None and brk.note.hint and "hardest" in brk.note.hint
    assert 4 <= brk.minutes <= 6


def test_a_three_part_break_missing_a_part_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "breaks" / "half.yaml"
    path.parent.mkdir()
    path.write_text(
        "id: half\nname: Half\nminutes: 2\nthree_part: true\nsteps:\n"
        "  - component: mindfulness\n    text: Notice.\n"
        "  - component: kindness\n    text: Be kind.\n"
    )
    with pytest.raises(ContentError) as caught:
        load_file(path, "breaks")
    assert "half.yaml" in str(caught.value)
    assert "missing: common_humanity" in str(caught.value)


def test_choosing_needs_something_to_choose(tmp_path: Path) -> None:
    path = tmp_path / "breaks" / "empty.yaml"
    path.parent.mkdir()
    path.write_text(
        "id: empty\nname: Empty\nminutes: 1\nsteps:\n"
        "  - component: kindness\n    text: Pick.\n    choose: true\n"
    )
    with pytest.raises(ContentError) as caught:
        load_file(path, "breaks")
    assert "steps.0" in str(caught.value) and "phrasings" in str(caught.value)


def test_the_readme_example_break_is_valid(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after = readme.split("A break (`content/breaks/evening.yaml`)", 1)[1]
    block = after.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "breaks" / "evening.yaml"
    path.parent.mkdir()
    path.write_text(block)
    (item,) = load_file(path, "breaks")
    assert isinstance(item, Break) and item.three_part


# ---- the command -----------------------------------------------------------------------------


def kind(*args: str, obj: object = None) -> Any:
    return runner.invoke(app, list(args), obj=obj)


def test_list_shows_every_break() -> None:
    result = kind("break", "--list", obj=make_services(interactive=False))
    assert result.exit_code == 0, result.output
    for break_id in SHIPPED:
        assert break_id in result.stdout
    assert "about a minute" in result.stdout


def test_list_puts_the_default_first_and_marks_your_own(kind_home: Path) -> None:
    folder = kind_home / "content" / "breaks"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "id: mine\nname: My own break\nminutes: 1\nsteps:\n"
        "  - component: grounding\n    text: Feel your feet on the floor.\n"
    )
    result = kind("break", "--list", obj=make_services(interactive=False))
    assert result.exit_code == 0, result.output
    rows = [line.split()[0] for line in result.stdout.splitlines()[1:] if line.strip()]
    assert rows[0] == "standard" and "standard (the default)" in result.stdout
    assert "mine (yours)" in result.stdout
    assert "quick (yours)" not in result.stdout
    listed = json.loads(kind("break", "--list", "--json", obj=make_services()).stdout)
    assert listed[0]["id"] == "standard" and listed[0]["default"] is True
    assert {b["id"]: b["origin"] for b in listed}["mine"] == "user"


def test_names_are_found_however_they_are_typed(kind_home: Path) -> None:
    result = kind("break", "QUICK", obj=make_services(interactive=False))
    assert result.exit_code == 0, result.output
    assert GREETING in result.stdout and "A quick break" in result.stdout
    with Store.open(kind_home / "kind.db") as store:
        assert only_session(store).content_id == "quick"
    catalog = Catalog(resolve_paths().shipped_content)
    from kindcli.catalog.models import BreathingPattern, PromptSet

    assert catalog.get(BreathingPattern, " Box ").id == "box"
    assert catalog.get(PromptSet, "Letter").id == "letter"
    assert kind("config", "set", "default_breathing", "Grounding").exit_code == 0
    assert kind("config", "get", "default_breathing").stdout.strip() == "grounding"


def test_list_as_json() -> None:
    result = kind("break", "--list", "--json", obj=make_services(interactive=False))
    assert result.exit_code == 0, result.output
    listed = {b["id"]: b for b in json.loads(result.stdout)}
    assert set(listed) == set(SHIPPED)
    assert listed["standard"]["three_part"] is True and listed["touch"]["three_part"] is False
    assert listed["quick"]["minutes"] == 1


def test_json_without_list_is_a_usage_error() -> None:
    result = kind("break", "--json", obj=make_services(interactive=False))
    assert result.exit_code == 2


def test_an_unknown_break_names_the_ones_there_are() -> None:
    result = kind("break", "qiuck", obj=make_services(interactive=False))
    assert result.exit_code == 1
    assert "There is no break called 'qiuck'" in result.stderr
    assert "Did you mean 'quick'?" in result.stderr
    assert "fierce, motivating, quick, standard, touch" in result.stderr
    assert GREETING not in result.stdout


def test_the_command_without_a_terminal_prints_the_steps_and_saves(kind_home: Path) -> None:
    result = kind("break", "quick", obj=make_services(interactive=False))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(GREETING)
    assert "A quick break (about a minute)" in result.stdout
    with Store.open(kind_home / "kind.db") as store:
        session = only_session(store)
    assert session.content_id == "quick" and session.completed


def test_the_command_on_a_terminal_asks_and_saves(kind_home: Path) -> None:
    brk = shipped("standard")
    prompter = FakePrompter(script(brk, before=7, after=4))
    terminal = RecordingTerminal()
    clock = FakeClock()
    svc = make_services(prompter=prompter, terminal=terminal, clock=clock, keys=enters(clock, brk))
    result = kind("break", obj=svc)
    assert result.exit_code == 0, result.output
    # The greeting, then (the check-in, asked by the prompter), then the break itself.
    assert terminal.stdout.startswith(GREETING + "\n\n" + brk.name)
    with Store.open(kind_home / "kind.db") as store:
        session = only_session(store)
    assert (session.content_id, session.distress_before, session.distress_after) == (
        "standard",
        7,
        4,
    )


def test_no_checkin_and_the_mood_checkins_setting_both_turn_ratings_off(kind_home: Path) -> None:
    brk = shipped("quick")
    prompter = FakePrompter(script(brk, checkins=False))
    clock = FakeClock()
    svc = make_services(
        prompter=prompter, terminal=RecordingTerminal(), clock=clock, keys=enters(clock, brk)
    )
    assert kind("break", "quick", "--no-checkin", obj=svc).exit_code == 0
    assert "rating" not in [k for k, _ in prompter.asked]

    assert kind("config", "set", "mood_checkins", "false").exit_code == 0
    first_words = next(s for s in brk.steps if s.choose).phrasings[0]
    prompter = FakePrompter(
        [f"{a} (your phrase)" if a == first_words else a for a in script(brk, checkins=False)]
    )
    clock = FakeClock()
    svc = make_services(
        prompter=prompter, terminal=RecordingTerminal(), clock=clock, keys=enters(clock, brk)
    )
    result = kind("break", "quick", obj=svc)
    assert result.exit_code == 0, result.output
    assert "rating" not in [k for k, _ in prompter.asked]


def test_ctrl_c_in_the_command_says_one_calm_line_and_exits_130(kind_home: Path) -> None:
    prompter = FakePrompter([5, ""])
    clock = FakeClock()
    keys = FakeKeys.typed(clock, "next", "ctrl-c")
    svc = make_services(prompter=prompter, terminal=RecordingTerminal(), clock=clock, keys=keys)
    result = kind("break", obj=svc)
    assert result.exit_code == 130
    assert INTERRUPTED in result.stderr
    assert "Traceback" not in result.output
    with Store.open(kind_home / "kind.db") as store:
        session = only_session(store)
    assert session.completed is False and session.details["steps_completed"] == 1


def test_your_own_break_file_works_like_a_shipped_one(kind_home: Path) -> None:
    folder = kind_home / "content" / "breaks"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "id: mine\nname: My own break\nminutes: 1\nsteps:\n"
        "  - component: grounding\n    text: Feel your feet on the floor.\n"
        "  - component: kindness\n    text: Say something kind.\n"
        "    phrasings: [You are doing okay., Rest a moment.]\n    choose: true\n"
    )
    prompter = FakePrompter([None, "Rest a moment.", None])
    terminal = RecordingTerminal()
    clock = FakeClock()
    keys = FakeKeys.typed(clock, "next", "next")
    svc = make_services(prompter=prompter, terminal=terminal, clock=clock, keys=keys)
    result = kind("break", "mine", obj=svc)
    assert result.exit_code == 0, result.output
    assert "Grounding  (1 of 2)" in terminal.stdout
    with Store.open(kind_home / "kind.db") as store:
        assert only_session(store).details["phrase"] == "Rest a moment."
        assert store.get_state("break.mine.choice.1") == {"text": "Rest a moment.", "own": False}


def test_the_touch_break_remembers_the_gesture_you_keep(store: Store) -> None:
    brk = shipped("touch")
    gesture_step = next(s for s in brk.steps if s.choose)
    answers = script(brk)
    at = answers.index(gesture_step.phrasings[0])
    answers[at : at + 1] = [OWN_OTHER, "Hands resting on my knees"]
    first = walk(brk, FakePrompter(answers), store)
    assert first.phrase is None  # a gesture, not kind words
    assert [(c.component, c.text, c.own) for c in first.choices] == [
        ("touch", "Hands resting on my knees", True)
    ]
    yours = "Hands resting on my knees (your choice)"
    again = ChoiceRecordingPrompter(
        [yours if a == gesture_step.phrasings[0] else a for a in script(brk)]
    )
    walk(brk, again, store)
    choices, default = again.offered[0]
    assert choices[0] == default == yours
    assert choices[-1] == OWN_OTHER


class ClosedPipeTerminal(RecordingTerminal):
    """Output that goes away half-way, like `kind break | head -3`."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines_left = lines

    def line(self, text: str = "", *, style: str | None = None, **kw: Any) -> None:
        self.lines_left -= 1
        if self.lines_left < 0:
            raise BrokenPipeError
        super().line(text, style=style, **kw)


def test_an_unexpected_error_still_keeps_what_was_done(store: Store) -> None:
    brk = shipped("standard")
    with pytest.raises(BrokenPipeError):
        walk(brk, FakePrompter(), store, terminal=ClosedPipeTerminal(12), interactive=False)
    session = only_session(store)
    assert session.completed is False and session.details["ended_by"] == "error"
    assert 0 < session.details["steps_completed"] < len(brk.steps)


def test_a_damaged_database_never_stands_between_a_person_and_a_break(kind_home: Path) -> None:
    kind_home.mkdir()
    db = kind_home / "kind.db"
    db.write_bytes(b"garbage, not a database")
    result = CliRunner().invoke(app, ["break", "quick"])
    assert result.exit_code == 0, result.output
    assert "will not be saved" in result.stderr
    assert "not a kind database" in result.stderr
    assert result.stdout.count("\n") > 5  # the steps were all shown
    assert db.read_bytes() == b"garbage, not a database"
