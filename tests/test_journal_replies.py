"""`kind journal replies`: every kind reply to the inner critic, newest first, with the
critic's words folded under it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from kindcli.cli import app
from kindcli.store import Store
from kindcli.store.records import JournalAnswer, JournalEntry, SessionRecord
from tests.fakes import RecordingTerminal, make_services
from tests.report_seed import at

runner = CliRunner()


def add(store: Store, day: date, prompt: str, **answers: str) -> None:
    kept = [JournalAnswer(q, f"The {q} question?", a) for q, a in answers.items()]
    details = {"ratings": [{"id": "critic_loudness", "name": "Loud", "value": 6}]}
    store.add_journal_entry(
        JournalEntry(
            SessionRecord("journal", prompt, at(day), details=details),
            prompt,
            "\n\n".join(a.answer for a in kept),
            kept,
        )
    )


def replies(*args: str) -> tuple[int, str]:
    svc = make_services(terminal=RecordingTerminal(), interactive=False)
    result = runner.invoke(app, ["journal", "replies", *args], obj=svc)
    return result.exit_code, svc.terminal.stdout  # type: ignore[attr-defined]


def test_replies_come_newest_first_with_the_critics_words_under_them(kind_home: Path) -> None:
    with Store.open(kind_home / "kind.db") as store:
        add(store, date(2026, 3, 1), "reframe", critic="You are too slow.", reframe="Slow is fine.")
        add(
            store,
            date(2026, 3, 9),
            "reframe",
            critic="Nobody likes you.",
            reframe="Sam called.\nTwice.",
        )
        add(store, date(2026, 3, 5), "reframe", critic="Only the critic this time.")
        add(store, date(2026, 3, 7), "evening", reframe="Not from the reframe set.")
    code, out = replies()
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("March 9, 2026 · ")
    assert lines[1:4] == [
        "  Sam called.",
        "  Twice.",
        "      answering the critic: Nobody likes you.",
    ]
    assert "March 1, 2026" in out and "Slow is fine." in out
    assert out.index("Sam called.") < out.index("Slow is fine.")
    assert "Only the critic" not in out and "Not from the reframe set" not in out
    code, out = replies("--json")
    data = json.loads(out)
    assert [r["reply"] for r in data] == ["Sam called.\nTwice.", "Slow is fine."]
    assert data[0]["critic"] == "Nobody likes you." and data[0]["ratings"] == {"critic_loudness": 6}
    assert sorted(data[0]) == ["critic", "date", "id", "ratings", "reply", "step", "time"]


def test_with_no_replies_yet_it_says_where_to_write_one(kind_home: Path) -> None:
    code, out = replies()
    assert code == 0 and "kind journal --prompt reframe" in out
    assert not (kind_home / "kind.db").exists()
    assert replies("--json") == (0, "[]\n")
