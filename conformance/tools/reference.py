"""A reference run: complete runs already made (the main job's) standing in for a fresh unfaulted run.

The mutation run needs every case's unfaulted outcome before it plants faults. Right
after the main job those outcomes exist, made by the same code, versions and machine;
running them again would only repeat that work. ``reference_run`` accepts the files
only when nothing that decides an outcome can differ, and otherwise says why, so
that the caller runs the claims afresh.
"""

from __future__ import annotations

from pathlib import Path

from conformance.claims import CLAIMS
from conformance.host import Environment
from conformance.results.environment import VERSION_KEYS, describe_machine, same_machine
from conformance.results.io import load_run, suite_digest
from conformance.results.model import Run
from conformance.results.verdicts import UnusableInput
from conformance.verdicts import Verdict


def reference_run(paths: list[Path], profile: str) -> tuple[Run | None, str]:
    """(the merged runs, "") when ``paths`` can stand in for a fresh run under ``profile``; else (None, why not).

    A path that does not exist is bad input (UnusableInput); a file that exists but does not match is not."""
    missing = [str(p) for p in paths if not Path(p).is_file()]
    if missing:
        raise UnusableInput(f"--reference {missing[0]}: no such file")
    try:
        runs = [(str(p), load_run(p)) for p in paths]
        merged = runs[0][1].merge(*(run for _, run in runs[1:]))
    except UnusableInput as exc:
        return None, str(exc)
    here = Environment()
    for path, run in runs:
        problem = _mismatch(run, here.describe("reference", profile, None))
        if problem:
            return None, f"{path}: {problem}"
    unverified = [claim.id for claim in merged if claim.verdict is Verdict.SKIPPED and any(
        here.skip_reason(CLAIMS[claim.id].frameworks, kind) is None for kind in CLAIMS[claim.id].domain["device"])]
    if unverified:
        return None, f"{unverified[0]} has no verdict in the reference, though it can run here"
    return merged, ""


def _mismatch(run: Run, here: dict) -> str:
    recorded = run.environment
    if not run.complete:
        return "not a complete, unfaulted run"
    if run.get("suite") != suite_digest():
        return "made by other code of the suite"
    for key in ("hypothesis_profile", "hypothesis", "python"):
        if recorded.get(key) != here[key]:
            return f"{key} {recorded.get(key)}, here {here[key]}"
    for key in VERSION_KEYS:
        if recorded.get(key) is not None and recorded[key] != here[key]:
            return f"{key} {recorded[key]}, here {here[key]}"
    if not same_machine(recorded.get("machine"), here["machine"]):
        return f"made on {describe_machine(recorded.get('machine'))}, not on this machine"
    return ""
