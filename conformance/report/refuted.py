"""The report's section on refuted claims: where each holds and where it fails, by outcome class, with its evidence."""

from __future__ import annotations

from conformance.claims import CLAIMS
from conformance.engine.compress import summary
from conformance.report.markdown import code_block, links


def refuted_section(runs: dict, reproducers: dict | None = None) -> list[str]:
    lines = ["## Refuted claims", "",
             "Each says where it holds and where it fails, by outcome class and by the dimensions that explain "
             "each group of cases; then what was observed, the counterexample, its standalone reproducers and the "
             "pytest line that reruns it in the env that produced it. A refuted claim is a finding about the "
             "documentation, not a failure of the suite.", ""]
    found_any = False
    for claim in CLAIMS.values():
        found = [(name, e) for name, run in runs.items() for e in run["claims"]
                 if e["id"] == claim.id and e["verdict"] in ("refuted", "error")]
        if not found:
            continue
        found_any = True
        lines += _claim(claim, found, (reproducers or {}).get(claim.id, []))
    return lines if found_any else lines + ["None.", ""]


def _claim(claim, found: list[tuple[str, dict]], scripts: list[dict]) -> list[str]:
    lines = [f"### `{claim.id}`", "", f"Claim: {claim.statement}  ", f"Source: {claim.source}  "]
    if claim.quote:
        lines.append(f"Quote: «{claim.quote}»  ")
    if claim.upstream:
        lines.append(f"Upstream: {links(claim.upstream)}  ")
    lines.append("")
    for name, entry in found:
        lines.append(f"- in {name} ({entry['verdict']}): {summary(entry.get('cases', {}))}")
    lines.append("")
    if scripts:
        lines += ["Reproducers (standalone scripts; each exits 1 while the documented behaviour fails, 0 once it "
                  "holds) and issue-ready texts:", ""]
        lines += [f"- {s['outcome']}: [`{s['script']}`]({s['script']}) · [issue text]({s['issue']})" for s in scripts]
        lines.append("")
    else:
        why = ("its results were not given to `python -m conformance.reproduce --all`" if claim.reproduce else
               "the claim has no recipe (`Claim.reproduce`) yet")
        lines += [f"No standalone reproducer: {why}.", ""]
    name, entry = found[0]
    lines += [f"Observed in {name}:", *code_block(entry.get("observed", ""))]
    if entry.get("counterexample"):
        lines += ["Counterexample:", *code_block(entry["counterexample"])]
    lines += [f"Rerun in env {name}:", *code_block(entry.get("rerun", ""))]
    first_line = (entry.get("observed") or "").splitlines()[:1]
    for other, other_entry in found[1:]:
        if (other_entry.get("observed") or "").splitlines()[:1] != first_line:
            lines += [f"Observed in {other}:", *code_block(other_entry.get("observed", ""))]
    return lines + [""]
