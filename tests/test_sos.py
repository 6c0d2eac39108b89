"""`kind sos`: always there, whatever else is broken."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kindcli.catalog.catalog import Catalog
from kindcli.catalog.models import RegionResources
from kindcli.cli import app
from kindcli.paths import resolve_paths, shipped_content_dir
from kindcli.practices import care
from kindcli.practices.safety_plan import STATE_KEY, SafetyPlan
from kindcli.store import Store
from tests.fakes import FakeClock, FakePrompter, RecordingTerminal, make_services
from tests.pty import finish, spawn_kind

runner = CliRunner()
REQUIRED = {"us", "ca", "gb", "ie", "au", "intl"}


def shipped_regions() -> dict[str, RegionResources]:
    items = Catalog(shipped_content_dir()).items("resources")
    return {i.id: i for i in items if isinstance(i, RegionResources)}


def sos(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["sos", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def save_plan(home: Path, sections: dict[str, list[str]]) -> None:
    from kindcli.ports import Moment

    with Store.open(home / "kind.db") as store:
        store.set_state(STATE_KEY, SafetyPlan(sections).to_state(), Moment.of(FakeClock().now()))


# ---- the data -------------------------------------------------------------------------------


def test_the_required_regions_are_shipped() -> None:
    assert set(shipped_regions()) >= REQUIRED


@pytest.mark.parametrize("region_id", sorted(REQUIRED))
def test_every_line_has_a_source_and_a_verified_date(region_id: str) -> None:
    region = shipped_regions()[region_id]
    facts = [*region.services, *([region.emergency] if region.emergency else [])]
    for fact in facts:
        assert str(fact.source).startswith("https://")
        assert fact.verified.year >= 2026


def test_the_facts_match_the_reference() -> None:
    # The numbers from the team's reference notes (../shared/PRACTICES.md).
    r = shipped_regions()
    assert r["us"].emergency and r["us"].emergency.number == "911"
    assert {(s.call, s.text) for s in r["us"].services} >= {
        ("988", "988"),
        (None, "HOME to 741741"),
    }
    assert r["ca"].services[0].call == "988" and r["ca"].emergency.number == "911"  # type: ignore[union-attr]
    assert {s.call for s in r["gb"].services} >= {"116 123", "111"}
    assert any(s.text == "SHOUT to 85258" for s in r["gb"].services)
    assert r["gb"].emergency.number == "999"  # type: ignore[union-attr]
    assert {s.call for s in r["ie"].services} >= {"116 123"}
    assert any(s.text == "50808" for s in r["ie"].services)
    assert r["ie"].emergency.number == "112 or 999"  # type: ignore[union-attr]
    au = r["au"].services[0]
    assert (au.call, au.text) == ("13 11 14", "0477 13 11 14")
    assert r["au"].emergency.number == "000"  # type: ignore[union-attr]
    assert "findahelpline.com" in str(r["intl"].services[0].url)


def test_no_phone_menu_options_are_hard_coded() -> None:
    # Menus change (988's "press 3" ended in 2025): the data never spells one out.
    for region in shipped_regions().values():
        text = region.model_dump_json().lower()
        assert not re.search(r"\b(press|option|choose) \d", text), region.id


# ---- every region, in order ----------------------------------------------------------------


@pytest.mark.parametrize("code", ["US", "CA", "GB", "IE", "AU"])
def test_every_region_shows_its_emergency_number_first_then_its_lines(code: str) -> None:
    region = shipped_regions()[code.lower()]
    rc, out, _ = sos("--region", code)
    assert rc == 0
    lines = out.splitlines()
    assert region.emergency is not None
    assert lines[0] == f"If you are in danger right now, call {region.emergency.number}."
    for service in region.services:
        assert service.name in out
        for way in (service.call, service.text):
            if way:
                assert way in out
    assert out.index(region.services[0].name) > out.index(region.emergency.number)
    assert "\x1b[" not in out


def test_uk_is_understood_as_gb() -> None:
    assert "Samaritans" in sos("--region", "uk")[1]


def test_an_unknown_region_falls_back_to_the_directory_and_says_how_to_set_it() -> None:
    rc, out, _ = sos("--region", "DE")
    assert rc == 0
    assert out.splitlines()[0] == care.FALLBACK_EMERGENCY
    assert "findahelpline.com" in out
    assert "no crisis lines for DE" in out
    assert "kind config set region" in out


def test_a_malformed_region_is_a_usage_error() -> None:
    rc, _, err = sos("--region", "united kingdom")
    assert rc == 2
    assert "two-letter" in err


def test_region_comes_from_config_then_env_then_locale(kind_home: Path) -> None:
    env = {"LANG": "en_AU.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    assert "Lifeline" in sos(env=env)[1]
    assert "Samaritans" in sos(env={**env, "KIND_REGION": "ie"})[1]
    kind_home.mkdir()
    (kind_home / "config.toml").write_text('region = "CA"\n')
    assert "9-8-8" in sos(env={**env, "KIND_REGION": "ie"})[1]
    assert "988 Suicide" in sos("--region", "us", env=env)[1]


def test_no_region_at_all_gives_the_directory(kind_home: Path) -> None:
    rc, out, _ = sos(env={"LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""})
    assert rc == 0
    assert "findahelpline.com" in out and "kind config set region" in out
    assert not kind_home.exists(), "sos must not create anything"


def test_list_regions() -> None:
    result = runner.invoke(app, ["sos", "--list-regions"])
    assert result.exit_code == 0
    for code in ("AU", "CA", "GB", "IE", "US"):
        assert re.search(rf"^{code}\s", result.stdout, re.M)
    assert "(also UK)" in result.stdout
    assert "help-now" not in result.stdout
    alias = runner.invoke(app, ["help-now", "--list-regions"])
    assert alias.stdout == result.stdout


# ---- the plan -------------------------------------------------------------------------------


def test_the_safety_plan_comes_after_the_lines(kind_home: Path) -> None:
    save_plan(kind_home, {"reasons": ["My sister"], "ask-for-help": ["Sam 0123 456"]})
    out = sos("--region", "gb")[1]
    assert out.index("Samaritans") < out.index("Your safety plan") < out.index("My sister")
    assert "Sam 0123 456" in out


def test_without_a_plan_sos_suggests_one() -> None:
    assert "`kind plan`" in sos("--region", "gb")[1]


# ---- whatever else is broken ----------------------------------------------------------------


def test_a_corrupt_store_costs_only_the_plan(kind_home: Path) -> None:
    kind_home.mkdir()
    db = kind_home / "kind.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\x00garbage" * 100)
    rc, out, _ = sos("--region", "us")
    assert rc == 0
    assert out.startswith("If you are in danger right now, call 911.")
    assert "988" in out
    assert "could not be read just now" in out
    assert db.read_bytes().startswith(b"SQLite format 3\x00\x00garbage"), "left untouched"


def test_a_file_that_is_not_a_database_costs_only_the_plan(kind_home: Path) -> None:
    kind_home.mkdir()
    (kind_home / "kind.db").write_text("my shopping list")
    rc, out, _ = sos("--region", "au")
    assert rc == 0 and "13 11 14" in out


def test_broken_user_content_is_skipped_quietly(kind_home: Path) -> None:
    mine = kind_home / "content" / "resources"
    mine.mkdir(parents=True)
    (mine / "gb.yaml").write_text("id: gb\nname: [unclosed\n")
    (mine / "crisis-language.yaml").write_text("kind: crisis-language\nid: crisis-language\n")
    rc, out, err = sos("--region", "gb")
    assert rc == 0
    assert "Samaritans" in out and "116 123" in out
    assert "kind content validate" in err


def test_a_person_can_add_their_own_region(kind_home: Path) -> None:
    mine = kind_home / "content" / "resources"
    mine.mkdir(parents=True)
    (mine / "nz.yaml").write_text(
        "id: nz\nname: New Zealand\nemergency: {number: '111', source: https://example.org/, "
        "verified: 2026-01-01}\nservices:\n  - name: My local line\n    call: 0800 000 000\n"
        "    source: https://example.org/\n    verified: 2026-01-01\n"
    )
    out = sos("--region", "NZ")[1]
    assert out.startswith("If you are in danger right now, call 111.")
    assert "My local line" in out


def test_a_broken_config_falls_back_to_the_environment(kind_home: Path) -> None:
    kind_home.mkdir()
    (kind_home / "config.toml").write_text("region = [this is not toml\n")
    rc, out, err = sos(env={"KIND_REGION": "IE"})
    assert rc == 0
    assert out.startswith("If you are in danger right now, call 112 or 999.")
    assert "kind config show" in " ".join(err.split())


def test_when_even_shipped_content_is_missing_built_in_words_remain(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("kindcli.paths.shipped_content_dir", lambda: tmp_path / "nowhere")
    rc, out, _ = sos("--region", "us")
    assert rc == 0
    assert out.splitlines()[0] == care.FALLBACK_EMERGENCY
    assert care.FALLBACK_LINE in out


# ---- grounding ------------------------------------------------------------------------------


def grounding_services(answers: list[object]):  # type: ignore[no-untyped-def]
    clock, prompter, terminal = FakeClock(), FakePrompter(answers), RecordingTerminal()
    return (
        clock,
        prompter,
        terminal,
        make_services(clock=clock, prompter=prompter, terminal=terminal, interactive=True),
    )


@pytest.mark.parametrize("choice", [care.FEET, care.BREATH])
def test_grounding_lasts_one_minute_on_absolute_deadlines(choice: str) -> None:
    clock, prompter, terminal, svc = grounding_services([choice])
    result = runner.invoke(app, ["sos", "--region", "us"], obj=svc)
    assert result.exit_code == 0, result.output
    assert prompter.asked == [("select", care.GROUNDING_OFFER)]
    assert abs(clock.mono - 1000.0 - 60.0) < 1e-6
    assert "Thank you for staying with that" in terminal.stdout
    first = "Notice the soles of your feet" if choice == care.FEET else "Breathe in, slowly"
    assert first in terminal.stdout


def test_grounding_can_be_declined() -> None:
    clock, _prompter, terminal, svc = grounding_services([care.NOT_NOW])
    assert runner.invoke(app, ["sos"], obj=svc).exit_code == 0
    assert clock.slept == []
    assert "Thank you" not in terminal.stdout


def test_ctrl_c_during_grounding_is_one_calm_line() -> None:
    class Interrupting(FakeClock):
        def sleep(self, seconds: float) -> None:
            raise KeyboardInterrupt

    svc = make_services(
        clock=Interrupting(),
        prompter=FakePrompter([care.FEET]),
        terminal=RecordingTerminal(),
        interactive=True,
    )
    result = runner.invoke(app, ["sos"], obj=svc)
    assert result.exit_code == 130
    assert "Traceback" not in result.output


def test_the_line_prompter_needs_no_questionary() -> None:
    from kindcli.adapters.line_prompter import LinePrompter

    answers = iter(["7", "", "2"])
    out = RecordingTerminal().out
    prompter = LinePrompter(ask=lambda _: next(answers), out=out)
    choices = list(care.GROUNDING_CHOICES)
    assert prompter.select("Which?", choices, default=care.NOT_NOW) == care.NOT_NOW
    assert "Type a number from 1 to 3" in out.getvalue()
    assert prompter.select("Which?", choices) == care.BREATH

    def eof(_: str) -> str:
        raise EOFError

    assert LinePrompter(ask=eof, out=out).select("Which?", choices, default=care.NOT_NOW) == (
        care.NOT_NOW
    )


# ---- through a real terminal ----------------------------------------------------------------


def test_sos_in_a_terminal_offers_grounding_and_needs_no_questionary(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    save_plan(kind_home, {"on-my-own": ["Feet on the floor"]})
    child = spawn_kind(["sos", "--region", "gb"], {**kind_env, "NO_COLOR": "1"})
    child.expect("call 999")
    child.expect("Samaritans")
    child.expect("Feet on the floor")
    child.expect(re.escape(care.GROUNDING_OFFER))
    child.expect(r"Choose \(1-3, Enter for 3\)")
    child.sendline("")
    assert finish(child) == 0
    assert "\x1b[" not in (child.before or "")


def test_help_now_in_a_terminal_runs_the_minute(kind_env: dict[str, str]) -> None:
    # The real clock: choose breathing, then stop with Ctrl-C after the first cue.
    child = spawn_kind(["help-now", "--region", "us"], kind_env)
    child.expect("911")
    child.expect("Choose")
    child.sendline("2")
    child.expect("Breathe in, slowly")
    started = time.monotonic()
    child.expect("and out", timeout=8)
    # The breath-in cue lasts about four seconds: never rushed (the upper bound is left to
    # the expect timeout, so a busy machine cannot make this fail).
    assert time.monotonic() - started > 3.0
    child.sendintr()
    child.expect("Stopped")
    assert finish(child) == 130


def test_sos_does_not_import_questionary(kind_env: dict[str, str]) -> None:
    from tests.test_imports import modules_loaded_by

    loaded = modules_loaded_by(["sos", "--region", "us"], kind_env)
    assert not any(m.split(".")[0] in ("questionary", "prompt_toolkit") for m in loaded)
    assert resolve_paths().database.exists() is False


def test_sos_json_for_scripts() -> None:
    import json

    data = json.loads(runner.invoke(app, ["sos", "--region", "gb", "--json"]).stdout)
    assert data["from"] == "option" and data["region"]["id"] == "gb"
    assert data["region"]["emergency"]["number"] == "999"
    unknown = json.loads(runner.invoke(app, ["sos", "-r", "de", "--json"]).stdout)
    assert unknown["region"]["id"] == "intl"
    rows = json.loads(runner.invoke(app, ["sos", "--list-regions", "--json"]).stdout)
    assert {"code": "IE", "region": "Ireland", "emergency": "112 or 999"} in rows


def test_sos_never_waits_on_another_kind_writing(kind_home: Path) -> None:
    save_plan(kind_home, {"reasons": ["My cat"]})
    with Store.open(kind_home / "kind.db") as writer, writer.transaction():
        started = time.monotonic()
        rc, out, _ = sos("--region", "us")
        elapsed = time.monotonic() - started
    assert rc == 0
    assert "My cat" in out
    assert elapsed < 10.0  # not the 15 s busy timeout a writer would cost
