"""Describe a set of cases by the dimensions that explain it: "layout ∈ {negative, byteswapped}" beats 18 case ids.

A *term* is a conjunction of dimension constraints (``dtype=complex128 × layout=unaligned``).
:func:`explain` covers a set of cases, within the universe of a claim's cases, by terms
that are *pure*: every case of the universe that matches a term is in the set. It picks
greedily the term that explains most of what is left (one dimension before two, and
the dimensions a reader thinks in first: layout, dtype, the pair, then the rest, each
dimension's ``priority`` in conformance.dimensions), then
joins terms that differ in one value into ``dimension ∈ {values}``. Cases no pure term
explains are listed by id. The report, the baseline's failure message and ``compare`` all
describe cases this way.
"""

from __future__ import annotations

from typing import Any

import itertools
from collections.abc import Iterator, Mapping

from conformance.dimensions import place

MAX_LISTED = 6


def explain(universe: Mapping[str, Mapping[str, Any]],
            members: Any) -> tuple[list[dict[str, tuple[Any, ...]]], list[str]]:
    """(terms, leftover ids): ``members`` (case ids) as pure terms over ``universe`` ({case id: dims}).

    Each step takes whichever explains most of what is left: one dimension's pure values together
    (``layout ∈ {negative, byteswapped}``), or one pure pair of values (``dtype=complex128 × layout=unaligned``);
    on a tie, the single dimension, then the fewer values, then the dimension a reader thinks in first. Values keep
    the order in which the cases list them."""
    members = set(members) & set(universe)
    index = _index(universe)
    position = {cid: i for i, cid in enumerate(universe)}
    pairs = _pairs(index, universe, members)
    remaining, terms = set(members), []
    while remaining:
        options: list[tuple[dict[str, tuple[Any, ...]], set[str]]] = list(_unions(index, members, remaining, position))
        options += [(dict((d, (v,)) for d, v in combo), covered & remaining) for combo, covered in pairs]
        best = max(options, key=lambda o: (len(o[1]), -len(o[0]), -sum(map(len, o[0].values())), _rank(o[0])),
                   default=None)
        if best is None or not best[1]:
            break
        terms.append(best[0])
        remaining -= best[1]
    return _joined(terms, universe, members), sorted(remaining)


def _index(universe: Mapping[str, Mapping[str, Any]]) -> dict[tuple[Any, ...], set[str]]:
    index: dict[tuple[Any, ...], set[str]] = {}
    for cid, dims in universe.items():
        for item in dims.items():
            index.setdefault(item, set()).add(cid)
    return index


def _unions(index: dict[tuple[Any, ...], set[str]], members: set[str], remaining: set[str],
            position: dict[str, int]) -> Iterator[tuple[dict[str, tuple[Any, ...]], set[str]]]:
    """For each dimension, the union of its pure single values that still explain something."""
    by_dimension: dict[str, list[Any]] = {}
    for (d, v), ids in index.items():
        if ids <= members and ids & remaining:
            by_dimension.setdefault(d, []).append((v, ids))
    for d, values in by_dimension.items():
        values.sort(key=lambda vi: min(position[cid] for cid in vi[1]))
        yield {d: tuple(v for v, _ in values)}, set().union(*(ids for _, ids in values)) & remaining


def _pairs(index: dict[tuple[Any, ...], set[str]], universe: Mapping[str, Mapping[str, Any]],
           members: set[str]) -> list[tuple[tuple[Any, ...], set[str]]]:
    """Every pure conjunction of two (dimension, value) constraints that matches some member."""
    values = sorted({(d, v) for dims in (universe[m] for m in members) for d, v in dims.items()}, key=str)
    found = []
    for combo in itertools.combinations(values, 2):
        if combo[0][0] == combo[1][0]:
            continue
        matched = index[combo[0]] & index[combo[1]]
        if matched and matched <= members:
            found.append((tuple(sorted(combo, key=lambda dv: _order(dv[0]))), matched))
    return found


def _order(dimension: str) -> int:
    return place(dimension, "priority")  # each dimension's record says where it comes


def _rank(term: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(-_order(d) for d in term)


def _joined(terms: list[dict[str, Any]], universe: Mapping[str, Mapping[str, Any]], members: set[str]) -> list[dict[str, tuple[Any, ...]]]:
    """Join terms that constrain the same dimensions and differ in one value, where the join stays pure."""
    joined = [dict(term) for term in terms]
    merged = True
    while merged:
        merged = False
        for a, b in itertools.combinations(range(len(joined)), 2):
            union = _union(joined[a], joined[b])
            if union is not None and _pure(union, universe, members):
                joined[a] = union
                del joined[b]
                merged = True
                break
    return joined


def _union(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    if a.keys() != b.keys():
        return None
    differing = [d for d in a if a[d] != b[d]]
    if len(differing) != 1:
        return None
    d = differing[0]
    return {**a, d: tuple(dict.fromkeys(a[d] + b[d]))}


def _pure(term: dict[str, Any], universe: Mapping[str, Mapping[str, Any]], members: set[str]) -> bool:
    return all(cid in members for cid, dims in universe.items() if all(dims.get(d) in vs for d, vs in term.items()))


def matching(term: dict[str, Any], universe: Mapping[str, Mapping[str, Any]]) -> list[str]:
    return [cid for cid, dims in universe.items() if all(dims.get(d) in vs for d, vs in term.items())]


def phrase(universe: Mapping[str, Mapping[str, Any]], members: Any) -> str:
    """``layout ∈ {negative, byteswapped} (18 cases); dtype=complex128 × layout=unaligned (2 cases)``. Terms may
    overlap; a term that repeats cases named before says how many it adds, so that the counts add up."""
    terms, leftover = explain(universe, members)
    parts: list[str] = []
    counted: set[str] = set()
    for term in terms:
        matched = set(matching(term, universe))
        added = len(matched - counted)
        more = f", {added} not counted above" if added < len(matched) else ""
        parts.append(f"{_term(term)} ({_count(len(matched))}{more})")
        counted |= matched
    if leftover:
        shown = ", ".join(f"`{cid}`" for cid in leftover[:MAX_LISTED])
        parts.append(f"cases {shown}{f' and {len(leftover) - MAX_LISTED} more' if len(leftover) > MAX_LISTED else ''}")
    return "; ".join(parts) if parts else "no case"


def _term(term: dict[str, Any]) -> str:
    return " × ".join(f"{d}={vs[0]}" if len(vs) == 1 else f"{d} ∈ {{{', '.join(map(str, vs))}}}"
                      for d, vs in term.items())


def _count(n: int) -> str:
    return f"{n} case" if n == 1 else f"{n} cases"


def summary(cases: Mapping[str, Mapping[str, Any]]) -> str:
    """Where a claim holds and where it fails, by outcome class: ``refuted (raises ValueError) where layout=negative
    (11 cases); holds in the other 82 of 93 cases; skipped where device=cuda (no CUDA device, 93 cases)``."""
    universe = {cid: case["dims"] for cid, case in cases.items()}
    ran = {cid: dims for cid, dims in universe.items() if cases[cid]["verdict"] != "skipped"}
    groups: dict[str, list[str]] = {}
    for cid, case in cases.items():
        groups.setdefault(_label(case), []).append(cid)
    holding = groups.pop("holds", [])
    parts = [f"{label} where {phrase(ran if not label.startswith('skipped') else universe, ids)}"
             for label, ids in sorted(groups.items(), key=lambda kv: (kv[0].startswith("skipped"), -len(kv[1])))]
    if holding:
        other = "the other " if len(holding) < len(ran) else ""
        position = next((i for i, part in enumerate(parts) if part.startswith("skipped")), len(parts))
        parts.insert(position, f"holds in {other}{len(holding)} of {len(ran)} cases that ran")
    return "; ".join(parts)


def _label(case: Mapping[str, Any]) -> str:
    if case["verdict"] == "holds":
        return "holds"
    if case["verdict"] == "skipped":
        return f"skipped ({case.get('reason', 'no reason')})"
    return f"{case['verdict']} ({case['outcome']})" if case["outcome"] != case["verdict"] else case["verdict"]
