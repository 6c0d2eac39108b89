"""Changing kind's settings file (`kind config set`, `kind remind add`).

The document is edited with tomlkit, so every comment, table and quoting style the person
wrote stays as it was; the result is read back with tomllib before it replaces the file
(atomically, readable only by the owner), and the folder is locked while it happens, so two
kind processes never lose each other's change. Reading is `kindcli.config`'s.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kindcli.config import REMINDERS, Value, get_setting
from kindcli.errors import ConfigError

NEW_FILE = "# kind's settings. `kind config show` lists every key and its meaning.\n\n"
Changes = Mapping[str, Any]  # top-level key -> its new value (None: remove the key)


def update_config_file(path: Path, key: str, value: Value) -> None:
    """Set `key` (or remove it, for None), keeping every other line, comment, table and
    quoting style as the person wrote it. Written atomically, mode 0600."""
    get_setting(key)
    edit_config(path, lambda data: {key: value})


def edit_config(path: Path, change: Callable[[dict[str, Any]], Changes]) -> None:
    """Change top-level keys of the config file. `change` is called with what the file holds
    now (as tomllib reads it) and returns the keys to set or remove; it runs while the file
    is locked, so two kind processes never lose each other's change.

    The document is edited with tomlkit, then read back with tomllib: unless it parses and
    holds exactly the old contents with these changes, the file is left as it was and a
    ConfigError says why. kind never writes a settings file that no longer reads."""
    from kindcli.paths import ensure_private_dir

    ensure_private_dir(path.parent)
    with _locked(path.parent):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = NEW_FILE
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"Could not read the config file {path}: {e}.") from None
        import tomllib

        try:
            before = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(
                f"{path}: {e}.", "kind changes the file only once it reads: fix that line first."
            ) from None
        changes = dict(change(before))
        for key in changes:
            if key != REMINDERS and _is_table(before.get(key)):
                raise ConfigError(
                    f"In {path}, {key} is a table of its own, and changing it would delete "
                    "what is written inside it, so kind left the file as it was.",
                    f"Edit the file by hand: {key} takes {get_setting(key).allowed}.",
                )
        expected = dict(before)
        for key, value in changes.items():
            if value is None or value == []:
                expected.pop(key, None)
            else:
                expected[key] = value
        new_text = _edited(path, text, changes)
        try:
            after = tomllib.loads(new_text)
        except tomllib.TOMLDecodeError:
            after = None
        if after != expected:
            raise _cannot_edit(path, changes)
        if new_text != text or not path.exists():
            _write_private(path, new_text)


def _is_table(value: object) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(v, dict) for v in value)
    )


def _edited(path: Path, text: str, changes: Changes) -> str:
    import tomlkit
    from tomlkit.exceptions import TOMLKitError
    from tomlkit.items import AoT

    try:
        doc = tomlkit.parse(text)
        for key, value in changes.items():
            if value is None or value == []:
                if isinstance(doc.get(key), AoT):
                    # Emptied: its comment lines stay, at the end of the document.
                    for comment in _update_tables(doc[key], []):
                        doc.add(comment)
                if key in doc:
                    del doc[key]
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                if not isinstance(doc.get(key), AoT):
                    doc[key] = tomlkit.aot()
                for comment in _update_tables(doc[key], value):
                    doc.add(comment)
            else:
                doc[key] = value
        edited = doc.as_string()
    except (TOMLKitError, ValueError, TypeError, KeyError):
        raise _cannot_edit(path, changes) from None
    return edited if edited.endswith("\n") or not edited else edited + "\n"


def _update_tables(tables: Any, wanted: list[Any]) -> list[Any]:
    """Make an array of tables hold `wanted`, in order, keeping each table that stays (its
    comments and layout) as it was: drop the ones that went, add the new ones at the end.
    A person's comment lines in a dropped table move to the table before it (or after it);
    those with no table left to go to are returned, for the end of the document."""
    import tomlkit
    from tomlkit.items import Comment

    kept = 0
    staying: list[Any] = []
    waiting: list[Any] = []  # comments of dropped tables with no earlier table to go to
    for table in list(tables):
        if kept < len(wanted) and table.unwrap() == wanted[kept]:
            kept += 1
            for comment in waiting:
                table.add(comment)
            waiting = []
            staying.append(table)
            continue
        comments = [item for _, item in table.value.body if isinstance(item, Comment)]
        tables.remove(table)
        if staying:
            for comment in comments:
                staying[-1].add(comment)
        else:
            waiting += comments
    for item in wanted[kept:]:
        table = tomlkit.table()
        table.update(item)
        table.add(tomlkit.nl())  # a blank line after each, as a person would leave it
        for comment in waiting:
            table.add(comment)
        waiting = []
        tables.append(table)
    return waiting


def _cannot_edit(path: Path, changes: Changes) -> ConfigError:
    keys = ", ".join(changes)
    return ConfigError(
        f"kind could not change {keys} in {path} without changing something else, so it "
        "left the file as it was.",
        "You can edit the file by hand (it is plain TOML), or move it aside to start afresh.",
    )


class _locked:
    """Hold an exclusive lock on the config folder while its file is read and replaced."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd: int | None = None

    def __enter__(self) -> None:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; edits are still atomic
            return
        try:
            self.fd = os.open(self.folder, os.O_RDONLY)
        except OSError as e:
            raise ConfigError(
                f"Could not open the config folder {self.folder}: {e.strerror}."
            ) from None
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock


def _write_private(path: Path, text: str) -> None:
    import tempfile
    from contextlib import suppress

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
    except OSError as e:
        raise ConfigError(f"Could not write the config file {path}: {e.strerror}.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise ConfigError(f"Could not write the config file {path}: {e.strerror}.") from None
        raise
