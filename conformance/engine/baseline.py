"""Expected verdicts per env: recorded from an observed run, and checked against each new run."""

from dataclasses import dataclass, field
from pathlib import Path

from conformance.claims import CLAIMS
from conformance.engine.environment import VERSION_KEYS, describe_machine, same_machine
from conformance.engine.results import Results, UnusableInput, nothing_verified, read_json, write_json
from conformance.verdicts import VERDICT_NAMES, Verdict

BASELINE_SCHEMA = "interop-conformance-baseline/2"
BASELINE_DIR = Path(__file__).resolve().parent.parent / "baselines"


@dataclass(frozen=True)
class Baseline:
    path: Path
    expected: dict[str, str]
    versions: dict
    machine: dict
    measured: dict


def load_baseline(path: Path) -> Baseline:
    data = read_json(path)
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise UnusableInput(f"{path}: not a baseline file (no \"schema\": \"{BASELINE_SCHEMA}\")")
    expected = data.get("expected")
    if not isinstance(expected, dict):
        raise UnusableInput(f"{path}: malformed baseline: \"expected\" must map claim ids to verdicts")
    bad = {k: v for k, v in expected.items() if v not in VERDICT_NAMES}
    if bad:
        claim_id, value = next(iter(bad.items()))
        raise UnusableInput(f"{path}: malformed baseline: {claim_id} expects {value!r}, not one of "
                            f"{', '.join(VERDICT_NAMES)}")
    unknown = sorted(set(expected) - set(CLAIMS))
    if unknown:
        raise UnusableInput(f"{path}: baseline names claims not in the catalog: {', '.join(unknown)}")
    return Baseline(Path(path), expected, data.get("observed_with") or {}, data.get("machine") or {},
                    data.get("measured") or {})


def baseline_document(results: Results) -> dict:
    environment = results["environment"]
    return {"schema": BASELINE_SCHEMA,
            "observed_with": {k: environment.get(k) for k in VERSION_KEYS + ("devices",)},
            "machine": environment.get("machine"),
            "expected": {entry["id"]: entry["verdict"] for entry in results["claims"]},
            "measured": {entry["id"]: entry.get("measured") for entry in results["claims"]
                         if CLAIMS[entry["id"]].machine_dependent and entry.get("measured")}}


def record_baseline(results: Results, env: str) -> bool:
    """Writes a complete run's verdicts as ``env``'s baseline; refuses (False) a partial run or one without verdicts."""
    if not results["run"]["complete"] or nothing_verified(results):
        return False
    write_json(BASELINE_DIR / f"{env}.json", baseline_document(results))
    return True


@dataclass
class Check:
    """How a run compares with its baseline; ``failed`` says whether that fails the run."""

    flips: list[tuple[str, str, str]] = field(default_factory=list)
    coverage_losses: list[tuple[str, str, str]] = field(default_factory=list)
    unrecorded: list[str] = field(default_factory=list)
    machine_changes: list[str] = field(default_factory=list)
    version_changes: list[tuple[str, str, str]] = field(default_factory=list)
    gains: list[tuple[str, str, str]] = field(default_factory=list)
    versions_differ: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.flips or self.coverage_losses or self.unrecorded)


def check(results: Results, baseline: Baseline, compared: set[str]) -> Check:
    """Compare the claims in ``compared`` (those this run selected) with the baseline's expectations."""
    outcome = Check(versions_differ=version_difference(baseline.versions, results["environment"]))
    machine = results["environment"].get("machine")
    for entry in results["claims"]:
        claim_id, observed = entry["id"], Verdict(entry["verdict"])
        if claim_id not in compared:
            continue
        if claim_id not in baseline.expected:
            if observed is not Verdict.SKIPPED:
                outcome.unrecorded.append(claim_id)
            continue
        expected = Verdict(baseline.expected[claim_id])
        change = (claim_id, expected.value, observed.value)
        if observed is expected:
            continue
        if observed is Verdict.SKIPPED:
            outcome.coverage_losses.append(change)
        elif expected is Verdict.SKIPPED:
            outcome.gains.append(change)
        elif CLAIMS[claim_id].machine_dependent and (
                not same_machine(baseline.machine, machine) or Verdict.INCONCLUSIVE in (expected, observed)):
            outcome.machine_changes.append(
                f"{claim_id}: {expected} on {describe_machine(baseline.machine)} "
                f"(measured {baseline.measured.get(claim_id)}), {observed} here on {describe_machine(machine)} "
                f"(measured {entry.get('measured')})")
        elif outcome.versions_differ and observed is not Verdict.ERROR:
            outcome.version_changes.append(change)
        else:
            outcome.flips.append(change)
    return outcome


def version_difference(recorded: dict, environment: dict) -> str:
    changed = [f"{k} {recorded.get(k) or '-'} → {environment.get(k) or '-'}" for k in VERSION_KEYS
               if k in recorded and recorded[k] != environment.get(k)]
    return ", ".join(changed)
