"""`kind export` and `kind import`: round trips record for record, merges of two homes,
jrnl's export, and bad files that change nothing."""

from __future__ import annotations

import csv
import io
import json
import stat
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindcli.practices.exporters import EXPORTERS
from kindcli.practices.exporters.csv_sessions import COLUMNS
from kindcli.store import Store
from kindcli.store.records import JournalEntry, MeasureResult, SessionRecord, StateItem
from tests.records import (
    STATE,
    at,
    entries,
    entry,
    everything,
    files_of,
    fill,
    home_services,
    measure_results,
    out,
    run,
    session,
    sessions,
)

FIXTURE = Path(__file__).parent / "fixtures" / "jrnl" / "jrnl-4.6-export.json"


def export_to(folder: Path, target: Path, *args: str) -> str:
    svc = home_services(folder)
    result = run(svc, "export", "--output", str(target), *args)
    assert result.exit_code == 0, result.output + out(svc).stderr
    return out(svc).stdout


def import_into(folder: Path, source: Path, *args: str) -> tuple[int, str, str]:
    svc = home_services(folder)
    result = run(svc, "import", str(source), *args)
    return result.exit_code, out(svc).stdout, out(svc).stderr + result.output


def without_instant(document: str) -> dict[str, object]:
    data = json.loads(document)
    data.pop("exported_utc")
    return data


# ---- round trips ----------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kept=st.lists(sessions(), max_size=6, unique_by=lambda s: s.id),
    written=st.lists(entries(), max_size=6, unique_by=lambda e: e.id),
    state=STATE,
    taken=st.lists(measure_results(), max_size=4, unique_by=lambda m: m.id),
)
def test_export_then_import_into_an_empty_home_gives_back_every_record_field_by_field(
    kept: list[SessionRecord],
    written: list[JournalEntry],
    state: list[StateItem],
    taken: list[MeasureResult],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "a", Path(tmp) / "b"
        fill(first, kept, written, state, taken)
        export_to(first, Path(tmp) / "a.json")
        code, said, problem = import_into(second, Path(tmp) / "a.json")
        assert code == 0, problem
        assert "in conflict" not in said.lower()
        assert everything(second) == everything(first)
        export_to(second, Path(tmp) / "b.json")
        a = without_instant((Path(tmp) / "a.json").read_text(encoding="utf-8"))
        b = without_instant((Path(tmp) / "b.json").read_text(encoding="utf-8"))
        assert a == b


def test_importing_the_same_file_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    fill(tmp_path / "a", [session("break", at(1), distress_before=6)], [entry(at(2), "rain")])
    export_to(tmp_path / "a", tmp_path / "a.json")
    assert import_into(tmp_path / "b", tmp_path / "a.json")[1].startswith("Added: 1 break and 1")
    before = everything(tmp_path / "b")
    code, said, _ = import_into(tmp_path / "b", tmp_path / "a.json")
    assert code == 0
    assert said.splitlines()[:2] == [
        "Added: nothing.",
        "Already here, skipped: 1 break and 1 journal entry.",
    ]
    assert everything(tmp_path / "b") == before


def test_the_merge_of_two_homes_is_their_union_and_a_changed_record_is_a_conflict(
    tmp_path: Path,
) -> None:
    shared = entry(at(1), "the same on both machines", tags=("both",))
    laptop = [session("breathing", at(2), actual_seconds=300.0), entry(at(3), "on the laptop")]
    desktop = [session("meditation", at(4), completed=False), entry(at(5), "on the desktop")]
    fill(tmp_path / "laptop", [laptop[0]], [shared, laptop[1]])  # type: ignore[list-item]
    fill(tmp_path / "desktop", [desktop[0]], [shared, desktop[1]])  # type: ignore[list-item]
    # The same break, recorded differently on each machine: the same id, another rating.
    twin = session("break", at(6), distress_before=7)
    fill(tmp_path / "laptop", [twin], [])
    other = SessionRecord(**{**twin.__dict__, "distress_before": 3})
    fill(tmp_path / "desktop", [other], [])
    export_to(tmp_path / "laptop", tmp_path / "laptop.json")
    export_to(tmp_path / "desktop", tmp_path / "desktop.json")

    for name in ("laptop.json", "desktop.json"):
        assert import_into(tmp_path / "merged", tmp_path / name)[0] == 0
    ids = {r.id for part in everything(tmp_path / "merged")[:2] for r in part}
    assert ids == {s.id for s in [laptop[0], desktop[0], twin]} | {
        e.id
        for e in [shared, laptop[1], desktop[1]]  # type: ignore[union-attr]
    }
    with Store.open(tmp_path / "merged" / "kind.db") as store:
        kept = store.session(twin.id)
    assert kept is not None and kept.distress_before == 7, "the first one in is kept as it is"

    code, said, _ = import_into(tmp_path / "laptop", tmp_path / "desktop.json")
    assert code == 0
    assert "Added: 1 meditation and 1 journal entry." in said
    assert "Already here, skipped: 1 journal entry." in said
    assert "In conflict, kept as they are here: 1 break" in said
    assert f"break {twin.id[:8]} from {twin.moment.local_date}" in said
    with Store.open(tmp_path / "laptop" / "kind.db") as store:
        assert store.session(twin.id) == twin


def test_dry_run_says_what_would_happen_and_changes_nothing(tmp_path: Path) -> None:
    fill(tmp_path / "a", [session("break", at(1))], [entry(at(2), "rain"), entry(at(3), "sun")])
    export_to(tmp_path / "a", tmp_path / "a.json")
    code, said, _ = import_into(tmp_path / "b", tmp_path / "a.json", "--dry-run")
    assert code == 0
    assert said.splitlines() == [
        "Would add: 1 break and 2 journal entries.",
        "Already here, would be skipped: nothing.",
        "Nothing was changed (--dry-run).",
    ]
    assert not (tmp_path / "b").exists()
    fill(tmp_path / "b", [], [])
    before = files_of(tmp_path / "b")
    assert (
        "Would add: 1 break and 2"
        in import_into(tmp_path / "b", tmp_path / "a.json", "--dry-run")[1]
    )
    assert files_of(tmp_path / "b") == before


# ---- jrnl -------------------------------------------------------------------------------------


def test_jrnls_own_export_becomes_journal_entries_with_dates_tags_and_stars(
    tmp_path: Path,
) -> None:
    code, said, problem = import_into(tmp_path / "home", FIXTURE)
    assert code == 0, problem
    assert said.startswith("Added: 5 journal entries.")
    with Store.open(tmp_path / "home" / "kind.db") as store:
        found = {e.session.moment.local_date: e for e in store.journal_entries()}
    assert sorted(found) == [
        date(2024, 3, 14),
        date(2024, 3, 15),
        date(2024, 6, 2),
        date(2024, 11, 3),
        date(2024, 12, 31),
    ]
    walk = found[date(2024, 3, 15)]
    assert walk.body == (
        "A good walk.\nWent round the lake with @sister and talked about mum. It helped."
    )
    assert walk.tags == ["sister", "starred"]
    assert walk.prompt_id == "free"
    assert [a.question for a in walk.answers] == ["What is on your mind?"]
    assert walk.session.details == {"imported_from": "jrnl"}
    sleep = found[date(2024, 6, 2)]
    assert sleep.tags == ["breathing", "sleep"]
    assert sleep.body.startswith("Couldn't sleep\nThe mind kept going round and round.\n\n")
    assert found[date(2024, 12, 31)].body == "Last entry of the year."
    assert found[date(2024, 12, 31)].tags == ["starred"]
    assert "Café crème, naïve résumé: unicode is fine. 😊" in found[date(2024, 11, 3)].body
    # jrnl keeps the wall-clock time: it is read as a local time here, the day kept as is.
    local = found[date(2024, 3, 14)].session.moment
    assert local.local_date == date(2024, 3, 14)
    with Store.open(tmp_path / "home" / "kind.db") as store:
        assert store.search_journal(["lake"])[0].id == walk.id

    again = import_into(tmp_path / "home", FIXTURE)
    assert again[0] == 0 and "Added: nothing." in again[1]
    assert "skipped: 5 journal entries" in again[1]


def test_a_jrnl_file_is_recognised_without_from_and_refused_as_a_kind_export(
    tmp_path: Path,
) -> None:
    code, _, problem = import_into(tmp_path / "home", FIXTURE, "--from", "kind")
    assert code == 1
    assert "this is not a kind export" in problem
    assert not (tmp_path / "home").exists()
    assert import_into(tmp_path / "home", FIXTURE, "--from", "jrnl")[0] == 0


# ---- bad files --------------------------------------------------------------------------------


def good_export(tmp_path: Path) -> str:
    fill(tmp_path / "a", [session("break", at(1), details={"note": "hard"})], [entry(at(2), "x")])
    export_to(tmp_path / "a", tmp_path / "good.json")
    return (tmp_path / "good.json").read_text(encoding="utf-8")


BAD = {
    "truncated": (lambda good: good[: len(good) // 2], "ends before its JSON does"),
    "newer version": (
        lambda good: good.replace('"format_version": 1', '"format_version": 2'),
        "format_version: 2 is newer than this kind reads",
    ),
    "wrong type": (
        lambda good: good.replace('"completed": true', '"completed": "yes"', 1),
        "sessions[0].completed: expected true or false, found text",
    ),
    "a rating out of range": (
        lambda good: good.replace('"distress_before": null', '"distress_before": 11', 1),
        "sessions[0].distress_before: a check-in is 0 to 10, not 11",
    ),
    "not a uuid": (
        lambda good: good.replace('"id": "', '"id": "x', 1),
        "sessions[0].id: 'x",
    ),
    "a missing field": (
        lambda good: good.replace('"utc_offset_minutes"', '"offset"', 1),
        "sessions[0].utc_offset_minutes: is missing",
    ),
    "a duplicate id": (
        lambda good: good.replace(
            json.loads(good)["journal"][0]["id"], json.loads(good)["sessions"][0]["id"]
        ),
        "appears twice in the file",
    ),
    "not json": (lambda good: "Dear diary,\ntoday was long.\n", "is not JSON"),
    "empty": (lambda good: "", "is empty"),
    "json, but not an export": (lambda good: "[1, 2, 3]", "does not look like an export"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_file_gets_one_clear_message_and_leaves_the_store_byte_for_byte(
    tmp_path: Path, name: str
) -> None:
    good = good_export(tmp_path)
    spoil, message = BAD[name]
    (tmp_path / "bad.json").write_text(spoil(good), encoding="utf-8")
    fill(tmp_path / "b", [session("meditation", at(5))], [entry(at(6), "mine")])
    before = files_of(tmp_path / "b")
    code, said, problem = import_into(tmp_path / "b", tmp_path / "bad.json")
    assert code == 1
    assert message in problem
    assert str(tmp_path / "bad.json") in problem
    assert "Nothing was imported." in problem
    assert "Traceback" not in problem and said == ""
    assert len(problem.strip().splitlines()) <= 3
    assert files_of(tmp_path / "b") == before


def test_a_file_that_is_not_utf8_or_too_large_is_refused_without_reading_it(
    tmp_path: Path,
) -> None:
    fill(tmp_path / "b", [session("meditation", at(5))], [])
    before = files_of(tmp_path / "b")
    (tmp_path / "bytes.json").write_bytes(b'{"format": "kind", "x": "\xff\xfe"}')
    code, _, problem = import_into(tmp_path / "b", tmp_path / "bytes.json")
    assert code == 1 and "is not text (byte 25 is not UTF-8)" in problem
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    code, _, problem = import_into(tmp_path / "b", huge)
    assert code == 1 and "is 200 MB, larger than kind reads (100 MB)" in problem
    assert files_of(tmp_path / "b") == before
    code, _, problem = import_into(tmp_path / "b", tmp_path / "missing.json")
    assert code == 1 and "Could not read" in problem
    assert files_of(tmp_path / "b") == before


def test_a_bad_file_never_creates_a_database(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"format": "kind", "format_version": 1, "sessions": 3}')
    code, _, problem = import_into(tmp_path / "b", tmp_path / "bad.json")
    assert code == 1 and "sessions: expected a list, found the number 3" in problem
    assert not (tmp_path / "b").exists()


# ---- writing the export -----------------------------------------------------------------------


def test_an_export_file_is_private_and_never_overwritten_without_force(tmp_path: Path) -> None:
    fill(tmp_path / "a", [session("break", at(1))], [entry(at(2), "rain")])
    target = tmp_path / "out.json"
    said = export_to(tmp_path / "a", target)
    assert (
        said.split()
        == (
            f"Exported 1 journal entry, 1 session and 0 remembered choices to {target} "
            "(readable only by you)."
        ).split()
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.write_text("my own notes")
    svc = home_services(tmp_path / "a")
    result = run(svc, "export", "-o", str(target))
    assert result.exit_code == 1
    assert "already exists; kind will not overwrite it" in out(svc).stderr + result.output
    assert target.read_text() == "my own notes"
    export_to(tmp_path / "a", target, "--force")
    assert json.loads(target.read_text())["format"] == "kind"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_goes_to_stdout_without_output(tmp_path: Path) -> None:
    fill(tmp_path / "a", [session("break", at(1))], [entry(at(2), "rain")])
    svc = home_services(tmp_path / "a")
    assert run(svc, "export").exit_code == 0
    data = json.loads(out(svc).stdout)
    assert [len(data["sessions"]), len(data["journal"])] == [1, 1]
    assert data["format_version"] == 1


def test_markdown_is_the_journal_with_dated_headings_questions_and_tags(tmp_path: Path) -> None:
    fill(
        tmp_path / "a",
        [session("break", at(1))],
        [
            entry(at(2), "Only words.", tags=("rest",)),
            entry(at(3, 9), "It went badly.", "It happens to everyone.", prompt="evening"),
        ],
    )
    svc = home_services(tmp_path / "a")
    assert run(svc, "export", "--format", "md").exit_code == 0
    text = out(svc).stdout
    assert text.startswith("# Journal\n\nExported from kind on 2026-03-14.\n")
    assert "## Tuesday, March 3, 2026, 20:15\n\n*tags: #rest*\n\nOnly words.\n" in text
    assert "## Wednesday, March 4, 2026, 09:15\n\n*prompts: evening*\n\n### Question 0?" in text
    assert "### Question 1?\n\nIt happens to everyone.\n" in text
    assert text.index("Only words.") < text.index("It went badly."), "oldest first"
    assert "break" not in text


def test_csv_has_the_documented_columns_and_one_row_per_session(tmp_path: Path) -> None:
    fill(
        tmp_path / "a",
        [
            session(
                "break", at(1), distress_before=7, distress_after=4, details={"note": "=SUM(1)"}
            ),
            session("meditation", at(3), source="manual", actual_seconds=600.0),
        ],
        [entry(at(2), "three words here", tags=("a", "b"))],
    )
    svc = home_services(tmp_path / "a")
    assert run(svc, "export", "-f", "csv").exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out(svc).stdout)))
    assert list(rows[0]) == list(COLUMNS)
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"| `{column}` |" in readme, column
    assert [r["practice"] for r in rows] == ["break", "journal", "meditation"]
    assert rows[0]["distress_before"] == "7" and rows[0]["note"] == "'=SUM(1)"
    assert rows[1]["tags"] == "a b" and rows[1]["words"] == "3"
    assert rows[2]["logged_by_hand"] == "true" and rows[2]["actual_seconds"] == "600"


def test_only_and_dates_narrow_an_export(tmp_path: Path) -> None:
    fill(
        tmp_path / "a",
        [session("break", at(1)), session("break", at(9))],
        [entry(at(2), "early"), entry(at(8), "late")],
    )
    svc = home_services(tmp_path / "a")
    assert run(svc, "export", "--only", "journal", "--since", "2026-03-05").exit_code == 0
    data = json.loads(out(svc).stdout)
    assert data["sessions"] == [] and [e["text"] for e in data["journal"]] == ["late"]
    assert data["filters"] == {"since": "2026-03-05", "until": None, "only": "journal"}
    svc = home_services(tmp_path / "a")
    assert run(svc, "export", "--only", "sessions", "--until", "2026-03-05").exit_code == 0
    data = json.loads(out(svc).stdout)
    assert data["journal"] == [] and len(data["sessions"]) == 1
    svc = home_services(tmp_path / "a")
    result = run(svc, "export", "-f", "md", "--only", "sessions")
    assert result.exit_code == 1
    assert "The md format holds the journal only, not sessions." in out(svc).stderr + result.output
    svc = home_services(tmp_path / "a")
    result = run(svc, "export", "-f", "pdf")
    assert (
        result.exit_code == 1
        and "'pdf' is not a format kind exports" in result.output + out(svc).stderr
    )


def test_every_format_comes_from_the_registry() -> None:
    assert set(EXPORTERS) == {"json", "md", "csv"}
    for name, exporter in EXPORTERS.items():
        assert exporter.name == name and exporter.summary


def test_measures_taken_go_out_and_come_back_once(tmp_path: Path) -> None:
    from kindcli.store.records import MeasureScore

    taken = MeasureResult(
        measure_id="kindness-toward-myself",
        measure_name="Kindness toward myself",
        moment=at(3),
        answers={"warmth": 4, "harsh": 2},
        scores=[MeasureScore("total", "Total", 3.5, 1.0, 5.0)],
        scoring="mean",
        every_days=14,
    )
    fill(tmp_path / "a", [session("break", at(1))], [], None, [taken])
    said = export_to(tmp_path / "a", tmp_path / "a.json")
    assert "1 measure result" in said
    document = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in document["measures"]] == [taken.id]
    code, said, problem = import_into(tmp_path / "b", tmp_path / "a.json", "--dry-run")
    assert code == 0 and "1 measure result" in said.splitlines()[0], problem
    code, said, problem = import_into(tmp_path / "b", tmp_path / "a.json")
    assert code == 0, problem
    assert said.splitlines()[0] == "Added: 1 break and 1 measure result."
    assert everything(tmp_path / "b") == everything(tmp_path / "a")
    code, said, _ = import_into(tmp_path / "b", tmp_path / "a.json")
    assert said.splitlines()[1] == "Already here, skipped: 1 break and 1 measure result."


def test_a_measure_result_with_a_bad_field_is_named_and_nothing_is_imported(
    tmp_path: Path,
) -> None:
    fill(tmp_path / "a", [session("break", at(1))], [])
    export_to(tmp_path / "a", tmp_path / "a.json")
    document = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    document["measures"] = [{"id": "x" * 32, "scoring": "median"}]
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    code, _, problem = import_into(tmp_path / "b", tmp_path / "bad.json")
    assert code == 1 and "measures[0]" in problem
    assert not (tmp_path / "b" / "kind.db").exists()
