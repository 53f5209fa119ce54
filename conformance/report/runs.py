"""Report sections about the suite's self-checks: the mutation score and the flake check, both case by case."""

from conformance.flake import FLAKE_SCHEMA
from conformance.mutation import MUTATION_SCHEMA
from conformance.report.markdown import cell, table
from conformance.results.io import catalog_digest


def made_under(data: dict, command: str) -> list[str]:
    """A note where a self-check's file was made under another claim catalog than the current one (or before such
    files named theirs): its counts are those of the claims as they were then."""
    if data.get("catalog") == catalog_digest():
        return []
    when = f"catalog {data['catalog']}" if data.get("catalog") else "a catalog it does not name"
    return [f"Made under {when}, not the current one ({catalog_digest()}): its claims and cases are those of that "
            f"catalog, and the claims changed since have not been through it; `{command}` makes it anew.", ""]


def mutation_section(extras: dict) -> list[str]:
    reports = extras.get(MUTATION_SCHEMA, {})
    if not reports:
        return []
    summary = [[data["environment"].get("env", name), data["claims_run"], data["caught"],
                f"{data['score']:.0%} ({data['seconds']:.0f} s)"] for name, data in sorted(reports.items())]
    lines = ["## Mutation score", "",
             "Each planted fault (conformance/faults/) breaks one documented behaviour, or one part of a claim's "
             "domain (one dtype, rank 0, arrays from 4 KB, non-contiguous tensors, one layout, nested lists), or "
             "supplies it where a framework refuses it, by monkeypatching. A fault is caught on a claim when any of "
             "the claim's cases changes outcome class, so a fault that moves only part of an already-refuted claim "
             "counts. A claim no fault can move is a test that cannot fail.", ""]
    lines += table(["run", "claims run", "caught", "score"], summary)
    for name, data in sorted(reports.items()):
        moved = {row["claim"] for row in data["rows"] if row["caught"]}
        rows = [[f"`{row['claim']}`", f"`{row['fault']}`", row["before"], row["after"],
                 "; ".join(row.get("moved", [])) or "—", _caught(row, moved)] for row in data["rows"]]
        rows += [[f"`{claim_id}`", "—", "skipped", "—", "—", f"not run: {reason}"]
                 for claim_id, reason in sorted(data.get("not_run", {}).items())]
        lines += [f"### {data['environment'].get('env', name)}", "",
                  f"Outcomes before planting: {data.get('unfaulted_from', 'a fresh run')}.", ""]
        lines += made_under(data, "tox -e mutation")
        lines += table(["claim", "fault", "verdict before", "after", "cases that moved", "caught"], rows)
        faults = dict(sorted({row["fault"]: row["description"] for row in data["rows"]}.items()))
        lines += ["The faults:", ""] + [f"- `{fault}`: {cell(text)}" for fault, text in faults.items()] + [""]
    return lines


def _caught(row: dict, moved: set) -> str:
    if row["caught"]:
        return "caught"
    return "not moved; another fault moves this claim" if row["claim"] in moved else "**missed**"


def flake_section(extras: dict) -> list[str]:
    reports = extras.get(FLAKE_SCHEMA, {})
    if not reports:
        return []
    lines = ["## Flake check", ""]
    for name, data in sorted(reports.items()):
        lines += made_under(data, "tox -e flake")
        lines.append(f"{data['runs']} runs with Hypothesis seeds {data['seeds']} under profile `{data['profile']}`: "
                     f"**{len(data['differing'])} case(s) whose outcome class differed between seeds**, out of "
                     f"{data.get('cases', '?')} cases of {data['claims']} claims that ran; {data['seconds']:.0f} s "
                     "in all.")
        lines += [f"- `{row['id']}` case `{row.get('case', '—')}`: "
                  + cell(", ".join(f"seed {s}: {v}" for s, v in (row.get("outcomes") or row["verdicts"]).items()))
                  for row in data["differing"]]
        lines += [f"- timing claim `{row['id']}`, decided in some runs and inconclusive in others (its interval "
                  "straddled the threshold; not a flake): " + cell(", ".join(f"seed {s}: {v}" for s, v in
                                                                           row["verdicts"].items()))
                  for row in data.get("timing_undecided", [])]
    return lines + [""]
