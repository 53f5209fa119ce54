"""One session's record: the results document, where it goes, and the lines the terminal summary prints."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import datetime, timezone

from conformance.claims import CLAIMS
from conformance.engine import conversions, outcomes
from conformance.engine import baseline as baselines
from conformance.engine.baseline import Check
from conformance.engine.casediff import IMPROVEMENT, REGRESSION
from conformance.engine.results import (SCHEMA, Results, catalog_digest, default_path, describe_run, is_canonical,
                                        nothing_verified, suite_digest, write_json)
from conformance.verdicts import Verdict


@dataclass
class Session:
    """What the plugin gathered while pytest ran."""

    tests: dict
    not_run: dict
    faults: list
    selection: list[str]
    stopped: str | None
    conversions: list
    started: str = ""
    extras: dict = field(default_factory=dict)


def rerun(nodeid: str, plan) -> str:
    """The pytest line that runs one case again, shrinking its counterexample, in the env that produced it."""
    faults = "".join(f" --plant-fault {f.name}" for f in plan.faults)
    return (f"python -m pytest {shlex.quote(nodeid)} -p no:cacheprovider --show-refuted --shrink "
            f"--hypothesis-profile={plan.profile} --hypothesis-seed={plan.seed}{faults}")


def assemble(session: Session, plan) -> Results:
    entries = [outcomes.aggregate(claim, session.tests.get(claim.id, []), session.not_run.get(claim.id),
                                  lambda nodeid: rerun(nodeid, plan)) for claim in CLAIMS.values()]
    complete = not session.faults and not session.selection and not session.stopped and plan.named
    return {"schema": SCHEMA, "catalog": catalog_digest(), "suite": suite_digest(),
            "run": {"complete": complete, "faults": [f.name for f in session.faults],
                    "selection": session.selection, "stopped": session.stopped, "scope": plan.scope},
            "environment": plan.environment.describe(plan.run_name, plan.profile, plan.seed),
            "started": session.started, "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "claims": entries,
            "conversions": conversions.aggregate(session.conversions)}


def conclude(session: Session, plan, compared: set[str]) -> tuple[list[tuple[str, dict]], bool]:
    """Write the session's results where they belong, check them against the baseline, record a new baseline if
    asked; returns (the summary lines, whether the run fails)."""
    results = assemble(session, plan)
    path, why = destination(results, plan)
    write_json(path, results)
    accepted = "--update-baseline" if plan.update_baseline else "--accept-changes" if plan.accept_changes else ""
    check = baselines.check(results, plan.baseline, compared, accepted) if plan.baseline is not None else None
    summary = summary_lines(results, path, why, check, getattr(plan.baseline, "path", None))
    recorded = plan.update_baseline and baselines.record_baseline(results, baselines.BASELINE_DIR, plan.run_name)
    if plan.update_baseline:
        summary.append((f"recorded as the baseline {baselines.BASELINE_DIR / plan.run_name}.json", {"green": True})
                       if recorded else ("--update-baseline refused: only a complete run with verdicts is recorded",
                                         {"red": True}))
    failed = bool(check and check.failed and not recorded) or nothing_verified(results) or any(
        e["verdict"] == Verdict.ERROR.value for e in results["claims"])
    return summary, failed


def stop_reason(interrupted: bool, session) -> str | None:
    if interrupted:
        return "interrupted"
    reason = session.shouldfail or session.shouldstop
    return reason if isinstance(reason, str) else ("stopped early" if reason else None)


def destination(results: Results, plan) -> tuple:
    """(path, why it is not reports/<run>.json, or ""): only a complete run may write a committed location."""
    complete, name = results["run"]["complete"], plan.run_name
    if plan.results is not None and (complete or not is_canonical(plan.results, plan.root)):
        return plan.results, ""
    path = default_path(plan.root, name, complete)
    return path, "" if complete else f"not written to reports/{name}.json: this is a {describe_run(results)}"


def counts(results: Results) -> dict[str, int]:
    tally = {v.value: 0 for v in Verdict}
    for entry in results["claims"]:
        tally[entry["verdict"]] += 1
    return tally


def summary_lines(results: Results, path, why: str, check: Check | None, baseline_path) -> list[tuple[str, dict]]:
    """(line, markup) pairs for the terminal summary."""
    tally = counts(results)
    cases = sum(len(e.get("cases", {})) for e in results["claims"])
    lines = [(", ".join(f"{n} {v}" for v, n in tally.items()) + f" ({cases} cases)  ->  {path}", {})]
    if why:
        lines.append((why, {"yellow": True}))
    if nothing_verified(results):
        lines.append(("NO CLAIM GOT A VERDICT: this run checked nothing", {"red": True, "bold": True}))
    if check is None:
        lines.append(("no baseline compared (none for this run, or --baseline none): refuted claims are "
                      "findings and do not fail the run", {}))
        return lines
    return lines + _check_lines(check, baseline_path, results["run"]["complete"])


def _check_lines(check: Check, baseline_path, complete: bool) -> list[tuple[str, dict]]:
    lines = []
    if check.versions_differ:
        lines.append((f"versions differ from the baseline's ({check.versions_differ}): each case is still expected to "
                      "match it, and a case that changes outcome fails the run unless accepted (--accept-changes)",
                      {"yellow": True}))
    changed = {"yellow": True} if check.accepted else {"red": True, "bold": True}
    if check.changes:
        counts = {kind: sum(c.cases.count(kind) or (kind in c.kinds()) for c in check.changes)
                  for kind in (REGRESSION, IMPROVEMENT)}
        lines.append((f"CASES CHANGED OUTCOME against {baseline_path}: {counts[REGRESSION]} regression(s), "
                      f"{counts[IMPROVEMENT]} improvement(s) in {len(check.changes)} claim(s)"
                      + (f", accepted by {check.accepted}" if check.accepted else ""), changed))
    for title, kind in (("REGRESSIONS (a case that held fails, or a failure got as bad or worse)", REGRESSION),
                        ("IMPROVEMENTS (a failure got less severe, or the case holds now)", IMPROVEMENT)):
        group = check.of_kind(kind)
        lines += [(f"{title}:", changed)] if group else []
        for change in group:
            lines.append((f"  {change.claim_id} (claim {change.old} → {change.new}):", changed))
            lines += [(f"    {line}", changed) for line in change.lines(kind)]
    for title, group, markup in (
            ("COVERAGE LOST (cases expected to be decided were skipped or gone)", check.coverage_losses, {"red": True}),
            ("coverage gained", check.gains, {})):
        lines += [(f"{title} against {baseline_path}:", markup)] if group else []
        for change in group:
            lines.append((f"  {change.claim_id} (claim {change.old} → {change.new}):", markup))
            lines += [(f"    {line}", markup) for line in change.cases.coverage_lines()]
    if check.unrecorded:
        lines.append((f"claims with no expected outcomes in {baseline_path} (record them with --update-baseline): "
                      f"{', '.join(check.unrecorded)}", {"red": True}))
    for change in check.machine_changes:
        lines.append((f"machine-dependent change (not a failure): {change}", {"yellow": True}))
    if check.changes and not check.accepted:
        lines.append(("accept these changes with --accept-changes (the run passes and still lists them), or record "
                      "this run as the baseline with --update-baseline", changed))
    elif check.changes and complete and not check.failed:
        lines.append((f"the changes above are accepted by {check.accepted}; the other cases match {baseline_path}",
                      {"yellow": True}))
    elif not check.failed and complete:
        lines.append((f"every case matches {baseline_path}", {"green": True}))
    return lines
