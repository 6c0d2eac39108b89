"""Reading a person's own words again, slowly: a piece at a time, each for about as long as
it takes to read it unhurried, on the timeline engine (the letter in `kind journal` is read
back this way before "What do you notice?"). Every word is always shown."""

from __future__ import annotations

import re

from kindcli.ports import Clock, Renderer
from kindcli.practices import timeline

# About two words a second, a piece at a time.
READING_SECONDS_PER_WORD = 0.5
READING_SECONDS = (2.0, 12.0)  # the shortest and longest stay on one piece


def reading_pieces(text: str) -> list[str]:
    """A person's text in pieces to read one at a time: their own lines, and a long line
    in sentences of up to about thirty words. Every word is kept, in order, and a piece
    that starts a new paragraph starts with a line break."""
    pieces: list[str] = []
    gap = ""
    for line in text.strip().splitlines():
        line = line.strip()
        if not line:
            gap = "\n"  # a new paragraph keeps its empty line before it
            continue
        sentences = re.split(r"(?<=[.!?])\s+", line)
        current: list[str] = []
        for sentence in sentences:
            if current and len(" ".join([*current, sentence]).split()) > 30:
                pieces.append(gap + " ".join(current))
                current, gap = [], ""
            current.append(sentence)
        pieces.append(gap + " ".join(current))
        gap = ""
    return pieces


def reading_seconds(piece: str) -> float:
    low, high = READING_SECONDS
    return min(high, max(low, len(piece.split()) * READING_SECONDS_PER_WORD))


def read_again(
    text: str, *, out: Renderer, clock: Clock, keys: timeline.Keys | None
) -> timeline.Progress:
    """Show `text` again a piece at a time, each for its reading time, on the timeline
    engine: Enter moves on, space pauses, q shows the rest at once. Without keys, all of it
    at once. Every word is always shown."""
    pieces = reading_pieces(text)
    progress = timeline.Progress()
    if keys is None:
        for piece in pieces:
            out.line(piece, indent="    ")
        progress.ending = "done"
        return progress
    line = timeline.Timeline.back_to_back((reading_seconds(p), p) for p in pieces)
    view = _Reading(out)
    keys.open()
    try:
        timeline.run(line, clock, keys, view, progress)
    finally:
        keys.close()
    for piece in pieces[view.shown :]:
        out.line(piece, indent="    ")
    return progress


class _Reading:
    """The view of a text read again: each piece appears as its time begins."""

    frame_seconds: float | None = None

    def __init__(self, out: Renderer) -> None:
        self.out = out
        self.shown = 0

    def segment(self, tick: timeline.Tick[str]) -> None:
        self.out.line(tick.segment.payload, indent="    ")
        self.shown += 1

    def frame(self, tick: timeline.Tick[str]) -> None:
        pass

    def paused(self, tick: timeline.Tick[str]) -> None:
        self.out.note("Paused. Space goes on, q shows the rest.")

    def resumed(self, tick: timeline.Tick[str]) -> None:
        pass
