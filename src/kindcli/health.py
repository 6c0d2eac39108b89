"""What `kind data doctor` reports: one small result type that every layer's check returns.

Each layer checks what it owns (`store.upkeep.database_checks`, `paths.permission_checks`,
`config.config_check`, `catalog.content_check`); `kind data doctor` puts them together.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
