"""A baseline: the outcome each case of each claim is expected to have, with the versions and machine it was made on.

A baseline keeps a case's outcome class alone; its verdict follows from the class (:func:`verdict_of`), the one place
that reading is made. ``Baseline.from_json`` validates the document as ``Run.from_json`` does a results file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from conformance.ids import ClaimId
from conformance.results.model import JSON, CaseResult
from conformance.results.verdicts import CLAIM_VERDICTS, PLAIN, Inconsistent, Malformed, worst

SCHEMA = "interop-conformance-baseline/3"


def verdict_of(outcome: str) -> str:
    """A case's verdict from its outcome class: holds, skipped and inconclusive are themselves; ``error ...`` is an
    error; every other class (``copies``, ``raises ValueError``, ``crashes SIGSEGV``) is a refutation."""
    if outcome in PLAIN:
        return outcome
    return "error" if outcome.startswith("error") else "refuted"


@dataclass(frozen=True)
class Expected:
    """One claim's expected verdict and its cases' expected outcomes."""

    verdict: str
    cases: Mapping[str, CaseResult]


@dataclass(frozen=True)
class Baseline:
    expected: Mapping[ClaimId, Expected]
    observed_with: Mapping[str, Any]
    machine: Mapping[str, Any]
    measured: Mapping[str, Any]

    def expected_outcome(self, claim_id: ClaimId, case_id: str) -> str | None:
        """The outcome class the baseline expects of one case (None where it has none)."""
        expected = self.expected.get(claim_id)
        case = expected.cases.get(case_id) if expected is not None else None
        return case.outcome if case is not None else None

    def dims(self, claim_id: ClaimId, case_id: str) -> Mapping[str, Any]:
        """The dimensions of one expected case (none where the baseline has no such case)."""
        expected = self.expected.get(claim_id)
        case = expected.cases.get(case_id) if expected is not None else None
        return case.dims if case is not None else {}

    def cases(self, claim_id: ClaimId) -> dict[str, JSON]:
        """The claim's expected cases in the results' shape, for the case-level diff."""
        expected = self.expected.get(claim_id)
        return {} if expected is None else {name: case.to_json() for name, case in expected.cases.items()}

    @classmethod
    def from_json(cls, where: str, data: object, known: frozenset[str] | None = None) -> Baseline:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise Malformed(f"{where}: not a baseline file (no \"schema\": \"{SCHEMA}\")")
        expected = data.get("expected")
        if not isinstance(expected, dict):
            raise Malformed(f"{where}: malformed baseline: \"expected\" must map claim ids to their cases")
        claims = {}
        for claim_id, entry in expected.items():
            if known is not None and claim_id not in known:
                raise Malformed(f"{where}: baseline names a claim not in the catalog: {claim_id}")
            if not isinstance(entry, dict) or entry.get("verdict") not in CLAIM_VERDICTS:
                raise Malformed(f"{where}: malformed baseline: {claim_id} expects {entry!r:.60}, not a verdict "
                                f"({', '.join(CLAIM_VERDICTS)}) with its cases")
            raw = entry.get("cases", {})
            if not isinstance(raw, dict) or not all(isinstance(c, dict) and isinstance(c.get("outcome"), str)
                                                    and isinstance(c.get("dims", {}), dict) for c in raw.values()):
                raise Malformed(f"{where}: malformed baseline: {claim_id}'s cases must each have an \"outcome\"")
            here = f"{where}: claim {claim_id}"
            cases = {name: CaseResult.from_json(here, name, {"dims": {}, **case, "verdict": verdict_of(case["outcome"])})
                     for name, case in raw.items()}
            if cases and entry["verdict"] != worst(c.verdict for c in cases.values()):
                raise Inconsistent(f"{here}: \"verdict\" is {entry['verdict']!r}, but the most severe of its "
                                   f"{len(cases)} cases is {worst(c.verdict for c in cases.values())!r}")
            claims[ClaimId(claim_id)] = Expected(entry["verdict"], cases)
        return cls(claims, dict(data.get("observed_with") or {}), dict(data.get("machine") or {}),
                   dict(data.get("measured") or {}))

    def to_json(self) -> JSON:
        return {"schema": SCHEMA, "observed_with": dict(self.observed_with), "machine": dict(self.machine),
                "expected": {cid: {"verdict": e.verdict, "cases": {name: {"dims": dict(c.dims), "outcome": c.outcome}
                                                                   for name, c in e.cases.items()}}
                             for cid, e in self.expected.items()},
                "measured": dict(self.measured)}
