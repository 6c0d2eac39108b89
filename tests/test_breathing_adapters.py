"""The breathing view and keyboard adapters, without a real terminal."""

from __future__ import annotations

import io
import os
import pty
import termios

import pytest

from kindcli.adapters.breathing_view import PlainBreathingView, frame_lines, shape_rows
from kindcli.adapters.keys import TerminalKeys, parse_keys
from kindcli.catalog.models import BreathingPattern
from kindcli.practices.breathing import Tick, plan_session

BOX = BreathingPattern.model_validate(
    {
        "id": "box",
        "name": "Box breathing",
        "phases": [
            {"action": "inhale", "seconds": 4, "cue": "Breathe in slowly."},
            {"action": "hold", "seconds": 4},
            {"action": "exhale", "seconds": 4},
            {"action": "hold", "seconds": 4},
        ],
    }
)


def test_keys_space_pauses_q_and_esc_stop_arrows_are_ignored() -> None:
    assert parse_keys(b" ") == (["pause"], False)
    assert parse_keys(b"q") == (["quit"], False)
    assert parse_keys(b"Q") == (["quit"], False)
    assert parse_keys(b"\x1b") == ([], True)  # a lone Esc: wait a moment to be sure
    assert parse_keys(b"\x1b[A\x1bOB") == ([], False)  # up and down arrows
    assert parse_keys(b"x \x1b[1;5Cq") == (["pause", "quit"], False)
    with pytest.raises(KeyboardInterrupt):
        parse_keys(b"\x03")


def test_terminal_keys_read_single_keys_and_restore_the_terminal_exactly() -> None:
    leader, follower = pty.openpty()
    try:
        before = termios.tcgetattr(follower)
        keys = TerminalKeys(follower)
        keys.open()
        during = termios.tcgetattr(follower)
        assert not during[3] & termios.ECHO and not during[3] & termios.ICANON
        assert keys.wait(0.01) is None
        os.write(leader, b" ")
        assert keys.wait(1) == "pause"
        os.write(leader, b"\x1b")
        assert keys.wait(1) == "quit"
        os.write(leader, b"\x1b[A")
        assert keys.wait(0.05) is None
        keys.close()
        assert termios.tcgetattr(follower) == before
    finally:
        os.close(leader)
        os.close(follower)


def test_the_shape_is_centred_and_grows_with_the_breath() -> None:
    for width in (50, 51, 100):
        for level in (0, 0.3, 0.77, 1):
            rows = shape_rows(level, width)
            assert len(rows) == 5
            assert all((width - len(r)) % 2 == 0 for r in rows)  # centers exactly
    middle = [len(shape_rows(level / 10, 100)[2]) for level in range(11)]
    assert middle == sorted(middle) and middle[0] < 5 and middle[-1] >= 40
    assert len(shape_rows(1, 30)[2]) <= 30


def test_the_live_frame_shows_phase_countdown_cycle_and_time_left() -> None:
    plan = plan_session(BOX, cycles=8)
    step = plan.steps[9]  # cycle 3, the hold after breathing in
    text = [t for t, _ in frame_lines(Tick(plan, step, 1.2), 80)]
    assert "Hold" in text and "3" in text
    assert "Box breathing · cycle 3 of 8 · 1:31 left" in text
    assert "space to pause · q to stop" in text
    paused = [t for t, _ in frame_lines(Tick(plan, plan.steps[0], 1.0, paused=True), 80)]
    assert "Paused" in paused and "Breathe in slowly." in paused
    assert "space to go on · q to stop" in paused


def test_plain_view_writes_one_line_per_phase_and_no_escape_codes() -> None:
    plan = plan_session(
        BreathingPattern.model_validate(
            {
                "id": "c",
                "name": "C",
                "phases": [
                    {"action": "inhale", "seconds": 5.5},
                    {"action": "exhale", "seconds": 5.5},
                ],
            }
        ),
        cycles=1,
    )
    out = io.StringIO()
    view = PlainBreathingView(out, bell=True)  # never a bell into something not a terminal
    view.open(plan)
    view.begin(Tick(plan, plan.steps[0], 0))
    view.paused(Tick(plan, plan.steps[0], 2, paused=True))
    view.resumed(Tick(plan, plan.steps[0], 2))
    view.begin(Tick(plan, plan.steps[1], 0))
    view.close()
    assert out.getvalue() == "inhale 5.5s\npaused\nresumed: inhale 3.5s left\nexhale 5.5s\n"


def test_the_bell_rings_at_each_phase_on_a_terminal() -> None:
    leader, follower = pty.openpty()
    try:
        with open(follower, "w", closefd=False) as out:
            plan = plan_session(BOX, cycles=1)
            view = PlainBreathingView(out, bell=True)
            view.begin(Tick(plan, plan.steps[0], 0))
            view.begin(Tick(plan, plan.steps[1], 0))
        assert _read_until(leader, b"\ahold 4s\r\n") == b"\ainhale 4s\r\n\ahold 4s\r\n"
    finally:
        os.close(leader)
        os.close(follower)


def _read_until(fd: int, ending: bytes, timeout: float = 5.0) -> bytes:
    """Read a pty until `ending` arrives: one read may return only part of what was written."""
    import select
    import time

    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(ending) and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if ready:
            data += os.read(fd, 100)
    return data
