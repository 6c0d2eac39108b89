"""`kind report` on six years of history, against `kind stats --json`, side by side.

    python bench/report.py [--runs N] [--sessions N] [--years N]

Seeds a database as bench/stats.py does (100,000 sessions by default, a tenth of them
journal entries, over six years, plus a measure taken every two weeks), then times
`kind report` (Markdown and HTML; the default 30 days and the whole six years) and
`kind stats --json` in interleaved runs. Budget: each report within 2x of stats --json.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import UTC, date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import bench_env, kind_argv, median_ms, temp_home, time_commands
from stats import seed

BUDGET = 2.0


def seed_measures(database: Path, years: int, rng: random.Random) -> int:
    """A 'Kindness toward myself' result every two weeks over the years."""
    from datetime import datetime

    from kindcli.catalog.catalog import Catalog
    from kindcli.catalog.measure_models import Measure
    from kindcli.paths import shipped_content_dir
    from kindcli.ports import Moment
    from kindcli.practices.measure import result_of
    from kindcli.store import Store

    measure = Catalog(shipped_content_dir()).get(Measure, "kindness-toward-myself")
    day = date.today() - timedelta(days=365 * years)
    count = 0
    with Store.open(database) as store:
        while day <= date.today():
            answers = {i.id: rng.randint(1, 5) for i in measure.items}
            moment = Moment.of(datetime(day.year, day.month, day.day, 18, tzinfo=UTC))
            store.add_measure_result(result_of(measure, answers, moment))
            day += timedelta(days=14)
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=6)
    args = parser.parse_args()
    with temp_home() as tmp:
        kind_home = Path(tmp) / "kind-home"
        rng = random.Random(6)
        seed(kind_home / "kind.db", args.sessions, args.years, rng)
        results = seed_measures(kind_home / "kind.db", args.years, rng)
        kind = kind_argv()
        commands = {
            "kind stats --json": [*kind, "stats", "--json"],
            "kind report": [*kind, "report"],
            "kind report --format html": [*kind, "report", "--format", "html"],
            "kind report --since all": [*kind, "report", "--since", "all"],
            "kind report --since all --format html": [
                *kind,
                "report",
                "--since",
                "all",
                "--format",
                "html",
            ],
        }
        times = time_commands(commands, args.runs, bench_env(kind_home))
    med = {name: median_ms(t) for name, t in times.items()}
    base = med["kind stats --json"]
    load = os.getloadavg()[0]
    print(
        f"kind report with {args.sessions:,} sessions (a tenth of them journal entries, "
        f"{results} measure results) over {args.years} years, median of {args.runs} "
        f"interleaved runs (load average {load:.2f})"
    )
    width = max(len(n) for n in med) + 2
    print(f"  {'kind stats --json':<{width}}{base:7.1f} ms   (the baseline)")
    worst = 0.0
    for name, ms in med.items():
        if name == "kind stats --json":
            continue
        ratio = ms / base
        worst = max(worst, ratio)
        verdict = "ok" if ratio <= BUDGET else "OVER BUDGET"
        said = f"ratio {ratio:5.2f}x  (budget {BUDGET:.2f}x)  {verdict}"
        print(f"  {name:<{width}}{ms:7.1f} ms   {said}")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
