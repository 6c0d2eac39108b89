"""`kind history`: every practice's sessions, one in full, and deleting one for good."""

from __future__ import annotations

import json
from pathlib import Path

from kindcli.store import Store
from kindcli.store.records import JournalAnswer
from tests.records import at, entry, fill, holding, home_services, out, run, session


def seeded(folder: Path) -> dict[str, str]:
    brk = session(
        "break",
        at(1),
        content_id="standard",
        actual_seconds=290.0,
        distress_before=7,
        distress_after=4,
        details={
            "note": "the talk with my sister",
            "steps_total": 6,
            "steps_completed": 6,
            "phrase": "May I be kind to myself",
            "phrase_own": True,
        },
    )
    breath = session(
        "breathing", at(2), content_id="box", actual_seconds=64.0, details={"cycles_completed": 4}
    )
    logged = session("meditation", at(3), source="manual", actual_seconds=600.0)
    written = entry(at(4), "Rain all day, and a long walk anyway.", tags=("walk",))
    fill(folder, [brk, breath, logged], [written])
    return {"break": brk.id, "breathing": breath.id, "logged": logged.id, "entry": written.id}


def test_history_lists_every_practice_newest_first(tmp_path: Path) -> None:
    ids = seeded(tmp_path)
    svc = home_services(tmp_path)
    assert run(svc, "history").exit_code == 0
    lines = out(svc).stdout.splitlines()
    assert lines[0].split() == ["id", "when", "practice", "what", "length", "check-in", "note"]
    assert [line[:8] for line in lines[1:]] == [
        ids["entry"][:8],
        ids["logged"][:8],
        ids["breathing"][:8],
        ids["break"][:8],
    ]
    assert "journal" in lines[1] and "Rain all day" in lines[1]
    assert "meditation  by hand" in lines[2] and "10 min" in lines[2]
    assert "breathing" in lines[3] and "box" in lines[3]
    assert "7 → 4" in lines[4] and "the talk with my sister" in lines[4]


def test_history_filters_by_practice_date_and_number(tmp_path: Path) -> None:
    ids = seeded(tmp_path)
    svc = home_services(tmp_path)
    assert run(svc, "history", "--practice", "breathe", "--json").exit_code == 0
    assert [r["id"] for r in json.loads(out(svc).stdout)] == [ids["breathing"]]
    svc = home_services(tmp_path)
    assert (
        run(svc, "history", "--since", "2026-03-03", "--until", "2026-03-04", "--json").exit_code
        == 0
    )
    assert [r["id"] for r in json.loads(out(svc).stdout)] == [ids["logged"], ids["breathing"]]
    svc = home_services(tmp_path)
    assert run(svc, "history", "-n", "1").exit_code == 0
    assert len(out(svc).stdout.splitlines()) == 2
    assert "These are the newest 1; -n shows more." in out(svc).stderr
    svc = home_services(tmp_path)
    result = run(svc, "history", "--practice", "juggling")
    assert result.exit_code == 1
    assert "'juggling' is not a practice kind records." in result.output + out(svc).stderr


def test_history_json_is_the_export_shape(tmp_path: Path) -> None:
    ids = seeded(tmp_path)
    svc = home_services(tmp_path)
    assert run(svc, "history", "--json").exit_code == 0
    found = {r["id"]: r for r in json.loads(out(svc).stdout)}
    assert found[ids["entry"]]["practice"] == "journal"
    assert found[ids["entry"]]["text"] == "Rain all day, and a long walk anyway."
    assert found[ids["break"]]["details"]["note"] == "the talk with my sister"
    assert found[ids["break"]]["utc_offset_minutes"] == 60


def test_with_nothing_recorded_history_says_so_and_creates_nothing(tmp_path: Path) -> None:
    svc = home_services(tmp_path / "new")
    assert run(svc, "history").exit_code == 0
    assert "Nothing recorded yet." in out(svc).stderr
    assert not (tmp_path / "new").exists()


def test_show_tells_everything_recorded_about_a_break(tmp_path: Path) -> None:
    ids = seeded(tmp_path)
    svc = home_services(tmp_path)
    assert run(svc, "history", "show", ids["break"][:6]).exit_code == 0
    text = out(svc).stdout
    assert text.startswith(f"Break · {ids['break']}\n")
    for line in (
        "when: 2026-03-02 20:15 (UTC+01:00)",
        "which: standard",
        "took: 4.8 minutes",
        "check-in before: 7 of 10",
        "check-in after: 4 of 10",
        "steps: 6 of 6",
        "note: the talk with my sister",
        "kind words: May I be kind to myself (your own words)",
    ):
        assert line in text
    svc = home_services(tmp_path)
    assert run(svc, "history", "show", ids["entry"][:8]).exit_code == 0
    assert "tags: walk" in out(svc).stdout and "Rain all day" in out(svc).stdout
    svc = home_services(tmp_path)
    result = run(svc, "history", "show", "ffffffff")
    assert result.exit_code == 1
    assert "There is no session with an id starting 'ffffffff'." in result.output


def test_delete_asks_first_and_no_keeps_it(tmp_path: Path) -> None:
    ids = seeded(tmp_path)
    svc = home_services(tmp_path, answers=[False])
    assert run(svc, "history", "delete", ids["break"][:8]).exit_code == 0
    assert "Kept. Nothing was deleted." in out(svc).stdout
    with Store.open(tmp_path / "kind.db") as store:
        assert store.session(ids["break"]) is not None
    svc = home_services(tmp_path, interactive=False)
    result = run(svc, "history", "delete", ids["break"][:8])
    assert result.exit_code == 1 and "add --yes" in result.output


def test_delete_undoes_a_mistaken_log(tmp_path: Path) -> None:
    svc = home_services(tmp_path)
    assert run(svc, "log", "meditation", "--json").exit_code == 0
    logged = json.loads(out(svc).stdout)["id"]
    svc = home_services(tmp_path, answers=[True])
    assert run(svc, "history", "delete", logged[:8]).exit_code == 0
    assert f"Deleted the meditation from 2026-03-14 09:30 ({logged[:8]})." in out(svc).words
    with Store.open(tmp_path / "kind.db") as store:
        assert store.session(logged) is None
        assert store.stats_practice_days() == []


def test_deleting_a_break_or_an_entry_leaves_no_trace_of_its_words(tmp_path: Path) -> None:
    brk = session("break", at(1), details={"note": "I told Wombatmarker everything"})
    written = entry(at(2), "Quokkamarker was there", tags=("numbattag",))
    others = [entry(at(3 + i), f"ordinary day {i} " * 20) for i in range(50)]
    fill(tmp_path, [brk], [written, *others])
    for word in (b"ombatmarker", b"uokkamarker", b"numbattag"):
        assert holding(tmp_path, word), word
    with Store.open(tmp_path / "kind.db"):  # another kind, still open, as a window would be
        for record in (brk.id, written.id):
            svc = home_services(tmp_path)
            assert run(svc, "history", "delete", record[:8], "--yes").exit_code == 0
        for word in (b"ombatmarker", b"uokkamarker", b"numbattag"):
            assert holding(tmp_path, word) == [], word
    with Store.open(tmp_path / "kind.db") as store:
        assert len(store.journal_entries()) == 50
        assert store.search_journal(["quokkamarker"]) == []


def test_an_entry_shown_by_history_reads_like_journal_show(tmp_path: Path) -> None:
    written = entry(at(2), "First answer.", "Second answer.", prompt="evening")
    written.answers[1] = JournalAnswer("q1", "Question 1?", "Second answer.")
    fill(tmp_path, [], [written])
    svc = home_services(tmp_path)
    assert run(svc, "history", "show", written.id[:8]).exit_code == 0
    text = out(svc).stdout
    assert "Question 0?\nFirst answer.\n\nQuestion 1?\nSecond answer." in text
