"""The content model of a measure: a short set of questions a person answers now and then
(every few weeks), scored the same way each time so they can see what changes.

A measure is content, not a practice: taking one never counts toward practice days. Its
file says where its words come from (`source`) and on what terms they may be used
(`license`), so a scale that someone is licensed to use can be added as their own file;
kind ships only its own words. Each problem names its field, so `kind content validate`
points at the line to change.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from kindcli.catalog.model_base import Item, Line, Model, Slug

# Numbered answers stay readable (and typeable) up to eleven points, as on a 0-10 check-in.
MOST_POINTS = 11
Answer = Annotated[int, Field(ge=-100, le=100)]


class AnswerScale(Model):
    """The answers every question offers: whole numbers from `min` to `max`, with words
    for some or all of them (`anchors`)."""

    min: Answer
    max: Answer
    anchors: dict[Answer, Line] = Field(default_factory=dict)

    @field_validator("max")
    @classmethod
    def _above_min(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("min")
        if low is None:
            return value
        if value <= low:
            raise ValueError(f"must be more than min ({low}); the answers run from min up to max")
        if value - low + 1 > MOST_POINTS:
            raise ValueError(f"gives {value - low + 1} answers; a scale has at most {MOST_POINTS}")
        return value

    @field_validator("anchors")
    @classmethod
    def _on_the_scale(cls, anchors: dict[int, str], info: ValidationInfo) -> dict[int, str]:
        low, high = info.data.get("min"), info.data.get("max")
        if low is None or high is None:
            return anchors
        off = sorted(a for a in anchors if not low <= a <= high)
        if off:
            raise ValueError(f"{', '.join(map(str, off))} is not an answer from {low} to {high}")
        return dict(sorted(anchors.items()))

    @property
    def points(self) -> range:
        return range(self.min, self.max + 1)


class MeasureItem(Model):
    """One question. `support_answers` are answers that bring up kind's support block at
    once (the emergency number, crisis lines and the person's own safety plan)."""

    id: Slug
    text: Line
    support_answers: list[Answer] = Field(default_factory=list)


class Subscale(Model):
    id: Slug
    name: Line
    items: list[Slug] = Field(min_length=1)


class HowOften(Model):
    """How often the measure is meant to be taken: again after `min_days`, and up to
    `max_days` apart (every 2-4 weeks is min_days 14, max_days 28)."""

    min_days: int = Field(ge=1, le=366)
    max_days: int | None = Field(default=None, ge=1, le=366)

    @field_validator("max_days")
    @classmethod
    def _not_before_min(cls, value: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("min_days")
        if value is not None and low is not None and value < low:
            raise ValueError(f"must be at least min_days ({low})")
        return value


class Measure(Item):
    """A measure: what it is (`about`, said before the first question), where its words
    come from (`source`) and on what terms (`license`), the answer scale, the questions,
    which are scored in reverse, the subscales, and how scores are made (`scoring`: the
    `mean` or the `sum` of the answers, for each subscale and, with `total`, for all)."""

    summary: Line
    about: Line
    source: Line
    license: Line
    instructions: Line | None = None
    scale: AnswerScale
    items: list[MeasureItem] = Field(min_length=1, max_length=100)
    # Items answered the other way round: an answer counts as min + max - answer.
    reverse: list[Slug] = Field(default_factory=list)
    subscales: list[Subscale] = Field(default_factory=list)
    scoring: Literal["mean", "sum"] = "mean"
    total: bool = True
    how_often: HowOften | None = None
    # Said beside the scores: what the numbers describe, in the measure's own words.
    scores_note: Line | None = None
    closing: Line = "Thank you for taking the time to answer."

    @field_validator("items")
    @classmethod
    def _items_fit(cls, items: list[MeasureItem], info: ValidationInfo) -> list[MeasureItem]:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"item id '{item.id}' appears twice")
            seen.add(item.id)
        scale = info.data.get("scale")
        if isinstance(scale, AnswerScale):
            for item in items:
                off = [a for a in item.support_answers if a not in scale.points]
                if off:
                    raise ValueError(
                        f"item '{item.id}': support_answers {off} are not answers from "
                        f"{scale.min} to {scale.max}"
                    )
        return items

    @field_validator("reverse")
    @classmethod
    def _reverse_items_exist(cls, reverse: list[str], info: ValidationInfo) -> list[str]:
        return _known_items(reverse, info)

    @field_validator("subscales")
    @classmethod
    def _subscale_items_exist(
        cls, subscales: list[Subscale], info: ValidationInfo
    ) -> list[Subscale]:
        seen: set[str] = set()
        for sub in subscales:
            if sub.id in seen or sub.id == "total":
                raise ValueError(f"subscale id '{sub.id}' is used twice (or is 'total')")
            seen.add(sub.id)
            _known_items(sub.items, info, f"subscale '{sub.id}': ")
        return subscales

    @model_validator(mode="after")
    def _something_to_score(self) -> Measure:
        if not self.total and not self.subscales:
            raise ValueError("with total: false, give subscales to score")
        return self

    @property
    def score_range(self) -> tuple[float, float]:
        """The lowest and highest score of the whole measure."""
        return self.range_of(len(self.items))

    def range_of(self, count: int) -> tuple[float, float]:
        if self.scoring == "mean":
            return float(self.scale.min), float(self.scale.max)
        return float(self.scale.min * count), float(self.scale.max * count)


def _known_items(ids: list[str], info: ValidationInfo, prefix: str = "") -> list[str]:
    items = info.data.get("items")
    if items is None:  # the items themselves have a problem, named on their own
        return ids
    known = {i.id for i in items}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ValueError(
            f"{prefix}{', '.join(repr(u) for u in unknown)} "
            f"{'is not an item' if len(unknown) == 1 else 'are not items'} of this measure "
            f"(the items are {', '.join(sorted(known))})"
        )
    return ids
