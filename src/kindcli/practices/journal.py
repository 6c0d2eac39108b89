"""What a journal entry is: asking a prompt set's questions, keeping a draft as the person
goes, and the $EDITOR template. The small parsers for days, tags and ids live in
`journal_lookup` (light to import for listing) and are re-exported here.

Pure Python on ports: the prompter, renderer and clock are passed in, the store through the
`JournalStore` protocol, and the editor as a plain function from text to text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from kindcli.ports import Clock, Moment, Prompter, Renderer, format_utc
from kindcli.practices.journal_lookup import normalise_tag as normalise_tag
from kindcli.practices.journal_lookup import normalise_tags as normalise_tags
from kindcli.practices.journal_lookup import parse_day as parse_day
from kindcli.practices.journal_lookup import resolve_id as resolve_id
from kindcli.practices.journal_lookup import search_words as search_words
from kindcli.store.records import JournalAnswer, JournalDraft, JournalEntry, SessionRecord

if TYPE_CHECKING:
    from kindcli.catalog.models import PromptSet

HOW_TO_ANSWER = (
    "Enter starts a new line. Ctrl-D (or Esc then Enter) finishes an answer; finish with "
    "nothing written to skip a question. Ctrl-C stops, and your draft is kept for next time."
)
DRAFT_KEPT = "Your draft is kept. The next `kind journal` will offer to carry on with it."
NOTHING_WRITTEN = "Nothing was written, so nothing was saved. That is fine too."

# The answer to this question of the `reframe` set is the caring reply to the critic.
REFRAME_SET = "reframe"
REFRAME_QUESTION = "reframe"


class JournalStore(Protocol):
    """The part of the store a journal entry needs (kindcli.store.Store provides it)."""

    def add_journal_entry(self, entry: JournalEntry, *, draft_id: str | None = None) -> None: ...

    def save_journal_draft(self, draft: JournalDraft) -> None: ...

    def delete_journal_draft(self, draft_id: str) -> None: ...

    def journal_drafts(self) -> list[JournalDraft]: ...

    def claim_journal_draft(self, draft_id: str, expected_pid: int | None, pid: int) -> bool: ...


# ---- composing an entry --------------------------------------------------------------------


def body_of(answers: Sequence[JournalAnswer]) -> str:
    """The searchable text of an entry: the person's own words, question by question."""
    return "\n\n".join(a.answer for a in answers if a.answer.strip())


def kept_answers(answers: Sequence[JournalAnswer]) -> list[JournalAnswer]:
    """Answered questions only, trimmed; skipped ones are left out."""
    return [
        JournalAnswer(a.question_id, a.question, a.answer.strip())
        for a in answers
        if a.answer.strip()
    ]


def build_entry(
    *,
    prompt_id: str | None,
    answers: Sequence[JournalAnswer],
    tags: Sequence[str],
    moment: Moment,
    now: datetime,
    entry_id: str | None = None,
    actual_seconds: float | None = None,
    details: dict[str, object] | None = None,
) -> JournalEntry | None:
    """The entry to save, or None when nothing was written (empty entries are not saved)."""
    kept = kept_answers(answers)
    if not kept:
        return None
    session = SessionRecord(
        practice="journal",
        content_id=prompt_id,
        moment=moment,
        actual_seconds=actual_seconds,
        details=dict(details or {}),
    )
    if entry_id is not None:
        session.id = entry_id
    return JournalEntry(
        session=session,
        prompt_id=prompt_id,
        body=body_of(kept),
        answers=kept,
        tags=list(tags),
        updated_utc=format_utc(now),
    )


def from_text(
    text: str, prompt_set: PromptSet, tags: Sequence[str], clock: Clock
) -> JournalEntry | None:
    """An entry from text given in one piece (piped in): the answer to the first question."""
    first = prompt_set.questions[0]
    now = clock.now()
    return build_entry(
        prompt_id=prompt_set.id,
        answers=[JournalAnswer(first.id, first.text, text)],
        tags=tags,
        moment=Moment.of(now),
        now=now,
        details={"via": "stdin"},
    )


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
    tags: Sequence[str] = (),
    draft: JournalDraft | None = None,
    owner_pid: int | None = None,
) -> WriteResult:
    """Ask each question in turn, saving a draft after every answer.

    Ctrl-C keeps the draft (if anything was written) and re-raises KeyboardInterrupt.
    A resumed `draft` keeps its answers and its start time; only unanswered questions are asked.
    """
    started = clock.monotonic()
    if draft is None:
        draft = JournalDraft(
            prompt_id=prompt_set.id,
            moment=Moment.of(clock.now()),
            tags=list(tags),
            owner_pid=owner_pid,
        )
        if prompt_set.intro:
            out.line(prompt_set.intro)
            out.line()
    else:
        draft.owner_pid = owner_pid
        draft.tags = sorted(set(draft.tags) | set(tags))
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
            text = prompter.text(question.text, multiline=True)
            if not text.strip():
                skipped.append(question.id)
                continue
            draft.answers = [a for a in draft.answers if a.question_id != question.id]
            draft.answers.append(JournalAnswer(question.id, question.text, text))
            draft.updated_utc = format_utc(clock.now())
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
    )
    if entry is None:
        store.delete_journal_draft(draft.id)
    else:
        store.add_journal_entry(entry, draft_id=draft.id)
    return WriteResult(entry, prompt_set, skipped)


def save_draft_as_is(draft: JournalDraft, store: JournalStore, clock: Clock) -> JournalEntry | None:
    """Save a draft as an entry with the answers it has."""
    entry = build_entry(
        prompt_id=draft.prompt_id,
        answers=draft.answers,
        tags=draft.tags,
        moment=draft.moment,
        now=clock.now(),
        entry_id=draft.id,
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


def waiting_drafts(
    drafts: Sequence[JournalDraft], alive: Callable[[int], bool]
) -> list[JournalDraft]:
    """Drafts nobody is writing now (their kind process has ended)."""
    return [d for d in drafts if d.owner_pid is None or not alive(d.owner_pid)]


def describe_draft(draft: JournalDraft, set_name: str | None) -> str:
    count = sum(1 for a in draft.answers if a.answer.strip())
    what = set_name or draft.prompt_id or "journal"
    noun = "answer" if count == 1 else "answers"
    day = f"{draft.moment.local_date:%A %-d %B}"
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


# ---- the $EDITOR template -----------------------------------------------------------------

TEMPLATE_NOTE = (
    "# Write under each heading. Lines starting with '# ' are notes and are left out.\n"
    "# Save and close the editor to finish. If everything is empty, nothing is saved.\n"
)


@dataclass(frozen=True)
class TemplateQuestion:
    id: str
    text: str
    hint: str | None = None


def template_questions(prompt_set: PromptSet) -> list[TemplateQuestion]:
    return [TemplateQuestion(q.id, q.text, q.hint) for q in prompt_set.questions]


def entry_questions(
    entry: JournalEntry, prompt_set: PromptSet | None = None
) -> list[TemplateQuestion]:
    """The questions to edit an entry under: its prompt set's questions when the set is
    known (so a skipped question can be answered later), and every question the entry
    answered, in the words it was asked."""
    answered = [TemplateQuestion(a.question_id, a.question) for a in entry.answers]
    if prompt_set is None:
        return answered or [TemplateQuestion("text", "What is on your mind?")]
    asked = {a.question_id: a.question for a in entry.answers}
    questions = [
        TemplateQuestion(q.id, asked.get(q.id, q.text), None if q.id in asked else q.hint)
        for q in prompt_set.questions
    ]
    known = {q.id for q in questions}
    return questions + [q for q in answered if q.id not in known]


def make_template(
    title: str, questions: Sequence[TemplateQuestion], answers: Sequence[JournalAnswer] = ()
) -> str:
    given = {a.question_id: a.answer.strip() for a in answers}
    parts = [f"# {title}\n", TEMPLATE_NOTE]
    for q in questions:
        parts.append(f"\n## {q.text}\n")
        if q.hint:
            parts.append(f"# {q.hint}\n")
        parts.append("\n")
        if given.get(q.id):
            parts.append(given[q.id] + "\n")
    return "".join(parts)


def parse_template(text: str, questions: Sequence[TemplateQuestion]) -> list[JournalAnswer]:
    """Answers from an edited template. Text above the first heading belongs to the first
    question, and a heading the person removed merges its text into the one before, so no
    written word is ever dropped (only '# ' note lines are)."""
    by_heading = {f"## {q.text}": q for q in questions}
    current = questions[0]
    collected: dict[str, list[str]] = {q.id: [] for q in questions}
    for line in text.splitlines():
        stripped = line.rstrip()
        if stripped in by_heading:
            current = by_heading[stripped]
            continue
        if stripped == "#" or line.startswith("# "):
            continue
        collected[current.id].append(line)
    return [
        JournalAnswer(q.id, q.text, "\n".join(collected[q.id]).strip())
        for q in questions
        if "\n".join(collected[q.id]).strip()
    ]


@dataclass
class EditorResult:
    text: str
    ok: bool


def write_in_editor(
    prompt_set: PromptSet,
    *,
    edit: Callable[[str], EditorResult],
    clock: Clock,
    store: JournalStore,
    tags: Sequence[str] = (),
    draft: JournalDraft | None = None,
    owner_pid: int | None = None,
) -> tuple[JournalEntry | None, JournalDraft | None]:
    """Write an entry in the person's editor. Returns (entry saved, draft kept): when the
    editor ends with an error, whatever was written is kept as a draft instead."""
    started = clock.monotonic()
    moment = draft.moment if draft else Moment.of(clock.now())
    questions = template_questions(prompt_set)
    title = f"{prompt_set.name} · {moment.local_date:%A %-d %B %Y}"
    result = edit(make_template(title, questions, draft.answers if draft else ()))
    answers = parse_template(result.text, questions)
    all_tags = sorted(set(tags) | set(draft.tags if draft else ()))
    entry_id = draft.id if draft else None
    if not result.ok:
        if not answers:
            return None, None
        kept = JournalDraft(
            prompt_id=prompt_set.id,
            moment=moment,
            answers=answers,
            tags=all_tags,
            updated_utc=format_utc(clock.now()),
            owner_pid=None,
        )
        if entry_id:
            kept.id = entry_id
        store.save_journal_draft(kept)
        return None, kept
    entry = build_entry(
        prompt_id=prompt_set.id,
        answers=answers,
        tags=all_tags,
        moment=moment,
        now=clock.now(),
        entry_id=entry_id,
        actual_seconds=round(clock.monotonic() - started, 3),
        details={"via": "editor"},
    )
    if entry is None:
        if draft:
            store.delete_journal_draft(draft.id)
        return None, None
    store.add_journal_entry(entry, draft_id=draft.id if draft else None)
    return entry, None


@dataclass
class Revision:
    """An edited entry's new words, or why nothing changed ('unchanged' or 'empty')."""

    answers: list[JournalAnswer]
    body: str
    unchanged_reason: str | None = None


def revise(
    entry: JournalEntry,
    edit: Callable[[str], EditorResult],
    prompt_set: PromptSet | None = None,
) -> Revision:
    """Open an entry in the editor and read back the new words."""
    questions = entry_questions(entry, prompt_set)
    name = prompt_set.name if prompt_set else entry.prompt_id or "journal"
    title = f"{name} · {entry.session.moment.local_date:%A %-d %B %Y}"
    answers = entry.answers or [JournalAnswer("text", questions[0].text, entry.body)]
    result = edit(make_template(title, questions, answers))
    new = parse_template(result.text, questions)
    if not result.ok:
        return Revision(answers, entry.body, "editor-error")
    if not new:
        return Revision(answers, entry.body, "empty")
    body = body_of(new)
    if body == entry.body and [a.answer for a in new] == [a.answer for a in entry.answers]:
        return Revision(new, body, "unchanged")
    return Revision(new, body)


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
    edit: Callable[[str], EditorResult] | None,
    pid: int,
    alive: Callable[[int], bool],
) -> Sitting:
    """Offer a waiting draft first, then write a new entry (step by step, or in the editor
    when `edit` is given)."""
    by_id = {s.id: s for s in sets}
    waiting = waiting_drafts(store.journal_drafts(), alive)
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
        # taken the same draft.
        if choice in (RESUME, SAVE_AS_IS, DISCARD) and not store.claim_journal_draft(
            draft.id, draft.owner_pid, pid
        ):
            out.note("That draft was just picked up in another window; starting a new entry.")
        elif choice == SAVE_AS_IS:
            return Sitting(save_draft_as_is(draft, store, clock), known)
        elif choice == RESUME and known is not None:
            resume = draft
            chosen = known
        elif choice == DISCARD:
            store.delete_journal_draft(draft.id)
            out.note("The draft is discarded.")
    if chosen is None:
        chosen = choose_set(sets, prompter, clock.now())
    if edit is not None:
        entry, kept = write_in_editor(
            chosen, edit=edit, clock=clock, store=store, tags=tags, draft=resume, owner_pid=pid
        )
        return Sitting(entry, chosen, kept)
    result = write(
        chosen,
        prompter=prompter,
        out=out,
        clock=clock,
        store=store,
        tags=tags,
        draft=resume,
        owner_pid=pid,
    )
    return Sitting(result.entry, chosen)
