"""Peak memory (RSS) of every kind command, against the 60 MiB budget.

    python bench/memory.py [--entries N] [--sessions N]

Seeds one home through the store (10,000 journal entries and 100,000 sessions by default),
then runs every command the way a person meets it: read-only and piped commands to the end,
and the interactive ones (a break, breathing, writing in the journal, the menu, the safety
plan, a meditation) in a pseudo-terminal until their first question or phase is on screen,
then Ctrl-C. Each figure is the kernel's own account of that process's peak resident set
(`wait4`), with the bare one-command Typer app for scale. Budget: every command under 60 MiB.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import random
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


import journal as journal_bench
import stats as stats_bench
from common import bare_app, bench_env, kind_argv, temp_home

BUDGET_MIB = 60.0

# Each command is started from this small launcher, not from the bench itself: a child's
# peak RSS counts the memory of the process it was forked from, until it execs.
LAUNCHER = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
pid = os.fork()
if pid == 0:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""

IMPORT_ROW = "import (into an empty home)"

# (name, words after `kind`, text piped in or None, what to wait for in a terminal or None)
COMMANDS: list[tuple[str, list[str], str | None, bytes | None]] = [
    ("--help", ["--help"], None, None),
    ("--version", ["--version"], None, None),
    ("break --list", ["break", "--list"], None, None),
    ("breathe --list", ["breathe", "--list"], None, None),
    ("meditate --list", ["meditate", "--list"], None, None),
    ("journal list", ["journal", "list"], None, None),
    ("journal list --json -n 500", ["journal", "list", "--json", "-n", "500"], None, None),
    ("journal search tired", ["journal", "search", "tired"], None, None),
    ("journal show", ["journal", "show", "{entry}"], None, None),
    ("journal tags", ["journal", "tags"], None, None),
    ("journal (piped)", ["journal"], "A long day, and I was kind to myself.\n", None),
    ("journal delete --yes", ["journal", "delete", "{doomed}", "--yes"], None, None),
    ("stats", ["stats"], None, None),
    ("stats --json", ["stats", "--json"], None, None),
    ("stats --since all --json", ["stats", "--since", "all", "--json"], None, None),
    ("log break", ["log", "break"], None, None),
    ("sos", ["sos"], None, None),
    ("help-now --json", ["help-now", "--json"], None, None),
    ("resources", ["resources"], None, None),
    ("about", ["about"], None, None),
    ("plan show", ["plan", "show"], None, None),
    ("plan edit reasons (piped)", ["plan", "edit", "reasons"], "My cat\n", None),
    ("data path", ["data", "path"], None, None),
    ("data doctor", ["data", "doctor"], None, None),
    ("data backup", ["data", "backup", "{backup}"], None, None),
    ("history", ["history"], None, None),
    ("history --json", ["history", "--json", "-n", "500"], None, None),
    ("export (json)", ["export", "-o", "{export}"], None, None),
    ("export --format md", ["export", "--format", "md", "-o", "{root}/e.md"], None, None),
    ("export --format csv", ["export", "--format", "csv", "-o", "{root}/e.csv"], None, None),
    # Into a home of its own: everything in the export is new there.
    (IMPORT_ROW, ["import", "{export}"], None, None),
    ("measure --list", ["measure", "--list"], None, None),
    ("measure --history --json", ["measure", "--history", "--json"], None, None),
    ("report (md, 30 days)", ["report"], None, None),
    (
        "report --since all --format html",
        ["report", "--since", "all", "--format", "html"],
        None,
        None,
    ),
    ("completion bash", ["completion", "bash"], None, None),
    ("content list", ["content", "list"], None, None),
    ("content show box", ["content", "show", "box"], None, None),
    ("content validate", ["content", "validate"], None, None),
    ("config show", ["config", "show"], None, None),
    ("config path", ["config", "path"], None, None),
    ("remind list", ["remind", "list"], None, None),
    ("nudge", ["nudge"], None, None),
    ("hello", ["hello"], None, None),
    ("kind (menu, terminal)", [], None, b"What would help"),
    ("break (terminal)", ["break"], None, b"How intense"),
    ("breathe (terminal)", ["breathe"], None, b"in"),
    ("journal (terminal)", ["journal"], None, b"?"),
    ("plan (terminal)", ["plan"], None, b"?"),
    ("meditate (terminal)", ["meditate"], None, b"?"),
]


def launched(argv: Sequence[str], report: Path) -> list[str]:
    launcher = report.with_name("launcher.py")
    if not launcher.exists():
        launcher.write_text(LAUNCHER)
    return [sys.executable, "-S", str(launcher), str(report), *argv]


def reported(report: Path) -> tuple[float, int]:
    kib, rc = report.read_text().split()
    report.unlink()
    return int(kib) / 1024, int(rc)


def peak_piped(
    argv: Sequence[str], env: Mapping[str, str], stdin: str | None, report: Path
) -> tuple[float, int]:
    subprocess.run(
        launched(argv, report),
        env=dict(env),
        input=(stdin or "").encode(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return reported(report)


def _own_terminal() -> None:
    """In the child: a session of its own whose controlling terminal is the pty, so Ctrl-C
    typed there is a SIGINT to it, as in a real terminal."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def peak_in_terminal(
    argv: Sequence[str], env: Mapping[str, str], mark: bytes, report: Path, timeout: float = 20
) -> tuple[float, int]:
    """Run argv on a fresh 100x30 pseudo-terminal until `mark` shows, then type Ctrl-C."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**env, "PROMPT_TOOLKIT_NO_CPR": "1"}
    proc = subprocess.Popen(
        launched(argv, report),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        preexec_fn=_own_terminal,
    )
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + timeout
    typed = 0.0
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            # Ctrl-C once the first screen is up, and again each second: a key pressed while
            # a program switches the terminal's mode can be flushed away, as a person's can.
            if mark in seen and time.monotonic() - typed > 1:
                if not typed:
                    deadline = time.monotonic() + 10
                    time.sleep(0.3)  # let the first screen settle
                os.write(master, b"\x03")
                typed = time.monotonic()
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
        if proc.poll() is None:  # Ctrl-C did not end it: ask as a closing terminal would
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise SystemExit(f"{' '.join(argv)} did not stop; seen: {seen[-300:]!r}") from None
        proc.wait()
        if mark not in seen:
            raise SystemExit(f"{' '.join(argv)} never showed {mark!r}; seen: {seen[-300:]!r}")
    finally:
        os.close(master)
    return reported(report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=100_000)
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with temp_home() as tmp:
        root = Path(tmp)
        home = root / "kind-home"
        home.mkdir(mode=0o700)
        database = home / "kind.db"
        stats_bench.seed(database, args.sessions, 6, random.Random(6))
        ids = journal_bench.seed(database, args.entries, random.Random(7))
        env = bench_env(home)
        kind = kind_argv()
        fill = {
            "entry": ids[len(ids) // 2][:8],
            "doomed": ids[3][:8],
            "backup": str(root / "b.db"),
            "export": str(root / "e.json"),
            "root": str(root),
        }
        report = root / "peak.txt"
        rows: list[tuple[str, float, int]] = []
        peak, rc = peak_piped(bare_app(root), env, None, report)
        rows.append(("bare Typer app (for scale)", peak, rc))
        for name, words, piped, mark in COMMANDS:
            argv = [*kind, *(w.format(**fill) for w in words)]
            if name == IMPORT_ROW:
                other = root / "other-home"
                other.mkdir(mode=0o700)
                peak, rc = peak_piped(argv, bench_env(other), piped, report)
            elif mark is None:
                peak, rc = peak_piped(argv, env, piped, report)
            else:
                peak, rc = peak_in_terminal(argv, env, mark, report)
            rows.append((name, peak, rc))
    print(
        f"peak RSS of every command ({args.entries:,} journal entries, "
        f"{args.sessions:,} sessions; budget {BUDGET_MIB:.0f} MiB)"
    )
    worst = 0.0
    for name, peak, rc in rows:
        kind_row = not name.startswith("bare")
        if kind_row:
            worst = max(worst, peak)
        verdict = ("ok" if peak < BUDGET_MIB else "OVER BUDGET") if kind_row else ""
        print(f"  {name:<30} {peak:6.1f} MiB   exit {rc:<4} {verdict}")
    print(f"  largest: {worst:.1f} MiB")
    from kindcli.cli import COMMANDS as TOP_LEVEL

    measured = {words[0] for _, words, _, _ in COMMANDS if words}
    missing = [c for c in TOP_LEVEL if c not in measured]
    if missing:
        print(f"  not measured yet (add a row): {', '.join(missing)}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if worst < BUDGET_MIB else 1


if __name__ == "__main__":
    raise SystemExit(main())
