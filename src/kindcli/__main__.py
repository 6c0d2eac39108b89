"""Entry point for the `kind` console script and `python -m kindcli`."""

from __future__ import annotations

import sys


def main() -> None:
    # The very first instruction: a Ctrl-C from here on is held for a moment, then met with
    # the calm line and exit 130 (kindcli.adapters.signals), never a traceback. `_signal` is
    # the signal module's C half, loaded before any of kind's code runs. `kind hello` (a new
    # shell starting) stays silent: a Ctrl-C held during it is let go.
    import _signal  # type: ignore[import-not-found,unused-ignore]

    held: list[int] = []
    if _signal.getsignal(_signal.SIGINT) is not _signal.SIG_IGN:
        _signal.signal(_signal.SIGINT, lambda signum, frame: held.append(signum))
    if sys.argv[1:2] == ["hello"] and _hello(sys.argv[2:]):
        return
    from kindcli.adapters.signals import calm_from_the_start

    calm_from_the_start(interrupted=bool(held))
    try:
        from kindcli.quick import run as run_quick  # read-only commands, without Typer

        code = run_quick(sys.argv[1:])
        if code is not None:
            raise SystemExit(code)
        from kindcli.cli import run

        run()
    except SystemExit as e:
        from kindcli.boundary import exit_code

        raise SystemExit(exit_code(e)) from None
    finally:
        # kind is done; a Ctrl-C while Python tidies up (threads, files) changes nothing.
        _signal.signal(_signal.SIGINT, _signal.SIG_IGN)


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
