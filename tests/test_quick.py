"""The quick path: `data path`, `journal list/search` and `stats` without Typer, parsing
exactly as Typer parses and printing exactly what Typer's path prints."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kindcli import quick
from kindcli.boundary import INTERRUPTED
from kindcli.cli import build_command
from kindcli.cli.welcome import should_welcome
from kindcli.ports import Moment
from kindcli.practices import journal_entry as entries
from kindcli.quick import reading
from kindcli.quick.spec import QUICK, derive
from kindcli.quick.table import SPECS
from kindcli.store import Store
from kindcli.store.records import JournalAnswer


def test_the_table_is_the_typer_commands_own_specification() -> None:
    # If this fails, a quick command's options changed: `python -m kindcli.quick.spec --write`.
    assert derive() == SPECS


def test_the_quick_commands_never_show_the_first_run_welcome() -> None:
    for path in QUICK:
        assert not should_welcome(path[0], list(path), interactive=True), path


def typer_parse(path: tuple[str, ...], words: list[str]) -> dict[str, Any] | None:
    command = build_command(path[0])
    for word in path[1:]:
        command = command.commands[word]
    try:
        return dict(command.make_context(" ".join(path), list(words)).params)
    except Exception as e:  # click's usage errors, help, exits
        if type(e).__module__.startswith("typer"):
            return None
        raise


INTS = ["0", "1", "5", "20", "520", "521", "-1", "+2", "07", "1e2", "٣", " 5", "5 ", ""]
TEXTS = ["7d", "work", "2026-03-14", "tired", "two words", "", "-x", "--json", "é", "-"]
ODD = ["--nope", "-x", "-", "--", "-h", "--help", "--num", "--jso", "extra"]


@st.composite
def typed_words(draw: st.DrawFn, path: tuple[str, ...]) -> list[str]:
    """Words for `kind PATH ...`: the command's own options in every form, with values
    good and bad, in any order, sometimes repeated, sometimes with something odd."""
    words: list[str] = []
    for p in draw(st.lists(st.sampled_from(SPECS[path]), max_size=5)):
        value = draw(st.sampled_from(INTS if p.type == "int" else TEXTS))
        if p.argument:
            words.append(value)
            continue
        opt = draw(st.sampled_from(p.opts))
        if p.flag:
            words.append(opt)
        elif opt.startswith("--") and draw(st.booleans()):
            words.append(f"{opt}={value}")
        elif not opt.startswith("--") and draw(st.booleans()):
            words.append(opt + value)
        else:
            words += [opt, value]
    if draw(st.integers(0, 4)) == 0:
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(ODD)))
    return draw(st.permutations(words)) if draw(st.booleans()) else words


@settings(max_examples=400, deadline=None)
@given(data=st.data(), path=st.sampled_from(list(QUICK)))
def test_quick_parses_as_typer_does_or_leaves_it_to_typer(
    data: st.DataObject, path: tuple[str, ...]
) -> None:
    words = data.draw(typed_words(path))
    mine = quick.parse(path, words)
    if mine is not None:
        assert typer_parse(path, words) == mine, words


def test_quick_takes_the_common_forms() -> None:
    assert quick.parse(("journal", "list"), ["-n", "5", "--json"]) == {
        "number": 5,
        "since": None,
        "until": None,
        "tag": None,
        "prompt": None,
        "json": True,
    }
    assert quick.parse(("journal", "search"), ["tired", "-twork"]) is not None
    assert quick.parse(("stats",), ["--json", "--since", "30d", "--weeks=8"]) is not None
    assert quick.parse(("journal", "list"), ["--help"]) is None


# ---- the same output, byte for byte --------------------------------------------------------

# Both run as `kind`: one through the console script's entry (the quick path first), one
# straight into Typer.
AS_KIND = """
import sys
sys.argv = ["kind", *sys.argv[1:]]
from kindcli.__main__ import main
main()
"""
TYPER_ONLY = """
import sys
sys.argv = ["kind", *sys.argv[1:]]
from kindcli.cli import run
run()
"""


def both_ways(words: list[str], env: dict[str, str]) -> tuple[Any, Any]:
    """(quick path, Typer path) of `kind WORDS`: exit code, stdout and stderr bytes."""
    runs = []
    for argv in (
        [sys.executable, "-c", AS_KIND, *words],
        [sys.executable, "-c", TYPER_ONLY, *words],
    ):
        done = subprocess.run(argv, capture_output=True, env=env, check=False, timeout=60)
        runs.append((done.returncode, done.stdout, done.stderr))
    return runs[0], runs[1]


CASES = [
    ["data", "path"],
    ["data", "path", "--json"],
    ["journal", "list"],
    ["journal", "list", "-n", "3", "--json"],
    ["journal", "list", "--tag", "walk", "--since", "2026-01-01"],
    ["journal", "list", "--since", "2026-03-10", "--until", "2026-03-01"],
    ["journal", "list", "--since", "someday"],
    ["journal", "list", "-n", "0"],
    ["journal", "search", "rain"],
    ["journal", "search", "RAIN walk", "--json"],
    ["journal", "search", "?!"],
    ["journal", "search", "nothing-like-it"],
    ["stats"],
    ["stats", "--json"],
    ["stats", "--json", "--since", "all", "--weeks", "4"],
    ["stats", "--since", "tomorrow-ish"],
    ["stats", "--plain", "--weeks", "52"],
    ["report", "--include", "notes", "--include", "everything"],
    ["report", "--until", "2999-01-01"],
    ["report", "--since", "2026-03-10", "--until", "2026-03-01"],
]


@pytest.fixture
def journal_home(kind_home: Path) -> Path:
    tz = timezone(timedelta(hours=-5))
    with Store.open(kind_home / "kind.db") as store:
        for i in range(30):
            when = datetime(2026, 3, 13, 20, 0, tzinfo=tz) - timedelta(days=i * 3)
            made = entries.build_entry(
                prompt_id="free",
                answers=[JournalAnswer("text", "What is on your mind?", f"rain and a walk {i}")],
                tags=["walk"] if i % 2 else [],
                moment=Moment.of(when),
                now=when,
            )
            assert made is not None
            store.add_journal_entry(made)
    return kind_home


@pytest.mark.parametrize("words", CASES, ids=[" ".join(c) for c in CASES])
def test_quick_output_is_typers_byte_for_byte(
    words: list[str], journal_home: Path, kind_env: dict[str, str]
) -> None:
    quick_run, typer_run = both_ways(words, {**kind_env, "COLUMNS": "72"})
    assert quick_run == typer_run


def test_with_no_database_or_a_broken_one_both_ways_say_the_same(
    kind_home: Path, kind_env: dict[str, str]
) -> None:
    for words in (["journal", "list"], ["stats", "--json"], ["journal", "search", "x"]):
        assert both_ways(words, kind_env)[0] == both_ways(words, kind_env)[1]
    kind_home.mkdir(parents=True, exist_ok=True)
    (kind_home / "kind.db").write_bytes(b"my own notes, not a database\n" * 40)
    for words in (["journal", "list"], ["stats", "--json"], ["journal", "search", "x"]):
        quick_run, typer_run = both_ways(words, kind_env)
        assert quick_run == typer_run and quick_run[0] == 1, quick_run


def test_a_bad_since_with_a_broken_setting_says_each_thing_once(
    journal_home: Path, kind_env: dict[str, str]
) -> None:
    (journal_home / "config.toml").write_text("streak_grace_days = 99\n")
    quick_run, typer_run = both_ways(["stats", "--since", "someday"], kind_env)
    assert quick_run == typer_run and quick_run[0] == 2, quick_run


def test_the_quick_path_loads_neither_typer_nor_pydantic(
    journal_home: Path, kind_env: dict[str, str]
) -> None:
    probe = (
        "import json, sys\n"
        "sys.argv = ['kind', *sys.argv[1:]]\n"
        "from kindcli.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('MODULES=' + json.dumps(sorted(sys.modules)))\n"
    )
    for words in (["data", "path"], ["journal", "list"], ["journal", "search", "rain"], ["stats"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, *words], capture_output=True, text=True, env=kind_env
        )
        loaded = set(json.loads(done.stderr.rsplit("MODULES=", 1)[1]))
        heavy = sorted(m for m in loaded if m.split(".")[0] in {"typer", "pydantic", "click"})
        assert heavy == [], (words, heavy)


def test_ctrl_c_on_the_quick_path_is_the_calm_exit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(reading, "show_paths", interrupted)
    assert quick.run(["data", "path"]) == 130
    assert INTERRUPTED in capsys.readouterr().err


@pytest.mark.parametrize(
    "words",
    [
        ["report"],
        ["report", "--since", "all", "--format", "html"],
        ["report", "--since", "2026-02-01", "--until", "2026-03-13", "--include", "entries"],
    ],
)
def test_the_quick_report_is_typers_page(
    words: list[str], journal_home: Path, kind_env: dict[str, str]
) -> None:
    # The page says the minute it was made, which may differ between the two runs.
    made = re.compile(rb"Made on [^.]+ at \d\d:\d\d")
    quick_run, typer_run = both_ways(words, kind_env)
    assert quick_run[0] == typer_run[0] == 0
    assert made.sub(b"", quick_run[1]) == made.sub(b"", typer_run[1])
    assert quick_run[2] == typer_run[2]
