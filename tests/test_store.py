from __future__ import annotations

import multiprocessing
import sqlite3
import stat
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kindcli.errors import CorruptStore, MigrationError, NewerStore, NotAKindDatabase, StoreError
from kindcli.ports import Moment
from kindcli.store import Store
from kindcli.store.migrations import APPLICATION_ID, MIGRATIONS, Migration
from kindcli.store.records import SessionRecord

MOMENT = Moment.of(datetime(2026, 3, 14, 23, 45, tzinfo=timezone(timedelta(hours=-5))))


def _record(**kw: object) -> SessionRecord:
    base: dict[str, object] = {"practice": "break", "content_id": "standard", "moment": MOMENT}
    base.update(kw)
    return SessionRecord(**base)  # type: ignore[arg-type]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_is_private_and_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "data" / "kind.db"
    with Store.open(db) as store:
        store.add_session(_record())
        assert store.schema_version == len(MIGRATIONS)
        # SQLite removes these when the last connection closes: check them while open.
        assert _mode(db.with_name("kind.db-wal")) == 0o600
        assert _mode(db.with_name("kind.db-shm")) == 0o600
    assert _mode(db.parent) == 0o700
    assert _mode(db) == 0o600
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_session_round_trips_with_its_local_date(tmp_path: Path) -> None:
    rec = _record(distress_before=7, distress_after=4, details={"note": "café ☕"})
    with Store.open(tmp_path / "kind.db") as store:
        store.add_session(rec)
        back = store.session(rec.id)
    assert back == rec
    # 23:45 in UTC-5 is already the next day in UTC, but the practice day stays the 14th.
    assert back is not None and back.moment.local_date.isoformat() == "2026-03-14"
    assert back.moment.utc.date().isoformat() == "2026-03-15"


def test_distress_outside_0_to_10_is_refused() -> None:
    with pytest.raises(ValueError):
        _record(distress_before=11)


def _insert_as_first_schema(store: Store, session_id: str) -> None:
    """A session as the first schema held it: what an old kind wrote, in that kind's SQL
    (from m007 on, kind also wrote whether it counted)."""
    counted = ", counted" if store.schema_version >= 7 else ""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO sessions (id, practice, content_id, started_utc, utc_offset_minutes, "
            f"local_date, completed, source, details{counted}) VALUES (?, 'breathing', 'box', "
            "'2026-03-14T09:30:00.000000Z', 60, '2026-03-14', 1, 'app', "
            "'{\"cycles_completed\": 3}'" + (", 1" if counted else "") + ")",
            (session_id,),
        )


def _insert_old_entry(store: Store, session_id: str) -> None:
    """A journal entry as kind wrote it from m002 to m007: its words in `body` and again in
    `answers` (as objects), one tag."""
    words = ", words" if store.schema_version >= 6 else ""
    counted = ", counted" if store.schema_version >= 7 else ""
    answers = (
        '[{"question_id": "noticing", "question": "What happened?", "answer": "A café '
        'morning, rainy"}, {"question_id": "kindness", "question": "Kind words?", '
        '"answer": "Go gently"}]'
    )
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO sessions (id, practice, content_id, started_utc, utc_offset_minutes, "
            f"local_date, completed, source, details{counted}) VALUES (?, 'journal', "
            "'evening', '2026-03-13T20:00:00.000000Z', 60, '2026-03-13', 1, 'app', '{}'"
            + (", 1" if counted else "")
            + ")",
            (session_id,),
        )
        conn.execute(
            "INSERT INTO journal_entries (session_id, prompt_id, body, answers, created_utc, "
            f"updated_utc{words}) VALUES (?, 'evening', ?, ?, "
            "'2026-03-13T20:00:00.000000Z', '2026-03-13T21:00:00.000000Z'"
            + (", 6" if words else "")
            + ")",
            (session_id, "A café morning, rainy\n\nGo gently", answers),
        )
        conn.execute("INSERT INTO journal_tags (session_id, tag) VALUES (?, 'rain')", (session_id,))


# Journal entries were written the old way (`_insert_old_entry`) until m008 changed them.
OLD_JOURNAL_UNTIL = next(n for n, m in enumerate(MIGRATIONS) if m.name.startswith("m008"))


def test_migrates_from_every_older_schema(tmp_path: Path) -> None:
    for done in range(len(MIGRATIONS) + 1):
        db = tmp_path / f"v{done}.db"
        with Store.open(db, MIGRATIONS[:done]) as old:
            assert old.schema_version == done
            if 1 <= done < len(MIGRATIONS):
                _insert_as_first_schema(old, f"kept-{done}")
            if 2 <= done <= OLD_JOURNAL_UNTIL:
                _insert_old_entry(old, f"entry-{done}")
        with Store.open(db) as store:
            assert store.schema_version == len(MIGRATIONS)
            if 1 <= done < len(MIGRATIONS):
                assert store.session(f"kept-{done}") is not None
                # Counted as practice by the rule of today, whatever the schema it came from.
                expected = [date(2026, 3, 14)]
                if 2 <= done <= OLD_JOURNAL_UNTIL:
                    expected.insert(0, date(2026, 3, 13))
                assert store.stats_practice_days() == expected
                sums = {
                    (r.practice, r.local_date): r.sessions
                    for r in store.stats_period(date(2026, 3, 1))
                }
                assert sums[("breathing", date(2026, 3, 14))] == 1
            if 2 <= done <= OLD_JOURNAL_UNTIL:
                entry = store.get_journal_entry(f"entry-{done}")
                assert entry is not None
                assert entry.body == "A café morning, rainy\n\nGo gently"
                assert [(a.question_id, a.answer) for a in entry.answers] == [
                    ("noticing", "A café morning, rainy"),
                    ("kindness", "Go gently"),
                ]
                assert entry.tags == ["rain"] and entry.updated_utc == "2026-03-13T21:00:00.000000Z"
                assert [e.id for e in store.search_journal(["cafe", "gent"])] == [entry.id]
                assert store.journal_tags() == [("rain", 1)]
                [journal] = store.stats_journal(date(2026, 3, 1))
                assert journal.entries == 1 and journal.words == 6
                store.delete_journal_entry(entry.id)
                assert store.search_journal(["cafe"]) == []
            store.add_session(_record())


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    with Store.open(db, MIGRATIONS[:1]) as store:
        _insert_as_first_schema(store, "precious")
    # Fold the WAL into the main file so the bytes we compare are the whole database.
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db.read_bytes()

    def explode(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    broken = [*MIGRATIONS[:1], Migration("m002_explodes", explode)]
    with pytest.raises(MigrationError) as caught:
        Store.open(db, broken)
    assert "m002_explodes" in str(caught.value)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    assert "half_done" not in tables
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"These are my private notes, not a database.\n" * 20, NotAKindDatabase),
        (b"SQLite format 3\x00" + b"\x07" * 4000, CorruptStore),
    ],
)
def test_foreign_or_damaged_files_are_refused_untouched(
    tmp_path: Path, content: bytes, error: type[Exception]
) -> None:
    db = tmp_path / "kind.db"
    db.write_bytes(content)
    with pytest.raises(error) as caught:
        Store.open(db)
    assert str(db) in str(caught.value)
    assert db.read_bytes() == content
    assert not db.with_name("kind.db-wal").exists()


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(NotAKindDatabase):
        Store.open(db)
    assert db.read_bytes() == before


def test_a_database_from_a_newer_kind_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    with Store.open(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(NewerStore) as caught:
        Store.open(db)
    assert "newer kind" in str(caught.value)
    assert db.read_bytes() == before


def _writer(db: str, prefix: str, count: int) -> None:
    with Store.open(Path(db)) as store:
        for i in range(count):
            store.add_session(_record(id=f"{prefix}-{i}"))


def test_two_processes_writing_at_once_never_fail(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(db), p, 150)) for p in ("a", "b", "c")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    with Store.open(db) as store:
        assert store.counts() == {"break": 450}


def test_state_remembers_small_values(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kind.db") as store:
        assert store.get_state("phrase", "none") == "none"
        store.set_state("phrase", {"standard": "May I be kind to myself"}, MOMENT)
        store.set_state("phrase", {"standard": "I am here for you"}, MOMENT)
        assert store.get_state("phrase") == {"standard": "I am here for you"}


def test_backup_is_a_private_consistent_copy(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kind.db") as store:
        store.add_session(_record(id="in-backup"))
        dest = tmp_path / "copy.db"
        store.backup_to(dest)
    assert _mode(dest) == 0o600
    with Store.open(dest) as copy:
        assert copy.session("in-backup") is not None


def test_a_folder_at_the_database_path_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "kind.db").mkdir()
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "kind.db")
    assert "is a folder" in str(caught.value)


def test_an_empty_file_becomes_a_private_store(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    db.touch(mode=0o644)
    db.chmod(0o644)
    with Store.open(db) as store:
        assert store.schema_version == len(MIGRATIONS)
    assert _mode(db) == 0o600


def test_refusing_a_newer_database_leaves_no_files_beside_it(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    with Store.open(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(NewerStore):
        Store.open(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kind.db"]


def test_backing_up_a_damaged_database_leaves_no_half_file(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    with Store.open(db) as store:
        for i in range(300):
            store.add_session(_record(id=f"s{i}", details={"pad": "x" * 200}))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    data[4096:12000] = b"A" * (12000 - 4096)
    db.write_bytes(bytes(data))
    dest = tmp_path / "copy.db"
    with pytest.raises(CorruptStore), Store.open_readonly(db) as store:
        store.backup_to(dest)
    assert not dest.exists()


def test_a_backup_never_upgrades_the_database_it_copies(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    with Store.open(db, MIGRATIONS[:1]):
        pass
    with Store.open_readonly(db) as store:
        store.backup_to(tmp_path / "copy.db")
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 1


def test_a_locked_database_is_a_clear_error_not_a_crash(tmp_path: Path) -> None:
    import kindcli.store.database as storage

    db = tmp_path / "kind.db"
    with Store.open(db) as holder, holder.transaction():
        other = Store.open(db)
        other._conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError) as caught:
            other.add_session(_record())
        other.close()
    assert "another kind is still using it" in str(caught.value)
    assert str(db) in str(caught.value)
    assert storage.BUSY_TIMEOUT_MS >= 5000  # people wait this long before seeing it


def test_a_break_session_is_brought_up_to_date_not_duplicated(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kind.db") as store:
        rec = _record(completed=False, details={"note": "kept early"})
        store.save_session(rec)
        rec.completed = True
        rec.details = {"note": "kept early", "steps_completed": 7}
        store.save_session(rec)
        assert store.counts() == {"break": 1}
        back = store.session(rec.id)
    assert back is not None and back.completed and back.details["steps_completed"] == 7


def test_practice_days_stay_exact_through_inserts_updates_and_deletes(tmp_path: Path) -> None:
    """The triggers behind `practice_days` must agree with counting the sessions afresh."""
    import random

    from kindcli.kinds import counts_as_practice

    rng = random.Random(7)
    with Store.open(tmp_path / "kind.db") as store:
        records = []
        for i in range(300):
            practice = rng.choice(["break", "breathing", "journal", "meditation"])
            local = datetime(2026, 3, 1 + rng.randrange(20), 10, tzinfo=UTC)
            rec = SessionRecord(
                practice=practice,
                content_id=None,
                moment=Moment.of(local),
                source=rng.choice(["app", "app", "manual"]),
                details={"cycles_completed": rng.randrange(3)} if practice == "breathing" else {},
                id=f"s{i}",
            )
            store.add_session(rec)
            records.append(rec)
        for rec in rng.sample(records, 60):  # a breathing session finishing its first cycle
            rec.details = {"cycles_completed": rng.randrange(3)}
            store.save_session(rec)
        with store.transaction() as conn:
            for rec in rng.sample(records, 80):
                conn.execute("DELETE FROM sessions WHERE id = ?", (rec.id,))
                records.remove(rec)
        # Counted afresh, in Python, by the one rule the store writes `counted` from.
        expected = sorted(
            {
                r.moment.local_date.isoformat()
                for r in records
                if counts_as_practice(r.practice, r.source, r.completed, None, r.details)
            }
        )
        assert [d.isoformat() for d in store.stats_practice_days()] == expected
        assert expected  # the check compared something
