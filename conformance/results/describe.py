"""A results document read in a few words: what kind of run it was, and what it saw of each claim."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.results.model import Results
from conformance.results.verdicts import VERIFIED


def describe_run(results: Results) -> str:
    """'complete' or what makes the run partial, in a few words."""
    run = results["run"]
    if run.get("complete"):
        return "complete"
    parts = [f"faults planted: {', '.join(run['faults'])}"] if run.get("faults") else []
    parts += [f"selection: {s}" for s in run.get("selection", [])]
    parts += [f"stopped: {run['stopped']}"] if run.get("stopped") else []
    parts += ["unnamed: no --run NAME"] if results["environment"].get("env") == "local" else []
    return "partial run (" + "; ".join(parts) + ")"


def nothing_verified(results: Results) -> bool:
    """No claim verified either way (an inconclusive claim is not verified: results.verdicts.VERIFIED, README)."""
    return not any(e["verdict"] in VERIFIED for e in results["claims"])


def entries_of(results: Results) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in results["claims"]}


def observation(entry: Mapping[str, Any]) -> str:
    """One line saying what a run saw for a claim."""
    verdict = entry.get("verdict", "skipped")
    if verdict == "holds":
        return f"holds over {entry.get('examples', 0)} examples"
    if verdict == "skipped":
        return f"skipped: {entry.get('reason', 'no reason recorded')}"
    first = (entry.get("observed") or entry.get("reason") or "?").splitlines()[0]
    return f"{verdict}: {first}"
