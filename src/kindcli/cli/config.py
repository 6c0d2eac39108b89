"""`kind config`: read and change your settings."""

from __future__ import annotations

from typing import Annotated

import typer

from kindcli.cli.common import JsonOption, services

app = typer.Typer(help="Show and change your settings.", no_args_is_help=True)

KeyArgument = Annotated[str, typer.Argument(metavar="KEY", help="A setting name, e.g. region.")]


def _text(value: object) -> str:
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@app.command("show")
def show(ctx: typer.Context, json: JsonOption = False) -> None:
    """Show every setting, its value and what it does."""
    svc = services(ctx)
    config = svc.config
    if json:
        svc.terminal.json(config.as_dict())
        return
    rows = [
        (s.key, _text(v) if config.is_set(s.key) else f"{_text(v)} (default)", s.help)
        for s, v in config.items()
    ]
    svc.terminal.table(["key", "value", "what it does"], rows)
    svc.terminal.note(f"Settings file: {svc.paths.config_file}")


@app.command("get")
def get(ctx: typer.Context, key: KeyArgument, json: JsonOption = False) -> None:
    """Print one setting's value."""
    svc = services(ctx)
    value = svc.config.get(key)
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
    from kindcli.config import load_config, parse_value, update_config_file

    svc = services(ctx)
    _ = svc.config  # a broken file is named and left alone before anything is written
    parsed = parse_value(key, value)
    if key == "default_breathing":
        svc.catalog.entry("breathing", str(parsed))  # names the patterns there are
    update_config_file(svc.paths.config_file, key, parsed)
    updated = load_config(svc.paths.config_file)
    svc.terminal.line(f"{key} is now {_text(updated.get(key))}.")


@app.command("unset")
def unset(ctx: typer.Context, key: KeyArgument) -> None:
    """Put one setting back to its default."""
    from kindcli.config import get_setting, update_config_file

    svc = services(ctx)
    _ = svc.config  # a broken file is named and left alone before anything is written
    setting = get_setting(key)
    update_config_file(svc.paths.config_file, key, None)
    svc.terminal.line(f"{key} is back to its default ({_text(setting.default)}).")


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print where the settings file lives."""
    svc = services(ctx)
    svc.terminal.line(str(svc.paths.config_file))
