"""The terminal: the one output policy, prose, tables and JSON.

The output mode is computed once per run (`output_mode`), from `--plain`, `NO_COLOR`,
`TERM=dumb`, whether stdin and stdout are terminals, and the `animations` setting:

- `--plain` or `TERM=dumb`: plain text. No color, no animation, no cursor movement, and
  every question is a plain line prompt (numbered choices, typed answers).
- `NO_COLOR`: no color, and nothing else changes.
- stdout not a terminal (a pipe, a file): no color or animation; tables keep full width.
- `animations = false`: no animated views.

Prose is wrapped between words at min(width, 80) columns, with hanging indents; tables fit
the terminal. Rich is imported only when styling is actually used.

Everything written goes through `safe()`: text that came from a file or a person (a content
name, a journal entry, a file name in a warning) can hold control characters and escape
sequences (OSC 52 clipboard writes, a new window title, CSI 2J, C1 codes), and none of them
may reach the terminal. They are shown as visible escapes (`\x1b]0;...`) instead. `--json`
keeps the exact text: JSON escapes every control character, C1 ones included.
"""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

# Prose is easier to read in lines no longer than this, however wide the terminal.
PROSE_COLUMNS = 80


# Control characters a terminal acts on: C0 (but tab and newline), DEL and C1, and lone
# surrogates (undecodable bytes kept by Python's surrogateescape, which cannot be written).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid text: show the byte
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFF:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def safe(text: str) -> str:
    """`text` made safe to write to a terminal: every control character and escape sequence
    is shown as a visible escape (ESC as `\\x1b`, so `\\x1b]52;c;...` does nothing), lone
    surrogates as the byte they stand for. Newlines and tabs stay; Windows line ends
    become plain ones. Text without any of these comes back as it is."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text.replace("\r\n", "\n"))


def json_text(data: Any) -> str:
    """`data` as indented JSON that keeps every character exactly and is still safe on a
    terminal: json escapes C0 characters itself; DEL, C1 and lone surrogates become
    \\u escapes too (they only ever occur inside strings, so this stays valid JSON)."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def isatty(stream: object) -> bool:
    """Whether `stream` is a terminal (False for anything that cannot say)."""
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


@dataclass(frozen=True)
class OutputMode:
    """How this run writes, decided once."""

    plain: bool  # --plain or TERM=dumb
    color: bool  # color and styles on stdout
    err_color: bool  # color and styles on stderr
    animate: bool  # animated views (the breathing shape)
    widgets: bool  # arrow-key questions; otherwise numbered line prompts
    tty: bool  # stdout is a terminal: prose wraps to its width
    err_tty: bool


def output_mode(
    *,
    plain: bool = False,
    animations: bool = True,
    environ: Mapping[str, str] | None = None,
    stdin: object = None,
    stdout: object = None,
    stderr: object = None,
) -> OutputMode:
    env = os.environ if environ is None else environ
    plain = plain or env.get("TERM") == "dumb"
    no_color = env.get("NO_COLOR", "") != ""
    tty = isatty(sys.stdout if stdout is None else stdout)
    err_tty = isatty(sys.stderr if stderr is None else stderr)
    in_tty = isatty(sys.stdin if stdin is None else stdin)
    return OutputMode(
        plain=plain,
        color=tty and not plain and not no_color,
        err_color=err_tty and not plain and not no_color,
        animate=tty and not plain and animations,
        widgets=tty and in_tty and not plain,
        tty=tty,
        err_tty=err_tty,
    )


PLAIN = OutputMode(
    plain=True, color=False, err_color=False, animate=False, widgets=False, tty=False, err_tty=False
)


def terminal_width(default: int = 80) -> int:
    import shutil

    return max(20, shutil.get_terminal_size((default, 24)).columns)


def wrap(text: str, width: int, *, indent: str = "") -> list[str]:
    """Break `text` between words to fit `width`, keeping each line's own indent, and giving
    bullets ("- ") a hanging indent. Words longer than the line are never cut."""
    out: list[str] = []
    for line in text.split("\n"):
        line = indent + line if line else line
        if len(line) <= width:
            out.append(line)
            continue
        body = line.lstrip(" ")
        lead = " " * (len(line) - len(body))
        hang = lead + ("  " if body.startswith("- ") else "")
        out += textwrap.wrap(
            line,
            width=width,
            subsequent_indent=hang,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]
    return out


class Terminal:
    """Writes human output (stdout) and notes (stderr), as the output mode says."""

    def __init__(
        self,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        *,
        mode: OutputMode | None = None,
        plain: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.out = stdout or sys.stdout
        self.err = stderr or sys.stderr
        self.mode = mode or output_mode(
            plain=plain, environ=environ, stdout=self.out, stderr=self.err
        )
        self._console: Console | None = None
        self._err_console: Console | None = None

    @property
    def plain(self) -> bool:
        """No styling on stdout (plain mode, NO_COLOR or not a terminal)."""
        return not self.mode.color

    @property
    def tty(self) -> bool:
        return self.mode.tty

    @property
    def width(self) -> int:
        return terminal_width()

    @property
    def prose_width(self) -> int:
        """Where prose wraps: the terminal's width, at most 80 columns (a pipe counts as
        80, or $COLUMNS), so a page of kind reads the same in `less` as on screen."""
        return min(self.width, PROSE_COLUMNS)

    def _rich(self, err: bool = False) -> Console:
        from rich.console import Console

        if err:
            if self._err_console is None:
                self._err_console = Console(file=self.err, highlight=False)
            return self._err_console
        if self._console is None:
            self._console = Console(file=self.out, highlight=False)
        return self._console

    def line(
        self, text: str = "", *, style: str | None = None, indent: str = "", err: bool = False
    ) -> None:
        """A line of prose, wrapped between words on a terminal (on stderr with `err`)."""
        stream, color = (self.err, self.mode.err_color) if err else (self.out, self.mode.color)
        lines = wrap(safe(text), self.prose_width, indent=indent)
        if not color or not style:
            stream.write("\n".join(lines) + "\n")
            stream.flush()
            return
        from rich.text import Text

        console = self._rich(err=err)
        for part in lines:
            console.print(Text(part, style=style), overflow="ignore", crop=False, no_wrap=True)

    def spans(self, parts: Sequence[tuple[str, str | None]]) -> None:
        """One line made of differently styled pieces, never wrapped (plain: just the text)."""
        if not self.mode.color:
            self.out.write("".join(safe(text) for text, _ in parts) + "\n")
            self.out.flush()
            return
        from rich.text import Text

        line = Text()
        for text, style in parts:
            line.append(safe(text), style=style or "")
        self._rich().print(line, overflow="ignore", crop=False, no_wrap=True)

    def heading(self, text: str) -> None:
        self.line(text, style="bold")

    def note(self, text: str) -> None:
        """A quiet line on stderr (hints, warnings), never mixed into data output."""
        self._on_stderr(text, "dim")

    def error(self, text: str) -> None:
        self._on_stderr(text, "yellow")

    def _on_stderr(self, text: str, style: str) -> None:
        self.line(text, style=style, err=True)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        headers = [safe(h) for h in headers]
        rows = [[safe(c) for c in row] for row in rows]
        if not self.mode.tty:
            # A pipe gets bare text columns, never cut.
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

        table = Table(
            box=None,
            show_edge=False,
            pad_edge=False,
            header_style="bold" if self.mode.color else "",
        )
        for i, h in enumerate(headers):
            # The first column names things (keys, ids): never break it mid-word.
            table.add_column(h, overflow="fold", no_wrap=i == 0)
        for row in rows:
            # Text, not markup: a name like "Calm [/bold]" is shown as written.
            table.add_row(*(Text(c) for c in row))
        if self.mode.color:
            self._rich().print(table)
        else:
            # A plain terminal still gets columns fitted to its width, with no escapes.
            from rich.console import Console

            Console(file=self.out, color_system=None, highlight=False).print(table)

    def page(self, text: str) -> None:
        """A whole document (a report, a template) on stdout as it is, made safe: never
        wrapped or styled, so a pipe or a file gets the same text."""
        text = safe(text)
        self.out.write(text if text.endswith("\n") else text + "\n")
        self.out.flush()

    def json(self, data: Any) -> None:
        """One JSON document with the exact text (see `json_text`)."""
        self.out.write(json_text(data) + "\n")
        self.out.flush()
