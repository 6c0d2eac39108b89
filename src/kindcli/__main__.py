"""Entry point for the `kind` console script and `python -m kindcli`."""

from __future__ import annotations


def main() -> None:
    # First of all, before Typer and the rest are imported: Ctrl-C from here on is a calm
    # line and exit 130, never a traceback (see kindcli.adapters.signals).
    from kindcli.adapters.signals import calm_from_the_start

    calm_from_the_start()
    from kindcli.cli import run

    run()


if __name__ == "__main__":
    main()
