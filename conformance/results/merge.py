"""Several results files as one, case by case; the outcome never depends on the order of the files.

Files of one version set made by different envs (tf, torch, jax, interop), or by the
same env on different machines (a CPU and a GPU run), each decide some of a claim's
cases. Merging keeps, for every case, the outcome of a run that decided it over a skip,
and refuses two runs that decided one case differently.
"""

from __future__ import annotations

from typing import Any

from conformance.claims import CLAIMS
from conformance.results.io import load_run
from conformance.results.model import SCHEMA, Results
from conformance.results.verdicts import RAN, UnusableInput
from conformance.verdicts import Verdict, most_severe


def merge_results(paths: list[str]) -> Results:
    runs = sorted(((str(p), load_run(p).to_json()) for p in paths), key=lambda item: item[1]["environment"]["env"])
    claims = [merge_entries(claim_id, [(path, _entry(run, claim_id)) for path, run in runs]) for claim_id in CLAIMS]
    environment: dict[str, Any] = {}
    for _, run in runs:
        for key, value in run["environment"].items():
            if environment.get(key) is None:
                environment[key] = value
    environment["env"] = "+".join(run["environment"]["env"] for _, run in runs)
    return {"schema": SCHEMA, "catalog": runs[0][1]["catalog"],
            "run": {"complete": all(r["run"]["complete"] for _, r in runs),
                    "faults": sorted({f for _, r in runs for f in r["run"]["faults"]}),
                    "selection": [s for _, r in runs for s in r["run"].get("selection", [])]},
            "environment": environment, "claims": claims,
            "conversions": [row for _, r in runs for row in r.get("conversions", [])]}


def _entry(run: Results, claim_id: str) -> dict[str, Any]:
    return next(e for e in run["claims"] if e["id"] == claim_id)


def merge_entries(claim_id: str, entries: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One claim's entries from several runs as one: the union of their cases, a decided case over a skip."""
    cases: dict[str, tuple[str, dict[str, Any]]] = {}
    for path, entry in entries:
        for case_id, case in entry.get("cases", {}).items():
            held = cases.get(case_id)
            if held is None or (held[1]["verdict"] not in RAN and case["verdict"] in RAN):
                cases[case_id] = (path, case)
            elif case["verdict"] in RAN and (case["verdict"], case["outcome"]) != (held[1]["verdict"],
                                                                                held[1]["outcome"]):
                raise UnusableInput(f"claim {claim_id} is {held[1]['outcome']} in {held[0]} but {case['outcome']} "
                                    f"in {path} (case {case_id}): merge files of one version set only")
    ran = [entry for _, entry in entries if entry["verdict"] != Verdict.SKIPPED.value]
    base = max(ran or [entries[0][1]], key=lambda e: Verdict(e["verdict"]).severity)
    merged = {**base, "cases": {cid: case for cid, (_, case) in cases.items()}}
    if cases:
        merged["verdict"] = most_severe(case["verdict"] for _, case in cases.values()).value
    merged["examples"] = sum(entry.get("examples", 0) for _, entry in entries)
    return merged
