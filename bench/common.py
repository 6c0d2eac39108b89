"""Shared helpers for kind's benchmarks: interleaved timing of whole commands, and a bare
one-command Typer app as the start-up floor measured in the same run."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

BARE_APP = '''
import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


if __name__ == "__main__":
    app()
'''


def kind_argv() -> list[str]:
    """The installed `kind` script beside this Python, else `python -m kindcli`."""
    script = Path(sys.executable).with_name("kind")
    if script.exists():
        return [str(script)]
    found = shutil.which("kind")
    return [found] if found else [sys.executable, "-m", "kindcli"]


def bare_app(folder: Path) -> list[str]:
    path = folder / "bare_typer_app.py"
    path.write_text(BARE_APP)
    return [sys.executable, str(path)]


def time_commands(
    commands: Mapping[str, Sequence[str]],
    runs: int,
    env: Mapping[str, str],
    warmup: int = 3,
) -> dict[str, list[float]]:
    """Run every command `runs` times, interleaved so machine noise hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(warmup + runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            done = subprocess.run(
                list(argv), env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                raise SystemExit(f"{name} failed ({done.returncode}): {done.stderr.decode()}")
            if i >= warmup:
                times[name].append(elapsed)
    return times


def median_ms(samples: Sequence[float]) -> float:
    return statistics.median(samples) * 1000


def bench_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["KIND_HOME"] = str(home)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with cached bytecode, as users run it
    return env


def temp_home() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="kind-bench-")


# `kind` straight into Typer, past the quick path: what the same command costs through the
# one-specification Typer tree (for comparison; people's `kind` takes the quick path).
TYPER_ONLY = "import sys; sys.argv[0] = 'kind'; from kindcli.cli import run; run()"


def kind_through_typer() -> list[str]:
    return [sys.executable, "-c", TYPER_ONLY]
