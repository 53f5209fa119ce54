"""What a run exercised, as its results document records it: the input records of a case summarized, summaries
merged, the values of the cases that ran that no input showed, and the coverage cell. The records are noted by the
plugin (conformance.engine.evidence)."""

from __future__ import annotations

from typing import Any

from conformance.dimensions import DIMENSIONS, by


def summarize(records: list[dict[str, Any]]) -> dict[str, Any]:
    """``{"dtypes", "ndims", "sizes", "layouts", "devices", ..., "nbytes": [min, max]}`` of the records, each key
    only where something was seen: each dimension's values as its record reads them, under its evidence key, those
    measured from the inputs first (in coverage-cell order), then the case's own (``targets``, ``inputs``)."""
    arrays = [r for r in records if "ndim" in r]
    order = [d for d in by("shown") if d.measured] + [d for d in DIMENSIONS.values() if not d.measured]
    summary = {d.evidence: {value for r in records for value in d.values(r)} for d in order}
    result = {key: sorted(values, key=str) for key, values in summary.items() if values}
    if arrays:
        result["nbytes"] = [min(r["nbytes"] for r in arrays), max(r["nbytes"] for r in arrays)]
    return result


def merge(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for summary in summaries:
        for key, value in summary.items():
            if key == "nbytes":
                old = merged.get(key, value)
                merged[key] = [min(old[0], value[0]), max(old[1], value[1])]
            else:
                merged[key] = sorted(set(merged.get(key, [])) | set(value), key=str)
    return merged


def missing(ran: dict[str, Any], exercised: dict[str, Any]) -> dict[str, list[Any]]:
    """The values of the cases that ran (``{dimension: [values]}``) that the exercised summary lacks: a case ran,
    but no input showed it, so its evidence is missing."""
    gaps = {}
    for name, values in ran.items():
        lacking = sorted(set(values) - set(exercised.get(DIMENSIONS[name].evidence, [])), key=str)
        if lacking:
            gaps[name] = lacking
    return gaps


def cell(exercised: dict[str, Any], declared: dict[str, Any]) -> str:
    """A compact coverage cell, e.g. ``11/11 dtypes · ndim 0–4 · 1 B–8 MB · 6/6 layouts · cpu, cpu:1``: each
    dimension's part as its record shows it, in the records' ``shown`` order."""
    return " · ".join(part for d in by("shown") for part in d.cell(exercised, d.evidence, declared.get(d.name)))
