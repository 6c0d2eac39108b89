"""One remembered value, read without the rest of the store: `kind sos` reads the safety
plan through it, so a person in crisis waits for one SELECT, not for the store's modules.

A module on its own (the store package loads nothing else for it), opened read-only with a
busy timeout: never creates, migrates or writes. Any problem is raised for the caller,
which says the plan could not be read and shows everything else.
"""

from __future__ import annotations

import os
from typing import Any

BUSY_TIMEOUT_S = 2.0


def read_state(database: str, key: str, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Any:
    """The value remembered under `key` (as `Store.get_state` gives it), or None when there
    is no database or no such value. Raises (sqlite3.Error, OSError, ValueError) if it
    cannot be read."""
    if not os.path.exists(database):
        return None
    import json
    import sqlite3

    # A URI, so the file is opened read-only; only these characters mean something there.
    uri = "file:" + database.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=busy_timeout_s)
    try:
        row = conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
    finally:
        conn.close()
    return json.loads(row[0]) if row else None
