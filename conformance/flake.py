"""Flake check: ``python -m conformance.flake [--runs 10]`` runs every claim under N Hypothesis seeds.

Uses the randomised ``flake`` profile (no example database, so no run replays
another's failures). Writes reports/flake.json (or ``--output``); exit status 1
if any claim's verdict differed between runs, 2 on bad input. A timing claim that
is decided in some runs and inconclusive in others is listed apart: its interval
straddled the threshold, which is what ``inconclusive`` is for.
"""

import argparse
import sys
import time
from pathlib import Path

from conformance.claims import CLAIMS
from conformance.engine.cli import check_output_path, check_profile, fail
from conformance.engine.results import UnusableInput, verdicts_of, write_json
from conformance.engine.runs import RunFailed, run_claims
from conformance.verdicts import Verdict

FLAKE_SCHEMA = "interop-conformance-flake/2"
ROOT = Path(__file__).resolve().parent.parent


def flake_check(seeds: list[int], profile: str) -> dict:
    started = time.monotonic()
    runs = {seed: run_claims(f"--hypothesis-profile={profile}", f"--hypothesis-seed={seed}") for seed in seeds}
    verdicts = {seed: verdicts_of(run) for seed, run in runs.items()}
    claim_ids = list(verdicts[seeds[0]])
    moved = [{"id": c, "verdicts": {str(s): verdicts[s][c] for s in seeds}}
             for c in claim_ids if len({verdicts[s][c] for s in seeds}) > 1]
    unsettled = [row for row in moved if _timing_undecided(row)]
    differing = [row for row in moved if row not in unsettled]
    ran = [c for c in claim_ids if verdicts[seeds[0]][c] != "skipped"]
    return {"schema": FLAKE_SCHEMA, "environment": runs[seeds[0]]["environment"], "runs": len(seeds),
            "seeds": list(seeds), "profile": profile, "claims": len(ran), "differing": differing,
            "timing_undecided": unsettled,
            "seconds": round(time.monotonic() - started, 1)}


def _timing_undecided(row: dict) -> bool:
    """A timing claim that was sometimes decided and sometimes inconclusive: its interval, not the seed, moved.
    A timing claim seen both holding and refuted is flaky like any other."""
    decided = set(row["verdicts"].values()) - {Verdict.INCONCLUSIVE.value}
    return CLAIMS[row["id"]].machine_dependent and len(decided) <= 1


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
    parser.add_argument("--output", type=Path, default=ROOT / "reports" / "flake.json")
    args = parser.parse_args(argv)
    try:
        if args.runs < 2:
            raise UnusableInput(f"--runs {args.runs}: at least 2 runs are needed to compare verdicts")
        check_profile(args.profile)
        check_output_path(args.output)
        result = flake_check(list(range(args.runs)), args.profile)
    except (UnusableInput, RunFailed) as exc:
        return fail("flake", exc)
    write_json(args.output, result)
    print(f"flake check: {len(result['differing'])} of {result['claims']} claims that ran differed over "
          f"{result['runs']} seeds in {result['seconds']} s -> {args.output}")
    for row in result["differing"]:
        print(f"  {row['id']}: {row['verdicts']}")
    for row in result["timing_undecided"]:
        print(f"  timing claim sometimes inconclusive (not a flake): {row['id']}: {row['verdicts']}")
    return 1 if result["differing"] else 0


if __name__ == "__main__":
    sys.exit(main())
