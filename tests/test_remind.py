"""`kind remind` and `kind nudge`: reminders kept in the settings file, put into (and taken
exactly out of) the system's scheduler, and nudges that invite, rarely, and never chase.

Every scheduler here works on a temporary home: unit folders, crontab files and a fake
`crontab`/`systemctl`/`launchctl` (tests/fakes would be the place if others need them).
Nothing touches the real crontab or user units."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kindcli.adapters.notify import DesktopNotifier
from kindcli.adapters.scheduler import (
    CronScheduler,
    LaunchdScheduler,
    Ran,
    Schedulers,
    SystemdScheduler,
    cron_line,
    cron_schedule,
    jobs_for,
    launchd_plist,
    on_calendar,
    system_schedulers,
    systemd_service,
    systemd_timer,
)
from kindcli.cli import app
from kindcli.config import read_config
from kindcli.kinds import BY_ID
from kindcli.ports import Moment
from kindcli.practices import nudge as nudging
from kindcli.reminders import (
    QuietHours,
    Reminder,
    days_text,
    parse_days,
    parse_quiet_hours,
    parse_time,
)
from kindcli.store import Store
from kindcli.store.records import SessionRecord
from tests.fakes import FakeClock, RecordingTerminal, make_services
from tests.test_tone import problems_in

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "remind"
PROGRAM = ("/usr/bin/python3", "-m", "kindcli")
ENV = {
    "KIND_HOME": "/home/sam/kind files",
    "DISPLAY": ":0",
    "DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus",
}
WEEKDAYS, WEEKEND, DAILY = frozenset(range(5)), frozenset({5, 6}), frozenset(range(7))
REMINDERS = [
    Reminder(1, 8, 30, WEEKDAYS, "break"),
    Reminder(2, 21, 5, DAILY, None),
    Reminder(3, 7, 0, WEEKEND, "journal"),
]
runner = CliRunner()
PLUS_ONE = timezone(timedelta(hours=1))


# ---- times and days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("8:30", (8, 30)),
        ("08:30", (8, 30)),
        ("20:30", (20, 30)),
        ("8pm", (20, 0)),
        ("12am", (0, 0)),
        ("12:15pm", (12, 15)),
        ("7.45", (7, 45)),
        ("9", (9, 0)),
    ],
)
def test_times_people_write(text: str, expect: tuple[int, int]) -> None:
    assert parse_time(text) == expect


@pytest.mark.parametrize("text", ["25:00", "8:60", "13pm", "noonish", "", "8:5"])
def test_times_that_are_not(text: str) -> None:
    with pytest.raises(ValueError, match="is not a time"):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("daily", DAILY),
        ("weekdays", WEEKDAYS),
        ("mon-fri", WEEKDAYS),
        ("weekends", WEEKEND),
        ("sat,sun", WEEKEND),
        ("Mon, Wed, Friday", frozenset({0, 2, 4})),
        ("fri-mon", frozenset({4, 5, 6, 0})),
        ("tues", frozenset({1})),
    ],
)
def test_days_people_write(text: str, days: frozenset[int]) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["someday", "mon,", "m", "mon-xyz"])
def test_days_that_are_not(text: str) -> None:
    with pytest.raises(ValueError, match="is not a set of days"):
        parse_days(text)


@given(st.sets(st.integers(0, 6), min_size=1))
def test_the_short_form_of_any_days_reads_back(days: set[int]) -> None:
    assert parse_days(days_text(days)) == frozenset(days)


@given(st.sets(st.integers(0, 6), min_size=1), st.integers(0, 23), st.integers(0, 59))
def test_cron_and_launchd_name_the_same_days(days: set[int], hour: int, minute: int) -> None:
    r = Reminder(1, hour, minute, frozenset(days), None)
    minute_, hour_, _, _, dow = cron_schedule(r).split()
    assert (int(minute_), int(hour_)) == (minute, hour)
    cron_days = set(range(7)) if dow == "*" else _expand(dow)
    assert {(d - 1) % 7 for d in cron_days} == days  # cron: 0 is Sunday
    import plistlib

    times = plistlib.loads(launchd_plist(jobs_for([r], {}, PROGRAM)[0]))["StartCalendarInterval"]
    launchd_days = {t["Weekday"] for t in times} if "Weekday" in times[0] else set(range(7))
    assert {(d - 1) % 7 for d in launchd_days} == days


def _expand(dow: str) -> set[int]:
    out: set[int] = set()
    for part in dow.split(","):
        first, _, last = part.partition("-")
        out.update(range(int(first), int(last or first) + 1))
    return out


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="needs systemd-analyze")
@given(st.lists(st.sets(st.integers(0, 6), min_size=1), min_size=10, max_size=10))
@settings(max_examples=3, deadline=None)
def test_systemd_accepts_every_calendar_kind_writes(sets: list[set[int]]) -> None:
    expressions = [on_calendar(Reminder(1, 6, 5, frozenset(s), None)) for s in sets]
    done = subprocess.run(
        ["systemd-analyze", "calendar", *expressions], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Normalized form:") == len(expressions)


def test_quiet_hours_pass_midnight() -> None:
    quiet = parse_quiet_hours("22:00-07:00")
    assert quiet == QuietHours((22, 0), (7, 0))
    assert quiet.covers(23, 30) and quiet.covers(0, 0) and quiet.covers(6, 59)
    assert not quiet.covers(7, 0) and not quiet.covers(21, 59) and not quiet.covers(12, 0)
    day = parse_quiet_hours("13:00-14:00")
    assert day is not None and day.covers(13, 30) and not day.covers(14, 0)
    assert parse_quiet_hours("off") is None
    with pytest.raises(ValueError):
        parse_quiet_hours("9:00-9:00")


# ---- what each scheduler is given, against fixtures -------------------------------------------


def fixture_jobs() -> list[Any]:
    return jobs_for(REMINDERS, environ=ENV, program=PROGRAM)


def test_systemd_units_match_the_fixtures() -> None:
    jobs = fixture_jobs()
    assert systemd_service(jobs[0]) == (FIXTURES / "kind-reminder-1.service").read_text()
    assert systemd_timer(jobs[0]) == (FIXTURES / "kind-reminder-1.timer").read_text()
    assert systemd_timer(jobs[2]) == (FIXTURES / "kind-reminder-3.timer").read_text()


def test_crontab_lines_match_the_fixture() -> None:
    lines = [cron_line(job, ENV) for job in fixture_jobs()]
    assert lines == (FIXTURES / "crontab.txt").read_text().splitlines()


def test_launchd_agents_match_the_fixtures() -> None:
    jobs = fixture_jobs()
    assert launchd_plist(jobs[0]) == (FIXTURES / "kindcli.reminder.1.plist").read_bytes()
    assert launchd_plist(jobs[1]) == (FIXTURES / "kindcli.reminder.2.plist").read_bytes()


def test_the_job_runs_this_kind_where_it_keeps_things() -> None:
    job = jobs_for([REMINDERS[0]], environ={"KIND_HOME": "/k", "HOME": "/h"})[0]
    import sys

    assert job.argv == (sys.executable, "-m", "kindcli", "nudge", "--reminder", "1")
    assert job.env == (("KIND_HOME", "/k"),)  # HOME is not pinned: only kind's own places


def test_odd_characters_are_quoted_for_systemd_and_cron() -> None:
    job = jobs_for([REMINDERS[0]], environ={"KIND_HOME": "/tmp/50% $HOME"}, program=PROGRAM)[0]
    assert 'Environment="KIND_HOME=/tmp/50%% $$HOME"' in systemd_service(job)
    line = cron_line(job, {})
    assert "KIND_HOME='/tmp/50\\% $HOME'" in line  # cron reads % as a new line: escaped


# ---- install and uninstall, round trips in a temporary home ------------------------------------


class FakeSystem:
    """Records every command; plays `crontab -l` / `crontab -` on a string."""

    def __init__(self, crontab: str = "", fail: str | None = None) -> None:
        self.ran: list[tuple[str, ...]] = []
        self.crontab = crontab
        self.fail = fail

    def __call__(self, argv: Sequence[str], stdin: str | None = None) -> Ran:
        words = tuple(argv)
        self.ran.append(words)
        if self.fail and self.fail in " ".join(words):
            return Ran(1, "", "Failed to connect to bus: No medium found")
        if words == ("crontab", "-l"):
            if not self.crontab:
                return Ran(1, "", "no crontab for sam")
            return Ran(0, self.crontab, "")
        if words == ("crontab", "-"):
            self.crontab = stdin or ""
        return Ran(0, "", "")


def kind(args: list[str], **services: Any) -> tuple[Any, RecordingTerminal]:
    terminal = RecordingTerminal()
    result = runner.invoke(app, args, obj=make_services(terminal=terminal, **services))
    return result, terminal


def add_reminders(kind_home: Path) -> None:
    for words in (["8:30", "--days", "weekdays", "--practice", "break"], ["21:05"]):
        result, terminal = kind(["remind", "add", *words], schedulers=lambda: Schedulers(None, {}))
        assert result.exit_code == 0, result.output + terminal.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_systemd_round_trip(kind_home: Path, tmp_path: Path) -> None:
    units = tmp_path / "home" / ".config" / "systemd" / "user"
    units.mkdir(parents=True)
    (units / "mine.timer").write_text("[Timer]\nOnCalendar=daily\n")
    (units / "kind-reminder-9.timer").write_text("[Timer]\n# my own, not kind's\n")
    before = tree(units)
    system = FakeSystem()
    systemd = SystemdScheduler(units, run=system)
    schedulers = lambda: Schedulers("systemd", {"systemd": systemd})  # noqa: E731
    add_reminders(kind_home)

    result, out = kind(["remind", "install", "--dry-run"], schedulers=schedulers)
    assert result.exit_code == 0, result.output + out.stderr
    assert tree(units) == before and system.ran == []
    assert f"Would write {units / 'kind-reminder-1.timer'}:" in out.stdout
    assert "Nothing was changed (--dry-run)." in out.stdout

    result, out = kind(["remind", "install"], schedulers=schedulers)
    assert result.exit_code == 0, result.output + out.stderr
    config = read_config(kind_home / "config.toml")[0]
    jobs = jobs_for(config.reminders)
    for job in jobs:
        for suffix, text in ((".service", systemd_service(job)), (".timer", systemd_timer(job))):
            path = units / f"{job.name}{suffix}"
            assert path.read_text() == text
            assert f"Wrote {path}:" in out.stdout
            # It printed exactly what it wrote, line by line.
            assert all(f"    {line}".rstrip() in out.stdout for line in text.splitlines())
    assert system.ran == [
        ("systemctl", "--user", "daemon-reload"),
        ("systemctl", "--user", "enable", "--now", "kind-reminder-1.timer"),
        ("systemctl", "--user", "enable", "--now", "kind-reminder-2.timer"),
    ]
    assert "Ran systemctl --user enable --now kind-reminder-1.timer" in out.stdout
    assert systemd.installed() == [1, 2]

    # A reminder removed, then installed again: its entry goes, the other stays.
    assert kind(["remind", "remove", "1"], schedulers=schedulers)[0].exit_code == 0
    system.ran.clear()
    result, out = kind(["remind", "install"], schedulers=schedulers)
    assert result.exit_code == 0
    assert ("systemctl", "--user", "disable", "--now", "kind-reminder-1.timer") in system.ran
    assert not (units / "kind-reminder-1.timer").exists()
    assert f"Removed {units / 'kind-reminder-1.service'}" in out.stdout
    assert systemd.installed() == [2]

    result, out = kind(["remind", "uninstall"], schedulers=schedulers)
    assert result.exit_code == 0, result.output + out.stderr
    assert tree(units) == before  # exactly what it wrote, and nothing else, is gone
    assert ("systemctl", "--user", "disable", "--now", "kind-reminder-2.timer") in system.ran
    result, out = kind(["remind", "uninstall"], schedulers=schedulers)
    assert "kind has nothing in your system's scheduler to remove." in out.stdout


PERSONS_CRONTAB = (
    "# m h  dom mon dow   command\n"
    "MAILTO=me@example.com\n"
    "0 * * * *    /usr/bin/fetchmail   # hourly, with my spacing\n"
    "@daily /home/sam/backup.sh\n"
    "this line is not cron at all\n"
    "PATH=/usr/local/bin:/bin\n"
    "*/5 9-17 * * mon-fri check 50%\n"
)


def test_cron_round_trip_keeps_the_persons_lines_byte_for_byte(
    kind_home: Path, tmp_path: Path
) -> None:
    tabfile = tmp_path / "crontab"
    tabfile.write_text(PERSONS_CRONTAB)
    cron = CronScheduler(tabfile=tabfile, environ={})
    schedulers = lambda: Schedulers("cron", {"cron": cron})  # noqa: E731
    add_reminders(kind_home)

    result, out = kind(["remind", "install", "--dry-run"], schedulers=schedulers)
    assert result.exit_code == 0 and tabfile.read_text() == PERSONS_CRONTAB
    assert f"Would change {tabfile}:" in out.stdout

    result, out = kind(["remind", "install"], schedulers=schedulers)
    assert result.exit_code == 0, result.output + out.stderr
    text = tabfile.read_text()
    assert text.startswith(PERSONS_CRONTAB)
    jobs = jobs_for(read_config(kind_home / "config.toml")[0].reminders)
    added = [cron_line(job, {}) for job in jobs]
    assert text == PERSONS_CRONTAB + "".join(f"{line}\n" for line in added)
    assert all(f"    + {line}" in out.stdout for line in added)
    assert cron.installed() == [1, 2]
    # Installing again changes nothing.
    result, out = kind(["remind", "install"], schedulers=schedulers)
    assert "already in your crontab; nothing to change" in out.stdout

    result, out = kind(["remind", "uninstall"], schedulers=schedulers)
    assert result.exit_code == 0, result.output + out.stderr
    assert tabfile.read_text() == PERSONS_CRONTAB
    assert all(f"    - {line}" in out.stdout for line in added)


def test_the_users_own_crontab_is_changed_through_the_crontab_command(kind_home: Path) -> None:
    system = FakeSystem(crontab=PERSONS_CRONTAB)
    cron = CronScheduler(run=system, environ={"DISPLAY": ":1"})
    schedulers = lambda: Schedulers("cron", {"cron": cron})  # noqa: E731
    add_reminders(kind_home)
    assert kind(["remind", "install"], schedulers=schedulers)[0].exit_code == 0
    assert system.crontab.startswith(PERSONS_CRONTAB)
    assert "DISPLAY=:1 " in system.crontab  # cron is told where the desktop is
    assert ("crontab", "-") in system.ran
    assert kind(["remind", "uninstall"], schedulers=schedulers)[0].exit_code == 0
    assert system.crontab == PERSONS_CRONTAB


def test_no_crontab_yet_is_an_empty_one(kind_home: Path) -> None:
    system = FakeSystem(crontab="")
    cron = CronScheduler(run=system, environ={})
    add_reminders(kind_home)
    result, _ = kind(["remind", "install"], schedulers=lambda: Schedulers("cron", {"cron": cron}))
    assert result.exit_code == 0
    assert system.crontab.count("# kind-reminder-") == 2


def test_a_crontab_changed_meanwhile_is_left_alone(kind_home: Path, tmp_path: Path) -> None:
    tabfile = tmp_path / "crontab"
    tabfile.write_text(PERSONS_CRONTAB)
    cron = CronScheduler(tabfile=tabfile, environ={})
    steps = cron.install_steps(jobs_for(REMINDERS[:1]))
    tabfile.write_text(PERSONS_CRONTAB + "1 1 * * * edited meanwhile\n")
    with pytest.raises(Exception, match="changed while kind was working"):
        steps[0].do()
    assert tabfile.read_text() == PERSONS_CRONTAB + "1 1 * * * edited meanwhile\n"


def test_a_line_that_only_looks_like_kinds_is_not_removed(tmp_path: Path) -> None:
    tabfile = tmp_path / "crontab"
    mine = "# kind-reminder-1 is what I call my own job:\n0 9 * * * echo kind-reminder-1\n"
    tabfile.write_text(mine)
    cron = CronScheduler(tabfile=tabfile, environ={})
    assert cron.installed() == [] and cron.uninstall_steps() == []


def test_launchd_round_trip(kind_home: Path, tmp_path: Path) -> None:
    agents = tmp_path / "Library" / "LaunchAgents"
    agents.mkdir(parents=True)
    (agents / "com.example.other.plist").write_text("<plist/>")
    before = tree(agents)
    system = FakeSystem()
    launchd = LaunchdScheduler(agents, run=system, uid=501)
    schedulers = lambda: Schedulers("launchd", {"launchd": launchd})  # noqa: E731
    add_reminders(kind_home)
    result, out = kind(["remind", "install"], schedulers=schedulers)
    assert result.exit_code == 0, result.output + out.stderr
    plist = agents / "kindcli.reminder.1.plist"
    assert plist.read_bytes() == launchd_plist(
        jobs_for(read_config(kind_home / "config.toml")[0].reminders)[0]
    )
    assert ("launchctl", "bootstrap", "gui/501", str(plist)) in system.ran
    assert launchd.installed() == [1, 2]
    result, out = kind(["remind", "uninstall"], schedulers=schedulers)
    assert result.exit_code == 0
    assert tree(agents) == before
    assert ("launchctl", "bootout", "gui/501/kindcli.reminder.1") in system.ran


def test_moving_to_another_scheduler_takes_kinds_entries_out_of_the_first(
    kind_home: Path, tmp_path: Path
) -> None:
    tabfile = tmp_path / "crontab"
    tabfile.write_text(PERSONS_CRONTAB)
    units = tmp_path / "units"
    both = {
        "systemd": SystemdScheduler(units, run=FakeSystem()),
        "cron": CronScheduler(tabfile=tabfile, environ={}),
    }
    schedulers = lambda: Schedulers("systemd", both)  # noqa: E731
    add_reminders(kind_home)
    assert (
        kind(["remind", "install", "--scheduler", "cron"], schedulers=schedulers)[0].exit_code == 0
    )
    assert both["cron"].installed() == [1, 2]
    result, out = kind(["remind", "install"], schedulers=schedulers)
    assert result.exit_code == 0
    assert tabfile.read_text() == PERSONS_CRONTAB
    assert both["systemd"].installed() == [1, 2]
    result, out = kind(["remind", "list"], schedulers=schedulers)
    assert "In systemd: reminder 1, reminder 2." in out.stdout


def test_a_scheduler_that_fails_says_what_and_what_is_in_place(
    kind_home: Path, tmp_path: Path
) -> None:
    units = tmp_path / "units"
    systemd = SystemdScheduler(units, run=FakeSystem(fail="enable"))
    add_reminders(kind_home)
    result, out = kind(
        ["remind", "install"], schedulers=lambda: Schedulers("systemd", {"systemd": systemd})
    )
    assert result.exit_code == 1
    assert "systemctl --user enable --now kind-reminder-1.timer` did not work" in result.output
    assert "Failed to connect to bus" in result.output
    assert "kind remind uninstall" in result.output
    assert f"Wrote {units / 'kind-reminder-1.timer'}" in out.stdout  # said what it did do
    assert "Traceback" not in result.output


def test_no_scheduler_here_is_said_plainly(kind_home: Path) -> None:
    add_reminders(kind_home)
    result, _ = kind(["remind", "install"], schedulers=lambda: Schedulers(None, {}))
    assert result.exit_code == 1
    assert "kind found no scheduler it knows here" in result.output
    assert "kind nudge --reminder ID" in result.output
    result, _ = kind(
        ["remind", "install", "--scheduler", "at"], schedulers=lambda: Schedulers(None, {})
    )
    assert result.exit_code == 2 and "not a scheduler kind knows" in result.output


def test_which_scheduler_this_system_has(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path)}
    mac = system_schedulers(env, "darwin", which=lambda n: None, systemd_booted=lambda: False)
    assert mac.default == "launchd" and list(mac.available) == ["launchd"]
    found = {"systemctl": "/bin/systemctl", "crontab": "/usr/bin/crontab"}
    linux = system_schedulers(env, "linux", which=found.get, systemd_booted=lambda: True)
    assert linux.default == "systemd" and sorted(linux.available) == ["cron", "systemd"]
    unit_dir = linux.available["systemd"].unit_dir  # type: ignore[attr-defined]
    assert unit_dir == tmp_path / ".config" / "systemd" / "user"
    old = system_schedulers(env, "linux", which=found.get, systemd_booted=lambda: False)
    assert old.default == "cron" and list(old.available) == ["cron"]
    bare = system_schedulers(env, "linux", which=lambda n: None, systemd_booted=lambda: False)
    assert bare.default is None and not bare.available


# ---- add, list, remove ---------------------------------------------------------------------------


def test_add_list_and_remove(kind_home: Path) -> None:
    none = lambda: Schedulers(None, {})  # noqa: E731
    result, out = kind(
        ["remind", "add", "8:30", "--days", "mon-fri", "--practice", "breathe"], schedulers=none
    )
    assert result.exit_code == 0, result.output
    assert out.stdout == "Added reminder 1: 08:30 on weekdays, for a breathing session.\n"
    assert "`kind remind install` puts your reminders" in out.stderr
    kind(["remind", "add", "7pm", "--days", "sat,sun"], schedulers=none)
    data = read_config(kind_home / "config.toml")[0]
    assert data.reminders == (
        Reminder(1, 8, 30, WEEKDAYS, "breathing"),
        Reminder(2, 19, 0, WEEKEND, None),
    )
    result, out = kind(["remind", "list"], schedulers=none)
    assert re.search(r"1\s+08:30\s+on weekdays\s+breathing session", out.stdout)
    assert re.search(r"2\s+19:00\s+on weekends\s+any practice", out.stdout)
    assert "Quiet hours: 22:00-07:00." in out.stdout
    result, out = kind(["remind", "list", "--json"], schedulers=none)
    assert json.loads(out.stdout)["reminders"][0] == {
        "id": 1,
        "time": "08:30",
        "days": "mon-fri",
        "practice": "breathing",
    }
    assert kind(["remind", "remove", "2"], schedulers=none)[1].stdout == "Removed reminder 2.\n"
    kind(["remind", "add", "9:00"], schedulers=none)
    ids = [r.id for r in read_config(kind_home / "config.toml")[0].reminders]
    assert ids == [1, 2]  # the largest id left plus one
    result, _ = kind(["remind", "remove", "7"], schedulers=none)
    assert result.exit_code == 1 and "There is no reminder 7." in result.output


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["25:00"], "'25:00' is not a time"),
        (["8:00", "--days", "someday"], "'someday' is not a set of days"),
        (["8:00", "--practice", "juggling"], "'juggling' is not a practice kind knows"),
    ],
)
def test_add_names_what_is_wrong(kind_home: Path, words: list[str], said: str) -> None:
    result, _ = kind(["remind", "add", *words], schedulers=lambda: Schedulers(None, {}))
    assert result.exit_code == 2
    assert said in " ".join(result.output.split())
    assert not (kind_home / "config.toml").exists()


def test_a_reminder_in_quiet_hours_says_so(kind_home: Path) -> None:
    result, out = kind(["remind", "add", "23:15"], schedulers=lambda: Schedulers(None, {}))
    assert result.exit_code == 0
    assert "23:15 is within your quiet hours (22:00-07:00)" in " ".join(out.stderr.split())


def test_a_bad_reminder_in_the_file_is_named_and_the_rest_still_work(kind_home: Path) -> None:
    kind_home.mkdir(parents=True)
    (kind_home / "config.toml").write_text(
        '[[reminders]]\nid = 1\ntime = "8:00"\n\n[[reminders]]\nid = 2\ntime = "lunch"\n'
    )
    result, out = kind(["remind", "list"], schedulers=lambda: Schedulers(None, {}))
    assert result.exit_code == 0
    assert "reminder 2: 'lunch' is not a time" in " ".join(out.stderr.split())
    assert re.search(r"1\s+08:00", out.stdout)
    kind(["remind", "add", "9:00"], schedulers=lambda: Schedulers(None, {}))
    text = (kind_home / "config.toml").read_text()
    assert 'time = "lunch"' in text and "id = 3" in text  # kept as written; no id reused


def test_a_settings_file_that_does_not_read_is_named_not_taken_for_empty(
    kind_home: Path,
) -> None:
    kind_home.mkdir(parents=True)
    (kind_home / "config.toml").write_bytes(b'[[reminders]]\nid = 1\ntime = "8:00\n')
    result, out = kind(["remind", "list"], schedulers=lambda: Schedulers(None, {}))
    assert "config.toml" in out.stderr and "line 3" in " ".join(out.stderr.split())
    result, out = kind(["remind", "add", "9:00"], schedulers=lambda: Schedulers(None, {}))
    assert result.exit_code == 1
    assert (kind_home / "config.toml").read_bytes() == b'[[reminders]]\nid = 1\ntime = "8:00\n'


def test_removing_a_reminder_keeps_the_persons_comments(kind_home: Path) -> None:
    kind_home.mkdir(parents=True)
    path = kind_home / "config.toml"
    path.write_text(
        '[[reminders]]\nid = 1\ntime = "8:00"\n# before work\n\n'
        '[[reminders]]\nid = 2\ntime = "21:00"\n# wind down\n'
    )
    none = lambda: Schedulers(None, {})  # noqa: E731
    assert kind(["remind", "remove", "2"], schedulers=none)[0].exit_code == 0
    assert "# wind down" in path.read_text() and "# before work" in path.read_text()
    assert kind(["remind", "remove", "1"], schedulers=none)[0].exit_code == 0
    text = path.read_text()
    assert "# wind down" in text and "# before work" in text
    assert read_config(path)[0].reminders == ()


# ---- kind nudge ---------------------------------------------------------------------------------


class FakeNotifier:
    def __init__(self, unavailable: str | None = None) -> None:
        self.unavailable = unavailable
        self.shown: list[tuple[str, str]] = []

    def available(self) -> str | None:
        return self.unavailable

    def notify(self, title: str, body: str) -> bool:
        if self.unavailable:
            return False
        self.shown.append((title, body))
        return True


def write_config(kind_home: Path, text: str) -> None:
    kind_home.mkdir(parents=True, exist_ok=True)
    (kind_home / "config.toml").write_text(text)


BREAK_AT_9 = '[[reminders]]\nid = 1\ntime = "09:30"\npractice = "break"\n'


def nudge(
    kind_home: Path, clock: FakeClock, notifier: FakeNotifier, *args: str
) -> tuple[Any, RecordingTerminal]:
    return kind(["nudge", *args], clock=clock, notifier=notifier)


def practice(kind_home: Path, practice: str, at: datetime) -> None:
    with Store.open(kind_home / "kind.db") as store:
        store.add_session(SessionRecord(practice, None, Moment.of(at), actual_seconds=300))


def sent(kind_home: Path) -> list[datetime]:
    with Store.open(kind_home / "kind.db") as store:
        return nudging.sent_from_state(store.get_state(nudging.STATE_KEY))


def test_a_nudge_invites_and_is_remembered(kind_home: Path) -> None:
    write_config(kind_home, BREAK_AT_9)
    clock, notifier = FakeClock(), FakeNotifier()
    result, out = nudge(kind_home, clock, notifier, "--reminder", "1")
    assert result.exit_code == 0
    assert out.stdout == "" and out.stderr == ""  # a scheduler has nothing to mail
    assert notifier.shown == [
        ("A minute for yourself?", "A short self-compassion break, if you'd like: kind break")
    ]
    assert sent(kind_home) == [clock.now().astimezone(UTC)]


def test_no_nudge_once_that_practice_is_done_today(kind_home: Path) -> None:
    write_config(kind_home, BREAK_AT_9)
    clock = FakeClock()
    practice(kind_home, "journal", clock.now() - timedelta(hours=1))
    notifier = FakeNotifier()
    nudge(kind_home, clock, notifier, "--reminder", "1")
    assert len(notifier.shown) == 1  # journaling is not the break this reminder invites
    clock.advance(3 * 3600)
    practice(kind_home, "break", clock.now() - timedelta(minutes=5))
    notifier.shown.clear()
    nudge(kind_home, clock, notifier, "--reminder", "1")
    assert notifier.shown == []
    _, out = nudge(kind_home, clock, notifier, "--reminder", "1", "--dry-run")
    assert "You have already made time for a break today." in out.stdout


def test_a_general_reminder_rests_after_any_practice(kind_home: Path) -> None:
    write_config(kind_home, '[[reminders]]\nid = 4\ntime = "09:30"\n')
    clock, notifier = FakeClock(), FakeNotifier()
    practice(kind_home, "journal", clock.now() - timedelta(hours=1))
    nudge(kind_home, clock, notifier, "--reminder", "4")
    assert notifier.shown == []


def test_quiet_hours_are_quiet(kind_home: Path) -> None:
    write_config(kind_home, 'quiet_hours = "09:00-10:00"\n' + BREAK_AT_9)
    clock, notifier = FakeClock(), FakeNotifier()  # 09:30
    nudge(kind_home, clock, notifier, "--reminder", "1")
    assert notifier.shown == []
    _, out = nudge(kind_home, clock, notifier, "--reminder", "1", "--dry-run")
    assert "within your quiet hours (09:00-10:00)" in out.stdout
    write_config(kind_home, 'quiet_hours = "off"\n' + BREAK_AT_9)
    nudge(kind_home, clock, notifier, "--reminder", "1")
    assert len(notifier.shown) == 1


def test_quiet_hours_by_default_cover_the_night(kind_home: Path) -> None:
    write_config(kind_home, BREAK_AT_9)
    clock = FakeClock(datetime(2026, 3, 14, 23, 30, tzinfo=PLUS_ONE))
    notifier = FakeNotifier()
    nudge(kind_home, clock, notifier, "--reminder", "1")
    assert notifier.shown == []


def test_without_a_desktop_nothing_is_shown_or_counted(kind_home: Path) -> None:
    write_config(kind_home, BREAK_AT_9)
    notifier = FakeNotifier(unavailable="there is no desktop here to show a notification on")
    result, out = nudge(kind_home, FakeClock(), notifier, "--reminder", "1")
    assert result.exit_code == 0 and out.stdout == "" and out.stderr == ""
    assert not (kind_home / "kind.db").exists() or sent(kind_home) == []


def test_a_removed_reminder_stays_quiet(kind_home: Path) -> None:
    write_config(kind_home, BREAK_AT_9)
    notifier = FakeNotifier()
    result, out = nudge(kind_home, FakeClock(), notifier, "--reminder", "2")
    assert result.exit_code == 0 and notifier.shown == [] and out.stdout == ""


def test_a_dry_run_names_a_problem_in_the_settings(kind_home: Path) -> None:
    # A setting written below a [[reminders]] table belongs to that table in TOML.
    write_config(kind_home, BREAK_AT_9 + 'quiet_hours = "off"\n')
    _, out = nudge(kind_home, FakeClock(), FakeNotifier(), "--reminder", "1", "--dry-run")
    assert "unknown key 'quiet_hours'" in out.stderr
    assert "There is no reminder 1" in out.stdout


def test_a_damaged_store_means_no_nudge_and_no_noise(kind_home: Path) -> None:
    write_config(kind_home, BREAK_AT_9)
    (kind_home / "kind.db").write_bytes(b"SQLite format 3\x00" + b"garbage" * 300)
    notifier = FakeNotifier()
    result, out = nudge(kind_home, FakeClock(), notifier, "--reminder", "1")
    assert result.exit_code == 0
    assert out.stdout == "" and out.stderr == "" and result.output == ""


def test_nudges_back_off_when_they_go_by_and_return_with_practice(kind_home: Path) -> None:
    # A daily reminder for someone who has stepped away: nudges thin out, never thicken.
    write_config(kind_home, BREAK_AT_9)
    clock, notifier = FakeClock(), FakeNotifier()
    sent_on: list[int] = []
    for day in range(40):
        before = len(notifier.shown)
        nudge(kind_home, clock, notifier, "--reminder", "1")
        if len(notifier.shown) > before:
            sent_on.append(day)
        clock.advance(24 * 3600)
    assert sent_on[:3] == [0, 1, 2]
    gaps = [b - a for a, b in itertools.pairwise(sent_on)]
    assert gaps == sorted(gaps), f"nudges came closer together again: {sent_on}"
    assert max(gaps) == 7 and len(sent_on) < 12
    # They come back: the usual rhythm returns.
    practice(kind_home, "break", clock.now() - timedelta(days=1))
    days = []
    for _ in range(3):
        before = len(notifier.shown)
        nudge(kind_home, clock, notifier, "--reminder", "1")
        days.append(len(notifier.shown) > before)
        clock.advance(24 * 3600)
    assert days == [True, True, True]


instants = st.integers(0, 60 * 24 * 30).map(
    lambda m: datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=m)
)


@given(
    history=st.lists(instants, max_size=12),
    extra=instants,
    last_practice=st.one_of(st.none(), instants),
)
def test_one_more_nudge_gone_by_never_means_more_nudges(
    history: list[datetime], extra: datetime, last_practice: datetime | None
) -> None:
    now = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)

    def sends(sent: list[datetime]) -> bool:
        return nudging.decide(
            now,
            practice=None,
            practiced_today=False,
            last_practice=last_practice,
            sent=sorted(sent),
            quiet=None,
        ).send

    # Adding a nudge that went by (sent after the last practice) can only hold one back.
    if last_practice is None or extra > last_practice:
        assert not sends([*history, extra]) or sends(history)


def test_the_words_invite_and_never_count(tmp_path: Path) -> None:
    from kindcli.practices import fresh_start

    texts = [
        nudging.TITLE,
        nudging.ANY_PRACTICE,
        *(nudging.invitation(k) for k in BY_ID.values()),
        fresh_start.PRACTICE_WELCOME_BACK,
        fresh_start.STATS_RETURNED,
        fresh_start.NEW_WEEK,
        fresh_start.NEW_MONTH,
        fresh_start.HELLO_BACK,
        fresh_start.HELLO_FIRST,
        fresh_start.HELLO_NEW_WEEK,
        fresh_start.HELLO_NEW_MONTH,
        *fresh_start.HELLO_DAYS,
    ]
    for text in texts:
        assert problems_in(text) == [], text
        assert not re.search(r"\d", text), f"a count in {text!r}"
        assert not re.search(r"\b(missed|behind|streak|don't forget|remember to)\b", text, re.I)
    # Held-back reasons count nothing either (they are only shown with --dry-run).
    for reason in _reasons():
        assert problems_in(reason) == [] and not re.search(r"\b\d+ (days|nudges)\b", reason)


def _reasons() -> list[str]:
    now = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
    kinds = [None, BY_ID["break"]]
    cases: list[dict[str, Any]] = [
        {"quiet": QuietHours((11, 0), (13, 0))},
        {"practiced_today": True},
        {"sent": [now - timedelta(minutes=5)]},
        {"sent": [now - timedelta(days=d) for d in (4, 3, 2, 1)]},
        {},
    ]
    out = []
    for practice in kinds:
        for case in cases:
            args: dict[str, Any] = {
                "practice": practice,
                "practiced_today": False,
                "last_practice": None,
                "sent": [],
                "quiet": None,
                **case,
            }
            out.append(nudging.decide(now, **args).reason)
    return out


# ---- the desktop notifier ---------------------------------------------------------------------


def test_notify_send_gets_the_words_as_arguments() -> None:
    ran: list[list[str]] = []

    def run(argv: Sequence[str]) -> bool:
        ran.append(list(argv))
        return True

    which: Callable[[str], str | None] = lambda name: f"/usr/bin/{name}"  # noqa: E731
    linux = DesktopNotifier({"DISPLAY": ":0"}, "linux", which=which, run=run)
    assert linux.available() is None
    assert linux.notify("A minute for yourself?", '"quoted" & $(not run)')
    assert ran[-1] == [
        "notify-send",
        "--app-name=kind",
        "--",
        "A minute for yourself?",
        '"quoted" & $(not run)',
    ]
    mac = DesktopNotifier({}, "darwin", which=which, run=run)
    assert mac.notify("Title", 'say "hi"')
    assert ran[-1][:2] == ["osascript", "-e"] and ran[-1][-2:] == ["Title", 'say "hi"']


def test_no_display_no_notification() -> None:
    def run(argv: Sequence[str]) -> bool:
        raise AssertionError("nothing may run without a desktop")

    headless = DesktopNotifier({}, "linux", which=lambda n: "/usr/bin/" + n, run=run)
    assert headless.available() == "there is no desktop here to show a notification on"
    assert headless.notify("t", "b") is False
    missing = DesktopNotifier({"WAYLAND_DISPLAY": "wayland-0"}, "linux", which=lambda n: None)
    assert "notify-send is not installed" in (missing.available() or "")
