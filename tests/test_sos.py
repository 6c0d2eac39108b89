"""`kind sos`: always there, whatever else is broken."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kindcli.catalog.catalog import Catalog
from kindcli.catalog.models import RegionResources
from kindcli.cli import app
from kindcli.paths import resolve_paths, shipped_content_dir
from kindcli.practices import care, grounding
from kindcli.practices.safety_plan import STATE_KEY, SafetyPlan
from kindcli.store import Store
from tests.conftest import REPO
from tests.fakes import FakeClock, FakePrompter, RecordingTerminal, make_services
from tests.pty import finish, spawn_kind

runner = CliRunner()
REQUIRED = {"us", "ca", "gb", "ie", "au", "nz", "eu", "de", "fr", "nl", "es", "in", "intl"}
URGENT = "If you have hurt yourself or taken something, or you are in danger now, call"


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


def one_line(text: str) -> str:
    return " ".join(text.split())


# ---- the data -------------------------------------------------------------------------------


def test_the_required_regions_are_shipped() -> None:
    assert set(shipped_regions()) >= REQUIRED


@pytest.mark.parametrize("region_id", sorted(REQUIRED))
def test_every_line_has_a_source_and_a_verified_date(region_id: str) -> None:
    region = shipped_regions()[region_id]
    facts = [*region.services, *([region.emergency] if region.emergency else [])]
    for fact in facts:
        assert str(fact.source).startswith(("https://", "http://"))
        assert fact.verified.year >= 2026


def test_the_facts_match_the_reference() -> None:
    # The numbers from the team's reference notes (../shared/PRACTICES.md).
    r = shipped_regions()
    assert r["us"].emergency and r["us"].emergency.number == "911"
    assert {(s.call, s.text) for s in r["us"].services} >= {
        ("988", "988"),
        (None, "HOME to 741741"),
        ("988 then press 1", "838255"),
    }
    assert r["ca"].services[0].call == "988" and r["ca"].emergency.number == "911"  # type: ignore[union-attr]
    assert {s.call for s in r["gb"].services} >= {"116 123", "111", "0800 1111", "0808 808 8000"}
    assert any(s.text == "SHOUT to 85258" for s in r["gb"].services)
    assert r["gb"].emergency.number == "999"  # type: ignore[union-attr]
    assert {s.call for s in r["ie"].services} >= {"116 123", "1800 247 247", "1800 66 66 66"}
    assert any(s.text == "50808" for s in r["ie"].services)
    assert r["ie"].emergency.number == "112 or 999"  # type: ignore[union-attr]
    au = r["au"].services[0]
    assert (au.call, au.text) == ("13 11 14", "0477 13 11 14")
    assert {s.call for s in r["au"].services} >= {"1800 55 1800", "1800 011 046", "13 92 76"}
    assert r["au"].emergency.number == "000"  # type: ignore[union-attr]
    assert r["nz"].services[0].call == "1737" and r["nz"].emergency.number == "111"  # type: ignore[union-attr]
    assert r["eu"].emergency.number == "112" and "it" in r["eu"].covers  # type: ignore[union-attr]
    assert "findahelpline.com" in str(r["intl"].services[0].url)


# Canada, Ireland and the Netherlands are the gaps named in their files' headers: no stored
# copy of a national domestic-abuse line's own page could be checked.
# The EU default covers countries whose own abuse lines kind has not checked one by one.
ABUSE_LINE_NOT_VERIFIED = {"eu"}


@pytest.mark.parametrize("region_id", sorted(REQUIRED - {"intl"} - ABUSE_LINE_NOT_VERIFIED))
def test_every_region_has_a_line_for_domestic_abuse(region_id: str) -> None:
    assert any("abuse" in s.groups for s in shipped_regions()[region_id].services)


def test_the_regions_without_a_verified_abuse_line_say_so() -> None:
    for region_id in ABUSE_LINE_NOT_VERIFIED:
        header = (shipped_content_dir() / "resources" / f"{region_id}.yaml").read_text()
        assert "abuse" in header.split("\nid:")[0].lower(), region_id


# Menus change (988's "press 3" ended in 2025): the data spells one out only where the
# line's own page gives it.
MENUS_ON_THEIR_OWN_PAGE = {"Veterans Crisis Line"}


def test_no_phone_menu_options_are_hard_coded() -> None:
    for region in shipped_regions().values():
        for service in region.services:
            if service.name in MENUS_ON_THEIR_OWN_PAGE:
                continue
            text = service.model_dump_json().lower()
            assert not re.search(r"\b(press|option|choose) \d", text), (region.id, service.name)


def test_sos_reads_every_shipped_region_exactly_as_the_content_model_does() -> None:
    from kindcli.catalog.care import load_regions

    light = load_regions(shipped_content_dir(), None).regions
    for region_id, model in shipped_regions().items():
        data = model.model_dump(mode="json", exclude={"kind"}, exclude_defaults=True)
        mine = light[region_id]
        assert mine.name == model.name and mine.aliases == tuple(model.aliases)
        assert [s.name for s in mine.services] == [s.name for s in model.services]
        for ours, theirs in zip(mine.services, data["services"], strict=True):
            assert (ours.call, ours.text, list(ours.groups), ours.area) == (
                theirs.get("call"),
                theirs.get("text"),
                theirs.get("groups", []),
                theirs.get("area"),
            )
            assert ours.verified == theirs["verified"]
        if model.emergency:
            assert mine.emergency and mine.emergency.number == model.emergency.number


def test_the_regions_index_matches_the_files() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "regions_index.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_stale_index_costs_time_never_a_wrong_line(tmp_path: Path) -> None:
    import shutil

    from kindcli.catalog.care import load_regions

    shipped = tmp_path / "content"
    shutil.copytree(shipped_content_dir() / "resources", shipped / "resources")
    gb = shipped / "resources" / "gb.yaml"
    gb.write_text(gb.read_text().replace("116 123", "116 999"))
    region = load_regions(shipped, None).regions["gb"]
    assert region.services[0].call == "116 999"


# ---- every region, in order ----------------------------------------------------------------


@pytest.mark.parametrize("code", ["US", "CA", "GB", "IE", "AU", "NZ", "DE", "FR", "NL", "ES", "IN"])
def test_every_region_opens_with_the_urgent_case_then_its_lines(code: str) -> None:
    region = shipped_regions()[code.lower()]
    rc, out, _ = sos("--region", code)
    assert rc == 0
    assert region.emergency is not None
    first = one_line(out.split("\n\n")[0])
    assert first.startswith(f"{URGENT} {region.emergency.number} now or go to ")
    for service in region.services:
        assert service.name in out
        for way in (service.call, service.text):
            if way:
                assert way in one_line(out)
    text = one_line(out)
    assert text.index(region.services[0].name) > text.index(region.emergency.number)
    assert "\x1b[" not in out


def test_the_next_minutes_come_before_the_lines(kind_home: Path) -> None:
    out = sos("--region", "us")[1]
    assert out.index("For the next few minutes") < out.index("988 Suicide")
    text = one_line(out)
    assert "Move away from anything you could use to hurt yourself" in text
    assert "Go where there are other people" in text
    assert "someone you trust you could text or sit with" in text


def test_the_plans_contacts_come_first(kind_home: Path) -> None:
    save_plan(kind_home, {"ask-for-help": ["Sam 0123 456", "my sister"]})
    text = one_line(sos("--region", "gb")[1])
    assert "Reach one person from your plan: Sam 0123 456; my sister." in text
    assert "someone you trust you could text" not in text


def test_the_uk_names_what_differs_in_scotland_and_northern_ireland() -> None:
    out = sos("--region", "uk")[1]
    assert out.index("In England") < out.index("In Scotland") < out.index("In Northern Ireland")
    assert "Breathing Space" in out and "Lifeline" in out and "0808 808 8000" in out


def test_lines_that_lower_the_barrier_come_from_each_lines_own_page() -> None:
    text = one_line(sos("--region", "gb")[1])
    assert "You do not need to be at immediate risk of harming yourself to call." in text
    us = one_line(sos("--region", "us")[1])
    assert "You do not have to be suicidal to call or text" in us


@pytest.mark.parametrize(
    ("group", "code", "line"),
    [
        ("youth", "gb", "Childline"),
        ("youth", "au", "Kids Helpline"),
        ("youth", "ca", "Kids Help Phone"),
        ("lgbtq", "au", "QLife"),
        ("veterans", "us", "Veterans Crisis Line"),
        ("veterans", "au", "Open Arms"),
        ("indigenous", "ca", "Hope for Wellness"),
        ("indigenous", "au", "13YARN"),
        ("abuse", "us", "National Domestic Violence Hotline"),
        ("abuse", "gb", "National Domestic Abuse Helpline"),
        ("abuse", "nz", "Women's Refuge"),
        ("deaf", "gb", "emergencySMS"),
    ],
)
def test_for_a_group_shows_its_lines_first(group: str, code: str, line: str) -> None:
    rc, out, _ = sos("--region", code, "--for", group)
    assert rc == 0
    general = shipped_regions()[code].services[0].name
    assert out.index(URGENT[:20]) < out.index(line) < out.index(general)


def test_without_a_group_every_group_is_still_shown_after_the_lines() -> None:
    out = sos("--region", "au")[1]
    assert out.index("Lifeline") < out.index("For young people") < out.index("Kids Helpline")
    assert "If you are Deaf or hard of hearing" in out and "106" in out


def test_for_someone_else_shows_how_to_help_and_the_same_lines(kind_home: Path) -> None:
    save_plan(kind_home, {"reasons": ["My cat"]})
    rc, out, _ = sos("--region", "ie", "--for", "someone-else")
    assert rc == 0
    text = one_line(out)
    assert text.startswith("If they have hurt themselves or taken something")
    assert "Are you thinking about suicide?" in text
    assert "Pieta" in text and "116 123" in text
    assert "My cat" not in text, "the plan is the person's own, not for this"


def test_an_unknown_group_is_a_usage_error() -> None:
    rc, _, err = sos("--for", "everyone")
    assert rc == 2 and "someone-else" in err


def test_uk_is_understood_as_gb() -> None:
    assert "Samaritans" in sos("--region", "uk")[1]


def test_an_eu_country_without_a_file_gets_112_and_a_word_why() -> None:
    rc, out, _ = sos("--region", "IT")
    assert rc == 0
    assert one_line(out).startswith(f"{URGENT} 112 now")
    assert "kind has no lines of its own for IT yet" in one_line(out)
    assert "kind config set region" not in out, "the person chose IT: never tell them to set it"


def test_an_unknown_region_falls_back_to_the_directory() -> None:
    rc, out, _ = sos("--region", "JP")
    assert rc == 0
    assert "your local emergency number" in one_line(out.split("\n\n")[0])
    assert "findahelpline.com" in out
    assert "no crisis lines for JP" in one_line(out)
    assert "kind config set region" not in out


def test_a_malformed_region_is_a_usage_error() -> None:
    rc, _, err = sos("--region", "united kingdom")
    assert rc == 2
    assert "two-letter" in err


def test_region_comes_from_config_then_env_then_locale_and_says_so(kind_home: Path) -> None:
    env = {"LANG": "en_AU.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    out = one_line(sos(env=env)[1])
    assert (
        "Lifeline" in out
        and "Lines for Australia, from your language settings (LANG=en_AU.UTF-8)" in out
    )
    out = one_line(sos(env={**env, "KIND_REGION": "ie"})[1])
    assert "Samaritans" in out and "from KIND_REGION" in out
    kind_home.mkdir()
    (kind_home / "config.toml").write_text('region = "CA"\n')
    out = one_line(sos(env={**env, "KIND_REGION": "ie"})[1])
    assert "9-8-8" in out and "from your setting" in out
    assert "kind config set region XX" not in out
    out = one_line(sos("--region", "us", env=env)[1])
    assert "988 Suicide" in out and "from --region" in out


def test_no_region_at_all_gives_the_directory_and_how_to_set_it(kind_home: Path) -> None:
    rc, out, _ = sos(env={"LANG": "C", "LC_ALL": "", "LC_MESSAGES": ""})
    assert rc == 0
    assert "findahelpline.com" in out and "kind config set region" in out
    assert not kind_home.exists(), "sos must not create anything"


def test_list_regions() -> None:
    result = runner.invoke(app, ["sos", "--list-regions"])
    assert result.exit_code == 0
    for code in ("AU", "CA", "GB", "IE", "US", "NZ", "DE", "FR", "NL", "ES", "IN", "EU"):
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
    assert one_line(out).startswith(f"{URGENT} 911 now")
    assert "988" in out
    assert "could not be read just now" in out
    assert db.read_bytes().startswith(b"SQLite format 3\x00\x00garbage"), "left untouched"


def test_a_file_that_is_not_a_database_costs_only_the_plan(kind_home: Path) -> None:
    kind_home.mkdir()
    (kind_home / "kind.db").write_text("my shopping list")
    rc, out, _ = sos("--region", "au")
    assert rc == 0 and "13 11 14" in out


def test_kind_home_being_a_file_still_shows_every_line(kind_home: Path) -> None:
    kind_home.write_text("not a folder")
    rc, out, err = sos("--region", "gb")
    assert rc == 0, err
    assert one_line(out).startswith(f"{URGENT} 999 now")
    assert "Samaritans" in out and "116 123" in out
    assert "kind's folder could not be used" in one_line(err)


def test_kind_home_being_a_file_is_said_once_and_not_blamed_on_the_settings_or_plan(
    kind_home: Path,
) -> None:
    kind_home.write_text("not a folder")
    rc, out, err = sos(env={"KIND_REGION": "gb"})
    assert rc == 0, err
    assert "Samaritans" in out
    said = one_line(out + err)
    assert said.count("kind's folder could not be used") == 1
    assert "settings file has a problem" not in said
    assert "safety plan could not be read" not in said


def test_kind_home_that_cannot_be_entered_still_shows_lines_in_a_real_process(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    # As root (CI here) chmod 000 is no barrier; a folder whose parent is a file is.
    blocked = kind_home / "file"
    kind_home.mkdir()
    blocked.write_text("x")
    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "sos", "--region", "us"],
        capture_output=True,
        text=True,
        env={**kind_env, "KIND_HOME": str(blocked / "home")},
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert one_line(done.stdout).startswith(f"{URGENT} 911 now")
    assert "988 Suicide" in done.stdout


def test_broken_user_content_is_skipped_quietly(kind_home: Path) -> None:
    mine = kind_home / "content" / "resources"
    mine.mkdir(parents=True)
    (mine / "gb.yaml").write_text("id: gb\nname: [unclosed\n")
    (mine / "crisis-language.yaml").write_text("kind: crisis-language\nid: crisis-language\n")
    rc, out, err = sos("--region", "gb")
    assert rc == 0
    assert "Samaritans" in out and "116 123" in out
    assert "kind content validate" in one_line(err)


def test_a_person_can_add_their_own_region(kind_home: Path) -> None:
    mine = kind_home / "content" / "resources"
    mine.mkdir(parents=True)
    (mine / "pt.yaml").write_text(
        "id: pt\nname: Portugal\nemergency: {number: '112', source: https://example.org/, "
        "verified: 2026-01-01}\nservices:\n  - name: My local line\n    call: 0800 000 000\n"
        "    source: https://example.org/\n    verified: 2026-01-01\n"
    )
    out = sos("--region", "PT")[1]
    assert one_line(out).startswith(f"{URGENT} 112 now")
    assert "My local line" in out


def test_replacing_kinds_own_lines_is_said_every_time(kind_home: Path) -> None:
    mine = kind_home / "content" / "resources"
    mine.mkdir(parents=True)
    (mine / "us.yaml").write_text(
        "id: us\nname: United States\nemergency: {number: '911', source: https://example.org/, "
        "verified: 2026-01-01}\nservices:\n  - name: My own line\n    call: 0800 000 000\n"
        "    source: https://example.org/\n    verified: 2026-01-01\n"
    )
    (mine / "words.yaml").write_text("id: crisis-language\nkind: crisis-language\nname: x\n")
    for code in ("us", "gb"):
        text = one_line(sos("--region", code)[1])
        assert (
            f"Your own file {mine / 'us.yaml'} replaces kind's crisis lines for United States"
            in text
        )
        assert "replaces kind's check for words that may mean someone is in danger" in text
    assert "My own line" in sos("--region", "us")[1]


def test_a_broken_config_falls_back_to_the_environment(kind_home: Path) -> None:
    kind_home.mkdir()
    (kind_home / "config.toml").write_text("region = [this is not toml\n")
    rc, out, err = sos(env={"KIND_REGION": "IE"})
    assert rc == 0
    assert one_line(out).startswith(f"{URGENT} 112 or 999 now")
    assert "kind config show" in " ".join(err.split())


def test_when_even_shipped_content_is_missing_built_in_words_remain(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("kindcli.paths.shipped_content_dir", lambda: tmp_path / "nowhere")
    rc, out, _ = sos("--region", "us")
    assert rc == 0
    assert one_line(out).startswith(
        "If you have hurt yourself or taken something, or you are in danger now, call your "
        "local emergency number"
    )
    assert care.FALLBACK_LINE in out


def test_setting_a_region_without_lines_says_so(kind_home: Path) -> None:
    jp = runner.invoke(app, ["config", "set", "region", "JP"])
    assert jp.exit_code == 0, jp.output
    assert "kind has no crisis lines for JP yet" in one_line(jp.stderr)
    it = runner.invoke(app, ["config", "set", "region", "IT"])
    assert "work across the European Union" in one_line(it.stderr)
    fr = runner.invoke(app, ["config", "set", "region", "FR"])
    assert "no crisis lines" not in fr.output and "no lines of its own" not in fr.output


# ---- grounding ------------------------------------------------------------------------------


def grounding_services(answers: list[object]):  # type: ignore[no-untyped-def]
    clock, prompter, terminal = FakeClock(), FakePrompter(answers), RecordingTerminal()
    return (
        clock,
        prompter,
        terminal,
        make_services(clock=clock, prompter=prompter, terminal=terminal, interactive=True),
    )


@pytest.mark.parametrize("choice", [grounding.FEET, grounding.BREATH])
def test_grounding_lasts_one_minute_on_absolute_deadlines(choice: str) -> None:
    clock, prompter, terminal, svc = grounding_services([choice])
    result = runner.invoke(app, ["sos", "--region", "us"], obj=svc)
    assert result.exit_code == 0, result.output
    assert prompter.asked == [("select", grounding.GROUNDING_OFFER)]
    assert abs(clock.mono - 1000.0 - 60.0) < 1e-6
    assert "Thank you for staying with that" in terminal.stdout
    first = "Notice the soles of your feet" if choice == grounding.FEET else "Breathe in, slowly"
    assert first in terminal.stdout


def test_grounding_can_be_declined() -> None:
    clock, _prompter, terminal, svc = grounding_services([grounding.NOT_NOW])
    assert runner.invoke(app, ["sos"], obj=svc).exit_code == 0
    assert clock.slept == []
    assert "Thank you" not in terminal.stdout


def test_ctrl_c_during_grounding_is_one_calm_line() -> None:
    class Interrupting(FakeClock):
        def sleep(self, seconds: float) -> None:
            raise KeyboardInterrupt

    svc = make_services(
        clock=Interrupting(),
        prompter=FakePrompter([grounding.FEET]),
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
    choices = list(grounding.GROUNDING_CHOICES)
    assert prompter.select("Which?", choices, default=grounding.NOT_NOW) == grounding.NOT_NOW
    assert "Type a number from 1 to 3" in out.getvalue()
    assert prompter.select("Which?", choices) == grounding.BREATH

    def eof(_: str) -> str:
        raise EOFError

    assert LinePrompter(ask=eof, out=out).select("Which?", choices, default=grounding.NOT_NOW) == (
        grounding.NOT_NOW
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
    child.expect(re.escape(grounding.GROUNDING_OFFER))
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
    # Nor YAML or the content models: kind's own regions come parsed ahead of time.
    assert "yaml" not in loaded and "kindcli.catalog.models" not in loaded
    assert resolve_paths().database.exists() is False


def test_sos_reads_the_plan_without_loading_the_store(
    kind_env: dict[str, str], kind_home: Path
) -> None:
    from tests.test_imports import modules_loaded_by

    kind_home.mkdir()
    save_plan(kind_home, {"ask-for-help": ["Sam, 07700 900123"]})
    done = subprocess.run(
        [sys.executable, "-m", "kindcli", "sos", "--region", "us"],
        capture_output=True,
        text=True,
        env=kind_env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Sam, 07700 900123" in done.stdout
    loaded = modules_loaded_by(["sos", "--region", "us"], kind_env)
    assert "kindcli.store.facade" not in loaded and "kindcli.store.database" not in loaded


def test_sos_json_for_scripts() -> None:
    import json

    data = json.loads(runner.invoke(app, ["sos", "--region", "gb", "--json"]).stdout)
    assert data["from"] == "option" and data["region"]["id"] == "gb"
    assert data["region"]["emergency"]["number"] == "999"
    unknown = json.loads(runner.invoke(app, ["sos", "-r", "jp", "--json"]).stdout)
    assert unknown["region"]["id"] == "intl"
    italy = json.loads(runner.invoke(app, ["sos", "-r", "it", "--json"]).stdout)
    assert italy["covered_by"] == "eu" and italy["region"]["emergency"]["number"] == "112"
    assert italy["urgent"].startswith(URGENT)
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
