"""Looking after a person's data: the checks behind `kind data doctor`."""

from __future__ import annotations

import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kindcli.errors import KindError
from kindcli.paths import Paths


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass
class DoctorReport:
    checks: list[Check] = field(default_factory=list)
    schema_version: int | None = None
    latest_schema: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.checks.append(Check(name, ok, detail))


def _private(path: Path, want: int) -> tuple[bool, str]:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return (
            False,
            f"{path} is {oct(mode)[2:]}; others can read it (fix: chmod {oct(want)[2:]} {path})",
        )
    return True, f"{path} is private ({oct(mode)[2:]})"


def run_doctor(paths: Paths) -> DoctorReport:
    from kindcli.migrations import MIGRATIONS
    from kindcli.storage import open_readonly

    report = DoctorReport(latest_schema=len(MIGRATIONS))
    db = paths.database
    if not db.exists():
        report.add("database", True, f"no data yet ({db} is made when you first practise)")
    else:
        try:
            with open_readonly(db) as store:
                problems = store.integrity_problems()
                report.schema_version = store.schema_version
                report.counts = store.counts() if report.schema_version else {}
        except KindError as e:
            report.add("database", False, e.message)
        except sqlite3.DatabaseError as e:
            report.add("database", False, f"{db} could not be read: {e}")
        else:
            report.add(
                "integrity",
                not problems,
                "SQLite integrity check passed" if not problems else "; ".join(problems[:5]),
            )
            version = report.schema_version or 0
            detail = f"schema {version} of {report.latest_schema}"
            if version < report.latest_schema:
                detail += " (kind upgrades it the next time it saves something)"
            report.add("schema", True, detail)
    seen: set[Path] = set()
    for label, path, want in [
        ("data folder", paths.data_dir, 0o700),
        ("config folder", paths.config_dir, 0o700),
        ("database file", db, 0o600),
        ("database file", db.with_name(db.name + "-wal"), 0o600),
        ("database file", db.with_name(db.name + "-shm"), 0o600),
        ("config file", paths.config_file, 0o600),
    ]:
        # With KIND_HOME the data and config folders are one folder: check it once.
        if path.exists() and path not in seen:
            seen.add(path)
            report.add(f"{label} permissions", *_private(path, want))
    from kindcli.config import load_config

    try:
        load_config(paths.config_file)
        report.add("config", True, "settings are valid")
    except KindError as e:
        report.add("config", False, str(e).replace("\n", " "))
    from kindcli.catalog import Catalog
    from kindcli.paths import CONTENT_TYPES

    catalog = Catalog(paths.shipped_content, paths.user_content)
    total = sum(len(catalog.entries(t)) for t in CONTENT_TYPES)
    report.add(
        "content",
        not catalog.warnings,
        f"{total} item{'' if total == 1 else 's'} load cleanly"
        if not catalog.warnings
        else "; ".join(catalog.warnings),
    )
    return report
