"""Start-up time of kind against a bare one-command Typer app, measured side by side.

    python bench/startup.py [--runs N]

Prints the median of each command and its ratio to the floor. Budget: 1.15x.

It also runs `kind break` in a pseudo-terminal, as a person would meet it, and times how
long until its first line (the greeting) and its first question appear, against the time
the bare app takes to print its line in the same kind of terminal, interleaved in the same
run. Budget for the first question: 1.5x the bare app's first line.
"""

from __future__ import annotations

import argparse
import fcntl
import os
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

from common import bare_app, bench_env, kind_argv, median_ms, temp_home, time_commands

BUDGET = 1.15
QUESTION_BUDGET = 1.5
GREETING = b"Let's take a moment"
FIRST_QUESTION = b"How intense"


def time_in_pty(
    argv: Sequence[str], env: Mapping[str, str], marks: Sequence[bytes], timeout: float = 20
) -> list[float]:
    """Start argv on a fresh 100x30 pseudo-terminal; seconds until each mark appears."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), stdin=slave, stdout=slave, stderr=slave, env=dict(env), start_new_session=True
    )
    os.close(slave)
    seen = b""
    found: list[float] = []
    try:
        while len(found) < len(marks):
            left = start + timeout - time.perf_counter()
            ready, _, _ = select.select([master], [], [], max(0.0, left))
            if not ready:
                raise SystemExit(f"{argv} showed no {marks[len(found)]!r} within {timeout} s")
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the program closed the terminal
                data = b""
            if not data:
                raise SystemExit(f"{argv} ended before showing {marks[len(found)]!r}")
            now = time.perf_counter() - start
            seen += data
            while len(found) < len(marks) and marks[len(found)] in seen:
                found.append(now)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # as Ctrl-C: kind stops calmly
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(master)
    return found


def time_first_output(
    bare: Sequence[str], kind: Sequence[str], runs: int, env: Mapping[str, str], warmup: int = 3
) -> dict[str, list[float]]:
    # prompt_toolkit asks the terminal for the cursor position; nobody answers in a bare pty,
    # so without this the first question would wait for a reply a real terminal gives at once.
    env = {**env, "PROMPT_TOOLKIT_NO_CPR": "1"}
    times: dict[str, list[float]] = {
        "bare first line": [],
        "break first line": [],
        "break question": [],
    }
    for i in range(warmup + runs):
        (bare_line,) = time_in_pty(bare, env, [b"hello"])
        greeting, question = time_in_pty([*kind, "break"], env, [GREETING, FIRST_QUESTION])
        if i >= warmup:
            times["bare first line"].append(bare_line)
            times["break first line"].append(greeting)
            times["break question"].append(question)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with temp_home() as tmp:
        home = Path(tmp)
        bare = bare_app(home)
        kind = kind_argv()
        commands = {
            "bare --help": [*bare, "--help"],
            "kind --help": [*kind, "--help"],
            "bare command": bare,
            "kind data path": [*kind, "data", "path"],
        }
        times = time_commands(commands, args.runs, bench_env(home / "kind-home"))
        pty_times = time_first_output(bare, kind, args.runs, bench_env(home / "kind-home"))
    med = {name: median_ms(t) for name, t in times.items()}
    pairs = [("kind --help", "bare --help"), ("kind data path", "bare command")]
    print(f"start-up, median of {args.runs} interleaved runs (budget {BUDGET:.2f}x the floor)")
    worst = 0.0
    for name, floor in pairs:
        ratio = med[name] / med[floor]
        worst = max(worst, ratio)
        verdict = "ok" if ratio <= BUDGET else "OVER BUDGET"
        print(
            f"  {name:<16} {med[name]:7.1f} ms   floor ({floor}) {med[floor]:7.1f} ms"
            f"   ratio {ratio:5.2f}x  {verdict}"
        )
    pty_med = {name: median_ms(t) for name, t in pty_times.items()}
    floor = pty_med["bare first line"]
    print(
        f"kind break in a pseudo-terminal, median of {args.runs} interleaved runs "
        f"(first question: budget {QUESTION_BUDGET:.2f}x the bare first line)"
    )
    for name, label in (
        ("break first line", "first line"),
        ("break question", "first question"),
    ):
        ratio = pty_med[name] / floor
        verdict = ""
        if name == "break question":
            verdict = "  ok" if ratio <= QUESTION_BUDGET else "  OVER BUDGET"
        print(
            f"  {label:<16} {pty_med[name]:7.1f} ms   floor (bare first line) {floor:7.1f} ms"
            f"   ratio {ratio:5.2f}x{verdict}"
        )
    question_ok = pty_med["break question"] / floor <= QUESTION_BUDGET
    return 0 if worst <= BUDGET and question_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
