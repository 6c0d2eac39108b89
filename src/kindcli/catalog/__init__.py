"""The content layer: the only YAML and pydantic-content code in kind.

  catalog.py  Catalog (shipped content merged with a person's own, by id), check_paths
  loader.py   reading one YAML file into models, with file:line:column in every error
  models.py   the pydantic content models (extra="forbid")
  files.py    adding a person's own files (check everything, then copy, all or nothing)
  care.py     what `kind sos` and the crisis-language check read, each file on its own

This package's own module stays light (no YAML, no pydantic): it names the content types,
derived from the practice registry, so that help texts and listings need nothing heavy.
"""

from __future__ import annotations

from kindcli.errors import ContentError
from kindcli.kinds import KINDS

# The types of content, in the order they are listed: each practice's own, then the
# resources (crisis lines, crisis-language patterns, the guide to more support) and the
# measures (questions answered every few weeks; taking one is not a practice).
EXTRA_TYPES: dict[str, str] = {"resources": "resource list", "measures": "measure"}
CONTENT_TYPES: tuple[str, ...] = (*(k.content_type for k in KINDS), *EXTRA_TYPES)
# How one item of each type is named to a person.
TYPE_NOUNS: dict[str, str] = {k.content_type: k.content_noun for k in KINDS} | EXTRA_TYPES
# Forgiving names, so `kind content list break` works as well as `breaks`.
TYPE_ALIASES: dict[str, str] = {
    **{word: k.content_type for k in KINDS for word in (k.id, k.command, k.content_noun)},
    "prompt": "prompts",
    "resource": "resources",
    "measure": "measures",
}


def normalise_type(name: str) -> str:
    """The content type `name` means, or a ContentError listing the types."""
    key = name.strip().lower()
    key = TYPE_ALIASES.get(key, key)
    if key not in CONTENT_TYPES:
        error = ContentError(f"'{name}'", "is not a content type.")
        error.message = f"'{name}' is not a content type; the types are {', '.join(CONTENT_TYPES)}."
        raise error
    return key
