"""Exporting and importing 10,000 journal entries (and as many other sessions).

    python bench/transfer.py [--entries 10000] [--runs 5] [--jrnl PATH]

It seeds a home through the store (short realistic entries with tags, and breaks,
breathing sessions and meditations with details), then times whole commands, each run
interleaved with the floors measured in the same run:

- `kind export -o FILE` as json, md and csv, and `kind import FILE` into an empty home
  and again into the same home (everything skipped), plus `--dry-run`;
- the floor of any JSON export and import: a bare Python process that reads the same
  rows with sqlite3 and writes them with `json.dump`, and one that `json.load`s the
  export file and inserts the rows into an empty table in one transaction;
- the bare one-command Typer app (start-up alone);
- and jrnl exporting a journal of the same entries as JSON, when jrnl is installed in a
  separate, bench-only environment (never a dependency of kind):
  `python3 -m venv /tmp/jrnl-venv && /tmp/jrnl-venv/bin/pip install jrnl`.

It prints medians, the ratios against the floors and the machine's load average: on a
shared machine, read the ratios with it.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bare_app, bench_env, kind_argv, median_ms, temp_home

WORDS = [
    "rain",
    "walk",
    "sister",
    "tired",
    "kind",
    "calm",
    "work",
    "tea",
    "bus",
    "late",
    "meeting",
    "breath",
    "sleep",
    "dog",
    "friend",
    "worry",
    "small",
    "step",
    "enough",
    "morning",
    "evening",
    "long",
    "slow",
    "gentle",
    "hard",
    "okay",
]

SQL_FLOOR = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = [dict(zip([c[0] for c in cur.description], r)) for cur in [conn.execute(
    "SELECT * FROM sessions s LEFT JOIN journal_entries j ON j.session_id = s.id")]
    for r in cur]
with open(sys.argv[2], "w") as f:
    json.dump(rows, f, ensure_ascii=False, indent=2)
"""

LOAD_FLOOR = """
import json, sqlite3, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
rows = doc["journal"] + doc["sessions"]
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, data TEXT)")
with conn:
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(r["id"], json.dumps(r)) for r in rows])
"""


def seed(home: Path, entries: int) -> None:
    from kindcli.ports import Moment
    from kindcli.practices import journal_entry
    from kindcli.store import Store
    from kindcli.store.records import JournalAnswer, SessionRecord

    rng = random.Random(15)
    start = datetime(2020, 1, 1, 21, 0, tzinfo=timezone(timedelta(hours=-5)))
    made = []
    others = []
    for i in range(entries):
        when = start + timedelta(hours=6 * i, minutes=rng.randrange(60))
        text = " ".join(rng.choices(WORDS, k=rng.randrange(20, 60)))
        made.append(
            journal_entry.build_entry(
                prompt_id="evening",
                answers=[
                    JournalAnswer("happened", "What happened, and how did it feel?", text),
                    JournalAnswer("kind", "What kind words would help?", "You did enough."),
                ],
                tags=rng.sample(["work", "family", "rest", "sleep"], k=rng.randrange(3)),
                moment=Moment.of(when),
                now=when,
            )
        )
        practice = ("break", "breathing", "meditation")[i % 3]
        others.append(
            SessionRecord(
                practice=practice,
                content_id=("standard", "box", "body-scan")[i % 3],
                moment=Moment.of(when + timedelta(hours=2)),
                planned_seconds=300.0,
                actual_seconds=rng.uniform(30, 600),
                distress_before=rng.randrange(11),
                distress_after=rng.randrange(11),
                details={"note": "a hard talk", "steps_completed": 5, "cycles_completed": 7},
            )
        )
    home.mkdir(parents=True, exist_ok=True)
    with Store.open(home / "kind.db") as store:
        store.add_journal_entries([e for e in made if e is not None])
        store.add_sessions(others)


def jrnl_journal(folder: Path, entries: int) -> dict[str, str] | None:
    """A jrnl home holding `entries` entries of the same shape, or None without jrnl."""
    rng = random.Random(15)
    config = folder / ".config" / "jrnl"
    config.mkdir(parents=True)
    journal = folder / "journal.txt"
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals: {{default: {{journal: {journal}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\nversion: v4.6\n"
    )
    start = datetime(2020, 1, 1, 21, 0)
    with open(journal, "w") as f:
        for i in range(entries):
            when = start + timedelta(hours=6 * i)
            text = " ".join(rng.choices(WORDS, k=rng.randrange(20, 60)))
            f.write(f"[{when:%Y-%m-%d %I:%M:%S %p}] Entry {i}.\n{text} @work\n\n")
    env = dict(os.environ)
    env.update(HOME=str(folder), XDG_CONFIG_HOME=str(folder / ".config"))
    return env


def run(argv: list[str], env: dict[str, str], stdout: object = subprocess.DEVNULL) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=stdout, stderr=subprocess.PIPE)  # type: ignore[call-overload]
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed: {done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jrnl", default="/tmp/jrnl-venv/bin/jrnl")
    args = parser.parse_args()
    kind = kind_argv()
    times: dict[str, list[float]] = {}

    def timed(name: str, seconds: float) -> None:
        times.setdefault(name, []).append(seconds)

    with temp_home() as tmp:
        root = Path(tmp)
        home = root / "home"
        print(f"seeding {args.entries:,} journal entries and {args.entries:,} other sessions...")
        seed(home, args.entries)
        env = bench_env(home)
        bare = bare_app(root)
        jrnl = shutil.which(args.jrnl) or (args.jrnl if Path(args.jrnl).exists() else None)
        jrnl_env = jrnl_journal(root / "jrnl", args.entries) if jrnl else None
        export = root / "export.json"
        for i in range(args.runs + 1):
            for path in root.glob("out*"):
                path.unlink()
            export.unlink(missing_ok=True)
            results = {
                "bare typer app": run(bare, env),
                "floor: sqlite3 rows -> json.dump": run(
                    [sys.executable, "-c", SQL_FLOOR, str(home / "kind.db"), str(root / "out.f")],
                    env,
                ),
                "kind export (json)": run([*kind, "export", "-o", str(export)], env),
                "kind export -f md": run(
                    [*kind, "export", "-f", "md", "-o", str(root / "out.md")], env
                ),
                "kind export -f csv": run(
                    [*kind, "export", "-f", "csv", "-o", str(root / "out.csv")], env
                ),
            }
            fresh = root / f"fresh-{i}"
            floor_db = root / f"out-floor-{i}.db"
            results["floor: json.load -> one insert each"] = run(
                [sys.executable, "-c", LOAD_FLOOR, str(export), str(floor_db)], env
            )
            results["kind import (empty home)"] = run(
                [*kind, "import", str(export)], bench_env(fresh)
            )
            results["kind import again (all skipped)"] = run(
                [*kind, "import", str(export)], bench_env(fresh)
            )
            results["kind import --dry-run"] = run(
                [*kind, "import", str(export), "--dry-run"], bench_env(fresh)
            )
            shutil.rmtree(fresh)
            if jrnl and jrnl_env:
                with open(root / "out.jrnl.json", "w") as f:
                    results["jrnl --format json"] = run([jrnl, "--format", "json"], jrnl_env, f)
            if i:  # the first round warms the caches
                for name, seconds in results.items():
                    timed(name, seconds)
        size = export.stat().st_size
    load = os.getloadavg()
    print(
        f"\n{args.entries:,} entries + {args.entries:,} sessions; export file {size / 1e6:.1f} MB"
    )
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {args.runs} runs, medians\n")
    export_floor = median_ms(times["floor: sqlite3 rows -> json.dump"])
    import_floor = median_ms(times["floor: json.load -> one insert each"])
    for name, samples in times.items():
        ms = median_ms(samples)
        against = import_floor if "import" in name else export_floor
        ratio = "" if name.startswith(("floor", "bare")) else f"{ms / against:5.2f}x its floor"
        print(f"{name:<40} {ms:8.0f} ms  {ratio}")
    if not jrnl:
        print("\n(jrnl is not installed in a bench-only environment; its row is left out)")


if __name__ == "__main__":
    main()
