from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kindcli.config import load_config, parse_value
from kindcli.config_edit import update_config_file
from kindcli.errors import ConfigError


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "missing.toml")
    assert config.streak_grace_days == 1
    assert config.default_breathing == "box"
    assert config.mood_checkins is True
    assert config.hide_streaks is False
    assert config.region is None


def test_saved_values_round_trip_privately(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    update_config_file(path, "region", parse_value("region", "gb"))
    update_config_file(path, "bell", parse_value("bell", "yes"))
    back = load_config(path)
    assert back.region == "GB"
    assert back.bell is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("key", "value", "expect"),
    [
        ("streak_grace_days", "9", "a whole number from 0 to 7"),
        ("bell", "loud", "true or false"),
        ("region", "Narnia", "two-letter country code"),
    ],
)
def test_bad_values_name_the_key_and_what_is_allowed(key: str, value: str, expect: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_value(key, value)
    assert key in str(caught.value)
    assert expect in str(caught.value)


def test_an_unknown_key_suggests_the_closest() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_value("hide_streak", "true")
    assert "'hide_streak' is not a kind setting" in str(caught.value)
    assert "Did you mean 'hide_streaks'?" in str(caught.value)


def test_a_bad_file_names_the_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('streak_grace_days = "lots"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(path) in str(caught.value)
    assert "streak_grace_days" in str(caught.value)


def test_a_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("bell = true\nregion = \n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "line 2" in str(caught.value)


def test_changing_a_setting_keeps_the_persons_comments(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# my notes about kind\nbell = true # at night\nhide_streaks = false\n")
    update_config_file(path, "hide_streaks", True)
    update_config_file(path, "bell", None)
    assert path.read_text() == "# my notes about kind\nhide_streaks = true\n"
    assert load_config(path).hide_streaks is True
