"""Expected outcomes per env, case by case: recorded from an observed run, and checked against each new run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conformance.claims import CLAIMS
from conformance.engine.casediff import CaseDiff, diff, direction
from conformance.engine.environment import VERSION_KEYS, cpu_difference, describe_machine, same_cpu_class, same_machine
from conformance.engine.results import (Results, UnusableInput, check_consistent, nothing_verified, read_json,
                                        write_json)
from conformance.ids import ClaimId
from conformance.verdicts import VERDICT_NAMES, Verdict

BASELINE_SCHEMA = "interop-conformance-baseline/3"
BASELINE_DIR = Path(__file__).resolve().parent.parent / "baselines"


@dataclass(frozen=True)
class Baseline:
    """``expected``: {claim id: {"verdict", "cases": {case id: {"dims", "outcome"}}}}."""

    path: Path | None
    expected: dict[str, dict]
    versions: dict
    machine: dict
    measured: dict

    def expected_outcome(self, claim_id: ClaimId, case_id: str) -> str | None:
        case = self.expected.get(claim_id, {}).get("cases", {}).get(case_id)
        return case.get("outcome") if case else None

    def cases(self, claim_id: ClaimId) -> dict:
        """The claim's expected cases in the results' shape, for the case-level diff."""
        return {cid: {**case, "verdict": _verdict_of(case["outcome"])}
                for cid, case in self.expected.get(claim_id, {}).get("cases", {}).items()}


def _verdict_of(outcome: str) -> str:
    if outcome in ("holds", "skipped", "inconclusive"):
        return outcome
    return "error" if outcome.startswith("error") else "refuted"


def shipped_baselines() -> dict[str, Path]:
    """The baselines the package ships, by name (``--baseline NAME``)."""
    return {path.stem: path for path in sorted(BASELINE_DIR.glob("*.json"))}


def load_baseline(path: Path) -> Baseline:
    data = read_json(path)
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise UnusableInput(f"{path}: not a baseline file (no \"schema\": \"{BASELINE_SCHEMA}\")")
    expected = data.get("expected")
    if not isinstance(expected, dict):
        raise UnusableInput(f"{path}: malformed baseline: \"expected\" must map claim ids to their cases")
    for claim_id, entry in expected.items():
        if claim_id not in CLAIMS:
            raise UnusableInput(f"{path}: baseline names a claim not in the catalog: {claim_id}")
        if not isinstance(entry, dict) or entry.get("verdict") not in VERDICT_NAMES:
            raise UnusableInput(f"{path}: malformed baseline: {claim_id} expects {entry!r:.60}, not a verdict "
                                f"({', '.join(VERDICT_NAMES)}) with its cases")
        cases = entry.get("cases", {})
        if not isinstance(cases, dict) or not all(isinstance(c, dict) and isinstance(c.get("outcome"), str)
                                                  and isinstance(c.get("dims", {}), dict) for c in cases.values()):
            raise UnusableInput(f"{path}: malformed baseline: {claim_id}'s cases must each have an \"outcome\"")
        check_consistent(path, claim_id, entry["verdict"],
                         {k: (c.get("dims", {}), _verdict_of(c["outcome"])) for k, c in cases.items()})
    return Baseline(Path(path), expected, data.get("observed_with") or {}, data.get("machine") or {},
                    data.get("measured") or {})


def baseline_document(results: Results) -> dict:
    environment = results["environment"]
    return {"schema": BASELINE_SCHEMA,
            "observed_with": {k: environment.get(k) for k in VERSION_KEYS + ("devices",)},
            "machine": environment.get("machine"),
            "expected": {entry["id"]: {"verdict": entry["verdict"],
                                       "cases": {cid: {"dims": case["dims"], "outcome": case["outcome"]}
                                                 for cid, case in entry.get("cases", {}).items()}}
                         for entry in results["claims"]},
            "measured": {entry["id"]: entry.get("measured") for entry in results["claims"]
                         if CLAIMS[entry["id"]].machine_dependent and entry.get("measured")}}


def record_baseline(results: Results, directory: Path, name: str) -> bool:
    """Writes a complete run's outcomes as ``name``'s baseline; refuses (False) a partial run or one without
    verdicts."""
    if not results["run"]["complete"] or nothing_verified(results):
        return False
    write_json(directory / f"{name}.json", baseline_document(results))
    return True


@dataclass
class Change:
    claim_id: ClaimId
    old: str
    new: str
    cases: CaseDiff

    def kinds(self) -> set[str]:
        """Regression, improvement or both (a claim whose cases moved both ways)."""
        return self.cases.kinds() or {direction(self.old, self.new)}

    def lines(self, kind: str | None = None) -> list[str]:
        if not self.cases.changed:  # a timing claim's verdict changed on the same machine
            return [f"{self.old} → {self.new}"] if kind is None or direction(self.old, self.new) == kind else []
        return self.cases.change_lines(kind)


@dataclass
class Check:
    """How a run compares with its baseline; ``failed`` says whether that fails the run. A case that changes outcome
    class fails it on any versions, unless ``accepted`` names what accepted the changes (--accept-changes)."""

    changes: list[Change] = field(default_factory=list)
    coverage_losses: list[Change] = field(default_factory=list)
    unrecorded: list[str] = field(default_factory=list)
    machine_changes: list[str] = field(default_factory=list)
    gains: list[Change] = field(default_factory=list)
    versions_differ: str = ""
    accepted: str = ""

    @property
    def failed(self) -> bool:
        return bool((self.changes and not self.accepted) or self.coverage_losses or self.unrecorded)

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if kind in change.kinds()]


def check(results: Results, baseline: Baseline, compared: set[str], accepted: str = "") -> Check:
    """Compare the claims in ``compared`` (those this run selected) with the baseline, case by case; ``accepted``
    names the option that accepts the case changes, if any."""
    outcome = Check(versions_differ=version_difference(baseline.versions, results["environment"]), accepted=accepted)
    machine = results["environment"].get("machine")
    for entry in results["claims"]:
        claim_id = entry["id"]
        if claim_id not in compared:
            continue
        if claim_id not in baseline.expected:
            if entry["verdict"] != Verdict.SKIPPED.value:
                outcome.unrecorded.append(claim_id)
            continue
        expected = baseline.expected[claim_id]["verdict"]
        cases = diff(baseline.cases(claim_id), entry.get("cases", {}))
        change = Change(claim_id, expected, entry["verdict"], cases)
        if CLAIMS[claim_id].machine_dependent:
            _machine_dependent(outcome, change, baseline, entry, machine)
            continue
        if not same_cpu_class(baseline.machine, machine):  # a crash seen on one CPU class only is reported
            crashes, cases = cases.split_crashes()
            change = Change(claim_id, expected, entry["verdict"], cases)
            if crashes.changed:
                outcome.machine_changes += [
                    f"{claim_id}: {line} ({cpu_difference(baseline.machine, machine, 'baseline', 'here')})"
                    for line in crashes.change_lines()]
        if cases.changed:
            outcome.changes.append(change)
        if cases.lost:
            outcome.coverage_losses.append(change)
        if cases.gained and not cases.lost:
            outcome.gains.append(change)
    return outcome


def _machine_dependent(outcome: Check, change: Change, baseline: Baseline, entry: dict, machine) -> None:
    """A timing claim: a change between machines, or to or from inconclusive, is reported, not failed."""
    old, new = Verdict(change.old), Verdict(change.new)
    if old is new:
        return
    if new is Verdict.SKIPPED:
        outcome.coverage_losses.append(change)
    elif old is Verdict.SKIPPED:
        outcome.gains.append(change)
    elif not same_machine(baseline.machine, machine) or Verdict.INCONCLUSIVE in (old, new):
        outcome.machine_changes.append(
            f"{change.claim_id}: {old} on {describe_machine(baseline.machine)} (measured "
            f"{baseline.measured.get(change.claim_id)}), {new} here on {describe_machine(machine)} "
            f"(measured {entry.get('measured')})")
    else:
        outcome.changes.append(change)


def version_difference(recorded: dict, environment: dict) -> str:
    changed = [f"{k} {recorded.get(k) or '-'} → {environment.get(k) or '-'}" for k in VERSION_KEYS
               if k in recorded and recorded[k] != environment.get(k)]
    return ", ".join(changed)
