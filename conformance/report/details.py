"""The claims in detail: one section per claim, which the answer, the claims table and the grid link to.

Each gives the statement, its source and quote, the coverage measured from the inputs that ran, the verdict on each
device; and for a refuted claim where it holds and where it fails (by outcome class and the dimensions that explain
each group of cases), what was observed, the counterexample, its standalone reproducers and the pytest line that
reruns it in the env that produced it.
"""

from __future__ import annotations

from collections.abc import Mapping

from conformance.claims import CLAIMS
from conformance.dimensions import DIMENSIONS
from conformance.ids import ClaimId
from conformance.results import evidence
from conformance.results.compress import summary
from conformance.results.model import ClaimResult, Run
from conformance.results.verdicts import FAILING
from conformance.report.claims import device_cells, devices_of
from conformance.report.markdown import code_block, links


def details_section(runs: Mapping[str, Run], reproducers: dict | None = None) -> list[str]:
    lines = ["## Claims in detail", "",
             "Every claim of the catalog, in catalog order. A refuted claim is a finding about the documentation, "
             "not a failure of the suite; its reproducers exit 1 while the documented behaviour fails and 0 once it "
             "holds.", ""]
    devices = devices_of(runs)
    for claim in CLAIMS.values():
        found = [(name, run.claims[ClaimId(claim.id)]) for name, run in runs.items()]
        lines += _claim(claim, found, runs, (reproducers or {}).get(claim.id, []), devices)
    return lines


def _claim(claim, found: list[tuple[str, ClaimResult]], runs: Mapping[str, Run], scripts: list[dict],
           devices: list[str]) -> list[str]:
    lines = [f"### `{claim.id}`", "", f"{claim.statement}  ", f"Source: {claim.source}  "]
    if claim.quote:
        lines.append(f"Quote: «{claim.quote}»  ")
    if claim.upstream:
        lines.append(f"Upstream: {links(claim.upstream)}  ")
    lines.append(f"Coverage: {coverage(claim.id, runs)}  ")
    for dimension, why in claim.narrowed.items():
        lines.append(f"Narrowed {dimension}: {why}  ")
    if claim.uncovered:
        lines.append(f"Not enumerated, without a reason: {', '.join(claim.uncovered)} (a gap in the suite)  ")
    verdicts = " · ".join(f"{device}: {text}" for device, text in device_cells(runs, claim.id, devices) if text != "—")
    lines += [f"Verdict: {verdicts or 'no env ran it'}", ""]
    failed = [(name, result) for name, result in found if result.verdict in FAILING]
    if not failed:
        return lines
    lines += [f"- in {name} ({result.verdict.value}): "
              f"{summary({cid: case.to_json() for cid, case in result.cases.items()})}" for name, result in failed]
    lines.append("")
    return lines + _evidence(claim, failed, scripts)


def _evidence(claim, failed: list[tuple[str, ClaimResult]], scripts: list[dict]) -> list[str]:
    if scripts:
        lines = ["Reproducers (standalone scripts; each exits 1 while the documented behaviour fails, 0 once it "
                 "holds) and issue-ready texts:", ""]
        lines += [f"- {s['outcome']}: [`{s['script']}`]({s['script']}) · [issue text]({s['issue']})" for s in scripts]
        lines.append("")
    else:
        why = ("its results were not given to `python -m conformance.reproduce --all`" if claim.reproduce else
               "the claim has no recipe (`Claim.reproduce`) yet")
        lines = [f"No standalone reproducer: {why}.", ""]
    name, result = failed[0]
    lines += [f"Observed in {name}:", *code_block(result.detail("observed", ""))]
    if result.detail("counterexample"):
        lines += ["Counterexample:", *code_block(result.detail("counterexample"))]
    lines += [f"Rerun in env {name}:", *code_block(result.detail("rerun", ""))]
    first_line = (result.detail("observed") or "").splitlines()[:1]
    for other, other_result in failed[1:]:
        if (other_result.detail("observed") or "").splitlines()[:1] != first_line:
            lines += [f"Observed in {other}:", *code_block(other_result.detail("observed", ""))]
    return lines + [""]


def coverage(claim_id: str, runs: Mapping[str, Run]) -> str:
    """What the inputs that ran exercised, of the claim's declared domain; ⚠ marks what its cases never showed."""
    results = [run.claims[ClaimId(claim_id)] for run in runs.values()]
    exercised = evidence.merge([r.detail("exercised") for r in results if r.detail("exercised")])
    text = evidence.cell(exercised, CLAIMS[claim_id].domain.as_dict()) or "—"
    gaps: dict = {}
    for result in results:
        for key, values in result.detail("domain_gaps", {}).items():
            shown = exercised.get(DIMENSIONS[key].evidence if key in DIMENSIONS else key, [])
            missing = set(values) - set(shown)
            if missing:
                gaps.setdefault(key, set()).update(missing)
    if gaps:
        text += " · ⚠ never shown: " + "; ".join(f"{k} {', '.join(map(str, sorted(v, key=str)))}"
                                                 for k, v in gaps.items())
    return text
