"""After saving anything a person wrote: notice words that suggest they may be in danger, or
that someone they care about may be, and offer support gently. It must never break: every
problem costs only its own piece.

    from kindcli.cli.aftercare import after_saving_text

    shown = after_saving_text(svc, entry.body, *answers)  # any number of texts; returns bool
    after_saving_text(svc, *plan_lines, only=METHOD_ONLY)  # a safety plan: method words only

Call it from the cli layer, right after the practice function has returned its saved result:
journal answers, break notes, the own words typed at a break's kindness step, meditation
phrases, the safety plan's own lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kindcli.practices import care

if TYPE_CHECKING:
    from kindcli.practices.crisis_language import Detector
    from kindcli.services import Services

# A safety plan is meant to talk about hard feelings and the people who help; only words
# about a method or a plan there bring up support.
METHOD_ONLY = ("method or plan",)


def after_saving_text(svc: Services, *texts: str, only: Iterable[str] | None = None) -> bool:
    """When the words suggest the writer may be in danger, show, gently: "It sounds like
    things might be really hard right now. Are you safe?", their region's lines and their
    own safety plan, then (on a terminal) offer a minute of grounding. When they are about
    someone else ("my friend told me she feels suicidal"), show what helps a worried friend
    and the same lines instead. Without a terminal (stdin or stdout not a TTY) the block
    goes to stderr and nothing waits.

    Never raises for its own problems, never blocks, never sends anything. Ctrl-C during the
    grounding minute raises KeyboardInterrupt (what was written is already saved).
    Returns True when a support block was shown.
    """
    from kindcli.practices.crisis_language import find_crisis_language

    try:
        match = find_crisis_language(texts, _detectors(svc), only)
    except Exception:
        return False
    if match is None:
        return False
    offer_support(svc, care.SAVED_ANYWAY, about_other=match.about == "other")
    return True


def offer_support(svc: Services, said: str, *, about_other: bool = False) -> None:
    """The support block, gently: "Are you safe?" (or, `about_other`, what helps a worried
    friend), `said` (what happened to the person's words), their region's lines and their
    own safety plan, then (on a terminal, for the writer) a minute of grounding. Used after
    saving words that sound like danger, and by a measure's answer that asks for it."""
    from kindcli.cli.sos import grounding, support_block_lines

    err = not svc.interactive
    out = svc.terminal
    out.line(err=err)
    out.line(care.WORRIED_OPENING if about_other else care.ARE_YOU_SAFE, style="bold", err=err)
    out.line(said, style="dim", err=err)
    out.line(err=err)
    first = care.SOMEONE_ELSE if about_other else None
    for line in support_block_lines(svc, None, readonly=False, first=first):
        out.line(line.text, style=line.style, err=err)
    if svc.interactive and not about_other:
        grounding(svc, svc.prompter)


def _detectors(svc: Services) -> Sequence[Detector]:
    """kind's own check, and a person's own items beside it (time-limited); if kind's
    folder cannot be used, kind's own alone."""
    from kindcli.catalog.care_language import detectors
    from kindcli.paths import shipped_content_dir

    try:
        user = svc.paths.user_content
    except Exception:
        user = None
    return detectors(shipped_content_dir(), user)
