"""Flake check: ``python -m conformance.flake [--runs 10]`` runs every claim under N Hypothesis seeds, case by case.

Uses the randomised ``flake`` profile (no example database, so no run replays
another's failures). No case may change outcome class between seeds; a case that
does is listed with the outcome each seed gave (the fix is more examples for that
case, or a narrower case, never a hidden one). Writes reports/flake.json (or
``--output``); exit status 1 if any case differed, 2 on bad input. A timing claim
that is decided in some runs and inconclusive in others is listed apart: its
interval straddled the threshold, which is what ``inconclusive`` is for.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from conformance.claims import CLAIMS
from conformance.tools.cli import check_output_path, check_profile, fail
from conformance.host import Environment
from conformance.results.io import catalog_digest, suite_digest, write_json
from conformance.results.model import ClaimResult
from conformance.results.verdicts import DECIDED, RAN, UnusableInput
from conformance.tools.runs import RunFailed, run_claims

FLAKE_SCHEMA = "interop-conformance-flake/3"


def flake_check(seeds: list[int], profile: str) -> dict:
    started = time.monotonic()
    runs = {seed: run_claims(f"--hypothesis-profile={profile}", f"--hypothesis-seed={seed}").claims for seed in seeds}
    first = runs[seeds[0]]
    differing: list[dict] = []
    unsettled: list[dict] = []
    for claim_id in first:
        if CLAIMS[claim_id].machine_dependent:
            verdicts = {str(s): runs[s][claim_id].verdict.value for s in seeds}
            if len(set(verdicts.values())) > 1:
                (unsettled if _timing_undecided(verdicts) else differing).append({"id": claim_id,
                                                                                   "verdicts": verdicts})
            continue
        for case_id in sorted({cid for s in seeds for cid in runs[s][claim_id].cases}):
            outcomes = {str(s): _outcome(runs[s][claim_id], case_id) for s in seeds}
            if len(set(outcomes.values())) > 1:
                differing.append({"id": claim_id, "case": case_id, "outcomes": outcomes})
    ran = [claim for claim in first.values() if claim.verdict != "skipped"]
    cases = sum(1 for claim in ran for case in claim.cases.values() if case.verdict != "skipped")
    return {"schema": FLAKE_SCHEMA, "catalog": catalog_digest(), "suite": suite_digest(),
            "environment": Environment().describe("flake", profile, None), "runs": len(seeds),
            "seeds": list(seeds), "profile": profile, "claims": len(ran), "cases": cases, "differing": differing,
            "timing_undecided": unsettled, "seconds": round(time.monotonic() - started, 1)}


def _outcome(claim: ClaimResult, case_id: str) -> str | None:
    """The outcome class of one case of the claim in one run (None where that run has no such case)."""
    case = claim.cases.get(case_id)
    return None if case is None else case.outcome


def _timing_undecided(verdicts: dict) -> bool:
    """A timing claim that was sometimes decided and sometimes inconclusive: its interval, not the seed, moved.
    A timing claim seen both holding and refuted is flaky like any other."""
    undecided = RAN - DECIDED  # ran to an end without deciding: inconclusive
    return len(set(verdicts.values()) - undecided) <= 1


def check_output(path, data: dict) -> dict:
    """A flake file as the report reads it; a missing key is unusable input."""
    missing = [k for k in ("environment", "runs", "seeds", "profile", "claims", "differing", "seconds")
               if k not in data]
    if missing:
        raise UnusableInput(f"{path}: a flake file without {', '.join(missing)}")
    return data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.flake", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="how many seeds (default: 10)")
    parser.add_argument("--profile", default="flake", help="Hypothesis profile (default: flake)")
    parser.add_argument("--output", type=Path, default=Path("reports") / "flake.json")
    args = parser.parse_args(argv)
    try:
        if args.runs < 2:
            raise UnusableInput(f"--runs {args.runs}: at least 2 runs are needed to compare outcomes")
        check_profile(args.profile)
        check_output_path(args.output)
        result = flake_check(list(range(args.runs)), args.profile)
    except (UnusableInput, RunFailed) as exc:
        return fail("flake", exc)
    write_json(args.output, result)
    print(f"flake check: {len(result['differing'])} case(s) of {result['cases']} that ran differed over "
          f"{result['runs']} seeds in {result['seconds']} s -> {args.output}")
    for row in result["differing"]:
        print(f"  {row['id']} [{row.get('case', 'claim')}]: {row.get('outcomes') or row.get('verdicts')}")
    for row in result["timing_undecided"]:
        print(f"  timing claim sometimes inconclusive (not a flake): {row['id']}: {row['verdicts']}")
    return 1 if result["differing"] else 0


if __name__ == "__main__":
    sys.exit(main())
