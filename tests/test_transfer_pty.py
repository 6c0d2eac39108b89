"""History, export, restore and forget through a real pseudo-terminal, as a person types."""

from __future__ import annotations

from pathlib import Path

from kindcli.store import Store
from tests.pty import finish, spawn_kind
from tests.records import at, entry, everything, fill, session

# Making or opening an age file is deliberately slow (scrypt), more so on a busy machine.
SLOW = 90


def test_an_encrypted_export_asks_for_the_passphrase_twice(
    kind_env: dict[str, str], kind_home: Path, tmp_path: Path
) -> None:
    kind_env.pop("KIND_PASSPHRASE", None)
    fill(kind_home, [session("break", at(1))], [entry(at(2), "Sealedmarker")])
    target = tmp_path / "mine.json.age"
    child = spawn_kind(["export", "--encrypt", "-o", str(target)], kind_env, timeout=SLOW)
    child.expect_exact("Passphrase: ")
    child.sendline("first try")
    child.expect_exact("The same passphrase again: ")
    child.sendline("first tyr")
    child.expect_exact("Those two were not the same.")
    child.expect_exact("Passphrase: ")
    child.sendline("tea and toast")
    child.expect_exact("The same passphrase again: ")
    child.sendline("tea and toast")
    child.expect_exact("encrypted, readable only by you", timeout=SLOW)
    assert finish(child, timeout=SLOW) == 0
    assert "tea and toast" not in child.before
    assert b"Sealedmarker" not in target.read_bytes()

    other = dict(kind_env, KIND_HOME=str(tmp_path / "other"))
    child = spawn_kind(["import", str(target)], other, timeout=SLOW)
    child.expect_exact("Passphrase: ")
    child.sendline("tea and toast")
    child.expect_exact("Added: 1 break and 1 journal entry.", timeout=SLOW)
    assert finish(child, timeout=SLOW) == 0
    assert everything(tmp_path / "other") == everything(kind_home)


def test_history_delete_asks_on_the_terminal(kind_env: dict[str, str], kind_home: Path) -> None:
    brk = session("break", at(1), details={"note": "the long meeting"})
    fill(kind_home, [brk, session("breathing", at(2))], [])
    child = spawn_kind(["history", "delete", brk.id[:8]], kind_env)
    child.expect_exact("the long meeting")
    child.expect_exact("Delete this break? It cannot be brought back.")
    child.send("y")
    child.expect_exact(f"Deleted the break from 2026-03-02 20:15 ({brk.id[:8]}).")
    assert finish(child) == 0
    with Store.open(kind_home / "kind.db") as store:
        assert store.session(brk.id) is None
        assert len(store.sessions(10)) == 1


def test_forget_all_asks_and_no_keeps_everything(kind_env: dict[str, str], kind_home: Path) -> None:
    fill(kind_home, [session("break", at(1))], [entry(at(2), "keep me")])
    child = spawn_kind(["data", "forget", "--all"], kind_env)
    child.expect_exact("This deletes everything kind holds: 1 journal entry and 1 other session.")
    child.expect_exact("Delete it for good?")
    child.send("n")
    child.expect_exact("Nothing was changed.")
    assert finish(child) == 0
    with Store.open(kind_home / "kind.db") as store:
        assert [e.body for e in store.journal_entries()] == ["keep me"]


def test_restore_asks_on_the_terminal_and_puts_the_backup_back(
    kind_env: dict[str, str], kind_home: Path, tmp_path: Path
) -> None:
    fill(tmp_path / "old", [], [entry(at(2), "from before")])
    with Store.open(tmp_path / "old" / "kind.db") as store:
        store.backup_to(tmp_path / "saved.db")
    fill(kind_home, [session("meditation", at(3))], [])
    child = spawn_kind(["data", "restore", str(tmp_path / "saved.db")], kind_env)
    child.expect_exact("The backup holds 1 journal entry.")
    child.expect_exact("Replace everything kind holds now with it?")
    child.send("y")
    child.expect_exact("Restored your data from")
    assert finish(child) == 0
    assert everything(kind_home) == everything(tmp_path / "old")
