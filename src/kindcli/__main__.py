"""Entry point for the `kind` console script and `python -m kindcli`."""

from __future__ import annotations


def main() -> None:
    import sys

    from kindcli.quick import run as run_quick  # read-only commands, without Typer

    code = run_quick(sys.argv[1:])
    if code is not None:
        raise SystemExit(code)
    from kindcli.cli import run

    run()


if __name__ == "__main__":
    main()
