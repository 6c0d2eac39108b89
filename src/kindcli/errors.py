"""User-facing errors.

Every KindError carries a message written for a person, not a programmer. The single error
boundary in `kindcli.cli` turns one into a short message on stderr and exit code 1.
"""

from __future__ import annotations

TYPE_CHECKING = False  # importing pathlib (or typing) here would cost `kind hello` in every shell
if TYPE_CHECKING:
    from pathlib import Path


class KindError(Exception):
    """A problem the person can understand and act on."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class StoreError(KindError):
    """The local database cannot be used as it is."""


class NotAKindDatabase(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The file at {path} is not a kind database, so kind left it untouched.",
            "Move it somewhere else, or set KIND_HOME to a different folder.",
        )
        self.path = path


class CorruptStore(StoreError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"kind's database at {path} looks damaged ({detail}); kind left it untouched.",
            "Restore a backup over it, or move it aside to start fresh (`kind data path`).",
        )
        self.path = path


class NewerStore(StoreError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"kind's database at {path} was written by a newer kind "
            f"(schema {found}; this kind knows up to {known}). It was left untouched.",
            "Upgrade kind (pip install --upgrade kindcli) to use it.",
        )
        self.path = path


class MigrationError(StoreError):
    def __init__(self, path: Path, step: str, detail: str) -> None:
        super().__init__(
            f"Could not upgrade kind's database at {path} (step {step}: {detail}).",
            "Nothing was changed; your data is as it was.",
        )


class ContentError(KindError):
    """A content file that cannot be used. `where` is 'file' or 'file:line'."""

    def __init__(self, where: str, problem: str, every: list[str] | None = None) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
        # Every problem found, one "file:line: field: problem" line each (for validate).
        self.every = every or [f"{where}: {problem}"]


class UnknownContent(KindError):
    def __init__(self, kind: str, item_id: str, available: list[str]) -> None:
        import difflib

        close = difflib.get_close_matches(item_id, available, n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        listing = ", ".join(sorted(available)) if available else "none yet"
        super().__init__(f"There is no {kind} called '{item_id}'.", f"{hint}Available: {listing}.")
        self.item_id = item_id


class ConfigError(KindError):
    """A config key or value that kind cannot use. `key` names the setting when the problem
    is one line of the file (a bad value, an unknown key); None when the whole file is."""

    def __init__(self, message: str, hint: str | None = None, key: str | None = None) -> None:
        super().__init__(message, hint)
        self.key = key


class StopSignal(KeyboardInterrupt):
    """kind was asked to stop by a signal: SIGTERM, or SIGHUP when the terminal closed.

    A KeyboardInterrupt, so every practice keeps what was done exactly as on Ctrl-C; `how`
    says which it was for the record ("terminated" or "hangup"), and the error boundary
    exits with 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        import signal

        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name
        self.how = "hangup" if signum == signal.SIGHUP else "terminated"

    @property
    def exit_code(self) -> int:
        return 128 + self.signum
