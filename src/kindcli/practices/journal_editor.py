"""Writing and editing a journal entry in the person's own editor: the template with the
questions as headings, and reading the answers back from it, exactly.

Whatever a person writes survives: Markdown headings, "# TODO call mom", a lone "#", even a
copy of one of kind's own lines. Only kind's own lines are left out when the file is read
back: the questions (as `## ` headings) and the notes kind wrote, matched whole. An answer
line that happens to be a copy of one of kind's lines is written with a backslash in front
(`\\## ...`), and that one backslash is taken off again when it is read: so an entry
edited and saved unchanged comes back exactly as it was.

Pure Python: the editor is a port (`Editor`; `kindcli.adapters.editor.SystemEditor` is the
real one). The editor's file stays until its words are safe in the store: a kind that is
stopped keeps them as a draft, and one killed outright leaves the file, which the next
`kind journal` puts back into its draft (`recover_leftovers`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from kindcli.dates import long_date
from kindcli.ports import Clock, Moment, Renderer, format_utc
from kindcli.practices.journal_entry import (
    DraftLocks,
    JournalStore,
    body_of,
    build_entry,
    draft_lock,
)
from kindcli.store.records import JournalAnswer, JournalDraft, JournalEntry

if TYPE_CHECKING:
    from kindcli.catalog.models import PromptSet


TEMPLATE_NOTE = (
    "# Write under each question. Everything you write is kept exactly as you write it,",
    "# headings and lines starting with # too; only kind's own lines (these notes and the",
    "# questions) are left out. Save and close the editor to finish. If everything is",
    "# empty, nothing is saved.",
)
ESCAPE = "\\"
DRAFT_KEPT = "Your draft is kept. The next `kind journal` will offer to carry on with it."


def _one_line(text: str) -> str:
    return " ".join(text.split())


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


def draft_questions(draft: JournalDraft, prompt_set: PromptSet | None) -> list[TemplateQuestion]:
    """The questions a draft is written under: its set's, or (the set is gone) the ones it
    answered."""
    if prompt_set is not None:
        return template_questions(prompt_set)
    answered = [TemplateQuestion(a.question_id, a.question) for a in draft.answers]
    return answered or [TemplateQuestion("text", "What is on your mind?")]


def template_title(set_name: str, moment: Moment) -> str:
    return f"{set_name} · {long_date(moment.local_date)}"


@dataclass(frozen=True)
class Template:
    """One editor file: a title, kind's notes, and a heading per question."""

    title: str
    questions: Sequence[TemplateQuestion]

    @property
    def headings(self) -> list[str]:
        return [f"## {_one_line(q.text)}" for q in self.questions]

    @property
    def notes(self) -> set[str]:
        hints = {f"# {_one_line(q.hint)}" for q in self.questions if q.hint}
        return {f"# {_one_line(self.title)}", *TEMPLATE_NOTE, *hints}

    def _kinds_line(self, line: str) -> bool:
        key = line.rstrip()
        return key in self.notes or key in self.headings

    def render(self, answers: Sequence[JournalAnswer] = ()) -> str:
        given = {a.question_id: a.answer.strip() for a in answers}
        parts = [f"# {_one_line(self.title)}\n", *(f"{n}\n" for n in TEMPLATE_NOTE)]
        for q, heading in zip(self.questions, self.headings, strict=True):
            parts.append(f"\n{heading}\n")
            if q.hint:
                parts.append(f"# {_one_line(q.hint)}\n")
            parts.append("\n")
            if given.get(q.id):
                parts += [self._escape(line) + "\n" for line in given[q.id].split("\n")]
        return "".join(parts)

    def _escape(self, line: str) -> str:
        """A line of the person's that reads like one of kind's gets one more backslash."""
        return ESCAPE + line if self._kinds_line(line.lstrip(ESCAPE)) else line

    def parse(self, text: str) -> list[JournalAnswer]:
        """The answers in an edited file. Text above the first heading belongs to the first
        question; a heading the person removed merges its text into the one before; a
        heading typed again further down is kept as text. No written word is dropped."""
        headings = self.headings
        notes = self.notes
        current = -1  # above the first heading: the first question's
        collected: list[list[str]] = [[] for _ in self.questions]
        for line in text.split("\n"):
            key = line.rstrip()
            if key in notes:
                continue
            later = [i for i in range(current + 1, len(headings)) if headings[i] == key]
            if later:
                current = later[0]
                continue
            if line.startswith(ESCAPE) and self._kinds_line(line.lstrip(ESCAPE)):
                line = line[len(ESCAPE) :]
            collected[max(current, 0)].append(line)
        answers = []
        for q, lines in zip(self.questions, collected, strict=True):
            answer = "\n".join(lines).strip()
            if answer:
                answers.append(JournalAnswer(q.id, q.text, answer))
        return answers


def make_template(
    title: str, questions: Sequence[TemplateQuestion], answers: Sequence[JournalAnswer] = ()
) -> str:
    return Template(title, questions).render(answers)


def parse_template(
    text: str, questions: Sequence[TemplateQuestion], title: str
) -> list[JournalAnswer]:
    return Template(title, questions).parse(text)


def _nothing_to_clean() -> None:
    return None


@dataclass
class EditorResult:
    """What came back from the editor. `stopped` is set when kind was asked to stop (SIGTERM,
    SIGHUP) while the editor was open: the text is the file as the person last saved it.
    `done` removes the file; call it once its words are safe (or were not wanted)."""

    text: str
    ok: bool
    stopped: KeyboardInterrupt | None = None
    done: Callable[[], None] = field(default=_nothing_to_clean)


class Editor(Protocol):
    def __call__(self, text: str, *, name: str = "journal") -> EditorResult:
        """Open `text` in the person's editor; `name` starts the file's name (it says what
        the file belongs to, for `recover_leftovers`)."""
        ...


def draft_file_name(draft_id: str) -> str:
    return f"journal-{draft_id}"


def edit_file_name(entry_id: str) -> str:
    return f"edit-{entry_id}"


def write_in_editor(
    prompt_set: PromptSet,
    *,
    edit: Editor,
    clock: Clock,
    store: JournalStore,
    out: Renderer,
    locks: DraftLocks,
    tags: Sequence[str] = (),
    draft: JournalDraft | None = None,
    owner_pid: int | None = None,
) -> tuple[JournalEntry | None, JournalDraft | None]:
    """Write an entry in the person's editor. Returns (entry saved, draft kept): when the
    editor ends with an error, or kind is stopped while it is open, whatever was written is
    kept as a draft instead (and on a stop, the StopSignal exception is raised after that).

    The draft is saved (held by this process) before the editor opens, so the editor's file
    always has a draft to go back to, even if kind is killed outright."""
    started = clock.monotonic()
    fresh = draft is None
    if draft is None:
        draft = JournalDraft(
            prompt_id=prompt_set.id,
            moment=Moment.of(clock.now()),
            tags=sorted(set(tags)),
            owner_pid=owner_pid,
        )
        locks.take(draft_lock(draft.id))
    else:
        draft.owner_pid = owner_pid
        draft.tags = sorted(set(draft.tags) | set(tags))
    draft.updated_utc = format_utc(clock.now())
    store.save_journal_draft(draft)
    template = Template(
        template_title(prompt_set.name, draft.moment), template_questions(prompt_set)
    )
    result = edit(template.render(draft.answers), name=draft_file_name(draft.id))
    answers = template.parse(result.text)
    if result.stopped is not None or not result.ok:
        kept: JournalDraft | None = None
        if answers:
            draft.answers = answers
            draft.owner_pid = None
            draft.updated_utc = format_utc(clock.now())
            store.save_journal_draft(draft)
            kept = draft
        elif fresh:
            store.delete_journal_draft(draft.id)
        result.done()
        if result.stopped is not None:
            if kept is not None:
                out.note(DRAFT_KEPT)
            raise result.stopped
        return None, kept
    entry = build_entry(
        prompt_id=prompt_set.id,
        answers=answers,
        tags=draft.tags,
        moment=draft.moment,
        now=clock.now(),
        entry_id=draft.id,
        actual_seconds=round(clock.monotonic() - started, 3),
        details={"via": "editor"},
    )
    if entry is None:
        store.delete_journal_draft(draft.id)
    else:
        store.add_journal_entry(entry, draft_id=draft.id)
    result.done()
    locks.release(draft_lock(draft.id))
    return entry, None


@dataclass
class Revision:
    """An edited entry's new words, or why nothing changed ('unchanged', 'empty' or
    'editor-error'). `stopped`: kind was asked to stop while the editor was open (the words
    are what the person last saved; raise it once they are kept). Call `done` after."""

    answers: list[JournalAnswer]
    body: str
    unchanged_reason: str | None = None
    stopped: KeyboardInterrupt | None = None
    done: Callable[[], None] = field(default=_nothing_to_clean)


def revise(
    entry: JournalEntry,
    edit: Editor,
    prompt_set: PromptSet | None = None,
) -> Revision:
    """Open an entry in the editor and read back the new words."""
    questions = entry_questions(entry, prompt_set)
    name = prompt_set.name if prompt_set else entry.prompt_id or "journal"
    template = Template(template_title(name, entry.session.moment), questions)
    answers = entry.answers or [JournalAnswer("text", questions[0].text, entry.body)]
    result = edit(template.render(answers), name=edit_file_name(entry.id))
    new = template.parse(result.text)

    def revision(answers: list[JournalAnswer], body: str, reason: str | None) -> Revision:
        return Revision(answers, body, reason, result.stopped, result.done)

    if not result.ok and result.stopped is None:
        return revision(answers, entry.body, "editor-error")
    if not new:
        return revision(answers, entry.body, "empty")
    body = body_of(new)
    if body == entry.body and [a.answer for a in new] == [a.answer for a in entry.answers]:
        return revision(new, body, "unchanged")
    return revision(new, body, None)


# ---- editor files left behind ------------------------------------------------------------


@dataclass
class Leftover:
    """An editor file left by a kind that ended before its words were kept: the name kind
    gave it, what it holds, and how to remove it."""

    name: str
    path: str
    text: str
    remove: Callable[[], None]


def recover_leftovers(
    leftovers: Sequence[Leftover],
    store: JournalStore,
    sets: Sequence[PromptSet],
    locks: DraftLocks,
    clock: Clock,
) -> list[Leftover]:
    """Put the words of journal editor files left behind back into their drafts (so the
    draft is offered as usual) and remove the files. Returns the files kept as they are:
    ones with no draft to go back to (an edit of a saved entry, a draft discarded since)."""
    drafts = {d.id: d for d in store.journal_drafts()}
    by_id = {s.id: s for s in sets}
    kept: list[Leftover] = []
    for leftover in leftovers:
        draft = next(
            (d for i, d in drafts.items() if leftover.name.startswith(draft_file_name(i))),
            None,
        )
        if draft is None:
            kept.append(leftover)
            continue
        if locks.in_use(draft_lock(draft.id)):
            continue  # still being written in another window
        prompt_set = by_id.get(draft.prompt_id or "")
        name = prompt_set.name if prompt_set else draft.prompt_id or "journal"
        template = Template(template_title(name, draft.moment), draft_questions(draft, prompt_set))
        answers = template.parse(leftover.text)
        if answers:
            draft.answers = answers
            draft.owner_pid = None
            draft.updated_utc = format_utc(clock.now())
            store.save_journal_draft(draft)
        leftover.remove()
    return kept
