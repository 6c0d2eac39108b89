"""After saving anything a person wrote: notice words that suggest they may be in danger,
and offer support gently. It must never break: every problem costs only its own piece.

    from kindcli.cli.aftercare import after_saving_text

    shown = after_saving_text(svc, entry.body, *answers)  # any number of texts; returns bool

Call it from the cli layer, right after the practice function has returned its saved result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kindcli.practices import care

if TYPE_CHECKING:
    from kindcli.services import Services


def after_saving_text(svc: Services, *texts: str) -> bool:
    """When the words suggest the person may be in danger, show, gently: "It sounds like
    things might be really hard right now. Are you safe?", their region's lines and their
    own safety plan, then (on a terminal) offer a minute of grounding. Without a terminal
    (stdin or stdout not a TTY) the block goes to stderr and nothing waits.

    Never raises for its own problems, never blocks, never sends anything. Ctrl-C during the
    grounding minute raises KeyboardInterrupt (what was written is already saved).
    Returns True when the support block was shown.
    """
    try:
        match = care.find_crisis_language(texts, _detectors(svc))
    except Exception:
        return False
    if match is None:
        return False
    offer_support(svc, care.SAVED_ANYWAY)
    return True


def offer_support(svc: Services, said: str) -> None:
    """The support block, gently: "Are you safe?", `said` (what happened to the person's
    words), their region's lines and their own safety plan, then (on a terminal) a minute of
    grounding. Used after saving words that sound like danger, and by a measure's answer
    that asks for it."""
    from kindcli.cli.sos import grounding, support_block_lines

    err = not svc.interactive
    out = svc.terminal
    out.line(err=err)
    out.line(care.ARE_YOU_SAFE, style="bold", err=err)
    out.line(said, style="dim", err=err)
    out.line(err=err)
    for line in support_block_lines(svc, None, readonly=False):
        out.line(line.text, style=line.style, err=err)
    if svc.interactive:
        grounding(svc, svc.prompter)


def _detectors(svc: Services) -> Sequence[care.Detector]:
    from kindcli.catalog.care import crisis_language
    from kindcli.catalog.models import CrisisLanguage

    try:
        items = svc.catalog.all(CrisisLanguage)
    except Exception:
        items = crisis_language(svc.paths.shipped_content, svc.paths.user_content)
    return [care.detector_for(i) for i in items]
