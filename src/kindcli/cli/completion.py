"""Shell completion: `kind completion bash|zsh|fish` prints the script, and the shell then
asks kind for the words that fit (Typer's own mechanism, through click's `_KIND_COMPLETE`).

Commands and options complete from the command tree; the names of breaks, breathing
patterns, prompt sets, meditations and regions from the content (a person's own too). Only
a completion run pays for any of it: `__main__` registers the shells only when the shell
is asking (`_KIND_COMPLETE` is set), so `kind --help` costs what it did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

COMPLETE_VAR = "_KIND_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def completion(
    shell: Annotated[
        str,
        typer.Argument(
            metavar="SHELL",
            help="bash, zsh or fish.",
            autocompletion=lambda incomplete: [s for s in SHELLS if s.startswith(incomplete)],
        ),
    ],
) -> None:
    """Print the shell completion script for bash, zsh or fish.

    bash: add `eval "$(kind completion bash)"` to ~/.bashrc. zsh: add
    `eval "$(kind completion zsh)"` to ~/.zshrc (after compinit). fish: run
    `kind completion fish > ~/.config/fish/completions/kind.fish`.
    """
    from kindcli.errors import KindError

    name = shell.strip().lower()
    if name not in SHELLS:
        raise KindError(f"kind completes in bash, zsh and fish; '{shell}' is not one of them.")
    # Typer's own script, the one its `--show-completion` prints (which picks the shell from
    # the process tree, not from a word): `typer.completion` names it but does not list it
    # as exported. Typer is pinned to its tested minor range, and a test runs it in bash.
    from typer.completion import get_completion_script  # type: ignore[attr-defined]

    register()
    typer.echo(get_completion_script(prog_name="kind", complete_var=COMPLETE_VAR, shell=name))


def register() -> typer.core.TyperCommand:
    """Make the shells known to click (Typer does it for any app with completion), for a
    run the shell started to ask for words; returns that app's command."""
    holder = typer.Typer(add_completion=True)

    @holder.command()
    def nothing() -> None:
        """Only here for its completion options."""

    command: typer.core.TyperCommand = typer.main.get_command(holder)  # type: ignore[assignment]
    return command


def content_ids(content_type: str) -> Callable[[str], list[str]]:
    """A completer for the ids of one content type (kind's own and a person's own)."""

    def complete(incomplete: str) -> list[str]:
        try:
            from kindcli.services import Services

            ids = Services().catalog.entries(content_type)
        except Exception:  # completing must never fail the shell
            return []
        return sorted(i for i in ids if i.startswith(incomplete))

    return complete


def region_codes(incomplete: str) -> list[str]:
    """A completer for region codes (`kind sos --region`), without YAML."""
    try:
        from kindcli.catalog.care import load_regions
        from kindcli.services import Services

        svc = Services()
        regions = load_regions(svc.paths.shipped_content, svc.paths.user_content).regions
    except Exception:  # completing must never fail the shell
        return []
    word = incomplete.lower()
    return sorted(code for code in regions if code.startswith(word))
