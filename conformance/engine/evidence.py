"""What a run actually exercised, measured from the inputs the tests ran, and how it compares with a declared domain."""

import contextlib
import contextvars
from collections.abc import Iterator

import numpy as np

import strategies as S

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


def note_array(array: np.ndarray, layout: str | None = None, input_kind: str | None = None) -> None:
    """Record an ndarray input; its layout is the given label when the array's traits confirm it."""
    traits = S.layout_of(array)
    measured = layout if layout in traits else ("C" if "C" in traits else sorted(traits)[0] if traits else None)
    _note({"dtype": array.dtype.name, "ndim": array.ndim, "nbytes": int(array.nbytes),
           "layout": measured, "input": input_kind})


def note_tensor(tensor, layout: str | None = None, input_kind: str | None = None) -> None:
    """Record a framework tensor; torch layouts are measured from strides and bits, others taken as built."""
    if hasattr(tensor, "data_ptr"):
        traits = torch_traits(tensor)
        layout = layout if layout in traits else sorted(traits)[0]
        dtype, nbytes = str(tensor.dtype).rsplit(".", 1)[-1], tensor.numel() * tensor.element_size()
    else:
        dtype = np.dtype(tensor.dtype.as_numpy_dtype if hasattr(tensor.dtype, "as_numpy_dtype") else tensor.dtype).name
        nbytes = int(np.prod(tuple(tensor.shape), dtype=np.int64)) * np.dtype(dtype).itemsize
    _note({"dtype": dtype, "ndim": len(tensor.shape), "nbytes": int(nbytes), "layout": layout, "input": input_kind})


def note_input(input_kind: str) -> None:
    """Record an input that is not an array, such as a nested Python list."""
    _note({"input": input_kind})


def case_input(item, examples: int) -> list[dict]:
    """The input kind of a test's enumerated case, once an example of it ran. Builders see only arrays and
    tensors, so a kind such as a DLPack pair or a dtype target is known from the case alone."""
    case = item.callspec.params.get("case") if hasattr(item, "callspec") else None
    kind = getattr(case, "input", None)
    return [{"input": kind}] if kind and examples else []


def torch_traits(t) -> set[str]:
    traits = set()
    if t.is_conj():
        traits.add("conj")
    if t.is_neg():
        traits.add("neg")
    if 0 in t.stride() and t.numel() > 1:
        traits.add("expanded")
    if t.storage_offset() > 0:
        traits.add("offset")
    if t.is_contiguous():
        traits.add("contiguous")
    elif "expanded" not in traits:
        strides = [s for s, n in zip(t.stride(), t.shape) if n > 1]
        traits.add("step-sliced" if strides == sorted(strides, reverse=True) else "transposed")
    return traits


def size_class(ndim: int, nbytes: int) -> str:
    if nbytes == 0:
        return "empty"
    if ndim == 0:
        return "0-d"
    for name, (low, high) in S.SIZE_CLASSES.items():
        if name not in ("empty", "0-d") and low <= nbytes <= high:
            return name
    return "8M-16M"


def summarize(records: list[dict]) -> dict:
    """``{"dtypes", "ndims", "nbytes": [min, max], "sizes", "layouts", "inputs"}`` of the records, each key only
    where something was seen."""
    arrays = [r for r in records if "ndim" in r]
    summary = {"dtypes": sorted({r["dtype"] for r in arrays}), "ndims": sorted({r["ndim"] for r in arrays}),
               "nbytes": [min(r["nbytes"] for r in arrays), max(r["nbytes"] for r in arrays)] if arrays else [],
               "sizes": sorted({size_class(r["ndim"], r["nbytes"]) for r in arrays}),
               "layouts": sorted({r["layout"] for r in arrays if r.get("layout")}),
               "inputs": sorted({r["input"] for r in records if r.get("input")})}
    return {key: value for key, value in summary.items() if value}


def merge(summaries: list[dict]) -> dict:
    merged: dict = {}
    for summary in summaries:
        for key, value in summary.items():
            if key == "nbytes":
                old = merged.get(key, value)
                merged[key] = [min(old[0], value[0]), max(old[1], value[1])]
            else:
                merged[key] = sorted(set(merged.get(key, [])) | set(value), key=str)
    return merged


def missing(domain: dict, exercised: dict) -> dict:
    """The parts of a declared domain (``Domain.as_dict()``) that the exercised summary lacks."""
    gaps = {}
    for declared_key, exercised_key in (("dtypes", "dtypes"), ("layouts", "layouts"), ("sizes", "sizes"),
                                        ("ranks", "ndims"), ("inputs", "inputs")):
        lacking = sorted(set(domain.get(declared_key, [])) - set(exercised.get(exercised_key, [])), key=str)
        if lacking:
            gaps[declared_key] = lacking
    return gaps


def cell(exercised: dict, domain: dict) -> str:
    """A compact coverage cell, e.g. ``11/11 dtypes · ndim 0–4 · 1 B–8 MB · 6/6 layouts``."""
    parts = []
    if exercised.get("dtypes"):
        declared = domain.get("dtypes")
        parts.append(f"{len(set(exercised['dtypes']) & set(declared))}/{len(declared)} dtypes" if declared
                     else f"{len(exercised['dtypes'])} dtypes")
    if exercised.get("ndims"):
        low, high = exercised["ndims"][0], exercised["ndims"][-1]
        parts.append(f"ndim {low}" if low == high else f"ndim {low}–{high}")
    if exercised.get("nbytes"):
        parts.append("–".join(human_bytes(n) for n in exercised["nbytes"]))
    for key in ("layouts", "inputs"):
        if exercised.get(key):
            declared = domain.get(key)
            parts.append(f"{len(set(exercised[key]) & set(declared))}/{len(declared)} {key}" if declared
                         else f"{len(exercised[key])} {key}")
    return " · ".join(parts)


def human_bytes(n: int) -> str:
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} B"
