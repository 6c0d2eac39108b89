"""Headless Chromium for the report's tests: render a local HTML file to PDF and PNG, and
watch every network request the page (and the browser) makes while doing it.

It talks to the browser over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
file descriptors 3 and 4, NUL-separated JSON), so it needs nothing beyond the standard
library. Each browser gets a fresh profile and a net log (`--log-net-log`).

`find_chromium()` raises when there is no Chromium: a test that needs one fails rather than
skipping (CI installs Debian's `chromium` package in `.ci/run`).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    # Quiet the browser's own services too, so the net log shows what the page did.
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,"
    "AutofillServerCommunication,AimEligibilityService,AimServerEligibilityEnabled,"
    "AimServerRequestOnStartupEnabled",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--no-default-browser-check",
    "--allow-browser-signin=false",
    "--hide-scrollbars",
)
TIMEOUT = 60.0
# Schemes that never leave the machine.
LOCAL = ("file:", "data:", "about:", "blob:", "chrome:")
# Paper, in inches, as Chromium's printToPDF takes it.
A4 = (8.27, 11.69)
LETTER = (8.5, 11.0)


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise AssertionError(
        "Chromium was not found: the report's HTML is tested in a real browser. "
        "Install it (Debian: apt-get install chromium); .ci/run installs it in CI."
    )


@dataclass
class Browser:
    """One headless Chromium, driven over its DevTools pipe."""

    process: subprocess.Popen[bytes]
    to_browser: int
    from_browser: int
    profile: Path
    net_log: Path
    events: list[dict[str, Any]] = field(default_factory=list)
    _next: int = 0
    _buffer: bytes = b""

    @classmethod
    def start(cls, work: Path) -> Browser:
        profile = Path(tempfile.mkdtemp(prefix="profile-", dir=work))
        net_log = work / f"net-{profile.name}.json"
        ours_r, theirs_w = os.pipe()
        theirs_r, ours_w = os.pipe()

        def pipes() -> None:  # in the child, before exec: fd 3 reads, fd 4 writes
            # Out of the way first, so that neither is overwritten by the other's dup2.
            read_end = fcntl.fcntl(theirs_r, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(theirs_w, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        argv = [
            find_chromium(),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--log-net-log={net_log}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        process = subprocess.Popen(
            argv,
            pass_fds=(3, 4),
            preexec_fn=pipes,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(theirs_r)
        os.close(theirs_w)
        return cls(process, ours_w, ours_r, profile, net_log)

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.from_browser], [], [], max(0.0, left))
            if not ready:
                raise AssertionError("Chromium did not answer in time")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise AssertionError("Chromium closed its pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(raw))

    def wait_for(self, method: str, session: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not any(
            e.get("method") == method and e.get("sessionId") == session for e in self.events
        ):
            if time.monotonic() > deadline:
                raise AssertionError(f"no {method} from Chromium")
            self.events.append(self._read())

    def close(self) -> None:
        with contextlib.suppress(AssertionError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)


@dataclass
class Rendered:
    pdfs: dict[str, Path]
    png: Path
    page_requests: list[str]
    net_log: Path
    overflow: dict[str, tuple[int, int]]  # paper -> (scrollWidth, width) in print layout


def render(html: Path, out: Path, *, width: int = 900) -> Rendered:
    """Open `html`, print it to PDF on A4 and on Letter, take a full-page PNG, and record the
    URL of every request the page made (DevTools' Network events)."""
    browser = Browser.start(out)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        browser.send("Network.enable", {}, session)
        browser.send("Page.enable", {}, session)
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 1200, "deviceScaleFactor": 1, "mobile": False},
            session,
        )
        browser.send("Page.navigate", {"url": html.resolve().as_uri()}, session)
        browser.wait_for("Page.loadEventFired", session)
        pdfs = {}
        overflow = {}
        for paper, (w, h) in {"a4": A4, "letter": LETTER}.items():
            data = browser.send(
                "Page.printToPDF",
                {
                    "paperWidth": w,
                    "paperHeight": h,
                    "printBackground": True,
                    "preferCSSPageSize": False,
                },
                session,
            )["data"]
            pdfs[paper] = out / f"report-{paper}.pdf"
            pdfs[paper].write_bytes(base64.b64decode(data))
            overflow[paper] = _print_overflow(browser, session, w)
        browser.send("Emulation.setEmulatedMedia", {"media": ""}, session)
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 1200, "deviceScaleFactor": 1, "mobile": False},
            session,
        )
        shot = browser.send(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session
        )["data"]
        png = out / "report.png"
        png.write_bytes(base64.b64decode(shot))
        requests = [
            e["params"]["request"]["url"]
            for e in browser.events
            if e.get("method") == "Network.requestWillBeSent"
        ]
    finally:
        browser.close()
    return Rendered(pdfs, png, requests, browser.net_log, overflow)


def _print_overflow(browser: Browser, session: str, paper_inches: float) -> tuple[int, int]:
    """Lay the page out as printed, at the width inside the page margins (14 mm each side),
    and return how wide it is against that width, in CSS pixels."""
    inner = round((paper_inches * 25.4 - 28) / 25.4 * 96)
    browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session)
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": inner, "height": 1200, "deviceScaleFactor": 1, "mobile": False},
        session,
    )
    found = browser.send(
        "Runtime.evaluate",
        {"expression": "document.documentElement.scrollWidth", "returnByValue": True},
        session,
    )
    return int(found["result"]["value"]), inner


def _url_requests(net_log: Path) -> list[dict[str, Any]]:
    """The parameters of every URL request the net log shows the browser starting."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    return [
        e["params"]
        for e in log["events"]
        if names.get(e["type"]) == "URL_REQUEST_START_JOB" and "url" in (e.get("params") or {})
    ]


def page_network_requests(net_log: Path, page_url: str) -> list[str]:
    """URLs the net log shows being fetched for the page (network isolation key or initiator
    of the page's own origin), whatever the page itself reported."""
    origin = page_url.split("/", 3)[0] + "//"  # file://
    found = []
    for params in _url_requests(net_log):
        if params["url"].startswith(LOCAL):
            continue
        key = f"{params.get('network_isolation_key', '')} {params.get('initiator', '')}"
        if origin in key or params.get("initiator") == "null":
            found.append(str(params["url"]))
    return found
