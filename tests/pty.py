"""Drive the real `kind` through a pseudo-terminal, as a person would."""

from __future__ import annotations

import sys
from collections.abc import Mapping

import pexpect


def spawn_kind(
    args: list[str],
    env: Mapping[str, str],
    *,
    width: int = 100,
    height: int = 30,
    timeout: float = 15,
) -> pexpect.spawn:
    """Start `python -m kindcli ARGS` in a pty (so stdin and stdout are terminals)."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "kindcli", *args],
        env=dict(env),
        encoding="utf-8",
        dimensions=(height, width),
        timeout=timeout,
    )
    return child


def finish(child: pexpect.spawn, timeout: float = 15) -> int:
    """Wait for the program to end and return its exit status."""
    child.expect(pexpect.EOF, timeout=timeout)
    child.close()
    status = child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)
    return int(status)
