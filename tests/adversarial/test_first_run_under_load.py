"""Nothing lost on a first run under load: many kind processes making a fresh home at the
same moment each keep what they were given."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
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


def _write_entry(i: int) -> int:
    result = CliRunner().invoke(app, ["journal", "-t", "load"], input=f"entry number {i}\n")
    if result.exit_code != 0:
        return -1 - result.exit_code
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
    failed = [r for r in results if not isinstance(r, int) or r < 0]
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
