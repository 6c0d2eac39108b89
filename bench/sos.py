"""How quickly `kind sos` comes up, against the bare one-command Typer app (the floor),
with and without a damaged store and broken content of the person's own.

    python bench/sos.py [--runs N]

Each command runs `--runs` times, interleaved so machine noise hits all alike, each with
its own environment (no `env` wrapper, so the broken home costs nothing but itself):
1. the bare Typer app (`bench/startup.py`'s floor) and `kind data path`;
2. `kind sos --region us` (piped, so it prints and exits);
3. `kind sos --region us` with a damaged database (a SQLite header, then garbage) and a
   broken file of the person's own (a YAML syntax error in content/resources/us.yaml);
4. `kind sos` with a safety plan, its settings and a person's own region file that is
   fine (the everyday case of someone who has set kind up).
Budget: within 1.15x of the floor for every sos line.

The crisis-language check's accuracy and speed are bench/crisis.py.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from common import bare_app, bench_env, kind_argv, median_ms, temp_home, time_commands

BUDGET = 1.15


def set_up(home: Path) -> None:
    """A home with settings, a safety plan and a region file of the person's own."""
    env = bench_env(home)
    kind = kind_argv()
    subprocess.run(
        [*kind, "config", "set", "region", "GB"], env=env, check=True, capture_output=True
    )
    subprocess.run(
        [*kind, "plan", "edit", "ask-for-help"],
        input=b"Sam 0123 456\n",
        env=env,
        check=True,
        capture_output=True,
    )
    mine = home / "content" / "resources"
    mine.mkdir(parents=True, exist_ok=True)
    (mine / "pt.yaml").write_text(
        "id: pt\nname: Portugal\nservices:\n  - name: My own line\n    call: 0800 000 000\n"
        "    source: https://example.org/\n    verified: 2026-01-01\n"
    )


def startup(runs: int) -> None:
    with temp_home() as tmp:
        root = Path(tmp)
        bare = bare_app(root)
        kind = kind_argv()
        broken = root / "broken-home"
        (broken / "content" / "resources").mkdir(parents=True)
        (broken / "kind.db").write_bytes(b"SQLite format 3\x00" + b"garbage" * 200)
        (broken / "content" / "resources" / "us.yaml").write_text("id: [broken\n")
        set_home = root / "set-up-home"
        set_up(set_home)
        plain = bench_env(root / "kind-home")
        commands = {
            "bare command": (bare, plain),
            "kind data path": ([*kind, "data", "path"], plain),
            "kind sos": ([*kind, "sos", "--region", "us"], plain),
            "kind sos (broken db+content)": ([*kind, "sos", "--region", "us"], bench_env(broken)),
            "kind sos (plan, settings, own file)": ([*kind, "sos"], bench_env(set_home)),
        }
        times = time_commands(
            {name: argv for name, (argv, _) in commands.items()},
            runs,
            {},
            envs={name: env for name, (_, env) in commands.items()},
        )
    floor = median_ms(times["bare command"])
    load = os.getloadavg()[0]
    print(
        f"start-up, median of {runs} interleaved runs (floor: bare Typer app {floor:.1f} ms; "
        f"load average {load:.2f})"
    )
    for name, samples in times.items():
        med = median_ms(samples)
        mark = ""
        if name.startswith("kind sos"):
            mark = "  ok" if med / floor <= BUDGET else f"  over {BUDGET}x"
        print(f"  {name:<36} {med:7.1f} ms   ratio {med / floor:5.2f}x{mark}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    startup(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
