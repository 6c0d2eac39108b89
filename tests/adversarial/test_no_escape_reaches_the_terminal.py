"""Nothing injected: text from a file or a person never reaches the terminal as control
characters or escape sequences, in any command that prints it. `--json` keeps the exact
text, escaped as JSON escapes it (C1 characters included)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pty import finish, spawn_kind

# Every kind of sequence a terminal acts on: OSC 52 (clipboard), OSC 0 (title), CSI 2J
# (clear), SGR 8 (conceal), a C1 CSI, a C1 DCS ... ST, a 7-bit DCS, BEL, BS, CR, DEL, NUL.
EVIL = (
    "\x1b]52;c;SGVsbG8=\x07\x1b]0;owned\x07\x1b[2J\x1b[8m\x9b31m\x90q\x9c"
    "\x1bP1$r\x1b\\\x07\x08\r\x7f\x00"
)
# The same in YAML's double-quoted escapes (YAML allows no raw control characters).
EVIL_YAML = (
    "\\e]52;c;SGVsbG8=\\a\\e]0;owned\\a\\e[2J\\e[8m\\x9b31m\\x90q\\x9c"
    "\\eP1$r\\e\\\\\\a\\b\\r\\x7f\\0"
)
# What a terminal must never be sent: C0 (but tab and newline), DEL, C1.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A home where every name, cue, line and entry carries escape sequences (built once:
    the commands below only read it)."""
    kind_home = tmp_path_factory.mktemp("poisoned") / "kind-home"
    content = kind_home / "content"
    _write(
        content / "breaks" / "evil.yaml",
        f'id: evil\nname: "Calm {EVIL_YAML}"\nsummary: "Sum {EVIL_YAML}"\nminutes: 1\n'
        f'steps:\n  - component: breath\n    text: "Step {EVIL_YAML}"\n'
        f'closing: "Bye {EVIL_YAML}"\n',
    )
    _write(
        content / "breathing" / "evil.yaml",
        f'id: evil\nname: "Breath {EVIL_YAML}"\nsummary: "S {EVIL_YAML}"\n'
        f'intro: "Intro {EVIL_YAML}"\nsafety: "Safe {EVIL_YAML}"\ndefault_cycles: 1\n'
        "phases:\n"
        f'  - {{action: inhale, seconds: 0.2, cue: "Cue {EVIL_YAML}"}}\n'
        f'  - {{action: exhale, seconds: 0.2, cue: "Cue {EVIL_YAML}"}}\n',
    )
    _write(
        content / "prompts" / "evil.yaml",
        f'id: evil\nname: "Prompts {EVIL_YAML}"\nquestions:\n'
        f'  - id: q\n    text: "Question {EVIL_YAML}"\n',
    )
    _write(
        content / "resources" / "xx.yaml",
        f'id: xx\nname: "Region {EVIL_YAML}"\n'
        "emergency: {number: '112', source: 'https://example.org/', verified: 2026-01-01}\n"
        f'services:\n  - name: "Line {EVIL_YAML}"\n    call: "1 {EVIL_YAML}"\n'
        f'    hours: "Hours {EVIL_YAML}"\n'
        "    source: https://example.org/\n    verified: 2026-01-01\n",
    )
    _write(
        content / "meditations" / "evil.yaml",
        f'id: evil\nname: "Sit {EVIL_YAML}"\nsummary: "Sum {EVIL_YAML}"\nkind: informal\n'
        f'minutes: 1\nsteps:\n  - text: "Step {EVIL_YAML}"\n',
    )
    _write(
        content / "meditations" / "evil-live.yaml",
        f'id: evil-live\nname: "Live {EVIL_YAML}"\nsummary: "Sum {EVIL_YAML}"\nminutes: 1\n'
        f'steps:\n  - text: "Step {EVIL_YAML}"\n',
    )
    # A file whose very name carries a sequence, and which does not load: every warning
    # that names it must not pass the sequence on.
    _write(content / "breaks" / "bad\x1b]0;file\x07.yaml", "id: [unclosed\n")
    (kind_home / "config.toml").write_text(
        'default_breathing = "box\\u001b]0;cfg\\u0007"\nmood_checkins = false\n'
    )
    env = {**os.environ, "KIND_HOME": str(kind_home), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("NO_COLOR", None)
    for args, data in [
        (["journal", "-t", "x"], f"Words {EVIL} end\n"),
        (["journal", "-p", "evil"], f"Answer {EVIL}\n"),
        (["plan", "edit", "reasons"], f"Reason {EVIL}\n"),
        (["break", "evil"], ""),
        (["breathe", "evil"], ""),
    ]:
        done = _run(env, args, data)
        assert done.returncode == 0, (args, done.stderr)
    return env


def _run(
    env: dict[str, str], args: list[str], data: str = ""
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kindcli", *args],
        input=data.encode("utf-8", "surrogateescape"),
        env=env,
        capture_output=True,
        timeout=120,
    )


def _entry_id(env: dict[str, str]) -> str:
    listed = json.loads(_run(env, ["journal", "list", "--json"]).stdout)
    return str(listed[0]["id"])


COMMANDS: list[list[str]] = [
    ["content", "list"],
    ["content", "show", "evil"],
    ["content", "validate"],
    ["breathe", "--list"],
    ["breathe", "evil"],
    ["break", "--list"],
    ["break", "evil"],
    ["meditate", "--list"],
    ["meditate", "evil"],
    ["journal", "list"],
    ["journal", "show", "ID"],
    ["journal", "search", "Words"],
    ["journal", "search", "Answer", "--prompt", "evil"],
    ["history"],
    ["history", "show", "ID"],
    ["plan", "show"],
    ["sos", "--region", "xx"],
    ["stats"],
    ["data", "doctor"],
    ["config", "show"],
]
PASSED: list[int] = []


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_no_escape_sequence_reaches_the_terminal(poisoned: dict[str, str], args: list[str]) -> None:
    if "ID" in args:
        args = [_entry_id(poisoned) if a == "ID" else a for a in args]
    done = _run(poisoned, args)
    for stream in (done.stdout, done.stderr):
        text = stream.decode("utf-8", "surrogateescape")
        assert "Traceback" not in text
        found = CONTROL.findall(text)
        PASSED.append(len(found))
        assert found == [], (args, text)
    shown = (done.stdout + done.stderr).decode()
    # The text was really there, made visible (so the test would see it if it leaked).
    assert "\\x1b" in shown, (args, shown)
    print(f"escape sequences passed through so far: {sum(PASSED)}")


TYPED = EVIL.replace("\x00", "")  # a command line cannot hold NUL
TYPED_COMMANDS: list[list[str]] = [
    [TYPED],
    ["--" + TYPED],
    ["log", TYPED],
    ["log", "break", "--date", TYPED],
    ["journal", "list", "--since", TYPED],
    ["journal", "show", TYPED],
    ["break", TYPED],
    ["breathe", TYPED],
    ["sos", "--region", TYPED],
]


@pytest.mark.parametrize("args", TYPED_COMMANDS, ids=range(len(TYPED_COMMANDS)))
def test_what_was_typed_is_quoted_safely_in_errors(
    poisoned: dict[str, str], args: list[str]
) -> None:
    done = _run(poisoned, args)
    assert done.returncode != 0
    for stream in (done.stdout, done.stderr):
        text = stream.decode("utf-8", "surrogateescape")
        assert "Traceback" not in text
        assert CONTROL.findall(text) == [], (args, text)


JSON_COMMANDS = [
    ["journal", "list", "--json"],
    ["history", "--json"],
    ["breathe", "--list", "--json"],
    ["break", "--list", "--json"],
    ["content", "list", "--json"],
    ["plan", "show", "--json"],
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=[" ".join(c) for c in JSON_COMMANDS])
def test_json_keeps_the_exact_text_and_is_still_safe(
    poisoned: dict[str, str], args: list[str]
) -> None:
    done = _run(poisoned, args)
    assert done.returncode == 0, done.stderr
    raw = done.stdout.decode()
    assert CONTROL.findall(raw) == []
    # A plan takes one item per line (and a carriage return ends a line): the part before.
    exact = EVIL.split("\r")[0] if args[0] == "plan" else EVIL
    assert any(exact in text for text in _strings(json.loads(raw)))


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in (*_strings(k), *_strings(v))]
    if isinstance(data, list):
        return [t for item in data for t in _strings(item)]
    return []


@pytest.mark.parametrize(
    "args",
    [
        ["content", "list"],
        ["journal", "show", "ID"],
        ["breathe", "evil"],
        ["meditate", "evil-live"],
        ["sos", "--region", "xx"],
    ],
)
def test_in_a_colour_terminal_only_kinds_own_styles_are_sent(
    poisoned: dict[str, str], args: list[str]
) -> None:
    if "ID" in args:
        args = [_entry_id(poisoned) if a == "ID" else a for a in args]
    env = {**poisoned, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("NO_COLOR", None)
    child = spawn_kind(args, env)
    child.logfile_read = seen = _Collect()
    if args[0] == "sos":
        child.expect_exact("Would you like")
        child.sendline("n")
    if args[0] == "meditate":
        child.expect_exact("\\x1b]52")  # the step is on the screen, made visible
        child.send("q")
    assert finish(child, timeout=60) == 0
    out = "".join(seen.parts)
    for sequence in ("\x1b]", "\x1b[2J", "\x1b[8m", "\x1bP", "\x9b", "\x90", "\x9c", "\x07"):
        assert sequence not in out, (args, repr(sequence))
    # What remains are kind's own CSI sequences (styles, cursor) and nothing else.
    leftover = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out)
    assert CONTROL.findall(leftover.replace("\r", "")) == [], args


class _Collect:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, data: str) -> None:
        self.parts.append(data)

    def flush(self) -> None:
        pass
