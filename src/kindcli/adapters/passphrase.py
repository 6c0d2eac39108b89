"""Asking for the passphrase of an encrypted copy: KIND_PASSPHRASE for scripts, otherwise
on the terminal itself (/dev/tty, never echoed), so it works while the output is piped."""

from __future__ import annotations

import os

from kindcli.errors import KindError

ENV = "KIND_PASSPHRASE"
TRIES = 3


def ask_passphrase(*, twice: bool, environ: dict[str, str] | None = None) -> str:
    """The passphrase: from KIND_PASSPHRASE, else typed on the terminal (twice when making
    an encrypted copy, so a typo cannot lock the person out of it)."""
    env = os.environ if environ is None else environ
    given = env.get(ENV)
    if given is not None:
        if not given:
            raise KindError(f"{ENV} is set but empty; an encrypted copy needs a passphrase.")
        return given
    import getpass

    if not _has_terminal():
        raise KindError(
            "An encrypted copy needs a passphrase, and there is no terminal to ask for it on.",
            f"Set {ENV} for scripts.",
        )
    for _ in range(TRIES):
        first = getpass.getpass("Passphrase: ")
        if not first:
            _say("A passphrase cannot be empty.")
            continue
        if not twice or getpass.getpass("The same passphrase again: ") == first:
            return first
        _say("Those two were not the same. Let's try once more.")
    raise KindError("No passphrase was set, so nothing was written.")


def _has_terminal() -> bool:
    try:
        with open("/dev/tty", "rb"):
            return True
    except OSError:
        return False


def _say(text: str) -> None:
    # On the terminal the passphrase is typed on, as getpass writes its prompts.
    try:
        with open("/dev/tty", "w", encoding="utf-8") as tty:
            tty.write(text + "\n")
    except OSError:
        pass
