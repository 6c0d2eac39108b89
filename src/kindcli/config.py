"""kind's config file: a small TOML file with documented keys, and the reminders.

Reading uses the standard library's tomllib. Changing it (`kind config set`, `kind remind
add`) edits the document with tomlkit, so every comment, table and quoting style the person
wrote stays as it was; the result is checked by reading it back before it replaces the
file, atomically and readable only by the owner. Unknown keys and bad values are refused
with a message that names the key and what it accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, cast

from kindcli.errors import ConfigError
from kindcli.reminders import QUIET_ALLOWED, QUIET_OFF, parse_quiet_hours

if TYPE_CHECKING:
    from pathlib import Path

    from kindcli.health import Check
    from kindcli.reminders import Reminder

Value = str | int | bool | None


class Setting(NamedTuple):
    key: str
    default: Value
    help: str
    allowed: str
    parse: Callable[[str], Value]
    check: Callable[[object], Value]


def _bool_parse(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "on", "1"):
        return True
    if lowered in ("false", "no", "off", "0"):
        return False
    raise ValueError


def _bool_check(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError


def _int_range(low: int, high: int, optional: bool = False) -> tuple[Any, Any]:
    def check(value: object) -> int | None:
        if optional and value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError
        return value

    def parse(text: str) -> int | None:
        if optional and text.strip().lower() in ("", "none", "off"):
            return None
        try:
            return check(int(text.strip()))
        except (TypeError, ValueError):
            raise ValueError from None

    return parse, check


_REGION = re.compile(r"^[A-Z]{2}$")


def _region_check(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and _REGION.match(value.strip().upper()):
        return value.strip().upper()
    raise ValueError


def _region_parse(text: str) -> str | None:
    if text.strip().lower() in ("", "none", "auto"):
        return None
    return _region_check(text)


_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def _slug_check(value: object) -> str:
    # Content names are found however they are typed (catalog.entry), so here too.
    if isinstance(value, str) and _SLUG.match(value.strip().lower()):
        return value.strip().lower()
    raise ValueError


def _quiet_check(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError
    quiet = parse_quiet_hours(value)
    return QUIET_OFF if quiet is None else quiet.text


def _quiet_parse(text: str) -> str:
    return _quiet_check(text)


_grace = _int_range(0, 7)
_intention = _int_range(1, 7, optional=True)

SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting(
            "region",
            None,
            "Where you are, for crisis lines (a two-letter country code such as US, GB, IE).",
            "a two-letter country code like US or GB, or 'auto' (KIND_REGION or your locale)",
            _region_parse,
            _region_check,
        ),
        Setting(
            "streak_grace_days",
            1,
            "Rest days allowed between practice days before a streak starts fresh.",
            "a whole number from 0 to 7",
            _grace[0],
            _grace[1],
        ),
        Setting(
            "hide_streaks",
            False,
            "Show only days practiced, never streak numbers.",
            "true or false",
            _bool_parse,
            _bool_check,
        ),
        Setting(
            "weekly_intention",
            None,
            "How many days a week you would like to practice (unset by default).",
            "a whole number from 1 to 7, or 'none'",
            _intention[0],
            _intention[1],
        ),
        Setting(
            "default_breathing",
            "box",
            "The breathing pattern `kind breathe` uses when you name none.",
            "a pattern id such as box (see `kind content list breathing`)",
            _slug_check,
            _slug_check,
        ),
        Setting(
            "mood_checkins",
            True,
            "Ask how intense things feel (0-10) before and after a practice.",
            "true or false",
            _bool_parse,
            _bool_check,
        ),
        Setting(
            "animations",
            True,
            "Use animated views on a terminal (false gives plain, screen-reader friendly text).",
            "true or false",
            _bool_parse,
            _bool_check,
        ),
        Setting(
            "journal_editor",
            False,
            "Write journal entries in your own editor ($VISUAL or $EDITOR), not step by step.",
            "true or false",
            _bool_parse,
            _bool_check,
        ),
        Setting(
            "bell",
            False,
            "Ring the terminal bell at each breathing phase change.",
            "true or false",
            _bool_parse,
            _bool_check,
        ),
        Setting(
            "quiet_hours",
            "22:00-07:00",
            "When reminders stay quiet (from-until), or 'off'.",
            QUIET_ALLOWED,
            _quiet_parse,
            _quiet_check,
        ),
        Setting(
            "shell_greeting",
            True,
            "Let `kind hello` greet you once a day in a new shell (false keeps it quiet).",
            "true or false",
            _bool_parse,
            _bool_check,
        ),
    ]
}


V = TypeVar("V")


class _Typed(Generic[V]):
    """`config.name`: the setting of that name, as its checked value or its default."""

    def __set_name__(self, owner: type, name: str) -> None:
        if name not in SETTINGS:
            raise TypeError(f"{name} is not in SETTINGS")
        self.key = name

    def __get__(self, config: Config, owner: type | None = None) -> V:
        return cast(V, config.get(self.key))


class Config:
    """Settings as the person chose them, with defaults for the rest."""

    def __init__(
        self,
        values: Mapping[str, Value] | None = None,
        path: Path | str | None = None,
        reminders: tuple[Reminder, ...] = (),
    ):
        self._values: dict[str, Value] = dict(values or {})
        self.path = path
        # The `[[reminders]]` that are valid, in the file's order (`kind remind`).
        self.reminders = reminders

    def get(self, key: str) -> Value:
        setting = get_setting(key)
        return self._values.get(key, setting.default)

    def is_set(self, key: str) -> bool:
        return key in self._values

    def items(self) -> list[tuple[Setting, Value]]:
        return [(s, self.get(s.key)) for s in SETTINGS.values()]

    def as_dict(self) -> dict[str, Value]:
        return {s.key: v for s, v in self.items()}

    # Typed views of the settings. A value in `_values` was checked when the file was read,
    # and a missing one is the default in SETTINGS, so each of these reads the table.
    region: _Typed[str | None] = _Typed()
    streak_grace_days: _Typed[int] = _Typed()
    hide_streaks: _Typed[bool] = _Typed()
    weekly_intention: _Typed[int | None] = _Typed()
    default_breathing: _Typed[str] = _Typed()
    mood_checkins: _Typed[bool] = _Typed()
    animations: _Typed[bool] = _Typed()
    journal_editor: _Typed[bool] = _Typed()
    bell: _Typed[bool] = _Typed()
    quiet_hours: _Typed[str] = _Typed()
    shell_greeting: _Typed[bool] = _Typed()


def get_setting(key: str) -> Setting:
    try:
        return SETTINGS[key]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(key, SETTINGS, n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        raise ConfigError(
            f"'{key}' is not a kind setting.", f"{hint}Known keys: {', '.join(SETTINGS)}."
        ) from None


def parse_value(key: str, text: str) -> Value:
    setting = get_setting(key)
    try:
        return setting.parse(text)
    except ValueError:
        raise ConfigError(
            f"'{text}' is not a valid value for {key}: use {setting.allowed}."
        ) from None


def load_config(path: Path) -> Config:
    """Read and check the config file; a missing file means all defaults. Any problem is a
    ConfigError naming the file and the key (for `kind config` and `kind data doctor`)."""
    config, problems = read_config(path)
    if problems:
        raise problems[0]
    return config


def read_config(path: Path | str) -> tuple[Config, list[ConfigError]]:
    """The settings that are valid, and a ConfigError for each that is not. A practice uses
    this, so one mistyped value never stands between a person and a breathing timer. (A
    plain string path is fine: `kind hello` reads settings without loading pathlib.)"""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        return Config(path=path), []
    except OSError as e:
        error = ConfigError(f"Could not read the config file {path}: {e.strerror}.")
        return Config(path=path), [error]
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        hint = "Fix that line; the keys are listed in kind's README."
        return Config(path=path), [ConfigError(f"{path}: {e}", hint)]
    values: dict[str, Value] = {}
    problems: list[ConfigError] = []
    reminders: tuple[Reminder, ...] = ()
    for key, value in data.items():
        if key == REMINDERS:
            reminders, wrong = _reminders(value)
            problems += [ConfigError(f"{path}: {w}.", key=key) for w in wrong]
            continue
        try:
            setting = get_setting(key)
        except ConfigError as e:
            problems.append(ConfigError(f"{path}: {e.message}", e.hint, key=key))
            continue
        try:
            values[key] = setting.check(value)
        except ValueError:
            problems.append(
                ConfigError(
                    f"{path}: {key} = {value!r} is not valid: use {setting.allowed}.", key=key
                )
            )
    return Config(values, path, reminders), problems


REMINDERS = "reminders"  # the one key that is not a setting: `kind remind` keeps it


def _reminders(value: object) -> tuple[tuple[Reminder, ...], list[str]]:
    from kindcli.reminders import from_config

    found, problems = from_config(value)
    return tuple(found), problems


def config_check(path: Path) -> Check:
    """`kind data doctor`'s look at the settings file."""
    from kindcli.health import Check

    _, problems = read_config(path)
    if not problems:
        return Check("config", True, "settings are valid")
    return Check("config", False, str(problems[0]).replace("\n", " "))
