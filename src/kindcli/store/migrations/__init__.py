"""The database schema, as an ordered list of small named steps.

Each step runs inside one transaction together with the bump of `PRAGMA user_version`, so a
step that fails leaves the file exactly as it was. Statements run one at a time because
`executescript` would commit whatever transaction is open. Never edit a step that has
shipped; add a new one at the end.
"""

from __future__ import annotations

from kindcli.store.migrations.base import APPLICATION_ID, Migration
from kindcli.store.migrations.first import (
    m001_sessions,
    m002_journal,
    m003_state,
    m004_journal_search,
    m005_journal_drafts,
    m006_stats_summary,
    m007_counted_column,
    word_count,
)
from kindcli.store.migrations.journal_index import entry_key, m008_journal_index_and_totals
from kindcli.store.migrations.measures import m009_measure_results

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "Migration",
    "entry_key",
    "m004_journal_search",
    "word_count",
]

MIGRATIONS: list[Migration] = [
    Migration("m001_sessions", m001_sessions),
    Migration("m002_journal", m002_journal),
    Migration("m003_state", m003_state),
    Migration("m004_journal_search", m004_journal_search),
    Migration("m005_journal_drafts", m005_journal_drafts),
    Migration("m006_stats_summary", m006_stats_summary),
    Migration("m007_counted_column", m007_counted_column),
    Migration("m008_journal_index_and_totals", m008_journal_index_and_totals, vacuum_after=True),
    Migration("m009_measure_results", m009_measure_results),
]
