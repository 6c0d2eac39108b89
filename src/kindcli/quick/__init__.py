"""The quick path: the read-only commands people run most, without loading Typer.

`kind data path`, `kind journal list`, `kind journal search` and `kind stats` spend most of
their time importing Typer, click and pydantic (about 80 ms here) to parse a few options.
`run()` parses the words typed against the same commands' own specification (read back
from their Typer signatures into `table.SPECS`) with the standard library's argparse, and
calls the same function their Typer command calls (`reading`), inside the same error
boundary (`kindcli.boundary`). Whatever it does not plainly understand (help, an unknown
or misspelled option, a value Typer would refuse, anything before the command's own words)
it leaves to Typer by returning None, so help and usage errors are always Typer's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kindcli.quick.spec import QUICK, Param

if TYPE_CHECKING:
    import argparse

_DECLINE = frozenset({"-h", "--help", "--"})
_DIGITS = re.compile(r"[0-9]{1,9}")


def run(args: Sequence[str]) -> int | None:
    """Run `kind ARGS` here and return its exit code, or None to leave it to Typer."""
    words = list(args)
    for path, action in QUICK.items():
        if words[: len(path)] == list(path):
            values = parse(path, words[len(path) :])
            return None if values is None else _call(action, values)
    return None


def parse(path: tuple[str, ...], words: Sequence[str]) -> dict[str, Any] | None:
    """The parameters `words` give the quick command `path`, exactly as Typer would parse
    them, or None when Typer should (help, an error, anything unusual)."""
    import argparse  # only for a quick command: `kind sos` and the rest never pay for it

    from kindcli.quick.table import SPECS

    params = SPECS[path]
    if any(w in _DECLINE or (w.startswith("-") and not _known(w, params)) for w in words):
        return None
    parser = _parser_class()(add_help=False, allow_abbrev=False, prog="kind")
    for p in params:
        if p.argument:
            parser.add_argument(p.name, type=_converter(p))
        elif p.flag:
            parser.add_argument(*p.opts, dest=p.name, action="store_true")
        elif p.multiple:  # repeatable: each value kept, in order (none given: click's ())
            parser.add_argument(*p.opts, dest=p.name, type=_converter(p), action="append")
        else:
            parser.add_argument(*p.opts, dest=p.name, type=_converter(p), default=p.default)
    try:
        values = vars(parser.parse_args(list(words)))
    except (_Decline, argparse.ArgumentError):
        return None
    for p in params:
        if p.multiple and values[p.name] is None:
            values[p.name] = ()
    return values


def _call(action: str, values: dict[str, Any]) -> int | None:
    # These commands only read, so the first-run welcome is never theirs to show
    # (`cli.welcome.should_welcome`; tests/test_quick.py checks it).
    from kindcli.boundary import report
    from kindcli.quick import reading
    from kindcli.services import Services

    svc = Services()
    try:
        if values.pop("plain", False):
            svc.ask_plain()
        getattr(reading, action)(svc, **values)
    except reading.BadOption:
        return None  # raised before anything is written: Typer says it, in its own words
    except (KeyboardInterrupt, Exception) as e:
        code = report(e)
        if code is None:
            raise
        return code
    finally:
        svc.close()
    return 0


def _known(word: str, params: Sequence[Param]) -> bool:
    """Whether a word that starts with a dash is one of the command's options, alone or
    with its value attached (`--number=5`, `-n5`); anything else is left to Typer."""
    for p in params:
        for opt in () if p.argument else p.opts:
            if word == opt:
                return True
            if not p.flag and word.startswith(opt + "=" if opt.startswith("--") else opt):
                return True
    return False


class _Decline(Exception):
    pass


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> Any:  # never print or exit: Typer will say it
            raise _Decline(message)

    return _Parser


def _converter(p: Param) -> Any:
    def convert(text: str) -> Any:
        if p.type == "str":
            return text
        if p.type != "int" or not _DIGITS.fullmatch(text):
            raise _Decline(text)  # anything but plain digits: Typer decides
        value = int(text)
        if (p.minimum is not None and value < p.minimum) or (
            p.maximum is not None and value > p.maximum
        ):
            raise _Decline(text)
        return value

    return convert
