"""The content catalog: YAML files under `content/<type>/` read into pydantic models.

Shipped content comes with kind; a person's own `content/<type>/*.yaml` adds items, or
replaces shipped ones with the same id. This is the only module that reads YAML, and it
only ever uses safe loaders (libyaml's CSafeLoader where available, else SafeLoader).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from kindcli.errors import ContentError, UnknownContent
from kindcli.models import RESOURCE_KINDS, TYPE_NOUNS, Item, model_for
from kindcli.paths import CONTENT_TYPES

Origin = Literal["shipped", "user"]
YAML_SUFFIXES = (".yaml", ".yml")
# libyaml's safe loader when PyYAML was built with it (several times faster), else PyYAML's.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Forgiving names for types, so `kind content list break` works as well as `breaks`.
TYPE_ALIASES = {
    "break": "breaks",
    "prompt": "prompts",
    "journal": "prompts",
    "meditation": "meditations",
    "resource": "resources",
    "breathe": "breathing",
}


def normalise_type(name: str) -> str:
    key = name.strip().lower()
    key = TYPE_ALIASES.get(key, key)
    if key not in CONTENT_TYPES:
        error = ContentError(f"'{name}'", "is not a content type.")
        error.message = f"'{name}' is not a content type; the types are {', '.join(CONTENT_TYPES)}."
        raise error
    return key


@dataclass(frozen=True)
class Entry:
    item: Item
    type: str
    path: Path
    origin: Origin
    replaces: Path | None = None


def load_file(path: Path, content_type: str) -> list[Item]:
    """Read one file into items; raise ContentError naming the file and line or field."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(str(path), "is not UTF-8 text.") from None
    except OSError as e:
        raise ContentError(str(path), f"could not be read ({e.strerror}).") from None
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        context = e.context or ""
        if e.context and e.context_mark and e.context_mark is not mark:
            cm = e.context_mark
            context += f" (from line {cm.line + 1}, column {cm.column + 1})"
        problem = ": ".join(p for p in (context, e.problem) if p)
        raise ContentError(where, f"YAML syntax error: {problem}.") from None
    except yaml.YAMLError as e:
        raise ContentError(str(path), f"YAML error: {e}.") from None
    if data is None:
        raise ContentError(str(path), "is empty.")
    raw_items = data if isinstance(data, list) else [data]
    items: list[Item] = []
    for index, raw in enumerate(raw_items):
        prefix: list[str | int] = [index] if isinstance(data, list) else []
        if not isinstance(raw, dict):
            line = _line_of(text, prefix)
            raise ContentError(
                f"{path}:{line}", f"expected a {TYPE_NOUNS[content_type]} (a mapping of keys)."
            )
        model = model_for(content_type, raw)
        if model is None:
            line = _line_of(text, [*prefix, "kind"])
            raise ContentError(
                f"{path}:{line}", f"kind: must be one of {', '.join(RESOURCE_KINDS)}."
            )
        try:
            items.append(model.model_validate(raw))
        except ValidationError as e:
            # A misspelt key also makes the real key "missing": name the typo first.
            errors = sorted(e.errors(), key=lambda x: x["type"] != "extra_forbidden")
            found = []
            for err in errors:
                loc = [*prefix, *err["loc"]]
                field_path = ".".join(str(p) for p in loc) or "(top level)"
                found.append((f"{path}:{_line_of(text, loc)}", f"{field_path}: {_say(err)}"))
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            where, problem = found[0]
            raise ContentError(
                where, problem + more, every=[f"{w}: {p}" for w, p in found]
            ) from None
    return items


def _say(err: Any) -> str:
    if err["type"] == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if err["type"] == "missing":
        return "is required"
    if err["type"] == "string_pattern_mismatch":
        return "use lowercase letters, digits, '-' or '_' (like 'my-pattern')"
    return str(err["msg"]).removeprefix("Value error, ")


def _line_of(text: str, loc: Iterable[str | int]) -> int:
    """The 1-based line of the YAML node at `loc`, as near as the document allows."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return 1
    for key in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == str(key):
                    child = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # Dotfiles are editor backups and kind's own half-written temporary files.
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in YAML_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def type_of_path(path: Path) -> str | None:
    """The content type a file or folder belongs to, from its folder name."""
    folder = path.name if path.is_dir() else path.parent.name
    try:
        return normalise_type(folder)
    except ContentError:
        return None


@dataclass
class Catalog:
    shipped_root: Path
    user_root: Path | None = None
    warn: Callable[[str], None] | None = None
    warnings: list[str] = field(default_factory=list)
    _cache: dict[str, dict[str, Entry]] = field(default_factory=dict)

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.warn:
            self.warn(message)

    def _load_source(self, root: Path, content_type: str, origin: Origin) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        for path in yaml_files(root / content_type):
            try:
                items = load_file(path, content_type)
            except ContentError as e:
                self._warn(f"Skipping {e.where}: {e.problem}")
                continue
            for item in items:
                if item.id in found:
                    self._warn(
                        f"Skipping '{item.id}' in {path}: {found[item.id].path} already defines it."
                    )
                    continue
                found[item.id] = Entry(item, content_type, path, origin)
        return found

    def entries(self, content_type: str) -> dict[str, Entry]:
        content_type = normalise_type(content_type)
        if content_type not in self._cache:
            merged = self._load_source(self.shipped_root, content_type, "shipped")
            if self.user_root is not None:
                for item_id, entry in self._load_source(
                    self.user_root, content_type, "user"
                ).items():
                    shipped = merged.get(item_id)
                    merged[item_id] = Entry(
                        entry.item,
                        entry.type,
                        entry.path,
                        "user",
                        replaces=shipped.path if shipped else None,
                    )
            self._cache[content_type] = dict(sorted(merged.items()))
        return self._cache[content_type]

    def items(self, content_type: str) -> list[Item]:
        return [e.item for e in self.entries(content_type).values()]

    def entry(self, content_type: str, item_id: str) -> Entry:
        found = self.entries(content_type)
        if item_id not in found:
            raise UnknownContent(TYPE_NOUNS[normalise_type(content_type)], item_id, list(found))
        return found[item_id]

    def get(self, content_type: str, item_id: str) -> Item:
        return self.entry(content_type, item_id).item

    def find(self, item_id: str) -> list[Entry]:
        return [self.entries(t)[item_id] for t in CONTENT_TYPES if item_id in self.entries(t)]


@dataclass(frozen=True)
class Checked:
    """The result of checking files without loading them into a catalog."""

    entries: list[Entry]
    problems: list[str]


def check_paths(paths: Iterable[Path], content_type: str | None = None) -> Checked:
    """Validate files and folders: every problem is reported, nothing is loaded for use.

    A folder may be a type folder (`prompts/`) or a content root holding type folders.
    Files outside a type folder need `content_type`.
    """
    entries: list[Entry] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], Path] = {}
    for path, ctype in _expand(list(paths), content_type, problems):
        try:
            items = load_file(path, ctype)
        except ContentError as e:
            problems.extend(e.every)
            continue
        for item in items:
            key = (ctype, item.id)
            if key in seen:
                problems.append(
                    f"{path}: id '{item.id}' is already used by {seen[key]} "
                    f"(each {TYPE_NOUNS[ctype]} needs its own id)."
                )
                continue
            seen[key] = path
            entries.append(Entry(item, ctype, path, "user"))
    return Checked(entries, problems)


def _expand(
    paths: list[Path], content_type: str | None, problems: list[str]
) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    forced = normalise_type(content_type) if content_type else None
    for path in paths:
        if not path.exists():
            problems.append(f"{path}: no such file or folder.")
        elif path.is_file():
            ctype = forced or type_of_path(path) or _only_type_that_fits(path)
            if ctype is None:
                problems.append(
                    f"{path}: cannot tell what type of content this is; put it in a folder "
                    f"named after its type ({', '.join(CONTENT_TYPES)}) or pass --type."
                )
            else:
                out.append((path, ctype))
        else:
            ctype = forced or type_of_path(path)
            if ctype is not None:
                out += [(p, ctype) for p in yaml_files(path)]
                continue
            subfolders = [path / t for t in CONTENT_TYPES if (path / t).is_dir()]
            files = [(p, t.name) for t in subfolders for p in yaml_files(t)]
            if not files:
                problems.append(
                    f"{path}: found no content files (.yaml in a folder named after its type, "
                    f"or pass --type)."
                )
            out += files
    return out


def _only_type_that_fits(path: Path) -> str | None:
    """For a file outside a type folder: the one content type it is valid as, if exactly one.
    A breathing pattern cannot pass for a prompt set (unknown keys are refused), so a valid
    file names its own type."""
    fits = []
    for ctype in CONTENT_TYPES:
        try:
            load_file(path, ctype)
        except ContentError:
            continue
        fits.append(ctype)
    return fits[0] if len(fits) == 1 else None


def dump_item(item: Item) -> str:
    """An item as YAML a person can copy to start their own."""
    data = item.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).rstrip()
