"""Mutation run: ``python -m conformance.mutation`` plants every fault and checks its claims' verdicts move.

Writes reports/mutation-<env>.json and prints the table. Exit status 1 when a
claim that ran was moved by no fault (a test that cannot fail), else 0.
"""

import argparse
import json
import sys
import time
from pathlib import Path

from conformance import environment
from conformance.claims import CLAIMS, FRAMEWORK_MODULES
from conformance.faults import FAULTS
from conformance.report import MUTATION_SCHEMA
from conformance.results import verdicts_of
from conformance.runs import run_claims

ROOT = Path(__file__).resolve().parent.parent


def mutation_table(profile):
    started = time.monotonic()
    before_run = run_claims(f"--hypothesis-profile={profile}")
    before = verdicts_of(before_run)
    reasons = {e["id"]: e.get("reason", "") for e in before_run["claims"]}
    rows = []
    for fault in FAULTS.values():
        if not environment.installed(FRAMEWORK_MODULES[fault.framework]):
            continue
        targets = [t for t in fault.targets if before[t] != "skipped"]
        if not targets:
            continue
        after = verdicts_of(run_claims(f"--hypothesis-profile={profile}", "--plant-fault", fault.name,
                                       "--claims", ",".join(targets)))
        for claim_id in targets:
            rows.append({"claim": claim_id, "fault": fault.name, "description": fault.description,
                         "before": before[claim_id], "after": after[claim_id],
                         "caught": after[claim_id] != before[claim_id]})
    ran = [c for c in CLAIMS if before[c] != "skipped"]
    caught = sorted({r["claim"] for r in rows if r["caught"]})
    return {"schema": MUTATION_SCHEMA, "environment": before_run["environment"],
            "claims_run": len(ran), "caught": len(caught), "score": len(caught) / len(ran) if ran else 0.0,
            "missed": sorted(set(ran) - set(caught)), "rows": rows,
            "not_run": {c: reasons[c] for c in CLAIMS if before[c] == "skipped"},
            "seconds": round(time.monotonic() - started, 1)}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m conformance.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="ci", help="Hypothesis profile for every run (default: ci)")
    parser.add_argument("--output", help="default: reports/mutation-<env>.json, without repeating 'mutation-'")
    args = parser.parse_args(argv)
    table = mutation_table(args.profile)
    output = Path(args.output or ROOT / "reports" / environment.report_name("mutation"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    for row in table["rows"]:
        print(f"{'caught' if row['caught'] else 'MISSED':7} {row['claim']:48} {row['fault']:36} "
              f"{row['before']} -> {row['after']}")
    print(f"mutation score {table['score']:.0%}: {table['caught']} of {table['claims_run']} claims that ran "
          f"were moved by a fault ({len(table['not_run'])} not run here); {table['seconds']} s -> {output}")
    if table["missed"]:
        print(f"claims no fault moved: {', '.join(table['missed'])}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
