"""Taking a measure: its questions one at a time with numbered answers, and its scores.

A measure is a few questions answered every few weeks and scored the same way each time, so
a person (and, if they choose, their therapist) can see what changes. It is not a practice:
a result never counts toward practice days. Nothing is saved until the last question is
answered, so stopping part-way (q, or Ctrl-C) leaves nothing half-done behind.

Pure Python on ports. Scores are described, never graded: no "low" or "high" labels, no
"better" or "worse"; change is said as a number and a direction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from kindcli.ports import STOP_WORDS, Clock, Moment, Prompter, Renderer, Stopped
from kindcli.store.records import MeasureResult, MeasureScore

if TYPE_CHECKING:
    from kindcli.catalog.measure_models import AnswerScale, Measure

NOTHING_SAVED = (
    "Nothing from this measure was saved: answers are kept only once every question is "
    "answered. You can take it again whenever you like."
)
HOW_TO_ANSWER = "Type the number of your answer and press Enter; q stops (nothing is saved)."
TOTAL_NAME = "Total"


# ---- scoring ---------------------------------------------------------------------------------


def scored_value(measure: Measure, item_id: str, answer: int) -> int:
    """The answer as it counts: reverse-scored items count min + max - answer."""
    if item_id in measure.reverse:
        return measure.scale.min + measure.scale.max - answer
    return answer


def score(measure: Measure, answers: Mapping[str, int]) -> list[MeasureScore]:
    """The total (when the measure has one) and each subscale, from every item's answer."""

    def combined(ids: Sequence[str]) -> float:
        values = [scored_value(measure, i, answers[i]) for i in ids]
        return sum(values) / len(values) if measure.scoring == "mean" else float(sum(values))

    scores: list[MeasureScore] = []
    if measure.total:
        ids = [i.id for i in measure.items]
        scores.append(MeasureScore("total", TOTAL_NAME, combined(ids), *measure.range_of(len(ids))))
    for sub in measure.subscales:
        low, high = measure.range_of(len(sub.items))
        scores.append(MeasureScore(sub.id, sub.name, combined(sub.items), low, high))
    return scores


def result_of(measure: Measure, answers: Mapping[str, int], moment: Moment) -> MeasureResult:
    missing = [i.id for i in measure.items if i.id not in answers]
    if missing:
        raise ValueError(f"no answer for {', '.join(missing)}")
    every = measure.how_often.min_days if measure.how_often else None
    return MeasureResult(
        measure_id=measure.id,
        measure_name=measure.name,
        moment=moment,
        answers={i.id: answers[i.id] for i in measure.items},
        scores=score(measure, answers),
        scoring=measure.scoring,
        every_days=every,
    )


# ---- how scores are said ---------------------------------------------------------------------


def number(value: float) -> str:
    """3.5, 3.67 or 18: at most two decimals, none when there are none."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def long_date(day: date) -> str:
    """'March 2, 2026' (`kindcli.dates.long_date`, without the weekday)."""
    from kindcli.dates import long_date as written

    return written(day, weekday=False)


def change_words(first: MeasureScore, latest: MeasureScore) -> str:
    """How a score moved, as a number and a direction and nothing more."""
    diff = latest.value - first.value
    if abs(diff) < 0.005:
        return "the same as"
    return f"{number(abs(diff))} {'higher' if diff > 0 else 'lower'} than"


def since_first(first: MeasureResult, latest: MeasureResult, which: str = "your first") -> str:
    """'3.83 on 14 March 2026, 0.83 higher than your first (3 on 10 January 2026)'."""
    a, b = first.headline, latest.headline
    said = f"{number(b.value)} on {long_date(latest.moment.local_date)}"
    if first.id == latest.id:
        return f"{said} ({which})"
    return (
        f"{said}, {change_words(a, b)} {which} "
        f"({number(a.value)} on {long_date(first.moment.local_date)})"
    )


def how_often_words(measure: Measure) -> str:
    often = measure.how_often
    if often is None:
        return "whenever you like"
    low, high = often.min_days, often.max_days
    if high is None or high == low:
        return f"every {_days(low)}"
    if low % 7 == 0 and high % 7 == 0:
        return f"every {low // 7}-{high // 7} weeks"
    return f"every {low}-{high} days"


def _days(n: int) -> str:
    if n % 7 == 0:
        weeks = n // 7
        return "week" if weeks == 1 else f"{weeks} weeks"
    return "day" if n == 1 else f"{n} days"


def range_words(score: MeasureScore) -> str:
    return f"from {number(score.low)} to {number(score.high)}"


def scoring_words(result: MeasureResult) -> str:
    return "the mean of the answers" if result.scoring == "mean" else "the sum of the answers"


# A trend that reads without color: eight heights, placed on the score's whole range (not the
# range of the results), so a small change looks small.
SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 16


def spark(score: MeasureScore) -> str:
    span = score.high - score.low
    share = 0.0 if span <= 0 else (score.value - score.low) / span
    return SPARKS[min(len(SPARKS) - 1, max(0, round(share * (len(SPARKS) - 1))))]


def bar(score: MeasureScore, width: int = BAR_WIDTH) -> str:
    span = score.high - score.low
    share = 0.0 if span <= 0 else (score.value - score.low) / span
    filled = min(width, max(0, round(share * width)))
    return "█" * filled + "·" * (width - filled)


def trend(results: Sequence[MeasureResult]) -> str:
    return "".join(spark(r.headline) for r in results)


# ---- taking it -------------------------------------------------------------------------------


def answer_lines(scale: AnswerScale) -> list[str]:
    """The numbered answers: one line each when every answer has words, else the words
    there are and the range."""
    if len(scale.anchors) == len(scale.points):
        return [f"  {n}  {scale.anchors[n]}" for n in scale.points]
    lines = [f"  {n}  {words}" for n, words in scale.anchors.items()]
    return [*lines, f"  (any whole number from {scale.min} to {scale.max})"]


def ask_answer(prompter: Prompter, out: Renderer, scale: AnswerScale) -> int:
    """One answer from the scale; q raises Stopped. Asked again until it fits."""
    question = f"Your answer ({scale.min}-{scale.max}, q stops)"
    while True:
        try:
            text = prompter.text(question).strip()
        except UnicodeDecodeError:
            text = "\ufffd"  # bytes that are not text: not a number either
        if text.lower() in STOP_WORDS:
            raise Stopped
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is not None and scale.min <= value <= scale.max:
            return value
        out.line(f"A whole number from {scale.min} to {scale.max}, please (or q to stop).")


def take(
    measure: Measure,
    *,
    prompter: Prompter,
    out: Renderer,
    clock: Clock,
    on_support: Callable[[bool], bool],
) -> MeasureResult:
    """Ask every question and return the result (the caller saves it).

    An answer in an item's `support_answers` calls `on_support(more)` at once (`more`: there
    are questions still to come), which shows the support block and returns whether the
    person would like to go on (or, after the last question, to keep their answers).
    Raises Stopped when they stop (q, or not going on) and KeyboardInterrupt on Ctrl-C;
    either way nothing has been saved."""
    moment = Moment.of(clock.now())
    out.heading(measure.name)
    out.line(measure.about)
    out.line()
    if measure.instructions:
        out.line(measure.instructions)
    out.note(HOW_TO_ANSWER)
    answers: dict[str, int] = {}
    count = len(measure.items)
    for n, item in enumerate(measure.items, start=1):
        out.line()
        out.line(f"{n} of {count}. {item.text}", style="bold")
        for line in answer_lines(measure.scale):
            out.line(line)
        answers[item.id] = ask_answer(prompter, out, measure.scale)
        if answers[item.id] in item.support_answers and not on_support(n < count):
            raise Stopped
    return result_of(measure, answers, moment)


def result_lines(result: MeasureResult, first: MeasureResult | None) -> list[str]:
    """What is said once a result is saved: each score, and how the headline moved."""
    ranges = {(s.low, s.high) for s in result.scores}
    if len(ranges) == 1:
        lines = [f"{s.name}: {number(s.value)}" for s in result.scores]
        lines.append(f"(Each is {scoring_words(result)}, {range_words(result.headline)}.)")
    else:
        lines = [f"{s.name}: {number(s.value)} ({range_words(s)})" for s in result.scores]
        lines.append(f"(Each is {scoring_words(result)}.)")
    if first is not None and first.id != result.id:
        lines.append(f"This time: {since_first(first, result)}.")
    return lines
