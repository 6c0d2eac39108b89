"""Entry point for the `kind` console script and `python -m kindcli`."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["hello"] and _hello(sys.argv[2:]):
        return
    from kindcli.quick import run as run_quick  # read-only commands, without Typer

    code = run_quick(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    from kindcli.cli import run

    run()


def _hello(args: list[str]) -> bool:
    # `kind hello` runs in every new shell: it answers here, before Typer is imported, and
    # never fails the shell (see kindcli.hello). Anything else it leaves to the full CLI.
    try:
        from kindcli.hello import main as hello

        return hello(args)
    except BaseException:  # silence, exit 0
        return True


if __name__ == "__main__":
    main()
