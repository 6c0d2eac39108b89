"""`kind hello`: one gentle line at most once a day, never a problem for the shell.

The pty tests run the real program on a terminal, where it does speak, so a silent result
means kind chose silence (a pipe would be silent anyway, and prove nothing); each of them
has a healthy twin that must print."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kindcli import hello
from kindcli.cli import app
from kindcli.config import SETTINGS
from kindcli.paths import resolve_paths
from kindcli.ports import Moment
from kindcli.practices import fresh_start
from kindcli.store import Store
from kindcli.store.records import SessionRecord
from tests.pty import finish, spawn_kind

TODAY = "2026-03-14"  # a Saturday


def practise_on(home: Path, day: date) -> None:
    at = datetime(day.year, day.month, day.day, 9, 0).astimezone()
    with Store.open(home / "kind.db") as store:
        store.add_session(SessionRecord("break", "standard", Moment.of(at), actual_seconds=300))


def fresh_home(kind_home: Path) -> dict[str, str]:
    kind_home.mkdir(parents=True, exist_ok=True)
    return {"KIND_HOME": str(kind_home)}


# ---- what it says, and when ---------------------------------------------------------------------


def test_once_a_day(kind_home: Path) -> None:
    env = fresh_home(kind_home)
    practise_on(kind_home, date(2026, 3, 12))
    first = hello.greeting(env, TODAY)
    assert first in fresh_start.HELLO_DAYS
    assert hello.greeting(env, TODAY) is None
    assert hello.greeting(env, TODAY) is None
    marker = kind_home / f"hello-{TODAY}"
    assert marker.exists() and (marker.stat().st_mode & 0o777) == 0o600
    # The next day it may speak again, and yesterday's marker is tidied away.
    assert hello.greeting(env, "2026-03-15") is not None
    assert sorted(p.name for p in kind_home.glob("hello-*")) == ["hello-2026-03-15"]


def test_nothing_once_you_have_practiced_today(kind_home: Path) -> None:
    env = fresh_home(kind_home)
    practise_on(kind_home, date(2026, 3, 14))
    assert hello.greeting(env, TODAY) is None
    assert (kind_home / f"hello-{TODAY}").exists()  # later shells need only look at this
    assert hello.status(env, TODAY) == "practiced today"
    assert hello.status(env, "2026-03-15") is None


def test_a_welcome_back_and_fresh_starts(kind_home: Path) -> None:
    env = fresh_home(kind_home)
    assert hello.greeting(env, TODAY) == fresh_start.HELLO_FIRST  # nothing recorded yet
    practise_on(kind_home, date(2026, 3, 1))
    assert hello.greeting(env, "2026-03-10") == fresh_start.HELLO_BACK
    assert hello.greeting(env, "2026-03-16") == fresh_start.HELLO_BACK
    practise_on(kind_home, date(2026, 3, 22))
    assert hello.greeting(env, "2026-03-23") == fresh_start.HELLO_NEW_WEEK  # a Monday
    practise_on(kind_home, date(2026, 3, 30))
    assert hello.greeting(env, "2026-04-01") == fresh_start.HELLO_NEW_MONTH


def test_hidden_means_nothing_at_all(kind_home: Path) -> None:
    env = fresh_home(kind_home)
    (kind_home / "config.toml").write_text("shell_greeting = false\n")
    assert hello.greeting(env, TODAY) is None
    assert list(kind_home.glob("hello-*")) == []
    (kind_home / "config.toml").write_text("shell_greeting = true\n")
    assert hello.greeting(env, TODAY) is not None


def test_the_settings_are_read_again_only_when_they_change(
    kind_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kindcli.config

    env = fresh_home(kind_home)
    config = kind_home / "config.toml"
    config.write_text('region = "GB"\n')
    assert hello.greeting(env, "2026-03-14") is not None
    calls: list[object] = []
    real = kindcli.config.read_config

    def counting(path: object) -> object:
        calls.append(path)
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(kindcli.config, "read_config", counting)
    assert hello.greeting(env, "2026-03-15") is not None
    assert calls == []  # unchanged: the answer kept from yesterday
    config.write_text('region = "GB"\nshell_greeting = false\n')
    assert hello.greeting(env, "2026-03-16") is None
    assert len(calls) == 1
    config.write_text("shell_greeting = true\n")
    assert hello.greeting(env, "2026-03-17") is not None
    config.write_text("shell_greeting = TRUE\n")  # rewritten in place, the same size: broken
    assert hello.greeting(env, "2026-03-18") is None
    assert len(calls) == 3
    assert ((kind_home / hello.SETTINGS_CACHE).stat().st_mode & 0o777) == 0o600


def test_a_greeting_is_shown_by_default() -> None:
    assert SETTINGS["shell_greeting"].default is True


def test_a_broken_config_or_store_means_silence(kind_home: Path) -> None:
    env = fresh_home(kind_home)
    (kind_home / "config.toml").write_text("shell_greeting = \n")
    assert hello.greeting(env, TODAY) is None
    (kind_home / "config.toml").write_text('region = "GB"\n')
    (kind_home / "kind.db").write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    with pytest.raises(Exception):  # noqa: B017 - any error: main() turns it into silence
        hello.greeting(env, TODAY)
    assert list(kind_home.glob("hello-*")) == []


def test_two_shells_opened_together_say_it_once(kind_home: Path) -> None:
    env = fresh_home(kind_home)
    practise_on(kind_home, date(2026, 3, 12))
    shells = 8
    barrier = threading.Barrier(shells)
    said: list[str | None] = []

    def shell() -> None:
        barrier.wait(timeout=10)
        said.append(hello.greeting(env, TODAY))

    threads = [threading.Thread(target=shell) for _ in range(shells)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(said) == shells
    assert sum(1 for s in said if s) == 1


# ---- the real program on a terminal --------------------------------------------------------------


def run_on_a_terminal(env: dict[str, str], *args: str) -> tuple[int, str]:
    child = spawn_kind(["hello", *args], {**os.environ, **env}, timeout=30)
    status = finish(child, timeout=30)
    return status, str(child.before or "")


def test_on_a_terminal_it_speaks_once(kind_home: Path) -> None:
    env = fresh_home(kind_home)
    status, output = run_on_a_terminal(env)
    assert status == 0
    assert fresh_start.HELLO_FIRST in output
    status, output = run_on_a_terminal(env)
    assert status == 0 and output.strip() == ""


@pytest.mark.parametrize("trouble", ["broken store", "broken config", "missing home", "a file"])
def test_on_a_terminal_any_trouble_is_silence_and_exit_0(
    kind_home: Path, tmp_path: Path, trouble: str
) -> None:
    env = fresh_home(kind_home)
    if trouble == "broken store":
        (kind_home / "kind.db").write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    elif trouble == "broken config":
        (kind_home / "config.toml").write_bytes(b"region = \xff\n[[[")
    elif trouble == "missing home":
        env = {"KIND_HOME": str(tmp_path / "nowhere")}
    else:
        (tmp_path / "file").write_text("not a folder")
        env = {"KIND_HOME": str(tmp_path / "file")}
    status, output = run_on_a_terminal(env)
    assert status == 0
    assert output.strip() == "", output
    status, output = run_on_a_terminal(env, "--status")
    assert status == 0 and output.strip() == ""


def test_status_on_a_terminal(kind_home: Path) -> None:
    env = fresh_home(kind_home)
    practise_on(kind_home, date.today())
    status, output = run_on_a_terminal(env, "--status")
    assert status == 0 and output.strip() == "practiced today"


def test_not_to_a_pipe_but_status_is_for_prompts(kind_home: Path) -> None:
    env = {**os.environ, **fresh_home(kind_home)}
    practise_on(kind_home, date.today() - timedelta(days=2))
    piped = subprocess.run(
        [sys.executable, "-m", "kindcli", "hello"], env=env, capture_output=True, timeout=60
    )
    assert piped.returncode == 0 and piped.stdout == b""  # scp and rsync never see it
    assert list(kind_home.glob("hello-*")) == []  # and the day was not used up
    practise_on(kind_home, date.today())
    status = subprocess.run(
        [sys.executable, "-m", "kindcli", "hello", "--status"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert status.stdout == b"practiced today\n"


def test_help_and_the_full_command_line_still_answer(kind_home: Path) -> None:
    result = CliRunner().invoke(app, ["hello", "--help"])
    assert result.exit_code == 0 and "--status" in result.output
    practise_on(kind_home, date.today())
    result = CliRunner().invoke(app, ["--plain", "hello", "--status"])
    assert result.exit_code == 0 and result.output == "practiced today\n"


# ---- nearly free ---------------------------------------------------------------------------------

PROBE = """
import json, sys
sys.argv = ["kind", "hello"]
import kindcli.hello as h
h._isatty = lambda stream: True  # speak as on a terminal: the whole path runs
from kindcli.__main__ import main
main()
sys.stderr.write("\\nMODULES=" + json.dumps(sorted(sys.modules)))
"""


def test_the_shell_greeting_loads_none_of_the_heavy_modules(kind_home: Path) -> None:
    env = {**os.environ, **fresh_home(kind_home), "PYTHONDONTWRITEBYTECODE": "1"}
    (kind_home / "config.toml").write_text('region = "GB"\n[[reminders]]\nid = 1\ntime = "8:00"\n')
    practise_on(kind_home, date.today() - timedelta(days=1))
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert "A minute" in done.stdout or "kind " in done.stdout, done.stdout + done.stderr
    loaded = set(json.loads(done.stderr.rsplit("MODULES=", 1)[1]))
    heavy = {"typer", "click", "rich", "pydantic", "yaml", "questionary", "platformdirs"}
    assert sorted(m for m in loaded if m.split(".")[0] in heavy) == []
    assert "kindcli.cli" not in loaded and "kindcli.store.facade" not in loaded


# ---- where it looks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"HOME": "/home/sam"},
        {"HOME": "/home/sam", "XDG_DATA_HOME": "/data", "XDG_CONFIG_HOME": "/conf"},
        {"HOME": "/home/sam", "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": ""},
        {"HOME": "/home/sam", "XDG_DATA_HOME": "relative/path"},
        {"HOME": "/home/sam", "XDG_CONFIG_HOME": "   "},
        {"HOME": "relative-home"},
        {"KIND_HOME": "/tmp/kh"},
        {"KIND_HOME": "~/kind", "HOME": "/home/sam"},
    ],
)
def test_it_looks_where_the_rest_of_kind_keeps_things(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "KIND_HOME"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    try:
        paths = resolve_paths(env)
    except Exception:
        pytest.skip("platformdirs cannot place a home here either")
    assert hello.homes(env) == (str(paths.data_dir), str(paths.config_file))
    assert str(paths.database) == os.path.join(str(paths.data_dir), hello.DB_NAME)


def test_on_a_mac_it_looks_where_platformdirs_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs.macos import MacOS

    monkeypatch.setenv("HOME", "/Users/sam")
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(key, raising=False)
    mac = MacOS("kind", appauthor=False)
    assert hello._plain_dirs({"HOME": "/Users/sam"}, "darwin") == (
        mac.user_data_dir,
        mac.user_config_dir,
    )
    # With XDG folders set, it asks platformdirs itself (its answer changed between versions).
    assert hello._plain_dirs({"HOME": "/Users/sam", "XDG_DATA_HOME": "/d"}, "darwin") is None
