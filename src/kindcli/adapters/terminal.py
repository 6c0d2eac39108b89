"""Human output for a real terminal, and plain text for everything else.

Colour and styling happen only when stdout is a terminal and neither NO_COLOR, TERM=dumb
nor --plain says otherwise. Rich is imported only when styling is actually used.
"""

from __future__ import annotations

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
        # A terminal still gets layout (tables fitted to its width) when plain; only
        # piped output gets bare text columns.
        self.tty = _isatty(self.out)
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
            # color_system=None: no escape codes at all, for NO_COLOR, TERM=dumb and --plain.
            self._console = Console(
                file=self.out, highlight=False, color_system=None if self.plain else "auto"
            )
        return self._console

    def line(self, text: str = "", *, style: str | None = None) -> None:
        if self.plain or not style:
            self._write(self.out, text, wrap=self.tty)
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
        self._on_stderr(text, "dim")

    def error(self, text: str) -> None:
        self._on_stderr(text, "yellow")

    def _on_stderr(self, text: str, style: str) -> None:
        if self.err_plain:
            self._write(self.err, text, wrap=_isatty(self.err))
        else:
            from rich.text import Text

            self._rich(err=True).print(Text(text, style=style))

    def _write(self, stream: IO[str], text: str, *, wrap: bool) -> None:
        if wrap:
            # Plain text on a terminal still breaks between words, not inside them.
            text = _wrap(text, self.width)
        stream.write(text + "\n")
        stream.flush()

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        if not self.tty:
            widths = [len(h) for h in headers]
            for row in rows:
                widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
            for row in [headers, *rows]:
                cells = [c.ljust(w) for c, w in zip(row, widths, strict=True)]
                self.out.write("  ".join(cells).rstrip() + "\n")
            self.out.flush()
            return
        from rich.table import Table
        from rich.text import Text

        table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
        for i, h in enumerate(headers):
            # The first column names things (keys, ids): never break it mid-word.
            table.add_column(h, overflow="fold", no_wrap=i == 0)
        for row in rows:
            # Text, not markup: a name like "Calm [/bold]" is shown as written.
            table.add_row(*(Text(c) for c in row))
        self._rich().print(table)

    def json(self, data: Any) -> None:
        import json  # only data commands need it

        self.out.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
        self.out.flush()


def _wrap(text: str, width: int) -> str:
    if all(len(line) <= width for line in text.split("\n")):
        return text
    import textwrap

    return "\n".join(
        textwrap.fill(line, width=width, break_long_words=False, break_on_hyphens=False)
        if len(line) > width
        else line
        for line in text.split("\n")
    )
