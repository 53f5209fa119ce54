"""The lines the terminal summary prints at the end of a session: the verdict counts and where the results went, what
the baseline check found, and whether the run was recorded as the baseline."""

from __future__ import annotations

from pathlib import Path

from conformance.results.diff import IMPROVEMENT, REGRESSION, Check
from conformance.results.model import Run

Line = tuple[str, dict]


def summary_lines(run: Run, path: Path, why: str, check: Check | None, baseline_path: Path | None,
                  recording: tuple[Path, bool] | None = None) -> list[Line]:
    """(line, markup) pairs for the terminal summary of the written ``run``; ``recording``: where --update-baseline
    records the run, and whether it did (None without the option)."""
    cases = sum(len(claim.cases) for claim in run)
    lines: list[Line] = [(", ".join(f"{n} {v}" for v, n in run.tally().items()) + f" ({cases} cases)  ->  {path}", {})]
    if why:
        lines.append((why, {"yellow": True}))
    if not run.verified():
        lines.append(("NO CLAIM GOT A VERDICT: this run checked nothing", {"red": True, "bold": True}))
    if check is None:
        lines.append(("no baseline compared (none for this run, or --baseline none): refuted claims are "
                      "findings and do not fail the run", {}))
    else:
        lines += check_lines(check, baseline_path, run.get("run")["complete"])
    if recording is not None:
        where, recorded = recording
        lines.append((f"recorded as the baseline {where}", {"green": True}) if recorded
                     else ("--update-baseline refused: only a complete run with verdicts is recorded", {"red": True}))
    return lines


def check_lines(check: Check, baseline_path: Path | None, complete: bool) -> list[Line]:
    """What the baseline check found: the cases that changed outcome (regressions first), the coverage lost and
    gained, the claims the baseline lacks, the changes that depend on the machine, and what to do about them."""
    lines: list[Line] = []
    if check.versions_differ:
        lines.append((f"versions differ from the baseline's ({check.versions_differ}): each case is still expected to "
                      "match it, and a case that changes outcome fails the run unless accepted (--accept-changes)",
                      {"yellow": True}))
    changed = {"yellow": True} if check.accepted else {"red": True, "bold": True}
    if check.changes:
        moved = {kind: sum(c.cases.count(kind) or (kind in c.kinds()) for c in check.changes)
                 for kind in (REGRESSION, IMPROVEMENT)}
        lines.append((f"CASES CHANGED OUTCOME against {baseline_path}: {moved[REGRESSION]} regression(s), "
                      f"{moved[IMPROVEMENT]} improvement(s) in {len(check.changes)} claim(s)"
                      + (f", accepted by {check.accepted}" if check.accepted else ""), changed))
    for title, kind in (("REGRESSIONS (a case that held fails, or a failure got as bad or worse)", REGRESSION),
                        ("IMPROVEMENTS (a failure got less severe, or the case holds now)", IMPROVEMENT)):
        group = check.of_kind(kind)
        lines += [(f"{title}:", changed)] if group else []
        for change in group:
            lines.append((f"  {change.claim_id} (claim {change.old} → {change.new}):", changed))
            lines += [(f"    {line}", changed) for line in change.lines(kind)]
    for title, losses_or_gains, markup in (
            ("COVERAGE LOST (cases expected to be decided were skipped or gone)", check.coverage_losses, {"red": True}),
            ("coverage gained", check.gains, {})):
        lines += [(f"{title} against {baseline_path}:", markup)] if losses_or_gains else []
        for change in losses_or_gains:
            lines.append((f"  {change.claim_id} (claim {change.old} → {change.new}):", markup))
            lines += [(f"    {line}", markup) for line in change.cases.coverage_lines()]
    if check.unrecorded:
        lines.append((f"claims with no expected outcomes in {baseline_path} (record them with --update-baseline): "
                      f"{', '.join(check.unrecorded)}", {"red": True}))
    for line in check.machine_changes:
        lines.append((f"machine-dependent change (not a failure): {line}", {"yellow": True}))
    if check.changes and not check.accepted:
        lines.append(("accept these changes with --accept-changes (the run passes and still lists them), or record "
                      "this run as the baseline with --update-baseline", changed))
    elif check.changes and complete and not check.failed:
        lines.append((f"the changes above are accepted by {check.accepted}; the other cases match {baseline_path}",
                      {"yellow": True}))
    elif not check.failed and complete:
        lines.append((f"every case matches {baseline_path}", {"green": True}))
    return lines
