from __future__ import annotations

from pathlib import Path

import pytest

from kindcli.catalog import CONTENT_TYPES, normalise_type
from kindcli.catalog.catalog import Catalog, check_paths
from kindcli.catalog.loader import load_file
from kindcli.catalog.models import BreathingPattern
from kindcli.errors import ContentError, UnknownContent
from kindcli.paths import shipped_content_dir

REPO = Path(__file__).resolve().parent.parent
# Templates to start content of one's own: not content, but each must be valid as its type.
TEMPLATES = "templates"

GOOD_PATTERN = """\
id: {id}
name: {name}
phases:
  - action: inhale
    seconds: 3
  - action: exhale
    seconds: 5
default_cycles: 6
"""


def _write(root: Path, ctype: str, name: str, text: str) -> Path:
    folder = root / ctype
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_file_loads() -> None:
    files = sorted((REPO / "content").glob("*/*.yaml"))
    assert files, "kind ships content"
    for path in files:
        if path.parent.name == TEMPLATES:
            # A template is named after the type it starts (templates/measure.yaml).
            assert load_file(path, normalise_type(path.stem)), path
            continue
        assert path.parent.name in CONTENT_TYPES, f"{path} is not under a content type"
        assert load_file(path, path.parent.name)
    catalog = Catalog(shipped_content_dir(), None)
    for ctype in CONTENT_TYPES:
        catalog.entries(ctype)
    assert catalog.warnings == []
    assert catalog.get(BreathingPattern, "box").name


def test_a_users_file_adds_and_replaces_by_id(tmp_path: Path) -> None:
    user = tmp_path / "user"
    _write(user, "breathing", "mine.yaml", GOOD_PATTERN.format(id="slow", name="Slow"))
    _write(user, "breathing", "box.yaml", GOOD_PATTERN.format(id="box", name="My box"))
    catalog = Catalog(shipped_content_dir(), user)
    entries = catalog.entries("breathing")
    assert entries["slow"].origin == "user"
    assert entries["box"].item.name == "My box"
    assert entries["box"].replaces is not None


def test_a_broken_user_file_is_skipped_with_one_warning(tmp_path: Path) -> None:
    user = tmp_path / "user"
    _write(user, "breathing", "broken.yaml", "id: oops\nname: [unclosed\n")
    warned: list[str] = []
    catalog = Catalog(shipped_content_dir(), user, warn=warned.append)
    assert "box" in catalog.entries("breathing")
    assert len(warned) == 1
    assert "broken.yaml:3:1" in warned[0]
    assert "from line 2, column 7" in warned[0]


def test_yaml_syntax_errors_name_file_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "breathing", "bad.yaml", "id: x\nname: X\nphases:\n  - action: [\n")
    with pytest.raises(ContentError) as caught:
        load_file(path, "breathing")
    assert caught.value.where.startswith(f"{path}:5:")
    assert "YAML syntax error" in caught.value.problem


def test_schema_errors_name_the_field_path_and_its_line(tmp_path: Path) -> None:
    text = GOOD_PATTERN.format(id="x", name="X").replace("seconds: 5", "seconds: -5")
    path = _write(tmp_path, "breathing", "neg.yaml", text)
    with pytest.raises(ContentError) as caught:
        load_file(path, "breathing")
    assert str(caught.value).startswith(f"{path}:7: phases.1.seconds:")
    assert "use a number above 0 (not -5)" in str(caught.value)


def test_unknown_keys_are_rejected(tmp_path: Path) -> None:
    text = GOOD_PATTERN.format(id="x", name="X") + "colour: blue\n"
    path = _write(tmp_path, "breathing", "extra.yaml", text)
    with pytest.raises(ContentError) as caught:
        load_file(path, "breathing")
    assert "colour: is not a known field" in str(caught.value)
    assert f"{path}:9" in str(caught.value)


def test_only_safe_yaml_is_loaded(tmp_path: Path) -> None:
    path = _write(tmp_path, "breathing", "evil.yaml", "!!python/object/apply:os.system ['true']\n")
    with pytest.raises(ContentError):
        load_file(path, "breathing")


def test_duplicate_ids_in_one_source_are_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "breathing", "a.yaml", GOOD_PATTERN.format(id="same", name="A"))
    _write(tmp_path, "breathing", "b.yaml", GOOD_PATTERN.format(id="same", name="B"))
    result = check_paths([tmp_path])
    assert len(result.problems) == 1
    assert "id 'same' is already used" in result.problems[0]


def test_unknown_ids_name_what_is_available() -> None:
    catalog = Catalog(shipped_content_dir(), None)
    with pytest.raises(UnknownContent) as caught:
        catalog.get(BreathingPattern, "bx")
    assert "Did you mean 'box'?" in str(caught.value)
    assert "Available:" in str(caught.value)


def test_a_valid_file_outside_a_type_folder_names_its_own_type(tmp_path: Path) -> None:
    loose = tmp_path / "slow.yaml"
    loose.write_text(GOOD_PATTERN.format(id="slow", name="Slow"))
    result = check_paths([loose])
    assert result.problems == []
    assert [(e.type, e.item.id) for e in result.entries] == [("breathing", "slow")]
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: what\nname: Not sure\n")
    assert "pass --type" in check_paths([broken]).problems[0]
