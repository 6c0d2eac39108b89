"""Which region's lines to show: where the region comes from (`--region`, the setting,
KIND_REGION, the locale), finding it by code or alias, and the EU default that covers a
country kind has no file for. Pure; works on any records shaped like `RegionLike`
(`catalog.care` gives light frozen records, the content models fit as well)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

R = TypeVar("R", bound="RegionLike")

INTERNATIONAL = "intl"


class EmergencyLike(Protocol):
    @property
    def number(self) -> str: ...
    @property
    def department(self) -> str | None: ...


class ServiceLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def call(self) -> str | None: ...
    @property
    def text(self) -> str | None: ...
    @property
    def chat(self) -> object: ...
    @property
    def url(self) -> object: ...
    @property
    def hours(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...
    @property
    def about(self) -> Sequence[str]: ...
    @property
    def groups(self) -> Sequence[str]: ...
    @property
    def area(self) -> str | None: ...


class RegionLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def covers(self) -> Sequence[str]: ...
    @property
    def emergency(self) -> EmergencyLike | None: ...
    @property
    def services(self) -> Sequence[ServiceLike]: ...


# ---- choosing --------------------------------------------------------------------------------

if TYPE_CHECKING:
    from typing import Literal

    # (A Literal at import time costs `kind sos` milliseconds; only the type checker needs it.)
    RegionSource = Literal["option", "config", "KIND_REGION", "locale", "none"]
_LOCALE = r"^[A-Za-z]{2,3}[_-]([A-Za-z]{2})\b"  # compiled on use: sos pays for nothing unused


class RegionChoice(NamedTuple):
    code: str | None  # upper-case two letters, or None when nothing says where the person is
    source: RegionSource
    detail: str = ""  # the locale it came from, when it came from one


def region_from_locale(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """en_GB.UTF-8 -> (GB, "LANG=en_GB.UTF-8"). The first of LC_ALL, LC_MESSAGES, LANG
    that is set decides."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            m = re.match(_LOCALE, value)
            return (m.group(1).upper(), f"{name}={value}") if m else None
    return None


def choose_region(
    option: str | None, config_region: str | None, environ: Mapping[str, str]
) -> RegionChoice:
    """--region, then the config `region`, then KIND_REGION, then the locale."""
    if option:
        return RegionChoice(option.strip().upper(), "option")
    if config_region:
        return RegionChoice(config_region.strip().upper(), "config")
    env = environ.get("KIND_REGION", "").strip()
    if env:
        return RegionChoice(env.upper(), "KIND_REGION")
    from_locale = region_from_locale(environ)
    if from_locale:
        return RegionChoice(from_locale[0], "locale", from_locale[1])
    return RegionChoice(None, "none")


def find_region(code: str | None, regions: Mapping[str, R]) -> R | None:
    """The region with this code or alias (UK finds GB), or None. A region that only
    `covers` the code (the EU default for an EU country kind has no file for) is found by
    `covering_region`."""
    if not code:
        return None
    key = code.lower()
    if key in regions:
        return regions[key]
    for region in regions.values():
        if key in region.aliases:
            return region
    return None


def covering_region(code: str | None, regions: Mapping[str, R]) -> R | None:
    if not code:
        return None
    key = code.lower()
    for region in regions.values():
        if key in region.covers:
            return region
    return None


def where_from(choice: RegionChoice) -> str:
    """Where the region came from, in words."""
    return {
        "option": "from --region",
        "config": "from your setting (`kind config set region`)",
        "KIND_REGION": "from KIND_REGION",
        "locale": f"from your language settings ({choice.detail})" if choice.detail else "",
        "none": "",
    }[choice.source]
