"""Who each finding concerns: every case of every claim, merged over the envs, filed under the frameworks it involves
and the kind of device it ran on.

A case involves the frameworks its dimensions name (``producer``, ``consumer``); a case without them involves the
frameworks its claim needs (NumPy where it needs none). So a DLPack claim refuted for a torch → tf pair is a finding
for torch and for tf, and a claim that needs torch and tf is one for both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from conformance.claims import CLAIMS
from conformance.frameworks import FRAMEWORKS
from conformance.ids import ClaimId
from conformance.results.model import CaseResult, Run
from conformance.results.verdicts import FAILING, RAN
from conformance.verdicts import most_severe

KINDS = ("cpu", "virtual", "cuda")


def kind_of(device: str) -> str:
    """The registry's device kind of a device name: the CPU, a CUDA device, or any other (a virtual device)."""
    return "cpu" if device == "cpu" else "cuda" if device.startswith("cuda") else "virtual"


def merged_cases(runs: Mapping[str, Run], claim_id: str) -> dict[str, CaseResult]:
    """{case id: case} over every env: the most severe decided outcome of a case, else its first skip."""
    cases: dict[str, CaseResult] = {}
    for run in runs.values():
        for case_id, case in run.claims[ClaimId(claim_id)].cases.items():
            held = cases.get(case_id)
            ran = case.verdict in RAN
            if held is None or (ran and (held.verdict not in RAN or case.verdict.severity > held.verdict.severity)):
                cases[case_id] = case
    return cases


def involved(claim_id: str, dims: Mapping[str, Any]) -> tuple[str, ...]:
    named = tuple(dict.fromkeys(dims[d] for d in ("producer", "consumer") if dims.get(d) in FRAMEWORKS))
    return named or CLAIMS[claim_id].frameworks or ("numpy",)


@dataclass
class Finding:
    """One claim on one framework and device kind: its cases there, and which of them failed."""

    claim: str
    cases: dict[str, CaseResult] = field(default_factory=dict)

    @property
    def ran(self) -> dict[str, CaseResult]:
        return {cid: c for cid, c in self.cases.items() if c.verdict in RAN}

    @property
    def verdict(self) -> str:
        ran = self.ran
        return most_severe(c.verdict for c in ran.values()).value if ran else "skipped"

    def skip_reason(self) -> str:
        reasons = Counter(c.reason or "skipped" for c in self.cases.values())
        return reasons.most_common(1)[0][0] if reasons else "skipped"


def by_framework(runs: Mapping[str, Run]) -> dict[str, dict[str, dict[str, Finding]]]:
    """{framework: {device kind: {claim id: Finding}}}, frameworks in registry order, kinds CPU first."""
    table: dict = {key: {kind: {} for kind in KINDS} for key in FRAMEWORKS}
    for claim_id in CLAIMS:
        for case_id, case in merged_cases(runs, claim_id).items():
            kind = kind_of(case.dims.get("device", "cpu"))
            for key in involved(claim_id, case.dims):
                table[key][kind].setdefault(claim_id, Finding(claim_id)).cases[case_id] = case
    return {key: {kind: found for kind, found in kinds.items() if found or kind in FRAMEWORKS[key].device_kinds}
            for key, kinds in table.items()}


def devices_seen(runs: Mapping[str, Run], framework: str, kind: str) -> list[str]:
    """The devices of ``kind`` that some env listed for ``framework``."""
    found = set()
    for run in runs.values():
        devices = run.environment.get("devices")
        if isinstance(devices, dict):
            found |= {d for d in devices.get(framework, []) if kind_of(d) == kind}
    return sorted(found)


def installed(runs: Mapping[str, Run], framework: str) -> bool | None:
    """Whether some env listed devices of ``framework`` (None where no env lists devices by framework)."""
    listed = [run.environment["devices"] for run in runs.values() if isinstance(run.environment.get("devices"), dict)]
    return any(framework in devices for devices in listed) if listed else None
