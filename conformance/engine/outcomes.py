"""From pytest outcomes to verdicts: one outcome per test (case), then one verdict per claim."""

from _pytest.reports import TestReport

from conformance.claims import Claim
from conformance.engine import evidence
from conformance.verdicts import Inconclusive, Verdict, most_severe


def test_outcome(report, call, examples: int, records: list[dict], measured: dict) -> dict | None:
    """What one test phase says about its claim, or None when the phase decides nothing.

    Read from the phase's exception rather than from the report, whose status the plugin may
    have turned into an expected failure."""
    exc = call.excinfo.value if call.excinfo is not None else None
    if report.skipped and not hasattr(report, "wasxfail"):
        outcome = {"outcome": Verdict.SKIPPED.value, "reason": skip_reason(report)}
    elif exc is None:
        if report.when != "call":
            return None
        outcome = {"outcome": Verdict.HOLDS.value}
    elif report.when == "call" and isinstance(exc, Inconclusive):
        outcome = {"outcome": Verdict.INCONCLUSIVE.value, "observed": first_lines(str(exc))}
    elif report.when == "call" and isinstance(exc, AssertionError):
        outcome = {"outcome": Verdict.REFUTED.value, "observed": first_lines(str(exc)),
                   "counterexample": counterexample(exc)}
    else:
        outcome = {"outcome": Verdict.ERROR.value,
                   "observed": f"{report.when}: {type(exc).__name__}: {first_lines(str(exc))}"}
    outcome.update(nodeid=report.nodeid, examples=examples if report.when == "call" else 0,
                   exercised=evidence.summarize(records))
    if measured:
        outcome["measured"] = measured
    return outcome


def refutation_report(item, call, reason: str):
    """The report of a refutation taken as a finding: an expected failure, built without formatting a traceback
    (pytest's own report renders one per refuted case, most of a run's time when many cases refute)."""
    return TestReport(item.nodeid, item.location, {x: 1 for x in item.keywords}, "skipped", None, call.when,
                      [], call.duration, call.start, call.stop, user_properties=item.user_properties,
                      wasxfail=reason)


def aggregate(claim: Claim, tests: list[dict], not_run_reason: str | None, reproduce) -> dict:
    """The claim's results entry: the most severe outcome of its tests; skipped only if all were skipped."""
    entry = {"id": claim.id, "statement": claim.statement, "source": claim.source, "needs": list(claim.needs),
             "topic": claim.topic}
    if claim.machine_dependent:
        entry["machine_dependent"] = True
    if claim.upstream:
        entry["upstream"] = list(claim.upstream)
    if not tests:
        verdict = Verdict.ERROR if not_run_reason and not_run_reason.startswith("error") else Verdict.SKIPPED
        entry.update(verdict=verdict.value, reason=not_run_reason or "no test ran", examples=0)
        return entry
    verdict = most_severe(t["outcome"] for t in tests)
    entry.update(verdict=verdict.value, examples=sum(t["examples"] for t in tests))
    skipped = [t for t in tests if t["outcome"] == Verdict.SKIPPED.value]
    if verdict is Verdict.SKIPPED:
        entry["reason"] = "; ".join(sorted({t["reason"] for t in skipped}))
    elif skipped:
        entry["unverified_parts"] = [f"{t['nodeid']}: {t['reason']}" for t in skipped]
    exercised = evidence.merge([t["exercised"] for t in tests if t.get("exercised")])
    if exercised:
        entry["exercised"] = exercised
        gaps = evidence.missing(claim.domain.as_dict(), exercised) if verdict is not Verdict.SKIPPED else {}
        if gaps:
            entry["domain_gaps"] = gaps
    measured = {k: v for t in tests for k, v in t.get("measured", {}).items()}
    if measured:
        entry["measured"] = measured
    if verdict in (Verdict.REFUTED, Verdict.ERROR, Verdict.INCONCLUSIVE):
        worst = next(t for t in tests if t["outcome"] == verdict.value)
        entry.update(observed=worst.get("observed"), test=worst["nodeid"], reproducer=reproduce(worst["nodeid"]))
        if worst.get("counterexample"):
            entry["counterexample"] = worst["counterexample"]
        entry["cases"] = {"total": len(tests), verdict.value: sorted(
            _case_id(t["nodeid"]) for t in tests if t["outcome"] == verdict.value)}
    return entry


def _case_id(nodeid: str) -> str:
    return nodeid[nodeid.index("[") + 1:-1] if "[" in nodeid else nodeid.rsplit("::", 1)[-1]


def skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return longrepr[2].removeprefix("Skipped: ")
    return str(longrepr)


def counterexample(exc: BaseException) -> str | None:
    """Hypothesis's notes on the failing example, without the framework-module fixtures."""
    lines = "\n".join(getattr(exc, "__notes__", [])).splitlines()
    return "\n".join(line for line in lines if "=<module '" not in line) or None


def first_lines(text: str, n: int = 6) -> str:
    lines = [line for line in str(text).splitlines() if line.strip()]
    return "\n".join(lines[:n])[:800]
