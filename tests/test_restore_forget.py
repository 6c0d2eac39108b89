"""`kind data restore`, `kind data forget` and encrypted copies."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest

from kindcli.adapters.terminal import OutputMode, Terminal
from kindcli.store import Store
from kindcli.store.migrations import MIGRATIONS
from tests.records import (
    at,
    entry,
    everything,
    files_of,
    fill,
    holding,
    home_services,
    out,
    run,
    session,
)


def backup_of(folder: Path, target: Path) -> Path:
    svc = home_services(folder)
    result = run(svc, "data", "backup", str(target))
    assert result.exit_code == 0, result.output
    return target


def restore(folder: Path, backup: Path, *args: str, answers: list[object] | None = None):  # type: ignore[no-untyped-def]
    svc = home_services(folder, answers=answers)
    result = run(svc, "data", "restore", str(backup), *args)
    return result.exit_code, out(svc).stdout, out(svc).stderr + result.output


# ---- restore --------------------------------------------------------------------------------


def test_restoring_a_good_backup_puts_it_back_and_keeps_what_was_there(tmp_path: Path) -> None:
    old = tmp_path / "old"
    fill(old, [session("break", at(1))], [entry(at(2), "from the backup")])
    backup = backup_of(old, tmp_path / "saved.db")
    home = tmp_path / "home"
    fill(home, [session("meditation", at(3))], [entry(at(4), "written since")])
    before = everything(home)
    with Store.open(home / "kind.db") as other:  # another kind, open all along
        code, said, problem = restore(home, backup, answers=[True])
        assert code == 0, problem
        assert other.journal_entries()[0].body == "from the backup"
    assert "The backup holds 1 break, 1 journal entry." in said
    assert everything(home) == everything(old)
    [kept] = (home / "backups").glob("kind-before-restore-*.db")
    assert f"What you had before is kept in {kept}." in " ".join(said.split())
    with Store.open(kept) as store, store.snapshot():
        assert (list(store.export_sessions()), list(store.export_journal())) == before[:2]
    assert (kept.stat().st_mode & 0o777) == 0o600


def test_restore_asks_first_and_no_changes_nothing(tmp_path: Path) -> None:
    fill(tmp_path / "old", [session("break", at(1))], [])
    backup = backup_of(tmp_path / "old", tmp_path / "saved.db")
    fill(tmp_path / "home", [session("meditation", at(3))], [])
    before = files_of(tmp_path / "home")
    code, said, _ = restore(tmp_path / "home", backup, answers=[False])
    assert code == 0 and "Nothing was changed." in said
    assert files_of(tmp_path / "home") == before
    svc = home_services(tmp_path / "home", interactive=False)
    result = run(svc, "data", "restore", str(backup))
    assert result.exit_code == 1 and "add --yes" in result.output
    assert files_of(tmp_path / "home") == before


def test_restore_into_a_home_with_no_database_yet(tmp_path: Path) -> None:
    fill(tmp_path / "old", [session("break", at(1))], [entry(at(2), "hello")])
    backup = backup_of(tmp_path / "old", tmp_path / "saved.db")
    code, said, problem = restore(tmp_path / "new", backup, "--yes")
    assert code == 0, problem
    assert everything(tmp_path / "new") == everything(tmp_path / "old")
    assert "kept in" not in said


def damaged(backup: Path) -> Path:
    data = bytearray(backup.read_bytes())
    page = 4096
    for i in range(page * 2, len(data) - 64, 97):  # scribble over every page but the first
        data[i : i + 8] = b"\xde\xad\xbe\xef" * 2
    backup.write_bytes(bytes(data))
    return backup


def newer(backup: Path) -> Path:
    conn = sqlite3.connect(backup)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    return backup


def foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (x)")
    conn.close()
    return path


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (damaged, "is damaged"),
        (newer, f"was written by a newer kind (schema {len(MIGRATIONS) + 1}"),
        (lambda p: foreign(p.with_name("other.db")), "is an SQLite database of another program"),
        (lambda p: (p.write_text("hello"), p)[1], "is not a kind backup"),
    ],
    ids=["corrupt", "newer", "another program's", "not a database"],
)
def test_a_backup_that_fails_its_checks_changes_nothing(tmp_path: Path, spoil, message) -> None:  # type: ignore[no-untyped-def]
    many = [entry(at(i % 28, 8 + i % 12), f"entry number {i} " * 30) for i in range(80)]
    fill(tmp_path / "old", [session("break", at(1))], many)
    backup = spoil(backup_of(tmp_path / "old", tmp_path / "saved.db"))
    fill(tmp_path / "home", [session("meditation", at(3))], [entry(at(4), "mine")])
    before = files_of(tmp_path / "home")
    code, said, problem = restore(tmp_path / "home", backup, "--yes")
    assert code == 1
    assert message in problem and "nothing was changed" in problem
    assert "Traceback" not in problem and said == ""
    assert files_of(tmp_path / "home") == before


def test_restore_over_a_damaged_database_keeps_the_damaged_one_too(tmp_path: Path) -> None:
    fill(tmp_path / "old", [session("break", at(1))], [entry(at(2), "good")])
    backup = backup_of(tmp_path / "old", tmp_path / "saved.db")
    home = tmp_path / "home"
    fill(home, [], [entry(at(i % 28), f"word {i} " * 40) for i in range(80)])
    damaged(home / "kind.db")
    code, said, problem = restore(home, backup, "--yes")
    assert "kept in" in said
    assert code == 0, problem
    assert everything(home) == everything(tmp_path / "old")
    assert list((home / "backups").glob("kind-before-restore-*-damaged.db"))


# ---- forget ---------------------------------------------------------------------------------


def test_forget_before_a_date_deletes_for_good_and_keeps_the_rest(tmp_path: Path) -> None:
    old = entry(at(1), "Quokkamarker told me", tags=("wombattag",))
    brk = session("break", at(2), details={"note": "Numbatmarker note"})
    later = [entry(at(10 + i % 10), f"later entry {i} " * 20) for i in range(60)]
    fill(tmp_path, [brk, session("break", at(12))], [old, *later])
    with Store.open(tmp_path / "kind.db") as store:
        for i in range(3):
            from kindcli.store.records import JournalAnswer, JournalDraft

            store.save_journal_draft(
                JournalDraft("free", at(1), [JournalAnswer("text", "Q?", f"Draftmarker {i}")])
            )
    for word in (b"uokkamarker", b"wombattag", b"umbatmarker", b"raftmarker"):
        assert holding(tmp_path, word), word
    svc = home_services(tmp_path, answers=[True])
    assert run(svc, "data", "forget", "--before", "2026-03-05").exit_code == 0
    text = out(svc).words
    assert (
        "This deletes everything from before 2026-03-05: 1 journal entry, 1 other session" in text
    )
    assert "and 3 unfinished drafts." in text
    assert "Forgotten for good" in text
    for word in (b"uokkamarker", b"wombattag", b"umbatmarker", b"raftmarker"):
        assert holding(tmp_path, word) == [], word
    with Store.open(tmp_path / "kind.db") as store:
        assert len(store.journal_entries()) == 60
        assert len(store.sessions(100, "break")) == 1
        assert store.journal_drafts() == []


def test_forget_all_leaves_nothing_and_asks_first(tmp_path: Path) -> None:
    fill(
        tmp_path,
        [session("break", at(2), details={"note": "Numbatmarker"})],
        [entry(at(1), "Quokkamarker")],
    )
    with Store.open(tmp_path / "kind.db") as store:
        store.set_state(
            "safety_plan", {"version": 1, "sections": {"reasons": ["Bilbymarker"]}}, at(1)
        )
    before = files_of(tmp_path)
    svc = home_services(tmp_path, answers=[False])
    assert run(svc, "data", "forget", "--all").exit_code == 0
    assert files_of(tmp_path) == before
    svc = home_services(tmp_path, interactive=False)
    assert run(svc, "data", "forget", "--all").exit_code == 1
    svc = home_services(tmp_path, interactive=False)
    assert run(svc, "data", "forget", "--all", "--yes").exit_code == 0
    assert "1 journal entry, 1 other session and 1 remembered choice" in out(svc).words
    for word in (b"uokkamarker", b"umbatmarker", b"ilbymarker"):
        assert holding(tmp_path, word) == [], word
    with Store.open(tmp_path / "kind.db") as store:
        assert store.sessions(10) == [] and store.get_state("safety_plan") is None
        assert store.stats_practice_days() == []


def test_forget_takes_a_date_or_all_but_not_both(tmp_path: Path) -> None:
    svc = home_services(tmp_path)
    assert run(svc, "data", "forget").exit_code == 2
    assert run(home_services(tmp_path), "data", "forget", "--all", "--before", "1d").exit_code == 2
    assert run(home_services(tmp_path), "data", "forget", "--before", "soon").exit_code == 2


# ---- encrypted copies -----------------------------------------------------------------------


def test_an_encrypted_export_and_backup_round_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIND_PASSPHRASE", "correct horse")
    fill(tmp_path / "a", [session("break", at(1))], [entry(at(2), "Sealedmarker words")])
    svc = home_services(tmp_path / "a")
    assert run(svc, "export", "--encrypt", "-o", str(tmp_path / "a.json.age")).exit_code == 0
    sealed = (tmp_path / "a.json.age").read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1\n") and b"Sealedmarker" not in sealed
    svc = home_services(tmp_path / "a")
    assert run(svc, "data", "backup", "--encrypt", str(tmp_path / "a.db.age")).exit_code == 0
    assert b"Sealedmarker" not in (tmp_path / "a.db.age").read_bytes()
    assert [p.name for p in (tmp_path / "a").iterdir() if p.name.startswith(".")] == []

    svc = home_services(tmp_path / "b")
    result = run(svc, "import", str(tmp_path / "a.json.age"))
    assert result.exit_code == 0, result.output + out(svc).stderr
    assert everything(tmp_path / "b") == everything(tmp_path / "a")
    code, _, problem = restore(tmp_path / "c", tmp_path / "a.db.age", "--yes")
    assert code == 0, problem
    assert everything(tmp_path / "c") == everything(tmp_path / "a")


def test_a_wrong_passphrase_is_a_clear_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIND_PASSPHRASE", "right")
    fill(tmp_path / "a", [session("break", at(1))], [entry(at(2), "words")])
    assert (
        run(
            home_services(tmp_path / "a"), "export", "--encrypt", "-o", str(tmp_path / "x.age")
        ).exit_code
        == 0
    )
    assert (
        run(
            home_services(tmp_path / "a"), "data", "backup", "--encrypt", str(tmp_path / "y.age")
        ).exit_code
        == 0
    )
    fill(tmp_path / "b", [session("meditation", at(3))], [])
    before = files_of(tmp_path / "b")
    monkeypatch.setenv("KIND_PASSPHRASE", "wrong")
    svc = home_services(tmp_path / "b")
    result = run(svc, "import", str(tmp_path / "x.age"))
    assert result.exit_code == 1
    assert "could not be decrypted with that passphrase, so nothing was changed" in result.output
    code, _, problem = restore(tmp_path / "b", tmp_path / "y.age", "--yes")
    assert code == 1 and "could not be decrypted with that passphrase" in problem
    assert files_of(tmp_path / "b") == before


def test_without_the_library_the_commands_say_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIND_PASSPHRASE", "pw")
    monkeypatch.setitem(sys.modules, "pyrage", None)
    monkeypatch.setitem(sys.modules, "pyrage.passphrase", None)
    fill(tmp_path / "a", [session("break", at(1))], [])
    for args in (
        ["export", "--encrypt", "-o", str(tmp_path / "x.age")],
        ["data", "backup", "--encrypt"],
    ):
        result = run(home_services(tmp_path / "a"), *args)
        assert result.exit_code == 1
        assert "pip install 'kindcli[encrypt]'" in result.output
    assert not (tmp_path / "x.age").exists()
    assert not (tmp_path / "a" / "backups").exists()


def test_an_encrypted_export_is_never_printed_on_a_terminal(tmp_path: Path) -> None:
    fill(tmp_path / "a", [session("break", at(1))], [])
    on_screen = OutputMode(False, True, True, True, True, True, True)
    svc = home_services(
        tmp_path / "a", terminal=Terminal(io.StringIO(), io.StringIO(), mode=on_screen)
    )
    result = run(svc, "export", "--encrypt")
    assert result.exit_code == 1
    assert "not something to show on the screen" in result.output


def test_two_restores_in_the_same_second_keep_two_copies(tmp_path: Path) -> None:
    fill(tmp_path / "old", [session("break", at(1))], [])
    backup = backup_of(tmp_path / "old", tmp_path / "saved.db")
    fill(tmp_path / "home", [session("meditation", at(3))], [])
    assert restore(tmp_path / "home", backup, "--yes")[0] == 0
    assert restore(tmp_path / "home", backup, "--yes")[0] == 0
    kept = sorted(p.name for p in (tmp_path / "home" / "backups").iterdir())
    assert kept == [
        "kind-before-restore-20260314-093000-2.db",
        "kind-before-restore-20260314-093000.db",
    ]


def test_forget_deletes_measure_results_too(tmp_path: Path) -> None:
    from kindcli.store.records import MeasureResult, MeasureScore

    fill(tmp_path, [session("break", at(12))], [])
    with Store.open(tmp_path / "kind.db") as store:
        for day, name in ((1, "Echidnamarker"), (10, "Later")):
            store.add_measure_result(
                MeasureResult(
                    measure_id="mine",
                    measure_name=name,
                    moment=at(day),
                    answers={"a": 1},
                    scores=[MeasureScore("total", "Total", 1.0, 0.0, 4.0)],
                    scoring="sum",
                )
            )
    assert holding(tmp_path, b"chidnamarker")
    svc = home_services(tmp_path, interactive=False)
    assert run(svc, "data", "forget", "--before", "2026-03-05", "--yes").exit_code == 0
    assert "Forgotten for good: 1 measure result." in out(svc).words
    assert holding(tmp_path, b"chidnamarker") == []
    with Store.open(tmp_path / "kind.db") as store:
        assert [r.measure_name for r in store.measure_results()] == ["Later"]
    svc = home_services(tmp_path, interactive=False)
    assert run(svc, "data", "forget", "--all", "--yes").exit_code == 0
    assert "1 other session and 1 measure result." in out(svc).words
    with Store.open(tmp_path / "kind.db") as store:
        assert store.measure_results() == []
