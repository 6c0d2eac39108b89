"""The journal's store at any size: words kept once, a word index that forgets, newest
first straight from the index, and nothing of a deleted entry left in any file."""

from __future__ import annotations

import random
import re
import sqlite3
import tempfile
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindcli.catalog.catalog import Catalog
from kindcli.catalog.models import PromptSet
from kindcli.paths import shipped_content_dir
from kindcli.ports import Moment
from kindcli.practices import journal_entry as entries
from kindcli.store import Store
from kindcli.store.migrations import MIGRATIONS
from kindcli.store.records import JournalAnswer, JournalEntry, JournalFilter
from kindcli.store.words import terms
from tests.test_journal import fresh, run

TZ = timezone(timedelta(hours=-5))
START = datetime(2026, 1, 5, 21, 0, tzinfo=TZ)


def entry_at(
    when: datetime, *texts: str, tags: tuple[str, ...] = (), prompt: str = "free"
) -> JournalEntry:
    made = entries.build_entry(
        prompt_id=prompt,
        answers=[JournalAnswer(f"q{i}", f"Question {i}?", t) for i, t in enumerate(texts)],
        tags=list(tags),
        moment=Moment.of(when),
        now=when,
    )
    assert made is not None
    return made


# ---- the words a search finds ---------------------------------------------------------------


def test_terms_are_runs_of_letters_and_digits_without_accents_or_case() -> None:
    # Pinned: the delete trigger finds an entry's index rows by cutting its text again, so
    # this rule may only change together with a migration that rebuilds the index.
    assert terms("Café crème, CAFÉ again: naïve_2 don't 4-7-8 ß") == [
        "cafe",
        "creme",
        "again",
        "naive",
        "2",
        "don",
        "t",
        "4",
        "7",
        "8",
        "ss",
    ]
    assert terms("a" * 100) == ["a" * 64]
    assert terms("?! …") == []


# ---- search and listing ---------------------------------------------------------------------


TEXTS = st.lists(
    st.lists(
        st.sampled_from(["tired", "tide", "tea", "Tëa", "kind", "kin", "rest", "x9"]), max_size=6
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=TEXTS,
    query=st.lists(
        st.sampled_from(["t", "ti", "tea", "kin", "kind", "rest", "x", "zzz"]),
        min_size=1,
        max_size=3,
    ),
    limit=st.sampled_from([1, 3, None]),
    deleted=st.sets(st.integers(0, 24)),
)
def test_search_finds_exactly_the_entries_holding_every_word_newest_first(
    texts: list[list[str]], query: list[str], limit: int | None, deleted: set[int]
) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "kind.db") as store:
        made = []
        for i, words in enumerate(texts):
            # Some entries share a second; keys must still keep them apart and in order.
            entry = entry_at(START + timedelta(seconds=i // 3), " ".join(words) or "…")
            store.add_journal_entry(entry)
            made.append(entry)
        for i in sorted(deleted):
            if i < len(made):
                store.delete_journal_entry(made[i].id)
        live = [e for i, e in enumerate(made) if i not in deleted]
        expected = [
            e.id
            for e in reversed(live)
            if all(any(t.startswith(q) for t in terms(e.body)) for q in query)
        ][:limit]
        assert [e.id for e in store.search_journal(query, limit=limit)] == expected
        assert [e.id for e in store.journal_entries(limit=limit)] == [e.id for e in reversed(live)][
            :limit
        ]
        assert_index_is_exact(store)


def assert_index_is_exact(store: Store) -> None:
    """The word index holds exactly the terms of the entries there are, nothing more."""
    conn = store._conn
    held: Counter[str] = Counter()
    pairs = set()
    for entry in store.journal_entries():
        (key,) = conn.execute(
            "SELECT n FROM journal_entries WHERE session_id = ?", (entry.id,)
        ).fetchone()
        for term in terms(entry.body):
            held[term] += 1
            pairs.add((term, key))
    kept = conn.execute("SELECT word, entries FROM journal_words").fetchall()
    assert {r[0]: r[1] for r in kept} == dict(held)
    indexed = conn.execute(
        "SELECT w.word, x.entry FROM journal_index x JOIN journal_words w ON w.id = x.word"
    ).fetchall()
    assert len(indexed) == len(pairs) and {tuple(r) for r in indexed} == pairs


def test_edits_and_every_way_of_deleting_keep_the_index_and_totals_exact(tmp_path: Path) -> None:
    rng = random.Random(19)
    vocabulary = ["calm", "café", "tired", "work", "sleep", "sister", "walk", "rain", "kind"]
    with Store.open(tmp_path / "kind.db") as store:
        made = []
        for _ in range(120):
            when = START + timedelta(hours=rng.randrange(24 * 40))
            texts = [" ".join(rng.choices(vocabulary, k=rng.randrange(1, 8))) for _ in range(3)]
            prompt = rng.choice(["free", "reframe", "evening"])
            entry = entry_at(when, *texts, tags=tuple(rng.sample(["a", "b"], 1)), prompt=prompt)
            store.add_journal_entry(entry)
            made.append(entry)
        for entry in rng.sample(made, 30):
            new = [JournalAnswer("q0", "Question 0?", " ".join(rng.choices(vocabulary, k=3)))]
            store.update_journal_entry(
                entry.id, entries.body_of(new), new, "2026-03-01T00:00:00.000000Z"
            )
        gone = rng.sample(made, 40)
        for entry in gone[:20]:
            store.delete_journal_entry(entry.id)
        with store.transaction() as conn:
            for entry in gone[20:30]:  # a session deleted by other code: the entry cascades
                conn.execute("DELETE FROM sessions WHERE id = ?", (entry.id,))
            for entry in gone[30:]:  # the entry alone, its session left behind
                conn.execute("DELETE FROM journal_entries WHERE session_id = ?", (entry.id,))
        assert_index_is_exact(store)
        assert_journal_totals_are_exact(store)


def assert_journal_totals_are_exact(store: Store) -> None:
    conn = store._conn
    fresh_count = conn.execute(
        "SELECT s.local_date, coalesce(e.prompt_id, ''), count(*), sum(e.words), "
        "sum(coalesce(e.prompt_id, '') = 'reframe' AND EXISTS (SELECT 1 FROM "
        "json_each(e.answers) a JOIN journal_questions q ON q.id = json_extract(a.value, '$[0]') "
        "WHERE q.question_id = 'reframe' AND trim(json_extract(a.value, '$[1]')) != '')) "
        "FROM journal_entries e JOIN sessions s ON s.id = e.session_id "
        "WHERE s.practice = 'journal' GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    kept = conn.execute(
        "SELECT local_date, prompt_id, entries, words, reframes FROM journal_totals ORDER BY 1, 2"
    ).fetchall()
    assert [tuple(r) for r in kept] == [tuple(r) for r in fresh_count]
    assert kept


def test_entries_in_the_same_second_get_their_own_keys_in_order(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kind.db") as store:
        same = [entry_at(START, f"entry {i}") for i in range(5)]
        later = entry_at(START + timedelta(seconds=1), "a second later")
        store.add_journal_entries([*same[:3], later, *same[3:]])
        # An entry begun earlier (a resumed draft) but saved now still sorts by its start.
        early = entry_at(START - timedelta(days=1), "begun yesterday")
        store.add_journal_entry(early)
        listed = [e.id for e in store.journal_entries()]
    assert listed[0] in {later.id, same[3].id, same[4].id}
    assert listed[-1] == early.id
    assert sorted(listed) == sorted(e.id for e in [*same, later, early])


def test_filters_narrow_search_and_listing_by_local_day_tag_and_prompt(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kind.db") as store:
        a = entry_at(datetime(2026, 3, 1, 23, 30, tzinfo=TZ), "rain all day", tags=("walk",))
        b = entry_at(datetime(2026, 3, 2, 8, 0, tzinfo=TZ), "rain again", prompt="evening")
        c = entry_at(datetime(2026, 3, 3, 8, 0, tzinfo=TZ), "sun", tags=("walk",))
        store.add_journal_entries([a, b, c])
        # 23:30 at UTC-5 is already March 2nd in UTC: local days decide.
        day = JournalFilter(since=date(2026, 3, 1), until=date(2026, 3, 1))
        assert [e.id for e in store.search_journal(["rain"], day)] == [a.id]
        assert [e.id for e in store.journal_entries(day)] == [a.id]
        walk = JournalFilter(tag="walk")
        assert [e.id for e in store.journal_entries(walk)] == [c.id, a.id]
        assert [e.id for e in store.search_journal(["rain"], walk)] == [a.id]
        evening = JournalFilter(prompt_id="evening")
        assert [e.id for e in store.search_journal(["rain"], evening)] == [b.id]
        assert [e.id for e in store.journal_entries(JournalFilter(since=date(2026, 3, 3)))] == [
            c.id
        ]


def test_listing_and_search_read_the_index_newest_first_and_never_sort(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kind.db") as store:
        store.add_journal_entries(
            entry_at(START + timedelta(hours=i), f"tired day {i}", tags=("work",))
            for i in range(60)
        )
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        try:
            store.journal_entries(limit=5)
            store.journal_entries(JournalFilter(tag="work"), limit=5)
            store.search_journal(["tired", "day"], limit=5)
            store.search_journal(["tired"], JournalFilter(tag="work", since=date(2026, 1, 6)))
        finally:
            store._conn.set_trace_callback(None)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) >= 6
        for sql in selects:
            plan = [r[-1] for r in store._conn.execute("EXPLAIN QUERY PLAN " + sql)]
            assert not any("TEMP B-TREE" in step for step in plan), (sql, plan)
            assert not any(re.match(r"SCAN (s|sessions|journal_index|x)\b", p) for p in plan), plan


# ---- size ---------------------------------------------------------------------------------


def test_a_short_entry_takes_at_most_1_2_kb(tmp_path: Path) -> None:
    sets = Catalog(shipped_content_dir()).all(PromptSet)
    rng = random.Random(3)
    words = ["today", "I", "felt", "tired", "and", "a", "little", "proud", "the", "walk"]
    db = tmp_path / "kind.db"
    with Store.open(db) as store:
        batch = []
        for i in range(3000):
            chosen = rng.choice(sets)
            texts = [" ".join(rng.choices(words, k=rng.randrange(8, 20))) for _ in chosen.questions]
            made = entries.build_entry(
                prompt_id=chosen.id,
                answers=[
                    JournalAnswer(q.id, q.text, t)
                    for q, t in zip(chosen.questions, texts, strict=True)
                ],
                tags=rng.sample(["work", "family", "sleep", "calm"], rng.randrange(0, 2)),
                moment=Moment.of(START + timedelta(hours=i * 7)),
                now=START + timedelta(hours=i * 7),
            )
            assert made is not None
            batch.append(made)
        store.add_journal_entries(batch)
        text = sum(len(e.body.encode()) for e in batch) / len(batch)
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    per_entry = db.stat().st_size / len(batch)
    assert 150 < text < 400  # short entries, as the budget means them
    assert per_entry <= 1200, f"{per_entry:.0f} bytes per entry"
    print(f"{per_entry:.0f} bytes per entry of {text:.0f} bytes of text")


# ---- forgetting -----------------------------------------------------------------------------


def files_holding(folder: Path, word: bytes) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and word in p.read_bytes()
    )


def busy_journal(store: Store, count: int = 400) -> list[JournalEntry]:
    rng = random.Random(5)
    words = ["rain", "walk", "sister", "tired", "kind", "calm", "work", "tea", "bus", "late"]
    made = [
        entry_at(
            START + timedelta(hours=3 * i), " ".join(rng.choices(words, k=30)), tags=("daily",)
        )
        for i in range(count)
    ]
    store.add_journal_entries(made[: count // 2])
    for entry in made[count // 2 :]:
        store.add_journal_entry(entry)
    return made


def test_no_word_of_a_deleted_or_edited_entry_stays_in_any_file(kind_home: Path) -> None:
    with Store.open(kind_home / "kind.db") as store:
        before = busy_journal(store, 200)
        secret = entry_at(
            START + timedelta(days=3, minutes=7),
            "I told Quokkamarker everything",
            tags=("wombattag",),
        )
        edited = entry_at(START + timedelta(days=4, minutes=7), "Numbatmarker said it first")
        store.add_journal_entries([secret, edited])
        busy_journal(store, 200)
        assert files_holding(kind_home, b"uokkamarker") and files_holding(kind_home, b"wombattag")
        new = [JournalAnswer("q0", "Question 0?", "Nothing to see here")]
        store.update_journal_entry(
            edited.id, entries.body_of(new), new, "2026-03-01T00:00:00.000000Z"
        )
        assert store.get_journal_entry(before[10].id) is not None
        svc, _, _ = fresh()
        result = run(svc, "journal", "delete", secret.id[:8], "--yes")
        assert result.exit_code == 0, result.output
        # Still open, as another window of kind would be: its -wal is there to read too.
        for word in (
            b"uokkamarker",
            b"quokkamarker",
            b"wombattag",
            b"umbatmarker",
            b"numbatmarker",
        ):
            assert files_holding(kind_home, word) == [], word
        assert store.search_journal(["quokkamarker"]) == []
    backup = kind_home / "after.db"
    with Store.open(kind_home / "kind.db") as store:
        store.backup_to(backup)
    assert b"uokkamarker" not in backup.read_bytes()


def test_words_an_older_kind_left_behind_are_gone_after_the_upgrade(kind_home: Path) -> None:
    db = kind_home / "kind.db"
    kind_home.mkdir(parents=True, exist_ok=True)
    with Store.open(db, MIGRATIONS[:7]) as old:
        # What kind wrote before m008, in its own SQL: FTS5 kept deleted words in its index.
        with old.transaction() as conn:
            for i in range(150):
                sid = f"old-{i}"
                text = f"entry {i} about the rain" + (" Quokkamarker" if i == 70 else "")
                conn.execute(
                    "INSERT INTO sessions (id, practice, content_id, started_utc, "
                    "utc_offset_minutes, local_date, completed, counted) VALUES (?, 'journal', "
                    "'free', ?, 0, '2026-01-05', 1, 1)",
                    (sid, f"2026-01-05T{i // 60:02d}:{i % 60:02d}:00.000000Z"),
                )
                conn.execute(
                    "INSERT INTO journal_entries (session_id, prompt_id, body, answers, "
                    "created_utc, updated_utc, words) VALUES (?, 'free', ?, ?, 'x', 'x', 4)",
                    (
                        sid,
                        text,
                        f'[{{"question_id": "text", "question": "Q?", "answer": "{text}"}}]',
                    ),
                )
        with old.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE id = 'old-70'")
        old._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert files_holding(kind_home, b"uokkamarker")  # the leftover this upgrade removes
    with Store.open(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert len(store.journal_entries()) == 149
        assert files_holding(kind_home, b"uokkamarker") == []
        assert files_holding(kind_home, b"Quokkamarker") == []


def test_a_store_deletes_with_secure_delete_on(tmp_path: Path) -> None:
    with Store.open(tmp_path / "kind.db") as store:
        assert store._conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    raw = sqlite3.connect(tmp_path / "kind.db")
    assert {r[0] for r in raw.execute("SELECT name FROM sqlite_master")} >= {
        "journal_words",
        "journal_index",
        "journal_questions",
    }
    assert (
        raw.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'journal_fts%'").fetchone()[
            0
        ]
        == 0
    )
    raw.close()


def test_an_entry_that_lost_its_session_is_kept_by_the_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    with Store.open(db, MIGRATIONS[:7]) as old:
        old._conn.execute("PRAGMA foreign_keys = OFF")  # as some other program might have
        with old.transaction() as conn:
            conn.execute(
                "INSERT INTO journal_entries (session_id, prompt_id, body, answers, "
                "created_utc, updated_utc, words) VALUES ('lonely', 'free', 'still mine', "
                "'[]', '2026-02-01T10:00:00.000000Z', '2026-02-01T10:00:00.000000Z', 2)"
            )
    with Store.open(db) as store:
        entry = store.get_journal_entry("lonely")
        assert entry is not None and entry.body == "still mine"
        assert entry.session.moment.local_date == date(2026, 2, 1)
        assert [e.id for e in store.search_journal(["mine"])] == ["lonely"]
