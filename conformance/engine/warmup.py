"""Importing frameworks while the first runner works: the slow imports (TensorFlow takes seconds) leave the critical path.

Collection imports only what listing devices needs (JAX and array-api-strict for their
virtual devices; a framework's CUDA devices only where the machine has a GPU). The first
runner is forked then, after the pytest process has imported what the first item needs,
and runs the items that need nothing more, while a thread of the pytest process imports
the other frameworks the items need. The first item that needs one of them waits for the
thread, and gets a new runner forked after it: warm, as every runner after it. (A runner
that imported a framework itself would be replaced all the same, and import it in vain:
4 s of one interop worker, when the first item it was handed needed torch.) Under pytest-xdist
nothing is imported ahead: each framework is imported when a worker's first item needs it, and
``enumeration.warm_first`` orders the items so that one worker takes those of the framework
fewest items need, and the other never imports it. The pytest process never forks while the thread runs (a fork of a
process with a live thread could deadlock in the child), and nothing here starts a
framework's runtime.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable

from conformance.frameworks import FRAMEWORKS


def loaded() -> frozenset[str]:
    """The frameworks whose modules this process has imported."""
    return frozenset(key for key, fw in FRAMEWORKS.items() if fw.module_name in sys.modules)


class Warmup:
    def __init__(self, keys: Iterable[str]):
        self.keys = sorted(set(keys) - loaded())
        self.thread: threading.Thread | None = None
        self.started = False

    def begin(self) -> None:
        """Start importing, once (right after the first runner is forked)."""
        if self.keys and not self.started:
            self.thread = threading.Thread(target=self._load, name="conformance-warmup", daemon=True)
            self.thread.start()
        self.started = True

    def _load(self) -> None:
        load_now(self.keys)

    def finish(self) -> None:
        """Wait for the imports, so that this process may fork again."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None


def load_now(keys: Iterable[str]) -> None:
    """Import these frameworks here and now (what a warm-up imports, or what the next item needs before its runner is
    forked). One that fails to import is left to its fixture, which reports it in the runner as the error of each case
    that needs it."""
    for key in sorted(keys):
        try:
            FRAMEWORKS[key].load()
        except Exception:
            pass
