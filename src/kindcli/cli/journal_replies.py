"""`kind journal replies`: every kind reply you have written to your inner critic."""

from __future__ import annotations

import typer

from kindcli.cli.common import JsonOption, services


def replies(ctx: typer.Context, json: JsonOption = False) -> None:
    """Read every kind reply you wrote to your inner critic, newest first."""
    from kindcli.practices import journal_replies as practice
    from kindcli.practices.journal_entry import REFRAME_SET
    from kindcli.store.records import JournalFilter

    svc = services(ctx)
    store = svc.existing_store()
    entries = store.journal_entries(JournalFilter(prompt_id=REFRAME_SET)) if store else []
    found = practice.replies(entries)
    out = svc.terminal
    if json:
        out.json([practice.reply_json(r) for r in found])
        return
    if not found:
        out.line(practice.NONE_YET)
        return
    for n, reply in enumerate(found):
        if n:
            out.line()
        out.line(practice.heading(reply), style="dim")
        out.line(reply.reply, indent="  ")
        if reply.critic:
            out.line(f"answering the critic: {reply.critic}", indent="      ", style="dim")
