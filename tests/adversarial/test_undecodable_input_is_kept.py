"""Bytes that are not text never cost a person the rest of what they wrote: everything else
is kept, U+FFFD marks each such byte, and kind says which bytes on which line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.practices.safety_plan import STATE_KEY, SafetyPlan
from kindcli.store import Store


def _kind(env: dict[str, str], *args: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kindcli", *args], input=data, env=env, capture_output=True
    )


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_piped_journal_text_with_latin1_bytes_is_kept(
    kind_env: dict[str, str], kind_home: Path, locale: str
) -> None:
    env = dict(kind_env, LC_ALL=locale, LANG=locale)
    done = _kind(env, "journal", data=b"caf\xe9 au lait\nsecond line \xff ok\n")
    assert done.returncode == 0, done.stderr
    err = done.stderr.decode()
    assert "0xe9 at line 1, byte 4" in err and "0xff at line 2, byte 13" in err
    assert "iconv" in err
    with Store.open(kind_home / "kind.db") as store:
        [entry] = store.journal_entries()
    assert entry.body == "caf\ufffd au lait\nsecond line \ufffd ok"


def test_piped_plan_lines_with_bad_bytes_keep_every_other_line(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    assert _kind(kind_env, "plan", "edit", "3", data=b"my sister\n").returncode == 0
    done = _kind(kind_env, "plan", "edit", "3", "--add", data=b"the caf\xe9\nthe park\n")
    assert done.returncode == 0, done.stderr
    assert "0xe9 at line 1, byte 8" in done.stderr.decode()
    with Store.open(kind_home / "kind.db") as store:
        plan = SafetyPlan.from_state(store.get_state(STATE_KEY))
    assert plan.items("people-and-places") == ["my sister", "the caf\ufffd", "the park"]


def test_the_generic_error_makes_no_promise_about_saved_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kindcli.practices import journal_entry

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(journal_entry, "from_text", broken)
    result = CliRunner().invoke(app, ["journal"], input="words that were not saved\n")
    assert result.exit_code == 1
    assert "Something went wrong inside kind (RuntimeError)" in result.output
    assert "safe" not in result.output
