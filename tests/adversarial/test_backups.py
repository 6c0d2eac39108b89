"""A backup is never lost and never a broken file under its final name: ten at the same
moment each keep their own copy, a killed backup leaves nothing misleading, and doctor
names a backup that cannot be restored."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.store import Store
from kindcli.store.upkeep import PARTIAL, backup_problems
from tests.adversarial.conftest import at_once
from tests.fakes import FakeClock, RecordingTerminal, make_services

BACKUPS = 10


def _some_data(kind_home: Path, words: int = 1) -> None:
    runner = CliRunner()
    for i in range(words):
        assert runner.invoke(app, ["journal"], input=f"entry {i} " * 50).exit_code == 0


def _backup(i: int) -> str:
    # The same clock for all ten: they all pick the same default name in the same second.
    terminal = RecordingTerminal()
    svc = make_services(clock=FakeClock(), terminal=terminal, interactive=False)
    result = CliRunner().invoke(app, ["data", "backup"], obj=svc)
    return f"{result.exit_code}:{terminal.words}"


def test_ten_backups_at_the_same_moment_each_keep_a_usable_copy(kind_home: Path) -> None:
    _some_data(kind_home, 20)
    results = at_once(BACKUPS, _backup)
    assert all(r.startswith("0:Saved a copy") for r in results), results
    folder = kind_home / "backups"
    kept = [p for p in folder.iterdir() if p.suffix == ".db" and backup_problems(p) is None]
    print(f"backups kept: {len(kept)} of {BACKUPS}")
    assert len(kept) == BACKUPS
    # Each one named where it said it saved.
    said = {r.split(" to ", 1)[1] for r in results}
    assert said == {str(p) for p in kept}
    assert not [p for p in folder.iterdir() if p.name.endswith(PARTIAL)]
    for p in kept:
        with Store.open_readonly(p) as copy:
            assert len(copy.journal_entries()) == 20


def test_a_backup_killed_half_way_leaves_no_file_under_its_final_name(
    kind_home: Path, kind_env: dict[str, str], tmp_path: Path
) -> None:
    _some_data(kind_home)
    with Store.open(kind_home / "kind.db") as store, store.transaction() as conn:
        # About 60 MB of text, so that the copy takes long enough to be killed during it.
        conn.execute("CREATE TABLE ballast (x)")
        conn.executemany("INSERT INTO ballast VALUES (?)", [(os.urandom(3000).hex(),)] * 10_000)
    target = tmp_path / "copy.db"
    child = subprocess.Popen(
        [sys.executable, "-m", "kindcli", "data", "backup", str(target)],
        env=kind_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    # Kill it half-way through writing, whatever name it writes under.
    while not any(_size(p) > 5_000_000 for p in tmp_path.iterdir() if p.name != "kind-home"):
        assert child.poll() is None, "the backup finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    # Under its final name there is a whole, checked backup or nothing at all.
    assert not target.exists() or backup_problems(target) is None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def test_doctor_names_a_backup_that_cannot_be_restored(kind_home: Path) -> None:
    _some_data(kind_home)
    runner = CliRunner()
    assert runner.invoke(app, ["data", "backup"]).exit_code == 0
    folder = kind_home / "backups"
    [good] = list(folder.iterdir())
    healthy = runner.invoke(app, ["data", "doctor"])
    assert healthy.exit_code == 0, healthy.output
    assert "1 backup in" in healthy.output
    broken = folder / "kind-20260101-000000.db"
    data = good.read_bytes()
    broken.write_bytes(data[: len(data) // 2])  # cut off half-way, as a full disk would
    (folder / f".kind-x.db.0123{PARTIAL}").write_bytes(b"SQLite format 3\x00")
    result = runner.invoke(app, ["data", "doctor"])
    assert result.exit_code == 1
    assert "kind-20260101-000000.db" in result.output
    assert "cannot be restored" in result.output
    assert "unfinished backup" in result.output
    assert good.name not in result.output.split("cannot be restored", 1)[1].split("\n")[0]


def test_a_backup_never_replaces_a_file_of_that_name(kind_home: Path, tmp_path: Path) -> None:
    _some_data(kind_home)
    mine = tmp_path / "mine.db"
    mine.write_bytes(b"my own file")
    result = CliRunner().invoke(app, ["data", "backup", str(mine)])
    assert result.exit_code == 1 and "will not overwrite" in result.output
    assert mine.read_bytes() == b"my own file"
    assert sqlite3.sqlite_version  # the copy never went anywhere else either
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "kind-home") == ["mine.db"]
