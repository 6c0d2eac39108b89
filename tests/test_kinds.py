"""The practice registry: every table that knows the practices is derived from it.

The proof adds one practice kind to `kindcli/kinds.py` (and nowhere else), in a fresh
interpreter, and checks that every part of kind that lists practices now knows it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kindcli.kinds import BY_ID, KINDS, PRACTICE_IDS, Facts, counts_as_practice, from_word

REPO = Path(__file__).resolve().parent.parent

PROBE = r'''
import importlib.util, json, sys, types
from pathlib import Path

import kindcli

source = Path(kindcli.__file__).with_name("kinds.py").read_text()
extra = """
KINDS = (*KINDS, PracticeKind(
    id="tai-chi", command="taichi", content_type="forms", model="Meditation",
    content_noun="form", noun="tai chi session", nouns="tai chi sessions",
    table_name="tai chi", used_name="forms", menu_label="Slow tai chi forms",
    welcome=True, log_aliases=("taiji",), counts=_always,
    cli=("kindcli.cli.care", "about"),
))
"""
assert "\nBY_ID: dict" in source
module = types.ModuleType("kindcli.kinds")
module.__file__ = "kinds.py"
sys.modules["kindcli.kinds"] = module
exec(compile(source.replace("\nBY_ID: dict", extra + "\nBY_ID: dict"), "kinds.py", "exec"),
     module.__dict__)

from datetime import date, datetime, timezone
import tempfile

from kindcli import kinds
from kindcli.catalog import CONTENT_TYPES, TYPE_ALIASES, TYPE_NOUNS
from kindcli.catalog.loader import CONTENT_MODELS
from kindcli.cli import COMMANDS
from kindcli.kinds import sessions_in_words
from kindcli.cli.menu import LABELS
from kindcli.cli.welcome import WELCOME_COMMANDS
from kindcli.ports import Moment
from kindcli.practices import stats, stats_view
from kindcli.store import Store
from kindcli.store.records import SessionRecord

found = {
    "practice ids": "tai-chi" in kinds.PRACTICE_IDS,
    "content types": "forms" in CONTENT_TYPES,
    "content nouns": TYPE_NOUNS.get("forms") == "form",
    "content aliases": TYPE_ALIASES.get("taichi") == "forms",
    "content models": CONTENT_MODELS["forms"].__name__ == "Meditation",
    "commands": COMMANDS.get("taichi") == ("kindcli.cli.care", "about"),
    "menu": LABELS.get("taichi") == "Slow tai chi forms",
    "welcome": "taichi" in WELCOME_COMMANDS,
    "stats table": stats_view.TABLE_NAMES.get("tai-chi") == "tai chi",
    "most used": stats_view.MOST_USED_NAMES.get("tai-chi") == "forms",
    "doctor nouns": sessions_in_words("tai-chi", 2) == "2 tai chi sessions",
    "log words": kinds.from_word("taiji") is not None,
}
with tempfile.TemporaryDirectory() as home:
    moment = Moment.of(datetime(2026, 3, 14, 9, tzinfo=timezone.utc))
    with Store.open(Path(home) / "kind.db") as store:
        store.add_session(SessionRecord(practice="tai-chi", content_id="x", moment=moment))
        result = stats.gather(store, today=date(2026, 3, 15), grace_days=1)
        found["records and the store"] = store.counts() == {"tai-chi": 1}
        found["counted as practice"] = store.stats_practice_days() == [date(2026, 3, 14)]
        found["stats"] = stats.to_json(result)["by_practice"]["tai-chi"]["sessions"] == 1
print(json.dumps(found))
'''


def test_every_table_that_knows_the_practices_is_derived_from_the_registry() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    missing = [table for table, knows in found.items() if not knows]
    assert missing == [], f"tables that did not learn of the new kind: {missing}"
    assert len(found) >= 15


def test_ids_commands_and_words_are_unique() -> None:
    assert len(PRACTICE_IDS) == len(set(PRACTICE_IDS)) == len(KINDS)
    commands = [k.command for k in KINDS]
    assert len(commands) == len(set(commands))
    for kind in KINDS:
        for word in (kind.id, kind.command, *kind.log_aliases):
            assert from_word(word.upper()) is kind


def test_what_counts_as_practice_is_one_rule() -> None:
    assert counts_as_practice("break", "app", True, 40, {})
    assert not counts_as_practice("break", "app", True, 0.1, {"counts_as_practice": False})
    assert counts_as_practice("journal", "app", True, None, {})
    assert not counts_as_practice("breathing", "app", False, 7, {"cycles_completed": 0})
    assert counts_as_practice("breathing", "app", False, 70, {"cycles_completed": 1})
    assert not counts_as_practice("meditation", "app", False, 59, {})
    assert counts_as_practice("meditation", "app", False, 60, {})
    assert counts_as_practice("meditation", "app", True, 20, {})
    # Logged by hand always counts; a practice this kind does not know never does.
    assert all(counts_as_practice(k, "manual", False, None, {}) for k in BY_ID)
    assert not counts_as_practice("juggling", "app", True, 600, {})
    assert BY_ID["breathing"].counts_as_practice(Facts("app", True, 5, {"cycles_completed": 2}))
