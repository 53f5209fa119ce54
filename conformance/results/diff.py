"""The case-level diff: what the baseline check, ``compare``, the history, the flake check and the mutation run
all use to say which cases of a claim changed outcome class, compressed by the dimensions that explain them; and what
the baseline check makes of them, claim by claim (:class:`Change`) and for the run (:class:`Check`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from conformance.ids import ClaimId
from conformance.results.compress import phrase
from conformance.results.environment import case_frameworks, cpu_difference, same_cpu_class
from conformance.results.verdicts import DECIDED

CRASH = "crashes"
# How bad an outcome class is, from least to most severe: the case held; a timing interval could not decide; the
# documented behaviour failed in a way the test classified (raises X, shares memory, wrong values, ...); the test
# itself broke (error X); the process running the case died or hung (crashes SIGSEGV, exits 3, times out).
SEVERITY = ("holds", "inconclusive", "refuted", "error", "crashes")
REGRESSION, IMPROVEMENT = "regression", "improvement"


def severity(outcome: str) -> int:
    """The rank of an outcome class in ``SEVERITY``; ``skipped`` (nothing decided) ranks below everything."""
    first = outcome.split(" ")[0]
    if first in SEVERITY:
        return SEVERITY.index(first)
    if first in ("crashes", "exits") or outcome == "times out":
        return SEVERITY.index("crashes")
    return -1 if first == "skipped" else SEVERITY.index("refuted")


def direction(old: str, new: str) -> str:
    """An improvement when the new outcome is less severe than the old; otherwise a regression: a case that held and
    fails, a failure that got worse, or one failure turned into another of the same rank (``raises ValueError`` →
    ``shares memory``: what code relied on is gone)."""
    return IMPROVEMENT if severity(new) < severity(old) else REGRESSION


def decided(case: Mapping[str, Any] | None) -> TypeGuard[Mapping[str, Any]]:
    """A case whose outcome counts: it held, was refuted, or broke the test (an error is a change, never coverage)."""
    return case is not None and case.get("verdict") in DECIDED


@dataclass
class CaseDiff:
    """``changed``: (old class, new class) → case ids decided on both sides whose outcome class differs;
    ``lost``: old class → ids decided before and now skipped or gone; ``gained``: ids decided only now."""

    changed: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    lost: dict[str, list[str]] = field(default_factory=dict)
    gained: list[str] = field(default_factory=list)
    universe: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.changed or self.lost or self.gained)

    @property
    def changed_ids(self) -> list[str]:
        return sorted(cid for ids in self.changed.values() for cid in ids)

    def split_crashes(self, excused: Callable[[str], bool] = lambda case_id: True) -> tuple[CaseDiff, CaseDiff]:
        """(the changes to or from a crash of the cases ``excused`` admits, the other changes): a crash can depend on
        the CPU's features (code compiled for an instruction set the CPU lacks, an alignment that one code path
        assumes) or on the kernels a dispatch variable picks, the rest cannot."""
        crashes, rest = CaseDiff(universe=self.universe), CaseDiff(universe=self.universe, lost=self.lost,
                                                                     gained=self.gained)
        for (old, new), ids in self.changed.items():
            crash = CRASH in (old.split(" ")[0], new.split(" ")[0])
            for side, chosen in ((crashes, [i for i in ids if crash and excused(i)]),
                                 (rest, [i for i in ids if not (crash and excused(i))])):
                if chosen:
                    side.changed[(old, new)] = chosen
        return crashes, rest

    def crashes_elsewhere(self, there: Mapping[str, Any] | None, here: Mapping[str, Any] | None,
                          claim_frameworks: Iterable[str], names: tuple[str, str]) -> tuple[CaseDiff, CaseDiff, str]:
        """(the crash changes that the two machines' difference in CPU class excuses, the other changes, that
        difference in words). A case's class compares the CPU features and the dispatch variables of the frameworks
        the case runs (its producer and consumer, else its claim's) and NumPy's."""
        runs = {cid: case_frameworks(claim_frameworks, dims) for cid, dims in self.universe.items()}
        crashes, rest = self.split_crashes(lambda cid: not same_cpu_class(there, here, runs.get(cid, claim_frameworks)))
        involved = sorted({key for cid in crashes.changed_ids for key in runs.get(cid, claim_frameworks)})
        return crashes, rest, cpu_difference(there, here, *names, frameworks=involved)

    def change_lines(self, kind: str | None = None) -> list[str]:
        """One line per (old, new) outcome class pair; only regressions or improvements when ``kind`` says so."""
        return [f"{old} → {new} where {phrase(self.universe, ids)}"
                for (old, new), ids in sorted(self.changed.items()) if kind is None or direction(old, new) == kind]

    def count(self, kind: str) -> int:
        return sum(len(ids) for (old, new), ids in self.changed.items() if direction(old, new) == kind)

    def kinds(self) -> set[str]:
        """Which of regression and improvement this diff's changed cases are."""
        return {direction(old, new) for old, new in self.changed}

    def coverage_lines(self) -> list[str]:
        lines = [f"{old} → not decided where {phrase(self.universe, ids)}" for old, ids in sorted(self.lost.items())]
        if self.gained:
            lines.append(f"newly decided where {phrase(self.universe, self.gained)}")
        return lines


def diff(old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]]) -> CaseDiff:
    """Compare two claims' ``cases`` ({case id: {"dims", "verdict", "outcome"}})."""
    result = CaseDiff(universe={cid: dict(case.get("dims", {})) for side in (old, new) for cid, case in side.items()})
    for cid in sorted(set(old) | set(new)):
        before, after = old.get(cid), new.get(cid)
        if decided(before) and decided(after):
            if before["outcome"] != after["outcome"]:
                result.changed.setdefault((before["outcome"], after["outcome"]), []).append(cid)
        elif decided(before):
            result.lost.setdefault(before["outcome"], []).append(cid)
        elif decided(after):
            result.gained.append(cid)
    return result


@dataclass
class Change:
    claim_id: ClaimId
    old: str
    new: str
    cases: CaseDiff

    def kinds(self) -> set[str]:
        """Regression, improvement or both (a claim whose cases moved both ways)."""
        return self.cases.kinds() or {direction(self.old, self.new)}

    def lines(self, kind: str | None = None) -> list[str]:
        if not self.cases.changed:  # a timing claim's verdict changed on the same machine
            return [f"{self.old} → {self.new}"] if kind is None or direction(self.old, self.new) == kind else []
        return self.cases.change_lines(kind)


@dataclass
class Check:
    """How a run compares with its baseline; ``failed`` says whether that fails the run. A case that changes outcome
    class fails it on any versions, unless ``accepted`` names what accepted the changes (--accept-changes)."""

    changes: list[Change] = field(default_factory=list)
    coverage_losses: list[Change] = field(default_factory=list)
    unrecorded: list[str] = field(default_factory=list)
    machine_changes: list[str] = field(default_factory=list)
    gains: list[Change] = field(default_factory=list)
    versions_differ: str = ""
    accepted: str = ""

    @property
    def failed(self) -> bool:
        return bool((self.changes and not self.accepted) or self.coverage_losses or self.unrecorded)

    def of_kind(self, kind: str) -> list[Change]:
        return [change for change in self.changes if kind in change.kinds()]
