"""The report's opening: for each framework and kind of device, the documented statements that fail there.

One line per failing claim: its id (linked to its detail), what failed and where (the failing cases compressed by
the dimensions that explain them), and who must act (``reproduce.party``, as in its issue text). Under a framework,
the failures of its own calls come first (the cases where it is the consumer), the most severe first. Then one line
per conversion path of the matrix that crashes or gives wrong values there. A framework's answer fits on one screen
(``SCREEN`` lines); past that its findings are grouped by topic, each claim still linked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from conformance.claims import CLAIMS
from conformance.results.conversions import outcome_label
from conformance.results.compress import phrase
from conformance.results.model import Run
from conformance.results.verdicts import FAILING
from conformance.frameworks import FRAMEWORKS
from conformance.report.findings import Finding, by_framework, devices_seen, installed, kind_of
from conformance.report.markdown import anchor, fit
from conformance.reproduce.issue import path_known
from conformance.reproduce.party import party
from conformance.upstream import known_for

SCREEN = 40
WHERE = 100
CELLS = 60
MARK = {"refuted": "❌", "error": "💥", "inconclusive": "❔"}


def answer_section(runs: Mapping[str, Run], reproducers: dict, left_out: list[str]) -> list[str]:
    table = by_framework(runs)
    paths = matrix_findings(runs)
    lines = ["## What fails, per framework and device", "",
             f"From {len(runs)} env(s): {', '.join(runs)}"
             + (f"; {len(left_out)} results file(s) left out (see [Environments](#environments))" if left_out else "") + ". "
             "Each line: a documented statement that fails (linked to its detail), how and where (the failing "
             "cases, grouped by the dimensions that explain them). A claim that pairs frameworks (DLPack, "
             "producer → consumer) is listed under every framework its failing cases involve, that framework's own "
             "failures (where it is the consumer) first. \"not run\": no "
             "env of this report decided a case there, which says nothing about its truth.", "",
             "Frameworks: " + " · ".join(f"[{key}](#{anchor(key)})" for key in table) + " · "
             "[verdict grid](#verdict-grid) · [all claims](#claims)", ""]
    for key, kinds in table.items():
        lines += framework_answer(key, kinds, runs, reproducers, paths)
    return lines


def framework_answer(key: str, kinds: dict[str, dict[str, Finding]], runs: Mapping[str, Run], reproducers: dict,
                     paths: dict | None = None) -> list[str]:
    """The lines under one framework's heading: full, or grouped by topic where the full answer is over a screen."""
    heading = [f"### {key}", ""]
    own = {kind: (paths or {}).get((key, kind), []) for kind in kinds}
    full = heading + [line for kind, found in kinds.items()
                      for line in _kind(key, kind, found, runs, reproducers, own[kind])]
    if len(full) <= SCREEN:
        return full
    grouped = heading + [line for kind, found in kinds.items()
                         for line in _kind(key, kind, found, runs, reproducers, own[kind], grouped=True)]
    if len(grouped) <= SCREEN:
        return grouped
    return grouped[:SCREEN - 2] + [f"- … {len(grouped) - SCREEN + 2} more lines: see [the claims](#claims).", ""]


def _kind(key, kind, found: dict[str, Finding], runs, reproducers, paths=(), grouped=False) -> list[str]:
    failing = [f for f in found.values() if f.verdict in FAILING]
    unclear = [f for f in found.values() if f.verdict == "inconclusive"]
    holding = [f for f in found.values() if f.verdict == "holds"]
    not_run = [f for f in found.values() if f.verdict == "skipped"]
    seen = devices_seen(runs, key, kind)
    label = f"**{kind}**" + (f" ({', '.join(seen)})" if kind != "cpu" and seen else "")
    if not failing and not unclear and not holding and not paths:
        return [f"{label}: not run ({_why_not(key, kind, not_run, runs)}).", ""]
    counts = [f"{len(failing)} claim(s) fail" if failing else "no claim fails",
              f"{len(holding)} hold" if holding else "",
              f"{len(paths)} conversion path(s) of the matrix crash or give wrong values" if paths else "",
              f"{len(unclear)} inconclusive" if unclear else "",
              f"{len(not_run)} not run ({_why_not(key, kind, not_run, runs)})" if not_run else ""]
    lines = [f"{label}: " + ", ".join(c for c in counts if c) + "."]
    shown = failing + unclear
    if grouped:
        topics = defaultdict(list)
        for finding in shown:
            topics[CLAIMS[finding.claim].topic or "other"].append(finding)
        lines += [f"- {topic} ({len(items)}): " + ", ".join(_link(f.claim, short=True) for f in items)
                  for topic, items in topics.items()]
        if paths:
            lines.append(f"- [conversion matrix](#conversion-matrix) ({len(paths)}): "
                         + fit(", ".join(f"`{p[0]}` ({p[1]} → {p[2]})" for p in paths), 2 * WHERE))
    else:
        lines += [_line(finding, key) for finding in shown]
        lines += [_path_line(path, reproducers) for path in paths]
    return lines + [""]


def _line(finding: Finding, key: str) -> str:
    text, lead = where(finding, key)
    who = actor(finding.claim, *lead) if finding.verdict in FAILING and lead else ""
    return f"- {MARK[finding.verdict]} {_link(finding.claim)}: {text}" + (f" → {who}" if who else "")


def actor(claim_id: str | None, outcome: str, frameworks: tuple[str, ...],
          dims: Mapping[str, Any] | None = None) -> str:
    """Who must act on a failure, as its issue text says (``reproduce.party``, and a framework that upstream's
    record of this failure names instead: ``Claim.known``), in a few words."""
    claim = CLAIMS[claim_id] if claim_id else None
    known = known_for(claim.known, dims or {}, outcome) if claim is not None else None
    who = party(claim, outcome, (known.act,) if known is not None and known.act else frameworks)
    return {"framework": f"{who.who} (bug)", "docs": who.who}.get(who.kind, "the tutorial's author")


def matrix_findings(runs: Mapping[str, Run]) -> dict[tuple[str, str], list[tuple]]:
    """{(framework, device kind): [(path, producer, consumer, outcome, cells)]}: every conversion path that crashes
    or gives wrong values, under its producer and its consumer."""
    cells: dict[tuple, set[str]] = defaultdict(set)
    for run in runs.values():
        for row in run.get("conversions", []):
            label = outcome_label(row)
            if "crashes" in label or "wrong values" in label:
                key = (row["path"], row["producer"], row["consumer"], kind_of(row.get("device", "cpu")), label)
                cells[key].add(f"{row['dtype']}@{row['layout']}")
    found: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for (path, producer, consumer, kind, label), where_ in sorted(cells.items()):
        for framework in dict.fromkeys((consumer, producer)):
            found[(framework, kind)].append((path, producer, consumer, label, sorted(where_)))
    return found


def _path_line(path: tuple, reproducers: dict) -> str:
    name, producer, consumer, label, cells = path
    scripts = reproducers.get(f"matrix: {name} ({producer} → {consumer})", [])
    script = next((item["script"] for item in scripts if item.get("outcome") == label), "")
    dtype, _, layout = cells[0].partition("@")
    known = path_known({"path": name, "producer": producer, "consumer": consumer, "dtype": dtype, "layout": layout},
                       label)
    return (f"- ❌ matrix [`{name}`](#conversion-matrix) ({producer} → {consumer}): {label} for "
            f"{fit(', '.join(cells), CELLS, sep=', ', more='more cell(s)')}"
            + (f" ([reproducer]({script}))" if script else "")
            + f" → {actor(None, label, (known.act if known is not None and known.act else consumer,))}")


def _link(claim_id: str, short: bool = False) -> str:
    text = claim_id.split(".", 1)[-1] if short and claim_id.split(".")[0] in FRAMEWORKS else claim_id
    return f"[`{text}`](#{anchor(claim_id)})"


def where(finding: Finding, key: str = "") -> tuple[str, tuple[str, tuple[str, ...], Mapping[str, Any]] | None]:
    """How and where a claim fails on one framework and device kind: each failing outcome class with the dimensions
    that explain its cases (within the cases that ran there), in at most ``WHERE`` characters; and the outcome and
    frameworks of the group shown first. Under ``key``, its own failures (where it is the consumer) come first, then
    crashes, then the largest groups."""
    ran = finding.ran
    universe = {cid: case.dims for cid, case in ran.items()}
    groups: dict[tuple[bool, str], list[str]] = defaultdict(list)
    for cid, case in ran.items():
        if case.verdict != "holds":
            groups[(case.dims.get("consumer", key) != key, case.outcome)].append(cid)
    parts, lead = [], None
    for (_, outcome), ids in sorted(groups.items(), key=lambda kv: (
            kv[0][0], not kv[0][1].startswith("crashes"), -len(kv[1]), kv[0][1])):
        if lead is None:
            consumers = tuple(dict.fromkeys(universe[cid]["consumer"] for cid in ids if "consumer" in universe[cid]))
            lead = (outcome, consumers or CLAIMS[finding.claim].frameworks, universe[ids[0]])
        if len(ids) == len(ran):
            parts.append(f"{outcome} in all {len(ids)} cases that ran")
        else:
            parts.append(f"{outcome} where {phrase(universe, ids)}")
    held = len(ran) - sum(len(ids) for ids in groups.values())
    text = fit("; ".join(parts), WHERE, sep="; ", more="more group(s)")
    text += f" ({held} of {len(ran)} hold)" if held else ""
    return text, lead


def _why_not(key: str, kind: str, not_run: list[Finding], runs: Mapping[str, Run]) -> str:
    if installed(runs, key) is False:
        return f"{key} is in no env of this report"
    if kind != "cpu" and not any(devices_seen(runs, other, kind) for other in FRAMEWORKS):
        return f"no {kind} device in any env" if kind != "cuda" else "no CUDA device in any env"
    reasons = Counter(f.skip_reason() for f in not_run)
    reason = reasons.most_common(1)[0][0] if reasons else "skipped"
    return fit(reason.split(":")[0], 60)
