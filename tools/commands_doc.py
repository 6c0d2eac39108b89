"""Write docs/commands.md, the command reference, from the command tree itself.

    python tools/commands_doc.py [--check]

Typer's own Markdown generator (the one `typer MODULE utils docs` runs) walks every command
kind has, with the help conventions `kind --help` uses (`cli/usage.py`). Run it after
changing any command, option or help text; `--check` fails when the file is not what the
commands say (the test suite runs it too).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
TARGET = ROOT / "docs" / "commands.md"

HEADER = "<!-- Made by tools/commands_doc.py from the command tree: do not edit by hand. -->\n\n"


def render() -> str:
    os.environ.setdefault("KIND_HOME", "/nonexistent/kind-commands-doc")
    import typer
    from typer.cli import get_docs_for_click

    from kindcli.cli import app
    from kindcli.cli.usage import tidy

    command = tidy(typer.main.get_command(app))
    ctx = typer.Context(command, info_name="kind", help_option_names=["-h", "--help"])
    docs = get_docs_for_click(obj=command, ctx=ctx, name="kind", title="kind: every command")
    return HEADER + docs.strip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")
    args = parser.parse_args()
    text = render()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text if TARGET.exists() else True:
            print(f"{TARGET} is out of date: run python tools/commands_doc.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
