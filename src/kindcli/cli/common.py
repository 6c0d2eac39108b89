"""Options shared by several commands, defined once, and the way to reach the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kindcli.services import Services

if TYPE_CHECKING:
    from kindcli.ports import Moment
    from kindcli.store import Store
    from kindcli.store.records import SessionRecord

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
ListOption = Annotated[
    bool, typer.Option("--list", help="List what there is to choose from, and exit.")
]
ListJsonOption = Annotated[
    bool, typer.Option("--json", help="With --list: print the list as one JSON document.")
]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="Plain text: no color, animation or cursor movement.")
]


def minutes_up_to_120(value: float | None) -> float | None:
    """The --minutes check of a guided practice (breathing, a meditation)."""
    if value is not None and not 0 < value <= 120:
        raise typer.BadParameter("give a number of minutes above 0 and at most 120.")
    return value


def json_goes_with_list(json: bool, listing: bool) -> None:
    if json and not listing:
        raise typer.BadParameter("--json goes with --list.", param_hint="--json")


def services(ctx: typer.Context, plain: bool = False) -> Services:
    """The run's services, once every option has been read: `plain` is a command's own
    --plain (the same as `kind --plain`). The first time a command asks, the first-run
    welcome is shown if it is due (see `kindcli.cli.welcome`)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Services):
        root.obj = Services()
    svc = root.obj
    if plain:
        svc.ask_plain()
    if not root.meta.get("kind.welcomed"):
        root.meta["kind.welcomed"] = True
        from kindcli.cli.welcome import maybe_welcome

        maybe_welcome(svc, root.invoked_subcommand, root.meta.get("kind.args", []))
    return svc


class PracticeStore:
    """The store as a practice uses it. If kind's database cannot be opened (damaged, from a
    newer kind, unwritable), the practice still runs: one line says it will not be saved, and
    remembered choices fall back to none. A hard moment is not the time to be turned away
    because of a storage problem; `kind data doctor` can look at it afterwards."""

    def __init__(self, svc: Services) -> None:
        self._svc = svc
        self._failed = False

    def _store(self) -> Store | None:
        if self._failed:
            return None
        from kindcli.errors import StoreError

        try:
            return self._svc.store
        except StoreError as e:
            self._failed = True
            self._svc.terminal.note(
                f"{e.message}\nThis practice will not be saved; `kind data doctor` can help later."
            )
            return None

    def get_state(self, key: str, default: Any = None) -> Any:
        store = self._store()
        return store.get_state(key, default) if store else default

    def set_state(self, key: str, value: Any, moment: Moment) -> None:
        store = self._store()
        if store:
            store.set_state(key, value, moment)

    def add_session(self, record: SessionRecord) -> None:
        store = self._store()
        if store:
            store.add_session(record)

    def save_session(self, record: SessionRecord) -> None:
        store = self._store()
        if store:
            store.save_session(record)
