from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes import FakeClock, FakePrompter, RecordingTerminal, make_services

# A test run started in the background of a shell without job control inherits Ctrl-C as
# ignored, and so would every kind a pty test spawns: Ctrl-C would then do nothing and each
# Ctrl-C test would time out. A handled signal goes back to its default in the child.
signal.signal(signal.SIGINT, signal.default_int_handler)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def kind_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own KIND_HOME: nothing ever touches the real home directory."""
    home = tmp_path / "kind-home"
    monkeypatch.setenv("KIND_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("KIND_DEBUG", raising=False)
    monkeypatch.delenv("KIND_REGION", raising=False)
    yield home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def prompter() -> FakePrompter:
    return FakePrompter()


@pytest.fixture
def terminal() -> RecordingTerminal:
    return RecordingTerminal()


@pytest.fixture
def svc(clock: FakeClock, prompter: FakePrompter, terminal: RecordingTerminal):  # type: ignore[no-untyped-def]
    return make_services(clock=clock, prompter=prompter, terminal=terminal)


@pytest.fixture
def kind_env(kind_home: Path) -> dict[str, str]:
    """Environment for running the real `kind` in a subprocess."""
    env = dict(os.environ)
    env["KIND_HOME"] = str(kind_home)
    env.pop("NO_COLOR", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env
