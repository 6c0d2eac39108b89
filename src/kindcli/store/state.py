"""Small remembered values: a person's chosen kind words, first-run flags, the safety plan."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from kindcli.ports import Moment
from kindcli.store.database import Database

_UPSERT = (
    "INSERT INTO state (key, value, updated_utc) VALUES (?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_utc = excluded.updated_utc"
)


class State(Database):
    def get_state(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_state(self, key: str, value: Any, moment: Moment) -> None:
        with self.transaction() as conn:
            conn.execute(_UPSERT, (key, json.dumps(value, ensure_ascii=False), moment.utc_text))

    def update_state(self, key: str, change: Callable[[Any], Any], moment: Moment) -> Any:
        """Read, change and write one remembered value inside one write transaction, so two
        kind windows changing it at once never lose each other's change."""
        with self.transaction() as conn:
            row = conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
            value = change(json.loads(row[0]) if row else None)
            conn.execute(_UPSERT, (key, json.dumps(value, ensure_ascii=False), moment.utc_text))
        return value
