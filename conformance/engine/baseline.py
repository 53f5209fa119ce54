"""Expected outcomes per env, case by case: recorded from an observed run, and checked against each new run. A
baseline is the results model's :class:`~conformance.results.baseline.Baseline`, read by
``conformance.results.io.load_baseline`` and written only after ``Baseline.from_json`` has validated it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conformance.claims import CLAIMS
from conformance.results.diff import Change, Check, diff
from conformance.ids import ClaimId
from conformance.results.baseline import SCHEMA, Baseline
from conformance.results.environment import VERSION_KEYS, describe_machine, same_cpu_class, same_machine
from conformance.results.io import write_json
from conformance.results.model import Run
from conformance.results.io import BASELINE_DIR
from conformance.verdicts import Verdict


def shipped_baselines() -> dict[str, Path]:
    """The baselines the package ships, by name (``--baseline NAME``)."""
    return {path.stem: path for path in sorted(BASELINE_DIR.glob("*.json"))}


def baseline_document(run: Run) -> dict:
    """A run's outcomes as a baseline document (not yet validated: ``Baseline.from_json`` does that)."""
    environment = run.environment
    return {"schema": SCHEMA,
            "observed_with": {k: environment.get(k) for k in VERSION_KEYS + ("devices",)},
            "machine": environment.get("machine"),
            "expected": {claim.id: {"verdict": claim.verdict.value,
                                    "cases": {cid: {"dims": dict(case.dims), "outcome": case.outcome}
                                              for cid, case in claim.cases.items()}}
                         for claim in run},
            "measured": {claim.id: claim.detail("measured") for claim in run
                         if CLAIMS[claim.id].machine_dependent and claim.detail("measured")}}


def record_baseline(run: Run, path: Path) -> bool:
    """Writes a complete run's outcomes as the baseline at ``path``; refuses (False) a partial run or one that
    verified no claim (``Run.verified``)."""
    if not run.complete or not run.verified():
        return False
    baseline = Baseline.from_json(str(path), baseline_document(run), frozenset(CLAIMS))
    write_json(path, baseline.to_json())
    return True


def check(run: Run, baseline: Baseline, compared: set[str], accepted: str = "") -> Check:
    """Compare the claims in ``compared`` (those this run selected) with the baseline, case by case; ``accepted``
    names the option that accepts the case changes, if any. What the baseline expects of them, and how this machine
    differs from the baseline's, are gathered first; then each claim's cases are diffed."""
    expected = {claim_id: baseline.cases(ClaimId(claim_id)) for claim_id in compared if claim_id in baseline.expected}
    outcome = Check(versions_differ=version_difference(baseline.observed_with, run.environment),
                    accepted=accepted)
    machine = run.environment.get("machine")
    same_machine_here = same_machine(baseline.machine, machine)
    there, here = describe_machine(baseline.machine), describe_machine(machine)
    for claim in run:
        claim_id, new = claim.id, claim.verdict.value
        if claim_id not in compared:
            continue
        if claim_id not in expected:
            if new != Verdict.SKIPPED.value:
                outcome.unrecorded.append(claim_id)
            continue
        old = baseline.expected[claim_id].verdict
        cases = diff(expected[claim_id], {cid: case.to_json() for cid, case in claim.cases.items()})
        if CLAIMS[claim_id].machine_dependent:
            # a timing claim: a change between machines, or to or from inconclusive, is reported, not failed
            if old == new:
                continue
            change = Change(claim_id, old, new, cases)
            if new == Verdict.SKIPPED.value:
                outcome.coverage_losses.append(change)
            elif old == Verdict.SKIPPED.value:
                outcome.gains.append(change)
            elif not same_machine_here or Verdict.INCONCLUSIVE.value in (old, new):
                outcome.machine_changes.append(
                    f"{claim_id}: {old} on {there} (measured {baseline.measured.get(claim_id)}), {new} here on "
                    f"{here} (measured {claim.detail('measured')})")
            else:
                outcome.changes.append(change)
            continue
        if not same_cpu_class(baseline.machine, machine):  # a crash seen on one CPU class (code path) only is reported
            crashes, cases, differ = cases.crashes_elsewhere(baseline.machine, machine, CLAIMS[claim_id].frameworks,
                                                             ("baseline", "here"))
            outcome.machine_changes += [f"{claim_id}: {line} ({differ})" for line in crashes.change_lines()]
        change = Change(claim_id, old, new, cases)
        if cases.changed:
            outcome.changes.append(change)
        if cases.lost:
            outcome.coverage_losses.append(change)
        if cases.gained and not cases.lost:
            outcome.gains.append(change)
    return outcome


def version_difference(recorded: Mapping[str, Any], environment: dict) -> str:
    changed = [f"{k} {recorded.get(k) or '-'} → {environment.get(k) or '-'}" for k in VERSION_KEYS
               if k in recorded and recorded[k] != environment.get(k)]
    return ", ".join(changed)
