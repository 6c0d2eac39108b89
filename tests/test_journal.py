"""`kind journal`: writing with fakes, piped text, drafts, finding, editing and deleting."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from kindcli.adapters.locks import Locks
from kindcli.catalog.catalog import Catalog
from kindcli.catalog.models import PromptSet
from kindcli.cli import app
from kindcli.errors import KindError
from kindcli.paths import resolve_paths, shipped_content_dir
from kindcli.ports import Moment
from kindcli.practices import journal as practice
from kindcli.practices import journal_editor as editing
from kindcli.practices import journal_entry as entries
from kindcli.practices import journal_lookup as lookup
from kindcli.practices import rereading
from kindcli.services import Services
from kindcli.store import Store
from kindcli.store.migrations import MIGRATIONS, m004_journal_search
from kindcli.store.records import (
    JournalAnswer,
    JournalDraft,
    JournalEntry,
    JournalFilter,
    SessionRecord,
)
from tests.fakes import FakeClock, FakeKeys, FakePrompter, RecordingTerminal, make_services

EVENING = "Evening reflection (evening)"
REFRAME = "Answering the inner critic (reframe)"
TZ = timezone(timedelta(hours=1))


def prompt_set(set_id: str) -> PromptSet:
    return Catalog(shipped_content_dir()).get(PromptSet, set_id)


def run(svc: Services, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), obj=svc, input=input)


def fresh(
    answers: list[Any] | None = None,
    *,
    interactive: bool = True,
    clock: FakeClock | None = None,
    keys: FakeKeys | None = None,
) -> tuple[Services, FakePrompter, RecordingTerminal]:
    prompter = FakePrompter(answers or [])
    terminal = RecordingTerminal()
    clock = clock or FakeClock()
    svc = make_services(
        clock=clock,
        prompter=prompter,
        terminal=terminal,
        interactive=interactive,
        keys=keys or FakeKeys(clock),
    )
    return svc, prompter, terminal


def open_store() -> Store:
    return Store.open(resolve_paths().database)


def seed(
    store: Store, text: str, day: date, *, tags: tuple[str, ...] = (), prompt: str = "free"
) -> JournalEntry:
    moment = Moment.of(datetime(day.year, day.month, day.day, 20, 15, tzinfo=TZ))
    entry = entries.build_entry(
        prompt_id=prompt,
        answers=[JournalAnswer("text", "What is on your mind?", text)],
        tags=list(tags),
        moment=moment,
        now=moment.utc,
    )
    assert entry is not None
    store.add_journal_entry(entry)
    return entry


# ---- writing step by step ------------------------------------------------------------------


def test_an_evening_entry_asks_each_question_and_saves_every_answer() -> None:
    svc, prompter, terminal = fresh(
        [EVENING, "A meeting went badly.\nI froze.", "Everyone freezes sometimes.", "You did ok."]
    )
    result = run(svc, "journal", "--tag", "Work", "-t", "#meetings")
    assert result.exit_code == 0, result.output
    asked = [m for kind, m in prompter.asked if kind == "text"]
    assert asked == [q.text for q in prompt_set("evening").questions]
    assert "Saved your journal entry" in terminal.stdout
    assert "Thank you for taking this time" in terminal.stdout
    with open_store() as store:
        [entry] = store.journal_entries()
        assert store.journal_drafts() == []
    assert entry.prompt_id == "evening"
    assert [a.question_id for a in entry.answers] == ["noticing", "human", "kindness"]
    assert entry.answers[0].answer == "A meeting went badly.\nI froze."
    assert entry.tags == ["meetings", "work"]
    assert entry.session.practice == "journal"
    assert entry.session.moment.local_date == date(2026, 3, 14)


def test_the_choice_offers_every_set_with_one_that_suits_the_time_first() -> None:
    sets = [prompt_set(i) for i in ("free", "evening", "friend")]
    at_night = datetime(2026, 3, 14, 22, 0, tzinfo=TZ)
    morning = datetime(2026, 3, 14, 8, 0, tzinfo=TZ)
    assert practice.default_set(sets, at_night).id == "evening"
    assert practice.default_set(sets, morning).id == "friend"
    assert practice.default_set([sets[0], sets[1]], morning).id == "free"


def test_reframe_keeps_the_critic_and_the_caring_reply_apart() -> None:
    # After the critic's words: how loud it is (7); after the reply: how believable (skipped).
    said = [REFRAME, "You always get this wrong.", 7, "You got most of it right.", None, ""]
    svc, prompter, _ = fresh(said)
    assert run(svc, "journal").exit_code == 0
    with open_store() as store:
        [entry] = store.journal_entries()
    assert [kind for kind, _ in prompter.asked] == [
        "select",
        "text",
        "rating",
        "text",
        "rating",
        "text",
    ]
    # The ratings are kept with the entry, apart from its words (which search indexes).
    assert entry.session.details["ratings"] == [
        {"id": "critic_loudness", "name": "How loud the critic was", "value": 7}
    ]
    assert "7" not in entry.body
    answers = {a.question_id: a.answer for a in entry.answers}
    # The stats helper counts reframes as answers with question_id "reframe" in set "reframe".
    assert entry.prompt_id == entries.REFRAME_SET == "reframe"
    assert answers == {
        "critic": "You always get this wrong.",
        entries.REFRAME_QUESTION: "You got most of it right.",
    }


def test_skipped_questions_are_left_out_and_an_empty_entry_is_not_saved() -> None:
    svc, _, terminal = fresh([EVENING, "  ", "", "\n"])
    assert run(svc, "journal").exit_code == 0
    assert "nothing was saved" in terminal.stdout.lower()
    with open_store() as store:
        assert store.journal_entries() == []
        assert store.journal_drafts() == []


def test_ctrl_c_keeps_a_draft_that_the_next_run_resumes() -> None:
    svc, _, terminal = fresh([EVENING, "It was a long day.", KeyboardInterrupt()])
    result = run(svc, "journal", "-t", "tired")
    assert result.exit_code == 130
    assert "draft is kept" in terminal.stderr
    with open_store() as store:
        [draft] = store.journal_drafts()
        assert store.journal_entries() == []
    assert [a.answer for a in draft.answers] == ["It was a long day."]

    later = FakeClock(datetime(2026, 3, 15, 8, 0, tzinfo=TZ))
    svc2, prompter2, terminal2 = fresh(
        [practice.RESUME, "Others have long days too.", "Rest now."], clock=later
    )
    assert run(svc2, "journal").exit_code == 0
    assert "unfinished entry from Saturday, March 14" in terminal2.stdout
    # Only the questions not yet answered are asked again.
    assert [m for k, m in prompter2.asked if k == "text"] == [
        q.text for q in prompt_set("evening").questions[1:]
    ]
    with open_store() as store:
        [entry] = store.journal_entries()
        assert store.journal_drafts() == []
    assert entry.id == draft.id
    assert [a.answer for a in entry.answers] == [
        "It was a long day.",
        "Others have long days too.",
        "Rest now.",
    ]
    assert entry.tags == ["tired"]
    # The entry belongs to the day it was begun.
    assert entry.session.moment.local_date == date(2026, 3, 14)
    # Carrying on shows what was already written before the next question.
    out = terminal2.stdout
    assert out.index("unfinished entry") < out.index(practice.SO_FAR)
    assert out.index(practice.SO_FAR) < out.index("    It was a long day.")
    assert out.count("It was a long day.") == 1


def test_a_draft_can_be_saved_as_it_is_or_discarded() -> None:
    svc, _, _ = fresh([EVENING, "Words worth keeping.", KeyboardInterrupt()])
    assert run(svc, "journal").exit_code == 130
    svc, _, _ = fresh([practice.LATER, EVENING, "Another start.", KeyboardInterrupt()])
    assert run(svc, "journal").exit_code == 130
    svc, _, _ = fresh([practice.SAVE_AS_IS])
    assert run(svc, "journal").exit_code == 0
    with open_store() as store:
        assert [e.body for e in store.journal_entries()] == ["Another start."]
        assert len(store.journal_drafts()) == 1
    # Discarding asks first; saying no keeps it, and the new entry is written either way.
    svc, _, _ = fresh([practice.DISCARD, False, EVENING, "", "", ""])
    assert run(svc, "journal").exit_code == 0
    with open_store() as store:
        assert len(store.journal_drafts()) == 1
    svc, _, terminal = fresh([practice.DISCARD, True, EVENING, "New words.", "", ""])
    assert run(svc, "journal").exit_code == 0
    assert "discarded" in terminal.stderr
    with open_store() as store:
        assert store.journal_drafts() == []
        assert len(store.journal_entries()) == 2


def test_a_draft_another_window_is_still_writing_is_not_offered() -> None:
    with open_store() as store:
        draft = JournalDraft(
            prompt_id="evening",
            moment=Moment.of(datetime(2026, 3, 14, 20, 0, tzinfo=TZ)),
            answers=[JournalAnswer("noticing", "q", "still typing")],
            owner_pid=os.getpid(),
        )
        store.save_journal_draft(draft)
    # The other window holds the draft's lock for as long as it runs.
    other_window = Locks(resolve_paths().locks)
    assert other_window.take(f"draft-{draft.id}")
    svc, prompter, _ = fresh(["Just write (free)", "Something else."])
    assert run(svc, "journal").exit_code == 0
    other_window.close()
    assert all("unfinished" not in m for _, m in prompter.asked)
    with open_store() as store:
        assert len(store.journal_drafts()) == 1
        # A second claim of the same draft fails: only one window may carry it on.
        assert store.claim_journal_draft(draft.id, None, 1) is False
        assert store.claim_journal_draft(draft.id, os.getpid(), 1) is True
        assert store.claim_journal_draft(draft.id, os.getpid(), 2) is False


# ---- piped text ----------------------------------------------------------------------------


def test_piped_text_is_saved_as_one_free_entry_with_tags() -> None:
    long_text = "Ünïcødé ✨ 日本語 — " + "a calm sentence. " * 20_000
    svc, _, terminal = fresh(interactive=False)
    result = run(svc, "journal", "-t", "night", "--tag", "night", input=long_text)
    assert result.exit_code == 0, result.output
    assert "Saved your journal entry" in terminal.stdout
    with open_store() as store:
        [entry] = store.journal_entries()
    assert entry.prompt_id == "free"
    assert entry.body == long_text.strip()
    assert entry.tags == ["night"]


def test_piped_text_with_a_prompt_answers_its_first_question() -> None:
    svc, _, _ = fresh(interactive=False)
    assert run(svc, "journal", "--prompt", "reframe", input="I'm hopeless at this\n").exit_code == 0
    with open_store() as store:
        [entry] = store.journal_entries()
    assert entry.prompt_id == "reframe"
    assert [(a.question_id, a.answer) for a in entry.answers] == [
        ("critic", "I'm hopeless at this")
    ]


def test_empty_piped_text_and_unknown_prompts_are_refused_clearly() -> None:
    svc, _, _ = fresh(interactive=False)
    result = run(svc, "journal", input="  \n\n")
    assert result.exit_code == 1
    assert "Nothing was saved" in result.output
    svc, _, _ = fresh(interactive=False)
    result = run(svc, "journal", "--prompt", "evenin", input="words")
    assert result.exit_code == 1
    assert "Did you mean 'evening'" in result.output
    svc, _, _ = fresh(interactive=False)
    result = run(svc, "journal", "--tag", "!!", input="words")
    assert result.exit_code == 1
    assert "cannot be a tag" in result.output
    with open_store() as store:
        assert store.journal_entries() == []


def _pipe_entries(home: str, name: str, count: int) -> None:
    env = dict(os.environ, KIND_HOME=home)
    for i in range(count):
        subprocess.run(
            [sys.executable, "-m", "kindcli", "journal", "-t", name],
            input=f"{name} entry {i} ✓",
            text=True,
            env=env,
            check=True,
            capture_output=True,
        )


def _store_entries(db: str, name: str, count: int) -> None:
    with Store.open(Path(db)) as store:
        for i in range(count):
            seed(store, f"{name} entry {i}", date(2026, 3, 14), tags=(name,))


def test_concurrent_writers_never_lose_an_entry(kind_home: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    db = str(kind_home / "kind.db")
    procs = [
        ctx.Process(target=_store_entries, args=(db, "alpha", 120)),
        ctx.Process(target=_store_entries, args=(db, "beta", 120)),
        ctx.Process(target=_pipe_entries, args=(str(kind_home), "gamma", 4)),
        ctx.Process(target=_pipe_entries, args=(str(kind_home), "delta", 4)),
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    with open_store() as store:
        assert dict(store.journal_tags()) == {"alpha": 120, "beta": 120, "gamma": 4, "delta": 4}
        assert len(store.journal_entries()) == 248
        assert len(store.search_journal(["gamma"])) == 4


# ---- finding entries -------------------------------------------------------------------------


@pytest.fixture
def history() -> dict[str, JournalEntry]:
    today = date(2026, 3, 14)  # FakeClock's day
    with open_store() as store:
        return {
            "old": seed(store, "A quiet café morning.", today - timedelta(days=30), tags=("calm",)),
            "week": seed(
                store,
                "Tired after work, friends helped.",
                today - timedelta(days=5),
                tags=("work",),
            ),
            "yesterday": seed(
                store,
                "The critic was loud.",
                today - timedelta(days=1),
                tags=("work", "critic"),
                prompt="reframe",
            ),
            "today": seed(store, "Tiredness again; a friend called.", today),
        }


def data(*args: str) -> Any:
    svc, _, terminal = fresh()
    result = run(svc, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(terminal.stdout)


def ids(*args: str) -> list[str]:
    return [e["id"] for e in data(*args)]


def test_list_is_newest_first_and_filters_by_day_tag_and_prompt(
    history: dict[str, JournalEntry],
) -> None:
    h = {k: v.id for k, v in history.items()}
    assert ids("journal", "list") == [
        h["today"],
        h["yesterday"],
        h["week"],
        h["old"],
    ]
    cases = {
        ("-n", "2"): [h["today"], h["yesterday"]],
        ("--since", "7d"): [h["today"], h["yesterday"], h["week"]],
        ("--since", "1w", "--until", "yesterday"): [h["yesterday"], h["week"]],
        ("--since", "today"): [h["today"]],
        ("--until", "2026-02-20"): [h["old"]],
        ("--tag", "Work"): [h["yesterday"], h["week"]],
        ("--prompt", "reframe"): [h["yesterday"]],
        ("--tag", "calm", "--since", "2w"): [],
    }
    for args, expected in cases.items():
        assert ids("journal", "list", *args) == expected, args


def test_list_for_people_shows_short_ids_and_says_when_there_is_more(
    history: dict[str, JournalEntry],
) -> None:
    svc, _, terminal = fresh()
    assert run(svc, "journal", "list", "-n", "2").exit_code == 0
    assert history["today"].id[:8] in terminal.stdout
    assert history["old"].id[:8] not in terminal.stdout
    assert "These are the newest 2" in terminal.stderr
    assert "\x1b[" not in terminal.stdout


def test_bad_dates_are_named_clearly() -> None:
    for args, words in [
        (("--since", "last tuesday"), "'last tuesday' is not a date"),
        (("--until", "2026-13-01"), "'2026-13-01' is not a date"),
        (("--since", "today", "--until", "7d"), "is after --until"),
    ]:
        svc, _, _ = fresh()
        result = run(svc, "journal", "list", *args)
        assert result.exit_code == 1
        assert words in result.output
        assert "Traceback" not in result.output


def test_search_finds_every_word_as_a_prefix_ignoring_accents(
    history: dict[str, JournalEntry],
) -> None:
    h = {k: v.id for k, v in history.items()}
    cases = {
        "tired": [h["today"], h["week"]],  # "Tiredness" starts with "tired"
        "tired friend": [h["today"], h["week"]],
        "cafe": [h["old"]],
        "CRITIC loud": [h["yesterday"]],
        "nothing-like-this": [],
    }
    for text, expected in cases.items():
        assert ids("journal", "search", text) == expected, text
    assert ids("journal", "search", "tired", "--since", "2d") == [h["today"]]
    svc, _, _ = fresh()
    result = run(svc, "journal", "search", "?!")
    assert result.exit_code == 1 and "no words to search for" in result.output


class NoFts5:
    """A connection whose SQLite was built without FTS5."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, *args: Any) -> Any:
        if "fts5" in sql:
            raise sqlite3.OperationalError("no such module: fts5")
        return self.conn.execute(sql, *args)


def test_the_search_migration_works_on_sqlite_without_fts5(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    with Store.open(db, MIGRATIONS[:3]):
        pass
    conn = sqlite3.connect(db)
    m004_journal_search(NoFts5(conn))  # type: ignore[arg-type]
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    # Search has its own word index since m008, so such a database searches like any other.
    with Store.open(db) as store:
        assert store.schema_version == len(MIGRATIONS)
        seed(store, "Words without an index.", date(2026, 3, 14))
        assert len(store.search_journal(["without"])) == 1


def test_entries_written_before_the_search_index_are_found(tmp_path: Path) -> None:
    db = tmp_path / "kind.db"
    with Store.open(db, MIGRATIONS[:3]) as old, old.transaction() as conn:
        session = SessionRecord(
            practice="journal",
            content_id="free",
            moment=Moment.of(datetime(2026, 1, 2, 9, 0, tzinfo=TZ)),
            id="0ld-entry",
        )
        conn.execute(
            "INSERT INTO sessions (id, practice, content_id, started_utc, utc_offset_minutes, "
            "local_date, completed) VALUES (?, 'journal', 'free', ?, 60, ?, 1)",
            (session.id, session.moment.utc_text, session.moment.local_date.isoformat()),
        )
        conn.execute(
            "INSERT INTO journal_entries (session_id, prompt_id, body, created_utc, "
            "updated_utc) VALUES (?, 'free', 'an early entry', 'x', 'x')",
            (session.id,),
        )
    with Store.open(db) as store:
        assert [e.id for e in store.search_journal(["early"])] == ["0ld-entry"]


# ---- one entry: show, edit, delete ----------------------------------------------------------


def test_show_takes_a_short_unique_prefix(history: dict[str, JournalEntry]) -> None:
    entry = history["yesterday"]
    svc, _, terminal = fresh()
    assert run(svc, "journal", "show", entry.id[:6].upper()).exit_code == 0
    assert "The critic was loud." in terminal.stdout
    assert "critic, work" in terminal.stdout
    shown = data("journal", "show", entry.id)
    assert shown["text"] == "The critic was loud." and shown["prompt"] == "reframe"


def test_unknown_and_ambiguous_ids_are_clear() -> None:
    with open_store() as store:
        for suffix in ("1", "2"):
            e = seed(store, f"entry {suffix}", date(2026, 3, 14))
            store.delete_journal_entry(e.id)
            e.session.id = f"abcd000{suffix}-0000-0000-0000-000000000000"
            store.add_journal_entry(e)
    svc, _, _ = fresh()
    result = run(svc, "journal", "show", "abcd")
    assert result.exit_code == 1
    assert "More than one entry has an id starting 'abcd'" in result.output
    svc, _, _ = fresh()
    assert run(svc, "journal", "show", "abcd0002").exit_code == 0
    for bad in ("ffff", "zz*", "%"):
        svc, _, _ = fresh()
        result = run(svc, "journal", "show", bad)
        assert result.exit_code == 1
        assert "no journal entry with an id starting" in result.output


FAKE_EDITOR = """\
import os, stat, sys
path = sys.argv[1]
with open(os.environ["EDITOR_LOG"], "a") as log:
    log.write(f"{path} {oct(stat.S_IMODE(os.stat(path).st_mode))}\\n")
text = open(path, encoding="utf-8").read()
text = text.replace(os.environ.get("EDITOR_FIND", ""), os.environ.get("EDITOR_REPLACE", ""))
open(path, "w", encoding="utf-8").write(text)
sys.exit(int(os.environ.get("EDITOR_EXIT", "0")))
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "fake_editor.py"
    script.write_text(FAKE_EDITOR)
    log = tmp_path / "editor.log"
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR_LOG", str(log))
    return log


def test_edit_changes_the_words_in_a_private_file_that_is_removed_after(
    history: dict[str, JournalEntry], editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = history["week"]
    monkeypatch.setenv("EDITOR_FIND", "friends helped.")
    monkeypatch.setenv("EDITOR_REPLACE", "friends helped. I rested ☕.")
    svc, _, terminal = fresh()
    assert run(svc, "journal", "edit", entry.id[:8]).exit_code == 0
    assert "Saved your changes" in terminal.stdout
    path, mode = editor.read_text().split()
    assert mode == "0o600"
    assert Path(path).parent == resolve_paths().editing
    assert not Path(path).exists()
    assert stat.S_IMODE(Path(path).parent.stat().st_mode) == 0o700
    with open_store() as store:
        again = store.get_journal_entry(entry.id)
        assert again is not None
        assert again.body == "Tired after work, friends helped. I rested ☕."
        assert again.tags == ["work"]
        assert store.search_journal(["rested"])[0].id == entry.id
        assert store.search_journal(["friends"])[0].id == entry.id


def test_edit_leaves_the_entry_alone_when_nothing_or_everything_is_removed(
    history: dict[str, JournalEntry], editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = history["today"]
    svc, _, terminal = fresh()
    assert run(svc, "journal", "edit", entry.id[:8]).exit_code == 0
    assert "No changes" in terminal.stdout
    monkeypatch.setenv("EDITOR_FIND", entry.body)
    svc, _, terminal = fresh()
    assert run(svc, "journal", "edit", entry.id[:8]).exit_code == 0
    assert "came back empty" in terminal.stdout
    monkeypatch.setenv("EDITOR_REPLACE", "changed")
    monkeypatch.setenv("EDITOR_EXIT", "1")
    svc, _, terminal = fresh()
    failed = run(svc, "journal", "edit", entry.id[:8])
    assert failed.exit_code == 1
    assert "editor ended with an error, so the entry was left as it was" in failed.stderr
    with open_store() as store:
        again = store.get_journal_entry(entry.id)
    assert again is not None and again.body == entry.body


def test_edit_can_answer_a_question_that_was_skipped(
    editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc, _, _ = fresh([EVENING, "A hard call.", "", "Go easy."])
    assert run(svc, "journal").exit_code == 0
    heading = "## How is this part of being human?\n"
    monkeypatch.setenv("EDITOR_FIND", heading)
    monkeypatch.setenv("EDITOR_REPLACE", heading + "Calls are hard for many people.\n")
    with open_store() as store:
        [entry] = store.journal_entries()
    svc, _, _ = fresh()
    assert run(svc, "journal", "edit", entry.id[:8]).exit_code == 0
    with open_store() as store:
        again = store.get_journal_entry(entry.id)
    assert again is not None
    assert [(a.question_id, a.answer) for a in again.answers] == [
        ("noticing", "A hard call."),
        ("human", "Calls are hard for many people."),
        ("kindness", "Go easy."),
    ]


def test_writing_in_the_editor_uses_the_questions_as_headings(
    editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heading = "## What is your inner critic saying? Try to write its exact words.\n"
    monkeypatch.setenv("EDITOR_FIND", heading)
    monkeypatch.setenv("EDITOR_REPLACE", heading + "You are too slow.\n# my own heading\n")
    svc, _, _ = fresh()
    assert run(svc, "journal", "--editor", "--prompt", "reframe").exit_code == 0
    with open_store() as store:
        [entry] = store.journal_entries()
    # Only kind's own lines are left out: the person's "# " line is theirs, and stays.
    assert [(a.question_id, a.answer) for a in entry.answers] == [
        ("critic", "You are too slow.\n# my own heading")
    ]
    assert not any(resolve_paths().editing.iterdir())


def test_an_editor_error_keeps_the_words_as_a_draft(
    editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR_FIND", "## What is on your mind?\n")
    monkeypatch.setenv("EDITOR_REPLACE", "## What is on your mind?\nhalf a thought\n")
    monkeypatch.setenv("EDITOR_EXIT", "1")
    svc, _, _ = fresh()
    failed = run(svc, "journal", "--editor", "-p", "free")
    assert failed.exit_code == 1
    assert "kept as a draft" in failed.stderr
    with open_store() as store:
        [draft] = store.journal_drafts()
        assert store.journal_entries() == []
    assert draft.answers[0].answer == "half a thought"


def test_the_template_never_drops_written_words() -> None:
    questions = editing.template_questions(prompt_set("evening"))
    text = editing.make_template("t", questions)
    edited = "before any heading\n" + text.replace("## How is this part of being human?\n", "")
    edited = edited.replace(
        "## What kind words would you like to hear right now?\n",
        "## What kind words would you like to hear right now?\n#hashtag stays\n",
    )
    answers = editing.parse_template(edited, questions, "t")
    assert [(a.question_id, a.answer) for a in answers] == [
        ("noticing", "before any heading"),
        ("kindness", "#hashtag stays"),
    ]


def test_delete_asks_first_and_yes_skips_the_question(history: dict[str, JournalEntry]) -> None:
    entry = history["old"]
    svc, prompter, terminal = fresh([False])
    assert run(svc, "journal", "delete", entry.id[:8]).exit_code == 0
    assert "Nothing was deleted" in terminal.stdout
    assert prompter.asked[0][0] == "confirm"
    svc, _, _ = fresh(interactive=False)
    result = run(svc, "journal", "delete", entry.id[:8])
    assert result.exit_code == 1 and "--yes" in result.output
    svc, _, _ = fresh([True])
    assert run(svc, "journal", "delete", entry.id[:8]).exit_code == 0
    svc, _, terminal = fresh()
    assert run(svc, "journal", "delete", history["week"].id, "--yes").exit_code == 0
    with open_store() as store:
        assert store.get_journal_entry(entry.id) is None
        assert store.session(entry.id) is None
        assert store.search_journal(["cafe"]) == []
        assert dict(store.journal_tags()) == {"work": 1, "critic": 1}
        assert len(store.journal_entries()) == 2
    svc, _, _ = fresh()
    assert run(svc, "journal", "show", entry.id[:8]).exit_code == 1


def test_tags_lists_each_tag_with_its_count(history: dict[str, JournalEntry]) -> None:
    svc, _, terminal = fresh()
    assert run(svc, "journal", "tags").exit_code == 0
    assert terminal.stdout.splitlines()[1].split() == ["work", "2"]
    tags = data("journal", "tags")
    assert tags == [
        {"tag": "work", "entries": 2},
        {"tag": "calm", "entries": 1},
        {"tag": "critic", "entries": 1},
    ]


# ---- small parsers ---------------------------------------------------------------------------


def test_days_tags_and_ids_parse_as_a_person_writes_them() -> None:
    today = date(2026, 3, 14)
    assert lookup.parse_day("today", today) == today
    assert lookup.parse_day(" Yesterday ", today) == date(2026, 3, 13)
    assert lookup.parse_day("7d", today) == date(2026, 3, 7)
    assert lookup.parse_day("2w", today) == date(2026, 2, 28)
    assert lookup.parse_day("2026-01-05", today) == date(2026, 1, 5)
    with pytest.raises(KindError):
        lookup.parse_day("soon", today)
    assert lookup.normalise_tags(["#Work Stress", "work-stress", "Ünï"]) == [
        "work-stress",
        "ünï",
    ]
    assert lookup.resolve_id("ab", ["abc"]) == "abc"
    with pytest.raises(KindError):
        lookup.resolve_id("ab", [])


def test_every_shipped_prompt_set_is_complete() -> None:
    catalog = Catalog(shipped_content_dir())
    sets = {s.id: s for s in catalog.items("prompts")}
    assert set(sets) >= {"evening", "friend", "letter", "reframe", "gratitude", "free"}
    # Stats and export read the reframe set's answers by these ids: they never change.
    assert [q.id for q in sets["reframe"].questions] == ["critic", "reframe", "step"]
    default = PromptSet.model_fields["closing"].default
    for s in sets.values():
        assert isinstance(s, PromptSet) and s.questions
        # Every set ends with a closing line of its own, not the generic one.
        assert s.closing and s.closing != default, f"{s.id} has no closing of its own"


def test_the_letter_is_read_again_slowly_before_the_question_about_it() -> None:
    letter = "Dear you,\nYou have carried so much.\n\nWith care, a friend"
    clock = FakeClock()
    keys = FakeKeys(clock)  # nobody presses anything: each piece stays its reading time
    svc, prompter, terminal = fresh(
        ["A letter from a kind friend (letter)", letter, "Warmth."], clock=clock, keys=keys
    )
    start = clock.monotonic()
    result = run(svc, "journal")
    assert result.exit_code == 0, result.output
    out = terminal.stdout
    reread = prompt_set("letter").questions[1]
    assert reread.reread == "letter"
    # Shown again, whole and in order, after it was written and before the next question.
    pieces = rereading.reading_pieces(letter)
    assert [p.strip() for p in pieces] == [
        "Dear you,",
        "You have carried so much.",
        "With care, a friend",
    ]
    at = [out.index(f"    {p.strip()}") for p in pieces]
    assert at == sorted(at)
    assert keys.opened and keys.closed
    paced = sum(rereading.reading_seconds(p) for p in pieces)
    assert clock.monotonic() - start == pytest.approx(paced, abs=0.01)
    assert [m for k, m in prompter.asked if k == "text"] == [
        q.text for q in prompt_set("letter").questions
    ]
    # Then the closing, pointing to a command that finds the letter again.
    closing = " ".join(prompt_set("letter").closing.split())
    assert closing in " ".join(out.split())
    assert "`kind journal list --prompt letter`" in closing
    found = run(make_services(interactive=False), "journal", "list", "--prompt", "letter", "--json")
    assert found.exit_code == 0 and len(json.loads(found.stdout)) == 1


def test_reading_again_moves_on_with_enter_and_q_shows_the_rest_at_once() -> None:
    text = "One.\nTwo.\nThree.\nFour."
    clock = FakeClock()
    terminal = RecordingTerminal()
    keys = FakeKeys.typed(clock, "next", "quit")
    progress = rereading.read_again(text, out=terminal, clock=clock, keys=keys)
    assert progress.ending == "quit"
    assert [line.strip() for line in terminal.stdout.splitlines()] == [
        "One.",
        "Two.",
        "Three.",
        "Four.",
    ]
    assert clock.monotonic() - 1000.0 < 0.01  # nobody waited for anything
    assert keys.closed and not keys.open_now


def test_long_lines_are_read_in_sentences_and_no_word_is_lost() -> None:
    sentence = "This is a sentence of exactly ten words, more or less."
    line = " ".join([sentence] * 7)
    pieces = rereading.reading_pieces(line + "\n\nThe end.")
    assert len(pieces) > 2 and all(len(p.split()) <= 30 for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join((line + " The end.").split())
    assert pieces[-1] == "\nThe end."


def test_a_reread_must_name_an_earlier_question(tmp_path: Path) -> None:
    from kindcli.catalog.loader import load_file
    from kindcli.errors import ContentError

    path = tmp_path / "prompts" / "odd.yaml"
    path.parent.mkdir()
    path.write_text(
        "id: odd\nname: Odd\nquestions:\n  - id: first\n    text: First?\n    reread: later\n"
        "  - id: later\n    text: Later?\n"
    )
    with pytest.raises(ContentError) as caught:
        load_file(path, "prompts")
    assert "rereads 'later', which is not a question before it" in str(caught.value)


@pytest.mark.parametrize(
    "args", [["journal", "list", "-n", "10"], ["journal", "search", "tired"], ["journal", "tags"]]
)
def test_looking_back_stays_light(args: list[str], kind_env: dict[str, str]) -> None:
    from tests.test_imports import HEAVY, modules_loaded_by

    loaded = modules_loaded_by(args, kind_env)
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY)
    assert heavy == [], f"kind {' '.join(args)} imported {heavy}"
    # Nor the writing half of the journal, nor rich (output here is piped).
    assert "kindcli.practices.journal" not in loaded
    assert "rich" not in loaded


def test_reading_commands_never_create_a_database(kind_home: Path) -> None:
    from typer.testing import CliRunner

    from kindcli.cli import app

    runner = CliRunner()
    for args in (
        ["journal", "list"],
        ["journal", "tags"],
        ["journal", "search", "tired"],
        ["plan", "show"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    assert not (kind_home / "kind.db").exists()


def test_a_filter_that_matches_nothing_says_so_not_that_the_journal_is_empty() -> None:
    from typer.testing import CliRunner

    from kindcli.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["journal", "--tag", "work"], input="Something kind.").exit_code == 0
    result = runner.invoke(app, ["journal", "list", "--tag", "nope"])
    assert "No entries match these filters" in result.stderr


def test_message_saves_an_entry_without_questions_one_paragraph_per_m() -> None:
    svc, prompter, terminal = fresh()
    result = run(svc, "journal", "-m", "A hard day.", "-m", "  ", "-m", "I rested.", "-t", "Work")
    assert result.exit_code == 0, result.output
    assert "Saved your journal entry" in terminal.stdout
    with open_store() as store:
        [entry] = store.journal_entries()
    assert entry.body == "A hard day.\n\nI rested."
    assert entry.tags == ["work"] and entry.prompt_id == "free"
    assert entry.session.details["via"] == "message"
    assert prompter.asked == []


def test_an_empty_message_saves_nothing() -> None:
    svc, _, _ = fresh()
    result = run(svc, "journal", "-m", " ")
    assert result.exit_code == 1
    assert "Nothing was saved" in result.stderr
    with open_store() as store:
        assert store.journal_entries() == []


def test_tags_change_after_saving_and_the_words_stay() -> None:
    svc, _, _ = fresh()
    run(svc, "journal", "-m", "Walked by the river.", "-t", "work", "-t", "outside")
    with open_store() as store:
        [entry] = store.journal_entries()
    svc, _, terminal = fresh()
    result = run(svc, "journal", "tag", entry.id[:6], "--add", "Rest", "-r", "work", "-r", "nope")
    assert result.exit_code == 0, result.output
    assert f"Tags on {entry.id[:8]}: outside, rest." in terminal.stdout
    assert "did not have nope" in terminal.stderr
    with open_store() as store:
        again = store.get_journal_entry(entry.id)
        assert again is not None
        assert again.tags == ["outside", "rest"] and again.body == entry.body
        assert [e.id for e in store.journal_entries(JournalFilter(tag="rest"))] == [entry.id]
        assert store.journal_entries(JournalFilter(tag="work")) == []
    svc, _, _ = fresh()
    assert run(svc, "journal", "tag", entry.id[:6]).exit_code == 1
    assert run(svc, "journal", "tag", entry.id[:6], "-a", "x", "-r", "x").exit_code == 1


def test_a_sitting_records_the_minutes_spent_writing_and_stats_adds_them() -> None:
    clock = FakeClock()

    class SlowWriter(FakePrompter):
        def text(self, message: str, *, default: str = "", multiline: bool = False) -> str:
            clock.advance(90)  # a minute and a half on each answer
            return super().text(message, default=default, multiline=multiline)

    writer = SlowWriter(["First thing.", "Second thing.", "Third thing."])
    svc = make_services(
        clock=clock, prompter=writer, terminal=RecordingTerminal(), keys=FakeKeys(clock)
    )
    assert run(svc, "journal", "-p", "evening").exit_code == 0
    with open_store() as store:
        [entry] = store.journal_entries()
    asked = len(writer.asked)
    assert entry.session.actual_seconds == pytest.approx(90 * asked, abs=1)
    svc, _, terminal = fresh(clock=clock)
    assert run(svc, "stats", "--json").exit_code == 0
    stats = json.loads(terminal.stdout)
    assert stats["by_practice"]["journal"]["minutes"] == pytest.approx(1.5 * asked, abs=0.1)
