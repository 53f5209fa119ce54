"""The verdict history: claims × version sets (typed runs), each verdict change traced to the release that caused
it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from conformance import attribution
from conformance.claims import CLAIMS
from conformance.results.describe import describe_run, observation
from conformance.results.environment import VERSION_KEYS
from conformance.results import lineage
from conformance.ids import ClaimId
from conformance.results.io import load_run
from conformance.results.model import ClaimResult, Run
from conformance.results.verdicts import Inconsistent, UnusableInput
from conformance.report.markdown import cell, links, table
from conformance.verdicts import Verdict

MARK = {"holds": "✅", "refuted": "❌", "skipped": "⏭", "error": "💥", "inconclusive": "❔"}


def load_history(directory: Path) -> tuple[dict[str, Run], list[str]]:
    """({set name: run} of the complete TensorFlow × NumPy sets, [notes on what was left out])."""
    sets: dict[str, Run] = {}
    left_out: list[str] = []
    for path in sorted(Path(directory).glob("hist-tf*.json")):  # the TensorFlow x NumPy matrix; the atlas has the rest
        try:
            run = load_run(path)
        except Inconsistent:  # a document that contradicts itself is refused, never left out quietly
            raise
        except UnusableInput as exc:  # another catalog's set (stale, or being re-run): left out, with the reason
            left_out.append(str(exc))
            continue
        if not run.get("run", {}).get("complete"):
            left_out.append(f"{path.name}: a {describe_run(run)}")
            continue
        sets[path.stem] = run
    return sets, left_out


def history_section(directory: Path) -> list[str]:
    sets, left_out = load_history(directory)
    if not sets:
        return []
    names = attribution.order(sets)
    label = {name: name.removeprefix("hist-") for name in names}
    lines = ["## Verdict history", "",
             f"{len(names)} version sets of TensorFlow × NumPy, each a tox env of the history matrix (`tox -m history`; "
             "results in `reports/history/hist-tf*.json`), ordered by TensorFlow then NumPy release; torch stays at its "
             "pinned CPU build. The other frameworks' releases are in the [release atlas](#release-atlas).",
             f"The matrix took {_span(sets)}.", ""]
    lines += [f"Left out: {note}" for note in left_out] + ([""] if left_out else [])
    keys = list(dict.fromkeys(k for k in ("tensorflow", "numpy") + VERSION_KEYS
                              if any(attribution.versions_of(s)[k] for s in sets.values())))
    lines += table(["set", *keys, "machine"],
                   [[label[n], *(attribution.versions_of(sets[n])[k] or "—" for k in keys),
                     (sets[n].environment.get("machine") or {}).get("cpu", "?")] for n in names])
    rows = [[f"`{claim_id}`"] + [MARK[sets[n].claims[ClaimId(claim_id)].verdict.value] for n in names]
            for claim_id in CLAIMS]
    lines += ["Verdicts (✅ holds, ❌ refuted, ❔ inconclusive, ⏭ skipped, 💥 error):", ""]
    lines += table(["claim"] + [label[n] for n in names], rows)
    lines += earlier_note(lineage.set_aside((c.id, c.detail("reason")) for s in sets.values() for c in s))
    lines += ["### Where cases change", "",
              "Between neighbouring sets, the first change of each claim's cases (outcome class per case, "
              "compressed by the dimensions that explain them), attributed to one package where the sets allow.",
              ""] + (_changes(sets, names, label) or ["No claim's cases change across these sets.", ""])
    return lines


def earlier_note(claims: list[str]) -> list[str]:
    """What a ⏭ means for the claims changed since some sets were recorded (``conformance.results.lineage``)."""
    if not claims:
        return []
    return [f"⏭ also marks {len(claims)} claims whose definition changed (a domain widened) since some sets were "
            "recorded: there they were decided under the earlier one, and wait for the sets to run again "
            f"(`tox -m history`): {', '.join(f'`{c}`' for c in claims)}.", ""]


def _changes(sets: dict[str, Run], names: list[str], label: dict[str, str]) -> list[str]:
    """For each claim, the first place along the history where its cases change outcome class (or, for a timing
    claim, its verdict), with what each side observed and the one package that caused it."""
    lines = []
    for claim_id, claim in CLAIMS.items():
        of = {n: sets[n].claims[ClaimId(claim_id)] for n in names}
        changes = [(a, b, of[a].diff(of[b])) for a, b in zip(names, names[1:])]
        if claim.machine_dependent:
            changes = [(a, b, d) for a, b, d in changes if _decided(of[a], of[b])]
        else:
            changes = [(a, b, d) for a, b, d in changes if d.changed]
        if not changes:
            continue
        a, b, cases = changes[0]
        before, after = of[a], of[b]
        cause = attribution.attribute(claim_id, sets[a], sets[b], sets, cases.changed_ids)
        lines += [f"- `{claim_id}`: {before.verdict.value} in {label[a]} → {after.verdict.value} in {label[b]}, "
                  f"first of {len(changes)} change(s) along the history; {cause}."]
        lines += [f"  - {cell(line)}" for line in cases.change_lines()]
        lines += [f"  - {label[a]}: {cell(observation(before))}", f"  - {label[b]}: {cell(observation(after))}"]
        if claim.upstream:
            lines.append(f"  - upstream: {links(claim.upstream)}")
    return lines + ([""] if lines else [])


def _decided(before: ClaimResult, after: ClaimResult) -> bool:
    a, b = before.verdict, after.verdict
    return a is not b and a is not Verdict.SKIPPED and b is not Verdict.SKIPPED


def _span(sets: dict[str, Run]) -> str:
    spans = [(datetime.fromisoformat(r.get("started")), datetime.fromisoformat(r.get("finished")))
             for r in sets.values() if r.get("started") and r.get("finished")]
    if not spans:
        return "an unknown time (the results carry no timestamps)"
    first, last = min(s for s, _ in spans), max(f for _, f in spans)
    tests = sum((f - s).total_seconds() for s, f in spans) / 60
    return (f"{tests:.0f} minutes of test time over {len(spans)} sets (each set's conformance run, installs "
            f"excluded); the first set started {first:%Y-%m-%d %H:%M} and the last finished {last:%Y-%m-%d %H:%M} "
            f"UTC, {(last - first).total_seconds() / 60:.0f} minutes of wall time with installs and any re-runs")
