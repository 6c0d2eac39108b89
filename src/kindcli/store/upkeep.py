"""Looking after the database itself: what it holds, whether it is sound, and backups."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from kindcli.errors import CorruptStore, KindError
from kindcli.health import Check
from kindcli.store.database import Database
from kindcli.store.migrations import MIGRATIONS


class Upkeep(Database):
    def counts(self) -> dict[str, int]:
        """Sessions of each practice, counted or not."""
        rows = self._conn.execute(
            "SELECT practice, count(*) FROM sessions GROUP BY practice ORDER BY practice"
        )
        return {r[0]: int(r[1]) for r in rows}

    def integrity_problems(self) -> list[str]:
        rows = [r[0] for r in self._conn.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        problems += [
            f"foreign key problem in {r[0]}" for r in self._conn.execute("PRAGMA foreign_key_check")
        ]
        return problems

    def backup_to(self, destination: Path) -> None:
        """Write a consistent copy to `destination` (which must not exist), mode 0600.

        Works on a read-only store, so a backup never changes the database it copies.
        """
        old_umask = os.umask(0o077)
        try:
            self._conn.execute("VACUUM INTO ?", (str(destination),))
        except sqlite3.Error as e:
            destination.unlink(missing_ok=True)
            if isinstance(e, sqlite3.DatabaseError) and "malformed" in str(e):
                raise CorruptStore(self.path, str(e)) from None
            raise KindError(f"Could not write a backup to {destination}: {e}.") from None
        finally:
            os.umask(old_umask)
        os.chmod(destination, 0o600)


def database_checks(path: Path) -> tuple[list[Check], int | None, dict[str, int]]:
    """`kind data doctor`'s look at the database, read-only: the checks, the schema
    version found (None when there is no database) and the sessions of each practice."""
    from kindcli.store import Store

    if not path.exists():
        found = f"no data yet ({path} is made when you first practice)"
        return [Check("database", True, found)], None, {}
    try:
        with Store.open_readonly(path) as store:
            problems = store.integrity_problems()
            version = store.schema_version
            counts = store.counts() if version else {}
    except KindError as e:
        return [Check("database", False, e.message)], None, {}
    except sqlite3.DatabaseError as e:
        return [Check("database", False, f"{path} could not be read: {e}")], None, {}
    latest = len(MIGRATIONS)
    detail = f"schema {version} of {latest}"
    if version < latest:
        detail += " (kind upgrades it the next time it saves something)"
    checks = [
        Check(
            "integrity",
            not problems,
            "SQLite integrity check passed" if not problems else "; ".join(problems[:5]),
        ),
        Check("schema", True, detail),
    ]
    return checks, version, counts
