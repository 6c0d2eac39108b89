"""Entry point for the `kind` console script and `python -m kindcli`."""

from __future__ import annotations


def main() -> None:
    # The very first instruction: a Ctrl-C from here on is held for a moment, then met with
    # the calm line and exit 130 (kindcli.adapters.signals), never a traceback. `_signal` is
    # the signal module's C half, loaded before any of kind's code runs.
    import _signal  # type: ignore[import-not-found,unused-ignore]

    held: list[int] = []
    if _signal.getsignal(_signal.SIGINT) is not _signal.SIG_IGN:
        _signal.signal(_signal.SIGINT, lambda signum, frame: held.append(signum))
    from kindcli.adapters.signals import calm_from_the_start

    calm_from_the_start(interrupted=bool(held))
    from kindcli.cli import run

    run()


if __name__ == "__main__":
    main()
