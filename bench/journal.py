"""`kind journal list` and `search` with 10,000 entries, against the bare Typer floor and jrnl.

    python bench/journal.py [--runs N] [--entries N] [--jrnl PATH]

Seeds the same realistic entries into a fresh kind database and a jrnl journal file, then
times, interleaved in one run: the bare one-command Typer app (the floor), `kind journal
list -n 10`, `kind journal search WORD`, and jrnl doing the same (`jrnl -n 10`,
`jrnl -contains WORD -n 20`). Budget: kind within 1.3x of the floor.

jrnl is never a dependency of kind. Install it into a separate, bench-only environment:

    python3 -m venv /tmp/jrnl-venv && /tmp/jrnl-venv/bin/pip install jrnl

and pass `--jrnl /tmp/jrnl-venv/bin/jrnl` (that path is also tried by default). Without
it the jrnl rows are left out and the bench says so.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bare_app, bench_env, kind_argv, median_ms, temp_home, time_commands

BUDGET = 1.3
DEFAULT_JRNL = "/tmp/jrnl-venv/bin/jrnl"

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
HUMAN = [
    "Lots of people feel this way under pressure.",
    "Anyone would be worn out after a week like this.",
    "It makes sense given how little sleep I had.",
    "Other parents have mornings like this too.",
    "Feeling nervous before something new is normal.",
]
KIND = [
    "You are doing your best with what you have today.",
    "It is okay to rest; you do not have to earn it.",
    "You can try again tomorrow, gently.",
    "May I be patient with myself.",
    "You handled more than you give yourself credit for.",
]
TAGS = ["work", "family", "sleep", "health", "friends", "critic", "gratitude", "calm"]
SETS = {
    "evening": ["noticing", "human", "kindness"],
    "reframe": ["critic", "reframe", "step"],
    "free": ["text"],
    "gratitude": ["okay", "you", "thanks"],
}


def entry_texts(rng: random.Random, prompt: str) -> list[tuple[str, str]]:
    story = f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)}. " * rng.randint(1, 4)
    pool = {
        "noticing": story,
        "human": rng.choice(HUMAN),
        "kindness": rng.choice(KIND),
        "critic": "You always mess this up. " + rng.choice(MIDDLES).capitalize() + ".",
        "reframe": rng.choice(KIND) + " " + rng.choice(HUMAN),
        "step": "Go to bed a little earlier and drink some water.",
        "text": story + rng.choice(KIND),
        "okay": "A warm cup of tea and a message from a friend.",
        "you": "I asked for help instead of pushing through.",
        "thanks": "The sun on the way home.",
    }
    return [(q, pool[q].strip()) for q in SETS[prompt]]


def seed(home: Path, journal_file: Path, count: int) -> None:
    from kindcli.ports import Moment
    from kindcli.practices.journal import build_entry
    from kindcli.store import Store
    from kindcli.store.records import JournalAnswer

    rng = random.Random(20260314)
    tz = timezone(timedelta(hours=1))
    start = datetime(2023, 1, 1, 21, 0, tzinfo=tz)
    jrnl_lines: list[str] = []
    with Store.open(home / "kind.db") as store:
        for i in range(count):
            when = start + timedelta(hours=i * 2.6 + rng.random())
            prompt = rng.choice(list(SETS))
            texts = entry_texts(rng, prompt)
            tags = sorted(set(rng.sample(TAGS, rng.randint(0, 2))))
            entry = build_entry(
                prompt_id=prompt,
                answers=[JournalAnswer(q, q, t) for q, t in texts],
                tags=tags,
                moment=Moment.of(when),
                now=when,
            )
            assert entry is not None
            store.add_journal_entry(entry)
            body = "\n\n".join(t for _, t in texts)
            tag_words = " ".join(f"@{t}" for t in tags)
            jrnl_lines.append(
                f"[{when:%Y-%m-%d %I:%M:%S %p}] {prompt} entry {tag_words}\n{body}\n\n"
            )
    journal_file.write_text("".join(jrnl_lines), encoding="utf-8")


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--jrnl", default=DEFAULT_JRNL, help="jrnl in a bench-only venv")
    parser.add_argument("--word", default="tired", help="the word to search for")
    args = parser.parse_args()
    jrnl = args.jrnl if Path(args.jrnl).exists() else shutil.which("jrnl")
    with temp_home() as tmp:
        root = Path(tmp)
        home = root / "kind-home"
        home.mkdir(mode=0o700)
        journal_file = root / "jrnl" / "journal.txt"
        journal_file.parent.mkdir()
        seed(home, journal_file, args.entries)
        env = bench_env(home)
        config_home = root / "xdg-config"
        (config_home / "jrnl").mkdir(parents=True)
        (config_home / "jrnl" / "jrnl.yaml").write_text(JRNL_CONFIG.format(journal=journal_file))
        env["XDG_CONFIG_HOME"] = str(config_home)
        env["XDG_DATA_HOME"] = str(root / "xdg-data")
        bare = bare_app(root)
        kind = kind_argv()
        commands = {
            "floor (bare Typer app)": bare,
            "kind journal list -n 10": [*kind, "journal", "list", "-n", "10"],
            f"kind journal search {args.word}": [*kind, "journal", "search", args.word],
        }
        if jrnl:
            commands["jrnl -n 10"] = [jrnl, "-n", "10"]
            commands[f"jrnl -contains {args.word} -n 20"] = [
                jrnl,
                "-contains",
                args.word,
                "-n",
                "20",
            ]
        times = time_commands(commands, args.runs, env)
    med = {name: median_ms(t) for name, t in times.items()}
    floor = med["floor (bare Typer app)"]
    print(
        f"journal at scale: {args.entries} entries, median of {args.runs} interleaved runs "
        f"(budget {BUDGET:.2f}x the floor)"
    )
    worst = 0.0
    for name, ms in med.items():
        ratio = ms / floor
        line = f"  {name:<34} {ms:8.1f} ms   {ratio:5.2f}x floor"
        if name.startswith("kind"):
            worst = max(worst, ratio)
            line += "  ok" if ratio <= BUDGET else "  OVER BUDGET"
        print(line)
    if jrnl:
        pairs = [
            ("kind journal list -n 10", "jrnl -n 10"),
            (f"kind journal search {args.word}", f"jrnl -contains {args.word} -n 20"),
        ]
        for ours, theirs in pairs:
            print(f"  {ours} vs {theirs}: kind takes {med[ours] / med[theirs]:.2f}x jrnl's time")
    else:
        print("  jrnl was not found (see the docstring for a bench-only install); not compared")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
