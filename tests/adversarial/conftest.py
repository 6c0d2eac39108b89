"""Shared helpers for the adversarial cases: many kind processes released at once."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any


def at_once(count: int, work: Callable[[int], Any], timeout: float = 240) -> list[Any]:
    """Run `work(i)` in `count` forked processes that all wait on one barrier first, so they
    reach the racy part together; returns each one's result (or its exception's repr)."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(count)
    results = ctx.Queue()

    def run(i: int) -> None:
        try:
            barrier.wait(timeout)
            results.put((i, work(i)))
        except BaseException as e:  # report it; the test decides
            results.put((i, f"{type(e).__name__}: {e}"))
        finally:
            results.close()
            results.join_thread()  # the result is on its way before this process ends
            os._exit(0)

    workers = [ctx.Process(target=run, args=(i,)) for i in range(count)]
    for w in workers:
        w.start()
    got = dict(results.get(timeout=timeout) for _ in workers)
    for w in workers:
        w.join(timeout)
    return [got[i] for i in range(count)]
