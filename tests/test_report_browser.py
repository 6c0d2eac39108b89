"""The report's HTML in a real browser: headless Chromium prints it to PDF on A4 and on
Letter and takes a screenshot, poppler reads the PDFs back, and the browser's DevTools
events and net log show that the page fetched nothing.

Without Chromium or poppler-utils these tests fail, they never skip: `.ci/run` installs both.
Set KIND_REPORT_SCREENSHOT to a path to keep the screenshot of the seeded report.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tests import chromium
from tests import report_seed as seed
from tests.test_report import report

# Points, as pdfinfo gives them (1/72 inch).
PAPER = {"a4": (595.92, 841.92), "letter": (612.0, 792.0)}
HEADINGS = (
    "What this page holds",
    "Practice days",
    "Practices",
    "Check-ins before and after",
    "Measures",
    "Journal",
)


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise AssertionError(
            f"{tool} was not found: the report's PDFs are read back with poppler-utils "
            "(Debian: apt-get install poppler-utils); .ci/run installs it in CI."
        )
    return found


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        [poppler("pdfinfo"), "-f", "1", "-l", "999", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (float(w), float(h))
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    ]


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        [poppler("pdftotext"), "-layout", *pages, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[chromium.Rendered, Path]:
    work = tmp_path_factory.mktemp("browser")
    home = work / "kind-home"
    previous = os.environ.get("KIND_HOME")
    os.environ["KIND_HOME"] = str(home)
    try:
        seed.seed(home / "kind.db")
        page = work / "report.html"
        code, _, said = report("--since", "2026-02-01", "-o", str(page), "--include", "reframes")
        assert code == 0, said
    finally:
        if previous is None:
            os.environ.pop("KIND_HOME", None)
        else:
            os.environ["KIND_HOME"] = previous
    found = chromium.render(page, work)
    keep = os.environ.get("KIND_REPORT_SCREENSHOT")
    if keep:
        shutil.copyfile(found.png, keep)
    return found, page


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_report_prints_on_a4_and_letter(
    rendered: tuple[chromium.Rendered, Path], paper: str
) -> None:
    found, _ = rendered
    pdf = found.pdfs[paper]
    pages = pdf_pages(pdf)
    # Six weeks of numbers and four kind replies: a few pages, every one this paper's size.
    assert 3 <= len(pages) <= 8, pages
    for size in pages:
        assert size == pytest.approx(PAPER[paper], abs=1), (paper, size)
    first = pdf_text(pdf, 1)
    assert "Practice with kind" in first and "February 1, 2026 to March 14, 2026" in first
    assert "What this page holds" in first
    assert "Made with kind report" in pdf_text(pdf, len(pages))
    for number in range(1, len(pages) + 1):
        assert pdf_text(pdf, number).strip(), f"page {number} of {paper} is blank"
    text = pdf_text(pdf)
    for heading in HEADINGS:
        assert len(re.findall(rf"^\s*{re.escape(heading)}\s*$", text, re.M)) == 1, heading
    assert "Kind replies to the inner critic" in text and seed.REFRAME_MARKER in text
    assert "You practiced on 28 of the 42 days" in text
    assert "Kindness toward myself" in text and "Scores of Kindness toward myself" in text
    # The print stylesheet is used: the on-screen hint about printing is left out.
    assert "use your browser's Print command" not in text
    # Nothing is wider than the paper: the print layout fits inside the margins.
    width, inside = found.overflow[paper]
    assert width <= inside, (paper, width, inside)


def test_the_screen_shows_the_printing_hint(rendered: tuple[chromium.Rendered, Path]) -> None:
    _, page = rendered
    assert "use your browser&#x27;s Print command" in page.read_text(encoding="utf-8")


def test_the_browser_fetched_nothing_for_the_report(
    rendered: tuple[chromium.Rendered, Path],
) -> None:
    found, page = rendered
    # DevTools: the one request is the file itself, from this computer.
    assert found.page_requests == [page.resolve().as_uri()]
    # The net log: no request was made on the page's behalf.
    assert chromium.page_network_requests(found.net_log, page.resolve().as_uri()) == []


def test_a_page_that_fetches_would_be_caught(tmp_path: Path) -> None:
    # The checks above can fail: the same browser and the same checks on a page that asks
    # for a stylesheet, a font and an image from elsewhere (nothing can answer them here).
    page = tmp_path / "fetches.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title>'
        '<link rel="stylesheet" href="https://styles.invalid/a.css">'
        "<style>@font-face { font-family: F; src: url(https://fonts.invalid/f.woff2); }"
        "body { font-family: F; }</style></head>"
        '<body><p>Text</p><img src="http://192.0.2.1/x.png" alt=""></body></html>',
        encoding="utf-8",
    )
    found = chromium.render(page, tmp_path)
    asked = set(found.page_requests) - {page.resolve().as_uri()}
    assert {"https://styles.invalid/a.css", "http://192.0.2.1/x.png"} <= asked
    assert chromium.page_network_requests(found.net_log, page.resolve().as_uri())


def test_a_screenshot_of_the_report_is_taken(rendered: tuple[chromium.Rendered, Path]) -> None:
    found, _ = rendered
    head = found.png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert width == 900 and height > 2000  # the whole page, not just the first screen
