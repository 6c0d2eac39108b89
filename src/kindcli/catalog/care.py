"""The content that care reads, loaded so that each file can only cost itself.

`kind sos` needs only the region files: it skips the pattern and guide files (the largest)
by their top-level `kind:` line, without parsing them, and reads the person's own files over
the shipped ones, each on its own. The crisis-language check needs the patterns: the
catalog's, or the shipped ones alone when a person's own file is broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kindcli.catalog.models import CrisisLanguage, RegionResources

USER_CONTENT_PROBLEM = (
    "One of your own content files could not be read; `kind content validate` says which."
)
# A file whose top level says it holds patterns or a guide is not needed by `kind sos`.
_NOT_A_REGION = re.compile(r"^kind:\s*['\"]?(?:crisis-language|guide)\b", re.MULTILINE)


@dataclass
class Regions:
    regions: dict[str, RegionResources] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_regions(shipped: Path, user: Path) -> Regions:
    """Only the regions, shipped first and the person's own over them by id."""
    from kindcli.catalog.loader import load_file, yaml_files

    out = Regions()
    for root, own in ((shipped, False), (user, True)):
        try:
            files = yaml_files(root / "resources")
        except OSError:
            files = []
        for path in files:
            try:
                if _NOT_A_REGION.search(path.read_text(encoding="utf-8")):
                    continue
                items = load_file(path, "resources")
            except Exception:
                if own and USER_CONTENT_PROBLEM not in out.problems:
                    out.problems.append(USER_CONTENT_PROBLEM)
                continue
            for item in items:
                if isinstance(item, RegionResources):
                    out.regions[item.id] = item
    return out


def crisis_language(shipped: Path, user: Path) -> list[CrisisLanguage]:
    """The crisis-language items: shipped merged with the person's own; if that cannot be
    read, the shipped ones alone; if even that fails, none (the caller says nothing)."""
    from kindcli.catalog.catalog import Catalog

    for user_root in (user, None):
        try:
            return Catalog(shipped, user_root).all(CrisisLanguage)
        except Exception:
            continue
    return []
