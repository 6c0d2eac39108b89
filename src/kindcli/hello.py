"""`kind hello`: one gentle line when a shell starts, at most once a day.

Every new shell pays for this, so it has a path of its own: `__main__` hands `kind hello`
and `kind hello --status` here before Typer, rich or pydantic are imported, and this module
imports what it needs only when it needs it. The common case (already said today) costs a
file check; the first shell of the day reads kind's database read-only through
`store.glance` and, if there is a settings file, the settings. A measure ready to take again
(`kindcli.measure_due`) is that day's line instead, once for each time it is due.

Nothing here may trouble the shell: no kind folder yet, a damaged database, a settings file
that does not read, a closed output, anything at all means silence and exit 0. The line is
only ever written to a terminal (a shell start-up file also runs for scp and rsync, which
must not see it); `--status` is for a prompt, so it prints wherever it is asked.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's own is an import every shell would pay for
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

DB_NAME = "kind.db"  # kindcli.paths.DB_NAME, without importing it (tests/test_hello.py)
MARKER_PREFIX = "hello-"  # hello-YYYY-MM-DD in the data folder: today is done
# What the settings said about greeting, for the settings file as it was then (see
# `_greeting_wanted`): reading TOML costs more than the rest of the first shell of a day.
SETTINGS_CACHE = "hello.settings"
STATUS_PRACTISED = "practiced today"


def main(args: list[str]) -> bool:
    """Run `kind hello [--status]` and return True; False for anything else (`--help`,
    a typo), which the full command line then answers."""
    if args not in ([], ["--status"]):
        return False
    try:
        if args:
            text = status(os.environ, _today_iso())
        else:
            text = greeting(os.environ, _today_iso()) if _isatty(sys.stdout) else None
        if text:
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
    except BaseException:  # a shell start-up file is never the place for an error
        _quiet_stdout()
    return True


def greeting(environ: Mapping[str, str], today: str) -> str | None:
    """Today's line, or None: already greeted today, practiced today, hidden by the
    `shell_greeting` setting, or anything in the way. Marks the day once a line is due (or
    practice is already done), so every later shell today costs one file check."""
    found = homes(environ)
    if found is None:
        return None
    data_dir, config_file = found
    if not os.path.isdir(data_dir):
        return None  # kind has not been used here yet: nothing to remember the day in
    marker = os.path.join(data_dir, MARKER_PREFIX + today)
    if os.path.exists(marker):
        return None
    from kindcli.store.glance import glance

    last, measures = glance(os.path.join(data_dir, DB_NAME))
    if last == today:
        _mark(data_dir, marker)
        return None
    if not _greeting_wanted(data_dir, config_file):
        return None
    # Only the shell that marks the day speaks: two shells opened together say it once.
    if not _mark(data_dir, marker):
        return None
    if measures:
        from kindcli.measure_due import mention

        # A measure ready to take again is said instead, once for each time it is due.
        ready = mention(data_dir, measures, today)
        if ready:
            return ready
    from datetime import date

    from kindcli.practices.fresh_start import hello_line

    return hello_line(date.fromisoformat(today), date.fromisoformat(last) if last else None)


def status(environ: Mapping[str, str], today: str) -> str | None:
    """ "practiced today", or None (also when anything is in the way)."""
    found = homes(environ)
    if found is None:
        return None
    from kindcli.store.glance import last_practice_day

    last = last_practice_day(os.path.join(found[0], DB_NAME))
    return STATUS_PRACTISED if last == today else None


def _greeting_wanted(data_dir: str, config_file: str) -> bool:
    """Whether the settings let a greeting out: they read without a problem and
    `shell_greeting` is on. The answer is kept beside the day's marker with the settings
    file's identity (inode, size, modified and changed times, kind's version), so the
    file is read again only when it has changed."""
    try:
        st = os.stat(config_file)
    except FileNotFoundError:
        return True
    from kindcli import __version__

    key = f"{__version__} {st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"
    cache = os.path.join(data_dir, SETTINGS_CACHE)
    try:
        with open(cache, encoding="utf-8") as f:
            known, _, said = f.read().rpartition(" ")
        if known == key:
            return said == "yes"
    except (OSError, UnicodeDecodeError):
        pass
    from kindcli.config import read_config

    config, problems = read_config(config_file)
    wanted = not problems and config.shell_greeting
    _replace(cache, f"{key} {'yes' if wanted else 'no'}")
    return wanted


def _replace(path: str, text: str) -> None:
    """Write a small file of kind's atomically (0600); a failure only costs speed."""
    tmp = f"{path}.{os.getpid()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        try:  # noqa: SIM105 - contextlib would be one more import for every shell
            os.unlink(tmp)
        except OSError:
            pass


def _mark(data_dir: str, marker: str) -> bool:
    """Create today's marker (0600); False if another shell made it first. Older markers
    are removed."""
    try:
        os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return False
    name = os.path.basename(marker)
    for old in os.listdir(data_dir):
        if old.startswith(MARKER_PREFIX) and old != name:
            try:  # noqa: SIM105 - contextlib would be one more import for every shell
                os.unlink(os.path.join(data_dir, old))
            except OSError:
                pass
    return True


# ---- where kind keeps things, without platformdirs -------------------------------------------


def homes(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(data folder, settings file) exactly as `kindcli.paths.resolve_paths` finds them.

    platformdirs costs more to import than all of this module's work, so the plain cases are
    worked out here (KIND_HOME; on Linux and the BSDs the XDG folders or ~/.local/share and
    ~/.config; on macOS ~/Library/Application Support); anything less plain asks
    `kindcli.paths` itself. `tests/test_hello.py` checks both agree."""
    home = environ.get("KIND_HOME")
    if home:
        root = os.path.expanduser(home)
        if not os.path.isabs(root):
            root = os.path.join(os.getcwd(), root)
        if os.path.exists(root) and not os.path.isdir(root):
            return None
        return root, os.path.join(root, "config.toml")
    plain = _plain_dirs(environ, sys.platform)
    if plain is None:
        from kindcli.paths import resolve_paths

        paths = resolve_paths(environ)
        return str(paths.data_dir), str(paths.config_file)
    data_dir, config_dir = plain
    return data_dir, os.path.join(config_dir, "config.toml")


def _plain_dirs(environ: Mapping[str, str], platform: str) -> tuple[str, str] | None:
    user_home = environ.get("HOME", "")
    if not user_home.startswith("/"):
        return None
    data, config = environ.get("XDG_DATA_HOME"), environ.get("XDG_CONFIG_HOME")
    if platform == "darwin":
        if data or config:
            return None  # platformdirs' answer here has changed between its versions
        support = os.path.join(user_home, "Library", "Application Support", "kind")
        return support, support
    if platform.startswith(("win", "cygwin", "msys", "emscripten", "wasi", "ios")):
        return None
    if "ANDROID_DATA" in environ or hasattr(sys, "getandroidapilevel"):
        return None
    # An XDG folder counts when it is an absolute path; an empty one means the default.
    # A relative one is read differently by different platformdirs versions: ask it.
    if (data and not data.startswith("/")) or (config and not config.startswith("/")):
        return None
    return (
        os.path.join(data or os.path.join(user_home, ".local", "share"), "kind"),
        os.path.join(config or os.path.join(user_home, ".config"), "kind"),
    )


def _today_iso() -> str:
    import time

    now = time.localtime()
    return f"{now.tm_year:04d}-{now.tm_mon:02d}-{now.tm_mday:02d}"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _quiet_stdout() -> None:
    # If writing failed (the terminal went away), Python would complain again at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
