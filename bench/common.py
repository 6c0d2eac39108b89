"""Shared helpers for kind's benchmarks: interleaved timing of whole commands, a bare
one-command Typer app as the start-up floor measured in the same run, and running a command
in a pseudo-terminal with every output line timestamped as it arrives."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
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
    envs: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[str, list[float]]:
    """Run every command `runs` times, interleaved so machine noise hits all alike. A
    command named in `envs` runs with that environment instead of `env`."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(warmup + runs):
        for name, argv in commands.items():
            own = (envs or {}).get(name, env)
            start = time.perf_counter()
            done = subprocess.run(
                list(argv), env=dict(own), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
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


# ---- a command in a pseudo-terminal -------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r|\x07")


@dataclass
class Run:
    name: str
    lines: list[tuple[float, str]] = field(default_factory=list)
    first_phase: float | None = None
    end: float | None = None
    cpu_at_first: float | None = None
    cpu_at_end: float | None = None
    status: int | None = None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (all its threads) from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def pty_run(
    name: str,
    argv: list[str],
    env: dict[str, str],
    *,
    first: Callable[[str], bool],
    end: Callable[[str], bool],
    size: tuple[int, int] = (30, 100),
) -> Run:
    """Run argv with a pty as its terminal; timestamp each output line (escape codes taken
    out) as it arrives. The first line for which `first` holds starts the measured stretch,
    the first for which `end` holds ends it; the process's CPU time is read at both."""
    run = Run(name)
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    buffer = b""
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                raise SystemExit(f"{name}: no output for 30 s")
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            now = time.monotonic()
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                raw, buffer = buffer.split(b"\n", 1)
                line = strip_ansi(raw.decode("utf-8", "replace")).strip()
                run.lines.append((now, line))
                if run.first_phase is None and first(line):
                    run.first_phase = now
                    run.cpu_at_first = cpu_seconds(pid)
                if run.end is None and end(line):
                    run.end = now
                    run.cpu_at_end = cpu_seconds(pid)
    finally:
        _, status = os.waitpid(pid, 0)
        run.status = os.waitstatus_to_exitcode(status)
        os.close(fd)
    if run.status != 0:
        tail = "\n".join(line for _, line in run.lines[-5:])
        raise SystemExit(f"{name} exited {run.status}:\n{tail}")
    return run


def end_drift(run: Run, total: float) -> float:
    """How late the measured stretch ended against `total` seconds after it began."""
    assert run.first_phase is not None and run.end is not None, run.name
    return run.end - (run.first_phase + total)


def cpu_share(run: Run) -> float:
    """The process's CPU time over the measured stretch, as a share of one core."""
    assert run.first_phase is not None and run.end is not None
    assert run.cpu_at_first is not None and run.cpu_at_end is not None
    return (run.cpu_at_end - run.cpu_at_first) / (run.end - run.first_phase)


Row = tuple[str, float, float | None, str, float | None]  # name, kind, floor, unit, target


def report(rows: Sequence[Row]) -> bool:
    """Print the measures beside the floor and their targets; True when one misses."""
    width = max(26, *(len(r[0]) + 2 for r in rows))
    print(f"{'measure':<{width}}{'kind':>10}{'floor':>10}  unit  target  ok")
    failed = False
    for name, value, base, unit, target in rows:
        base_text = f"{base:10.2f}" if base is not None else f"{'-':>10}"
        ok = "" if target is None else ("yes" if abs(value) <= target else "NO")
        failed |= ok == "NO"
        target_text = f"{target:g}" if target is not None else "-"
        print(f"{name:<{width}}{value:10.2f}{base_text}  {unit:<4}  {target_text:>6}  {ok}")
    return failed


# `kind` straight into Typer, past the quick path: what the same command costs through the
# one-specification Typer tree (for comparison; people's `kind` takes the quick path).
TYPER_ONLY = "import sys; sys.argv[0] = 'kind'; from kindcli.cli import run; run()"


def kind_through_typer() -> list[str]:
    return [sys.executable, "-c", TYPER_ONLY]
