"""The reframe set's optional 0-10 ratings: kept with the entry, summed per day by the
store's triggers exactly as a fresh count of the entries would sum them."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from kindcli.store import Store
from kindcli.store.records import JournalAnswer, JournalEntry, SessionRecord
from tests.report_seed import at

NAMES = {"critic_loudness": "How loud the critic was", "reply_believable": "How believable"}


def fresh_count(store: Store) -> dict[tuple[str, str], tuple[int, int]]:
    """(day, rating) -> (ratings, total), counted from every journal session's details."""
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for record in store.sessions(limit=100_000, practice="journal"):
        for r in record.details.get("ratings", []):
            value = r.get("value")
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
                key = (record.moment.local_date.isoformat(), r["id"])
                n, total = found.get(key, (0, 0))
                found[key] = (n + 1, total + value)
    return found


def kept(store: Store) -> dict[tuple[str, str], tuple[int, int]]:
    rows = store._conn.execute(
        "SELECT local_date, rating_id, ratings, total FROM journal_rating_totals"
    )
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def test_the_day_sums_of_ratings_match_a_fresh_count(kind_home: Path) -> None:
    rng = random.Random(16)
    start = date(2026, 1, 1)
    with Store.open(kind_home / "kind.db") as store:
        ids = []
        for n in range(120):
            ratings = [
                {"id": rid, "name": NAMES[rid], "value": rng.choice([0, 3, 7, 10, 11, "7"])}
                for rid in NAMES
                if rng.random() < 0.6
            ]
            session = SessionRecord(
                "journal",
                "reframe",
                at(start + timedelta(days=rng.randrange(20)), rng.randrange(24)),
                details={"ratings": ratings} if ratings else {},
            )
            answer = JournalAnswer("reframe", "A kinder way?", f"Reply {n}")
            store.add_journal_entry(JournalEntry(session, "reframe", answer.answer, [answer]))
            ids.append(session.id)
        for entry_id in rng.sample(ids, 30):
            assert store.delete_journal_entry(entry_id)
        assert kept(store) == fresh_count(store)
        [loud] = [r for r in store.stats_journal_ratings(start) if r.id == "critic_loudness"]
        counted = [v for (d, rid), v in fresh_count(store).items() if rid == "critic_loudness"]
        assert loud.ratings == sum(n for n, _ in counted)
        assert loud.total == sum(t for _, t in counted)
        assert loud.name == NAMES["critic_loudness"]


def test_a_database_from_before_ratings_counts_the_ones_it_has(kind_home: Path) -> None:
    from kindcli.store.migrations import MIGRATIONS

    db = kind_home / "kind.db"
    with Store.open(db, MIGRATIONS[:-1]) as old:
        session = SessionRecord(
            "journal",
            "reframe",
            at(date(2026, 3, 2)),
            details={"ratings": [{"id": "critic_loudness", "name": "Loud", "value": 6}]},
        )
        answer = JournalAnswer("critic", "The critic?", "Words")
        old.add_journal_entry(JournalEntry(session, "reframe", "Words", [answer]))
    with Store.open(db) as store:
        assert kept(store) == {("2026-03-02", "critic_loudness"): (1, 6)}
