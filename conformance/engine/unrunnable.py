"""Cases that cannot run here, set aside at collection with their outcome: skipped, with the reason.

A case of another scope (``--scope``), or one whose framework or device is not here, would be skipped by its setup
anyway, before any fixture or framework code. Recording it at collection gives the same outcome, with the same reason,
at its place in collection order, without a test phase: under pytest-xdist each such item would otherwise cost a round
trip of reports between a worker and the controller (2565 of the interop run's 3339 items). A case whose setup fails
instead (a framework this run declares but lacks) stays an item, and fails as one. It happens after every
deselection (``-k``, ``-m``, ``--claims``): a deselected case is not a skipped one.
"""

from __future__ import annotations

import pytest

from conformance.engine import collection, distributed, enumeration, outcomes
from conformance.ids import ClaimId


def skipped_before_it_runs(item: pytest.Item, plan) -> str | None:
    """The reason the item's setup would skip it before any fixture or framework code, or None."""
    if not (collection.is_claim_test(item) or collection.is_observation(item)):
        return None
    problem = enumeration.setup_problem(item, plan)
    return problem[0] if problem is not None and not problem[1] else None


def set_aside(items: list[pytest.Item], plan, index_of) -> tuple[list[pytest.Item], list[tuple[ClaimId, int, dict]]]:
    """(the items that run, [(claim, collection index, skipped outcome)] for the claim tests set aside); a matrix
    observation set aside records nothing, as its skip would."""
    kept: list[pytest.Item] = []
    recorded: list[tuple[ClaimId, int, dict]] = []
    for item in items:
        reason = skipped_before_it_runs(item, plan)
        if reason is None:
            kept.append(item)
        elif collection.is_claim_test(item):
            outcome = outcomes.of_item(item, "setup", pytest.skip.Exception(reason), [], 0)
            recorded.append((collection.claim_id(item), index_of(item), outcome))
    return kept, recorded


class SetAside:
    """The plugin's step after every deselection: the cases that cannot run here leave the items, recorded in
    ``gathered.set_aside``; the contained runners learn what the others need. They still count as collected."""

    def __init__(self, plan, gathered, index_key: pytest.StashKey[int]):
        self.plan, self.gathered, self.index_key = plan, gathered, index_key

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        items[:], self.gathered.set_aside = set_aside(items, self.plan, lambda item: item.stash[self.index_key])
        self.gathered.expect(items, lambda item: item.stash[self.index_key])
        contained = config.pluginmanager.get_plugin("conformance-containment")
        if contained is not None:
            warmup, needs = enumeration.warm_first(items, self.plan.environment, distributed.is_worker(config))
            contained.prepare(warmup, lambda item: needs.get(id(item), frozenset()))

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> None:
        session.testscollected += len(self.gathered.set_aside)  # pytest counts the items only: not "no tests"
