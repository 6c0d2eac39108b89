"""Looking after the database itself: what it holds, whether it is sound, and backups."""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

from kindcli.errors import CorruptStore, KindError
from kindcli.health import Check
from kindcli.store.database import Database, integrity_problems
from kindcli.store.inspection import SQLITE_HEADER, open_as_it_is, read_header
from kindcli.store.migrations import APPLICATION_ID, MIGRATIONS
from kindcli.writing import link_new


class Upkeep(Database):
    def counts(self) -> dict[str, int]:
        """Sessions of each practice, counted or not."""
        rows = self._conn.execute(
            "SELECT practice, count(*) FROM sessions GROUP BY practice ORDER BY practice"
        )
        return {r[0]: int(r[1]) for r in rows}

    def integrity_problems(self) -> list[str]:
        return integrity_problems(self._conn, "foreign key problem in")

    def backup_to(self, destination: Path, *, next_free: bool = False) -> Path:
        """Write a consistent copy of the database (mode 0600) and return where it went.

        The copy is made under a unique temporary name in the destination's folder, checked,
        and only then linked to its final name, which is never replaced: two backups at the
        same moment never share a file, and a backup killed half-way leaves only its
        temporary file (which `kind data doctor` points out), never a broken file under the
        final name. With `next_free`, a name already taken becomes `name-2.db`, `name-3.db`,
        and so on; otherwise it is refused. Works on a read-only store: a backup never
        changes the database it copies."""
        temporary = destination.with_name(f".{destination.name}.{secrets.token_hex(6)}{PARTIAL}")
        old_umask = os.umask(0o077)
        try:
            self._conn.execute("VACUUM INTO ?", (str(temporary),))
        except sqlite3.Error as e:
            temporary.unlink(missing_ok=True)
            if isinstance(e, sqlite3.DatabaseError) and "malformed" in str(e):
                raise CorruptStore(self.path, str(e)) from None
            raise KindError(f"Could not write a backup to {destination}: {e}.") from None
        finally:
            os.umask(old_umask)
        try:
            os.chmod(temporary, 0o600)
            problems = backup_problems(temporary)
            if problems:
                raise KindError(
                    f"The copy of kind's database did not pass its check ({problems}), so "
                    f"no backup was saved to {destination}.",
                    "`kind data doctor` can look at the database itself.",
                )
            return _link_without_replacing(temporary, destination, next_free)
        finally:
            temporary.unlink(missing_ok=True)


def _link_without_replacing(source: Path, destination: Path, next_free: bool) -> Path:
    target, n = destination, 1
    while True:
        try:
            link_new(source, target)
            return target
        except FileExistsError:
            if not next_free:
                raise KindError(
                    f"{target} already exists; kind will not overwrite it.",
                    "Choose another file name.",
                ) from None
            n += 1
            target = destination.with_name(f"{destination.stem}-{n}{destination.suffix}")
        except OSError as e:
            raise KindError(f"Could not save the backup as {target}: {e.strerror}.") from None


# Unfinished backups (their temporary files) end in this.
PARTIAL = ".partial"


def backup_problems(path: Path) -> str | None:
    """Why the backup at `path` cannot be restored, or None when it passes SQLite's check.
    Read with `immutable=1`: checking a backup never creates or changes a file."""
    try:
        header = read_header(path)
    except OSError as e:
        return f"cannot be read: {e.strerror}"
    if not header.startswith(SQLITE_HEADER):
        return "not a SQLite database"
    try:
        conn = open_as_it_is(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as e:
        return str(e)
    if rows != ["ok"]:
        return "; ".join(rows[:3])
    if app_id != APPLICATION_ID:
        return "not a kind database"
    return None


def backup_checks(folder: Path) -> list[Check]:
    """`kind data doctor`'s look at the backups in kind's own backups folder: every one is
    checked, and unfinished ones (left by a backup that was killed) are pointed out."""
    if not folder.is_dir():
        return []
    backups = sorted(p for p in folder.iterdir() if p.suffix == ".db" and p.is_file())
    leftovers = sorted(p for p in folder.iterdir() if p.name.endswith(PARTIAL))
    bad = [(p, problem) for p in backups if (problem := backup_problems(p))]
    checks: list[Check] = []
    if bad:
        listed = "; ".join(f"{p.name}: {problem}" for p, problem in bad[:5])
        more = f" (and {len(bad) - 5} more)" if len(bad) > 5 else ""
        checks.append(
            Check(
                "backups",
                False,
                f"{len(bad)} of {len(backups)} backups in {folder} cannot be restored "
                f"({listed}){more}; keep the others, and remove these when you are ready",
            )
        )
    elif backups:
        noun = "backup" if len(backups) == 1 else "backups"
        checks.append(
            Check("backups", True, f"{len(backups)} {noun} in {folder}, each passed its check")
        )
    if leftovers:
        names = ", ".join(p.name for p in leftovers[:5])
        checks.append(
            Check(
                "unfinished backups",
                False,
                f"{folder} holds {len(leftovers)} unfinished backup file(s) from a backup "
                f"that was stopped ({names}); they are not backups and can be deleted",
            )
        )
    return checks


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
