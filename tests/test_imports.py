"""Start-up stays fast: `kind --help` and light commands never load heavy modules."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("questionary", "prompt_toolkit", "yaml", "kindcli.catalog.models", "kindcli.catalog")

PROBE = """
import json, sys
sys.argv = ["kind", *json.loads(sys.argv[1])]
from kindcli.__main__ import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES=" + json.dumps(sorted(sys.modules)))
"""


def modules_loaded_by(args: list[str], env: dict[str, str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    marker = done.stderr.rsplit("MODULES=", 1)
    assert len(marker) == 2, done.stderr
    return set(json.loads(marker[1]))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["data", "path"],
        ["config", "get", "region"],
        ["--version"],
        ["stats", "--json"],
        ["journal", "list"],
        # Looking back reads what the store keeps, never the content files.
        ["journal", "replies"],
        ["measure", "--history"],
        ["report"],
        ["report", "--format", "html"],
    ],
)
def test_light_commands_do_not_import_heavy_modules(
    args: list[str], kind_env: dict[str, str]
) -> None:
    loaded = modules_loaded_by(args, kind_env)
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY)
    assert heavy == [], f"kind {' '.join(args)} imported {heavy}"


def test_help_does_not_even_load_pydantic(kind_env: dict[str, str]) -> None:
    # Typer 0.29 coerces parameter values through pydantic, so any command that parses
    # parameters loads it (the bare Typer floor too). Help needs no coercion, and no pydantic.
    loaded = modules_loaded_by(["--help"], kind_env)
    assert "pydantic" not in loaded


def test_the_probe_can_see_a_heavy_import(kind_env: dict[str, str]) -> None:
    # Guards the guard: `content list` does need YAML, and the probe must notice it.
    loaded = modules_loaded_by(["content", "list"], kind_env)
    assert "yaml" in loaded


def test_a_command_builds_only_itself(kind_env: dict[str, str]) -> None:
    # The root group builds commands on first use, so `data doctor` never imports the
    # modules (or pays Typer's signature inspection) of the practices.
    loaded = modules_loaded_by(["data", "doctor"], kind_env)
    assert "kindcli.cli.data" in loaded
    # data_restore holds the group's restore and forget commands.
    mine = ("kindcli.cli.data", "kindcli.cli.data_restore")
    others = sorted(m for m in loaded if m.startswith("kindcli.cli.") and m not in mine)
    # The root's own: shared options, the completion switch, help conventions, welcome.
    root = ["kindcli.cli.common", "kindcli.cli.completion", "kindcli.cli.usage"]
    assert others == [*root, "kindcli.cli.welcome"]


def test_help_builds_no_command(kind_env: dict[str, str]) -> None:
    # Help reads each command's summary from its docstring; building a command (Typer's
    # inspection of every parameter) is what costs, and help must not do it.
    from typer.testing import CliRunner

    import kindcli.cli as root

    def refuse(name: str) -> object:
        raise AssertionError(f"kind --help built kind {name}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(root, "build_command", refuse)
        result = CliRunner().invoke(root.app, ["--help"])
    assert result.exit_code == 0, result.output
    assert "breathe" in result.output
    # And nothing heavy came with the summaries.
    loaded = modules_loaded_by(["--help"], kind_env)
    assert not any(m.startswith(("kindcli.practices.", "kindcli.store")) for m in loaded)


def test_a_typo_suggests_the_command_meant() -> None:
    from typer.testing import CliRunner

    from kindcli.cli import app

    result = CliRunner().invoke(app, ["breath"])
    assert result.exit_code == 2
    assert "Did you mean 'breathe'?" in result.output
