"""`kind stats --json` from 10,000 to 1,000,000 sessions, against the bare Typer floor.

    python bench/stats.py [--sizes 10000,100000,1000000] [--runs N] [--years N]

For each size it seeds a fresh database through the store (a tenth of the sessions are
journal entries, the rest breaks, breathing and meditations, over six years by default),
then times `kind stats --json`, the same through the Typer tree (past the quick path),
`kind data path` (kind's own start-up with no stats work) and the bare one-command Typer
app in interleaved runs, and `gather()` in process. It
prints each ratio to the floor, and the growth from the smallest size to the largest.
Budget: `kind stats --json` within 1.3x of the floor at every size.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    bare_app,
    bench_env,
    kind_argv,
    kind_through_typer,
    median_ms,
    temp_home,
    time_commands,
)

BUDGET = 1.3

TEXT = (
    "today I noticed how tired I felt and tried to speak to myself the way I would speak to a "
    "friend who was having a hard week it helped a little to breathe slowly and put a hand on "
    "my chest the meeting went better than I feared and I was kinder about the mistakes"
)
WORDS = TEXT.split()
BREAKS = ["hand-on-heart", "three-steps", "kind-phrase", "soften-soothe-allow"]
PATTERNS = ["box", "four-six", "coherent", "four-seven-eight"]
PROMPTS = ["evening", "reframe", "gratitude", "friend", "letter"]


def records(count: int, years: int, rng: random.Random) -> Iterator[Any]:
    """Sessions and journal entries as kind saves them, in the order they happened."""
    from kindcli.ports import Moment
    from kindcli.store.records import JournalAnswer, JournalEntry, SessionRecord

    today = date.today()
    first = today - timedelta(days=365 * years)
    step = (today - first).total_seconds() / count
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    for i in range(count):
        offset = rng.choice([-300, 0, 60, 120, 330])
        tz = timezone(timedelta(minutes=offset))
        moment = Moment.of((start + timedelta(seconds=i * step)).astimezone(tz))
        rated = rng.random() < 0.5
        before = rng.randrange(3, 11) if rated else None
        after = max(0, before - rng.randrange(4)) if before is not None else None
        source = "manual" if rng.random() < 0.03 else "app"
        if i % 10 == 0:
            prompt = rng.choice(PROMPTS)
            session = SessionRecord("journal", prompt, moment, actual_seconds=rng.uniform(60, 900))
            words = " ".join(rng.choices(WORDS, k=rng.randrange(20, 60)))
            yield JournalEntry(
                session,
                prompt,
                words,
                [JournalAnswer("reframe" if prompt == "reframe" else "text", "Your words?", words)],
            )
            continue
        practice = rng.choices(["break", "breathing", "meditation"], [4, 4, 2])[0]
        content = rng.choice(
            {"break": BREAKS, "breathing": PATTERNS, "meditation": ["body-scan"]}[practice]
        )
        yield SessionRecord(
            practice,
            content,
            moment,
            planned_seconds=300.0,
            actual_seconds=rng.uniform(30, 900),
            distress_before=before,
            distress_after=after,
            source=source,
            details={"cycles_completed": rng.randrange(12)} if practice == "breathing" else {},
        )


def seed(database: Path, count: int, years: int, rng: random.Random) -> None:
    """Fill a fresh database through the store, in batches of one transaction each."""
    from kindcli.store import Store
    from kindcli.store.records import JournalEntry, SessionRecord

    with Store.open(database) as store:
        sessions: list[SessionRecord] = []
        journal: list[JournalEntry] = []
        for record in records(count, years, rng):
            (journal if isinstance(record, JournalEntry) else sessions).append(record)
            if len(sessions) + len(journal) >= 20_000:
                store.add_sessions(sessions)
                store.add_journal_entries(journal)
                sessions, journal = [], []
        store.add_sessions(sessions)
        store.add_journal_entries(journal)
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def gather_ms(database: Path, runs: int) -> float:
    from kindcli.practices.stats import gather, to_json
    from kindcli.store import Store

    times = []
    with Store.open_readonly(database) as store:
        for _ in range(runs):
            start = time.perf_counter()
            to_json(gather(store, today=date.today(), grace_days=1, intention=3))
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--years", type=int, default=6)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        with temp_home() as tmp:
            home = Path(tmp)
            kind_home = home / "kind-home"
            kind_home.mkdir(mode=0o700)
            started = time.perf_counter()
            seed(kind_home / "kind.db", size, args.years, random.Random(6))
            seeded = time.perf_counter() - started
            kind = kind_argv()
            commands = {
                "bare command": bare_app(home),
                "kind stats --json": [*kind, "stats", "--json"],
                "through Typer": [*kind_through_typer(), "stats", "--json"],
                "kind data path": [*kind, "data", "path"],
            }
            times = time_commands(commands, args.runs, bench_env(kind_home))
            med = {name: median_ms(t) for name, t in times.items()}
            med["gather in process"] = gather_ms(kind_home / "kind.db", args.runs)
            results[size] = med
        floor = med["bare command"]
        ratio = med["kind stats --json"] / floor
        print(
            f"{size:>9,} sessions over {args.years} years (seeded through the store in "
            f"{seeded:5.1f} s), median of {args.runs} interleaved runs"
        )
        print(f"  bare command       {floor:7.1f} ms")
        verdict = "ok" if ratio <= BUDGET else "OVER BUDGET"
        print(
            f"  kind stats --json  {med['kind stats --json']:7.1f} ms   ratio {ratio:5.2f}x"
            f"  (budget {BUDGET:.2f}x)  {verdict}"
        )
        typer = med["through Typer"] / floor
        through = med["through Typer"]
        print(f"  through Typer      {through:7.1f} ms   ratio {typer:5.2f}x  (reference)")
        base = med["kind data path"] / floor
        print(
            f"  kind data path     {med['kind data path']:7.1f} ms   ratio {base:5.2f}x"
            "  (reference)"
        )
        print(f"  gather in process  {med['gather in process']:7.2f} ms")
    first, last = results[sizes[0]], results[sizes[-1]]
    print(
        f"growth from {sizes[0]:,} to {sizes[-1]:,} sessions: stats --json ratio "
        f"{first['kind stats --json'] / first['bare command']:.2f}x -> "
        f"{last['kind stats --json'] / last['bare command']:.2f}x of the floor; gather in "
        f"process {last['gather in process'] / first['gather in process']:.2f}x"
    )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    worst = max(r["kind stats --json"] / r["bare command"] for r in results.values())
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
