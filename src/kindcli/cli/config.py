"""`kind config`: read and change your settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from kindcli.config import Config

from kindcli.cli.common import JsonOption, services
from kindcli.services import Services

app = typer.Typer(help="Show and change your settings.", no_args_is_help=True)

KeyArgument = Annotated[str, typer.Argument(metavar="KEY", help="A setting name, e.g. region.")]


def _text(value: object) -> str:
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _read(svc: Services) -> tuple[Config, bool]:
    """The settings as they are, each problem in the file named on stderr; and whether
    there was any."""
    from kindcli.config import read_config

    config, problems = read_config(svc.paths.config_file)
    for problem in problems:
        svc.terminal.error(str(problem))
    if problems:
        svc.terminal.note("`kind config set KEY VALUE` or `kind config unset KEY` fixes a value.")
    return config, bool(problems)


def _editable(svc: Services) -> None:
    """Refuse to edit a file kind cannot parse at all: editing it line by line could lose
    what the person wrote. A bad value is fine: setting or unsetting it is the fix."""
    from kindcli.config import read_config

    _, problems = read_config(svc.paths.config_file)
    for problem in problems:
        if problem.key is None:
            raise problem


@app.command("show")
def show(ctx: typer.Context, json: JsonOption = False) -> None:
    """Show every setting, its value and what it does (exit 1 if the file has a problem)."""
    svc = services(ctx)
    config, troubled = _read(svc)
    if json:
        svc.terminal.json(config.as_dict())
    else:
        rows = [
            (s.key, _text(v) if config.is_set(s.key) else f"{_text(v)} (default)", s.help)
            for s, v in config.items()
        ]
        svc.terminal.table(["key", "value", "what it does"], rows)
        svc.terminal.note(f"Settings file: {svc.paths.config_file}")
    if troubled:
        raise typer.Exit(1)


@app.command("get")
def get(ctx: typer.Context, key: KeyArgument, json: JsonOption = False) -> None:
    """Print one setting's value."""
    from kindcli.config import get_setting

    svc = services(ctx)
    get_setting(key)  # an unknown key is named, with the closest one
    value = _read(svc)[0].get(key)
    if json:
        svc.terminal.json({key: value})
    else:
        svc.terminal.line(_text(value))


@app.command("set")
def set_(
    ctx: typer.Context,
    key: KeyArgument,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The new value.")],
) -> None:
    """Change one setting (the value is checked first)."""
    from kindcli.config import parse_value
    from kindcli.config_edit import update_config_file

    svc = services(ctx)
    _editable(svc)
    parsed = parse_value(key, value)
    if key == "default_breathing":
        svc.catalog.entry("breathing", str(parsed))  # names the patterns there are
    update_config_file(svc.paths.config_file, key, parsed)
    svc.terminal.line(f"{key} is now {_text(_read(svc)[0].get(key))}.")
    if key == "region":
        from kindcli.cli.sos import region_note

        note = region_note(svc, str(parsed) if parsed else None)
        if note:
            svc.terminal.note(note)


@app.command("unset")
def unset(ctx: typer.Context, key: KeyArgument) -> None:
    """Put one setting back to its default."""
    from kindcli.config import get_setting
    from kindcli.config_edit import update_config_file

    svc = services(ctx)
    _editable(svc)
    setting = get_setting(key)
    update_config_file(svc.paths.config_file, key, None)
    _read(svc)
    svc.terminal.line(f"{key} is back to its default ({_text(setting.default)}).")


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print where the settings file lives."""
    svc = services(ctx)
    svc.terminal.line(str(svc.paths.config_file))
