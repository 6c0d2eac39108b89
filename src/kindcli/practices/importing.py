"""`kind import`: saying what an import added, skipped and found in conflict."""

from __future__ import annotations

from collections import Counter

from kindcli.kinds import BY_ID
from kindcli.store.records import Archive, Found, MeasureResult, MergeReport

# How many conflicts are named one by one before the rest are only counted.
SHOWN_CONFLICTS = 20


def all_new(archive: Archive) -> MergeReport:
    """What an import into a home with no database yet would do: add everything."""
    report = MergeReport()
    report.added += [
        Found("session", s.id, s.practice, s.moment.local_date) for s in archive.sessions
    ]
    report.added += [
        Found("entry", e.id, "journal", e.session.moment.local_date) for e in archive.entries
    ]
    report.added += [Found("state", item.key) for item in archive.state]
    report.added += [measure_found(m) for m in archive.measures]
    return report


def measure_found(m: MeasureResult) -> Found:
    return Found("measure", m.id, None, m.moment.local_date)


def counted(found: list[Found]) -> str:
    """'3 journal entries, 1 break and your safety plan', or 'nothing'."""
    by_noun: Counter[tuple[str, str]] = Counter()
    for f in found:
        if f.kind == "state":
            by_noun[("remembered choice", "remembered choices")] += 1
            continue
        if f.kind == "measure":
            by_noun[("measure result", "measure results")] += 1
            continue
        kind = BY_ID.get(f.practice or "")
        by_noun[(kind.noun, kind.nouns) if kind else ("session", "sessions")] += 1
    parts = [f"{n} {one if n == 1 else many}" for (one, many), n in by_noun.items()]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def describe(f: Found) -> str:
    if f.kind == "state":
        return f"remembered choice '{f.id}'"
    if f.kind == "measure":
        return f"measure result {f.id[:8]} from {f.local_date}"
    kind = BY_ID.get(f.practice or "")
    noun = kind.noun if kind else "session"
    return f"{noun} {f.id[:8]} from {f.local_date}"


def summary(report: MergeReport, dry_run: bool) -> list[str]:
    """The lines that tell a person what happened (or, with --dry-run, would)."""
    would = "would be " if dry_run else ""
    lines = [
        f"{'Would add' if dry_run else 'Added'}: {counted(report.added)}.",
        f"Already here, {would}skipped: {counted(report.skipped)}.",
    ]
    if report.conflicts:
        lines.append(
            f"In conflict, {would}kept as they are here: {counted(report.conflicts)} "
            "(the same id with different content):"
        )
        lines += [f"  {describe(f)}" for f in report.conflicts[:SHOWN_CONFLICTS]]
        if len(report.conflicts) > SHOWN_CONFLICTS:
            lines.append(f"  and {len(report.conflicts) - SHOWN_CONFLICTS} more")
    if dry_run:
        lines.append("Nothing was changed (--dry-run).")
    return lines
