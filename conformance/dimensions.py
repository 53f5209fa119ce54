"""The dimensions, one record each: what a dimension is is said here, and everything else reads it from here.

A :class:`Dimension` holds its name, the check of its values (which values exist), its fit rule (whether its value
can exist with the other values of a case: :func:`conformance.domains.fits` is every record's rule), how its
evidence is read from an input record and shown in the coverage cell (``conformance.results.evidence``), and its
priority in the compressed groups (``conformance.results.compress``). The registry's order is the order of
a case's values and of its id. Adding a dimension is one record here, and the claims that use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

import strategies as S
from conformance.frameworks import DEVICE_KINDS, FRAMEWORKS, Layout

Cell = Callable[[dict, str, tuple | None], list[str]]


def _always(case: Mapping) -> bool:
    return True


def _from_case(name: str) -> Callable[[dict], tuple]:
    """A dimension no input shows: its value is the case's, noted once one of its examples ran."""
    return lambda record: (record[name],) if record.get(name) is not None else ()


def _count(exercised: dict, key: str, wanted: tuple | None) -> list[str]:
    """``2/3 dtypes`` of the declared values, or ``4 inputs`` where the domain declares none."""
    if not exercised.get(key):
        return []
    return [f"{len(set(exercised[key]) & set(wanted))}/{len(wanted)} {key}" if wanted else f"{len(exercised[key])} {key}"]


@dataclass(frozen=True)
class Dimension:
    """One named dimension.

    ``check(value)`` says what is wrong with a value (None: it exists); ``fit(case)`` whether this dimension's
    value can exist with the case's others; ``read(record)`` the values an evidence record shows of it, summarised
    under ``evidence`` in ``exercised``; ``measured``: read from the inputs (else from the case, once it ran);
    ``cell`` its part of the coverage cell, at ``shown`` (lowest first); ``priority`` its place in the compressed
    groups (lowest first: the dimensions a reader thinks in first); ``wide``: its default is everything."""

    name: str
    evidence: str
    measured: bool
    check: Callable[[object], str | None]
    priority: int
    shown: int
    fit: Callable[[Mapping], bool] = _always
    read: Callable[[dict], tuple] | None = None
    cell: Cell = _count
    wide: bool = False

    def values(self, record: dict) -> tuple:
        """The values of this dimension ``record`` shows."""
        return (self.read or _from_case(self.name))(record)


def _dtype(value) -> str | None:
    try:
        np.dtype(value)
    except TypeError:
        return f"{value!r} is not a NumPy dtype"
    return None


def _choice(choices: Callable[[], Iterator]) -> Callable[[object], str | None]:
    return lambda value: None if value in set(choices()) else f"{value!r} is not one of {sorted(set(choices()))}"


def _named(what: str) -> Callable[[object], str | None]:
    return lambda v: None if isinstance(v, str) and v else f"{what} {v!r}"


def _layouts() -> Iterator[str]:
    yield from (layout.name for fw in FRAMEWORKS.values() for layout in fw.layouts)


def layout_rules(case: Mapping) -> Layout | None:
    """The case's layout, as its producer (or, without one, the first framework that has it) declares it."""
    name = case.get("layout")
    if name is None:
        return None
    owners = [FRAMEWORKS[case["producer"]]] if case.get("producer") else list(FRAMEWORKS.values())
    return next((layout for fw in owners for layout in fw.layouts if layout.name == name), None)


def _dtype_fits(case: Mapping) -> bool:
    """A dtype the producer makes (JAX without x64 makes no int64 array) and the consumer holds."""
    dtype = case.get("dtype")
    if case.get("producer") and dtype and dtype not in FRAMEWORKS[case["producer"]].kept_dtypes:
        return False
    return not (case.get("consumer") and dtype and dtype not in FRAMEWORKS[case["consumer"]].dtypes)


def _layout_fits(case: Mapping) -> bool:
    """A layout its producer makes, of a dtype it allows (a byte-swapped bool does not exist), at a rank it has axes
    for (a transposed vector is the vector itself). A case with a rank is of one element (shape (1,) * rank), which
    no layout that needs two elements along an axis can have (a step, a reversal, a transpose: on one element each
    is the contiguous layout again)."""
    if case.get("layout") is None:
        return True
    layout, dtype, rank = layout_rules(case), case.get("dtype"), case.get("rank")
    if layout is None or (rank is not None and (rank < layout.min_dims or layout.min_dims > 1 or layout.min_last > 1)):
        return False
    return dtype is None or not ((layout.dtypes and dtype not in layout.dtypes)
                                 or (layout.multibyte and np.dtype(dtype).itemsize == 1))


def _size_fits(case: Mapping) -> bool:
    """A size class its layout allows: 0-d for a layout that needs no axis, empty for one that needs no element."""
    layout, size = layout_rules(case), case.get("size")
    if layout is None:
        return True
    return not (size == "0-d" and layout.min_dims > 0) and not (size == "empty" and layout.needs_elements)


def _pair_fits(case: Mapping) -> bool:
    """Two different frameworks in a pair."""
    return not (case.get("producer") and case.get("producer") == case.get("consumer"))


def size_class(ndim: int, nbytes: int) -> str:
    """The size class of an input of ``ndim`` axes and ``nbytes`` bytes."""
    if nbytes == 0:
        return "empty"
    if ndim == 0:
        return "0-d"
    for name, (low, high) in S.SIZE_CLASSES.items():
        if name not in ("empty", "0-d") and low <= nbytes <= high:
            return name
    return "8M-16M"


def _array(read: Callable[[dict], tuple]) -> Callable[[dict], tuple]:
    """A reader of the input arrays' records only (those that say their ``ndim``)."""
    return lambda record: read(record) if "ndim" in record else ()


def _given(field: str) -> Callable[[dict], tuple]:
    return _array(lambda r: (r[field],) if r.get(field) else ())


def _ndim_cell(exercised: dict, key: str, wanted: tuple | None) -> list[str]:
    if not exercised.get(key):
        return []
    low, high = exercised[key][0], exercised[key][-1]
    return [f"ndim {low}" if low == high else f"ndim {low}–{high}"]


def human_bytes(n: int) -> str:
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} B"


def _bytes_cell(exercised: dict, key: str, wanted: tuple | None) -> list[str]:
    return ["–".join(human_bytes(n) for n in exercised["nbytes"])] if exercised.get("nbytes") else []


def _listed_cell(exercised: dict, key: str, wanted: tuple | None) -> list[str]:
    return [", ".join(exercised[key])] if exercised.get(key) else []


DIMENSIONS: dict[str, Dimension] = {d.name: d for d in (
    Dimension("dtype", "dtypes", True, _dtype, priority=1, shown=0, fit=_dtype_fits,
              read=_array(lambda r: (r["dtype"],)), wide=True),
    Dimension("target", "targets", False, _dtype, priority=4, shown=5),
    Dimension("layout", "layouts", True, _choice(_layouts), priority=0, shown=3, fit=_layout_fits,
              read=_given("layout"), wide=True),
    Dimension("size", "sizes", True, _choice(lambda: iter(S.SIZE_CLASSES)), priority=9, shown=2, fit=_size_fits,
              read=_array(lambda r: (size_class(r["ndim"], r["nbytes"]),)), cell=_bytes_cell, wide=True),
    Dimension("rank", "ndims", True, lambda v: None if isinstance(v, int) and 0 <= v <= 32 else f"rank {v!r}",
              priority=7, shown=1, read=_array(lambda r: (r["ndim"],)), cell=_ndim_cell),
    Dimension("input", "inputs", False, _named("input"), priority=6, shown=4),
    Dimension("function", "functions", False, _named("function"), priority=5, shown=6),
    Dimension("producer", "producers", False, _choice(lambda: iter(FRAMEWORKS)), priority=2, shown=7),
    Dimension("consumer", "consumers", False, _choice(lambda: iter(FRAMEWORKS)), priority=3, shown=8,
              fit=_pair_fits),
    Dimension("device", "devices", True, _choice(lambda: iter(DEVICE_KINDS)), priority=8, shown=9,
              read=_given("device"), cell=_listed_cell, wide=True),
)}


def by(field: str) -> list[Dimension]:
    """The records, ordered by one of their places (``priority``, ``shown``)."""
    return sorted(DIMENSIONS.values(), key=lambda d: getattr(d, field))


def place(name: str, field: str) -> int:
    """A dimension's place among the records by ``field`` (0 first); a name no record has comes after them all."""
    names = [dimension.name for dimension in by(field)]
    return names.index(name) if name in names else len(names)
