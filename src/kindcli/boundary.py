"""What kind says when a command fails, and its exit code: the one error boundary.

Both ways into a command use it: the Typer root group (`kindcli.cli.KindGroup.invoke`) and
the quick path (`kindcli.quick`). A KindError becomes its message and exit code (1 unless
it says otherwise); Ctrl-C one calm line and 130; SIGTERM or SIGHUP (a StopSignal, see
`kindcli.adapters.signals`) one line and 128 + the signal; a reader that went away
(`| head`) a quiet exit 1; any other exception a short "something went wrong" line and 1,
the traceback only with KIND_DEBUG=1. Every message is made safe for the terminal first.
"""

from __future__ import annotations

import os
import sys

from kindcli.errors import KindError, StopSignal

# Said on Ctrl-C anywhere. Practices keep what was done before it comes up; this line makes
# no claim about saving, because some commands (the menu, sos) never save anything.
INTERRUPTED = "Stopped. It is always fine to stop. Be gentle with yourself."


def report(error: BaseException) -> int | None:
    """Tell the person about `error` on stderr and return the exit code, or None when the
    error is not the boundary's to tell (Typer's own, or any error under KIND_DEBUG)."""
    if isinstance(error, KindError):
        say(str(error))
        return error.exit_code
    if isinstance(error, StopSignal):
        say(f"kind was asked to stop ({error.name}), so it stopped.")
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        say("\n" + INTERRUPTED)
        return 130
    if isinstance(error, BrokenPipeError):
        # The reader went away (`kind ... | head`): stop quietly.
        silence_stdout()
        return 1
    if not isinstance(error, Exception) or type(error).__module__.startswith("typer"):
        return None
    if os.environ.get("KIND_DEBUG"):
        return None
    if isinstance(error, OSError) and error.filename:
        say(f"kind could not use {error.filename}: {error.strerror or error}.")
    else:
        # No promise about saved data here: kind cannot know what this interrupted.
        say(
            f"Something went wrong inside kind ({type(error).__name__}).\n"
            "Run again with KIND_DEBUG=1 to see the details, and please tell us about it."
        )
    return 1


def silence_stdout() -> None:
    # Python would otherwise complain about the broken pipe again when it exits.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def say(message: str) -> None:
    # Messages name files, ids and values that came from outside: made safe like all output.
    from kindcli.adapters.terminal import safe

    sys.stderr.write(safe(message) + "\n")
    sys.stderr.flush()
