"""Adding a person's own content files: check everything first, then copy, all or nothing."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from kindcli.catalog import Entry, check_paths
from kindcli.errors import KindError
from kindcli.paths import ensure_private_dir


def add_content(
    user_root: Path, sources: list[Path], content_type: str | None, *, replace: bool = False
) -> list[Entry]:
    result = check_paths(sources, content_type)
    if result.problems:
        detail = "\n".join(result.problems)
        raise KindError(f"{detail}\nNothing was added: fix the problem(s) above and try again.")
    plan: dict[Path, tuple[Path, list[Entry]]] = {}
    for entry in result.entries:
        target = user_root / entry.type / entry.path.name
        plan.setdefault(target, (entry.path, []))[1].append(entry)
    sources_by_target: dict[Path, Path] = {}
    for target, (source, _) in plan.items():
        if target in sources_by_target and sources_by_target[target] != source:
            raise KindError(
                f"Two files would both be saved as {target}; nothing was added.",
                "Rename one of them.",
            )
        sources_by_target[target] = source
        if target.exists() and not replace and not _same_bytes(target, source):
            raise KindError(
                f"You already have {target}; nothing was added.",
                "Pass --replace to overwrite it, or rename the new file.",
            )
    for target, (source, _) in plan.items():
        if target.exists() and _same_bytes(target, source):
            continue
        ensure_private_dir(user_root)
        ensure_private_dir(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".add-", suffix=target.suffix)
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return result.entries


def _same_bytes(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()
