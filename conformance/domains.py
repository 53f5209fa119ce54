"""Declared domains over the named dimensions, and their enumeration into cases: the finite part of every claim.

Each dimension is one record in :mod:`conformance.dimensions` (its values' check, fit rule, evidence and place in
the compressed groups); this module reads them. A claim's :class:`Domain` maps dimension names to the values its sentence covers (everything, by default). Which
combinations exist is :func:`fits` (a byte-swapped bool does not); :func:`cases` turns a domain into cases (the product,
or with ``cover`` a schedule meeting every value), deals size classes over them and crosses them with the devices
present. Hypothesis explores the rest inside each case: shapes, the size within its class, values.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Mapping

import pytest

from conformance.dimensions import DIMENSIONS, Dimension, layout_rules  # noqa: F401 (Dimension: its old home)
from conformance.frameworks import FRAMEWORKS


PYTHON_INPUTS = ("scalar", "flat list", "nested list", "tuple", "nested tuple")


class _Every:
    """A dimension that covers everything its claim's frameworks have (see :meth:`Domain.resolved`)."""

    def __repr__(self) -> str:
        return "EVERY"


EVERY = _Every()


class Narrowed(tuple):
    """A dimension's values when they are fewer than everything the claim's frameworks have, with the reason the
    claim gives (the sentence names its dtypes; an empty array has no memory to share). The report shows it. With no
    values, the dimension does not apply to the claim, for the reason given (Python data has no memory layout)."""

    why: str

    def __new__(cls, values, why: str):
        if not why or not why.strip():
            raise ValueError(f"Narrowed({tuple(values)!r}) needs the reason its claim covers only these")
        narrowed = super().__new__(cls, values)
        narrowed.why = why
        return narrowed


class Domain(Mapping):
    """The finite dimensions a claim's sentence covers: ``Domain(dtype=EVERY, layout=(...), size=EVERY)``.

    ``dtype``, ``layout``, ``size`` and ``device`` cover everything the claim's frameworks have (``EVERY``, the
    default for dtype, size and device once the claim resolves its domain); a shorter list is ``Narrowed`` with its
    reason. With ``cover=True`` the dimensions other than size and device are walked by a schedule in which every
    value of every dimension appears but not every combination (for layouts a framework makes itself, where no
    dtype × layout interplay is in question). With ``deal_layouts=True`` layouts are dealt over the other
    dimensions' combinations as size classes are, each producer's in turn, every one of them at least once (for the
    pair claims, whose product with layouts would not fit a run's budget). ``device`` holds device kinds (``cpu``,
    ``virtual``, ``cuda``)."""

    __slots__ = ("_dims", "cover", "deal_layouts", "every", "narrowed")

    def __init__(self, *, cover: bool = False, deal_layouts: bool = False, **dims):
        unknown = sorted(set(dims) - set(DIMENSIONS))
        if unknown:
            raise ValueError(f"unknown dimensions in a domain: {unknown}; known: {', '.join(DIMENSIONS)}")
        self.every = frozenset(name for name, values in dims.items() if values is EVERY)
        wide = [name for name, dimension in DIMENSIONS.items() if dimension.wide]  # whose default is everything
        if self.every - set(wide):
            raise ValueError(f"EVERY is for {', '.join(wide)}, not {', '.join(sorted(self.every - set(wide)))}")
        dims = {name: values for name, values in dims.items() if values is not EVERY}
        problems = [f"{name}: {problem}" for name, values in dims.items() for value in values
                    for problem in [DIMENSIONS[name].check(value)] if problem]
        if problems:
            raise ValueError(f"bad values in a domain: {'; '.join(problems)}")
        self._dims = {name: tuple(dims[name]) for name in DIMENSIONS if dims.get(name)}
        self.narrowed = {name: values.why for name, values in dims.items() if isinstance(values, Narrowed)}
        self.cover = cover
        self.deal_layouts = deal_layouts

    def resolved(self, full: Mapping[str, tuple], claim_id: str) -> Domain:
        """This domain with EVERY (and an absent device dimension) made concrete from ``full``: everything the
        claim's frameworks have, per dimension. A list narrower than that, without its reason, is refused."""
        dims: dict = {name: Narrowed(values, self.narrowed[name]) if name in self.narrowed else values
                      for name, values in self._dims.items()}
        for name, everything in full.items():
            if name in self.narrowed and name not in self._dims:
                continue  # the claim says why the dimension does not apply
            if name in self.every or (name == "device" and name not in dims):
                dims[name] = everything
            elif name in dims and name not in self.narrowed and set(dims[name]) != set(everything):
                raise ValueError(f"claim {claim_id}: its {name} dimension lists {len(dims[name])} of the "
                                 f"{len(everything)} values its frameworks have ({', '.join(map(str, everything))}) "
                                 "without a reason: cover them all (EVERY) or say why (Narrowed(values, why=...))")
        dims.update({name: Narrowed((), why) for name, why in self.narrowed.items() if name not in dims})
        return Domain(cover=self.cover, deal_layouts=self.deal_layouts, **dims)

    def __getitem__(self, name: str) -> tuple:
        return self._dims[name]

    def __iter__(self):
        return iter(self._dims)

    def __len__(self) -> int:
        return len(self._dims)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._dims.items())
        flags = (", cover=True" if self.cover else "") + (", deal_layouts=True" if self.deal_layouts else "")
        return f"Domain({inner}{flags})"

    def __hash__(self) -> int:
        return hash((tuple(self._dims.items()), self.cover, self.deal_layouts))

    def replace(self, **dims) -> Domain:
        kept: dict[str, tuple] = {name: Narrowed(self._dims.get(name, ()), why) for name, why in self.narrowed.items()}
        kept.update({name: values for name, values in self._dims.items() if name not in self.narrowed})
        return Domain(cover=self.cover, deal_layouts=self.deal_layouts,
                      **{**kept, **{name: EVERY for name in self.every}, **dims})

    def as_dict(self) -> dict:
        return {name: list(values) for name, values in self._dims.items()}


class Case(Mapping):
    """One enumerated point of a domain, a mapping of dimension names to values; ``case.dtype`` reads one (None
    where the domain has no such dimension). Hypothesis explores the rest inside it."""

    __slots__ = ("_values",)

    def __init__(self, **values):
        self._values = {name: values[name] for name in DIMENSIONS if values.get(name) is not None}

    def __getitem__(self, name: str):
        return self._values[name]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str):
        if name in DIMENSIONS:
            return self._values.get(name)
        raise AttributeError(name)

    def __eq__(self, other) -> bool:
        return isinstance(other, Case) and self._values == other._values

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __repr__(self) -> str:
        return "Case(" + ", ".join(f"{k}={v!r}" for k, v in self._values.items()) + ")"

    def __str__(self) -> str:
        return case_id(self._values)

    def replace(self, **changes) -> Case:
        return Case(**{**self._values, **changes})

    @property
    def min_dims(self) -> int:
        layout = layout_rules(self)
        return layout.min_dims if layout else 0

    @property
    def min_last(self) -> int:
        """The length the last axis needs for the case's layout to be what it says (2 for a step or a reversal)."""
        layout = layout_rules(self)
        return layout.min_last if layout else 1


def fits(case: Mapping) -> bool:
    """Whether the combination can exist: every dimension's fit rule holds (a layout its producer makes and its dtype
    and size allow, a dtype the producer makes and the consumer holds, two different frameworks in a pair)."""
    return all(dimension.fit(case) for dimension in DIMENSIONS.values())


def cases(domain: Domain, devices: Callable[[str, Case], list[str]] = lambda kind, case: [kind]) -> list[Case]:
    """Every combination of the domain's dimensions that fits (or, with ``cover``, a schedule meeting each value),
    each given a size class by the sum of its indices (a Latin square; a class no dealt case has is added on the first
    case it fits), then crossed with ``devices(kind, case)`` for each device kind (a kind with no device present stays
    as itself, a placeholder that runs as a skip with its reason). Sizes are dealt before devices: every device gets
    the same cases."""
    kept = ("size", "device", "layout") if domain.deal_layouts else ("size", "device")
    names = [name for name in domain if name not in kept]
    dimensions = [domain[name] for name in names]
    sizes = list(domain.get("size", ())) or [None]
    layouts = list(domain.get("layout", ())) if domain.deal_layouts else []
    dealt: list[Case] = []
    rows = _schedule(names, dimensions, domain.cover)
    table = [{name: dimension[i] for name, dimension, i in zip(names, dimensions, indices)} for indices in rows]
    rows, table = [r for r, v in zip(rows, table) if fits(v)], [v for v in table if fits(v)]  # the rows that exist
    pair = lambda values: (values.get("producer"), values.get("consumer"))  # noqa: E731
    share, turns = Counter(pair(values) for values in table), Counter[object]()
    shift: dict[tuple, int] = {}  # a pair's place among its producer's pairs: 0, 1, 2, ...
    for key in dict.fromkeys(pair(values) for values in table):
        shift[key] = sum(1 for other in shift if other[0] == key[0])
    for indices, values in zip(rows, table):
        tried = _layouts_to_try(layouts, values, turns[pair(values)], share[pair(values)], shift[pair(values)])
        turns[pair(values)] += 1
        start = sum(indices)
        case = next((case for layout in tried for step in range(len(sizes))
                     for case in [Case(**{**values, "layout": layout or values.get("layout")},
                                       size=sizes[(start + step) % len(sizes)])] if fits(case)), None)
        if case is not None:
            dealt.append(case)
    _add_missing(dealt, "size", sizes, lambda case: True)
    for producer in dict.fromkeys(case.producer for case in dealt):  # each producer meets each of its layouts
        _add_missing(dealt, "layout", layouts, lambda case: case.producer == producer)
    _check_exhausted(domain, dealt)
    kinds = domain.get("device", ("cpu",))
    return [case.replace(device=device) for case in dealt for kind in kinds  # a producer's own kinds only
            if case.producer is None or kind in FRAMEWORKS[case.producer].device_kinds
            for device in devices(kind, case) or [kind]]


def _layouts_to_try(layouts: list, values: dict, turn: int, rows: int, shift: int = 0) -> list:
    """Dealt layouts: a pair's rows (a producer's, with each consumer) take the producer's default layout (its first),
    but for one row for each of its other layouts, spread evenly over the ``rows`` (the ``turn``-th row now); then
    the others that fit, in order. Building a layout has its cost (a JAX layout compiles for each shape), so each pair
    meets each layout once, not on every row. The producer's ``shift``-th pair deals its layouts ``shift`` rows on,
    so that a layout meets another dtype with each consumer rather than the same one with all."""
    if not layouts:
        return [None]
    producer = values.get("producer")
    order = FRAMEWORKS[producer].layout_names if producer else layouts  # the producer's own order: its default first
    theirs = [layout for layout in order if layout in layouts and fits(Case(producer=producer, layout=layout))]
    spacing = max(1, rows // max(1, len(theirs)))
    dealt = turn % spacing == 0 and turn // spacing < len(theirs)
    chosen = theirs[(turn // spacing + shift) % len(theirs)] if dealt else theirs[0]
    return [chosen] + [layout for layout in theirs if layout != chosen and fits(Case(**values, layout=layout))]


def _add_missing(dealt: list[Case], name: str, values: list, among: Callable[[Case], bool]) -> None:
    """For each value no dealt case ``among`` those chosen has, the first such case with that value, where it fits
    (for a layout, in the case's size class or else in the first one that the layout allows)."""
    sizes = [None] + (list(dict.fromkeys(c.size for c in dealt)) if name == "layout" else [])
    for value in values:
        if value is not None and not any(c.get(name) == value for c in dealt if among(c)):
            extra = next((c for size in sizes for c in (b.replace(**{name: value}, **({"size": size} if size else {}))
                                                        for b in dealt if among(b)) if fits(c)), None)
            if extra is not None:
                dealt.append(extra)


def _schedule(names: list[str], dimensions: list[tuple], cover: bool) -> list[tuple[int, ...]]:
    """Index tuples: the full product, or a covering schedule that walks each dimension round-robin and, for a
    combination that cannot exist, tries the other layouts before giving up on that row."""
    if not dimensions:
        return [()]
    if not cover:
        return list(itertools.product(*(range(len(d)) for d in dimensions)))
    shifted = names.index("layout") if "layout" in names else 0
    rows = []
    for row in range(max(len(d) for d in dimensions)):
        for shift in range(len(dimensions[shifted])):
            indices = tuple((row + (shift if k == shifted else 0)) % len(d) for k, d in enumerate(dimensions))
            if fits({name: d[i] for name, d, i in zip(names, dimensions, indices)}):
                rows.append(indices)
                break
    seen = [{i[k] for i in rows} for k in range(len(dimensions))]
    for k, dimension in enumerate(dimensions):
        for missing in sorted(set(range(len(dimension))) - seen[k]):
            rows += [r for r in itertools.product(*(range(len(d)) for d in dimensions)) if r[k] == missing
                     and fits({name: d[i] for name, d, i in zip(names, dimensions, r)})][:len(dimensions[0])]
    return list(dict.fromkeys(rows))


def _check_exhausted(domain: Domain, dealt: list[Case]) -> None:
    for name, declared in ((name, values) for name, values in domain.items() if name != "device"):
        missing = set(declared) - {case.get(name) for case in dealt}
        if missing:
            raise ValueError(f"{domain!r} cannot enumerate {name} {sorted(map(str, missing))}: "
                             "no combination with the other dimensions fits")


def for_claim(claim_id: str):
    """Decorator: tags a test with its claim; the plugin parametrizes its ``case`` over the claim's cases."""
    return pytest.mark.claim(claim_id)


def case_id(dims) -> str:
    """A case's id, from its dimensions in their order: ``int8-C-1B-4K-cpu``, ``rank0-cpu`` (the id pytest shows)."""
    return "-".join(f"rank{value}" if name == "rank" else str(value).replace(" ", "_") for name, value in dims.items())
