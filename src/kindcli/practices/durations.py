"""How kind says lengths of time: 0:26, 5.5, about 5 minutes. One home for every practice."""

from __future__ import annotations

import math


def format_seconds(seconds: float) -> str:
    """4 -> '4', 5.5 -> '5.5', 0.25 -> '0.25'."""
    return f"{seconds:.2f}".rstrip("0").rstrip(".")


def format_clock(seconds: float) -> str:
    """Minutes and seconds, rounded up so a countdown never shows 0:00 early: 64.2 -> '1:05'."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def about(minutes: float) -> str:
    """A practice's length in words: 'under a minute', 'about a minute', 'about 5 minutes'."""
    if minutes < 1:
        return "under a minute"
    if minutes == 1:
        return "about a minute"
    return f"about {minutes:g} minutes"
