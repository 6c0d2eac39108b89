"""The Store facade: one class made of one class per table family."""

from __future__ import annotations

from kindcli.store.drafts import Drafts
from kindcli.store.forgetting import Forgetting
from kindcli.store.journal import Journal
from kindcli.store.measures import Measures
from kindcli.store.reports import Reports
from kindcli.store.restoring import Restoring
from kindcli.store.sessions import Sessions
from kindcli.store.state import State
from kindcli.store.stats import Stats
from kindcli.store.transfer import Transfer
from kindcli.store.upkeep import Upkeep


class Store(
    Sessions,
    Transfer,
    Journal,
    Drafts,
    Stats,
    State,
    Upkeep,
    Forgetting,
    Restoring,
    Measures,
    Reports,
):
    """kind's database. `Store.open(path)` opens (and migrates) it for writing;
    `Store.open_readonly(path)` for reading only. Use as a context manager to close."""
