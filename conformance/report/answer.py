"""The report's opening: for each framework and kind of device, the documented statements that fail there.

One line per failing claim: its id (linked to its detail), what failed and where (the failing cases compressed by
the dimensions that explain them), and who must act where the reproducer index says so. A framework's answer fits
on one screen (``SCREEN`` lines); past that its findings are grouped by topic, each claim still linked.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from conformance.claims import CLAIMS
from conformance.results.compress import phrase
from conformance.frameworks import FRAMEWORKS
from conformance.report.findings import FAILING, Finding, by_framework, devices_seen, installed
from conformance.report.markdown import anchor, fit

SCREEN = 40
WHERE = 100
MARK = {"refuted": "❌", "error": "💥", "inconclusive": "❔"}
# Who must act on a finding (the framework, its docs, a tutorial's author): read from the reproducer index, or from
# the claim, under the first of these names that exists; shown at the end of the finding's line.
ACTOR_FIELDS = ("who_must_act", "actor", "must_act")


def answer_section(runs: dict, reproducers: dict, left_out: list[str]) -> list[str]:
    table = by_framework(runs)
    lines = ["## What fails, per framework and device", "",
             f"From {len(runs)} env(s): {', '.join(runs)}"
             + (f"; {len(left_out)} results file(s) left out (see [Environments](#environments))" if left_out else "") + ". "
             "Each line: a documented statement that fails (linked to its detail), how and where (the failing "
             "cases, grouped by the dimensions that explain them). A claim that pairs frameworks (DLPack, "
             "producer → consumer) is listed under every framework its failing cases involve. \"not run\": no "
             "env of this report decided a case there, which says nothing about its truth.", "",
             "Frameworks: " + " · ".join(f"[{key}](#{anchor(key)})" for key in table) + " · "
             "[verdict grid](#verdict-grid) · [all claims](#claims)", ""]
    for key, kinds in table.items():
        lines += framework_answer(key, kinds, runs, reproducers)
    return lines


def framework_answer(key: str, kinds: dict[str, dict[str, Finding]], runs: dict, reproducers: dict) -> list[str]:
    """The lines under one framework's heading: full, or grouped by topic where the full answer is over a screen."""
    heading = [f"### {key}", ""]
    full = heading + [line for kind, found in kinds.items() for line in _kind(key, kind, found, runs, reproducers)]
    if len(full) <= SCREEN:
        return full
    grouped = heading + [line for kind, found in kinds.items()
                         for line in _kind(key, kind, found, runs, reproducers, grouped=True)]
    if len(grouped) <= SCREEN:
        return grouped
    return grouped[:SCREEN - 2] + [f"- … {len(grouped) - SCREEN + 2} more lines: see [the claims](#claims).", ""]


def _kind(key, kind, found: dict[str, Finding], runs, reproducers, grouped=False) -> list[str]:
    failing = [f for f in found.values() if f.verdict in FAILING]
    unclear = [f for f in found.values() if f.verdict == "inconclusive"]
    holding = [f for f in found.values() if f.verdict == "holds"]
    not_run = [f for f in found.values() if f.verdict == "skipped"]
    seen = devices_seen(runs, key, kind)
    label = f"**{kind}**" + (f" ({', '.join(seen)})" if kind != "cpu" and seen else "")
    if not failing and not unclear and not holding:
        return [f"{label}: not run ({_why_not(key, kind, not_run, runs)}).", ""]
    counts = [f"{len(failing)} claim(s) fail" if failing else "nothing fails",
              f"{len(holding)} hold" if holding else "",
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
    else:
        lines += [_line(finding, reproducers) for finding in shown]
    return lines + [""]


def _line(finding: Finding, reproducers: dict) -> str:
    who = actor(finding.claim, reproducers)
    return (f"- {MARK[finding.verdict]} {_link(finding.claim)}: {where(finding)}"
            + (f" → {who}" if who else ""))


def _link(claim_id: str, short: bool = False) -> str:
    text = claim_id.split(".", 1)[-1] if short and claim_id.split(".")[0] in FRAMEWORKS else claim_id
    return f"[`{text}`](#{anchor(claim_id)})"


def where(finding: Finding) -> str:
    """How and where a claim fails on one framework and device kind: each failing outcome class with the dimensions
    that explain its cases (within the cases that ran there), in at most ``WHERE`` characters."""
    ran = finding.ran
    universe = {cid: case["dims"] for cid, case in ran.items()}
    groups: dict[str, list[str]] = defaultdict(list)
    for cid, case in ran.items():
        if case["verdict"] != "holds":
            groups[case["outcome"]].append(cid)
    parts = []
    for outcome, ids in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(ids) == len(ran):
            parts.append(f"{outcome} in all {len(ids)} cases that ran")
        else:
            parts.append(f"{outcome} where {phrase(universe, ids)}")
    held = len(ran) - sum(len(ids) for ids in groups.values())
    return fit("; ".join(parts), WHERE, sep="; ", more="more group(s)") + (f" ({held} of {len(ran)} hold)" if held else "")


def _why_not(key: str, kind: str, not_run: list[Finding], runs: dict) -> str:
    if installed(runs, key) is False:
        return f"{key} is in no env of this report"
    if kind != "cpu" and not any(devices_seen(runs, other, kind) for other in FRAMEWORKS):
        return f"no {kind} device in any env" if kind != "cuda" else "no CUDA device in any env"
    reasons = Counter(f.skip_reason() for f in not_run)
    reason = reasons.most_common(1)[0][0] if reasons else "skipped"
    return fit(reason.split(":")[0], 60)


def actor(claim_id: str, reproducers: dict) -> str:
    """Who must act on a refuted claim, where the reproducer index or the claim records it (else '')."""
    for item in reproducers.get(claim_id, []):
        for name in ACTOR_FIELDS:
            if item.get(name):
                return str(item[name])
    return next((str(getattr(CLAIMS[claim_id], n)) for n in ACTOR_FIELDS if getattr(CLAIMS[claim_id], n, None)), "")
