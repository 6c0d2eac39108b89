"""The base of every content model: a slug, a line of text, seconds, and the strict base
classes (unknown keys are rejected). Shared by `catalog.models` and
`catalog.resource_models`."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=64)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Seconds = Annotated[float, Field(gt=0, le=3600)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Model):
    """Every content item has an id (a slug) and a name."""

    id: Slug
    name: Line
    summary: Line | None = None
