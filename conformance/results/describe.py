"""A run read in a few words: what kind of run it was, and what it saw of each claim."""

from __future__ import annotations

from conformance.results.model import ClaimResult, Run


def describe_run(run: Run) -> str:
    """'complete' or what makes the run partial, in a few words."""
    what = run.get("run", {})
    if what.get("complete"):
        return "complete"
    parts = [f"faults planted: {', '.join(what['faults'])}"] if what.get("faults") else []
    parts += [f"selection: {s}" for s in what.get("selection", [])]
    parts += [f"stopped: {what['stopped']}"] if what.get("stopped") else []
    parts += ["unnamed: no --run NAME"] if run.environment.get("env") == "local" else []
    return "partial run (" + "; ".join(parts) + ")"


def observation(claim: ClaimResult) -> str:
    """One line saying what a run saw for a claim."""
    verdict = claim.verdict.value
    if verdict == "holds":
        return f"holds over {claim.detail('examples', 0)} examples"
    if verdict == "skipped":
        return f"skipped: {claim.detail('reason', 'no reason recorded')}"
    first = (claim.detail("observed") or claim.detail("reason") or "?").splitlines()[0]
    return f"{verdict}: {first}"
