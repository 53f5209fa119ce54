"""Flake check: ``python -m conformance.flake [--runs 10]`` runs the claims under N Hypothesis seeds.

Uses the randomised ``flake`` profile (the default profile without the example
database, so no run replays another's failures). Writes reports/flake-<env>.json
and exits 1 if any claim's verdict differed between runs.
"""

import argparse
import json
import sys
import time
from pathlib import Path

from conformance import environment
from conformance.report import FLAKE_SCHEMA
from conformance.results import verdicts_of
from conformance.runs import run_claims

ROOT = Path(__file__).resolve().parent.parent


def flake_check(seeds, profile):
    started = time.monotonic()
    runs = {seed: run_claims(f"--hypothesis-profile={profile}", f"--hypothesis-seed={seed}") for seed in seeds}
    verdicts = {seed: verdicts_of(run) for seed, run in runs.items()}
    claim_ids = list(verdicts[seeds[0]])
    differing = [{"id": c, "verdicts": {str(s): verdicts[s][c] for s in seeds}}
                 for c in claim_ids if len({verdicts[s][c] for s in seeds}) > 1]
    return {"schema": FLAKE_SCHEMA, "environment": runs[seeds[0]]["environment"], "runs": len(seeds),
            "seeds": list(seeds), "profile": profile, "claims": len(claim_ids), "differing": differing,
            "seconds": round(time.monotonic() - started, 1)}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m conformance.flake", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="how many seeds (default: 10)")
    parser.add_argument("--profile", default="flake", help="Hypothesis profile (default: flake)")
    parser.add_argument("--output", help="default: reports/flake-<env>.json, without repeating 'flake-'")
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2 to compare verdicts")
    result = flake_check(list(range(args.runs)), args.profile)
    output = Path(args.output or ROOT / "reports" / environment.report_name("flake"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"flake check: {len(result['differing'])} of {result['claims']} claims differed over "
          f"{result['runs']} seeds in {result['seconds']} s -> {output}")
    for row in result["differing"]:
        print(f"  {row['id']}: {row['verdicts']}")
    return 1 if result["differing"] else 0


if __name__ == "__main__":
    sys.exit(main())
