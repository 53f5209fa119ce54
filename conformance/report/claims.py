"""Report sections about claims: environments, summary, the claim × env matrix, refutations, measurements."""

import json

from conformance.claims import CLAIMS
from conformance.engine import evidence
from conformance.engine.environment import describe_machine
from conformance.report.markdown import code_block, links, table
from conformance.verdicts import Verdict


def environment_section(runs: dict) -> list[str]:
    rows = [[name, env.get("python"), env.get("numpy"), env.get("torch") or "not installed",
             env.get("tensorflow") or "not installed", env.get("jax") or "not installed",
             describe_machine(env.get("machine")), ", ".join(env.get("devices", [])),
             env.get("hypothesis_profile"), env.get("hypothesis_seed")]
            for name, env in ((name, run["environment"]) for name, run in runs.items())]
    return ["## Environments", ""] + table(["env", "python", "numpy", "torch", "tensorflow", "jax", "machine",
                                            "devices", "Hypothesis profile", "seed"], rows)


def summary_section(runs: dict) -> list[str]:
    rows = []
    for name, run in runs.items():
        tally = {v.value: 0 for v in Verdict}
        for entry in run["claims"]:
            tally[entry["verdict"]] += 1
        rows.append([name] + [tally[v.value] for v in Verdict])
    return (["## Summary", ""] + table(["env"] + [v.value for v in Verdict], rows) +
            ["A skipped or inconclusive claim is unverified: it never counts as holding. `holds*` means some of "
             "the claim's tests were skipped (see the notes under the matrix).", ""])


def _exercised(claim_id: str, runs: dict) -> dict:
    return evidence.merge([e["exercised"] for run in runs.values() for e in run["claims"]
                           if e["id"] == claim_id and e.get("exercised")])


def matrix_section(runs: dict) -> list[str]:
    names = list(runs)
    entries = {name: {e["id"]: e for e in run["claims"]} for name, run in runs.items()}
    rows, notes = [], []
    for claim in CLAIMS.values():
        cells = []
        for name in names:
            entry = entries[name][claim.id]
            text = Verdict(entry["verdict"]).symbol
            if entry["verdict"] == "holds" and entry.get("unverified_parts"):
                text = "✅ holds*"
                notes.append(f"- `{claim.id}` in {name}: unverified parts: " + "; ".join(entry["unverified_parts"]))
            if entry["verdict"] == "skipped":
                text += f" ({entry.get('reason', '')})"
            cells.append(text)
        exercised, declared = _exercised(claim.id, runs), claim.domain.as_dict()
        coverage = evidence.cell(exercised, declared) or "—"
        gaps = evidence.missing(declared, exercised) if exercised else {}
        if gaps:
            coverage += " · ⚠ never ran: " + "; ".join(f"{k} {', '.join(map(str, v))}" for k, v in gaps.items())
        statement = claim.statement + (f" — «{claim.quote}»" if claim.quote else "")
        rows.append([f"`{claim.id}`", statement, claim.source, coverage] + cells)
    lines = ["## Claims", "", "The coverage column is measured from the inputs that ran, over every env: dtypes "
             "exercised of those the claim declares, ranks, the smallest and largest array, layouts and input "
             "kinds. A ⚠ marks a declared part of the domain that no run exercised.", ""]
    return lines + table(["claim", "statement", "source", "coverage"] + names, rows) + notes + ([""] if notes else [])


def refuted_section(runs: dict) -> list[str]:
    lines = ["## Refuted claims", "",
             "Each with the counterexample, what was observed, the cases that refuted it and a reproducer that "
             "runs in the same env. A refuted claim is a finding about the documentation, not a failure of the "
             "suite.", ""]
    found_any = False
    for claim in CLAIMS.values():
        found = [(name, e) for name, run in runs.items() for e in run["claims"]
                 if e["id"] == claim.id and e["verdict"] in ("refuted", "error")]
        if not found:
            continue
        found_any = True
        name, entry = found[0]
        lines += [f"### `{claim.id}`", "", f"Claim: {claim.statement}  ", f"Source: {claim.source}  ",
                  "Not holding in: " + ", ".join(f"{n} ({e['verdict']})" for n, e in found) + "  "]
        if claim.upstream:
            lines.append(f"Upstream: {links(claim.upstream)}  ")
        cases = entry.get("cases", {})
        if cases.get(entry["verdict"]):
            refuting = cases[entry["verdict"]]
            lines.append(f"Refuting cases in {name}: {len(refuting)} of {cases['total']}: "
                         f"{', '.join(f'`{c}`' for c in refuting[:12])}{' …' if len(refuting) > 12 else ''}")
        lines += ["", f"Observed in {name}:", *code_block(entry.get("observed", ""))]
        if entry.get("counterexample"):
            lines += ["Counterexample:", *code_block(entry["counterexample"])]
        lines += ["Reproduce:", *code_block(entry.get("reproducer", ""))]
        first_line = (entry.get("observed") or "").splitlines()[:1]
        for other, other_entry in found[1:]:
            if (other_entry.get("observed") or "").splitlines()[:1] != first_line:
                lines += [f"Observed in {other}:", *code_block(other_entry.get("observed", ""))]
        lines.append("")
    return lines if found_any else lines + ["None.", ""]


def measured_section(runs: dict) -> list[str]:
    lines = []
    for name, run in runs.items():
        for entry in run["claims"]:
            if entry.get("measured") and entry["verdict"] != "skipped":
                machine = describe_machine(run["environment"].get("machine"))
                lines.append(f"- `{entry['id']}` in {name} ({entry['verdict']}, on {machine}): "
                             f"`{json.dumps(entry['measured'])}`")
    if not lines:
        return []
    return ["## Measurements", "", "Timing claims are machine-dependent: their verdict comes from an interval on a "
            "ratio measured in one run, and is compared across runs only on the same machine.", ""] + lines + [""]


def unverified_section(runs: dict) -> list[str]:
    never = [claim for claim in CLAIMS.values()
             if not any(Verdict(e["verdict"]).verified for run in runs.values() for e in run["claims"]
                        if e["id"] == claim.id)]
    if not never:
        return []
    lines = ["## Unverified claims", "", "No env of this report decided these claims; their truth is unknown.", ""]
    for claim in never:
        reasons = sorted({e.get("reason") or e.get("observed") or e["verdict"] for run in runs.values()
                          for e in run["claims"] if e["id"] == claim.id})
        lines.append(f"- `{claim.id}`: {'; '.join(r.splitlines()[0] for r in reasons)}")
    return lines + [""]
