"""Writing a journal entry on a terminal: choosing a prompt set, asking its questions one
by one while keeping a draft, offering drafts left from before, and one whole sitting of
`kind journal`. What an entry is made of is in `journal_entry`, the $EDITOR template in
`journal_editor`, and the small parsers for days, tags and ids in `journal_lookup`.

Pure Python on ports: the prompter, renderer and clock are passed in, the store through the
`JournalStore` protocol, and the editor as a plain function from text to text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kindcli.dates import long_date
from kindcli.ports import Clock, Moment, Prompter, Renderer, format_utc
from kindcli.practices import timeline
from kindcli.practices.journal_editor import DRAFT_KEPT, Editor, write_in_editor
from kindcli.practices.journal_entry import DraftLocks, JournalStore, build_entry, draft_lock
from kindcli.practices.rereading import read_again
from kindcli.store.records import JournalAnswer, JournalDraft, JournalEntry

if TYPE_CHECKING:
    from kindcli.catalog.models import PromptSet, QuestionRating

HOW_TO_ANSWER = (
    "Enter starts a new line. Ctrl-D (or Esc then Enter) finishes an answer; finish with "
    "nothing written to skip a question. Ctrl-C stops, and your draft is kept for next time."
)
NOTHING_WRITTEN = "Nothing was written, so nothing was saved. That is fine too."
SO_FAR = "What you have written so far:"

# ---- writing on a terminal ----------------------------------------------------------------


@dataclass
class WriteResult:
    """What happened: the saved entry, or None when nothing was written."""

    entry: JournalEntry | None
    prompt_set: PromptSet
    skipped: list[str] = field(default_factory=list)


def write(
    prompt_set: PromptSet,
    *,
    prompter: Prompter,
    out: Renderer,
    clock: Clock,
    store: JournalStore,
    locks: DraftLocks,
    tags: Sequence[str] = (),
    draft: JournalDraft | None = None,
    owner_pid: int | None = None,
    keys: timeline.Keys | None = None,
    ask_ratings: bool = True,
) -> WriteResult:
    """Ask each question in turn, saving a draft after every answer.

    Ctrl-C (and SIGTERM or SIGHUP, which arrive as KeyboardInterrupt too) keeps the draft
    (if anything was written) and re-raises. A resumed `draft` keeps its answers and its
    start time: what was written is shown again, and only unanswered questions are asked.
    A question that rereads an earlier answer shows it again first, a piece at a time, on
    `keys` (Enter moves on, q shows the rest at once; without keys it is shown whole). The
    draft's lock is held while it is written, so another window leaves it alone (and
    offers it once this process ends). With `ask_ratings`, a question's optional 0-10
    rating is asked once it is answered (Enter skips); ratings are kept with the draft and
    then the saved entry.
    """
    started = clock.monotonic()
    if draft is None:
        draft = JournalDraft(
            prompt_id=prompt_set.id,
            moment=Moment.of(clock.now()),
            tags=list(tags),
            owner_pid=owner_pid,
        )
        locks.take(draft_lock(draft.id))
        if prompt_set.intro:
            out.line(prompt_set.intro)
            out.line()
    else:
        draft.owner_pid = owner_pid
        draft.tags = sorted(set(draft.tags) | set(tags))
        show_so_far(prompt_set, draft, out)
    answered = {a.question_id for a in draft.answers if a.answer.strip()}
    out.note(HOW_TO_ANSWER)
    skipped: list[str] = []
    try:
        for question in prompt_set.questions:
            if question.id in answered:
                continue
            out.line()
            if question.hint:
                out.note(question.hint)
            earlier = _answer(draft, question.reread) if question.reread else None
            if earlier:
                read_again(earlier, out=out, clock=clock, keys=keys)
                out.line()
            text = prompter.text(question.text, multiline=True)
            if not text.strip():
                skipped.append(question.id)
                continue
            draft.answers = [a for a in draft.answers if a.question_id != question.id]
            draft.answers.append(JournalAnswer(question.id, question.text, text))
            draft.updated_utc = format_utc(clock.now())
            store.save_journal_draft(draft)
            if question.rating is not None and ask_ratings:
                given = rate(question.rating, prompter)
                if given:
                    draft.ratings = [r for r in draft.ratings if r["id"] != question.rating.id]
                    draft.ratings += given
                    store.save_journal_draft(draft)
    except KeyboardInterrupt:
        if draft.has_words:
            # Let go of the draft so the next `kind journal` offers it straight away.
            draft.owner_pid = None
            store.save_journal_draft(draft)
            out.note(DRAFT_KEPT)
        raise
    order = {q.id: i for i, q in enumerate(prompt_set.questions)}
    answers = sorted(draft.answers, key=lambda a: order.get(a.question_id, len(order)))
    entry = build_entry(
        prompt_id=prompt_set.id,
        answers=answers,
        tags=draft.tags,
        moment=draft.moment,
        now=clock.now(),
        entry_id=draft.id,
        actual_seconds=round(clock.monotonic() - started, 3),
        details=ratings_details(draft),
    )
    if entry is None:
        store.delete_journal_draft(draft.id)
    else:
        store.add_journal_entry(entry, draft_id=draft.id)
    locks.release(draft_lock(draft.id))
    return WriteResult(entry, prompt_set, skipped)


def ratings_details(draft: JournalDraft) -> dict[str, Any] | None:
    """The entry's details for the ratings its draft holds (None without any)."""
    return {"ratings": list(draft.ratings)} if draft.ratings else None


def rate(rating: QuestionRating, prompter: Prompter) -> list[dict[str, Any]]:
    """A question's 0-10 rating as it is kept (`details.ratings` of the entry: its id, its
    name for stats and the report, and the value), or nothing when skipped."""
    value = prompter.rating(rating.text, low=0, high=10, ends=(rating.low, rating.high))
    if value is None:
        return []
    return [{"id": rating.id, "name": rating.name, "value": value}]


def _answer(draft: JournalDraft, question_id: str) -> str | None:
    return next(
        (a.answer for a in draft.answers if a.question_id == question_id and a.answer.strip()),
        None,
    )


def show_so_far(prompt_set: PromptSet, draft: JournalDraft, out: Renderer) -> None:
    """Carrying on with a draft: the answers already written, in the set's order, so the
    next question is met with them in view."""
    order = {q.id: i for i, q in enumerate(prompt_set.questions)}
    written = sorted(
        (a for a in draft.answers if a.answer.strip()),
        key=lambda a: order.get(a.question_id, len(order)),
    )
    if not written:
        return
    out.line(SO_FAR, style="bold")
    for answer in written:
        out.line()
        out.line(answer.question, style="dim")
        out.line(answer.answer, indent="    ")
    out.line()


def save_draft_as_is(draft: JournalDraft, store: JournalStore, clock: Clock) -> JournalEntry | None:
    """Save a draft as an entry with the answers it has."""
    entry = build_entry(
        prompt_id=draft.prompt_id,
        answers=draft.answers,
        tags=draft.tags,
        moment=draft.moment,
        now=clock.now(),
        entry_id=draft.id,
        details=ratings_details(draft),
    )
    if entry is None:
        store.delete_journal_draft(draft.id)
    else:
        store.add_journal_entry(entry, draft_id=draft.id)
    return entry


# ---- choosing what to write ----------------------------------------------------------------


def part_of_day(now: datetime) -> str:
    """'morning' from 5:00 to 11:59, 'evening' from 17:00 to 4:59, else 'day'."""
    if 5 <= now.hour < 12:
        return "morning"
    if now.hour >= 17 or now.hour < 5:
        return "evening"
    return "day"


# The set offered first at each part of the day, when it exists.
PREFERRED = {"morning": "friend", "day": "friend", "evening": "evening"}


def default_set(sets: Sequence[PromptSet], now: datetime) -> PromptSet:
    """A sensible first choice for the time of day: the preferred set, else the first set
    that suits this part of the day, else the first set."""
    when = part_of_day(now)
    by_id = {s.id: s for s in sets}
    if PREFERRED[when] in by_id:
        return by_id[PREFERRED[when]]
    for s in sets:
        if s.suits == when:
            return s
    return sets[0]


def choice_label(prompt_set: PromptSet) -> str:
    return f"{prompt_set.name} ({prompt_set.id})"


def choose_set(sets: Sequence[PromptSet], prompter: Prompter, now: datetime) -> PromptSet:
    """Offer every prompt set, with the one that suits the time of day first."""
    first = default_set(sets, now)
    ordered = [first, *[s for s in sets if s.id != first.id]]
    labels = {choice_label(s): s for s in ordered}
    picked = prompter.select("What would you like to write?", list(labels), default=None)
    return labels[picked]


# ---- drafts left from before ---------------------------------------------------------------

RESUME = "Carry on writing it"
SAVE_AS_IS = "Save it as it is"
LATER = "Leave it for later and start a new entry"
DISCARD = "Discard it"


def waiting_drafts(drafts: Sequence[JournalDraft], locks: DraftLocks) -> list[JournalDraft]:
    """Drafts with words that nobody is writing now: the kind process that held a draft's
    lock has ended (its process id alone would not say: the system may have reused it)."""
    return [d for d in drafts if d.has_words and not locks.in_use(draft_lock(d.id))]


def clear_empty_drafts(
    drafts: Sequence[JournalDraft], store: JournalStore, locks: DraftLocks
) -> None:
    """Drafts with no words left by an editor session that ended before anything was
    written: nothing to offer, so they go (unless another window is still writing one)."""
    for d in drafts:
        if not d.has_words and not locks.in_use(draft_lock(d.id)):
            store.delete_journal_draft(d.id)


def describe_draft(draft: JournalDraft, set_name: str | None) -> str:
    count = sum(1 for a in draft.answers if a.answer.strip())
    what = set_name or draft.prompt_id or "journal"
    noun = "answer" if count == 1 else "answers"
    day = long_date(draft.moment.local_date, year=False)
    return f"You have an unfinished entry from {day} ({what}, {count} {noun})."


def offer_draft(
    draft: JournalDraft, set_name: str | None, prompter: Prompter, out: Renderer
) -> str:
    """Ask what to do with a waiting draft: RESUME, SAVE_AS_IS, LATER or DISCARD."""
    out.line(describe_draft(draft, set_name))
    choices = [RESUME, SAVE_AS_IS, LATER, DISCARD] if set_name else [SAVE_AS_IS, LATER, DISCARD]
    picked = prompter.select("What would you like to do with it?", choices, default=choices[0])
    if picked == DISCARD and not prompter.confirm(
        "Discard this draft for good? Its words cannot be brought back.", default=False
    ):
        return LATER
    return picked


def _claim(draft: JournalDraft, store: JournalStore, locks: DraftLocks, pid: int) -> bool:
    if locks.take(draft_lock(draft.id)) and store.claim_journal_draft(
        draft.id, draft.owner_pid, pid
    ):
        return True
    locks.release(draft_lock(draft.id))
    return False


# ---- one sitting of `kind journal` -----------------------------------------------------------


@dataclass
class Sitting:
    """How a sitting ended: an entry saved, a draft kept, or nothing written."""

    entry: JournalEntry | None = None
    prompt_set: PromptSet | None = None
    kept_draft: JournalDraft | None = None
    notes: list[str] = field(default_factory=list)


def sitting(
    *,
    sets: Sequence[PromptSet],
    chosen: PromptSet | None,
    prompter: Prompter,
    out: Renderer,
    clock: Clock,
    store: JournalStore,
    tags: Sequence[str],
    edit: Editor | None,
    pid: int,
    locks: DraftLocks,
    keys: timeline.Keys | None = None,
    ask_ratings: bool = True,
) -> Sitting:
    """Offer a waiting draft first, then write a new entry (step by step, or in the editor
    when `edit` is given)."""
    by_id = {s.id: s for s in sets}
    drafts = store.journal_drafts()
    clear_empty_drafts(drafts, store, locks)
    waiting = waiting_drafts(drafts, locks)
    resume: JournalDraft | None = None
    if waiting:
        draft = waiting[0]
        known = by_id.get(draft.prompt_id or "")
        choice = offer_draft(draft, known.name if known else None, prompter, out)
        if len(waiting) > 1:
            more = len(waiting) - 1
            noun = "entry" if more == 1 else "entries"
            out.note(f"{more} more unfinished {noun} will be offered next time.")
        # Claim before acting on it, discarding included: another window may have just
        # taken the same draft. The lock says who holds it; the stored owner is updated
        # with a compare-and-set too, for a kind of an older version.
        if choice in (RESUME, SAVE_AS_IS, DISCARD) and not _claim(draft, store, locks, pid):
            out.note("That draft was just picked up in another window; starting a new entry.")
        elif choice == SAVE_AS_IS:
            saved = save_draft_as_is(draft, store, clock)
            locks.release(draft_lock(draft.id))
            return Sitting(saved, known)
        elif choice == RESUME and known is not None:
            resume = draft
            chosen = known
        elif choice == DISCARD:
            store.delete_journal_draft(draft.id)
            locks.release(draft_lock(draft.id))
            out.note("The draft is discarded.")
    if chosen is None:
        chosen = choose_set(sets, prompter, clock.now())
    if edit is not None:
        entry, kept = write_in_editor(
            chosen,
            edit=edit,
            clock=clock,
            store=store,
            out=out,
            locks=locks,
            tags=tags,
            draft=resume,
            owner_pid=pid,
        )
        return Sitting(entry, chosen, kept)
    result = write(
        chosen,
        prompter=prompter,
        out=out,
        clock=clock,
        store=store,
        locks=locks,
        tags=tags,
        draft=resume,
        owner_pid=pid,
        keys=keys,
        ask_ratings=ask_ratings,
    )
    return Sitting(result.entry, chosen)
