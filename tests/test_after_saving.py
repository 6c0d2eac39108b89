"""`support.after_saving_text`: what practices call after saving a person's words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kindcli.cli.aftercare import after_saving_text
from kindcli.ports import Moment
from kindcli.practices import care, grounding
from kindcli.practices.safety_plan import STATE_KEY, SafetyPlan
from kindcli.store import Store
from tests.fakes import FakeClock, FakePrompter, RecordingTerminal, make_services
from tests.pty import finish


def services(interactive: bool, answers: list[object] | None = None, **kw: object):  # type: ignore[no-untyped-def]
    terminal = RecordingTerminal()
    prompter = FakePrompter(answers or [])
    clock = FakeClock()
    svc = make_services(
        terminal=terminal, prompter=prompter, clock=clock, interactive=interactive, **kw
    )
    return svc, terminal, prompter, clock


def test_without_a_terminal_the_block_goes_to_stderr_and_nothing_waits(kind_home: Path) -> None:
    svc, terminal, prompter, _ = services(interactive=False)
    assert after_saving_text(svc, "Dear me,", "I don't want to be here anymore") is True
    assert terminal.stdout == ""
    err = terminal.stderr
    assert err.index(care.ARE_YOU_SAFE) < err.index("If you have hurt yourself or taken something")
    assert "findahelpline.com" in err
    assert prompter.asked == []


def test_on_a_terminal_the_block_is_shown_and_grounding_offered(kind_home: Path) -> None:
    svc, terminal, prompter, clock = services(interactive=True, answers=[grounding.FEET])
    svc.config  # noqa: B018 - settings load normally
    assert after_saving_text(svc, "everyone would be better off without me") is True
    assert care.ARE_YOU_SAFE in terminal.stdout
    assert care.SAVED_ANYWAY in terminal.stdout
    assert prompter.asked == [("select", grounding.GROUNDING_OFFER)]
    assert abs(clock.mono - 1060.0) < 1e-6


def test_the_region_and_the_plan_are_the_persons_own(kind_home: Path, monkeypatch: object) -> None:
    kind_home.mkdir()
    (kind_home / "config.toml").write_text('region = "GB"\n')
    with Store.open(kind_home / "kind.db") as store:
        plan = SafetyPlan({"reasons": ["My cat"]})
        store.set_state(STATE_KEY, plan.to_state(), Moment.of(FakeClock().now()))
    svc, terminal, _, _ = services(interactive=False)
    assert after_saving_text(svc, "I want to hurt myself") is True
    assert "call 999" in terminal.stderr and "Samaritans" in terminal.stderr
    assert "My cat" in terminal.stderr
    svc.close()


def test_everyday_words_bring_up_nothing(kind_home: Path) -> None:
    svc, terminal, prompter, _ = services(interactive=True)
    assert after_saving_text(svc, "This deadline is killing me", "I'd kill for a coffee") is False
    assert terminal.stdout == terminal.stderr == ""
    assert prompter.asked == []


def test_a_broken_store_or_content_never_turns_into_an_error(kind_home: Path) -> None:
    kind_home.mkdir()
    (kind_home / "kind.db").write_text("not a database")
    mine = kind_home / "content" / "resources"
    mine.mkdir(parents=True)
    (mine / "us.yaml").write_text("id: [broken\n")
    svc, terminal, _, _ = services(interactive=False)
    assert after_saving_text(svc, "I want to kill myself") is True
    assert "could not be read just now" in terminal.stderr
    assert (kind_home / "kind.db").read_text() == "not a database"


SCRIPT = """
import sys
from kindcli.services import Services
from kindcli.cli.aftercare import after_saving_text
svc = Services()
shown = after_saving_text(svc, sys.stdin.read())
print("shown" if shown else "quiet")
"""


def test_piped_words_show_the_block_on_stderr(kind_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        input="I just want to end it all",
        capture_output=True,
        text=True,
        env={**kind_env, "KIND_REGION": "AU"},
        timeout=30,
    )
    assert done.stdout.strip() == "shown"
    assert care.ARE_YOU_SAFE in done.stderr and "13 11 14" in done.stderr
    assert "\x1b[" not in done.stderr


def test_in_a_real_terminal_the_block_and_offer_appear(
    kind_env: dict[str, str], tmp_path: Path
) -> None:
    script = tmp_path / "write.py"
    script.write_text(
        "from kindcli.services import Services\n"
        "from kindcli.cli.aftercare import after_saving_text\n"
        "print(after_saving_text(Services(), 'I wish I was dead'))\n"
    )
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        [str(script)],
        env={**kind_env, "KIND_REGION": "US"},
        encoding="utf-8",
        timeout=20,
        dimensions=(30, 100),
    )
    child.expect(care.ARE_YOU_SAFE.replace("?", r"\?"))
    child.expect("call 911")
    child.expect("grounding")
    child.send("\r")  # the pointer starts on "Not now"
    child.expect("True")
    assert finish(child) == 0
