"""The arrow-key questions, built on questionary.

Imported only when a command first needs to ask something: questionary and prompt_toolkit
take longer to load than the rest of kind, and most commands never prompt. The 0-10
check-ins are not asked here but on the terminal's own line editing (`LinePrompter` with a
`Look`, which draws them the same way), so they never wait for prompt_toolkit to load.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import questionary

from kindcli.adapters.line_prompter import PALETTE, QMARK

STYLE = questionary.Style(
    [
        ("qmark", f"fg:{PALETTE['qmark']}"),
        ("question", "bold"),
        ("answer", f"fg:{PALETTE['answer']}"),
        ("pointer", f"fg:{PALETTE['pointer']} bold"),
        ("highlighted", f"fg:{PALETTE['pointer']} bold"),
        ("instruction", f"fg:{PALETTE['instruction']}"),
    ]
)
# A lone Esc is told from the start of an arrow key's sequence after this long.
ESC_SECONDS = 0.05


class QuestionaryPrompter:
    """Every question raises KeyboardInterrupt on Ctrl-C (questionary's unsafe_ask), so the
    error boundary can save what was done and say one calm line."""

    def __init__(self, **prompt_kwargs: Any) -> None:
        # Tests pass prompt_toolkit's `input`/`output` here to drive the real widgets.
        self._kwargs = prompt_kwargs

    def text(self, message: str, *, default: str = "", multiline: bool = False) -> str:
        from kindcli.adapters.terminal import safe

        extra: dict[str, Any] = {}
        instruction = None
        message = safe(message)
        if multiline:
            # Enter starts a new line; Ctrl-D (easier to find than Esc Enter) finishes.
            # The answer starts on its own line, so long answers wrap at the left edge.
            message, instruction = _wrap_prompt(message, "(Ctrl-D when done)")
            extra["key_bindings"] = _finish_keys()
        else:
            message = _wrapped(message)
        answer = _ask(
            questionary.text(
                message,
                default=default,
                multiline=multiline,
                instruction=instruction,
                style=STYLE,
                qmark=QMARK,
                **extra,
                **self._kwargs,
            ),
            default,
        )
        from kindcli.adapters.text_input import typed

        # prompt_toolkit keeps bytes that are not UTF-8 as lone surrogates: make them storable.
        return typed(answer or "")

    def select(
        self,
        message: str,
        choices: Sequence[str],
        *,
        default: str | None = None,
        escape: str | None = None,
    ) -> str:
        from kindcli.adapters.terminal import PROSE_COLUMNS, safe, terminal_width, wrap

        message, instruction = _wrap_prompt(message, "(arrow keys, then Enter)", end="")
        # Long choices wrap between words, continuing under their own first word (the
        # pointer takes three columns); the answer is still the choice as given. What is
        # shown is made safe for the terminal (a choice can be words from a file).
        width = min(terminal_width(), PROSE_COLUMNS) - 4
        options = [
            questionary.Choice(title="\n   ".join(wrap(safe(c), width)), value=c) for c in choices
        ]
        if any(len(c) > width for c in choices):
            # The chosen words are shown after the question once answered: give them a
            # line of their own, so a long choice is not cut off at the edge.
            message += "\n"
        question = questionary.select(
            message,
            choices=options,
            default=default if default in choices else None,
            instruction=instruction,
            style=STYLE,
            qmark=QMARK,
            **self._kwargs,
        )
        if escape is not None and escape in choices:
            _escape_picks(question, choices.index(escape), escape)
        return str(question.unsafe_ask())

    def confirm(self, message: str, *, default: bool = True) -> bool:
        question = questionary.confirm(
            _wrapped(message), default=default, style=STYLE, qmark=QMARK, **self._kwargs
        )
        return bool(_ask(question, default))

    def pause(self, message: str = "") -> str:
        question = questionary.text(_wrapped(message), style=STYLE, qmark="", **self._kwargs)
        return str(_ask(question, "") or "")


def _ask(question: Any, on_end: Any) -> Any:
    """The answer, or `on_end` when the person presses Ctrl-D on an empty line (an end of
    input, as it is for the 0-10 questions): prompt_toolkit raises EOFError for it."""
    try:
        return question.unsafe_ask()
    except EOFError:
        return on_end


def _wrapped(message: str) -> str:
    """A one-line question broken between words to fit the terminal (prompt_toolkit would
    cut it at the edge, mid-word), made safe for it."""
    from kindcli.adapters.terminal import PROSE_COLUMNS, safe, terminal_width, wrap

    width = min(terminal_width(), PROSE_COLUMNS) - len(QMARK) - 8
    return "\n".join(wrap(safe(message), width)) or ""


def _escape_picks(question: Any, index: int, value: str) -> None:
    """Esc answers a select with one of its choices (a way to back out), shown as answered."""
    from prompt_toolkit.keys import Keys
    from questionary.prompts.common import InquirerControl

    app = question.application
    app.ttimeoutlen = ESC_SECONDS

    def back_out(event: Any) -> None:
        for window in event.app.layout.find_all_windows():
            if isinstance(window.content, InquirerControl):
                window.content.pointed_at = index
                window.content.is_answered = True
        event.app.exit(result=value)

    app.key_bindings.add(Keys.Escape, eager=True)(back_out)


def _finish_keys() -> Any:
    from prompt_toolkit.key_binding import KeyBindings

    keys = KeyBindings()

    @keys.add("c-d", eager=True)
    def _finish(event: Any) -> None:
        event.current_buffer.validate_and_handle()

    return keys


def _wrap_prompt(message: str, instruction: str, end: str = "\n") -> tuple[str, str]:
    """Break a long question into lines that fit the terminal, between words: prompt_toolkit
    cuts a prompt line off at the edge (or mid-word) instead of wrapping it. `end` follows
    the instruction: a new line for answers that start below it, "" for a short answer."""
    from kindcli.adapters.terminal import PROSE_COLUMNS, safe, terminal_width, wrap

    width = min(terminal_width(), PROSE_COLUMNS) - len(QMARK) - 2
    lines = wrap(safe(message), width) or [""]
    if len(lines[-1]) + len(instruction) + 2 > width:
        return "\n".join(lines), f"\n{instruction}{end}"
    return "\n".join(lines), f"{instruction}{end}"
