"""Mutation run: ``python -m conformance.mutation`` plants every fault and checks that each moves its claims' cases.

A fault is caught on a claim when any of the claim's cases changes outcome class (or
its verdict changes), so a fault that moves only part of an already-refuted claim
counts. Writes reports/mutation.json (or ``--output``) and prints the table. Exit
status: 0 when every claim that ran was moved by a fault, 1 when one was not (a test
that cannot fail) or a fault moved nothing, 2 on bad input.
"""

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from conformance.claims import CLAIMS
from conformance.host import Environment
from conformance.tools.cli import check_output_path, check_profile, fail
from conformance.tools.reference import reference_run
from conformance.tools.fault_session import planted_rows
from conformance.tools.runs import RunFailed, run_claims
from conformance.results.io import catalog_digest, suite_digest, write_json
from conformance.results.verdicts import UnusableInput

MUTATION_SCHEMA = "interop-conformance-mutation/3"


def mutation_table(profile: str, reference: list[Path] | None = None, workers: int = 1) -> dict:
    started = time.monotonic()
    before_run, why_not = reference_run(reference, profile) if reference else (None, "")
    unfaulted_from = f"the complete runs of {before_run.environment['env']}" if before_run else "a fresh run"
    if why_not:
        print(f"mutation: the reference cannot stand in for an unfaulted run ({why_not}); running every claim")
    if before_run is None:
        before_run = run_claims(f"--hypothesis-profile={profile}")
    here = Environment()
    before = before_run.claims
    rows = planted_rows(before_run, profile, workers)
    ran = [claim_id for claim_id, claim in before.items() if claim.verdict != "skipped"]
    caught = sorted({r["claim"] for r in rows if r["caught"]})
    return {"schema": MUTATION_SCHEMA, "catalog": catalog_digest(), "suite": suite_digest(),
            "environment": here.describe("mutation", profile,
                                                                     before_run.environment.get("hypothesis_seed")),
            "unfaulted_from": unfaulted_from,
            "claims_run": len(ran), "caught": len(caught), "score": len(caught) / len(ran) if ran else 0.0,
            "missed": sorted(set(ran) - set(caught)), "rows": rows,
            "faults_missed": _faults_missed(rows),
            "not_run": {c: claim.detail("reason", "") for c, claim in before.items() if claim.verdict == "skipped"},
            "seconds": round(time.monotonic() - started, 1)}


def _faults_missed(rows: list[dict]) -> list[str]:
    """Faults that moved no claim. Timing faults come in pairs that push a machine-dependent verdict one way each,
    so that one of them moves it whichever way this machine decides; the other cannot, by design."""
    moved = {r["fault"] for r in rows if r["caught"]}
    return sorted({r["fault"] for r in rows if not CLAIMS[r["claim"]].machine_dependent} - moved)


def check_output(path, data: dict) -> dict:
    """A mutation file as the report reads it; a missing key is unusable input."""
    missing = [k for k in ("environment", "claims_run", "caught", "score", "rows", "seconds") if k not in data]
    if missing:
        raise UnusableInput(f"{path}: a mutation file without {', '.join(missing)}")
    return data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="ci", help="Hypothesis profile for every run (default: ci, the main "
                        "job's: a fault must be caught by the tests as CI runs them)")
    parser.add_argument("--output", type=Path, default=Path("reports") / "mutation.json")
    parser.add_argument("--reference", type=Path, action="append", metavar="RESULTS",
                        help="take the unfaulted verdicts from these complete runs (e.g. the main job's "
                        "reports/<env>.json) when they were made by this code, these versions and this machine")
    parser.add_argument("-n", "--workers", type=int, default=1, metavar="N",
                        help="share the faults among N pytest-xdist workers, one planted conformance run per fault "
                        "(default: 1, every fault in this process)")
    args = parser.parse_args(argv)
    try:
        check_profile(args.profile)
        check_output_path(args.output)
        if args.workers < 1:
            raise UnusableInput(f"--workers {args.workers}: at least 1")
        if args.workers > 1 and importlib.util.find_spec("xdist") is None:
            raise UnusableInput(f"--workers {args.workers}: needs pytest-xdist (pip install pytest-xdist), or -n 1")
        table = mutation_table(args.profile, args.reference, args.workers)
    except (UnusableInput, RunFailed) as exc:
        return fail("mutation", exc)
    write_json(args.output, table)
    for row in table["rows"]:
        print(f"{'caught' if row['caught'] else 'MISSED':7} {row['claim']:48} {row['fault']:40} "
              f"{row['before']} -> {row['after']}, {row['cases_moved']} case(s) moved")
    print(f"mutation score {table['score']:.0%}: {table['caught']} of {table['claims_run']} claims that ran "
          f"were moved by a fault ({len(table['not_run'])} not run here; unfaulted verdicts from "
          f"{table['unfaulted_from']}); {table['seconds']} s -> {args.output}")
    if table["missed"] or table["faults_missed"]:
        print(f"claims no fault moved: {', '.join(table['missed']) or 'none'}; faults that moved nothing: "
              f"{', '.join(table['faults_missed']) or 'none'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
