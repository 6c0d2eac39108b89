""" "Left untouched" is byte-for-byte true, and every problem opening the database is named
for what it is: only real damage is called damage, a lock says busy, read-only says so."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.store import Store
from kindcli.store import database as db_module

SIDE = ("kind.db", "kind.db-wal", "kind.db-shm")


def _snapshot(folder: Path) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in SIDE:
        p = folder / name
        out[name] = hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None
    return out


def _newer_schema_only_in_the_wal(kind_home: Path) -> None:
    """A newer kind that wrote its schema and was then killed before the log was folded in."""
    assert CliRunner().invoke(app, ["journal"], input="my words\n").exit_code == 0
    code = (
        "import os, sqlite3\n"
        f"c = sqlite3.connect({str(kind_home / 'kind.db')!r}, isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute('CREATE TABLE from_the_future (x)')\n"
        "c.execute('PRAGMA user_version = 99')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    header = (kind_home / "kind.db").read_bytes()[:100]
    assert int.from_bytes(header[60:64], "big") < 99  # the file itself still says older
    assert (kind_home / "kind.db-wal").stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["journal", "list"], None),
        (["journal"], "more words\n"),
        (["stats"], None),
        (["data", "doctor"], None),
        (["data", "backup"], None),
        (["break", "--no-checkin"], ""),
        (["plan", "show"], None),
    ],
)
def test_a_newer_schema_in_the_wal_is_left_byte_for_byte_untouched(
    kind_home: Path, kind_env: dict[str, str], args: list[str], stdin: str | None
) -> None:
    _newer_schema_only_in_the_wal(kind_home)
    before = _snapshot(kind_home)
    result = subprocess.run(
        [sys.executable, "-m", "kindcli", *args],
        input=stdin,
        env=kind_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert _snapshot(kind_home) == before
    assert "newer kind" in result.stdout + result.stderr


def test_a_lock_held_by_another_program_says_busy_not_damaged(
    kind_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert CliRunner().invoke(app, ["journal"], input="my words\n").exit_code == 0
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(kind_home / "kind.db", isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for args in (["journal", "list"], ["journal"], ["stats"]):
            result = CliRunner().invoke(app, args, input="more\n")
            assert result.exit_code == 1, result.output
            assert "busy" in result.output and str(kind_home / "kind.db") in result.output
            assert "damaged" not in result.output and "move it aside" not in result.output
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store.open(kind_home / "kind.db") as store:
        assert [e.body for e in store.journal_entries()] == ["my words"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_a_read_only_folder_says_read_only_not_damaged(kind_home: Path) -> None:
    assert CliRunner().invoke(app, ["journal"], input="my words\n").exit_code == 0
    os.chmod(kind_home, 0o500)
    try:
        result = CliRunner().invoke(app, ["journal"], input="more\n")
    finally:
        os.chmod(kind_home, 0o700)
    assert result.exit_code == 1
    assert "read-only" in result.output and str(kind_home) in result.output
    assert "damaged" not in result.output


def test_a_read_only_folder_is_named_for_what_it_is(
    kind_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root can write anywhere, so the folder's answer is given by hand here.
    kind_home.mkdir()
    monkeypatch.setattr(db_module.os, "access", lambda path, mode: False)
    err = sqlite3.OperationalError("unable to open database file")
    err.sqlite_errorcode = 14  # type: ignore[attr-defined]
    message = str(db_module.open_error(kind_home / "kind.db", err))
    assert "read-only" in message and str(kind_home) in message
    assert "damaged" not in message


def test_real_damage_is_still_called_damage(kind_home: Path) -> None:
    assert CliRunner().invoke(app, ["journal"], input="my words\n").exit_code == 0
    db = kind_home / "kind.db"
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\x00\xff" * ((4096 - 100) // 2)  # page 1's b-tree: garbage
    db.write_bytes(bytes(data))
    before = _snapshot(kind_home)
    result = CliRunner().invoke(app, ["journal", "list"])
    assert result.exit_code == 1
    assert "damaged" in result.output
    assert _snapshot(kind_home) == before


def test_a_symlinked_database_is_refused_and_its_target_never_changed(
    kind_home: Path, tmp_path: Path
) -> None:
    kind_home.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target = elsewhere / "device-like"
    target.write_bytes(b"")
    os.chmod(target, 0o666)
    (kind_home / "kind.db").symlink_to(target)
    for args in (["journal"], ["journal", "list"], ["data", "backup"], ["data", "doctor"]):
        result = CliRunner().invoke(app, args, input="words\n")
        assert result.exit_code == 1, (args, result.output)
        assert "symbolic link" in result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o666
    assert sorted(p.name for p in elsewhere.iterdir()) == ["device-like"]
    assert target.read_bytes() == b""


def test_a_symlinked_wal_is_refused(kind_home: Path, tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["journal"], input="my words\n").exit_code == 0
    planted = tmp_path / "planted"
    (kind_home / "kind.db-wal").symlink_to(planted)
    result = CliRunner().invoke(app, ["journal", "list"])
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert not planted.exists()


def test_a_symlinked_data_folder_is_followed_and_nothing_outside_is_chmodded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "synced" / "kind"
    real.mkdir(parents=True)
    os.chmod(real.parent, 0o755)
    link = tmp_path / "home-link"
    link.symlink_to(real)
    monkeypatch.setenv("KIND_HOME", str(link))
    assert CliRunner().invoke(app, ["journal"], input="my words\n").exit_code == 0
    assert (real / "kind.db").is_file()
    assert stat.S_IMODE(real.parent.stat().st_mode) == 0o755
