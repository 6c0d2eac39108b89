"""Changing the settings file keeps the person's document and never breaks it.

`kind config set` once wrote invalid TOML when the file had the key quoted, and put the key
inside a table when the file had one, after which every setting fell back to its default.
Now the document is edited with tomlkit and read back before it is written: these tests
edit arbitrary valid documents (comments, tables, quoted and dotted keys) and check that
the result reads as the old contents plus exactly the change, or that the file is left
byte for byte as it was."""

from __future__ import annotations

import os
import stat
import threading
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.config import SETTINGS, read_config
from kindcli.config_edit import edit_config, update_config_file
from kindcli.errors import ConfigError
from tests.fakes import RecordingTerminal, make_services
from tests.toml_docs import documents

# A valid value for each setting, as the file holds it.
VALID: dict[str, list[Any]] = {
    "region": ["GB", "US"],
    "streak_grace_days": [0, 3],
    "hide_streaks": [True, False],
    "weekly_intention": [4],
    "default_breathing": ["box", "4-7-8"],
    "mood_checkins": [False],
    "animations": [False],
    "journal_editor": [True],
    "bell": [True],
    "quiet_hours": ["21:30-06:45", "off"],
    "shell_greeting": [False],
}
changes = st.sampled_from(sorted(SETTINGS)).flatmap(
    lambda key: st.tuples(st.just(key), st.sampled_from([*VALID[key], None]))
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parses(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def test_the_strategy_makes_the_hard_cases() -> None:
    # Guards the property below: the documents include quoted setting keys and tables.
    seen = {"quoted setting": False, "table": False, "aot": False, "dotted": False}

    @given(documents())
    @settings(max_examples=300, deadline=None)
    def look(text: str) -> None:
        seen["quoted setting"] |= any(f'"{k}" =' in text for k in SETTINGS)
        seen["table"] |= "\n[" in "\n" + text and "[[" not in text
        seen["aot"] |= "[[" in text
        seen["dotted"] |= any(
            "." in line.split("=")[0] for line in text.splitlines() if "=" in line
        )

    look()
    assert all(seen.values()), seen


@FAST
@given(text=documents(), change=changes)
def test_an_edit_keeps_the_document_and_changes_exactly_one_key(
    tmp_path_factory: pytest.TempPathFactory, text: str, change: tuple[str, Any]
) -> None:
    before = parses(text)
    assume(before is not None)
    assert before is not None
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    path.write_text(text, encoding="utf-8")
    key, value = change
    try:
        update_config_file(path, key, value)
    except ConfigError:
        assert path.read_text(encoding="utf-8") == text, "a refused edit changed the file"
        return
    written = path.read_text(encoding="utf-8")
    after = parses(written)
    assert after is not None, f"kind wrote a file that does not parse:\n{written}"
    expected = dict(before)
    if value is None:
        expected.pop(key, None)
    else:
        expected[key] = value
    assert after == expected
    assert is_subsequence(comment_lines(text), comment_lines(written)), written
    if value is not None:
        config, _ = read_config(path)
        assert config.get(key) == value


@FAST
@given(text=documents(), count=st.integers(1, 4), data=st.data())
def test_reminders_are_added_and_removed_inside_any_document(
    tmp_path_factory: pytest.TempPathFactory, text: str, count: int, data: st.DataObject
) -> None:
    before = parses(text)
    assume(before is not None and "reminders" not in before)
    assert before is not None
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    path.write_text(text, encoding="utf-8")
    from kindcli.reminders import Reminder

    def add(r: Reminder) -> None:
        edit_config(path, lambda now: {"reminders": [*now.get("reminders", []), r.as_toml()]})

    made = [Reminder(i, 8 + i, 0, frozenset({0, 2}), None) for i in range(1, count + 1)]
    for r in made:
        add(r)
    assert read_config(path)[0].reminders == tuple(made)
    gone = data.draw(st.sets(st.sampled_from([r.id for r in made])))
    for rid in gone:
        edit_config(
            path,
            lambda now, rid=rid: {
                "reminders": [i for i in now.get("reminders", []) if i["id"] != rid]
            },
        )
    after = parses(path.read_text(encoding="utf-8"))
    assert after is not None
    left = [r for r in made if r.id not in gone]
    assert read_config(path)[0].reminders == tuple(left)
    rest = {k: v for k, v in after.items() if k != "reminders"}
    assert rest == before
    assert is_subsequence(comment_lines(text), comment_lines(path.read_text(encoding="utf-8")))


# ---- the cases that broke ---------------------------------------------------------------------


def test_a_quoted_key_is_changed_in_place(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('"bell" = true # at night\nregion = "GB"\n')
    update_config_file(path, "bell", False)
    assert path.read_text() == '"bell" = false # at night\nregion = "GB"\n'
    assert read_config(path)[0].bell is False


def test_a_new_key_goes_above_the_first_table_not_into_it(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('region = "GB"\n\n[[reminders]]\nid = 1\ntime = "08:30"\n')
    update_config_file(path, "hide_streaks", True)
    data = tomllib.loads(path.read_text())
    assert data["hide_streaks"] is True
    assert data["reminders"] == [{"id": 1, "time": "08:30"}]
    config, problems = read_config(path)
    assert problems == [] and config.region == "GB" and config.hide_streaks is True


def test_through_the_command_every_other_setting_survives(kind_home: Path) -> None:
    kind_home.mkdir(parents=True)
    path = kind_home / "config.toml"
    path.write_text("# mine\n'region' = 'IE'\nbell = true\n[[reminders]]\nid = 1\ntime = '9:00'\n")
    terminal = RecordingTerminal()
    result = CliRunner().invoke(
        app, ["config", "set", "streak_grace_days", "2"], obj=make_services(terminal=terminal)
    )
    assert result.exit_code == 0, result.output
    config, problems = read_config(path)
    assert problems == []
    assert (config.region, config.bell, config.streak_grace_days) == ("IE", True, 2)
    assert [r.id for r in config.reminders] == [1]
    assert path.read_text().startswith("# mine\n'region' = 'IE'\n")


def test_a_file_that_does_not_parse_is_never_edited(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("bell = true\nregion = \n")
    with pytest.raises(ConfigError) as caught:
        update_config_file(path, "bell", False)
    assert "line 2" in str(caught.value)
    assert path.read_text() == "bell = true\nregion = \n"


def test_an_edit_that_would_change_more_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever tomlkit does, the read-back check stands between it and the file.
    import kindcli.config_edit as config_edit

    path = tmp_path / "config.toml"
    path.write_text("bell = true\nregion = 'GB'\n")
    monkeypatch.setattr(config_edit, "_edited", lambda p, text, changes: "bell = false\n")
    with pytest.raises(ConfigError) as caught:
        update_config_file(path, "bell", False)
    assert "left the file as it was" in str(caught.value)
    assert path.read_text() == "bell = true\nregion = 'GB'\n"


def test_the_file_is_private_and_replaced_atomically(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    update_config_file(path, "bell", True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(os.listdir(path.parent)) == ["config.toml"]  # no temp file left behind


def test_two_edits_at_once_never_lose_one(tmp_path: Path) -> None:
    # The first edit holds the lock while a second one starts: the second must wait for
    # the lock (and then see the first change), not read the file before the first wrote.
    path = tmp_path / "config.toml"
    path.write_text("# both\n")
    second_done = threading.Event()

    def second() -> None:
        update_config_file(path, "hide_streaks", True)
        second_done.set()

    other = threading.Thread(target=second)

    def first_change(now: dict[str, Any]) -> dict[str, Any]:
        other.start()
        # Without the lock the second edit reads, writes and finishes well inside this.
        second_done.wait(timeout=0.5)
        return {"bell": True}

    edit_config(path, first_change)
    other.join(timeout=10)
    assert not other.is_alive()
    config = read_config(path)[0]
    assert (config.bell, config.hide_streaks) == (True, True)
