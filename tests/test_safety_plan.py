"""`kind plan`: write, read and change a personal safety plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.errors import KindError
from kindcli.practices import safety_plan as sp
from kindcli.store import Store
from tests.fakes import FakePrompter, RecordingTerminal, make_services
from tests.pty import finish, spawn_kind

runner = CliRunner()


def stored(home: Path) -> sp.SafetyPlan:
    with Store.open(home / "kind.db") as store:
        return sp.SafetyPlan.from_state(store.get_state(sp.STATE_KEY))


def run(args: list[str], answers: list[object], interactive: bool = True, input: str | None = None):  # type: ignore[no-untyped-def]
    terminal = RecordingTerminal()
    prompter = FakePrompter(answers)
    svc = make_services(prompter=prompter, terminal=terminal, interactive=interactive)
    result = runner.invoke(app, args, obj=svc, input=input)
    return result, terminal, prompter


def whole_plan_answers() -> list[object]:
    # Two warning signs, then one line in each other section, skipping "safer surroundings".
    return [
        "I stop answering messages", "I can't sleep", "",
        "Walk round the block", "",
        "The library", "",
        "My sister Ana 0123 456", "",
        "Dr Lee", "",
        "",
        "My cat", "Seeing the sea again", "",
    ]  # fmt: skip


def test_a_whole_plan_round_trip(kind_home: Path) -> None:
    result, terminal, prompter = run(["plan"], whole_plan_answers())
    assert result.exit_code == 0, result.output
    plan = stored(kind_home)
    assert plan.items("warning-signs") == ["I stop answering messages", "I can't sleep"]
    assert plan.items("ask-for-help") == ["My sister Ana 0123 456"]
    assert plan.items("safer-surroundings") == []
    assert plan.items("reasons") == ["My cat", "Seeing the sea again"]
    for section in sp.SECTIONS:
        assert section.title in terminal.stdout
    assert prompter.answers == type(prompter.answers)(), "every answer was used"

    shown = runner.invoke(app, ["plan", "show"])
    assert shown.exit_code == 0
    assert shown.stdout.index("Warning signs") < shown.stdout.index("My cat")
    assert "Making my surroundings safer" not in shown.stdout, "empty sections are left out"

    data = json.loads(runner.invoke(app, ["plan", "show", "--json"]).stdout)
    assert [s["id"] for s in data] == list(sp.SECTION_IDS)
    assert data[6]["items"] == ["My cat", "Seeing the sea again"]


def test_walking_again_offers_keep_add_rewrite_and_clear(kind_home: Path) -> None:
    run(["plan"], whole_plan_answers())
    answers: list[object] = [
        sp.ADD_MORE,
        "Music",
        "",  # warning signs: add
        sp.REWRITE,
        "Cold water on my face",
        "",  # on my own: rewrite
        sp.CLEAR,  # people and places: clear
        sp.KEEP,
        sp.KEEP,  # ask for help, professionals
        "",  # safer surroundings was empty: nothing to add
        sp.KEEP,
    ]
    result, _, _ = run(["plan"], answers)
    assert result.exit_code == 0, result.output
    plan = stored(kind_home)
    assert plan.items("warning-signs")[-1] == "Music"
    assert plan.items("on-my-own") == ["Cold water on my face"]
    assert plan.items("people-and-places") == []
    assert plan.items("reasons") == ["My cat", "Seeing the sea again"]


def test_ctrl_c_keeps_every_line_typed_so_far(kind_home: Path) -> None:
    result, _, _ = run(["plan"], ["First sign", "Second sign", KeyboardInterrupt()])
    assert result.exit_code == 130
    assert stored(kind_home).items("warning-signs") == ["First sign", "Second sign"]


def test_edit_one_section_by_number_or_name(kind_home: Path) -> None:
    result, terminal, _prompter = run(["plan", "edit", "7"], ["My cat", ""])
    assert result.exit_code == 0, result.output
    assert "My reasons to keep going" in terminal.stdout
    assert "Warning signs" not in terminal.stdout
    result, _, _ = run(["plan", "edit", "ask"], ["Ana", ""])
    assert stored(kind_home).items("ask-for-help") == ["Ana"]
    result, _, _ = run(["plan", "edit"], ["Warning signs", "Pacing", ""])
    assert stored(kind_home).items("warning-signs") == ["Pacing"]


def test_piped_lines_replace_one_section(kind_home: Path) -> None:
    result, terminal, _ = run(
        ["plan", "edit", "reasons"], [], interactive=False, input="My cat\n\n  The sea  \n"
    )
    assert result.exit_code == 0, result.output
    assert stored(kind_home).items("reasons") == ["My cat", "The sea"]
    assert "Saved 2 lines" in terminal.stderr


def test_piped_lines_can_be_added_and_an_empty_pipe_changes_nothing(kind_home: Path) -> None:
    run(["plan", "edit", "reasons"], [], interactive=False, input="My cat\n")
    result, _, _ = run(["plan", "edit", "7", "--add"], [], interactive=False, input="The sea\n")
    assert result.exit_code == 0
    assert stored(kind_home).items("reasons") == ["My cat", "The sea"]
    result, _, _ = run(["plan", "edit", "reasons"], [], interactive=False, input="")
    assert result.exit_code == 1
    assert "left as it was" in result.output
    assert stored(kind_home).items("reasons") == ["My cat", "The sea"]


def test_without_a_terminal_plan_explains_itself() -> None:
    result, _terminal, _ = run(["plan"], [], interactive=False)
    assert result.exit_code == 1
    assert "needs a terminal" in result.output
    result, _, _ = run(["plan", "edit"], [], interactive=False)
    assert result.exit_code == 1 and "Name the section" in result.output


def test_an_unknown_section_lists_the_sections() -> None:
    with pytest.raises(KindError) as e:
        sp.find_section("hobbies")
    assert "1 warning-signs" in str(e.value) and "7 reasons" in str(e.value)
    assert run(["plan", "edit", "hobbies"], [])[0].exit_code == 1


def test_show_with_no_plan_is_gentle() -> None:
    result = runner.invoke(app, ["plan", "show"])
    assert result.exit_code == 0
    assert "whenever you are ready" in result.stdout


def test_a_damaged_stored_value_never_breaks_the_plan() -> None:
    assert sp.SafetyPlan.from_state("nonsense").is_empty
    plan = sp.SafetyPlan.from_state(
        {"sections": {"reasons": ["ok", 3, " "], "other": ["x"], "warning-signs": "no"}}
    )
    assert plan.sections == {"reasons": ["ok"]}


def test_kind_plan_in_a_real_terminal(kind_env: dict[str, str], kind_home: Path) -> None:
    child = spawn_kind(["plan"], kind_env)
    child.expect("Warning signs")
    child.expect("Add one")
    child.sendline("I go quiet")
    child.expect("Add one")
    child.sendline("")
    child.expect("Things I can do on my own")
    child.expect("Add one")
    child.sendline("")
    for title in ("People and places", "People I can ask", "Professionals", "Making my"):
        child.expect(title)
        child.expect("Add one")
        child.sendline("")
    child.expect("My reasons to keep going")
    child.expect("Add one")
    child.sendline("My cat")
    child.expect("Add one")
    child.sendline("")
    child.expect("Your plan is saved")
    assert finish(child) == 0
    plan = stored(kind_home)
    assert plan.items("warning-signs") == ["I go quiet"]
    assert plan.items("reasons") == ["My cat"]

    again = spawn_kind(["plan", "edit", "reasons"], kind_env)
    again.expect("My cat")
    again.expect("What would you like to do")
    again.send("\x1b[B")  # down to "Add more"
    again.send("\r")
    again.expect("Add one")
    again.sendline("The sea")
    again.expect("Add one")
    again.sendline("")
    assert finish(again) == 0
    assert stored(kind_home).items("reasons") == ["My cat", "The sea"]


def test_two_windows_editing_different_sections_keep_both(kind_home: Path) -> None:
    from kindcli.cli.plan import _load, _saver
    from tests.fakes import make_services

    first, second = make_services(), make_services()
    plan_a, plan_b = _load(first), _load(second)  # both opened before either saves
    save_a, save_b = _saver(first, plan_a), _saver(second, plan_b)
    plan_a.sections["reasons"] = ["My sister"]
    save_a(plan_a)
    plan_b.sections["on-my-own"] = ["A slow walk"]
    save_b(plan_b)
    merged = _load(make_services())
    assert merged.items("reasons") == ["My sister"]
    assert merged.items("on-my-own") == ["A slow walk"]
    first.close()
    second.close()
