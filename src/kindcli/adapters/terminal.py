"""Human output for a real terminal, and plain text for everything else.

Colour and styling happen only when stdout is a terminal and neither NO_COLOR, TERM=dumb
nor --plain says otherwise. Rich is imported only when styling is actually used.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def wants_plain(stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    if "NO_COLOR" in env and env["NO_COLOR"] != "":
        return True
    if env.get("TERM") == "dumb":
        return True
    return not _isatty(stream)


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Terminal:
    """Writes human output (stdout) and notes (stderr)."""

    def __init__(
        self,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        *,
        plain: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.out = stdout or sys.stdout
        self.err = stderr or sys.stderr
        self.plain = plain or wants_plain(self.out, environ)
        self.err_plain = plain or wants_plain(self.err, environ)
        self._console: Console | None = None
        self._err_console: Console | None = None

    @property
    def width(self) -> int:
        import shutil

        return max(20, shutil.get_terminal_size((80, 24)).columns)

    def _rich(self, err: bool = False) -> Console:
        from rich.console import Console

        if err:
            if self._err_console is None:
                self._err_console = Console(file=self.err, highlight=False)
            return self._err_console
        if self._console is None:
            self._console = Console(file=self.out, highlight=False)
        return self._console

    def line(self, text: str = "", *, style: str | None = None) -> None:
        if self.plain or not style:
            self.out.write(text + "\n")
            self.out.flush()
        else:
            from rich.text import Text

            self._rich().print(Text(text, style=style))

    def spans(self, parts: Sequence[tuple[str, str | None]]) -> None:
        """One line made of differently styled pieces (plain: just the text)."""
        if self.plain:
            self.line("".join(text for text, _ in parts))
            return
        from rich.text import Text

        line = Text()
        for text, style in parts:
            line.append(text, style=style or "")
        self._rich().print(line, overflow="ignore", crop=False, no_wrap=True)

    def heading(self, text: str) -> None:
        self.line(text, style="bold")

    def note(self, text: str) -> None:
        if self.err_plain:
            self.err.write(text + "\n")
            self.err.flush()
        else:
            from rich.text import Text

            self._rich(err=True).print(Text(text, style="dim"))

    def error(self, text: str) -> None:
        if self.err_plain:
            self.err.write(text + "\n")
            self.err.flush()
        else:
            from rich.text import Text

            self._rich(err=True).print(Text(text, style="yellow"))

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        if self.plain:
            widths = [len(h) for h in headers]
            for row in rows:
                widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
            for row in [headers, *rows]:
                cells = [c.ljust(w) for c, w in zip(row, widths, strict=True)]
                self.out.write("  ".join(cells).rstrip() + "\n")
            self.out.flush()
            return
        from rich.table import Table

        table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
        for h in headers:
            table.add_column(h, overflow="fold")
        for row in rows:
            table.add_row(*row)
        self._rich().print(table)

    def json(self, data: Any) -> None:
        self.out.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
        self.out.flush()
