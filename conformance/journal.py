"""What a running case has done so far, written through to the process that outlives a crash.

A case runs in a contained runner process (``conformance.engine.containment``). What the
case notes here (the inputs it built, the conversion it is about to try, the outcome of
the one it just tried) reaches the parent as it happens, so that when a framework kills
the runner the parent knows the input and the path that did it. Outside a runner (a run
with ``--containment off``) noting costs nothing and goes nowhere.

A case that a crash interrupted runs again in the new runner with the keys it already
settled (:func:`settled`), so that one crash costs only the path it happened in.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

Sink = Callable[[str, object], None]

_sink: Sink | None = None
_settled: frozenset = frozenset()


def note(kind: str, payload: object) -> None:
    """Send ``payload`` to the parent now (a picklable value), where this process is a contained runner."""
    if _sink is not None:
        _sink(kind, payload)


def attach(sink: Sink | None) -> None:
    """Make ``sink`` receive every note of this process (the runner attaches its channel)."""
    global _sink
    _sink = sink


@contextlib.contextmanager
def resuming(keys: frozenset) -> Iterator[None]:
    """While the block runs, ``keys`` count as settled by an earlier, crashed attempt at the same case."""
    global _settled
    previous, _settled = _settled, frozenset(keys)
    try:
        yield
    finally:
        _settled = previous


def settled(key: str) -> bool:
    """Whether an earlier attempt at this case already settled ``key`` (observed it, or crashed on it)."""
    return key in _settled
