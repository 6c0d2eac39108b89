"""The content catalog: shipped content merged with a person's own, by id.

Shipped content comes with kind; a person's own `content/<type>/*.yaml` adds items, or
replaces shipped ones with the same id. Files are read by `kindcli.catalog.loader`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from kindcli.catalog import CONTENT_TYPES, TYPE_NOUNS, normalise_type
from kindcli.catalog.loader import CONTENT_MODELS, load_file, yaml_files
from kindcli.catalog.models import RESOURCE_KINDS, Item
from kindcli.errors import ContentError, UnknownContent

if TYPE_CHECKING:
    from kindcli.health import Check

Origin = Literal["shipped", "user"]
T = TypeVar("T", bound=Item)


def type_of_model(model: type[Item]) -> str:
    """The content type whose files hold items of `model` (a region list is a resource)."""
    for content_type, known in CONTENT_MODELS.items():
        if model is known:
            return content_type
    if model in RESOURCE_KINDS.values():
        return "resources"
    raise ValueError(f"{model.__name__} is not a content model")


@dataclass(frozen=True)
class Entry:
    item: Item
    type: str
    path: Path
    origin: Origin
    replaces: Path | None = None


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
        """One item by id. Ids are lowercase slugs, so a name is found however it is typed
        (`kind break Quick` is `quick`): the one place names are looked up."""
        found = self.entries(content_type)
        key = item_id.strip().lower()
        if key not in found:
            raise UnknownContent(TYPE_NOUNS[normalise_type(content_type)], item_id, list(found))
        return found[key]

    # The one way to get typed items: name the model, get that model back.

    def get(self, model: type[T], item_id: str) -> T:
        """The item with this id, as `model` (e.g. `catalog.get(Break, "standard")`), or
        UnknownContent listing what there is."""
        item = self.entry(type_of_model(model), item_id).item
        if not isinstance(item, model):
            kind = TYPE_NOUNS[type_of_model(model)]
            raise UnknownContent(kind, item_id, [i.id for i in self.all(model)])
        return item

    def all(self, model: type[T]) -> list[T]:
        """Every item of `model`, in id order (for resources: only that kind of item)."""
        return [
            e.item for e in self.entries(type_of_model(model)).values() if isinstance(e.item, model)
        ]

    def typed_entries(self, model: type[T]) -> list[tuple[T, Entry]]:
        """Every item of `model` with where it came from (for listings that mark "yours")."""
        found = self.entries(type_of_model(model)).values()
        return [(e.item, e) for e in found if isinstance(e.item, model)]

    def find(self, item_id: str) -> list[Entry]:
        key = item_id.strip().lower()
        return [self.entries(t)[key] for t in CONTENT_TYPES if key in self.entries(t)]


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
    return Checked(entries, in_file_order(problems))


def _expand(
    paths: list[Path], content_type: str | None, problems: list[str]
) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    forced = normalise_type(content_type) if content_type else None
    for path in paths:
        if not path.exists():
            problems.append(f"{path}: no such file or folder.")
        elif path.is_file():
            ctype = forced or type_of_path(path)
            if ctype is None:
                # A file that is not even YAML says so first, with its line and column.
                syntax = _syntax_problem(path)
                if syntax is not None:
                    problems.append(syntax)
                    continue
                ctype = _only_type_that_fits(path)
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


def _syntax_problem(path: Path) -> str | None:
    from kindcli.catalog.loader import read_yaml

    try:
        read_yaml(path)
    except ContentError as e:
        return str(e)
    return None


_WHERE = re.compile(r"^(.*?):(\d+)(?::(\d+))?: ")


def in_file_order(problems: Iterable[str]) -> list[str]:
    """Problems sorted by file, then line and column, as a person reads them."""

    def key(problem: str) -> tuple[str, int, int]:
        m = _WHERE.match(problem)
        if m is None:
            return (problem.split(": ", 1)[0], 0, 0)
        return (m.group(1), int(m.group(2)), int(m.group(3) or 0))

    return sorted(problems, key=key)


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


def content_check(shipped: Path, user: Path) -> Check:
    """`kind data doctor`'s look at the content: everything loads, or what does not."""
    from kindcli.health import Check

    catalog = Catalog(shipped, user)
    total = sum(len(catalog.entries(t)) for t in CONTENT_TYPES)
    if catalog.warnings:
        return Check("content", False, "; ".join(catalog.warnings))
    return Check("content", True, f"{total} item{'' if total == 1 else 's'} load cleanly")
