"""Shell completion: `kind completion SHELL` prints a script that a real shell runs, and kind
answers with commands, options and the names of its content."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kindcli.cli import app

runner = CliRunner()


@pytest.fixture
def kind_on_path(tmp_path: Path, kind_env: dict[str, str]) -> dict[str, str]:
    """An environment whose PATH finds this checkout's `kind` first."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "kind"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kindcli "$@"\n')
    wrapper.chmod(0o755)
    env = dict(kind_env)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env


def bash_offers(line: str, env: dict[str, str]) -> list[str]:
    """What bash's completion, with kind's script loaded, offers for `line` (as TAB would:
    the words so far, the last one being completed)."""
    script = runner.invoke(app, ["completion", "bash"]).stdout
    words = line.split(" ")
    program = (
        f"{script}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        "_kind_completion kind\n"
        "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return [w for w in done.stdout.splitlines() if w]


needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


@needs_bash
def test_bash_completes_command_names(kind_on_path: dict[str, str]) -> None:
    assert bash_offers("kind br", kind_on_path) == ["break", "breathe"]
    assert "journal" in bash_offers("kind ", kind_on_path)


@needs_bash
def test_bash_completes_breathing_patterns_and_options(kind_on_path: dict[str, str]) -> None:
    patterns = bash_offers("kind breathe ", kind_on_path)
    assert {"box", "4-7-8", "coherent", "grounding"} <= set(patterns)
    assert bash_offers("kind breathe --cy", kind_on_path) == ["--cycles"]


@needs_bash
def test_bash_completes_a_persons_own_content_and_the_other_names(
    kind_on_path: dict[str, str], kind_home: Path
) -> None:
    own = kind_home / "content" / "breathing"
    own.mkdir(parents=True)
    (own / "mine.yaml").write_text(
        "id: my-slow-one\nname: My slow one\nphases:\n"
        "  - action: inhale\n    seconds: 5\n  - action: exhale\n    seconds: 7\n"
    )
    assert bash_offers("kind breathe my", kind_on_path) == ["my-slow-one"]
    assert "standard" in bash_offers("kind break ", kind_on_path)
    assert "evening" in bash_offers("kind journal --prompt ", kind_on_path)
    assert "loving-kindness" in bash_offers("kind meditate lov", kind_on_path)
    assert "gb" in bash_offers("kind sos --region g", kind_on_path)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_shell_gets_its_own_script(shell: str) -> None:
    result = runner.invoke(app, ["completion", shell])
    assert result.exit_code == 0
    assert "_KIND_COMPLETE" in result.stdout
    assert {"bash": "complete -o default", "zsh": "#compdef kind", "fish": "complete --command"}[
        shell
    ] in result.stdout


def test_zsh_and_fish_are_answered_too(kind_on_path: dict[str, str]) -> None:
    env = dict(kind_on_path, _KIND_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="kind br")
    zsh = subprocess.run(["kind"], env=env, capture_output=True, text=True, timeout=60)
    assert '"break":' in zsh.stdout and '"breathe":' in zsh.stdout
    env = dict(
        kind_on_path,
        _KIND_COMPLETE="complete_fish",
        _TYPER_COMPLETE_ARGS="kind breathe ",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
    )
    fish = subprocess.run(["kind"], env=env, capture_output=True, text=True, timeout=60)
    assert "box" in fish.stdout.split()


def test_an_unknown_shell_is_named() -> None:
    result = runner.invoke(app, ["completion", "tcsh"])
    assert result.exit_code == 1
    assert "bash, zsh and fish; 'tcsh' is not one of them" in result.stderr
