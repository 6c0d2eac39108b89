"""Text that comes in from outside (a pipe, a keyboard) made into text kind can keep.

Bytes that are not valid text in the input's encoding (almost always UTF-8) cannot be
stored, searched or shown as they are. kind keeps everything else exactly and puts U+FFFD
(the replacement character) where each such byte was, and says so, naming where the bytes
were, so the person can convert the text and write it again if those characters matter.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import IO, Any

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class IncomingText:
    text: str
    # How many bytes were not text, and the first few: (line, byte in that line, value).
    not_text: int = 0
    first: tuple[tuple[int, int, int], ...] = ()

    def warning(self, command: str) -> str | None:
        """One or two lines naming where the undecodable bytes were, or None."""
        if not self.not_text:
            return None
        shown = "; ".join(
            f"0x{value:02x} at line {line}, byte {column}" for line, column, value in self.first
        )
        more = (
            f" and {self.not_text - len(self.first)} more"
            if self.not_text > len(self.first)
            else ""
        )
        noun = "byte was" if self.not_text == 1 else "bytes were"
        return (
            f"{self.not_text} {noun} not UTF-8 text ({shown}{more}); everything else is kept "
            f"as it came, with \ufffd in their place.\nIf the text is in another encoding, "
            f"convert it first, for example: iconv -f latin1 -t utf-8 notes.txt | {command}"
        )


def read_piped(stream: IO[str] | None = None) -> IncomingText:
    """All of `stream` (stdin by default), as text kept whole: see the module's note."""
    source = sys.stdin if stream is None else stream
    buffer = getattr(source, "buffer", None)
    if buffer is None:  # already text (a test's StringIO)
        return _kept(source.read(), "utf-8")
    data: bytes = buffer.read()
    encoding = getattr(source, "encoding", None) or "utf-8"
    try:
        return _kept(data.decode(encoding, errors="surrogateescape"), encoding)
    except LookupError:  # an encoding Python does not know: read it as UTF-8
        return _kept(data.decode("utf-8", errors="surrogateescape"), "utf-8")


def _kept(text: str, encoding: str) -> IncomingText:
    """Each undecodable byte (a lone surrogate, from surrogateescape) becomes U+FFFD."""
    bad = [m.start() for m in _SURROGATE.finditer(text)]
    if not bad:
        return IncomingText(text)
    first = []
    for i in bad[:3]:
        code = ord(text[i])
        value = code - 0xDC00 if 0xDC80 <= code <= 0xDCFF else 0
        line_start = text.rfind("\n", 0, i) + 1
        column = len(text[line_start:i].encode(encoding, errors="surrogateescape")) + 1
        first.append((text.count("\n", 0, i) + 1, column, value))
    return IncomingText(_SURROGATE.sub(REPLACEMENT, text), len(bad), tuple(first))


def typed(text: Any) -> str:
    """An answer typed at a terminal, ready to keep. A terminal that sends bytes that are not
    UTF-8 reaches Python as lone surrogates, which could not be saved: they become U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, str(text))
