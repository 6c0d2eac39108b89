"""`kind measure`: scoring, bad measure files, taking one (and stopping), looking back, and
saying at most once that a measure is ready to take again."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from kindcli.catalog.catalog import Catalog, check_paths
from kindcli.catalog.loader import load_file
from kindcli.catalog.measure_models import Measure
from kindcli.cli import app
from kindcli.errors import ContentError
from kindcli.paths import shipped_content_dir
from kindcli.ports import Moment, Stopped
from kindcli.practices import measure as practice
from kindcli.practices import measure_history as history
from kindcli.store import Store
from tests.fakes import FakeClock, FakePrompter, RecordingTerminal, make_services

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "content" / "templates" / "measure.yaml"
runner = CliRunner()
# Reverse items, two subscales of unequal size, a 0-4 scale, and an item that asks for care.
MEASURE = """\
id: test-measure
name: A test measure
summary: For the tests.
about: Made up for the tests.
source: The test suite.
license: Free for any use.
scale:
  min: 0
  max: 4
  anchors: {0: Never, 4: Always}
items:
  - {id: a, text: First.}
  - {id: b, text: Second.}
  - {id: c, text: Third.}
  - {id: d, text: Fourth., support_answers: [4]}
reverse: [b, d]
subscales:
  - {id: one, name: One, items: [a, b]}
  - {id: two, name: Two, items: [c]}
scoring: {scoring}
how_often: {{min_days: 14, max_days: 28}}
"""


def measure(scoring: str = "mean", **changes: Any) -> Measure:
    raw = yaml.safe_load(
        MEASURE.replace("{scoring}", scoring).replace("{{", "{").replace("}}", "}")
    )
    raw.update(changes)
    return Measure.model_validate(raw)


def shipped() -> Measure:
    return Catalog(shipped_content_dir()).get(Measure, "kindness-toward-myself")


# ---- scoring -------------------------------------------------------------------------------


def test_reverse_items_count_the_other_way_round_in_the_total_and_the_subscales() -> None:
    m = measure("mean")
    scores = {s.id: s for s in practice.score(m, {"a": 3, "b": 1, "c": 2, "d": 0})}
    # b and d are reversed on 0-4: 1 counts 3, 0 counts 4.
    assert scores["total"].value == pytest.approx((3 + 3 + 2 + 4) / 4)
    assert scores["one"].value == pytest.approx((3 + 3) / 2)
    assert scores["two"].value == 2
    assert (scores["total"].low, scores["total"].high) == (0, 4)


def test_sum_scoring_ranges_follow_the_number_of_items() -> None:
    m = measure("sum")
    scores = {s.id: s for s in practice.score(m, {"a": 4, "b": 4, "c": 1, "d": 4})}
    assert scores["total"].value == 4 + 0 + 1 + 0
    assert scores["one"].value == 4 and (scores["one"].low, scores["one"].high) == (0, 8)
    assert (scores["two"].low, scores["two"].high) == (0, 4)
    assert (scores["total"].low, scores["total"].high) == (0, 16)


def test_without_a_total_only_the_subscales_are_scored() -> None:
    result = practice.result_of(
        measure(total=False), {"a": 1, "b": 1, "c": 1, "d": 1}, Moment.of(FakeClock().now())
    )
    assert [s.id for s in result.scores] == ["one", "two"]
    assert result.headline.id == "one"


def test_the_shipped_reflection_scores_its_three_parts() -> None:
    m = shipped()
    answers = dict.fromkeys((i.id for i in m.items), 5)
    scores = {s.id: s.value for s in practice.score(m, answers)}
    # Every "most of the time": 5 for the kind items, 1 for their reversed partners.
    assert scores == {"total": 3, "kindness": 3, "common-humanity": 3, "mindfulness": 3}


def test_the_shipped_reflection_says_plainly_what_it_is() -> None:
    m = shipped()
    assert 4 <= len(m.items) <= 6
    assert {s.id for s in m.subscales} == {"kindness", "common-humanity", "mindfulness"}
    assert "personal reflection" in m.about and "not a validated test" in m.about
    assert "personal reflection" in m.summary
    assert "Not a published scale" in m.source and m.license
    assert set(m.reverse) < {i.id for i in m.items}
    assert m.how_often is not None and m.how_often.min_days == 14


# ---- bad measure files ---------------------------------------------------------------------


def write_template(tmp_path: Path, old: str, new: str) -> Path:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "measures" / "mine.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("license: The terms", "# license: The terms", "license: is required", None),
        ("reverse: [second-question]", "reverse: [second-questoin]", "reverse:", "reverse:"),
        ("  max: 5 ", "  max: 1 ", "scale.max: must be more than min", "  max: 1"),
        (
            "    5: Words for",
            "    9: Words for",
            "scale.anchors: 9 is not an answer",
            "    1: Words",
        ),
        (
            "items: [third-question, fourth-question]",
            "items: [third-question, fifth-question]",
            "subscales: subscale 'second-part': 'fifth-question' is not an item",
            "  - id: first-part",
        ),
    ],
)
def test_a_bad_measure_file_names_the_file_and_the_field(
    tmp_path: Path, old: str, new: str, field: str, line: str | None
) -> None:
    path = write_template(tmp_path, old, new)
    with pytest.raises(ContentError) as caught:
        load_file(path, "measures")
    message = str(caught.value)
    assert message.startswith(f"{path}:"), message
    assert field in message
    if line is not None:
        number = int(message.split(":")[1])
        assert path.read_text().splitlines()[number - 1].startswith(line), message
    # `kind content validate` says the same, and `add` copies nothing.
    assert any(field in p for p in check_paths([path]).problems)
    result = runner.invoke(app, ["content", "add", str(path)], obj=make_services(interactive=False))
    assert result.exit_code == 1
    assert field in result.output
    assert not (tmp_path / "kind-home" / "content").exists()


def test_the_template_is_a_valid_measure_and_kind_prints_it() -> None:
    [item] = load_file(TEMPLATE, "measures")
    assert item.id == "my-measure"
    svc = make_services(terminal=RecordingTerminal(), interactive=False)
    result = runner.invoke(app, ["measure", "--template"], obj=svc)
    assert result.exit_code == 0
    assert svc.terminal.stdout == TEMPLATE.read_text(encoding="utf-8")  # type: ignore[attr-defined]


def test_a_measure_of_ones_own_is_added_with_content_add(tmp_path: Path, kind_home: Path) -> None:
    path = write_template(tmp_path, "id: my-measure", "id: scs-mine")
    result = runner.invoke(app, ["content", "add", str(path), "--type", "measures"])
    assert result.exit_code == 0, result.output
    svc = make_services(terminal=RecordingTerminal(), interactive=False)
    assert runner.invoke(app, ["measure", "--list"], obj=svc).exit_code == 0
    listed = svc.terminal.stdout  # type: ignore[attr-defined]
    assert "scs-mine" in listed and "(yours)" in listed and "kindness-toward-myself" in listed


# ---- taking one ------------------------------------------------------------------------------


def take(
    m: Measure, answers: list[Any], go_on: bool = True
) -> tuple[Any, RecordingTerminal, list[int]]:
    prompter = FakePrompter(answers)
    out = RecordingTerminal()
    supported: list[int] = []

    def on_support(more: bool) -> bool:
        supported.append(len(prompter.asked) if more else -len(prompter.asked))
        return go_on

    result = practice.take(m, prompter=prompter, out=out, clock=FakeClock(), on_support=on_support)
    return result, out, supported


def test_each_item_shows_its_numbered_answers_and_a_wrong_answer_is_asked_again() -> None:
    result, out, supported = take(measure(), ["5", "x", "", "2", "1", "3", "0"])
    assert result.answers == {"a": 2, "b": 1, "c": 3, "d": 0}
    text = out.stdout
    assert "1 of 4. First." in text and "4 of 4. Fourth." in text
    assert "  0  Never" in text and "  4  Always" in text and "any whole number from 0 to 4" in text
    assert text.count("A whole number from 0 to 4, please") == 3
    assert supported == []


@pytest.mark.parametrize("stop", ["q", "Quit"])
def test_q_stops_before_anything_is_kept(stop: str) -> None:
    with pytest.raises(Stopped):
        take(measure(), ["1", "2", stop])


def test_an_answer_that_asks_for_care_calls_for_support_at_once() -> None:
    result, _, supported = take(measure(), ["1", "1", "1", "4"])
    assert supported == [-4]  # right after the fourth answer, the last one
    assert result.answers["d"] == 4
    with pytest.raises(Stopped):
        take(measure(), ["1", "1", "1", "4"], go_on=False)
    # Part-way through, it asks whether to go on, and the rest follow.
    first = {"id": "a", "text": "First.", "support_answers": [0]}
    items = [first, *({"id": i, "text": "More."} for i in "bcd")]
    result, _, supported = take(measure(items=items), ["0", "1", "1", "1"])
    assert supported == [1] and result.answers == {"a": 0, "b": 1, "c": 1, "d": 1}


def run_measure(*args: str, answers: list[Any] = (), interactive: bool = True, **kw: Any) -> Any:  # type: ignore[assignment]
    svc = make_services(
        clock=kw.get("clock") or FakeClock(),
        prompter=FakePrompter(list(answers)),
        terminal=RecordingTerminal(),
        interactive=interactive,
    )
    result = runner.invoke(app, ["measure", *args], obj=svc)
    return result, svc.terminal


def results(kind_home: Path) -> list[Any]:
    if not (kind_home / "kind.db").exists():
        return []
    with Store.open(kind_home / "kind.db") as store:
        return store.measure_results()


def test_taking_the_shipped_measure_saves_its_scores_and_never_counts_as_practice(
    kind_home: Path,
) -> None:
    result, out = run_measure("kindness-toward-myself", answers=["4", "2", "4", "3", "5", "2"])
    assert result.exit_code == 0, result.output
    [saved] = results(kind_home)
    assert saved.measure_name == "Kindness toward myself"
    assert {s.id: s.value for s in saved.scores} == {
        "total": 4.0,
        "kindness": 4.0,
        "common-humanity": 3.5,
        "mindfulness": 4.5,
    }
    assert saved.every_days == 14
    words = " ".join(out.stdout.split())
    assert "not a validated test" in words
    assert "Saved. Your scores for Kindness toward myself:" in words
    assert "Common humanity: 3.5" in words
    with Store.open(kind_home / "kind.db") as store:
        assert store.stats_practice_days() == []
        assert store.counts() == {}


def test_stopping_part_way_saves_nothing_and_says_so(kind_home: Path) -> None:
    result, out = run_measure(answers=["4", "2", "q"])
    assert result.exit_code == 0
    assert "Nothing from this measure was saved" in out.stdout
    assert results(kind_home) == []


def test_ctrl_c_saves_nothing_and_says_so(kind_home: Path) -> None:
    result, out = run_measure(answers=["4", KeyboardInterrupt()])
    assert result.exit_code == 130
    assert "Nothing from this measure was saved" in out.stderr
    assert results(kind_home) == []


def test_without_a_terminal_it_says_what_it_needs(kind_home: Path) -> None:
    result, _ = run_measure(interactive=False)
    assert result.exit_code == 1
    assert "needs a terminal" in result.output
    assert not (kind_home / "kind.db").exists()


def test_json_goes_with_list_or_history() -> None:
    result, _ = run_measure("--json")
    assert result.exit_code == 2
    assert "--json goes with --list or --history" in result.output


def test_an_answer_that_asks_for_care_shows_the_support_block_and_may_stop_there(
    tmp_path: Path, kind_home: Path
) -> None:
    own = kind_home / "content" / "measures"
    own.mkdir(parents=True)
    (own / "test.yaml").write_text(
        MEASURE.replace("{scoring}", "mean").replace("{{", "{").replace("}}", "}")
    )
    from kindcli.practices.care import ARE_YOU_SAFE
    from kindcli.practices.grounding import NOT_NOW

    # Going on after the support block (and not now to the minute of grounding): saved.
    result, out = run_measure("test-measure", answers=["1", "1", "1", "4", NOT_NOW, True])
    assert result.exit_code == 0, result.output
    words = " ".join(out.stdout.split())
    assert ARE_YOU_SAFE in words
    assert "findahelpline.com" in words or "988" in words or "emergency" in words.lower()
    assert len(results(kind_home)) == 1
    # Stopping there: nothing is saved.
    result, out = run_measure("test-measure", answers=["1", "1", "1", "4", NOT_NOW, False])
    assert result.exit_code == 0
    assert "Nothing from this measure was saved" in out.stdout
    assert len(results(kind_home)) == 1


# ---- looking back ----------------------------------------------------------------------------


def seed_results(kind_home: Path, values: list[tuple[int, ...]], start: date) -> None:
    from tests.report_seed import at

    m = shipped()
    with Store.open(kind_home / "kind.db") as store:
        for n, v in enumerate(values):
            answers = dict(zip((i.id for i in m.items), v, strict=True))
            store.add_measure_result(
                practice.result_of(m, answers, at(start + timedelta(days=14 * n), 18))
            )


def test_history_draws_a_trend_and_describes_the_change(kind_home: Path) -> None:
    seed_results(
        kind_home, [(2, 4, 3, 4, 2, 4), (3, 3, 3, 3, 3, 3), (5, 1, 5, 1, 5, 1)], date(2026, 1, 3)
    )
    result, out = run_measure("--history", interactive=False)
    assert result.exit_code == 0
    text = out.stdout
    # Totals 2.17, 3 and 5 on 1-5: heights placed on the whole range, read without color.
    assert "Trend, first to latest: ▃▅█" in text
    assert "2026-01-03  2.17 █████···········" in text and "   5 ████████████████" in text
    words = " ".join(text.split())
    assert (
        "Taken 3 times. Latest: 5 on January 31, 2026, 2.83 higher than your first "
        "(2.17 on January 3, 2026)." in words
    )
    for judging in ("better", "worse", "improv", " low ", " high ", "good", "bad"):
        assert judging not in words.lower()
    result, out = run_measure("--history", "--json", interactive=False)
    data = json.loads(out.stdout)
    [m] = data["measures"]
    assert [r["scores"][0]["value"] for r in m["results"]] == [2.1667, 3.0, 5.0]
    assert m["results"][0]["answers"]["warm-words"] == 2


def test_history_of_nothing_yet_says_so_and_creates_nothing(kind_home: Path) -> None:
    result, out = run_measure("--history", interactive=False)
    assert result.exit_code == 0
    assert "No results yet" in out.stdout
    assert not (kind_home / "kind.db").exists()


def test_stats_show_the_latest_score_and_the_change_since_the_first(kind_home: Path) -> None:
    seed_results(kind_home, [(2, 4, 3, 4, 2, 4), (5, 1, 5, 1, 5, 1)], date(2026, 2, 1))
    svc = make_services(clock=FakeClock(), terminal=RecordingTerminal(), interactive=False)
    assert runner.invoke(app, ["stats"], obj=svc).exit_code == 0
    words = " ".join(svc.terminal.stdout.split())  # type: ignore[attr-defined]
    assert (
        "Kindness toward myself: 5 on February 15, 2026, 2.83 higher than your first "
        "(2.17 on February 1, 2026)." in words
    )
    svc = make_services(clock=FakeClock(), terminal=RecordingTerminal(), interactive=False)
    assert runner.invoke(app, ["stats", "--json"], obj=svc).exit_code == 0
    [m] = json.loads(svc.terminal.stdout)["measures"]  # type: ignore[attr-defined]
    assert m["taken"] == 2 and m["change"] == pytest.approx(2.8333, abs=1e-4)
    assert m["first"]["date"] == "2026-02-01" and m["latest"]["value"] == 5.0


def test_the_history_trend_is_placed_on_the_whole_scale() -> None:
    m = measure()
    moment = Moment.of(FakeClock().now())
    same = [practice.result_of(m, {"a": 2, "b": 2, "c": 2, "d": 2}, moment) for _ in range(2)]
    # A score in the middle of its range is drawn in the middle, however many there are.
    assert practice.trend(same) in ("▄▄", "▅▅")
    [h] = history.histories(same)
    assert history.table(h)[0] == ["date", "total", "one", "two"]
    # The bars take the room there is; a narrow terminal gets the numbers alone.
    assert history.table(h, 80)[1][0][1] == "   2 ████████········"  # half of 0-4
    assert history.table(h, 36)[1][0][1] == "   2 ██···"
    assert history.table(h, 30)[1][0][1] == "2"


# ---- due again, said at most once ------------------------------------------------------------


def taken(last: str, every: int | None = 14) -> list[tuple[str, str, str, int | None]]:
    return [("kindness-toward-myself", "Kindness toward myself", last, every)]


def test_a_measure_is_due_once_its_interval_has_passed() -> None:
    from kindcli.measure_due import due

    assert due(taken("2026-03-01"), "2026-03-14") == []
    assert due(taken("2026-02-28"), "2026-03-14") == taken("2026-02-28")
    assert due(taken("2026-01-01", None), "2026-03-14") == []


def test_it_is_said_once_for_each_time_it_is_due(tmp_path: Path) -> None:
    from kindcli.measure_due import mention

    first = mention(str(tmp_path), taken("2026-02-28"), "2026-03-14")
    assert first is not None and "kind measure kindness-toward-myself" in first
    assert mention(str(tmp_path), taken("2026-02-28"), "2026-03-14") is None
    assert mention(str(tmp_path), taken("2026-02-28"), "2026-03-20") is None
    # Taken again on the 15th: due again a fortnight later, and said once more.
    assert mention(str(tmp_path), taken("2026-03-15"), "2026-03-20") is None
    assert mention(str(tmp_path), taken("2026-03-15"), "2026-03-29") is not None
    assert mention(str(tmp_path), taken("2026-03-15"), "2026-03-30") is None
    # Only this time's marker is kept.
    assert [p.name for p in tmp_path.iterdir()] == [
        "measure-said-kindness-toward-myself-2026-03-15"
    ]


def test_two_places_asking_at_once_say_it_once(tmp_path: Path) -> None:
    from kindcli.measure_due import mention

    for attempt in range(20):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        barrier = threading.Barrier(4)
        said: list[str | None] = []

        def ask(
            folder: Path = folder, barrier: threading.Barrier = barrier, said: list[Any] = said
        ) -> None:
            barrier.wait()
            said.append(mention(str(folder), taken("2026-02-28"), "2026-03-14"))

        threads = [threading.Thread(target=ask) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sum(1 for s in said if s) == 1, said


def test_the_menu_and_hello_share_one_mention(
    kind_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kindcli import hello
    from kindcli.cli.menu import measure_ready

    seed_results(kind_home, [(3, 3, 3, 3, 3, 3)], date(2026, 2, 20))
    svc = make_services(clock=FakeClock(), terminal=RecordingTerminal())
    said = measure_ready(svc)
    assert said is not None and "“Kindness toward myself” is ready to take again" in said
    assert measure_ready(svc) is None
    # The next shell of the day is not told again either.
    monkeypatch.setattr(hello, "_isatty", lambda stream: True)
    assert hello.greeting({"KIND_HOME": str(kind_home)}, "2026-03-14") is not None
    assert "ready to take again" not in (
        hello.greeting({"KIND_HOME": str(kind_home)}, "2026-03-15") or ""
    )


def test_hello_says_a_due_measure_instead_of_its_usual_line_once(kind_home: Path) -> None:
    from kindcli import hello

    seed_results(kind_home, [(3, 3, 3, 3, 3, 3)], date(2026, 2, 20))
    env = {"KIND_HOME": str(kind_home)}
    line = hello.greeting(env, "2026-03-14")
    assert line is not None and "kind measure kindness-toward-myself" in line
    # Once a day, and the measure once: the next day is the usual greeting.
    assert hello.greeting(env, "2026-03-14") is None
    next_day = hello.greeting(env, "2026-03-15")
    assert next_day is not None and "measure" not in next_day


def test_a_measure_never_taken_is_never_brought_up(kind_home: Path) -> None:
    from kindcli import hello

    with Store.open(kind_home / "kind.db"):
        pass
    assert "measure" not in (hello.greeting({"KIND_HOME": str(kind_home)}, "2026-03-14") or "")


def test_hello_reads_a_database_from_before_measures(kind_home: Path) -> None:
    from kindcli.store.glance import glance
    from kindcli.store.migrations import MIGRATIONS

    with Store.open(kind_home / "kind.db", MIGRATIONS[:7]):
        pass
    assert glance(str(kind_home / "kind.db")) == (None, [])


def test_a_result_keeps_what_it_needs_to_be_read_without_its_file(kind_home: Path) -> None:
    seed_results(kind_home, [(3, 3, 3, 3, 3, 3)], date(2026, 2, 20))
    with Store.open(kind_home / "kind.db") as store:
        [r] = store.measure_results()
    assert (r.headline.low, r.headline.high, r.scoring) == (1.0, 5.0, "mean")
    assert [s.name for s in r.scores] == ["Total", "Kindness", "Common humanity", "Mindfulness"]
    assert r.moment.local_date == date(2026, 2, 20)
    assert r.moment.offset_minutes == 60
    assert datetime(2026, 2, 20, 17, tzinfo=UTC) == r.moment.utc


def test_content_show_prints_a_measure_that_reads_back_the_same(tmp_path: Path) -> None:
    svc = make_services(terminal=RecordingTerminal(), interactive=False)
    result = runner.invoke(app, ["content", "show", "kindness-toward-myself"], obj=svc)
    assert result.exit_code == 0
    copy = tmp_path / "measures" / "copy.yaml"
    copy.parent.mkdir()
    copy.write_text(svc.terminal.stdout, encoding="utf-8")  # type: ignore[attr-defined]
    [back] = load_file(copy, "measures")
    assert back == shipped()


def test_the_menu_says_a_measure_is_ready_once(kind_home: Path) -> None:
    from tests.fakes import ESC

    seed_results(kind_home, [(3, 3, 3, 3, 3, 3)], date(2026, 2, 20))
    said = []
    for _ in range(2):
        svc = make_services(
            clock=FakeClock(), prompter=FakePrompter([ESC]), terminal=RecordingTerminal()
        )
        assert runner.invoke(app, [], obj=svc).exit_code == 0
        said.append(svc.terminal.stdout)  # type: ignore[attr-defined]
    assert "“Kindness toward myself” is ready to take again" in said[0]
    assert "ready to take again" not in said[1]
