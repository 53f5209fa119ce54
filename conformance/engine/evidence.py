"""What a run actually exercised, measured from the inputs the tests ran, and how it compares with the cases that ran.

Inputs are noted as they are built (:func:`note_array`, :func:`note_tensor`,
:func:`note_input`); each record says what the input measured: its dtype, rank,
size, layout (confirmed from its strides and placement) and device. Dimensions
that no input can show (a target dtype, a function, a producer and consumer) are
taken from the case once one of its examples ran. The records are summarized, merged and shown by
conformance.results.evidence.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

import strategies as S
from conformance import journal
from conformance.dimensions import DIMENSIONS
from conformance.frameworks import framework_of

_records: contextvars.ContextVar[list | None] = contextvars.ContextVar("exercised", default=None)


@contextlib.contextmanager
def collecting() -> Iterator[list[dict]]:
    """Collect every input noted while the block runs."""
    records: list[dict] = []
    token = _records.set(records)
    try:
        yield records
    finally:
        _records.reset(token)


def _note(record: dict) -> None:
    records = _records.get()
    if records is not None:
        records.append(record)
        journal.note("evidence", record)  # the parent keeps it, should a framework kill this process


def from_journal(notes: list[tuple[str, Any]], case: Mapping | None) -> tuple[list[dict], int]:
    """(records, examples) of a case that a crash ended, from the evidence its journal carried to the parent."""
    records = [payload for kind, payload in notes if kind == "evidence"]
    examples = max((r["example"] for r in records if "example" in r), default=0)
    return records + case_dimensions(case, examples), examples


def note_array(array: np.ndarray, layout: str | None = None, input_kind: str | None = None) -> None:
    """Record an ndarray input; its layout is the given label when the array's traits confirm it."""
    traits = S.layout_of(array)
    measured = layout if layout in traits else ("C" if "C" in traits else sorted(traits)[0] if traits else None)
    _note({"dtype": array.dtype.name, "ndim": array.ndim, "nbytes": int(array.nbytes), "layout": measured,
           "input": input_kind, "device": "cpu", "spec": array_spec(array, measured)})


def note_tensor(x, layout: str | None = None, source: np.ndarray | None = None) -> None:
    """Record a framework's array: its framework measures its dtype, device and (where it can) its layout;
    ``source`` is the ndarray whose values it was built from."""
    fw = framework_of(x)
    dtype = fw.dtype_name(x)
    nbytes = int(np.prod(tuple(x.shape), dtype=np.int64)) * np.dtype(dtype).itemsize
    measured = fw.measured_layout(x, layout)
    record = {"dtype": dtype, "ndim": len(x.shape), "nbytes": nbytes, "layout": measured,
              "device": fw.device_of(x), "framework": fw.key}
    if source is not None:
        record["spec"] = {**array_spec(source, None), "layout": measured, "framework": fw.key,
                          "device": record["device"]}
    _note(record)


def mark_example(number: int) -> None:
    """Mark where an example's records begin, so that the inputs of the last (failing) one can be found."""
    _note({"example": number})


def note_input(input_kind: str) -> None:
    """Record an input that is not an array, such as a nested Python list."""
    _note({"input": input_kind})


TILE = 1024


def array_spec(array: np.ndarray, layout: str | None) -> dict:
    """What a reproducer needs to rebuild an input exactly: dtype (with byte order), shape, layout and values.

    The values are those of the first 1,024 elements in C order (the strategies repeat a 1,024-element tile over
    larger arrays, so they determine the rest), written as the most common value, ``fill``, and the positions that
    differ from it, ``set`` (up to 16; ``more_differing`` counts the others)."""
    spec: dict = {"dtype": array.dtype.str, "shape": list(array.shape), "layout": layout}
    if array.size == 0:
        return spec
    head = np.asarray(array.flat[:TILE])
    values, counts = np.unique(head, return_counts=True)
    fill = values[int(np.argmax(counts))]
    different = np.flatnonzero(head != fill)
    spec["fill"] = _plain(fill)
    spec["set"] = {str(i): _plain(head[i]) for i in different[:16]}  # flat positions; JSON keys are strings
    if different.size > 16:
        spec["more_differing"] = int(different.size - 16)
    return spec


def _plain(value):
    value = value.item()
    return [value.real, value.imag] if isinstance(value, complex) else value


def case_dimensions(case: Mapping | None, examples: int) -> list[dict]:
    """The case's own dimensions that no input shows, once an example of it ran."""
    if not case or not examples:
        return []
    return [{name: value for name, value in case.items() if not DIMENSIONS[name].measured}]
