"""Reading one content file: YAML (safe loaders only) into pydantic models.

Every problem names where it is: file:line:column for YAML syntax, file:line and the field
path for a value the model refuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from kindcli.catalog import CONTENT_TYPES, TYPE_NOUNS
from kindcli.catalog.models import RESOURCE_KINDS, Item
from kindcli.errors import ContentError
from kindcli.kinds import KINDS

YAML_SUFFIXES = (".yaml", ".yml")
# libyaml's safe loader when PyYAML was built with it (several times faster), else PyYAML's.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _models() -> dict[str, type[Item]]:
    from kindcli.catalog import measure_models, models

    found: dict[str, type[Item]] = {k.content_type: getattr(models, k.model) for k in KINDS}
    return found | {"resources": models.RegionResources, "measures": measure_models.Measure}


# The model of each content type, from the practice registry (each kind names its model).
CONTENT_MODELS: dict[str, type[Item]] = _models()
assert set(CONTENT_MODELS) == set(CONTENT_TYPES)


def model_for(content_type: str, raw: dict[str, object]) -> type[Item] | None:
    """The model for one raw item; None when a resources item names an unknown `kind`."""
    if content_type == "resources":
        kind = raw.get("kind", "region")
        return RESOURCE_KINDS.get(kind) if isinstance(kind, str) else None
    return CONTENT_MODELS[content_type]


def read_yaml(path: Path) -> tuple[str, Any]:
    """A file's text and its parsed YAML; ContentError naming file:line:column for a
    syntax error, or the file when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(str(path), "is not UTF-8 text.") from None
    except OSError as e:
        raise ContentError(str(path), f"could not be read ({e.strerror}).") from None
    try:
        return text, yaml.load(text, Loader=_SAFE_LOADER)
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


def load_file(path: Path, content_type: str) -> list[Item]:
    """Read one file into items; raise ContentError naming the file and line or field."""
    text, data = read_yaml(path)
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
    from kindcli.boundary import value_words

    return value_words(err) or str(err["msg"]).removeprefix("Value error, ")


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


def dump_item(item: Item) -> str:
    """An item as YAML a person can copy to start their own."""
    data = item.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).rstrip()
