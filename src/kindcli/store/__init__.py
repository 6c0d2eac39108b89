"""The local store: one SQLite file, and all of kind's SQL, behind one `Store` facade.

  database.py    opening carefully, migrating, write transactions
  inspection.py  looking at a file before SQLite opens it (header, -wal, links)
  failures.py    what went wrong, said for a person (damaged, busy, read-only, full)
  migrations/    the schema, as ordered named steps (first.py: m001-m007 as shipped)
  records.py     the plain dataclasses the store keeps and hands out
  sessions.py    practice sessions         journal.py  entries, tags, search
  drafts.py      entries still being written
  stats.py       the sums `kind stats` reads
  state.py       small remembered values   upkeep.py   counts, integrity, backups
  facade.py      the Store class itself    glance.py   `kind hello`'s one read
  remembered.py  one remembered value read-only, on its own (`kind sos`'s plan)

Practices and commands use `Store` (or the protocols it satisfies); nothing else writes SQL.
`Store` is loaded on first use (`from kindcli.store import Store` works as ever), so a module
of the store can be imported on its own without the rest: `kind hello` reads through
`glance` in a new shell and must not pay for all of it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own costs an import that `glance` should not pay
if TYPE_CHECKING:
    from kindcli.store.facade import Store


def __getattr__(name: str) -> object:
    if name == "Store":
        from kindcli.store.facade import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Store"]
