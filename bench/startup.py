"""Start-up time of kind against a bare one-command Typer app, measured side by side.

    python bench/startup.py [--runs N]

Prints the median of each command and its ratio to the floor. Budget: 1.15x.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bare_app, bench_env, kind_argv, median_ms, temp_home, time_commands

BUDGET = 1.15


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
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
