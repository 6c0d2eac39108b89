"""Hypothesis strategies for valid TOML documents of the kind a person might write by hand:
comments everywhere, blank lines, bare, quoted and dotted keys, tables and arrays of tables,
and kind's own setting names among the keys (quoted too)."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from kindcli.config import SETTINGS

SETTING_KEYS = sorted(SETTINGS)
BARE = st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True)
# Text TOML allows in comments and strings: no control characters but tab.
SAFE_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x7f"), max_size=12
)


def basic_string(text: str) -> str:
    # JSON's escapes are a subset of TOML's basic-string escapes.
    return json.dumps(text, ensure_ascii=False)


def literal_string(text: str) -> str:
    return "'" + text.replace("'", "") + "'"


key_names = st.one_of(st.sampled_from(SETTING_KEYS), BARE, SAFE_TEXT)


@st.composite
def keys(draw: st.DrawFn) -> tuple[str, str]:
    """(the key as written, the key as read)."""
    name = draw(key_names)
    style = draw(st.sampled_from(["bare", "basic", "literal"]))
    if style == "bare" and name and all(c.isascii() and (c.isalnum() or c in "_-") for c in name):
        return name, name
    if style == "literal" and "'" not in name:
        return literal_string(name), name
    return basic_string(name), name


scalars = st.one_of(
    st.integers(-(2**40), 2**40).map(str),
    st.booleans().map(lambda b: "true" if b else "false"),
    SAFE_TEXT.map(basic_string),
    SAFE_TEXT.map(literal_string),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    st.just("1979-05-27T07:32:00Z"),
)
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
    st.lists(st.tuples(BARE, scalars), max_size=2, unique_by=lambda kv: kv[0]).map(
        lambda kvs: "{" + ", ".join(f"{k} = {v}" for k, v in kvs) + "}"
    ),
)
comments = SAFE_TEXT.map(lambda t: "#" + t)


@st.composite
def body(draw: st.DrawFn, taken: set[str]) -> list[str]:
    """Lines of key/value pairs, comments and blank lines, with keys unique in `taken`."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["pair", "pair", "comment", "blank", "dotted"]))
        if kind == "comment":
            lines.append(draw(comments))
        elif kind == "blank":
            lines.append(draw(st.sampled_from(["", "   "])))
        else:
            written, name = draw(keys())
            if name in taken:
                continue
            taken.add(name)
            if kind == "dotted":
                written = f"{written}.{draw(BARE)}"
            tail = draw(st.one_of(st.just(""), comments.map(lambda c: "  " + c)))
            lines.append(f"{written} = {draw(values)}{tail}")
    return lines


@st.composite
def documents(draw: st.DrawFn) -> str:
    taken: set[str] = set()
    lines = draw(body(taken))
    for _ in range(draw(st.integers(0, 3))):
        written, name = draw(keys())
        if name in taken:
            continue
        taken.add(name)
        if draw(st.booleans()):
            lines.append(f"[{written}]" + draw(st.one_of(st.just(""), comments.map(" ".__add__))))
            lines += draw(body(set()))
        else:
            for _ in range(draw(st.integers(1, 2))):
                lines.append(f"[[{written}]]")
                lines += draw(body(set()))
    ending = draw(st.sampled_from(["\n", "", "\n\n"]))
    return "\n".join(lines) + ending
