"""`kind meditate phrases`, and finding phrases before loving-kindness: the person's own
loving-kindness phrases, kept in the store's state (see `kindcli.practices.meditation_phrases`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from kindcli.cli.common import PlainOption, PracticeStore, services

if TYPE_CHECKING:
    from kindcli.services import Services


def _own_phrases(svc: Services) -> list[str]:
    from kindcli.practices.meditation_phrases import STATE_KEY, from_state

    return from_state(PracticeStore(svc).get_state(STATE_KEY))


def _save_phrases(svc: Services, phrases: list[str]) -> None:
    """Keep the phrases, then the care check on the words the person wrote."""
    from kindcli.cli.aftercare import after_saving_text
    from kindcli.ports import Moment
    from kindcli.practices.meditation_phrases import STATE_KEY, to_state

    PracticeStore(svc).set_state(STATE_KEY, to_state(phrases), Moment.of(svc.clock.now()))
    if phrases:
        after_saving_text(svc, *phrases)


def _find_and_keep(svc: Services) -> list[str]:
    """The exercise, for someone with no phrases yet; what it found is saved even if it is
    cut short (Ctrl-C), so the words already chosen are not lost."""
    from kindcli.practices.meditation_phrases import Found, find_phrases

    found = Found()
    try:
        phrases = find_phrases(svc.prompter, svc.terminal.line, found)
    except BaseException:
        if found.phrases:
            from kindcli.ports import Moment
            from kindcli.practices.meditation_phrases import STATE_KEY, to_state

            moment = Moment.of(svc.clock.now())
            PracticeStore(svc).set_state(STATE_KEY, to_state(found.phrases), moment)
        raise
    if phrases:
        _save_phrases(svc, phrases)
    return phrases


FIND_FIRST = "Yes, a few questions first"
USE_KINDS = "Not now: use kind's phrases"


def phrases_for_practice(svc: Services) -> list[str]:
    """The person's phrases; on a terminal, with none yet, the exercise is offered first."""
    own = _own_phrases(svc)
    if own or not svc.interactive:
        return own
    svc.terminal.line("This practice uses a few kind wishes, and they can be your own words.")
    picked = svc.prompter.select(
        "Would you like to find your own?", [FIND_FIRST, USE_KINDS], default=FIND_FIRST
    )
    if picked != FIND_FIRST:
        return []
    svc.terminal.line()
    found = _find_and_keep(svc)
    svc.terminal.line()
    return found


def phrases_command(
    ctx: typer.Context,
    plain: PlainOption = False,
    json: Annotated[bool, typer.Option("--json", help="Print your phrases as JSON.")] = False,
) -> None:
    """Find, see and change your own loving-kindness phrases.

    A short exercise asks what you long to hear and shapes it into a wish.

    Lines piped in replace them: printf 'May I rest\\n' | kind meditate phrases
    """
    import sys

    from kindcli.adapters.terminal import isatty
    from kindcli.practices.meditation_phrases import clean, edit_phrases, to_state

    svc = services(ctx, plain)
    svc.existing_store()  # a damaged database is said plainly, before anything is asked
    current = _own_phrases(svc)
    if json:
        svc.terminal.json(to_state(current))
        return
    if not svc.interactive:
        if not isatty(sys.stdin):
            piped = clean(_piped_text().splitlines())
            if piped:
                _save_phrases(svc, piped)
                current = piped
                _show_phrases(svc, current, saved=True)
                return
        _show_phrases(svc, current)
        return
    if not current:
        found = _find_and_keep(svc)
        _show_phrases(svc, found, saved=bool(found))
        return
    changed = edit_phrases(svc.prompter, svc.terminal.line, current)
    if changed is None:
        svc.terminal.line("Your phrases are as they were.")
        return
    if changed != current:
        _save_phrases(svc, changed)
    _show_phrases(svc, changed, saved=True)


def _piped_text() -> str:
    """What was piped in, as text; bytes that are not UTF-8 change nothing."""
    import sys

    from kindcli.errors import KindError

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream with no bytes beneath (tests, some wrappers)
        return sys.stdin.read()
    try:
        return bytes(stream.read()).decode("utf-8")
    except UnicodeDecodeError:
        raise KindError(
            "The lines piped in are not UTF-8 text, so your phrases were left as they were."
        ) from None


def _show_phrases(svc: Services, phrases: list[str], *, saved: bool = False) -> None:
    t = svc.terminal
    if not phrases:
        t.line(
            "You have no phrases of your own yet; loving-kindness uses kind's. On a terminal, "
            "`kind meditate phrases` helps you find yours."
        )
        return
    t.line("Your phrases, saved:" if saved else "Your phrases:")
    for phrase in phrases:
        t.line(phrase, indent="    ")
