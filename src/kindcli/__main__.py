"""Entry point for the `kind` console script and `python -m kindcli`."""

from __future__ import annotations


def main() -> None:
    from kindcli.cli import run

    run()


if __name__ == "__main__":
    main()
