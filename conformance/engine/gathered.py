"""What a session gathers on its way to the record, and its account of the items it was to run.

The claims collected and deselected and the modules that failed come from collection (or from the pytest-xdist
workers); each case's outcome, with its collection index, and the matrix's records from the reports. Every item
that was to run (after deselection, and after the cases set aside at collection) is listed with what its case
is, and every item whose teardown was logged is marked finished. A session that did not finish every item it was to
run is a stopped one, whatever ended it (a user's stop, an internal error, a worker that went down): it is never a
complete run, and each claim case it did not finish gets an outcome that says so, so no claim holds on the cases
that happened to run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest

from conformance.engine import collection, enumeration, outcomes

PendingItem = tuple[str, str | None, int, str, dict]  # nodeid, claim (None: a matrix observation), index, case, dims


@dataclass
class Gathered:
    tests: dict[str, list] = field(default_factory=dict)
    collected: set[str] = field(default_factory=set)
    deselected: set[str] = field(default_factory=set)
    failed_modules: dict[str, str] = field(default_factory=dict)
    conversions: list = field(default_factory=list)
    set_aside: list = field(default_factory=list)  # (claim, index, outcome) of the cases skipped at collection
    to_run: dict[str, PendingItem] = field(default_factory=dict)  # by node id: every item that was to run
    finished: set[str] = field(default_factory=set)  # the node ids whose teardown was logged
    started: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def in_collection_order(self) -> dict[str, list[dict]]:
        """Each claim's outcomes in the order of their cases' collection (xdist workers report them out of it), the
        cases set aside at collection included (every worker sets aside the same ones)."""
        found: dict[str, dict[int, dict]] = {}
        reported = [(claim, index, outcome) for claim, pairs in self.tests.items() for index, outcome in pairs]
        for claim, index, outcome in [*self.set_aside, *reported]:
            found.setdefault(claim, {})[index] = outcome
        return {claim: [cases[i] for i in sorted(cases)] for claim, cases in found.items()}

    def expect(self, items: list[pytest.Item], index_of) -> None:
        """The items this session is to run (every xdist worker lists the same ones)."""
        for item in items:
            if collection.is_claim_test(item) or collection.is_observation(item):
                case = enumeration.case_of(item)
                claim = collection.claim_id(item) if collection.is_claim_test(item) else None
                self.to_run[item.nodeid] = (item.nodeid, claim, index_of(item), str(case) if case else item.name,
                                            dict(case or {}))

    def unfinished(self) -> list[PendingItem]:
        """The items that were to run and never finished, in collection order."""
        return sorted((p for nodeid, p in self.to_run.items() if nodeid not in self.finished), key=lambda p: p[2])

    def account_for_unfinished(self, stopped: str | None, by_user: bool) -> str | None:
        """The session's stop reason, given what it finished; each unfinished claim case gets its outcome: skipped
        where the user stopped the session, an error otherwise (a case that should have run and did not)."""
        left = self.unfinished()
        if not left:
            return stopped
        if stopped is None:
            stopped = f"{len(left)} of {len(self.to_run)} items never finished (the first: {left[0][0]})"
        why = f"not run: the session stopped early ({stopped})"
        for nodeid, claim, index, case, dims in left:
            if claim is not None and index not in {i for i, _ in self.tests.get(claim, [])}:  # not reported at all
                self.tests.setdefault(claim, []).append((index, outcomes.not_run(nodeid, case, dims, why, by_user)))
        return stopped
