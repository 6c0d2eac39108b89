"""How quickly `kind sos` comes up, and what the crisis-language check costs.

    python bench/sos.py [--runs N]

1. Start-up: `kind sos --region us` (piped, so it prints and exits) against the bare
   one-command Typer app and `kind data path`, interleaved in the same run. sos reads YAML
   and builds content models, so it is expected above the 1.15x floor budget of the light
   commands; the figure to watch is its absolute time and its ratio to the floor.
2. Also `kind sos` with a damaged database and a broken file of the person's own: it must
   cost about the same, never a timeout.
3. The check after saving: loading the patterns once, then checking a 2,000-word entry.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from common import bare_app, bench_env, kind_argv, median_ms, temp_home, time_commands


def startup(runs: int) -> None:
    with temp_home() as tmp:
        home = Path(tmp)
        bare = bare_app(home)
        kind = kind_argv()
        broken = home / "broken-home"
        (broken / "content" / "resources").mkdir(parents=True)
        (broken / "kind.db").write_bytes(b"SQLite format 3\x00" + b"garbage" * 200)
        (broken / "content" / "resources" / "us.yaml").write_text("id: [broken\n")
        commands = {
            "bare command": bare,
            "kind data path": [*kind, "data", "path"],
            "kind sos": [*kind, "sos", "--region", "us"],
            # Same run, another home: `env` costs a millisecond or two of its own.
            "kind sos (broken db+content)": [
                "env",
                f"KIND_HOME={broken}",
                *kind,
                "sos",
                "--region",
                "us",
            ],
        }
        times = time_commands(commands, runs, bench_env(home / "kind-home"))
    floor = median_ms(times["bare command"])
    print(f"start-up, median of {runs} interleaved runs (floor: bare Typer app {floor:.1f} ms)")
    for name, samples in times.items():
        med = median_ms(samples)
        print(f"  {name:<30} {med:7.1f} ms   ratio {med / floor:5.2f}x")


def detection() -> None:
    from kindcli.catalog.loader import load_file
    from kindcli.catalog.models import CrisisLanguage
    from kindcli.paths import shipped_content_dir
    from kindcli.practices import care

    path = shipped_content_dir() / "resources" / "crisis-language.yaml"
    started = time.perf_counter()
    (language,) = load_file(path, "resources")
    assert isinstance(language, CrisisLanguage)
    detector = care.detector_for(language)
    load_ms = (time.perf_counter() - started) * 1000
    sentence = (
        "Today was long and I was hard on myself about the report. This deadline is killing "
        "me, but I took a walk and felt my feet on the ground."
    )
    words = sentence.split(" ")
    entry = " ".join(words[i % len(words)] for i in range(2000))
    samples = []
    for _ in range(200):
        t = time.perf_counter()
        assert detector.find(entry) is None
        samples.append(time.perf_counter() - t)
    print("crisis-language check")
    print(f"  load and compile patterns      {load_ms:7.1f} ms (once per run)")
    check_ms = statistics.median(samples) * 1000
    print(f"  check a 2,000-word entry       {check_ms:7.2f} ms (median of 200)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    startup(args.runs)
    detection()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
