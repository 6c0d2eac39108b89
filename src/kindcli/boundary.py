"""What kind says when a command fails, and its exit code: the one error boundary.

Both ways into a command use it: the Typer root group (`kindcli.cli.KindGroup.invoke`) and
the quick path (`kindcli.quick`). A KindError becomes its message and exit code (1 unless
it says otherwise); Ctrl-C one calm line and 130; SIGTERM or SIGHUP (a StopSignal, see
`kindcli.adapters.signals`) one line and 128 + the signal; a reader that went away
(`| head`) a quiet exit 0 (the reader has what it wanted); any other exception a short
"something went wrong" line and 1, the traceback only with KIND_DEBUG=1. Every message
is made safe for the terminal first.
"""

from __future__ import annotations

import os
import sys
from typing import Any

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
        # The reader went away (`kind ... | head`): it has what it wanted. Stop quietly.
        silence_stdout()
        return 0
    if not isinstance(error, Exception) or type(error).__module__.startswith("typer"):
        return None
    if os.environ.get("KIND_DEBUG"):
        return None
    store_error = _database_error(error)
    if store_error is not None:
        say(str(store_error))
        return store_error.exit_code
    if isinstance(error, OSError) and error.filename:
        say(f"kind could not use {error.filename}: {error.strerror or error}.")
    else:
        # No promise about saved data here: kind cannot know what this interrupted.
        say(
            f"Something went wrong inside kind ({type(error).__name__}).\n"
            "Run again with KIND_DEBUG=1 to see the details, and please tell us about it."
        )
    return 1


def _database_error(error: Exception) -> KindError | None:
    """SQLite failing in the middle of a command (a page damaged deep in the file is found
    only when it is read): said as the store says it on opening, naming the file."""
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is None or not isinstance(error, sqlite3.DatabaseError):
        return None
    from kindcli.paths import resolve_paths
    from kindcli.store.failures import open_error

    return open_error(resolve_paths().database, error)


def invalid_value(error: BaseException) -> None:
    """A value Typer refused for an option or argument, said for a person: Typer passes on
    pydantic's words ("Input should be greater than or equal to 1"); this names what is
    allowed and what was typed instead. Typer still says which option it was."""
    cause = error.__cause__
    param = getattr(error, "param", None)
    errors = getattr(cause, "errors", None)
    if param is None or not callable(errors) or not errors():
        return
    low = high = None
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None:
        low, high = descriptor.parameter_info.min, descriptor.parameter_info.max
    words = value_words(errors()[0], low, high)
    if words is not None:
        error.message = words  # type: ignore[attr-defined]


def value_words(err: Any, low: Any = None, high: Any = None) -> str | None:
    """One pydantic error (a dict from `ValidationError.errors()`) said for a person: what is
    allowed, then what was given. None when it has no words of kind's for it. `low` and
    `high` are the whole range allowed, when the caller knows it. Content files
    (`catalog.loader`) and options both say it this way."""
    kind, ctx, given = err.get("type", ""), err.get("ctx") or {}, err.get("input")
    shown = f" (not {given!r})" if isinstance(given, str) else f" (not {given})"
    if kind in ("int_parsing", "float_parsing"):
        number = "a whole number" if kind.startswith("int_") else "a number, like 2 or 2.5"
        return f"use {number}{_range_words(low, high, ' ')}{shown}"
    if kind in ("int_from_float", "int_type"):
        return f"use a whole number{_range_words(low, high, ' ')}{shown}"
    if kind == "float_type":
        return f"use a number, like 2 or 2.5{shown}"
    bounds = {
        "greater_than_equal": ("use {} or more", "ge"),
        "greater_than": ("use a number above {}", "gt"),
        "less_than_equal": ("use {} or less", "le"),
        "less_than": ("use a number below {}", "lt"),
    }
    if kind in bounds:
        if low is not None and high is not None:
            number = "a whole number" if isinstance(low, int) else "a number"
            return f"use {number}{_range_words(low, high, ' ')}{shown}"
        phrase, key = bounds[kind]
        return phrase.format(_number(ctx.get(key))) + shown
    if kind in ("literal_error", "enum"):
        return f"use one of {ctx.get('expected', '')}{shown}"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"use true or false{shown}"
    if kind in ("string_too_short", "too_short"):
        return "is empty; write something here, or leave the field out"
    if kind in ("string_type", "list_type", "dict_type"):
        wanted = {"string_type": "some text", "list_type": "a list", "dict_type": "a mapping"}
        return f"use {wanted[kind]} here{shown}"
    return None


def _number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _range_words(low: Any, high: Any, lead: str) -> str:
    if low is not None and high is not None:
        return f"{lead}from {low} to {high}"
    if low is not None:
        return f"{lead}of {low} or more"
    if high is not None:
        return f"{lead}of at most {high}"
    return ""


def exit_code(exit: SystemExit) -> int | str | None:
    """The code kind ends with for `exit`. rich, writing help or a table to a reader that went
    away, quiets stdout itself and exits 1 (`Console.on_broken_pipe`); kind says 0 for a
    closed pipe wherever it happens, like every other way out of it."""
    cause: BaseException | None = exit.__context__
    if exit.code == 1 and isinstance(cause, BrokenPipeError):
        silence_stdout()
        return 0
    return exit.code


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
