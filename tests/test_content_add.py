"""`kind content add` says what an added file changes, and never replaces kind's own safety
content without being asked to; `kind content validate` puts a YAML syntax error first
and lists problems in file and line order."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.paths import shipped_content_dir

runner = CliRunner()


def kind(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def one_line(text: str) -> str:
    return " ".join(text.split())


def region_file(folder: Path, region_id: str = "gb", name: str = "United Kingdom") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{region_id}.yaml"
    path.write_text(
        f"id: {region_id}\nname: {name}\nservices:\n  - name: My own line\n    call: 0800 000 000\n"
        "    source: https://example.org/\n    verified: 2026-01-01\n"
    )
    return path


def test_an_identical_file_is_already_there(kind_home: Path, tmp_path: Path) -> None:
    mine = region_file(tmp_path / "pack" / "resources", "pt", "Portugal")
    first = kind("content", "add", str(mine))
    assert first.exit_code == 0, first.output
    assert "Added resource list 'pt' (Portugal)." in first.stdout
    again = kind("content", "add", str(mine))
    assert again.exit_code == 0
    assert "is already there, unchanged" in again.stdout
    assert "Added" not in again.stdout


def test_replacing_kinds_crisis_lines_needs_an_explicit_flag(
    kind_home: Path, tmp_path: Path
) -> None:
    mine = region_file(tmp_path / "pack" / "resources")
    refused = kind("content", "add", str(mine))
    assert refused.exit_code == 1
    assert "would replace kind's own crisis lines for United Kingdom" in one_line(refused.stderr)
    assert "--override-safety" in refused.stderr
    assert not (kind_home / "content").exists(), "nothing was added"
    also_refused = kind("content", "add", str(mine), "--replace")
    assert also_refused.exit_code == 1, "--replace is not enough for safety content"
    done = kind("content", "add", str(mine), "--override-safety")
    assert done.exit_code == 0, done.output
    assert "Warning: this replaces kind's own crisis lines for United Kingdom" in one_line(
        done.stderr
    )
    sos = kind("sos", "--region", "gb")
    assert "replaces kind's crisis lines for United Kingdom" in one_line(sos.stdout)
    assert "My own line" in sos.stdout
    doctor = kind("data", "doctor")
    assert "replaces kind's crisis lines for United Kingdom" in one_line(doctor.output)


def test_replacing_the_crisis_language_check_needs_the_flag_too(
    kind_home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "pack" / "resources"
    folder.mkdir(parents=True)
    words = folder / "mine.yaml"
    words.write_text(
        "id: crisis-language\nkind: crisis-language\nname: Mine\nreviewed: 2026-01-01\n"
        "patterns:\n  - id: p\n    category: c\n    regex: 'nothing at all'\n"
        "    matches: [nothing at all]\n"
    )
    refused = kind("content", "add", str(words))
    assert refused.exit_code == 1
    assert "would replace kind's own check for words that may mean someone is in danger" in (
        one_line(refused.stderr)
    )
    done = kind("content", "add", str(words), "--override-safety")
    assert done.exit_code == 0, done.output
    assert "replaces kind's check for words" in one_line(kind("sos", "-r", "us").stdout)


def test_an_id_of_kinds_own_needs_replace_and_says_what_it_replaces(
    kind_home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "pack" / "breathing"
    folder.mkdir(parents=True)
    box = folder / "box.yaml"
    box.write_text((shipped_content_dir() / "breathing" / "box.yaml").read_text())
    refused = kind("content", "add", str(box))
    assert refused.exit_code == 1
    assert "this replaces kind's own Box breathing (use --replace)" in one_line(refused.stderr)
    done = kind("content", "add", str(box), "--replace")
    assert done.exit_code == 0, done.output
    assert "This replaces kind's own Box breathing." in one_line(done.stderr)


def test_a_syntax_error_outside_a_type_folder_is_named_first(tmp_path: Path) -> None:
    bad = tmp_path / "loose.yaml"
    bad.write_text("id: mine\nname: Mine\nphases: [\n")
    result = kind("content", "validate", str(bad))
    assert result.exit_code == 1
    first = one_line(result.stderr).split(" Found")[0]
    assert first.startswith(f"{bad}:4:1: YAML syntax error")
    assert "cannot tell what type" not in result.stderr


def test_problems_are_listed_in_file_and_line_order(tmp_path: Path) -> None:
    prompts = tmp_path / "pack" / "prompts"
    prompts.mkdir(parents=True)
    (prompts / "b.yaml").write_text("id: b\nname: B\nquestons: []\n")
    (prompts / "a.yaml").write_text("id: a\nname: A\nquestions:\n  - id: q\n    txt: x\n")
    result = kind("content", "validate", str(tmp_path / "pack"))
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ".yaml:" in ln]
    assert lines and lines == sorted(
        lines, key=lambda ln: (ln.split(":")[0], int(ln.split(":")[1]))
    )
    assert lines[0].startswith(str(prompts / "a.yaml"))
