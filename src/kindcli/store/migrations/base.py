"""What every migration step is: a name and a function, run in one transaction with the
bump of `PRAGMA user_version`."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

# "KIND" in ASCII: marks a SQLite file as kind's own.
APPLICATION_ID = 0x4B494E44


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[sqlite3.Connection], None]
    # Rewrite the whole file once the step has committed (best effort): after a step that
    # drops tables whose free pages may still hold text a person deleted before.
    vacuum_after: bool = False


def run(conn: sqlite3.Connection, *statements: str) -> None:
    for statement in statements:
        conn.execute(statement)
