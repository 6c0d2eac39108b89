"""Nothing lost on a first run under load: many kind processes making a fresh home at the
same moment each keep what they were given."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sqlite3
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.paths import ensure_private_dir
from kindcli.store import Store
from tests.adversarial.conftest import at_once

WRITERS = 100


def _all_mkdir_together(barrier: Any) -> None:
    """In this (forked) process, hold the first mkdir until every process has reached its
    own: each has looked for the folder and found none, which is exactly when a
    check-then-create helper loses to the others."""
    real = os.mkdir
    first = [True]

    def mkdir(path: Any, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        if first[0]:
            first[0] = False
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(60)
        real(path, mode, dir_fd=dir_fd)

    os.mkdir = mkdir  # type: ignore[assignment]


def _write_entry(i: int) -> int | str:
    result = CliRunner().invoke(app, ["journal", "-t", "load"], input=f"entry number {i}\n")
    if result.exit_code != 0:
        return f"exit {result.exit_code}: {result.output.strip()}"
    return i


def test_every_entry_of_100_first_run_writers_is_kept(
    kind_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One entry elsewhere first, so every module is imported before the fork.
    monkeypatch.setenv("KIND_HOME", str(tmp_path / "warm-up"))
    assert _write_entry(0) == 0
    monkeypatch.setenv("KIND_HOME", str(kind_home))
    assert not kind_home.exists()
    mkdir_barrier = multiprocessing.get_context("fork").Barrier(WRITERS)

    def writer(i: int) -> int:
        _all_mkdir_together(mkdir_barrier)
        return _write_entry(i)

    results = at_once(WRITERS, writer)
    failed = [r for r in results if not isinstance(r, int)]
    with Store.open(kind_home / "kind.db") as store:
        bodies = {e.body for e in store.journal_entries()}
    kept = sum(f"entry number {i}" in bodies for i in range(WRITERS))
    print(f"entries kept: {kept} of {WRITERS}")
    assert failed == [] and kept == WRITERS


def test_folders_made_at_the_same_moment_are_all_there(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c" / "d"
    barrier = multiprocessing.get_context("fork").Barrier(40)

    def make(i: int) -> bool:
        _all_mkdir_together(barrier)
        ensure_private_dir(deep / f"e{i % 4}")
        return (deep / f"e{i % 4}").is_dir()

    assert at_once(40, make) == [True] * 40


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o777])
def test_the_folders_kind_makes_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    (tmp_path / "there").mkdir(mode=0o755)
    os.chmod(tmp_path / "there", 0o755)
    old = os.umask(umask)
    try:
        ensure_private_dir(tmp_path / "there" / "new" / "data")
    finally:
        os.umask(old)
    for made in (tmp_path / "there" / "new", tmp_path / "there" / "new" / "data"):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made
    # A folder that was already there is never changed.
    assert stat.S_IMODE((tmp_path / "there").stat().st_mode) == 0o755


def test_a_new_database_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    """While one kind is still making a new database, another must never find a half-made
    one under its name (it looks like another program's file, or is locked mid-change)."""
    from kindcli.store.migrations import MIGRATIONS
    from kindcli.store.migrations.base import Migration

    db = tmp_path / "fresh" / "kind.db"
    half_way, go_on = threading.Event(), threading.Event()
    last = MIGRATIONS[-1]

    def slow(conn: sqlite3.Connection) -> None:
        half_way.set()
        go_on.wait(30)
        last.apply(conn)

    steps = [*MIGRATIONS[:-1], Migration(last.name, slow, last.vacuum_after)]
    maker = threading.Thread(target=lambda: Store.open(db, steps).close())
    maker.start()
    try:
        assert half_way.wait(30)
        seen = db.exists() and db.stat().st_size > 0
    finally:
        go_on.set()
        maker.join(30)
    assert not seen
    with Store.open(db) as store:
        assert store.schema_version == len(MIGRATIONS)
    assert [p.name for p in db.parent.iterdir() if p.name.startswith(".")] == []
