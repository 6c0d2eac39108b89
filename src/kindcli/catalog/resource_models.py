"""Content models for `content/resources/`: regions and their lines, the crisis-language
check's data, and the guide (`kind resources`). Re-exported by `catalog.models`, the one
place the rest of kind imports content models from."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, HttpUrl, StringConstraints, model_validator

from kindcli.catalog.model_base import Item, Line, Model, Slug

# ---- resources ----------------------------------------------------------------------------
# The resources type holds three kinds of item, told apart by `kind` (default `region`):
#   region           crisis and support lines for one region, each with its source and the date
#                    it was last checked;
#   crisis-language  the reviewed patterns that notice words suggesting someone may be in danger;
#   guide            a plain-words guide to getting more support (`kind resources`).

# A calendar day; YAML reads 2026-11-26 as a date already, and a quoted one works too.
Day = date
RegionCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


class Emergency(Model):
    """The local emergency number. Like every crisis fact, it names where it came from and
    the day it was last checked. `department`: where to go in person, as people there say
    it ("the nearest A&E"); the nearest emergency department when not given."""

    number: Line
    department: Line | None = None
    source: HttpUrl
    verified: Day


# Who a line is especially for; `kind sos --for GROUP` shows that group's lines first.
Group = Literal["youth", "lgbtq", "veterans", "indigenous", "abuse", "deaf"]


class Service(Model):
    """One crisis or support line: how to call, text or chat (at least one way). `about`:
    what the line's own page says that lowers the barrier to calling (who it is for, what
    happens); `groups`: who it is especially for; `area`: the part of the region it serves
    ("Scotland"), when not all of it."""

    name: Line
    call: Line | None = None
    text: Line | None = None
    chat: HttpUrl | None = None
    url: HttpUrl | None = None
    hours: Line | None = None
    note: Line | None = None
    about: list[Line] = Field(default_factory=list)
    groups: list[Group] = Field(default_factory=list)
    area: Line | None = None
    source: HttpUrl
    verified: Day

    @model_validator(mode="after")
    def _reachable(self) -> Service:
        if not (self.call or self.text or self.chat or self.url):
            raise ValueError("give at least one way to reach the service: call, text, chat or url")
        return self


class RegionResources(Item):
    """Crisis and support lines for one region (id: a lowercase region code or 'intl')."""

    kind: Literal["region"] = "region"
    aliases: list[RegionCode] = Field(default_factory=list)
    # Codes this item serves when kind has no file of their own (the EU default).
    covers: list[RegionCode] = Field(default_factory=list)
    emergency: Emergency | None = None
    services: list[Service] = Field(min_length=1)


def _compiles(pattern: str) -> str:

    try:
        # The same flags the detector uses, so its compile is a cache hit.
        re.compile(pattern, re.IGNORECASE)
    except re.error as e:
        raise ValueError(f"is not a valid regular expression ({e})") from None
    return pattern


Pattern = Annotated[str, StringConstraints(min_length=1), AfterValidator(_compiles)]


Word = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[a-z0-9 ]+$")
]
ListName = Annotated[str, StringConstraints(pattern=r"^[a-z_]+$", max_length=32)]


class LanguagePattern(Model):
    """A reviewed regular expression, matched against each sentence in canonical words
    (lower case, no apostrophes, slang and misspellings read as the plain word; see
    `kindcli.practices.crisis_language`). `{name}` stands for the item's word list `name`.
    It runs only on sentences holding one of its `keys` (none: every sentence). `matches`
    and `ignores` are examples that the test suite checks, so the data carries its own
    proof."""

    id: Slug
    category: Line
    keys: list[Word] = Field(default_factory=list)
    regex: Pattern
    about: Literal["auto", "self-only"] = "auto"
    unless: list[Word] = Field(default_factory=list)
    matches: list[Line] = Field(min_length=1)
    ignores: list[Line] = Field(default_factory=list)


class Idiom(Model):
    """Everyday phrases removed from the text before matching ("this is killing me")."""

    id: Slug
    regex: Pattern
    examples: list[Line] = Field(min_length=1)


class CrisisRules(Model):
    """Word lists for negation, tense and who the words are about."""

    negators: list[Word] = Field(default_factory=list)
    not_negators: list[Word] = Field(default_factory=list)
    clause_breaks: list[Word] = Field(default_factory=list)
    past: list[Word] = Field(default_factory=list)
    returned: list[Word] = Field(default_factory=list)
    relapse: list[Word] = Field(default_factory=list)
    danger_words: list[Word] = Field(default_factory=list)
    self_words: list[Word] = Field(default_factory=list)
    other_words: list[Word] = Field(default_factory=list)
    group_words: list[Word] = Field(default_factory=list)
    media_words: list[Word] = Field(default_factory=list)
    # A word right after a match that makes it a topic, not a statement ("suicide
    # prevention", "self-harm awareness", "the overdose unit").
    topic_words: list[Word] = Field(default_factory=list)
    # A person named right after one of these (and "my", "the" ...) is who something is
    # given, said or done to, not who the words are about ("a goodbye to my mom").
    object_markers: list[Word] = Field(default_factory=list)
    trivial_words: list[Word] = Field(default_factory=list)
    hyperbole_frames: list[Pattern] = Field(default_factory=list)
    # Everyday words that keep the second reader (the model) quiet.
    everyday_words: list[Word] = Field(default_factory=list)
    # Words after a match, in its sentence, that take it back ("..., not anymore").
    taken_back: list[Pattern] = Field(default_factory=list)
    window: int = Field(default=7, ge=1, le=30)


class CrisisLanguage(Item):
    kind: Literal["crisis-language"]
    reviewed: Day
    words: dict[ListName, list[Word]] = Field(default_factory=dict)
    key_words: list[Word] = Field(default_factory=list)
    real_words: list[Word] = Field(default_factory=list)
    slang: dict[Word, Word] = Field(default_factory=dict)
    rules: CrisisRules = Field(default_factory=CrisisRules)
    patterns: list[LanguagePattern] = Field(min_length=1)
    idioms: list[Idiom] = Field(default_factory=list)

    @model_validator(mode="after")
    def _lists_are_known(self) -> CrisisLanguage:

        from kindcli.practices.crisis_language import expand

        for kind, item_id, regex in [
            *(("pattern", p.id, p.regex) for p in self.patterns),
            *(("idiom", i.id, i.regex) for i in self.idioms),
        ]:
            try:
                re.compile(expand(regex, self.words))
            except (ValueError, re.error) as e:
                raise ValueError(f"{kind} '{item_id}' {e}") from None
        return self


class Link(Model):
    name: Line
    url: HttpUrl
    note: Line | None = None


class GuideSection(Model):
    title: Line
    paragraphs: list[Line] = Field(default_factory=list)
    points: list[Line] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)


class Guide(Item):
    kind: Literal["guide"]
    sections: list[GuideSection] = Field(min_length=1)
    sources: list[Link] = Field(min_length=1)


RESOURCE_KINDS: dict[str, type[Item]] = {
    "region": RegionResources,
    "crisis-language": CrisisLanguage,
    "guide": Guide,
}
