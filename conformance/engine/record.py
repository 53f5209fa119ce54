"""One session's record, concluded in one pass: the results document is assembled from the case outcomes, validated
into the results model (conformance.results), written from the model where it belongs, checked against the baseline,
recorded as the new baseline if asked, and told in the terminal summary."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest

from conformance.claims import CLAIMS
from conformance.engine import outcomes
from conformance.engine import baseline as baselines
from conformance.engine.results import destination
from conformance.engine.summary import summary_lines
from conformance.results import conversions
from conformance.results.io import BASELINE_DIR, catalog_digest, suite_digest, write_json
from conformance.results.model import SCHEMA, Results, Run
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
    rows = conversions.aggregate(session.conversions)
    entries = [outcomes.aggregate(claim, session.tests.get(claim.id, []), session.not_run.get(claim.id),
                                  lambda nodeid: rerun(nodeid, plan)) for claim in CLAIMS.values()]
    complete = not session.faults and not session.selection and not session.stopped and plan.named
    return {"schema": SCHEMA, "catalog": catalog_digest(), "suite": suite_digest(),
            "run": {"complete": complete, "faults": [f.name for f in session.faults],
                    "selection": session.selection, "stopped": session.stopped, "scope": plan.scope},
            "environment": plan.environment.describe(plan.run_name, plan.profile, plan.seed),
            "started": session.started, "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "claims": entries,
            "conversions": rows}


def conclude(session: Session, plan, compared: set[str]) -> tuple[list[tuple[str, dict]], bool]:
    """Write the session's results where they belong, check them against the baseline, record a new baseline if
    asked; returns (the summary lines, whether the run fails). The document goes one way: assembled, validated into
    the results model (``Run.from_json``), written from the model, checked, recorded, summed up."""
    results = assemble(session, plan)
    run = Run.from_json("this session's results", results, frozenset(CLAIMS))
    path, why = destination(run, plan)
    write_json(path, run.to_json())
    accepted = "--update-baseline" if plan.update_baseline else "--accept-changes" if plan.accept_changes else ""
    check = baselines.check(run, plan.baseline, compared, accepted) if plan.baseline is not None else None
    recording = None  # --update-baseline: (the baseline file, whether this run was recorded in it)
    if plan.update_baseline:
        target = BASELINE_DIR / f"{plan.run_name}.json"
        recording = target, baselines.record_baseline(run, target)
    summary = summary_lines(run, path, why, check, plan.baseline_path, recording)
    recorded = recording is not None and recording[1]
    failed = bool(check and check.failed and not recorded) or not run.verified() or any(
        claim.verdict == Verdict.ERROR.value for claim in run)
    return summary, failed


def stop_reason(exitstatus: int, session) -> tuple[str | None, bool]:
    """(why the session stopped before its end, or None; whether the user stopped it: an interrupt, ``-x``)."""
    if exitstatus == pytest.ExitCode.INTERRUPTED:
        return "interrupted", True
    if exitstatus == pytest.ExitCode.INTERNAL_ERROR:
        return "an internal error ended the session (pytest exit code 3)", False
    reason = session.shouldfail or session.shouldstop
    return (reason if isinstance(reason, str) else "stopped early") if reason else None, bool(reason)
