"""The local store: one SQLite file, and all of kind's SQL, behind one `Store` facade.

  database.py    opening carefully, inspecting, migrating, write transactions
  migrations.py  the schema, as ordered named steps
  records.py     the plain dataclasses the store keeps and hands out
  sessions.py    practice sessions         journal.py  entries, tags, search, drafts
  stats.py       the sums `kind stats` reads
  state.py       small remembered values   upkeep.py   counts, integrity, backups

Practices and commands use `Store` (or the protocols it satisfies); nothing else writes SQL.
"""

from __future__ import annotations

from kindcli.store.journal import Journal
from kindcli.store.sessions import Sessions
from kindcli.store.state import State
from kindcli.store.stats import Stats
from kindcli.store.upkeep import Upkeep


class Store(Sessions, Journal, Stats, State, Upkeep):
    """kind's database. `Store.open(path)` opens (and migrates) it for writing;
    `Store.open_readonly(path)` for reading only. Use as a context manager to close."""


__all__ = ["Store"]
