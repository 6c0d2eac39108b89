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
