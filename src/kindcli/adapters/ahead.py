"""Loading ahead: work done on a helper thread while the person reads or answers.

A practice's first question is asked before the heavier parts of kind (the content models,
YAML, prompt_toolkit) have loaded; they load here meanwhile, while the main thread only
waits for a key, so by the time the answer comes they are ready. The work is imports and
building objects, never drawing or reading: the terminal stays the main thread's.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Callable, Iterable


class Ahead:
    """Runs `steps` in order on a daemon thread. A step that fails is simply skipped: the
    main thread does the same work again when it needs it and reports the problem there."""

    def __init__(self, steps: Iterable[Callable[[], object]]) -> None:
        self._steps = list(steps)
        self._thread = threading.Thread(target=self._run, name="kind-load-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for step in self._steps:
            with contextlib.suppress(Exception):
                step()

    def wait(self) -> None:
        """Until everything is loaded (at once, when it already is)."""
        self._thread.join()


def importing(module: str) -> Callable[[], object]:
    return lambda: importlib.import_module(module)
