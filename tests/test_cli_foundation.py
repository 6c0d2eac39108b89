from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pexpect  # noqa: F401
import pytest
import typer
from typer.testing import CliRunner

from kindcli import __version__
from kindcli.cli import app
from kindcli.errors import KindError

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent


def kind(*args: str, obj: object = None, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), obj=obj, input=input)


def test_version() -> None:
    result = kind("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kind {__version__}"


def test_data_path_lists_every_path_and_creates_nothing(kind_home: Path) -> None:
    result = kind("data", "path", "--json")
    assert result.exit_code == 0, result.output
    paths = json.loads(result.stdout)
    assert paths["database"] == str(kind_home / "kind.db")
    assert paths["config_file"] == str(kind_home / "config.toml")
    assert paths["user_content"] == str(kind_home / "content")
    assert paths["kind_home"] == str(kind_home)
    assert not kind_home.exists()


def test_without_kind_home_paths_follow_the_platform(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KIND_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    paths = json.loads(kind("data", "path", "--json").stdout)
    assert paths["database"] == str(tmp_path / "xdg-data" / "kind" / "kind.db")
    assert paths["config_file"] == str(tmp_path / "xdg-config" / "kind" / "config.toml")
    assert paths["user_content"] == str(tmp_path / "xdg-config" / "kind" / "content")


def test_doctor_on_a_fresh_install_is_healthy(kind_home: Path) -> None:
    result = kind("data", "doctor")
    assert result.exit_code == 0, result.output
    assert "Everything looks healthy." in result.stdout
    assert not (kind_home / "kind.db").exists()


def test_doctor_reports_a_damaged_database_and_exits_1(kind_home: Path) -> None:
    kind_home.mkdir(mode=0o700)
    db = kind_home / "kind.db"
    db.write_bytes(b"not a database at all")
    db.chmod(0o600)
    result = kind("data", "doctor", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert any("not a kind database" in c["detail"] for c in report["checks"])
    assert db.read_bytes() == b"not a database at all"


def test_doctor_flags_a_database_others_can_read(kind_home: Path) -> None:
    from kindcli.store import Store

    with Store.open(kind_home / "kind.db"):
        pass
    (kind_home / "kind.db").chmod(0o644)
    result = kind("data", "doctor")
    assert result.exit_code == 1
    assert "chmod 600" in result.stdout


def test_a_command_on_a_newer_database_says_what_to_do(kind_home: Path) -> None:
    from kindcli.store import Store

    with Store.open(kind_home / "kind.db") as store:
        store._conn.execute("PRAGMA user_version = 99")
    result = kind("data", "backup")
    assert result.exit_code == 1
    assert "newer kind" in result.stderr
    assert "Traceback" not in result.output


def test_backup_writes_a_private_copy_and_never_overwrites(kind_home: Path, tmp_path: Path) -> None:
    from kindcli.store import Store

    with Store.open(kind_home / "kind.db"):
        pass
    dest = tmp_path / "copy.db"
    result = kind("data", "backup", str(dest))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert sqlite3.connect(dest).execute("PRAGMA user_version").fetchone()[0] > 0
    again = kind("data", "backup", str(dest))
    assert again.exit_code == 1
    assert "will not overwrite" in again.stderr


def test_backup_with_nothing_saved_says_so() -> None:
    result = kind("data", "backup")
    assert result.exit_code == 1
    assert "nothing to back up" in result.stderr


def test_config_set_get_show_and_unset(kind_home: Path) -> None:
    assert kind("config", "set", "streak_grace_days", "2").exit_code == 0
    assert kind("config", "get", "streak_grace_days").stdout.strip() == "2"
    shown = json.loads(kind("config", "show", "--json").stdout)
    assert shown["streak_grace_days"] == 2
    assert shown["bell"] is False
    assert kind("config", "unset", "streak_grace_days").exit_code == 0
    assert kind("config", "get", "streak_grace_days").stdout.strip() == "1"
    assert kind("config", "path").stdout.strip() == str(kind_home / "config.toml")


def test_config_refuses_unknown_keys_and_bad_values(kind_home: Path) -> None:
    bad_key = kind("config", "set", "colour", "blue")
    assert bad_key.exit_code == 1
    assert "'colour' is not a kind setting" in bad_key.stderr
    bad_value = kind("config", "set", "mood_checkins", "maybe")
    assert bad_value.exit_code == 1
    assert "mood_checkins" in bad_value.stderr and "true or false" in bad_value.stderr
    assert not (kind_home / "config.toml").exists()


def test_a_broken_config_file_is_named_and_left_alone(kind_home: Path) -> None:
    kind_home.mkdir()
    cfg = kind_home / "config.toml"
    cfg.write_text("hide_streaks = 3\n")
    result = kind("config", "show")
    assert result.exit_code == 1
    assert str(cfg) in result.stderr and "hide_streaks" in result.stderr
    assert cfg.read_text() == "hide_streaks = 3\n"


def test_content_list_show_and_json() -> None:
    listed = json.loads(kind("content", "list", "breathing", "--json").stdout)
    box = next(item for item in listed if item["id"] == "box")  # 4-7-8 sorts before box
    assert {"type": "breathing", "id": "box"}.items() <= box.items()
    shown = kind("content", "show", "box")
    assert shown.exit_code == 0
    assert "action: inhale" in shown.stdout
    unknown = kind("content", "show", "bx")
    assert unknown.exit_code == 1
    assert "Did you mean 'box'?" in unknown.stderr


def test_content_list_rejects_an_unknown_type() -> None:
    result = kind("content", "list", "songs")
    assert result.exit_code == 1
    assert "'songs'" in result.stderr and "breathing" in result.stderr


def _pack(folder: Path, good: bool = True) -> Path:
    prompts = folder / "prompts"
    prompts.mkdir(parents=True)
    (prompts / "therapist.yaml").write_text(
        "id: therapist\nname: From my therapist\nquestions:\n"
        "  - id: noticed\n    text: What did you notice today?\n"
    )
    if not good:
        (prompts / "typo.yaml").write_text("id: typo\nname: Typo\nquestons: []\n")
    return folder


def test_content_add_validates_then_copies(kind_home: Path, tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack")
    result = kind("content", "add", str(pack))
    assert result.exit_code == 0, result.output
    copied = kind_home / "content" / "prompts" / "therapist.yaml"
    assert copied.read_text() == (pack / "prompts" / "therapist.yaml").read_text()
    assert stat.S_IMODE(copied.stat().st_mode) == 0o600
    listed = json.loads(kind("content", "list", "prompts", "--json").stdout)
    assert any(e["id"] == "therapist" and e["origin"] == "user" for e in listed)
    again = kind("content", "add", str(pack / "prompts" / "therapist.yaml"))
    assert again.exit_code == 0


def test_content_add_copies_nothing_if_anything_is_invalid(kind_home: Path, tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", good=False)
    result = kind("content", "add", str(pack))
    assert result.exit_code == 1
    assert "typo.yaml:3: questons: is not a known field" in result.stderr
    assert "Nothing was added" in result.stderr
    assert not (kind_home / "content").exists()


def test_content_validate_exits_1_on_problems(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "pack", good=False)
    result = kind("content", "validate", str(pack))
    assert result.exit_code == 1
    assert "typo.yaml:3" in result.stderr
    ok = kind("content", "validate", str(pack / "prompts" / "therapist.yaml"))
    assert ok.exit_code == 0
    assert "All good: 1 item in 1 file." in ok.stdout


def test_a_kind_error_is_a_calm_message_with_exit_1() -> None:
    @app.command("explode-for-test", hidden=True)
    def explode() -> None:
        raise KindError("That did not work.", "Try this instead.")

    try:
        result = kind("explode-for-test")
    finally:
        _remove_command("explode-for-test")
    assert result.exit_code == 1
    assert result.stderr == "That did not work.\nTry this instead.\n"


def test_ctrl_c_is_one_calm_line_and_exit_130() -> None:
    @app.command("interrupt-for-test", hidden=True)
    def interrupt() -> None:
        raise KeyboardInterrupt

    try:
        result = kind("interrupt-for-test")
    finally:
        _remove_command("interrupt-for-test")
    assert result.exit_code == 130
    assert "Stopped." in result.stderr
    assert "Traceback" not in result.output


def test_an_unexpected_bug_shows_no_traceback_or_locals() -> None:
    @app.command("bug-for-test", hidden=True)
    def bug() -> None:
        secret_journal_text = "my private words"  # noqa: F841
        raise ValueError("boom")

    try:
        result = kind("bug-for-test")
    finally:
        _remove_command("bug-for-test")
    assert result.exit_code == 1
    assert "Something went wrong inside kind (ValueError)" in result.stderr
    assert "Traceback" not in result.output
    assert "my private words" not in result.output


def _remove_command(name: str) -> None:
    app.registered_commands[:] = [c for c in app.registered_commands if c.name != name]


def test_usage_errors_exit_2() -> None:
    result = kind("config", "set", "bell")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("args", "env", "styled"),
    [
        (["content", "list"], {}, True),
        (["--plain", "content", "list"], {}, False),
        (["content", "list"], {"NO_COLOR": "1"}, False),
        (["content", "list"], {"TERM": "dumb"}, False),
    ],
)
def test_styling_only_on_a_terminal_that_wants_it(
    args: list[str], env: dict[str, str], styled: bool, kind_env: dict[str, str]
) -> None:
    import io

    from tests.pty import finish, spawn_kind

    child = spawn_kind(args, {**kind_env, "TERM": "xterm-256color", **env})
    seen = io.StringIO()
    child.logfile_read = seen
    assert finish(child) == 0
    output = seen.getvalue()
    assert "box" in output
    assert ("\x1b[" in output) is styled


def test_services_come_from_the_context(kind_home: Path, tmp_path: Path) -> None:
    from kindcli.store import Store
    from tests.fakes import FakeClock, RecordingTerminal, make_services

    with Store.open(kind_home / "kind.db"):
        pass
    terminal = RecordingTerminal()
    svc = make_services(clock=FakeClock(), terminal=terminal)
    result = kind("data", "backup", str(tmp_path), obj=svc)
    assert result.exit_code == 0, result.output
    # FakeClock starts at 2026-03-14 09:30 local time.
    assert (tmp_path / "kind-20260314-093000.db").exists()
    assert "kind-20260314-093000.db" in terminal.stdout


def test_content_names_are_shown_as_written_not_as_markup(kind_home: Path) -> None:
    folder = kind_home / "content" / "breathing"
    folder.mkdir(parents=True)
    (folder / "odd.yaml").write_text(
        'id: odd\nname: "Calm [/bold] [red]breath"\nphases:\n  - action: inhale\n    seconds: 2\n'
    )
    from tests.fakes import make_services

    terminal = _tty_terminal()
    result = kind("content", "list", obj=make_services(terminal=terminal))
    assert result.exit_code == 0, result.output
    assert "Calm [/bold] [red]breath" in terminal.out.getvalue()  # type: ignore[attr-defined]


def _tty_terminal():  # type: ignore[no-untyped-def]
    import io

    from kindcli.adapters.terminal import Terminal

    class TtyStringIO(io.StringIO):
        def isatty(self) -> bool:
            return True

    return Terminal(TtyStringIO(), TtyStringIO(), environ={"TERM": "xterm"})


def test_add_refuses_two_files_that_would_share_a_name(kind_home: Path, tmp_path: Path) -> None:
    a = _pack(tmp_path / "a")
    b = tmp_path / "b" / "prompts"
    b.mkdir(parents=True)
    (b / "therapist.yaml").write_text(
        "id: other\nname: Other\nquestions:\n  - id: q\n    text: Anything?\n"
    )
    result = kind("content", "add", str(a), str(b.parent))
    assert result.exit_code == 1
    assert "would both be saved as" in result.stderr
    assert not (kind_home / "content").exists()


def test_add_refuses_an_id_used_by_another_of_your_files(kind_home: Path, tmp_path: Path) -> None:
    assert kind("content", "add", str(_pack(tmp_path / "a"))).exit_code == 0
    b = tmp_path / "b" / "prompts"
    b.mkdir(parents=True)
    (b / "copy.yaml").write_text(
        "id: therapist\nname: Copy\nquestions:\n  - id: q\n    text: Anything?\n"
    )
    result = kind("content", "add", str(b / "copy.yaml"))
    assert result.exit_code == 1
    assert "already used by your file" in result.stderr
    assert not (kind_home / "content" / "prompts" / "copy.yaml").exists()
    assert kind("content", "validate").exit_code == 0


def test_kind_home_pointing_at_a_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    monkeypatch.setenv("KIND_HOME", str(afile))
    result = kind("config", "set", "bell", "true")
    assert result.exit_code == 1
    assert "which is a file, not a folder" in result.stderr
    assert afile.read_text() == "x"


def test_default_breathing_must_be_a_pattern_that_exists(kind_home: Path) -> None:
    result = kind("config", "set", "default_breathing", "nosuch")
    assert result.exit_code == 1
    assert "Available: 4-7-8, box," in result.stderr
    assert not (kind_home / "config.toml").exists()
    assert kind("config", "set", "default_breathing", "box").exit_code == 0


def test_an_os_error_names_the_file_not_a_bug() -> None:
    @app.command("oserror-for-test", hidden=True)
    def oserror() -> None:
        open("/nonexistent-kind-dir/x.txt")  # noqa: SIM115

    try:
        result = kind("oserror-for-test")
    finally:
        _remove_command("oserror-for-test")
    assert result.exit_code == 1
    assert "kind could not use /nonexistent-kind-dir/x.txt" in result.stderr


def test_typer_exit_is_not_mistaken_for_a_bug() -> None:
    @app.command("exit-for-test", hidden=True)
    def leave() -> None:
        raise typer.Exit(3)

    try:
        result = kind("exit-for-test")
    finally:
        _remove_command("exit-for-test")
    assert result.exit_code == 3
    assert result.stderr == ""


def test_plain_text_on_a_narrow_terminal_breaks_between_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import shutil
    from os import terminal_size

    from kindcli.adapters.terminal import Terminal

    class TtyStringIO(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=None: terminal_size((30, 20)))
    out = TtyStringIO()
    Terminal(out, TtyStringIO(), plain=True).line(
        "You can stop at any time, and that is always fine.\nShort line."
    )
    lines = out.getvalue().splitlines()
    assert lines == ["You can stop at any time, and", "that is always fine.", "Short line."]


@pytest.mark.parametrize("command", [["stats"], ["resources"], ["about"]])
def test_plain_works_after_the_command_too(command: list[str], kind_env: dict[str, str]) -> None:
    import io

    from tests.pty import finish, spawn_kind

    child = spawn_kind([*command, "--plain"], {**kind_env, "TERM": "xterm-256color"})
    seen = io.StringIO()
    child.logfile_read = seen
    assert finish(child) == 0
    assert "\x1b[" not in seen.getvalue()
    assert seen.getvalue().strip()


def test_a_bad_value_can_be_fixed_with_config_set_and_never_blocks_a_practice(
    kind_home: Path,
) -> None:
    kind_home.mkdir()
    cfg = kind_home / "config.toml"
    cfg.write_text('# mine\nbell = "yes"\nhide_streaks = true\n')
    shown = kind("config", "show")
    assert shown.exit_code == 1
    assert "bell = 'yes' is not valid" in shown.stderr
    stats = kind("stats", "--json")
    assert stats.exit_code == 0, stats.output
    assert "Using the default for now" in stats.stderr
    assert json.loads(stats.stdout)["current_streak"] is None  # hide_streaks still applies
    fixed = kind("config", "set", "bell", "false")
    assert fixed.exit_code == 0, fixed.output
    assert cfg.read_text() == "# mine\nbell = false\nhide_streaks = true\n"
    assert kind("config", "show").exit_code == 0


def test_config_set_refuses_to_edit_a_file_it_cannot_read(kind_home: Path) -> None:
    kind_home.mkdir()
    cfg = kind_home / "config.toml"
    cfg.write_text("bell = [unclosed\n")
    result = kind("config", "set", "bell", "true")
    assert result.exit_code == 1
    assert "line 1" in result.stderr
    assert cfg.read_text() == "bell = [unclosed\n"


def test_no_command_module_shadows_a_name_of_the_command_tree() -> None:
    # Importing kindcli.cli.X binds X in kindcli.cli: a module named after one of its names
    # (say `report`, the error boundary's) would replace it the moment it is built.
    import subprocess
    import sys

    probe = (
        "import kindcli.cli as c; from kindcli.cli import COMMANDS; "
        "own = set(vars(c)); "
        "print(sorted(m.rsplit('.', 1)[1] for m, _ in COMMANDS.values() "
        "if m.startswith('kindcli.cli.') and m.rsplit('.', 1)[1] in own "
        "and not hasattr(getattr(c, m.rsplit('.', 1)[1]), '__path__') "
        "and type(getattr(c, m.rsplit('.', 1)[1])).__name__ != 'module'))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_damage_found_in_the_middle_of_a_command_is_said_plainly(kind_home: Path) -> None:
    """A page damaged deep in the file is found only when a command reads it: the person
    hears that the database looks damaged (and where), never "something went wrong"."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "KIND_HOME": str(kind_home)}
    argv = [sys.executable, "-m", "kindcli"]
    subprocess.run(
        [*argv, "plan", "edit", "reasons", "--add"],
        input="my cat\n",
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    db = kind_home / "kind.db"
    subprocess.run([*argv, "data", "path"], env=env, check=True, capture_output=True)
    with sqlite3.connect(db) as conn:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'state'").fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    raw = bytearray(db.read_bytes())
    raw[(root - 1) * size : root * size] = b"\xa5" * size  # the remembered values' page
    db.write_bytes(bytes(raw))
    result = subprocess.run(
        [*argv, "plan", "show"], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    assert result.returncode == 1
    assert f"kind's database at {db} looks damaged" in result.stderr
    assert "went wrong" not in result.stderr
    assert db.read_bytes() == bytes(raw)
