"""The verdict sets, defined once: which verdicts a claim or case can have, which decide it, which verify it."""

from __future__ import annotations

from collections.abc import Iterable

from conformance.verdicts import VERDICT_NAMES, most_severe

CLAIM_VERDICTS: tuple[str, ...] = VERDICT_NAMES  # least to most severe
DECIDED: frozenset[str] = frozenset({"holds", "refuted", "error"})  # a case's outcome counts (an error is a change)
VERIFIED: frozenset[str] = frozenset({"holds", "refuted"})  # the run decided the claim either way
RAN: frozenset[str] = frozenset({"holds", "refuted", "error", "inconclusive"})  # its test ran to an end
OBSERVED: frozenset[str] = frozenset({"refuted", "error", "inconclusive"})  # ran and did not hold: what it saw is kept
PLAIN: frozenset[str] = frozenset({"holds", "skipped", "inconclusive"})  # a case's outcome class is its verdict's name
FAILING: frozenset[str] = frozenset({"refuted", "error"})  # a finding: the claim is false, or its test broke


class UnusableInput(Exception):
    """An input the suite's tools cannot use; its message is one line naming the file and the problem."""


class Malformed(UnusableInput):
    """A document that is not a results document (a field missing, of the wrong kind, or unknown)."""


class Inconsistent(UnusableInput):
    """A document that contradicts itself (a verdict that is not its cases', counts that do not add up, a case whose
    dimensions are not its id): every tool refuses it, none leaves it out quietly."""


def worst(verdicts: Iterable[str]) -> str:
    """The most severe of ``verdicts`` (skipped where there are none)."""
    return most_severe(verdicts).value


def tally(verdicts: Iterable[str]) -> dict[str, int]:
    """How many of ``verdicts`` are each verdict, every verdict named, least to most severe."""
    counts = dict.fromkeys(CLAIM_VERDICTS, 0)
    for verdict in verdicts:
        counts[verdict] += 1
    return counts
