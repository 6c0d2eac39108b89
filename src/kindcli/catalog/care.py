"""The content that care reads, loaded so that each file can only cost itself.

`kind sos` needs only the region files, and needs them fast and whatever else is broken.
So the regions are read here into small frozen records, without pydantic: shipped files
through `regions-index.json` (their parsed form, made by `tools/regions_index.py`, used
only while each file's bytes still match the checksum it records, else the file is read as
YAML), a person's own files as YAML, each on its own. The pydantic models in
`catalog.models` stay the one validator (`kind content validate` and `add`); a test holds
the two readings of every shipped file equal.

What the crisis-language check reads is `catalog.care_language`.

A person's own file that replaces kind's own safety content (a region's lines, or the
crisis-language patterns) is allowed, but never silently: `safety_overrides` names each
one, and `kind sos`, `kind data doctor` and `kind content add` say so.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from kindcli.health import Check

USER_CONTENT_PROBLEM = (
    "One of your own content files could not be read; `kind content validate` says which."
)
INDEX_NAME = "regions-index.json"
LANGUAGE_ID = "crisis-language"
NOT_REGION_KINDS = ("crisis-language", "guide")


# ---- regions, light ---------------------------------------------------------------------------
# Named tuples rather than dataclasses: immutable all the same, and a few milliseconds less
# for `kind sos` to come up (a dataclass is built by generated code at import).


class Emergency(NamedTuple):
    number: str
    source: str
    verified: str
    department: str | None = None


class Service(NamedTuple):
    name: str
    source: str
    verified: str
    call: str | None = None
    text: str | None = None
    chat: str | None = None
    url: str | None = None
    hours: str | None = None
    note: str | None = None
    about: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    area: str | None = None


class Region(NamedTuple):
    id: str
    name: str
    services: tuple[Service, ...]
    summary: str | None = None
    aliases: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()
    emergency: Emergency | None = None

    def as_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["services"] = [_drop_empty(s._asdict()) for s in self.services]
        if self.emergency:
            data["emergency"] = _drop_empty(self.emergency._asdict())
        return _drop_empty(data)


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (list(v) if isinstance(v, tuple) else v) for k, v in d.items() if v not in (None, ())
    }


class NotARegion(ValueError):
    """The data is not a region item (or not a well-formed one)."""


def _text(raw: Mapping[str, Any], key: str, *, required: bool = False) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise NotARegion(f"{key} is required")
        return None
    if hasattr(value, "isoformat"):  # a date, as YAML reads 2026-12-01
        return str(value.isoformat())
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise NotARegion(f"{key} should be text")
    text = str(value).strip()
    if not text and required:
        raise NotARegion(f"{key} is required")
    return text or None


def _required(raw: Mapping[str, Any], key: str) -> str:
    return _text(raw, key, required=True) or ""


def _sourced(raw: Mapping[str, Any]) -> tuple[str, str]:
    """Where a fact came from and when it was checked: every crisis fact says both."""
    return _required(raw, "source"), _required(raw, "verified")


def _words(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NotARegion(f"{key} should be a list of text")
    return tuple(v.strip() for v in value if v.strip())


def region_from_data(raw: object) -> Region:
    """One region item from its parsed YAML or JSON form, checked for what sos relies on
    (the pydantic model checks everything else, for `kind content validate`)."""
    if not isinstance(raw, Mapping) or raw.get("kind", "region") != "region":
        raise NotARegion("not a region")
    services = raw.get("services")
    if not isinstance(services, list) or not services:
        raise NotARegion("services: give at least one")
    out: list[Service] = []
    for item in services:
        if not isinstance(item, Mapping):
            raise NotARegion("services: each is a mapping")
        source, verified = _sourced(item)
        service = Service(
            name=_required(item, "name"),
            source=source,
            verified=verified,
            call=_text(item, "call"),
            text=_text(item, "text"),
            chat=_text(item, "chat"),
            url=_text(item, "url"),
            hours=_text(item, "hours"),
            note=_text(item, "note"),
            about=_words(item, "about"),
            groups=_words(item, "groups"),
            area=_text(item, "area"),
        )
        if not (service.call or service.text or service.chat or service.url):
            raise NotARegion(f"{service.name}: give a way to reach it")
        out.append(service)
    emergency = raw.get("emergency")
    em = None
    if emergency is not None:
        if not isinstance(emergency, Mapping):
            raise NotARegion("emergency should be a mapping")
        source, verified = _sourced(emergency)
        em = Emergency(
            number=_required(emergency, "number"),
            source=source,
            verified=verified,
            department=_text(emergency, "department"),
        )
    return Region(
        id=_required(raw, "id").lower(),
        name=_required(raw, "name"),
        services=tuple(out),
        summary=_text(raw, "summary"),
        aliases=tuple(a.lower() for a in _words(raw, "aliases")),
        covers=tuple(c.lower() for c in _words(raw, "covers")),
        emergency=em,
    )


class Regions:
    """What `load_regions` found: the regions by id, problems to mention, and a sentence
    for each of kind's own safety items that a person's file replaces."""

    def __init__(self) -> None:
        self.regions: dict[str, Region] = {}
        self.problems: list[str] = []
        self.overrides: list[str] = []


def yaml_files(folder: Path) -> list[Path]:
    try:
        return sorted(
            p
            for p in folder.iterdir()
            if p.suffix in (".yaml", ".yml") and not p.name.startswith(".") and p.is_file()
        )
    except OSError:
        return []


def _parse_yaml(data: bytes) -> object:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(data.decode("utf-8"), Loader=loader)


def _items(data: object) -> list[object]:
    return data if isinstance(data, list) else [data]


def checksum(data: bytes) -> int:
    return zlib.crc32(data)


def shipped_index(folder: Path) -> dict[str, Any]:
    try:
        index = json.loads((folder / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = index.get("files") if isinstance(index, dict) else None
    return files if isinstance(files, dict) else {}


def _shipped_regions(folder: Path, out: Regions) -> None:
    index = shipped_index(folder)
    for path in yaml_files(folder):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        entry = index.get(path.name)
        if isinstance(entry, dict) and entry.get("crc") == checksum(data):
            raw_items: list[object] = list(entry.get("regions") or [])
        else:
            # Changed since the index was made (a checkout being edited): read it as YAML,
            # skipping a file that holds patterns or a guide.
            try:
                raw_items = _items(_parse_yaml(data))
            except Exception:
                continue
        for raw in raw_items:
            try:
                region = region_from_data(raw)
            except NotARegion:
                continue
            out.regions[region.id] = region


_ID_LINE = r"^(?:- )?id:[ \t]*(.*?)[ \t]*(?:#.*)?$"
_SLUG = r"^['\"]?([a-z0-9]+(?:[-_][a-z0-9]+)*)['\"]?$"
_TOP_KIND = r"^kind:[ \t]*['\"]?([A-Za-z-]+)"


def _top_level(text: str) -> tuple[list[str] | None, str]:
    """The ids and kind a file declares, read without YAML: every `id:` line of its items
    (at the top level or starting a list item), or None when one of them is not a plain id
    (the file then cannot hold a valid item: ids are slugs)."""
    import re

    ids: list[str] = []
    for value in re.findall(_ID_LINE, text, re.MULTILINE):
        m = re.match(_SLUG, value)
        if m is None:
            return None, "broken"
        ids.append(m.group(1))
    kinds = re.findall(_TOP_KIND, text, re.MULTILINE)
    return ids, (kinds[0] if kinds else "region")


def load_regions(
    shipped: Path, user: Path | None, code: str | None = None, *, needed_only: bool = False
) -> Regions:
    """The regions, shipped first and the person's own over them by id, each file on its
    own; with a sentence for each of kind's own safety items a person's file replaces.

    `needed_only`: only the regions that can answer for `code` matter (sos for one
    region). A file of the person's own whose plain `id:` line names another region is
    then not parsed at all, which keeps YAML out of `kind sos`; it is still named if it
    replaces one of kind's own."""
    out = Regions()
    _shipped_regions(shipped / "resources", out)
    if user is None:
        return out
    wanted = wanted_ids(code, out.regions) if needed_only else None
    for path in yaml_files(user / "resources"):
        try:
            data = path.read_bytes()
            head = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            out.problems.append(USER_CONTENT_PROBLEM)
            continue
        ids, kind = _top_level(head)
        if ids is None:
            if USER_CONTENT_PROBLEM not in out.problems:
                out.problems.append(USER_CONTENT_PROBLEM)
            continue
        if kind == "crisis-language":
            if LANGUAGE_ID in ids:
                out.overrides.append(language_override_sentence(path))
            continue
        if kind != "region":
            continue
        if ids and wanted is not None and not set(ids) & wanted:
            for item_id in ids:
                if item_id in out.regions:
                    name = out.regions[item_id].name
                    out.overrides.append(region_override_sentence(path, name))
            continue
        try:
            raw_items = _items(_parse_yaml(data))
        except Exception:
            raw_items = None
        if raw_items is None:
            if USER_CONTENT_PROBLEM not in out.problems:
                out.problems.append(USER_CONTENT_PROBLEM)
            continue
        for raw in raw_items:
            if isinstance(raw, Mapping) and raw.get("kind", "region") != "region":
                if raw.get("kind") == "crisis-language" and raw.get("id") == LANGUAGE_ID:
                    out.overrides.append(language_override_sentence(path))
                continue
            try:
                region = region_from_data(raw)
            except NotARegion:
                if USER_CONTENT_PROBLEM not in out.problems:
                    out.problems.append(USER_CONTENT_PROBLEM)
                continue
            replaced = out.regions.get(region.id)
            if replaced is not None:
                out.overrides.append(region_override_sentence(path, replaced.name))
            out.regions[region.id] = region
    return out


def wanted_ids(code: str | None, shipped: Mapping[str, Region]) -> set[str]:
    """The region ids that can answer for `code`: itself, the region it is an alias of or
    covered by, and the international default."""
    key = (code or "").lower()
    ids = {"intl"}
    if key:
        ids.add(key)
        ids |= {r.id for r in shipped.values() if key in r.aliases or key in r.covers}
    return ids


def region_override_sentence(path: Path, name: str) -> str:
    return (
        f"Your own file {path} replaces kind's crisis lines for {name}; remove it to see "
        "kind's again."
    )


def language_override_sentence(path: Path) -> str:
    return (
        f"Your own file {path} replaces kind's check for words that may mean someone is in "
        "danger; remove it to use kind's again."
    )


def safety_overrides(shipped: Path, user: Path) -> list[str]:
    """Each of kind's own safety items that a person's file replaces, as a sentence."""
    return load_regions(shipped, user).overrides


def safety_check(shipped: Path, user: Path) -> Check:
    """`kind data doctor`'s look at kind's safety content: in force as shipped, or which
    of it a person's own file replaces."""
    from kindcli.health import Check

    overrides = safety_overrides(shipped, user)
    if overrides:
        return Check("safety content", False, " ".join(overrides))
    return Check("safety content", True, "kind's own crisis lines and check are in use")


def build_index(folder: Path) -> dict[str, Any]:
    """What `tools/regions_index.py` writes: every shipped resources file's checksum; for
    region files, the regions it holds; for the crisis-language file, its data (already
    validated by the test suite), so the check after saving needs no YAML or models."""
    files: dict[str, Any] = {}
    for path in yaml_files(folder):
        data = path.read_bytes()
        regions = []
        entry: dict[str, Any] = {"crc": checksum(data)}
        for raw in _items(_parse_yaml(data)):
            if isinstance(raw, Mapping) and raw.get("kind") == "crisis-language":
                entry["language"] = json.loads(json.dumps(raw, default=str))
                continue
            try:
                regions.append(region_from_data(raw).as_json())
            except NotARegion:
                continue
        entry["regions"] = regions
        files[path.name] = entry
    return {
        "about": "made by tools/regions_index.py from the YAML beside it; do not edit",
        "files": files,
    }
