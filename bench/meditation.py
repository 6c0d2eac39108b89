"""How exact is `kind meditate`? Measured from outside, through a real pty.

Writes a meditation of short steps with uneven lengths into a temporary KIND_HOME, runs the
real command in a pseudo-terminal and timestamps every line the moment it arrives:

- a guided meditation in plain mode (`--plain`): when each instruction's line arrives
  against its planned start (counted from the first), the closing line against the planned
  end (end drift), and the CPU share while it runs;
- the same meditation in the live view: when each instruction first reaches the screen, the
  end drift, and the CPU share of the live view (it redraws for the fade and the time left);
- the sitting timer in plain mode with interval bells (`kind meditate timer --plain -i`):
  each bell line against its deadline, and the closing line against the end;
- the timer's live view: when each interval bell first shows on screen;
- the floor, in the same run: a bare Python loop that prints the same lines on the same
  absolute deadlines through the same kind of pty, so pty and scheduler noise can be told
  apart from kind's own error.

Targets (docs/architecture.md): every instruction and bell within 20 ms of its deadline,
the end within 20 ms of plan.

    python bench/meditation.py                      # 60 s each (+ a 60 s floor)
    python bench/meditation.py --seconds 20 --live-seconds 10 --timer-seconds 20
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Row, Run, bench_env, cpu_share, end_drift, kind_argv, pty_run, report, temp_home

# Uneven lengths on purpose, none a multiple of another: 9.25 s a round.
STEP_SECONDS = [1.5, 0.8, 2.25, 1.1, 3.6]
STEP_LINE = re.compile(r"^Bench step (\d+)\.$")
MEDITATION_YAML = """id: bench
name: Bench meditation
summary: Short steps for timing.
minutes: {minutes!r}
closing: Bench closing.
steps:
{steps}
"""
# The timer's interval: 0.07 minutes is 4.2 s, so the seconds shown are never whole minutes.
TIMER_INTERVAL_MINUTES = 0.07
BELL_LINE = re.compile(r"^Bell: \d+:\d\d\.$")
LIVE_BELL = "· bell ·"

FLOOR = r"""
import sys, time
lengths = {lengths!r}
start = time.monotonic()
offset = 0.0
for n, seconds in enumerate(lengths, start=1):
    delay = start + offset - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    sys.stdout.write(f"Bench step {{n}}.\n"); sys.stdout.flush()
    offset += seconds
delay = start + offset - time.monotonic()
if delay > 0:
    time.sleep(delay)
sys.stdout.write("Done\n"); sys.stdout.flush()
"""


def step_starts(run: Run) -> list[float]:
    """When each instruction reached the terminal: its first line (in the live view the
    first frame showing it; every later frame shows it again)."""
    starts: dict[int, float] = {}
    for t, line in run.lines:
        m = STEP_LINE.match(line)
        if m and int(m[1]) not in starts:
            starts[int(m[1])] = t
    return [starts[n] for n in sorted(starts)]


def bell_starts(run: Run) -> list[float]:
    """When each interval bell reached the terminal: its plain line, or in the live view the
    first frame that shows it ringing."""
    if run.name == "timer":
        return [t for t, line in run.lines if BELL_LINE.match(line)]
    found, showing = [], False
    for t, line in run.lines:
        if line == LIVE_BELL and not showing:
            found.append(t)
        if line == LIVE_BELL:
            showing = True
        elif line.startswith("next bell in"):
            showing = False
    return found


def errors(starts: list[float], offsets: list[float], origin: float, name: str) -> list[float]:
    if len(starts) != len(offsets):
        raise SystemExit(f"{name}: expected {len(offsets)} lines, got {len(starts)}")
    return [t - (origin + o) for t, o in zip(starts, offsets, strict=True)]


def offsets_of(lengths: list[float]) -> list[float]:
    out, at = [], 0.0
    for seconds in lengths:
        out.append(at)
        at += seconds
    return out


def worst(errs: list[float]) -> float:
    return max(abs(e) for e in errs) * 1000


def mean(errs: list[float]) -> float:
    return sum(abs(e) for e in errs) / len(errs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="plain meditation length")
    parser.add_argument("--live-seconds", type=float, default=30, help="live meditation length")
    parser.add_argument("--timer-seconds", type=float, default=60, help="each timer's length")
    args = parser.parse_args()

    rounds = max(1, round(args.seconds / sum(STEP_SECONDS)))
    live_rounds = max(1, round(args.live_seconds / sum(STEP_SECONDS)))
    lengths = STEP_SECONDS * rounds
    live_lengths = STEP_SECONDS * live_rounds
    interval = TIMER_INTERVAL_MINUTES * 60
    bells = max(1, round(args.timer_seconds / interval) - 1)
    timer_seconds = (bells + 1) * interval
    with temp_home() as tmp:
        home = Path(tmp)
        folder = home / "content" / "meditations"
        folder.mkdir(parents=True)
        for name, these in (("bench", lengths), ("bench-live", live_lengths)):
            steps = "\n".join(
                f"  - text: Bench step {n}.\n    weight: {s}\n    min_seconds: 0.1"
                for n, s in enumerate(these, start=1)
            )
            text = MEDITATION_YAML.format(minutes=sum(these) / 60, steps=steps)
            (folder / f"{name}.yaml").write_text(text.replace("id: bench", f"id: {name}"))
        (home / "config.toml").write_text("mood_checkins = false\n")
        env = bench_env(home)
        env.pop("NO_COLOR", None)
        env["TERM"] = "xterm-256color"
        env["COLUMNS"], env["LINES"] = "100", "30"
        kind = kind_argv()
        floor_py = home / "floor.py"
        floor_py.write_text(FLOOR.format(lengths=lengths))
        print(
            f"meditation: {len(lengths)} steps = {sum(lengths):.2f} s plain, "
            f"{len(live_lengths)} steps = {sum(live_lengths):.2f} s live; timer: "
            f"{timer_seconds:.1f} s with a bell every {interval:.1f} s ({bells} bells); "
            f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs\n"
        )

        def is_step(line: str) -> bool:
            return bool(STEP_LINE.match(line))

        def closing(line: str) -> bool:
            return line.startswith(("Done", "Bench closing."))

        floor = pty_run("floor", [sys.executable, str(floor_py)], env, first=is_step, end=closing)
        plain = pty_run(
            "plain", [*kind, "meditate", "bench", "--plain"], env, first=is_step, end=closing
        )
        live = pty_run("live", [*kind, "meditate", "bench-live"], env, first=is_step, end=closing)
        minutes = str(timer_seconds / 60)
        timer_args = ["meditate", "timer", "-m", minutes, "-i", str(TIMER_INTERVAL_MINUTES)]

        def sitting(line: str) -> bool:
            return line == "Sitting now." or line.startswith("Sitting ·")

        timer = pty_run(
            "timer", [*kind, *timer_args, "--plain", "--no-bell"], env, first=sitting, end=closing
        )
        live_timer = pty_run(
            "live timer", [*kind, *timer_args, "--no-bell"], env, first=sitting, end=closing
        )

    step_offsets = offsets_of(lengths)
    floor_err = errors(step_starts(floor), step_offsets, step_starts(floor)[0], "floor")
    plain_err = errors(step_starts(plain), step_offsets, step_starts(plain)[0], "plain")
    live_starts = step_starts(live)
    live_err = errors(live_starts, offsets_of(live_lengths), live_starts[0], "live")
    bell_offsets = [k * interval for k in range(1, bells + 1)]
    assert timer.first_phase is not None and live_timer.first_phase is not None
    timer_err = errors(bell_starts(timer), bell_offsets, timer.first_phase, "timer")
    live_bell_err = errors(bell_starts(live_timer), bell_offsets, live_timer.first_phase, "live")
    rows: list[Row] = [
        ("worst step error (plain)", worst(plain_err), worst(floor_err), "ms", 20.0),
        ("mean step error (plain)", mean(plain_err), mean(floor_err), "ms", None),
        (
            "end drift (plain)",
            end_drift(plain, sum(lengths)) * 1000,
            end_drift(floor, sum(lengths)) * 1000,
            "ms",
            20.0,
        ),
        ("worst step error (live)", worst(live_err), None, "ms", 20.0),
        ("mean step error (live)", mean(live_err), None, "ms", None),
        ("end drift (live)", end_drift(live, sum(live_lengths)) * 1000, None, "ms", 20.0),
        ("worst bell error (timer)", worst(timer_err), None, "ms", 20.0),
        ("end drift (timer)", end_drift(timer, timer_seconds) * 1000, None, "ms", 20.0),
        ("worst bell error (live)", worst(live_bell_err), None, "ms", 20.0),
        ("end drift (live timer)", end_drift(live_timer, timer_seconds) * 1000, None, "ms", 20.0),
        ("CPU share (plain)", cpu_share(plain) * 100, cpu_share(floor) * 100, "%", None),
        ("CPU share (live view)", cpu_share(live) * 100, None, "%", 3.0),
        ("CPU share (live timer)", cpu_share(live_timer) * 100, None, "%", 3.0),
    ]
    failed = report(rows)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
