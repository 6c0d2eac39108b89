"""The reads `kind hello` makes: the latest day with counted practice, and when each measure
was last taken (to say, at most once, that one is ready to take again).

A module on its own (the store package loads nothing else for it), opened read-only with a
short busy timeout: a new shell never creates, migrates or waits on kind's database. Any
problem is raised for the caller, who stays silent. The menu reads measures here too, so the
two say the same thing.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing's own costs an import that `kind hello` should not pay
if TYPE_CHECKING:
    import sqlite3

BUSY_TIMEOUT_S = 0.2

# (measure id, its name, the local date it was last taken, days until it is due again)
MeasureTaken = tuple[str, str, str, "int | None"]


def _connect(database: str) -> sqlite3.Connection:
    import sqlite3

    # A URI, so the file is opened read-only; only these characters mean something there.
    uri = "file:" + database.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return sqlite3.connect(uri + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)


def last_practice_day(database: str) -> str | None:
    """The ISO local date of the latest counted practice, or None when there is no
    database or no practice yet. Raises (sqlite3.Error, OSError) if it cannot be read."""
    return glance(database, measures=False)[0]


def measures_taken(database: str) -> list[MeasureTaken]:
    """When each measure was last taken (none without a database)."""
    return glance(database)[1]


def glance(database: str, *, measures: bool = True) -> tuple[str | None, list[MeasureTaken]]:
    """Both reads on one connection: the latest practice day and, with `measures`, when
    each measure was last taken."""
    if not os.path.exists(database):
        return None, []
    conn = _connect(database)
    try:
        # `practice_days` has one row per local date with counted practice (migration m007
        # keeps it exact); its key makes max() one index read.
        row = conn.execute("SELECT max(local_date) FROM practice_days").fetchone()
        taken = _measures(conn) if measures else []
    finally:
        conn.close()
    value = row[0] if row else None
    return (value if isinstance(value, str) else None), taken


def _measures(conn: sqlite3.Connection) -> list[MeasureTaken]:
    import sqlite3

    try:
        # The bare columns come from the row holding max(): the latest result's own.
        rows = conn.execute(
            "SELECT measure_id, measure_name, max(local_date), every_days "
            "FROM measure_results GROUP BY measure_id ORDER BY measure_id"
        ).fetchall()
    except sqlite3.OperationalError:
        return []  # a database from before measures (it is migrated when kind next writes)
    return [(str(r[0]), str(r[1]), str(r[2]), r[3]) for r in rows]
