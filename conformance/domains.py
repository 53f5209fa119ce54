"""Declared domains and their enumeration: every finite dimension of a claim, exhausted in every run.

A claim's :class:`Domain` lists the finite dimensions its sentence covers: dtypes,
layouts (NumPy layouts from ``strategies.LAYOUTS`` or framework-side ones below),
input kinds and ranks, plus the size classes of ``strategies.SIZE_CLASSES``.
:func:`cases` turns it into pytest parameters: the full product of dtypes,
layouts, inputs and ranks (less the combinations that cannot exist, such as a
byte-swapped bool), with size classes dealt round-robin over that product so
that every class appears too. Hypothesis then explores shapes, sizes within the
class, and values, inside each case.
"""

import itertools
from dataclasses import dataclass

import numpy as np
import pytest

import strategies as S

TORCH_LAYOUTS = ("contiguous", "transposed", "step-sliced", "offset", "expanded", "conj", "neg")
TF_SOURCES = ("constant", "transposed", "step-sliced", "offset", "broadcast")
JAX_SOURCES = ("array", "transposed", "step-sliced", "offset", "broadcast")
PYTHON_INPUTS = ("scalar", "flat list", "nested list", "tuple", "nested tuple")
FRAMEWORK_LAYOUTS = set(TORCH_LAYOUTS) | set(TF_SOURCES) | set(JAX_SOURCES)
# A Fortran-ordered case needs two sides of 2 or more: with fewer, Fortran order is also C order.
MIN_DIMS = {"transposed": 2, "F": 2, "step-sliced": 1, "strided": 1, "negative": 1}
_NEEDS_ELEMENTS = {"strided", "negative", "offset", "unaligned", "transposed", "step-sliced"}
_LAYOUT_DTYPES = {"conj": ("complex64", "complex128"), "neg": ("float32", "float64")}


DIMENSIONS = ("dtypes", "layouts", "sizes", "ranks", "inputs")


@dataclass(frozen=True)
class Domain:
    """The finite dimensions a claim's sentence covers. Their product is enumerated, or with ``cover`` a schedule
    in which every value of every dimension appears but not every combination (for layouts a framework makes
    itself, where no dtype × layout interplay is in question)."""

    dtypes: tuple[str, ...] = ()
    layouts: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    ranks: tuple[int, ...] = ()
    inputs: tuple[str, ...] = ()
    cover: bool = False

    def __post_init__(self):
        for name in self.dtypes:
            np.dtype(name)
        unknown = [x for x in self.layouts if x not in S.LAYOUTS and x not in FRAMEWORK_LAYOUTS]
        unknown += [x for x in self.sizes if x not in S.SIZE_CLASSES]
        if unknown:
            raise ValueError(f"unknown layouts or size classes in a domain: {unknown}")

    @property
    def enumerated(self) -> bool:
        return any(getattr(self, name) for name in DIMENSIONS)

    def as_dict(self) -> dict:
        return {name: list(getattr(self, name)) for name in DIMENSIONS if getattr(self, name)}


@dataclass(frozen=True)
class Case:
    """One enumerated point of a domain; Hypothesis explores the rest inside it."""

    dtype: str | None = None
    layout: str | None = None
    size: str | None = None
    rank: int | None = None
    input: str | None = None

    def __str__(self) -> str:
        parts = [self.dtype, self.layout, self.size, None if self.rank is None else f"rank{self.rank}", self.input]
        return "-".join(str(p).replace(" ", "_") for p in parts if p is not None)

    @property
    def min_dims(self) -> int:
        return MIN_DIMS.get(self.layout, 0)


def fits(case: Case) -> bool:
    """Whether the combination can exist: a layout its dtype and size allow."""
    layout, size, dtype = case.layout, case.size, case.dtype
    if layout in S.LAYOUTS and dtype is not None and not S.layout_fits(layout, dtype, 0 if size == "0-d" else 1):
        return False
    if layout in _LAYOUT_DTYPES and dtype is not None and dtype not in _LAYOUT_DTYPES[layout]:
        return False
    if size == "0-d" and case.min_dims > 0:
        return False
    return not (size == "empty" and layout in _NEEDS_ELEMENTS)


def cases(domain: Domain) -> list[Case]:
    """Every dtype × layout × input × rank that fits (or, with ``cover``, a schedule that meets each value of each
    dimension), each given a size class.

    The size class of a case is chosen by the sum of its indices in each dimension
    (a Latin-square schedule), so that every layout, every dtype and every input
    meets every size class once the product is large enough; a class that fits no
    dealt case is added on the first case it fits.
    """
    dimensions = [domain.dtypes or (None,), domain.layouts or (None,), domain.inputs or (None,),
                  domain.ranks or (None,)]
    sizes = list(domain.sizes) or [None]
    dealt = []
    for indices in _schedule(dimensions, domain.cover):
        dtype, layout, kind, rank = (d[i] for d, i in zip(dimensions, indices))
        start = sum(indices)
        for step in range(len(sizes)):
            case = Case(dtype=dtype, layout=layout, size=sizes[(start + step) % len(sizes)], rank=rank, input=kind)
            if fits(case):
                dealt.append(case)
                break
    for size in sizes:
        if size is not None and not any(c.size == size for c in dealt):
            extra = next((c for c in (_with_size(b, size) for b in dealt) if fits(c)), None)
            if extra is not None:
                dealt.append(extra)
    _check_exhausted(domain, dealt)
    return dealt


def _schedule(dimensions: list[tuple], cover: bool) -> list[tuple[int, ...]]:
    """Index tuples: the full product, or a covering schedule that walks each dimension round-robin and, for a
    combination that cannot exist, tries the other layouts before giving up on that row."""
    if not cover:
        return list(itertools.product(*(range(len(d)) for d in dimensions)))
    rows = []
    for row in range(max(len(d) for d in dimensions)):
        for shift in range(len(dimensions[1])):
            indices = tuple((row + (shift if k == 1 else 0)) % len(d) for k, d in enumerate(dimensions))
            case = Case(*(d[i] for d, i in zip(dimensions[:2], indices[:2])))
            if fits(case):
                rows.append(indices)
                break
    seen = [{i[k] for i in rows} for k in range(len(dimensions))]
    for k, dimension in enumerate(dimensions):
        for missing in sorted(set(range(len(dimension))) - seen[k]):
            rows += [r[:k] + (missing,) + r[k + 1:] for r in itertools.product(*(range(len(d)) for d in dimensions))
                     if r[k] == missing][:len(dimensions[0])]
    return list(dict.fromkeys(rows))


def _with_size(case: Case, size: str | None) -> Case:
    return Case(dtype=case.dtype, layout=case.layout, size=size, rank=case.rank, input=case.input)


def _check_exhausted(domain: Domain, dealt: list[Case]) -> None:
    for field in ("dtype", "layout", "size", "rank", "input"):
        declared = getattr(domain, field + "s")
        missing = set(declared) - {getattr(c, field) for c in dealt}
        if missing:
            raise ValueError(f"domain {domain} cannot enumerate {field} {sorted(map(str, missing))}: "
                             "no combination with the other dimensions fits")


def for_claim(claim_id: str):
    """Decorator: tags a test with its claim and parametrizes it over every case of the claim's domain."""
    from conformance.claims import CLAIMS

    claim = CLAIMS[claim_id]

    def decorate(test):
        test = pytest.mark.claim(claim_id)(test)
        if claim.domain.enumerated:
            test = pytest.mark.parametrize("case", cases(claim.domain), ids=str)(test)
        return test

    return decorate
