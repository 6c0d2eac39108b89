"""What `kind hello` costs a new shell, beside `python -c pass` in the same run.

    python bench/hello.py [--runs N]

`kind hello` goes in a shell start-up file, so every new shell pays for it; the budget is
3x the bare interpreter (`python -c pass`, the same Python). Every command runs with its
stdout on a pseudo-terminal, as in a shell (kind hello says nothing to a pipe), interleaved
so that machine noise hits all alike:

- already said today: the common case, every shell after the first of the day;
- the first shell of the day: reads the database (read-only), finds the settings file as
  it was yesterday (their answer is kept), then prints the line (today's marker is removed
  before each of these runs, outside the timing);
- the same, the day the settings file changed: it is read (TOML) again;
- practiced today: reads the database, says nothing;
- `kind hello --status`, for a prompt: reads the database every time.

The seeded home has a settings file (so the first shell of the day reads it) and a year of
practice. The load average is printed with the figures: the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import pty
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from common import bench_env, kind_argv, median_ms, temp_home

BUDGET = 3.0


def seed(home: Path, practiced_today: bool) -> None:
    from kindcli.ports import Moment
    from kindcli.store import Store
    from kindcli.store.records import SessionRecord

    home.mkdir(parents=True)
    (home / "config.toml").write_text('# mine\nregion = "GB"\nquiet_hours = "22:00-07:00"\n')
    now = datetime.now().astimezone()
    start = 0 if practiced_today else 1
    with Store.open(home / "kind.db") as store:
        for days in range(start, 365, 2):
            at = now - timedelta(days=days)
            store.add_session(
                SessionRecord("break", "standard", Moment.of(at), actual_seconds=300.0)
            )


def run_on_a_terminal(argv: Sequence[str], env: dict[str, str]) -> float:
    master, slave = pty.openpty()
    try:
        start = time.perf_counter()
        done = subprocess.run(list(argv), env=env, stdout=slave, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
    finally:
        os.close(slave)
        os.close(master)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def forget_today(home: Path) -> None:
    for marker in home.glob("hello-*"):
        marker.unlink()


def change_settings(home: Path) -> None:
    forget_today(home)
    config = home / "config.toml"
    config.write_text(config.read_text())  # rewritten: a new modified time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    kind = kind_argv()
    with temp_home() as tmp:
        away, practiced = Path(tmp) / "away", Path(tmp) / "practiced"
        seed(away, practiced_today=False)
        seed(practiced, practiced_today=True)
        env_away, env_practiced = bench_env(away), bench_env(practiced)
        cases: dict[str, tuple[list[str], dict[str, str], Callable[[], None]]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], env_away, lambda: None),
            "kind hello (already said today)": ([*kind, "hello"], env_away, lambda: None),
            "kind hello (first shell of the day)": (
                [*kind, "hello"],
                env_away,
                lambda: forget_today(away),
            ),
            "kind hello (first shell, settings changed)": (
                [*kind, "hello"],
                env_away,
                lambda: change_settings(away),
            ),
            "kind hello (practiced today)": (
                [*kind, "hello"],
                env_practiced,
                lambda: forget_today(practiced),
            ),
            "kind hello --status": ([*kind, "hello", "--status"], env_practiced, lambda: None),
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        warmup = 3
        for i in range(warmup + args.runs):
            for name, (argv, env, before) in cases.items():
                before()
                elapsed = run_on_a_terminal(argv, env)
                if i >= warmup:
                    times[name].append(elapsed)
        assert list(away.glob("hello-*")), "kind hello never marked the day: it did not run"
    floor = median_ms(times["python -c pass"])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"kind hello, median of {args.runs} interleaved runs on a pty (load average {load})")
    print(f"  budget: {BUDGET:.0f}x python -c pass ({floor:.1f} ms)")
    for name, samples in times.items():
        med = median_ms(samples)
        mark = "" if med / floor <= BUDGET else "   over budget"
        print(f"  {name:<42} {med:7.1f} ms   ratio {med / floor:5.2f}x{mark}")


if __name__ == "__main__":
    main()
