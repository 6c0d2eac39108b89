"""How exact and how light is `kind breathe`? Measured from outside, through a real pty.

Writes a short custom pattern (fractional phases) into a temporary KIND_HOME, runs the real
command in a pseudo-terminal, and timestamps every line the moment it arrives:

- plain mode (`--plain`): each phase line against its planned start, counted from the first
  phase line; the closing line against the planned end (end drift); CPU share of the process
  while the session runs (from /proc/PID/stat, so every thread counts);
- the live animated view: when each new phase word first reaches the screen, its end
  drift, and its CPU share while it runs;
- a timeline that is not breathing: `kind break --auto` over a break of short steps with
  uneven pauses, run on the same engine; when each step's heading arrives against its
  planned start, and the closing line against the planned end;
- the floor, in the same run: a bare Python loop that prints the same lines on the same
  absolute deadlines, through the same kind of pty, so pty and scheduler noise can be told
  apart from kind's own error.

Targets (docs/architecture.md): every phase within 20 ms of its deadline, the session end
within 20 ms of plan over 2 minutes, the live view under 3% of one core.

    python bench/breathing.py                # 120 s plain + 30 s live + 60 s break
                                             # (+ a 120 s floor)
    python bench/breathing.py --seconds 30 --live-seconds 10 --timeline-seconds 20
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Run, bench_env, cpu_share, end_drift, kind_argv, pty_run, report, temp_home

# Fractional phases on purpose: they catch rounding as well as drift. 4.3 s a cycle.
PHASES = [("inhale", 1.2), ("hold", 0.75), ("exhale", 1.6), ("hold", 0.75)]
PATTERN_YAML = """id: bench
name: Bench pattern
phases:
{phases}
default_cycles: 1
"""
PHASE_LINE = re.compile(r"^(inhale|hold|exhale) [0-9.]+s$")
# The break's steps: uneven pauses, none a multiple of another, 9.25 s a round.
STEP_PAUSES = [1.5, 0.8, 2.25, 1.1, 3.6]
STEP_LINE = re.compile(r"^Bench step \d+  \(\d+ of \d+\)$")
BREAK_YAML = """id: bench-steps
name: Bench steps
minutes: 1
closing: Bench closing.
steps:
{steps}
"""

FLOOR = r"""
import sys, time
phases = {phases!r}
cycles = {cycles}
start = time.monotonic()
offset = 0.0
for c in range(cycles):
    for action, seconds in phases:
        delay = start + offset - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sys.stdout.write(f"{{action}} {{seconds}}s\n"); sys.stdout.flush()
        offset += seconds
delay = start + offset - time.monotonic()
if delay > 0:
    time.sleep(delay)
sys.stdout.write("Done\n"); sys.stdout.flush()
"""


def _first_phase(line: str) -> bool:
    return bool(PHASE_LINE.match(line) or STEP_LINE.match(line) or "Breathe in" in line)


def run_in_pty(name: str, argv: list[str], env: dict[str, str], end_marker: str) -> Run:
    def ends(line: str) -> bool:
        return line.startswith(end_marker)

    return pty_run(name, argv, env, first=_first_phase, end=ends)


LIVE_WORDS = {"Breathe in": "inhale", "Hold": "hold", "Breathe out": "exhale"}


def phase_starts(run: Run) -> list[float]:
    """When each phase reached the terminal: a plain line, or in the live view the first
    frame showing a new phase word (the bench pattern never repeats a word twice running)."""
    if run.name == "break":
        return [t for t, line in run.lines if STEP_LINE.match(line)]
    if run.name != "live":
        return [t for t, line in run.lines if PHASE_LINE.match(line)]
    starts, last = [], None
    for t, line in run.lines:
        if line in LIVE_WORDS and line != last:
            starts.append(t)
            last = line
    return starts


def phase_errors(run: Run, cycles: int) -> list[float]:
    starts = phase_starts(run)
    lengths = STEP_PAUSES if run.name == "break" else [s for _, s in PHASES]
    offsets = []
    offset = 0.0
    for _ in range(cycles):
        for seconds in lengths:
            offsets.append(offset)
            offset += seconds
    if len(starts) != len(offsets):
        raise SystemExit(f"{run.name}: expected {len(offsets)} phase lines, got {len(starts)}")
    first = starts[0]
    return [t - (first + o) for t, o in zip(starts, offsets, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120, help="plain session length")
    parser.add_argument("--live-seconds", type=float, default=30, help="live session length")
    parser.add_argument("--timeline-seconds", type=float, default=60, help="break --auto length")
    args = parser.parse_args()

    cycle = sum(s for _, s in PHASES)
    cycles = max(1, round(args.seconds / cycle))
    live_cycles = max(1, round(args.live_seconds / cycle))
    total, live_total = cycles * cycle, live_cycles * cycle
    rounds = max(1, round(args.timeline_seconds / sum(STEP_PAUSES)))
    break_total = rounds * sum(STEP_PAUSES)
    with temp_home() as tmp:
        home = Path(tmp)
        folder = home / "content" / "breathing"
        folder.mkdir(parents=True)
        phases = "\n".join(f"  - action: {a}\n    seconds: {s}" for a, s in PHASES)
        (folder / "bench.yaml").write_text(PATTERN_YAML.format(phases=phases))
        breaks = home / "content" / "breaks"
        breaks.mkdir(parents=True)
        steps = "\n".join(
            f"  - component: settle\n    title: Bench step {n}\n    text: Step {n}.\n"
            f"    pause_seconds: {pause}"
            for n, pause in enumerate(STEP_PAUSES * rounds, start=1)
        )
        (breaks / "bench-steps.yaml").write_text(BREAK_YAML.format(steps=steps))
        (home / "config.toml").write_text("mood_checkins = false\n")
        env = bench_env(home)
        env.pop("NO_COLOR", None)
        env["TERM"] = "xterm-256color"
        env["COLUMNS"], env["LINES"] = "100", "30"

        kind = kind_argv()
        floor_py = home / "floor.py"
        floor_py.write_text(FLOOR.format(phases=PHASES, cycles=cycles))
        print(f"pattern: {PHASES} ({cycle:g} s a cycle)")
        print(
            f"plain: {cycles} cycles = {total:.1f} s; live: {live_cycles} cycles = "
            f"{live_total:.1f} s; break --auto: {rounds * len(STEP_PAUSES)} steps = "
            f"{break_total:.1f} s; load average {os.getloadavg()[0]:.2f} on "
            f"{os.cpu_count()} CPUs\n"
        )

        floor = run_in_pty("floor", [sys.executable, str(floor_py)], env, "Done")
        plain = run_in_pty(
            "plain", [*kind, "breathe", "bench", "--plain", "--cycles", str(cycles)], env, "Done:"
        )
        live = run_in_pty(
            "live", [*kind, "breathe", "bench", "--cycles", str(live_cycles)], env, "Done:"
        )
        steps_run = run_in_pty(
            "break", [*kind, "break", "bench-steps", "--auto"], env, "Bench closing."
        )

    floor_err = [abs(e) for e in phase_errors(floor, cycles)]
    plain_err = [abs(e) for e in phase_errors(plain, cycles)]
    live_err = [abs(e) for e in phase_errors(live, live_cycles)]
    step_err = [abs(e) for e in phase_errors(steps_run, rounds)]
    rows = [
        ("worst phase error", max(plain_err) * 1000, max(floor_err) * 1000, "ms", 20.0),
        ("mean phase error", _mean(plain_err) * 1000, _mean(floor_err) * 1000, "ms", None),
        ("worst phase error (live)", max(live_err) * 1000, None, "ms", 20.0),
        ("mean phase error (live)", _mean(live_err) * 1000, None, "ms", None),
        (
            "end drift (plain)",
            end_drift(plain, total) * 1000,
            end_drift(floor, total) * 1000,
            "ms",
            20.0,
        ),
        ("end drift (live)", end_drift(live, live_total) * 1000, None, "ms", 20.0),
        ("worst step error (break)", max(step_err) * 1000, None, "ms", 20.0),
        ("mean step error (break)", _mean(step_err) * 1000, None, "ms", None),
        ("end drift (break)", end_drift(steps_run, break_total) * 1000, None, "ms", 20.0),
        ("CPU share (plain)", cpu_share(plain) * 100, cpu_share(floor) * 100, "%", None),
        ("CPU share (live view)", cpu_share(live) * 100, None, "%", 3.0),
    ]
    failed = report(rows)
    sys.exit(1 if failed else 0)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


if __name__ == "__main__":
    main()
