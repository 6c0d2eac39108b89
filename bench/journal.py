"""The journal at 1,000 to 100,000 entries: in-process costs, growth, and whole commands.

    python bench/journal.py [--sizes 1000,10000,100000] [--runs N] [--jrnl PATH]

For each size it seeds a fresh database through the store (the shipped prompt sets'
questions, short realistic answers, tags) and measures in the same process, as medians:
`journal list -n 10`, `search` for a common word (in about one entry of six), for a
rare one (in exactly five entries at every size), for two words, and deleting and editing
one entry; with the bytes the database takes per entry. It prints each figure's growth from
the smallest size and from 10,000 to the largest.

At 10,000 entries and at the largest size it also times whole commands, interleaved with
the bare one-command Typer app (the floor): `kind journal list -n 10` and `kind journal
search WORD`, and jrnl doing the same when it is there.

Budgets: search at the largest size within 1.2x of its time at 10,000 (common and rare);
delete and edit within 1.2x too (constant in journal size); at most 1,200 bytes an entry;
commands within 1.3x of the floor. A delete or an edit ends with a checkpoint that waits
for the disk (fsync), which a busy machine makes noisy, so their budget is checked on the
fastest run of their SQL alone and on the pages they write (the same entry is edited at
every size); the whole change (median) is printed beside them.

jrnl is never a dependency of kind. Install it into a separate, bench-only environment:

    python3 -m venv /tmp/jrnl-venv && /tmp/jrnl-venv/bin/pip install jrnl

and pass `--jrnl /tmp/jrnl-venv/bin/jrnl` (that path is also tried by default). Without
it the jrnl rows are left out and the bench says so. The machine's load average is printed
with the figures: on a shared machine, read the ratios with it.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
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

GROWTH_BUDGET = 1.2
COMMAND_BUDGET = 1.3
BYTES_BUDGET = 1200
DEFAULT_JRNL = "/tmp/jrnl-venv/bin/jrnl"
COMMON = "tired"
RARE = "quokka"
RARE_ENTRIES = 5

OPENINGS = [
    "Today the meeting ran long and I",
    "This morning I woke up tired and",
    "After the call with my sister I",
    "On the walk home I noticed that I",
    "At lunch a colleague said something and I",
    "Late in the evening I",
    "When the deadline moved again I",
    "During the school run I",
]
MIDDLES = [
    "felt small and wanted to hide",
    "kept replaying what I said",
    "was hard on myself for being slow",
    "felt a knot in my stomach",
    "snapped at someone I love",
    "could not stop checking my phone",
    "felt proud for a moment, then doubted it",
    "noticed my shoulders were up by my ears",
]
KIND = [
    "You are doing your best with what you have today.",
    "It is okay to rest; you do not have to earn it.",
    "You can try again tomorrow, gently.",
    "Lots of people feel this way under pressure.",
    "Anyone would be worn out after a week like this.",
    "You handled more than you give yourself credit for.",
]
TAGS = ["work", "family", "sleep", "health", "friends", "critic", "gratitude", "calm"]


def answer(rng: random.Random, first: bool) -> str:
    if first:
        return " ".join(
            f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)}." for _ in range(rng.randint(1, 2))
        )
    return rng.choice(KIND)


def seed(database: Path, count: int, rng: random.Random) -> list[str]:
    """Fill a fresh database through the store; returns the entry ids, oldest first."""
    from kindcli.catalog.catalog import Catalog
    from kindcli.catalog.models import PromptSet
    from kindcli.paths import shipped_content_dir
    from kindcli.ports import Moment
    from kindcli.practices.journal_entry import build_entry
    from kindcli.store import Store
    from kindcli.store.records import JournalAnswer, JournalEntry

    sets = Catalog(shipped_content_dir()).all(PromptSet)
    rare = set(rng.sample(range(count), RARE_ENTRIES))
    tz = timezone(timedelta(hours=1))
    start = datetime(2023, 1, 1, 21, 0, tzinfo=tz)
    ids: list[str] = []
    with Store.open(database) as store:
        batch: list[JournalEntry] = []
        for i in range(count):
            when = start + timedelta(hours=i * 2.6 + rng.random())
            chosen = rng.choice(sets)
            texts = [answer(rng, n == 0) for n in range(len(chosen.questions))]
            if i in rare:
                texts[0] += f" A {RARE} waved at me."
            entry = build_entry(
                prompt_id=chosen.id,
                answers=[
                    JournalAnswer(q.id, q.text, t)
                    for q, t in zip(chosen.questions, texts, strict=True)
                ],
                tags=sorted(set(rng.sample(TAGS, rng.randint(0, 2)))),
                moment=Moment.of(when),
                now=when,
            )
            assert entry is not None
            batch.append(entry)
            ids.append(entry.id)
            if len(batch) == 2000:
                store.add_journal_entries(batch)
                batch = []
        store.add_journal_entries(batch)
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ids


def median_of(f: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def in_process(database: Path, ids: list[str], runs: int, rng: random.Random) -> dict[str, float]:
    from kindcli.store import Store

    figures: dict[str, float] = {}
    with Store.open(database) as store:
        found = len(store.search_journal([COMMON]))
        assert found > len(ids) // 10, found  # a common word: in about one entry of six
        assert len(store.search_journal([RARE])) == RARE_ENTRIES
        figures["list -n 10"] = median_of(lambda: store.journal_entries(limit=11), runs)
        figures[f"search {COMMON}"] = median_of(
            lambda: store.search_journal([COMMON], limit=20), runs
        )
        figures[f"search {RARE}"] = median_of(lambda: store.search_journal([RARE], limit=20), runs)
        figures["search felt proud"] = median_of(
            lambda: store.search_journal(["felt", "proud"], limit=20), runs
        )
        doomed = iter(rng.sample(ids, runs * 2))
        # The entry to edit is the same at every size, so each edit changes the same words.
        entry = fixed_entry()
        store.add_journal_entry(entry)

        def edit() -> None:
            entry.answers[0].answer = (
                entry.answers[0].answer.replace("rain", "sun", 1)
                if ("rain" in entry.answers[0].answer)
                else entry.answers[0].answer.replace("sun", "rain", 1)
            )
            body = "\n\n".join(a.answer for a in entry.answers if a.answer.strip())
            store.update_journal_entry(entry.id, body, entry.answers, entry.session.moment.utc_text)

        for name, change in (
            ("delete", lambda: store.delete_journal_entry(next(doomed))),
            ("edit", edit),
        ):
            whole, sql, pages = phases(store, database, change, runs)
            figures[f"{name} one"] = whole
            figures[f"{name}: sql, fastest"] = sql
            figures[f"{name}: pages"] = pages
    return figures


def fixed_entry() -> Any:
    from kindcli.ports import Moment
    from kindcli.practices.journal_entry import build_entry
    from kindcli.store.records import JournalAnswer

    when = datetime(2024, 6, 1, 20, 0, tzinfo=UTC)
    words = "The rain kept on all day and I let myself rest, which felt new and a bit strange."
    made = build_entry(
        prompt_id="free",
        answers=[JournalAnswer("text", "What is on your mind?", words)],
        tags=["calm"],
        moment=Moment.of(when),
        now=when,
    )
    assert made is not None
    return made


def phases(
    store: Any, database: Path, change: Callable[[], object], runs: int
) -> tuple[float, float, float]:
    """A change's whole time (median, with the checkpoint that wipes old copies), the time
    of its SQL alone (the fastest run: what the work costs when nothing else competes for
    the disk) and the pages it wrote to the log (median)."""
    whole = median_of(change, runs)
    wipe = store._wipe_old_copies
    store._wipe_old_copies = lambda: None  # the same method, minus its checkpoint
    wal = database.with_name(database.name + "-wal")
    sql, pages = [], []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            change()
            sql.append(time.perf_counter() - start)
            pages.append((wal.stat().st_size - 32) // (4096 + 24))  # frames in the log
            wipe()
    finally:
        del store._wipe_old_copies
    return whole, min(sql) * 1000, statistics.median(pages)


JRNL_CONFIG = """\
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %I:%M:%S %p'
version: v4.6
"""


def write_jrnl(database: Path, journal_file: Path) -> None:
    """The same entries as a jrnl journal file."""
    from kindcli.store import Store

    with Store.open_readonly(database) as store:
        lines = [
            f"[{e.session.moment.utc:%Y-%m-%d %I:%M:%S %p}] {e.prompt_id} entry "
            + " ".join(f"@{t}" for t in e.tags)
            + f"\n{e.body}\n\n"
            for e in reversed(store.journal_entries())
        ]
    journal_file.write_text("".join(lines), encoding="utf-8")


def commands(home: Path, root: Path, runs: int, jrnl: str | None) -> dict[str, float]:
    env = bench_env(home)
    kind = kind_argv()
    argv = {
        "floor (bare Typer app)": bare_app(root),
        "kind journal list -n 10": [*kind, "journal", "list", "-n", "10"],
        f"kind journal search {COMMON}": [*kind, "journal", "search", COMMON],
        f"kind journal search {RARE}": [*kind, "journal", "search", RARE],
        f"through Typer: search {COMMON}": [*kind_through_typer(), "journal", "search", COMMON],
    }
    if jrnl:
        journal_file = root / "jrnl" / "journal.txt"
        journal_file.parent.mkdir(exist_ok=True)
        write_jrnl(home / "kind.db", journal_file)
        config_home = root / "xdg-config"
        (config_home / "jrnl").mkdir(parents=True, exist_ok=True)
        (config_home / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal_file))
        env["XDG_CONFIG_HOME"] = str(config_home)
        env["XDG_DATA_HOME"] = str(root / "xdg-data")
        argv["jrnl -n 10"] = [jrnl, "-n", "10"]
        argv[f"jrnl -contains {COMMON} -n 20"] = [jrnl, "-contains", COMMON, "-n", "20"]
    return {name: median_ms(t) for name, t in time_commands(argv, runs, env).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--command-runs", type=int, default=15)
    parser.add_argument("--jrnl", default=DEFAULT_JRNL, help="jrnl in a bench-only venv")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    jrnl = args.jrnl if Path(args.jrnl).exists() else shutil.which("jrnl")
    rng = random.Random(20260314)
    table: dict[int, dict[str, float]] = {}
    timed: dict[int, dict[str, float]] = {}
    ok = True
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for size in sizes:
        with temp_home() as tmp:
            root = Path(tmp)
            home = root / "kind-home"
            home.mkdir(mode=0o700)
            database = home / "kind.db"
            start = time.perf_counter()
            ids = seed(database, size, rng)
            seeded = time.perf_counter() - start
            per_entry = database.stat().st_size / size
            table[size] = in_process(database, ids, args.runs, rng)
            table[size]["bytes per entry"] = per_entry
            print(
                f"{size:>7,} entries seeded through the store in {seeded:5.1f} s: "
                f"{per_entry:6.0f} bytes per entry"
                + ("" if per_entry <= BYTES_BUDGET else "  OVER BUDGET")
            )
            ok = ok and per_entry <= BYTES_BUDGET
            if size >= 10_000 and (size == sizes[-1] or size == 10_000):
                timed[size] = commands(home, root, args.command_runs, jrnl)
    names = [n for n in table[sizes[0]] if n != "bytes per entry"]
    print(f"\nin process, median of {args.runs} (ms)")
    print(f"  {'':<20}" + "".join(f"{s:>10,}" for s in sizes) + "   growth")
    for name in names:
        row = "".join(f"{table[s][name]:10.2f}" for s in sizes)
        growth = f"{table[sizes[-1]][name] / table[sizes[0]][name]:5.2f}x from {sizes[0]:,}"
        verdict = ""
        if 10_000 in table and sizes[-1] > 10_000:
            ratio = table[sizes[-1]][name] / table[10_000][name]
            growth += f", {ratio:5.2f}x from 10,000"
            if not name.startswith(("list", "search felt", "delete one", "edit one")):
                verdict = "  ok" if ratio <= GROWTH_BUDGET else "  OVER BUDGET"
                ok = ok and ratio <= GROWTH_BUDGET
        print(f"  {name:<20}{row}   {growth}{verdict}")
    for size, med in timed.items():
        floor = med["floor (bare Typer app)"]
        print(
            f"\nwhole commands at {size:,} entries, median of {args.command_runs} interleaved runs"
        )
        for name, ms in med.items():
            line = f"  {name:<34} {ms:8.1f} ms   {ms / floor:5.2f}x floor"
            if name.startswith("kind"):
                line += "  ok" if ms / floor <= COMMAND_BUDGET else "  OVER BUDGET"
                ok = ok and ms / floor <= COMMAND_BUDGET
            print(line)
        if jrnl:
            listing = med["kind journal list -n 10"] / med["jrnl -n 10"]
            search = med[f"kind journal search {COMMON}"] / med[f"jrnl -contains {COMMON} -n 20"]
            print(f"  kind takes {listing:.2f}x jrnl's time to list, {search:.2f}x to search")
        else:
            print("  jrnl was not found (see the docstring for a bench-only install); not compared")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
