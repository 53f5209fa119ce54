"""From pytest outcomes to verdicts: one outcome per case (its verdict and outcome class), then one entry per claim.

A case's outcome is read from the exception its test phase ended with, never from
pytest's report (which the plugin turns into an expected failure): passed → holds;
a :class:`~conformance.verdicts.Refuted` (any AssertionError) → refuted, with its
outcome class; Inconclusive → inconclusive; a skip → skipped, with its reason;
anything else → error. The claim's verdict is the most severe of its cases.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from conformance.claims import Claim
from conformance.results import evidence
from conformance.results.verdicts import OBSERVED
from conformance.verdicts import Inconclusive, Verdict, most_severe, outcome_class

EXAMPLE_MARK = "example"


def case_outcome(when: str, exc: BaseException | None, case: Mapping | None, test_name: str) -> dict | None:
    """What one test phase says about its case, or None when the phase decides nothing."""
    extra: dict[str, str | None]
    if isinstance(exc, pytest.skip.Exception):
        verdict, extra = Verdict.SKIPPED, {"reason": str(exc.msg)}
    elif exc is None:
        if when != "call":
            return None
        verdict, extra = Verdict.HOLDS, {}
    elif when == "call" and isinstance(exc, Inconclusive):
        verdict, extra = Verdict.INCONCLUSIVE, {"observed": first_lines(str(exc))}
    elif when == "call" and isinstance(exc, AssertionError):
        verdict, extra = Verdict.REFUTED, {"observed": first_lines(str(exc)), "counterexample": counterexample(exc)}
    else:
        verdict, extra = Verdict.ERROR, {"observed": f"{when}: {type(exc).__name__}: {first_lines(str(exc))}"}
    return {"case": str(case) if case else test_name, "dims": dict(case or {}), "verdict": verdict.value,
            "outcome": outcome_class(exc, verdict), **extra}


def of_item(item: pytest.Item, when: str, exc: BaseException | None, records: list[dict], examples: int):
    """The outcome of one phase of a claim test's item, with its evidence, or None."""
    callspec = getattr(item, "callspec", None)
    outcome = case_outcome(when, exc, callspec.params.get("case") if callspec else None, item.name)
    if outcome is None:
        return None
    measured = {k: v for k, v in item.user_properties if k != "conversions"}
    return add_evidence(outcome, records, examples, measured, item.nodeid)


class NotRun(Exception):
    """A case the session was to run and never finished (the session broke off before it)."""


def not_run(nodeid: str, case: str, dims: dict, why: str, by_user: bool) -> dict:
    """The outcome of a claim case that the session never finished: skipped where the user stopped the session
    (``-x``, an interrupt), an error otherwise."""
    exc = pytest.skip.Exception(why) if by_user else NotRun(why)
    outcome = case_outcome("setup", exc, None, case)
    assert outcome is not None
    outcome["dims"] = dims
    return add_evidence(outcome, [], 0, {}, nodeid)


def add_evidence(outcome: dict, records: list[dict], examples: int, measured: dict, nodeid: str) -> dict:
    """The case's exercised summary, its examples and measurements, and the inputs of its last (failing) example."""
    outcome.update(nodeid=nodeid, examples=examples, exercised=evidence.summarize(records))
    if measured:
        outcome["measured"] = measured
    if outcome["verdict"] == Verdict.REFUTED.value:
        marks = [i for i, r in enumerate(records) if EXAMPLE_MARK in r]
        last = records[marks[-1] + 1:] if marks else records
        outcome["inputs"] = [r["spec"] for r in last if r.get("spec")]
    return outcome


def aggregate(claim: Claim, outcomes: list[dict], not_run_reason: str | None, rerun) -> dict:
    """The claim's results entry: its cases, and the most severe of their verdicts (skipped only if all were).
    Made in one pass over the outcomes: the cases and their findings, then what they exercised, then the verdict."""
    entry: dict[str, Any] = {"id": claim.id, "statement": claim.statement, "source": claim.source,
                             "needs": list(claim.needs), "topic": claim.topic}
    if claim.machine_dependent:
        entry["machine_dependent"] = True
    if claim.upstream:
        entry["upstream"] = list(claim.upstream)
    if not outcomes:
        verdict = Verdict.ERROR if not_run_reason and not_run_reason.startswith("error") else Verdict.SKIPPED
        entry.update(verdict=verdict.value, reason=not_run_reason or "no test ran", examples=0, cases={})
        return entry
    cases = {o["case"]: _case_entry(o) for o in outcomes}
    found = findings(outcomes)
    exercised = _exercised(outcomes)
    verdict = most_severe(o["verdict"] for o in outcomes)
    entry.update(verdict=verdict.value, examples=sum(o["examples"] for o in outcomes))
    if verdict is Verdict.SKIPPED:
        entry["reason"] = "; ".join(sorted({o["reason"] for o in outcomes}))
    entry["cases"] = cases
    entry.update(exercised)
    measured = {k: v for o in outcomes for k, v in o.get("measured", {}).items()}
    if measured:
        entry["measured"] = measured
    if verdict.value in OBSERVED:
        worst = next(o for o in outcomes if o["verdict"] == verdict.value)
        entry.update(observed=worst.get("observed"), test=worst["nodeid"], rerun=rerun(worst["nodeid"]))
        if worst.get("counterexample"):
            entry["counterexample"] = worst["counterexample"]
        entry["findings"] = found
    return entry


def _case_entry(outcome: dict) -> dict:
    case = {"dims": outcome["dims"], "verdict": outcome["verdict"], "outcome": outcome["outcome"]}
    if outcome.get("reason"):
        case["reason"] = outcome["reason"]
    if outcome["verdict"] in OBSERVED and outcome.get("observed"):
        case["observed"] = outcome["observed"].splitlines()[0][:240]
    return case


def _exercised(outcomes: list[dict]) -> dict:
    """``{"exercised", "domain_gaps"}`` of the claim's cases, each only where there is something to say."""
    exercised = evidence.merge([o["exercised"] for o in outcomes if o.get("exercised")])
    if not exercised:
        return {}
    ran: dict[str, set] = {}
    for o in outcomes:
        if o["verdict"] != Verdict.SKIPPED.value and o["examples"]:
            for name, value in o["dims"].items():
                ran.setdefault(name, set()).add(value)
    gaps = evidence.missing({k: sorted(v, key=str) for k, v in ran.items()}, exercised)
    return {"exercised": exercised, "domain_gaps": gaps} if gaps else {"exercised": exercised}


def findings(outcomes: list[dict]) -> list[dict]:
    """One finding per outcome class of the refuted cases: its smallest refuted case, with that case's inputs,
    observation and counterexample (what a reproducer is generated from)."""
    groups: dict[str, list[dict]] = {}
    for o in outcomes:
        if o["verdict"] == Verdict.REFUTED.value:
            groups.setdefault(o["outcome"], []).append(o)
    found = []
    for outcome, members in groups.items():
        smallest = min(members, key=lambda o: (sum(_nbytes(s) for s in o.get("inputs", [])), o["case"]))
        found.append({"outcome": outcome, "case": smallest["case"], "cases": len(members),
                      "inputs": smallest.get("inputs", []), "observed": smallest.get("observed"),
                      "counterexample": smallest.get("counterexample")})
    return found


def _nbytes(spec: dict) -> int:
    count = 1
    for side in spec.get("shape", []):
        count *= side
    return count * int(spec.get("dtype", "|b1")[2:] or 1)


def counterexample(exc: BaseException) -> str | None:
    """Hypothesis's notes on the failing example, without the framework-module fixtures."""
    lines = "\n".join(getattr(exc, "__notes__", [])).splitlines()
    return "\n".join(line for line in lines if "=<module '" not in line) or None


def first_lines(text: str, n: int = 6) -> str:
    lines = [line for line in str(text).splitlines() if line.strip()]
    return "\n".join(lines[:n])[:800]
