"""What the crisis-language check reads: kind's own item (from `regions-index.json` while
its file is unchanged, so no YAML or content models), a person's own items beside it
(validated by the content model; their patterns run time-limited), and kind's statistical
second reader (`crisis-model.json`). Each file is read on its own: a broken one costs only
itself."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kindcli.catalog.care import checksum, shipped_index, yaml_files

if TYPE_CHECKING:
    from kindcli.catalog.models import CrisisLanguage
    from kindcli.practices.crisis_language import Detector, LinearModel

MODEL_NAME = "crisis-model.json"


@dataclass(frozen=True)
class LanguageItem:
    item: CrisisLanguage
    own: bool  # a person's own file: its patterns run time-limited
    path: Path


def crisis_language(shipped: Path, user: Path | None) -> list[LanguageItem]:
    """The crisis-language items: kind's own, and a person's own beside it (or instead of
    it, when their file uses kind's id). Each file is read on its own: a broken one costs
    only itself. kind's own comes from the index while the file is unchanged (no YAML, no
    content models); anything else is read and validated by the content model."""
    found: dict[str, LanguageItem] = {}
    index = shipped_index(shipped / "resources")
    for root, own in ((shipped, False), (user, True)):
        if root is None:
            continue
        for path in yaml_files(root / "resources"):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if b"crisis-language" not in data:
                continue
            entry = None if own else index.get(path.name)
            if (
                isinstance(entry, dict)
                and entry.get("crc") == checksum(data)
                and entry.get("language")
            ):
                item: Any = _language_from_data(entry["language"])
                found[str(item.id)] = LanguageItem(item, own, path)
                continue
            from kindcli.catalog.loader import load_file  # YAML and the models: only here

            try:
                items = load_file(path, "resources")
            except Exception:
                continue
            for loaded in items:
                if getattr(loaded, "kind", None) == "crisis-language":
                    found[loaded.id] = LanguageItem(loaded, own, path)  # type: ignore[arg-type]
    return list(found.values())


_RULE_LISTS = (
    "negators", "not_negators", "clause_breaks", "past", "returned", "relapse",
    "danger_words", "self_words", "other_words", "group_words", "media_words", "topic_words",
    "object_markers",
    "trivial_words", "hyperbole_frames", "taken_back", "everyday_words",
)  # fmt: skip


def _language_from_data(data: Mapping[str, Any]) -> Any:
    """kind's own crisis-language item from the index, shaped as the detector reads it."""
    from types import SimpleNamespace as Ns

    rules = dict(data.get("rules") or {})
    return Ns(
        id=str(data["id"]),
        kind="crisis-language",
        words={str(k): list(v) for k, v in dict(data.get("words") or {}).items()},
        key_words=list(data.get("key_words") or []),
        real_words=list(data.get("real_words") or []),
        slang={str(k): str(v) for k, v in dict(data.get("slang") or {}).items()},
        rules=Ns(
            **{name: list(rules.get(name) or []) for name in _RULE_LISTS},
            window=int(rules.get("window", 7)),
        ),
        patterns=[
            Ns(
                id=p["id"],
                category=p["category"],
                keys=list(p.get("keys") or []),
                regex=p["regex"],
                about=p.get("about", "auto"),
                unless=list(p.get("unless") or []),
            )
            for p in data["patterns"]
        ],
        idioms=[Ns(id=i["id"], regex=i["regex"]) for i in data.get("idioms") or []],
    )


def crisis_model(shipped: Path) -> LinearModel | None:
    """kind's statistical second reader, or None when it cannot be read."""
    from kindcli.practices.crisis_language import linear_model

    try:
        return linear_model(json.loads((shipped / "resources" / MODEL_NAME).read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def detectors(shipped: Path, user: Path | None) -> Sequence[Detector]:
    """Ready-to-use detectors for every crisis-language item."""
    from kindcli.practices.crisis_language import detector_for

    model = crisis_model(shipped)
    return [
        detector_for(i.item, limited=i.own, model=None if i.own else model)
        for i in crisis_language(shipped, user)
    ]
