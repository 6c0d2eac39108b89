"""Every path kind uses, resolved in one place.

`KIND_HOME` overrides everything: the database, the config file and the user's content all
live directly under it. Otherwise data goes to platformdirs' user data dir for "kind", and
the config file and the user's own content to the user config dir. Nothing here touches
the disk; directories are made lazily by `ensure_private_dir` when something is written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from kindcli.health import Check

APP_NAME = "kind"
DB_NAME = "kind.db"
CONFIG_NAME = "config.toml"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    kind_home: Path | None = None

    @property
    def database(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def config_file(self) -> Path:
        return self.config_dir / CONFIG_NAME

    @property
    def user_content(self) -> Path:
        return self.config_dir / "content"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def editing(self) -> Path:
        """Private files for writing in $EDITOR (removed once their words are saved)."""
        return self.data_dir / "editing"

    @property
    def locks(self) -> Path:
        """Lock files: which kind process is writing which draft (`adapters.locks`)."""
        return self.data_dir / "locks"

    @property
    def shipped_content(self) -> Path:
        return shipped_content_dir()


def resolve_paths(environ: Mapping[str, str] | None = None) -> Paths:
    env = os.environ if environ is None else environ
    home = env.get("KIND_HOME")
    if home:
        root = Path(home).expanduser().absolute()
        if root.exists() and not root.is_dir():
            from kindcli.errors import KindError

            raise KindError(f"KIND_HOME is set to {root}, which is a file, not a folder.")
        return Paths(data_dir=root, config_dir=root, kind_home=root)
    # platformdirs costs a few milliseconds to import, so only pay for it here.
    import platformdirs

    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def shipped_content_dir() -> Path:
    """The content shipped with kind: inside the package when installed from a wheel,
    the top-level `content/` folder when running from a checkout or an editable install."""
    package = Path(__file__).resolve().parent
    installed = package / "content"
    if installed.is_dir():
        return installed
    return package.parent.parent / "content"


def ensure_private_dir(path: Path) -> Path:
    """Make sure the folder `path` exists; every folder kind has to create for it (the
    missing parents too) is made readable only by its owner (0700), whatever the umask.

    Race-free: many kind processes may make the same folders at the same moment (a first
    run under load), and a folder that another one made first is simply there. An existing
    folder is never loosened or chmodded; a symbolic link to a folder is followed."""
    missing: list[Path] = []
    at = path
    while not at.is_dir():
        missing.append(at)
        if at.parent == at:
            break
        at = at.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            if folder.is_dir():
                continue  # another kind made it a moment ago
            _cannot_create(path, folder, "something that is not a folder is in the way")
        except OSError as e:
            _cannot_create(path, folder, e.strerror or str(e))
        else:
            # mkdir's mode is filtered by the umask (0o777 would leave it unusable): set it.
            try:
                os.chmod(folder, 0o700)
            except OSError as e:
                _cannot_create(path, folder, e.strerror or str(e))
    return path


def _cannot_create(path: Path, where: Path, why: str) -> NoReturn:
    from kindcli.errors import KindError

    raise KindError(
        f"Could not create the folder {path} ({why}: {where}).",
        "Check that the folder can be made there, or set KIND_HOME to another folder.",
    ) from None


def permission_checks(paths: Paths) -> list[Check]:
    """`kind data doctor`'s look at who can read kind's folders and files."""
    import stat

    from kindcli.health import Check

    db = paths.database
    checks: list[Check] = []
    seen: set[Path] = set()
    for label, path, want in [
        ("data folder", paths.data_dir, 0o700),
        ("config folder", paths.config_dir, 0o700),
        ("database file", db, 0o600),
        ("database file", db.with_name(db.name + "-wal"), 0o600),
        ("database file", db.with_name(db.name + "-shm"), 0o600),
        ("config file", paths.config_file, 0o600),
    ]:
        # With KIND_HOME the data and config folders are one folder: check it once.
        if not path.exists() or path in seen:
            continue
        seen.add(path)
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            detail = (
                f"{path} is {oct(mode)[2:]}; others can read it (fix: chmod {oct(want)[2:]} {path})"
            )
            checks.append(Check(f"{label} permissions", False, detail))
        else:
            checks.append(
                Check(f"{label} permissions", True, f"{path} is private ({oct(mode)[2:]})")
            )
    return checks
