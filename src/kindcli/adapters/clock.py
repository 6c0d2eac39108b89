"""The real clock.

If the system's time zone cannot be used (`TZ=UTC+25:00` puts the local time more than a
day from UTC, which no real place does), kind keeps time in UTC for that run and says so
once, instead of failing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime


class SystemClock:
    def __init__(self, warn: Callable[[str], None] | None = None) -> None:
        self._warn = warn
        self._warned = False

    def now(self) -> datetime:
        try:
            return datetime.now().astimezone()
        except (ValueError, OverflowError, OSError):
            if self._warn is not None and not self._warned:
                self._warned = True
                self._warn(_bad_zone())
            return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


def _bad_zone() -> str:
    import os

    setting = os.environ.get("TZ")
    which = f"The time zone setting TZ={setting}" if setting else "This system's time zone"
    return (
        f"{which} cannot be used (it puts the time more than a day from UTC), so kind "
        "is keeping time in UTC for now."
    )
