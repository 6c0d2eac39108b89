"""The one read `kind hello` makes: the latest day with counted practice.

A module on its own (the store package loads nothing else for it), opened read-only with a
short busy timeout: a new shell never creates, migrates or waits on kind's database. Any
problem is raised for the caller, who stays silent.
"""

from __future__ import annotations

import os

BUSY_TIMEOUT_S = 0.2


def last_practice_day(database: str) -> str | None:
    """The ISO local date of the latest counted practice, or None when there is no
    database or no practice yet. Raises (sqlite3.Error, OSError) if it cannot be read."""
    if not os.path.exists(database):
        return None
    import sqlite3

    # A URI, so the file is opened read-only; only these characters mean something there.
    uri = "file:" + database.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        # `practice_days` has one row per local date with counted practice (migration m007
        # keeps it exact); its key makes max() one index read.
        row = conn.execute("SELECT max(local_date) FROM practice_days").fetchone()
    finally:
        conn.close()
    value = row[0] if row else None
    return value if isinstance(value, str) else None
