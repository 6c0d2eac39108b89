"""Adding a person's own content files: check everything first, then copy, all or nothing.

What an added item would change is said plainly: a file identical to one already there is
"already there"; an item with the id of one of kind's own needs `--replace` ("this
replaces kind's own Box breathing"); and an item that would replace kind's own safety
content (a region's crisis lines, or the crisis-language check) needs `--override-safety`,
because a mistake there could leave someone without the right number when it matters.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kindcli.catalog.catalog import Catalog, Entry, check_paths
from kindcli.errors import KindError
from kindcli.paths import ensure_private_dir

Outcome = Literal["added", "already there", "replaced your own"]


@dataclass(frozen=True)
class Added:
    entry: Entry
    outcome: Outcome
    # What of kind's own this item stands in for, in words ("kind's own Box breathing").
    replaces: str | None = None
    safety: bool = False  # it replaces kind's crisis lines or crisis-language check


def describe_shipped(entry: Entry) -> tuple[str, bool]:
    """How to name the shipped item an entry would replace, and whether it is safety
    content."""
    from kindcli.catalog.models import CrisisLanguage, RegionResources

    item = entry.item
    if isinstance(item, RegionResources):
        return f"kind's own crisis lines for {item.name}", True
    if isinstance(item, CrisisLanguage):
        return "kind's own check for words that may mean someone is in danger", True
    return f"kind's own {item.name}", False


def add_content(
    user_root: Path,
    sources: list[Path],
    content_type: str | None,
    *,
    shipped_root: Path | None = None,
    replace: bool = False,
    override_safety: bool = False,
) -> list[Added]:
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
    shipped = _shipped_names(shipped_root, result.entries)
    for entry in result.entries:
        named = shipped.get((entry.type, entry.item.id))
        if named is None:
            continue
        what, safety = named
        if safety and not override_safety:
            raise KindError(
                f"{entry.path}: '{entry.item.id}' would replace {what}; nothing was added.",
                "Pass --override-safety if that is what you mean: `kind sos` would then show "
                "your file instead, and say so.",
            )
        if not safety and not replace:
            raise KindError(
                f"{entry.path}: this replaces {what} (use --replace); nothing was added.",
            )
    outcomes: dict[Path, Outcome] = {}
    try:
        for target, source in plan.items():
            if target.exists() and _same_bytes(target, source):
                outcomes[source] = "already there"
                continue
            outcomes[source] = "replaced your own" if target.exists() else "added"
            ensure_private_dir(user_root)
            ensure_private_dir(target.parent)
            _copy_privately(source, target)
    except OSError as e:
        raise KindError(f"Could not copy into {user_root}: {e.strerror} ({e.filename}).") from None
    out = []
    for entry in result.entries:
        named = shipped.get((entry.type, entry.item.id))
        out.append(
            Added(
                entry,
                outcomes[entry.path],
                named[0] if named else None,
                bool(named and named[1]),
            )
        )
    return out


def _shipped_names(
    shipped_root: Path | None, entries: list[Entry]
) -> dict[tuple[str, str], tuple[str, bool]]:
    if shipped_root is None:
        return {}
    catalog = Catalog(shipped_root)
    found: dict[tuple[str, str], tuple[str, bool]] = {}
    for content_type in {e.type for e in entries}:
        for item_id, shipped_entry in catalog.entries(content_type).items():
            found[(content_type, item_id)] = describe_shipped(shipped_entry)
    return found


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
