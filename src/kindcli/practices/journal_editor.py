"""Writing and editing a journal entry in the person's own editor: the template with the
questions as headings, and reading the answers back from it.

Pure Python: the editor is a plain function from text to an EditorResult
(`kindcli.adapters.editor.SystemEditor` is the real one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kindcli.ports import Clock, Moment, format_utc
from kindcli.practices.journal_entry import JournalStore, body_of, build_entry
from kindcli.store.records import JournalAnswer, JournalDraft, JournalEntry

if TYPE_CHECKING:
    from kindcli.catalog.models import PromptSet


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
