"""How kind's help reads: no type labels, names that read well, conventional usage lines.

Typer writes a type beside every parameter (`--plain <bool>`, `<list[str]>`, `<int range>
[1<=x<=1000]`), which invites `kind --plain true`, and writes required arguments as
`{NAME}`. `tidy(command)` runs once on every command kind builds (`cli.build_command` and
the root group) and changes only what help shows:

- a flag shows nothing after its name;
- an option that takes a value shows a metavar: its own (`DATE`, `ID`, `FILE`) or `N` for a
  number and the option's name in capitals otherwise;
- a number's allowed range is said in words at the end of its help ("1 to 1000") instead
  of `[1<=x<=1000]` (Typer checks the range from the parameter's declaration, which is left
  as it was; `range_of` reads it for anyone who needs it, like the quick path's spec);
- usage lines read `NAME`, `[NAME]`, `NAME...` and `[NAME...]`, git's and man's way;
- a listing of commands shows each one's whole first line of help.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument

_HELP_NAMES = ["-h", "--help"]
_NUMBERS = (int, float)


def tidy(command: Any) -> Any:
    """`command` (and every subcommand under it) with kind's help conventions; returned."""
    if getattr(command, "_kind_tidy", False):
        return command
    command._kind_tidy = True
    _conventional_usage(command)
    if command.help and not command.short_help:
        # A listing shows the whole first line, never click's 45 characters and "...".
        command.short_help = command.help.strip().split("\n", 1)[0].strip()
    import typer

    ctx = typer.Context(command, help_option_names=_HELP_NAMES)
    params = list(command.params)
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        params.append(help_option)
    for param in params:
        _tidy_param(param)
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)
    return command


def range_of(param: Any) -> tuple[Any, Any]:
    """The smallest and largest value a number parameter accepts (None: no limit)."""
    info = param.type_descriptor.parameter_info
    return info.min, info.max


def range_words(low: Any, high: Any) -> str:
    """A range said for a person: "1 to 1000", "1 or more", "at most 520"."""
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"{low} or more"
    return f"at most {high}"


def _tidy_param(param: Any) -> None:
    is_argument = isinstance(param, TyperArgument)
    if is_argument:
        param.__class__ = _kind_class(type(param), {"display_type_rich": _argument_type})
    if not is_argument and (getattr(param, "is_flag", False) or param.count):
        param.metavar = ""
        return
    annotation = _annotation(param)
    if param.metavar is None:
        if annotation in _NUMBERS:
            param.metavar = "N"
        else:
            param.metavar = (param.name or "value").upper()
    elif param.metavar.startswith("[") and param.metavar.endswith("]"):
        param.metavar = param.metavar[1:-1]  # brackets are the usage line's to add
    param.metavar = param.metavar.removesuffix("...").removesuffix("]").removeprefix("[")
    if annotation in _NUMBERS and (param.min is not None or param.max is not None):
        words = range_words(param.min, param.max)
        help_text = (param.help or "").rstrip()
        stop = "." if help_text.endswith(".") else ""
        param.help = f"{help_text.removesuffix('.')} ({words}){stop}".strip()
        param.min = param.max = None  # shown in words above; Typer checks its own copy


def _annotation(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    return getattr(descriptor, "annotation", None)


def _conventional_usage(command: Any) -> None:
    # The usage line is the command's public `collect_usage_pieces`; its arguments are
    # written NAME, [NAME], NAME... rather than Typer's {NAME}.
    command.__class__ = _kind_class(type(command), {"collect_usage_pieces": _usage_pieces})


def _usage_pieces(self: Any, ctx: Any) -> list[str]:
    pieces = [self.options_metavar] if self.options_metavar else []
    for param in self.get_params(ctx):
        if isinstance(param, TyperArgument):
            pieces.append(_argument_usage(param))
        else:
            pieces.extend(param.get_usage_pieces(ctx))
    if hasattr(self, "subcommand_metavar"):
        pieces.append(self.subcommand_metavar)
    return [p for p in pieces if p]


def _argument_type(self: Any, ctx: Any) -> str | None:
    # An argument's name says what it is; only a fixed set of choices is worth listing.
    return TyperArgument.display_type_rich(self, ctx) if self.type_descriptor.is_choice else None


_CLASSES: dict[type, type] = {}


def _kind_class(base: type, methods: dict[str, Any]) -> type:
    """`base` with kind's help methods (the same class for every instance, made once)."""
    if getattr(base, "_kind_help", False):
        return base
    if base not in _CLASSES:
        names = {"__module__": base.__module__, "__qualname__": base.__qualname__}
        _CLASSES[base] = type(base.__name__, (base,), {"_kind_help": True, **names, **methods})
    return _CLASSES[base]


def _argument_usage(param: Any) -> str:
    name = param.metavar or (param.name or "value").upper()
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"
