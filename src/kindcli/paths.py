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
from typing import TYPE_CHECKING

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
        """Private temporary files for writing in $EDITOR (removed after each use)."""
        return self.data_dir / "editing"

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
    """Create `path` readable only by its owner (0700). Parents that are missing are made
    with the usual permissions; an existing folder of kind's is never loosened."""
    if path.is_dir():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700)
        os.chmod(path, 0o700)
    except OSError as e:
        from kindcli.errors import KindError

        where = e.filename or path
        raise KindError(
            f"Could not create the folder {path} ({e.strerror}: {where}).",
            "Check that the folder can be made there, or set KIND_HOME to another folder.",
        ) from None
    return path


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
