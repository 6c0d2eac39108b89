"""`kind breathe` as a person (or a script) uses it."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.services import Services
from kindcli.store import Store
from tests.fakes import FakeClock, FakePrompter, RecordingTerminal
from tests.pty import finish, spawn_kind

runner = CliRunner()

QUICK = """id: quick
name: Quick test
phases:
  - action: inhale
    seconds: 0.3
  - action: hold
    seconds: 0.15
  - action: exhale
    seconds: 0.45
default_cycles: 2
"""


def add_pattern(home: Path, text: str = QUICK, name: str = "quick.yaml") -> None:
    folder = home / "content" / "breathing"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)


def sessions(home: Path) -> list:  # type: ignore[type-arg]
    with Store.open(home / "kind.db") as store:
        return store.sessions(practice="breathing")


def test_list_shows_every_pattern_with_its_rhythm_and_yours_too(
    svc: Services, terminal: RecordingTerminal, kind_home: Path
) -> None:
    add_pattern(kind_home)
    result = runner.invoke(app, ["breathe", "--list"], obj=svc)
    assert result.exit_code == 0, result.output
    out = terminal.stdout
    for pattern_id in ("box", "no-hold", "4-7-8", "coherent", "sigh", "quick"):
        assert f"\n{pattern_id} " in "\n" + out
    assert "in 4 · hold 7 · out 8" in out
    assert "in 3 · in 1 · out 8" in out
    assert "Quick test (yours)" in out


def test_a_session_in_plain_mode_prints_each_phase_and_is_saved(
    svc: Services,
    terminal: RecordingTerminal,
    prompter: FakePrompter,
    clock: FakeClock,
    kind_home: Path,
) -> None:
    prompter.queue(7, 4)
    start = clock.monotonic()
    result = runner.invoke(app, ["breathe", "coherent", "--cycles", "2"], obj=svc)
    assert result.exit_code == 0, result.output
    lines = terminal.stdout.splitlines()
    assert lines[0] == "Coherent breathing · in 5.5 · out 5.5"
    assert lines[1] == "2 cycles, 0:22."
    assert any("light-headed" in line for line in lines)
    assert [line for line in lines if line.endswith("5.5s")] == ["inhale 5.5s", "exhale 5.5s"] * 2
    assert lines[-1] == "Done: Coherent breathing, 2 cycles in 0:22."
    assert clock.monotonic() - start == pytest.approx(22)
    [record] = sessions(kind_home)
    assert (record.content_id, record.completed, record.planned_seconds) == ("coherent", True, 22)
    assert (record.distress_before, record.distress_after) == (7, 4)
    assert record.details["mode"] == "plain"


def test_the_default_pattern_comes_from_settings_and_a_user_pattern_works_like_a_shipped_one(
    svc: Services, terminal: RecordingTerminal, prompter: FakePrompter, kind_home: Path
) -> None:
    add_pattern(kind_home)
    kind_home.mkdir(exist_ok=True)
    (kind_home / "config.toml").write_text('default_breathing = "quick"\nmood_checkins = false\n')
    result = runner.invoke(app, ["breathe"], obj=svc)
    assert result.exit_code == 0, result.output
    assert "inhale 0.3s\nhold 0.15s\nexhale 0.45s\n" * 2 in terminal.stdout
    assert prompter.asked == []
    assert sessions(kind_home)[0].details["cycles_completed"] == 2


def test_minutes_are_rounded_to_whole_cycles(
    svc: Services, terminal: RecordingTerminal, prompter: FakePrompter
) -> None:
    prompter.queue(None, None)
    result = runner.invoke(app, ["breathe", "box", "--minutes", "1"], obj=svc)
    assert result.exit_code == 0, result.output
    assert "4 cycles, 1:04." in terminal.stdout
    assert terminal.stdout.count("inhale 4s") == 4


def test_an_unknown_pattern_names_the_closest_and_the_choices(svc: Services) -> None:
    result = runner.invoke(app, ["breathe", "boxx"], obj=svc)
    assert result.exit_code == 1
    assert "There is no breathing pattern called 'boxx'." in result.output
    assert "Did you mean 'box'?" in result.output
    assert "4-7-8, box, coherent, grounding, no-hold, sigh" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--cycles", "0"],
        ["--cycles", "-2"],
        ["--cycles", "three"],
        ["--minutes", "0"],
        ["--minutes", "-1"],
        ["--minutes", "soon"],
        ["--cycles", "3", "--minutes", "2"],
    ],
)
def test_bad_lengths_are_usage_errors(svc: Services, args: list[str]) -> None:
    result = runner.invoke(app, ["breathe", "box", *args], obj=svc)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_piped_output_is_plain_lines_on_time_and_the_session_is_saved(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    add_pattern(kind_home)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "breathe", "quick"],
        env=kind_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\a" not in done.stdout
    phases = [line for line in done.stdout.splitlines() if line.endswith("s")]
    assert phases == ["inhale 0.3s", "hold 0.15s", "exhale 0.45s"] * 2
    assert done.stdout.splitlines()[-1] == "Done: Quick test, 2 cycles in 0:02."
    assert "Space pauses" not in done.stdout  # no keys to press without a terminal
    assert time.monotonic() - started >= 1.8
    [record] = sessions(kind_home)
    assert record.completed and record.details["mode"] == "plain"
    assert record.distress_before is None  # never asked without a terminal


SLOW = """id: slow
name: Slow test
phases:
  - action: inhale
    seconds: 2
  - action: exhale
    seconds: 2
default_cycles: 10
"""


def test_q_stops_the_live_view_restores_the_terminal_and_saves(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    add_pattern(kind_home, SLOW, "slow.yaml")
    (kind_home / "config.toml").write_text("mood_checkins = false\n")
    kind = f"{sys.executable} -m kindcli"
    child = pexpect.spawn(
        "sh",
        ["-c", f"{kind} breathe slow; echo EXIT=$?; stty -a"],
        env=kind_env,
        encoding="utf-8",
        dimensions=(30, 100),
        timeout=20,
    )
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect("Breathe in")
    child.expect("cycle 1 of 10")
    child.send("q")
    child.expect(r"You breathed for 0:0\d \(0 of 10 cycles\)\. Stopping early is always fine\.")
    drawn = seen.getvalue()
    child.expect("EXIT=0")
    child.expect(pexpect.EOF)
    stty_after = child.before
    child.close()
    # The cursor was hidden for the animation and shown again before the closing line.
    assert "\x1b[?25l" in drawn and drawn.rindex("\x1b[?25h") > drawn.rindex("\x1b[?25l")
    # Echo and line editing are back on, as the shell had them.
    assert " echo " in stty_after and "-echo " not in stty_after
    assert " icanon " in stty_after and "-icanon" not in stty_after
    [record] = sessions(kind_home)
    assert record.completed is False
    assert record.details["ended_by"] == "quit"
    assert record.details["mode"] == "live"


def test_live_view_hides_then_shows_the_cursor_and_asks_check_ins(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    add_pattern(kind_home)
    child = spawn_kind(["breathe", "quick", "--cycles", "1"], kind_env)
    child.expect("How intense does this feel right now")
    child.sendline("6")
    child.expect("Breathe in")
    start = child.before
    child.expect("Done: Quick test, 1 cycle in 0:01.")
    during = child.before
    child.expect("And now, how intense does it feel")
    child.sendline("3")
    assert finish(child) == 0
    shown = start + during
    assert "\x1b[?25l" in shown and shown.rindex("\x1b[?25h") > shown.rindex("\x1b[?25l")
    [record] = sessions(kind_home)
    assert (record.completed, record.distress_before, record.distress_after) == (True, 6, 3)


def test_no_color_turns_off_colour_only_and_the_animation_stays(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    add_pattern(kind_home, SLOW, "slow.yaml")
    (kind_home / "config.toml").write_text("mood_checkins = false\n")
    kind_env["NO_COLOR"] = "1"
    child = spawn_kind(["breathe", "slow"], kind_env)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect("Space pauses and resumes; q or Esc stops.")
    child.expect("Breathe in")
    child.send(" ")
    child.expect("Paused")
    child.send(" ")
    child.expect("Breathe out")
    child.send("q")
    child.expect(r"\(0 of 10 cycles\)")
    assert finish(child) == 0
    shown = seen.getvalue()
    assert "\x1b[?25l" in shown  # the live view (cursor hidden while it draws)
    assert not re.search(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;)[0-9;]*m", shown), "color sent"
    [record] = sessions(kind_home)
    assert record.details["mode"] == "live"
    assert record.details["pauses"] == 1 and record.details["paused_seconds"] > 0


def test_plain_on_a_terminal_gives_plain_lines_and_the_keys_still_work(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    add_pattern(kind_home, SLOW, "slow.yaml")
    (kind_home / "config.toml").write_text("mood_checkins = false\n")
    child = spawn_kind(["breathe", "slow", "--plain"], kind_env)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect("Space pauses and resumes; q or Esc stops.")
    child.expect("inhale 2s\r\n")
    child.send(" ")
    child.expect("paused\r\n")
    child.send(" ")
    child.expect(r"resumed: inhale [\d.]+s left\r\n")
    child.expect("exhale 2s\r\n")
    child.send("q")
    child.expect(r"\(0 of 10 cycles\)")
    assert finish(child) == 0
    assert "\x1b" not in seen.getvalue()
    [record] = sessions(kind_home)
    assert record.details["mode"] == "plain"
    assert record.details["pauses"] == 1 and record.details["paused_seconds"] > 0


@pytest.mark.parametrize("stdin", ["/dev/tty", "/dev/null"])
def test_sigterm_mid_session_still_restores_the_terminal_and_saves(
    kind_env: dict[str, str], kind_home: Path, stdin: str
) -> None:
    add_pattern(kind_home, SLOW, "slow.yaml")
    (kind_home / "config.toml").write_text("mood_checkins = false\n")
    kind = f"{sys.executable} -m kindcli"
    script = f"{kind} breathe slow < {stdin} & pid=$!; sleep 3; kill $pid; wait $pid; echo EXIT=$?"
    child = pexpect.spawn(
        "sh",
        ["-c", script + "; stty -a"],
        env=kind_env,
        encoding="utf-8",
        dimensions=(30, 100),
        timeout=20,
    )
    child.expect("Breathe in")
    child.expect("EXIT=143")
    child.expect(pexpect.EOF)
    stty_after = child.before
    child.close()
    assert " echo " in stty_after and " icanon " in stty_after
    [record] = sessions(kind_home)
    assert record.details["ended_by"] == "interrupted" and record.completed is False


def test_list_as_json_for_scripts() -> None:
    import json

    from typer.testing import CliRunner

    from kindcli.cli import app

    result = CliRunner().invoke(app, ["breathe", "--list", "--json"])
    assert result.exit_code == 0, result.output
    patterns = {p["id"]: p for p in json.loads(result.stdout)}
    assert patterns["box"]["phases"][0] == {"action": "inhale", "seconds": 4.0}
    assert {"no-hold", "4-7-8", "coherent", "sigh"} <= set(patterns)
    alone = CliRunner().invoke(app, ["breathe", "--json"])
    assert alone.exit_code == 2


def test_grounding_never_paces_the_breath(
    svc: Services,
    terminal: RecordingTerminal,
    prompter: FakePrompter,
    clock: FakeClock,
    kind_home: Path,
) -> None:
    from kindcli.practices.breathing_words import OTHER_ANCHORS

    prompter.queue(None, None)
    start = clock.monotonic()
    result = runner.invoke(app, ["breathe", "grounding", "--cycles", "1"], obj=svc)
    assert result.exit_code == 0, result.output
    out = terminal.stdout
    lines = [line for line in out.splitlines() if line.startswith("notice ")]
    assert [line.split(":")[0] for line in lines] == ["notice 20s"] * 3
    for word in ("Feet", "Hands", "Sounds"):
        assert any(f": {word}. " in line for line in lines), word
    assert not re.search(r"\b(inhale|exhale|breathe in|breathe out)\b", out, re.IGNORECASE)
    assert " ".join(OTHER_ANCHORS.split()) not in " ".join(out.split())
    assert clock.monotonic() - start == pytest.approx(60)
    [record] = sessions(kind_home)
    assert record.completed and record.details["counts_as_practice"] is True


def test_every_pattern_that_paces_the_breath_offers_another_anchor(
    svc: Services, terminal: RecordingTerminal, prompter: FakePrompter
) -> None:
    from kindcli.practices.breathing_words import OTHER_ANCHORS

    for pattern in ("box", "4-7-8", "coherent", "no-hold", "sigh"):
        prompter.queue(None, None)
        before = len(terminal.stdout)
        result = runner.invoke(app, ["breathe", pattern, "--cycles", "1"], obj=svc)
        assert result.exit_code == 0, result.output
        said = " ".join(terminal.stdout[before:].split())
        assert " ".join(OTHER_ANCHORS.split()) in said, pattern


def test_the_live_view_of_a_notice_phase_shows_what_to_notice_and_no_breath() -> None:
    from kindcli.adapters.breathing_view import frame_lines
    from kindcli.catalog.catalog import Catalog
    from kindcli.catalog.models import BreathingPattern
    from kindcli.paths import resolve_paths
    from kindcli.practices.breathing import Tick, plan_session

    pattern = Catalog(resolve_paths().shipped_content).get(BreathingPattern, "grounding")
    plan = plan_session(pattern, cycles=1)
    assert {s.level_from for s in plan.steps} == {s.level_to for s in plan.steps} == {0.5}
    frame = frame_lines(Tick(plan, plan.steps[0], 3.0), 40)
    lines = [text for text, _ in frame]
    assert lines[1] == "Feet" and lines[2] == "17"
    assert "\u2588" not in "".join(lines), "no breathing shape"
    cue = [text for text, style in frame if style == "italic"]
    assert len(cue) > 1 and all(len(line) <= 36 for line in cue)  # wrapped to fit
    assert " ".join(cue) == pattern.phases[0].cue  # every word whole


def test_a_notice_phase_must_say_what_to_notice(kind_home: Path) -> None:
    from kindcli.catalog.loader import load_file
    from kindcli.errors import ContentError

    add_pattern(kind_home, "id: vague\nname: Vague\nphases:\n  - action: notice\n    seconds: 5\n")
    with pytest.raises(ContentError) as caught:
        load_file(kind_home / "content" / "breathing" / "quick.yaml", "breathing")
    assert "label and a cue" in str(caught.value)
