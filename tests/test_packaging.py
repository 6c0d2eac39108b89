"""The wheel carries every shipped content file, and an installed kind finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
    )
    (built,) = out.glob("kindcli-*.whl")
    return built


def test_every_content_file_is_in_the_wheel(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(REPO.glob("content/**/*.yaml"))
    assert shipped
    for path in shipped:
        inside = "kindcli/" + path.relative_to(REPO).as_posix()
        assert inside in names, f"{inside} is missing from the wheel"
    assert "kindcli/__main__.py" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_an_unpacked_wheel_finds_its_own_content(
    wheel: Path, tmp_path: Path, kind_env: dict[str, str]
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = dict(kind_env, PYTHONPATH=str(site))
    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "data", "path", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert str(site / "kindcli" / "content") in done.stdout
    listed = subprocess.run(
        [sys.executable, "-m", "kindcli", "content", "list", "breathing"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert "box" in listed.stdout


def test_the_wheel_installs_into_a_fresh_environment_as_pipx_would(
    wheel: Path, tmp_path: Path, kind_env: dict[str, str]
) -> None:
    # What `pipx install .` and `uv tool install .` do: build the wheel, make a new virtual
    # environment of its own, install the wheel and its dependencies there (from the
    # package registry), and put its `kind` on PATH. Then kind runs from anywhere and
    # finds its content inside the installed wheel, not in this checkout.
    tool = tmp_path / "tool"
    subprocess.run([sys.executable, "-m", "venv", str(tool)], check=True, timeout=300)
    installed = subprocess.run(
        [str(tool / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    kind = tool / "bin" / "kind"
    env = {k: v for k, v in kind_env.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{tool / 'bin'}:/usr/bin:/bin"
    where = subprocess.run(
        [str(kind), "data", "path", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
        timeout=120,
    )
    assert "/tool/lib/" in where.stdout and "kindcli/content" in where.stdout
    assert str(REPO) not in where.stdout
    for args, expected in (
        (["content", "list", "breathing"], "box"),
        (["sos", "--region", "gb"], "999"),
        (["--version"], "kind "),
        (["completion", "bash"], "_KIND_COMPLETE"),
    ):
        done = subprocess.run(
            [str(kind), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )
        assert done.returncode == 0, (args, done.stderr)
        assert expected in done.stdout, (args, done.stdout[:500])
