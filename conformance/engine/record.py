"""One session's record: the results document, where it goes, and the lines the terminal summary prints."""

import shlex
from datetime import datetime, timezone
from dataclasses import dataclass

from conformance.claims import CLAIMS
from conformance.engine import conversions, environment, outcomes
from conformance.engine.baseline import Check
from conformance.engine.results import (SCHEMA, Results, catalog_digest, default_path, describe_run, is_canonical,
                                        nothing_verified, suite_digest)
from conformance.verdicts import Verdict


@dataclass
class Session:
    """What the plugin gathered while pytest ran."""

    tests: dict
    not_run: dict
    faults: list
    selection: list[str]
    stopped: str | None
    profile: str
    seed: str
    conversions: list
    started: str = ""


def reproducer(nodeid: str, session: Session) -> str:
    faults = "".join(f" --plant-fault {f.name}" for f in session.faults)
    pytest_line = (f"python -m pytest {shlex.quote(nodeid)} -p no:cacheprovider --show-refuted --shrink "
                   f"--hypothesis-profile={session.profile} --hypothesis-seed={session.seed}{faults}")
    env = environment.env_name()
    return pytest_line if env == "local" else f"tox exec -e {env} -- {pytest_line}"


def assemble(session: Session) -> Results:
    entries = [outcomes.aggregate(claim, session.tests.get(claim.id, []), session.not_run.get(claim.id),
                                  lambda nodeid: reproducer(nodeid, session)) for claim in CLAIMS.values()]
    complete = (not session.faults and not session.selection and not session.stopped
                and environment.env_name() != "local")
    return {"schema": SCHEMA, "catalog": catalog_digest(), "suite": suite_digest(),
            "run": {"complete": complete, "faults": [f.name for f in session.faults],
                    "selection": session.selection, "stopped": session.stopped},
            "environment": environment.describe(session.profile, session.seed),
            "started": session.started, "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "claims": entries,
            "conversions": conversions.aggregate(session.conversions)}


def stop_reason(interrupted: bool, session) -> str | None:
    if interrupted:
        return "interrupted"
    reason = session.shouldfail or session.shouldstop
    return reason if isinstance(reason, str) else ("stopped early" if reason else None)


def destination(results: Results, plan) -> tuple:
    """(path, why it is not reports/<env>.json, or ""): only a complete run may write a committed location."""
    complete, env = results["run"]["complete"], environment.env_name()
    if plan.results is not None and (complete or not is_canonical(plan.results, plan.root)):
        return plan.results, ""
    path = default_path(plan.root, env, complete)
    return path, "" if complete else f"not written to reports/{env}.json: this is a {describe_run(results)}"


def counts(results: Results) -> dict[str, int]:
    tally = {v.value: 0 for v in Verdict}
    for entry in results["claims"]:
        tally[entry["verdict"]] += 1
    return tally


def summary_lines(results: Results, path, why: str, check: Check | None, baseline_path) -> list[tuple[str, dict]]:
    """(line, markup) pairs for the terminal summary."""
    tally = counts(results)
    lines = [(", ".join(f"{n} {v}" for v, n in tally.items()) + f"  ->  {path}", {})]
    if why:
        lines.append((why, {"yellow": True}))
    if nothing_verified(results):
        lines.append(("NO CLAIM GOT A VERDICT: this run checked nothing", {"red": True, "bold": True}))
    if check is None:
        lines.append(("no baseline compared (none for this env, or --baseline none): refuted claims are "
                      "findings and do not fail the run", {}))
        return lines
    if check.versions_differ:
        lines.append((f"versions differ from the baseline's ({check.versions_differ}); verdict changes below are "
                      "findings about those versions", {"yellow": True}))
    for title, group, markup in (("VERDICT FLIPS", check.flips, {"red": True, "bold": True}),
                                 ("COVERAGE LOST (expected a verdict, got skipped)", check.coverage_losses,
                                  {"red": True}),
                                 ("changed with the versions", check.version_changes, {"yellow": True}),
                                 ("coverage gained", check.gains, {})):
        if group:
            lines.append((f"{title} against {baseline_path}:", markup))
            lines += [(f"  {claim_id}: expected {old}, observed {new}", markup) for claim_id, old, new in group]
    if check.unrecorded:
        lines.append((f"claims with no expected verdict in {baseline_path} (record them with --update-baseline): "
                      f"{', '.join(check.unrecorded)}", {"red": True}))
    for change in check.machine_changes:
        lines.append((f"machine-dependent change (not a failure): {change}", {"yellow": True}))
    if not check.failed and results["run"]["complete"]:
        lines.append((f"every verdict matches {baseline_path}", {"green": True}))
    return lines
