"""Adding a person's own content files: check everything first, then copy, all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from kindcli.catalog.catalog import Entry, check_paths
from kindcli.errors import KindError
from kindcli.paths import ensure_private_dir


def add_content(
    user_root: Path, sources: list[Path], content_type: str | None, *, replace: bool = False
) -> list[Entry]:
    result = check_paths(sources, content_type)
    if result.problems:
        detail = "\n".join(result.problems)
        raise KindError(f"{detail}\nNothing was added: fix the problem(s) above and try again.")
    plan: dict[Path, Path] = {}
    for entry in result.entries:
        target = user_root / entry.type / entry.path.name
        if plan.setdefault(target, entry.path) != entry.path:
            raise KindError(
                f"{plan[target]} and {entry.path} would both be saved as {target}; "
                "nothing was added.",
                "Rename one of them.",
            )
    for target, source in plan.items():
        if target.exists() and not replace and not _same_bytes(target, source):
            raise KindError(
                f"You already have {target}; nothing was added.",
                "Pass --replace to overwrite it, or rename the new file.",
            )
    _refuse_ids_used_elsewhere(user_root, result.entries, set(plan))
    try:
        for target, source in plan.items():
            if target.exists() and _same_bytes(target, source):
                continue
            ensure_private_dir(user_root)
            ensure_private_dir(target.parent)
            _copy_privately(source, target)
    except OSError as e:
        raise KindError(f"Could not copy into {user_root}: {e.strerror} ({e.filename}).") from None
    return result.entries


def _refuse_ids_used_elsewhere(user_root: Path, new: list[Entry], targets: set[Path]) -> None:
    """A new id must not clash with one in another of the person's files (a file being
    replaced does not count), or their own content folder would stop validating."""
    existing = check_paths([user_root]) if user_root.is_dir() else None
    if existing is None:
        return
    owner = {
        (e.type, e.item.id): e.path
        for e in existing.entries
        if e.path.parent / e.path.name not in targets
    }
    for entry in new:
        other = owner.get((entry.type, entry.item.id))
        if other is not None:
            raise KindError(
                f"{entry.path}: id '{entry.item.id}' is already used by your file {other}; "
                "nothing was added.",
                "Give the new item another id, or replace that file.",
            )


def _copy_privately(source: Path, target: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".add-", suffix=target.suffix)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _same_bytes(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()
