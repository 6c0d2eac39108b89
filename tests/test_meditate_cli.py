"""`kind meditate` as a person or a script uses it, with fakes: listing, choosing, running in
plain mode, the phrases, the suggestion, the timer, the menu and what stats show."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindcli.catalog.models import Meditation
from kindcli.cli import app
from kindcli.cli import meditate as cli
from kindcli.cli import meditate_phrases as mp
from kindcli.ports import Moment
from kindcli.practices import care
from kindcli.practices import meditation as m
from kindcli.practices import meditation_choice as mc
from kindcli.practices import meditation_phrases as ph
from kindcli.practices.durations import format_clock
from kindcli.store import Store
from kindcli.store.records import SessionRecord
from tests.fakes import FakeClock, FakePrompter, RecordingTerminal, make_services
from tests.test_meditation import SHIPPED, shipped

runner = CliRunner()


def kind(*args: str, answers: list[Any] = (), interactive: bool = True, **kw: Any) -> Any:
    typed = kw.pop("input", None)
    terminal = RecordingTerminal()
    prompter = FakePrompter(answers)
    clock = FakeClock()
    svc = make_services(
        terminal=terminal, prompter=prompter, clock=clock, interactive=interactive, **kw
    )
    result = runner.invoke(app, list(args), obj=svc, input=typed)
    svc.close()
    return result, terminal, prompter, clock


def sessions(home: Path) -> list[SessionRecord]:
    with Store.open(home / "kind.db") as store:
        return store.sessions(practice="meditation")


def state(home: Path, key: str) -> Any:
    with Store.open(home / "kind.db") as store:
        return store.get_state(key)


def keep_phrases(home: Path, phrases: list[str]) -> None:
    with Store.open(home / "kind.db") as store:
        store.set_state(ph.STATE_KEY, ph.to_state(phrases), Moment.of(FakeClock().now()))


def no_checkins(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("mood_checkins = false\n")


# ---- listing and finding ---------------------------------------------------------------------


def test_list_json_describes_every_meditation_for_scripts() -> None:
    result, terminal, _, _ = kind("meditate", "--list", "--json")
    assert result.exit_code == 0, result.output
    data = {d["id"]: d for d in json.loads(terminal.stdout)}
    assert set(data) == {i.id for i in SHIPPED.all(Meditation)}
    body = data["body-scan"]
    assert body["kind"] == "guided" and body["default_seconds"] == 1200
    assert body["shortest_seconds"] < 1200 and body["suits"] == ["winding-down"]
    assert data["mindful-eating"]["default_seconds"] is None


def test_list_shows_length_and_what_each_is_for() -> None:
    result, terminal, _, _ = kind("meditate", "--list")
    assert result.exit_code == 0
    line = next(x for x in terminal.stdout.splitlines() if x.startswith("soles-of-feet"))
    assert "Soles of the feet" in line and "2:00" in line and "hard moment" in line


def test_an_unknown_name_lists_what_there_is(kind_home: Path) -> None:
    result, _, _, _ = kind("meditate", "body-scann")
    assert result.exit_code == 1
    assert "There is no meditation called 'body-scann'." in result.output
    assert "Did you mean 'body-scan'?" in result.output
    assert "affectionate-breathing, body-scan" in result.output
    assert "kind meditate --list" in result.output
    assert not (kind_home / "kind.db").exists()


def test_with_no_name_and_no_terminal_it_lists_them_and_asks_for_one() -> None:
    result, terminal, prompter, _ = kind("meditate", interactive=False)
    assert result.exit_code == 2
    assert "soles-of-feet" in terminal.stdout
    assert "kind meditate NAME" in terminal.stderr
    assert prompter.asked == []


@pytest.mark.parametrize(
    "args",
    [
        ["--json"],
        ["-m", "0"],
        ["-m", "121"],
        ["-m", "soon"],
        ["timer", "-m", "-1"],
        ["--plain", "timer"],
        ["timer", "-i", "0"],
    ],
)
def test_bad_options_are_usage_errors(args: list[str]) -> None:
    result, _, _, _ = kind("meditate", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "run-meditation" not in result.output  # the hidden command never shows


def test_help_for_a_meditation_is_the_one_help_page() -> None:
    result = runner.invoke(app, ["meditate", "loving-kindness", "--help"])
    assert result.exit_code == 0
    assert "kind meditate [OPTIONS] [NAME]" in result.output
    assert "--minutes" in result.output and "timer" in result.output
    assert "run-meditation" not in result.output
    timer = runner.invoke(app, ["meditate", "timer", "--help"])
    assert "--interval" in timer.output


# ---- running one ------------------------------------------------------------------------------


def test_a_meditation_in_plain_mode_says_each_step_in_order_and_is_saved(
    kind_home: Path,
) -> None:
    item = shipped("soles-of-feet")
    result, terminal, prompter, _clock = kind(
        "meditate", "soles-of-feet", "--minutes", "3", answers=[6, 2]
    )
    assert result.exit_code == 0, result.output
    out = terminal.words
    assert out.startswith("Soles of the feet · 3:00")
    assert item.alternative_anchor is not None
    assert " ".join(item.alternative_anchor.split()) in out
    positions = [out.index(" ".join(s.text.split())) for s in item.steps]
    assert positions == sorted(positions)
    assert out.endswith(f"Done: Soles of the feet, 3:00. {item.closing}")
    assert "\x1b" not in terminal.stdout
    assert [kind for kind, _ in prompter.asked] == ["rating", "rating"]
    [record] = sessions(kind_home)
    assert record.content_id == "soles-of-feet" and record.completed
    assert record.planned_seconds == 180 and record.actual_seconds == pytest.approx(180)
    assert (record.distress_before, record.distress_after) == (6, 2)
    assert record.details["mode"] == "plain" and record.details["paused_seconds"] == 0


def test_too_few_minutes_for_the_steps_says_the_real_length(kind_home: Path) -> None:
    no_checkins(kind_home)
    result, terminal, _, _ = kind("meditate", "breathing-space", "-m", "0.5")
    assert result.exit_code == 0, result.output
    plan = m.plan_meditation(shipped("breathing-space"), minutes=0.5)
    took = format_clock(plan.total_seconds)
    assert f"Each step needs a little time to read and take in, so this takes {took}" in (
        terminal.words
    )
    assert "rather than 0:30." in terminal.words
    [record] = sessions(kind_home)
    assert record.planned_seconds == pytest.approx(plan.total_seconds, abs=0.01)
    assert record.details["asked_seconds"] == 30


def test_a_practice_that_turns_toward_pain_says_so_before_it_begins(kind_home: Path) -> None:
    no_checkins(kind_home)
    result, terminal, _, _ = kind("meditate", "soften-soothe-allow", "-m", "3")
    assert result.exit_code == 0, result.output
    out = terminal.words
    backdraft = " ".join((shipped("soften-soothe-allow").backdraft or "").split())
    assert out.index(backdraft) < out.index("Settle into a position")


def test_an_informal_practice_is_a_guide_to_take_away(kind_home: Path) -> None:
    result, terminal, prompter, _ = kind("meditate", "mindful-walking", "-m", "5")
    assert result.exit_code == 0, result.output
    assert terminal.stdout.startswith("Mindful walking · about 10 minutes, away from the keyboard")
    assert terminal.stdout.count("\n- ") == len(shipped("mindful-walking").steps)
    assert "kind log meditation" in terminal.stdout
    assert "no timer" in terminal.stderr
    assert prompter.asked == []
    assert not (kind_home / "kind.db").exists()


def test_the_chooser_picks_by_what_it_is_for(kind_home: Path) -> None:
    no_checkins(kind_home)
    item = shipped("soles-of-feet")
    result, _terminal, prompter, _ = kind("meditate", answers=["For a hard moment", mc.label(item)])
    assert result.exit_code == 0, result.output
    assert [message for _, message in prompter.asked] == [mc.CHOOSE_WHAT, mc.CHOOSE_WHICH]
    assert sessions(kind_home)[0].content_id == "soles-of-feet"


def test_the_chooser_can_start_the_timer_or_nothing(kind_home: Path) -> None:
    no_checkins(kind_home)
    result, terminal, _, _clock = kind("meditate", answers=[mc.TIMER_CHOICE, "5 minutes"])
    assert result.exit_code == 0, result.output
    assert "Done: 5:00 of sitting." in terminal.stdout
    result, terminal, _, _ = kind("meditate", answers=[mc.NOT_NOW])
    assert result.exit_code == 0 and terminal.stdout.strip() == cli.NOT_NOW_WORDS


# ---- the phrases -------------------------------------------------------------------------------


def test_loving_kindness_uses_the_persons_own_phrases(kind_home: Path) -> None:
    no_checkins(kind_home)
    keep_phrases(kind_home, ["May I rest when I am tired.", "May I be at home in myself."])
    result, terminal, prompter, _ = kind("meditate", "loving-kindness", "-m", "5")
    assert result.exit_code == 0, result.output
    assert "With your own phrases" in terminal.stdout
    assert terminal.stdout.count("    May I rest when I am tired.") == 2
    assert "May I be gentle with myself." not in terminal.stdout
    assert prompter.asked == []
    assert sessions(kind_home)[0].details["own_phrases"] is True


def test_without_phrases_it_offers_to_find_some_first_or_uses_kinds(kind_home: Path) -> None:
    no_checkins(kind_home)
    result, terminal, _, _ = kind("meditate", "loving-kindness", "-m", "5", answers=[mp.USE_KINDS])
    assert result.exit_code == 0, result.output
    assert "With kind's phrases for now" in terminal.stdout
    assert "    May I be gentle with myself." in terminal.stdout
    result, terminal, _, _ = kind(
        "meditate",
        "loving-kindness",
        "-m",
        "5",
        answers=[mp.FIND_FIRST, "you're enough", "", "", ph.KEEP],
    )
    assert result.exit_code == 0, result.output
    assert state(kind_home, ph.STATE_KEY) == ph.to_state(["May I know that I am enough."])
    assert terminal.stdout.count("    May I know that I am enough.") >= 2
    # (Both sessions start at the fake clock's same moment.)
    assert sorted(s.details["own_phrases"] for s in sessions(kind_home)) == [False, True]


def test_phrases_piped_in_replace_them_and_are_checked_with_care(kind_home: Path) -> None:
    result, terminal, _, _ = kind(
        "meditate", "phrases", interactive=False, input="May I rest.\n\n  May I be safe. \n"
    )
    assert result.exit_code == 0, result.output
    assert state(kind_home, ph.STATE_KEY) == ph.to_state(["May I rest.", "May I be safe."])
    assert "Your phrases, saved:" in terminal.stdout
    assert terminal.stderr == ""
    result, terminal, _, _ = kind(
        "meditate", "phrases", interactive=False, input="May I stop wanting to die.\n"
    )
    assert result.exit_code == 0
    assert care.ARE_YOU_SAFE in terminal.stderr  # saved first, then support, gently
    assert state(kind_home, ph.STATE_KEY)["phrases"] == ["May I stop wanting to die."]


def test_bytes_that_are_not_text_change_nothing(kind_home: Path) -> None:
    keep_phrases(kind_home, ["May I rest."])
    result, _, _, _ = kind("meditate", "phrases", interactive=False, input=b"May I \xff be\n")
    assert result.exit_code == 1
    assert "not UTF-8" in result.output and "Traceback" not in result.output
    assert state(kind_home, ph.STATE_KEY)["phrases"] == ["May I rest."]


def test_phrases_as_json_and_an_empty_pipe_changes_nothing(kind_home: Path) -> None:
    keep_phrases(kind_home, ["May I rest."])
    result, terminal, _, _ = kind("meditate", "phrases", "--json", interactive=False)
    assert json.loads(terminal.stdout) == {"version": 1, "phrases": ["May I rest."]}
    result, terminal, _, _ = kind("meditate", "phrases", interactive=False, input="")
    assert result.exit_code == 0
    assert state(kind_home, ph.STATE_KEY)["phrases"] == ["May I rest."]
    assert "    May I rest." in terminal.stdout


def test_on_a_terminal_phrases_runs_the_exercise_then_edits(kind_home: Path) -> None:
    answers = ["be kind to yourself", "", "peace", ph.KEEP, ph.KEEP]
    result, terminal, _, _ = kind("meditate", "phrases", answers=answers)
    assert result.exit_code == 0, result.output
    assert state(kind_home, ph.STATE_KEY)["phrases"] == [
        "May I be kind to myself.",
        "May I find peace.",
    ]
    result, terminal, _, _ = kind(
        "meditate", "phrases", answers=[ph.REMOVE_ONE, "May I find peace.", ph.DONE]
    )
    assert result.exit_code == 0, result.output
    assert state(kind_home, ph.STATE_KEY)["phrases"] == ["May I be kind to myself."]
    result, terminal, _, _ = kind("meditate", "phrases", answers=[ph.DONE])
    assert "Your phrases are as they were." in terminal.stdout


def test_a_damaged_database_is_said_plainly_and_nothing_is_asked(kind_home: Path) -> None:
    kind_home.mkdir()
    (kind_home / "kind.db").write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    result, terminal, prompter, _ = kind("meditate", "phrases")
    assert result.exit_code == 1
    assert "looks damaged" in result.output and prompter.asked == []
    assert "no phrases of your own" not in terminal.stdout


def test_ctrl_c_in_the_exercise_keeps_the_phrases_already_chosen(kind_home: Path) -> None:
    keep_phrases(kind_home, [])
    answers = ["you are loved", "", "safe", ph.KEEP, KeyboardInterrupt()]
    result, _, _, _ = kind("meditate", "phrases", answers=answers)
    assert result.exit_code == 130
    assert state(kind_home, ph.STATE_KEY)["phrases"] == ["May I know that I am loved."]


# ---- the suggestion ------------------------------------------------------------------------------


def add_session(home: Path, content_id: str, day: date) -> None:
    moment = Moment.of(FakeClock().now().replace(year=day.year, month=day.month, day=day.day))
    with Store.open(home / "kind.db") as store:
        store.add_session(
            SessionRecord(practice="meditation", content_id=content_id, moment=moment)
        )


def test_suggest_names_one_for_today_and_how_to_begin_it() -> None:
    result, terminal, _, _ = kind("meditate", "--suggest", interactive=False)
    assert result.exit_code == 0, result.output
    assert terminal.stdout.startswith("For today: ")
    assert re.search(r"`kind meditate [a-z-]+` begins it\.", terminal.stdout)


def test_suggest_as_json_varies_from_what_was_done_lately(kind_home: Path) -> None:
    _, terminal, _, _ = kind("meditate", "--suggest", "--json", interactive=False)
    first = json.loads(terminal.stdout)
    assert set(first) == {"id", "name", "summary", "minutes", "reason"}
    add_session(kind_home, first["id"], FakeClock().now().date())
    _result, terminal, _, _ = kind("meditate", "--suggest", "--json", interactive=False)
    assert json.loads(terminal.stdout)["id"] != first["id"]


def test_on_a_terminal_the_suggestion_offers_to_begin(kind_home: Path) -> None:
    no_checkins(kind_home)
    found = mc.suggest(SHIPPED.all(Meditation), [], FakeClock().now())
    assert found is not None
    answers: list[Any] = [True]
    if found.meditation.id == "loving-kindness":
        answers.append(mp.USE_KINDS)
    result, terminal, _, _ = kind("meditate", "--suggest", "-m", "3", answers=answers)
    assert result.exit_code == 0, result.output
    [record] = sessions(kind_home)
    assert record.content_id == found.meditation.id and record.completed
    result, terminal, _, _ = kind("meditate", "--suggest", answers=[False])
    assert terminal.stdout.rstrip().endswith(cli.NOT_NOW_WORDS)


def test_the_menu_offers_todays_meditation(kind_home: Path) -> None:
    from tests.test_menu import labels_of

    labels = labels_of(app)
    at = labels.index("A guided meditation (kind meditate)")
    assert labels[at + 1] == "A meditation suggested for today (kind meditate --suggest)"
    result, terminal, prompter, _ = kind(answers=[labels[at + 1], False])
    assert result.exit_code == 0, result.output
    assert "For today: " in terminal.stdout
    assert prompter.asked[1] == ("confirm", "Would you like to begin it now?")


# ---- the timer ----------------------------------------------------------------------------------


def test_the_timer_rings_each_interval_and_is_saved(kind_home: Path) -> None:
    no_checkins(kind_home)
    result, terminal, _, _clock = kind("meditate", "timer", "-m", "1", "-i", "0.25")
    assert result.exit_code == 0, result.output
    lines = terminal.stdout.splitlines()
    assert lines[:2] == ["A sitting timer", "1:00, a bell every 0:15."]
    assert [x for x in lines if x.startswith(("Sitting now", "Bell"))] == [
        "Sitting now.",
        "Bell: 0:15.",
        "Bell: 0:30.",
        "Bell: 0:45.",
    ]
    assert lines[-1] == "Done: 1:00 of sitting, with 3 interval bells."
    [record] = sessions(kind_home)
    assert record.content_id == "timer" and record.completed and record.planned_seconds == 60
    assert "\a" not in terminal.stdout  # never a bell into something that is not a terminal


def test_an_endless_timer_needs_a_keyboard_to_stop_it(kind_home: Path) -> None:
    result, _, _, _ = kind("meditate", "timer", "--minutes", "0")
    assert result.exit_code == 2
    assert "needs a terminal" in result.output
    assert not (kind_home / "kind.db").exists()


# ---- stats -------------------------------------------------------------------------------------


def test_stats_leaves_out_a_practice_never_used(kind_home: Path) -> None:
    with Store.open(kind_home / "kind.db") as store:
        today = FakeClock().now()
        old = Moment.of(today - timedelta(days=400))
        store.add_session(SessionRecord(practice="break", content_id="standard", moment=old))
        store.add_session(
            SessionRecord(practice="journal", content_id="free", moment=Moment.of(today))
        )
    result, terminal, _, _ = kind("stats", interactive=False)
    assert result.exit_code == 0, result.output
    rows = [x.split()[0] for x in terminal.stdout.splitlines() if re.match(r"^\w+\s+\d", x)]
    assert "journaling" in rows
    assert "breaks" in rows  # used, if not in these weeks: its row stays, with zeros
    assert "meditation" not in rows and "breathing" not in rows
    result, terminal, _, _ = kind("stats", "--json", interactive=False)
    assert set(json.loads(terminal.stdout)["by_practice"]) == {
        "break",
        "breathing",
        "journal",
        "meditation",
    }


def test_with_nothing_used_there_is_no_empty_table(kind_home: Path) -> None:
    result, terminal, _, _ = kind("stats", interactive=False)
    assert result.exit_code == 0
    assert "practice" not in terminal.stdout.split("Check-ins")[0].split("more")[-1]
    assert "\n\n\n" not in terminal.stdout


def test_the_used_practices_query_reads_the_index_not_the_table(kind_home: Path) -> None:
    with Store.open(kind_home / "kind.db") as store:
        for n in range(50):
            moment = Moment.of(FakeClock().now() - timedelta(days=n))
            store.add_session(SessionRecord(practice="break", content_id="x", moment=moment))
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        try:
            assert store.stats_practices_used() == {"break"}
        finally:
            store._conn.set_trace_callback(None)
        [sql] = statements
        plan = [row[-1] for row in store._conn.execute("EXPLAIN QUERY PLAN " + sql, ())]
    assert not any(re.match(r"SCAN sessions\b", step) for step in plan), plan
