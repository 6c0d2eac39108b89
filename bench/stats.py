"""`kind stats --json` on a big history, against the bare Typer floor, side by side.

    python bench/stats.py [--runs N] [--sessions N] [--entries N] [--years N]

Seeds a fresh database (100,000 sessions, 10,000 of them journal entries, over six years by
default) straight through sqlite3 with the schema kind itself creates, then times
`kind stats --json` and the bare one-command Typer app in interleaved runs.
Budget: 1.3x the floor.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bare_app, bench_env, kind_argv, median_ms, temp_home, time_commands

BUDGET = 1.3

TEXT = (
    "today I noticed how tired I felt and tried to speak to myself the way I would speak to a "
    "friend who was having a hard week it helped a little to breathe slowly and put a hand on "
    "my chest the meeting went better than I feared and I was kinder about the mistakes"
)
WORDS = TEXT.split()
BREAKS = ["hand-on-heart", "three-steps", "kind-phrase", "soften-soothe-allow"]
PATTERNS = ["box", "four-six", "coherent", "four-seven-eight"]
PROMPTS = ["evening", "reframe", "gratitude", "friend-letter", "common-humanity"]


def seed(database: Path, sessions: int, entries: int, years: int, rng: random.Random) -> None:
    """Create kind's schema (through kind itself) and fill it in bulk."""
    from kindcli.store import Store

    Store.open(database).close()
    today = date.today()
    first = today - timedelta(days=365 * years)
    span = (today - first).days
    session_rows = []
    entry_rows = []
    for i in range(sessions):
        journal = i < entries
        day = first + timedelta(days=rng.randrange(span + 1))
        offset = rng.choice([-300, 0, 60, 120, 330])
        local = datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60))
        started = (local - timedelta(minutes=offset)).replace(tzinfo=UTC)
        started_text = started.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        if journal:
            practice, content, details = "journal", None, {}
        else:
            practice = rng.choices(["break", "breathing", "meditation"], [4, 4, 2])[0]
            content = rng.choice(
                {"break": BREAKS, "breathing": PATTERNS, "meditation": ["body-scan"]}[practice]
            )
            details = {"cycles_completed": rng.randrange(12)} if practice == "breathing" else {}
        rated = rng.random() < 0.5
        before = rng.randrange(3, 11) if rated else None
        after = max(0, before - rng.randrange(4)) if before is not None else None
        sid = str(uuid.uuid4())
        session_rows.append(
            (
                sid,
                practice,
                content,
                started_text,
                offset,
                day.isoformat(),
                300.0,
                rng.uniform(30, 900),
                1,
                before,
                after,
                "manual" if rng.random() < 0.03 else "app",
                json.dumps(details),
            )
        )
        if journal:
            prompt = rng.choice(PROMPTS)
            body = " ".join(rng.choices(WORDS, k=rng.randrange(20, 250)))
            answers = [{"question_id": "reframe", "question": "A kinder way?", "answer": body[:80]}]
            entry_rows.append(
                (
                    sid,
                    prompt,
                    body,
                    json.dumps(answers),
                    started_text,
                    started_text,
                    len(body.split()),
                )
            )
    # Rows go in the order kind would have written them: as the practice happened.
    session_rows.sort(key=lambda r: str(r[3]))
    conn = sqlite3.connect(database)
    with conn:
        conn.executemany(
            "INSERT INTO sessions (id, practice, content_id, started_utc, utc_offset_minutes, "
            "local_date, planned_seconds, actual_seconds, completed, distress_before, "
            "distress_after, source, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            session_rows,
        )
        conn.executemany(
            "INSERT INTO journal_entries (session_id, prompt_id, body, answers, created_utc, "
            "updated_utc, words) VALUES (?, ?, ?, ?, ?, ?, ?)",
            entry_rows,
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=6)
    args = parser.parse_args()
    with temp_home() as tmp:
        home = Path(tmp)
        kind_home = home / "kind-home"
        seed(kind_home / "kind.db", args.sessions, args.entries, args.years, random.Random(6))
        bare = bare_app(home)
        kind = kind_argv()
        commands = {
            "bare command": bare,
            "kind stats --json": [*kind, "stats", "--json"],
            # kind's own start-up with no stats work, to tell the two costs apart.
            "kind data path": [*kind, "data", "path"],
        }
        times = time_commands(commands, args.runs, bench_env(kind_home))
    med = {name: median_ms(t) for name, t in times.items()}
    ratio = med["kind stats --json"] / med["bare command"]
    print(
        f"kind stats --json with {args.sessions:,} sessions ({args.entries:,} journal entries) "
        f"over {args.years} years, median of {args.runs} interleaved runs"
    )
    print(f"  bare command       {med['bare command']:7.1f} ms")
    verdict = "ok" if ratio <= BUDGET else "OVER BUDGET"
    print(
        f"  kind stats --json  {med['kind stats --json']:7.1f} ms   ratio {ratio:5.2f}x"
        f"  (budget {BUDGET:.2f}x)  {verdict}"
    )
    base = med["kind data path"] / med["bare command"]
    print(f"  kind data path     {med['kind data path']:7.1f} ms   ratio {base:5.2f}x  (reference)")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
