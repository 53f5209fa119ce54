"""Case-level diff between two version sets: ``python -m conformance.compare OLD NEW``.

OLD and NEW are results files. A side may join several files with "+" (write
"\\+" for a "+" inside a path), or be given file by file with --old / --new.
Files on one side merge case by case: a case that was decided wins over a skip,
and two files that decided one case differently are an error naming the claim, so
the outcome never depends on the order of the files.

Every claim's cases are compared by outcome class (``holds``, ``raises ValueError``,
``shares memory``, ...), so a refuted claim whose refuting cases change is a change,
compressed by the dimensions that explain it. With ``--history DIR`` each change
between sets that differ in several packages is narrowed to one package, using the
in-between version sets found in DIR (the results of ``tox -m history``).

Each change is a regression (a case that held fails, or a failure gets as bad or
worse: holds < inconclusive < a refutation such as ``raises ValueError`` < error <
crashes, exits or times out) or an improvement (the outcome gets less severe).

Exit status: 0 when no case changed outcome class, 1 when one did (with --strict,
a case that was decided on one side only counts too), 2 on unusable input, such as
a baseline file (conformance/baselines/*.json: expected outcomes, another format; a
run checks itself against one with ``--baseline NAME``). With --accept-changes the
changes are listed and the exit status is 0. A timing claim whose verdict differs
between two machines is listed, with both measurements, but is not a change; nor is
a change to or from inconclusive.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from conformance import attribution
from conformance.claims import CLAIMS
from conformance.ids import ClaimId
from conformance.results.baseline import SCHEMA as BASELINE_SCHEMA
from conformance.results.io import BASELINE_DIR
from conformance.results.diff import IMPROVEMENT, REGRESSION, CaseDiff, direction
from conformance.tools.cli import fail
from conformance.results.environment import VERSION_KEYS, describe_machine, same_cpu_class, same_machine
from conformance.results.describe import describe_run, observation
from conformance.results.io import load_run, read_json
from conformance.results.model import ClaimResult, Run
from conformance.results.verdicts import UnusableInput
from conformance.verdicts import Verdict

Row = tuple[str, ClaimResult, ClaimResult, CaseDiff]  # a claim, its old and new results, the cases that changed


@dataclass
class Changes:
    cases: list[Row] = field(default_factory=list)
    coverage: list[Row] = field(default_factory=list)
    machine: list[Row] = field(default_factory=list)

    @property
    def changed_cases(self) -> int:
        return sum(len(d.changed_ids) for *_, d in self.cases)

    def of_kind(self, kind: str) -> list[Row]:
        """The claims with cases that changed that way (a timing claim's change is its verdict's)."""
        return [row for row in self.cases if kind in (row[3].kinds() or {direction(row[1].verdict.value,
                                                                                    row[2].verdict.value)})]


def split_side(spec: str) -> list[str]:
    return [part.replace("\\+", "+") for part in re.split(r"(?<!\\)\+", spec)]


def merged(paths: list[str]) -> Run:
    """The files of one side, each read and validated, as one run (:meth:`Run.merge`)."""
    first, *others = [load_run(path) for path in paths]
    return first.merge(*others)


def changes_between(old: Run, new: Run) -> Changes:
    changes = Changes()
    machines_match = same_machine(old.environment.get("machine"), new.environment.get("machine"))
    for claim_id, claim in CLAIMS.items():
        before, after = old.claims[ClaimId(claim_id)], new.claims[ClaimId(claim_id)]
        cases = before.diff(after)
        row = (claim_id, before, after, cases)
        if claim.machine_dependent:
            a, b = before.verdict, after.verdict
            if a is not b:
                if Verdict.SKIPPED in (a, b):
                    changes.coverage.append(row)
                elif not machines_match or Verdict.INCONCLUSIVE in (a, b):
                    changes.machine.append(row)
                else:
                    changes.cases.append(row)
            continue
        if not same_cpu_class(old.environment.get("machine"), new.environment.get("machine")):
            # a change to or from a crash between CPU classes (for the frameworks a case runs) is machine-dependent
            crashes, cases, _ = cases.crashes_elsewhere(old.environment.get("machine"), new.environment.get("machine"),
                                                        claim.frameworks, ("before", "here"))
            if crashes.changed:
                changes.machine.append((claim_id, before, after, crashes))
            row = (claim_id, before, after, cases)
        if cases.changed:
            changes.cases.append(row)
        if cases.lost or cases.gained:
            changes.coverage.append(row)
    return changes


def versions(run: Run) -> str:
    env = run.environment
    return ", ".join(f"{k} {env.get(k) or '-'}" for k in VERSION_KEYS if k in env)


def describe(old: Run, new: Run, changes: Changes, history: dict[str, Run] | None = None) -> list[str]:
    lines = []
    for side, run in (("old", old), ("new", new)):
        label = "" if run.get("run", {}).get("complete") else f" [{describe_run(run)}]"
        lines.append(f"{side}: {run.environment.get('env')}: {versions(run)} on "
                     f"{describe_machine(run.environment.get('machine'))}{label}")
    counts = {kind: sum(d.count(kind) for *_, d in changes.cases) for kind in (REGRESSION, IMPROVEMENT)}
    lines.append(f"{changes.changed_cases} case(s) changed outcome in {len(changes.cases)} claim(s) "
                 f"({counts[REGRESSION]} regression(s), {counts[IMPROVEMENT]} improvement(s)), "
                 f"{len(changes.coverage)} claim(s) with coverage changes, {len(changes.machine)} machine-dependent "
                 "change(s)")
    for title, group, kind in (
            ("regressions (a case that held fails, or a failure got as bad or worse)", changes.of_kind(REGRESSION),
             REGRESSION),
            ("improvements (a failure got less severe, or the case holds now)", changes.of_kind(IMPROVEMENT),
             IMPROVEMENT),
            ("coverage changes", changes.coverage, None),
            ("machine-dependent changes (not case changes)", changes.machine, None)):
        if group:
            lines.append(f"{title}:")
        for claim_id, before, after, cases in group:
            lines.append(f"  {claim_id}: {before.verdict.value} -> {after.verdict.value}")
            detail = cases.coverage_lines() if group is changes.coverage else cases.change_lines(kind)
            lines += [f"    {line}" for line in detail]
            lines.append(f"    old: {observation(before)}{_measured(before)}")
            lines.append(f"    new: {observation(after)}{_measured(after)}")
            if history is not None and kind is not None:
                found = attribution.attribute(claim_id, old, new, history, cases.changed_ids)
                lines.append(f"    {found}")
    return lines


def _measured(entry: ClaimResult) -> str:
    measured = entry.detail("measured")
    return f" (measured {measured})" if measured else ""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.compare", description=__doc__.splitlines()[0])
    parser.add_argument("sides", nargs="*", metavar="OLD NEW", help="two sides, each FILE or FILE+FILE")
    parser.add_argument("--old", action="append", default=[], metavar="FILE", help="a file of the old side")
    parser.add_argument("--new", action="append", default=[], metavar="FILE", help="a file of the new side")
    parser.add_argument("--strict", action="store_true", help="count cases decided on one side only as changes")
    parser.add_argument("--accept-changes", action="store_true",
                        help="list the changes but exit 0 (an upgrade whose changes are known and wanted)")
    parser.add_argument("--history", type=Path, metavar="DIR",
                        help="narrow each change to one package with the version sets in DIR (e.g. reports/history)")
    args = parser.parse_args(argv)
    files: list[str] = []
    try:
        old_files, new_files = _sides(args)
        files = old_files + new_files
        old, new = merged(old_files), merged(new_files)
        history = _history(args.history)
    except UnusableInput as exc:
        return fail("compare", "not a results file" in str(exc) and _baseline_given(files) or exc)
    changes = changes_between(old, new)
    print("\n".join(describe(old, new, changes, history)))
    failed = changes.cases or (args.strict and changes.coverage)
    if failed and args.accept_changes:
        print("the changes above are accepted (--accept-changes)")
    return 1 if failed and not args.accept_changes else 0


def _baseline_given(files: list[str]) -> UnusableInput | None:
    """Why a side could not be read, where one of its files is a baseline rather than a results file."""
    for path in files:
        try:
            data = read_json(path)
        except UnusableInput:
            continue
        if isinstance(data, dict) and data.get("schema") == BASELINE_SCHEMA:
            name = Path(path).stem if (BASELINE_DIR / Path(path).name).resolve() == Path(path).resolve() else path
            return UnusableInput(f"{path} is a baseline (expected outcomes), not a results file: compare two results "
                                 f"files (reports/*.json), or check a run against it with `pytest --pyargs "
                                 f"conformance --baseline {name}`")
    return None


def _history(directory: Path | None) -> dict[str, Run] | None:
    if directory is None:
        return None
    if not directory.is_dir():
        raise UnusableInput(f"--history {directory}: not a directory")
    return {path.stem: load_run(path) for path in sorted(directory.glob("*.json"))}


def _sides(args) -> tuple[list[str], list[str]]:
    if args.sides and (args.old or args.new):
        raise UnusableInput("give the two sides either as OLD NEW or with --old/--new, not both")
    if args.sides:
        if len(args.sides) != 2:
            raise UnusableInput(f"expected two sides, OLD and NEW; got {len(args.sides)}")
        return split_side(args.sides[0]), split_side(args.sides[1])
    if not args.old or not args.new:
        raise UnusableInput("expected two sides: OLD NEW, or --old FILE ... --new FILE ...")
    return args.old, args.new


if __name__ == "__main__":
    sys.exit(main())
