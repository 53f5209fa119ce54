"""The statistical decision behind timing claims."""

import math

import pytest

from conformance.timing import decide, median_interval
from conformance.verdicts import Verdict


def test_the_median_interval_reaches_its_confidence_from_order_statistics():
    low, high, coverage = median_interval(list(range(15)))
    assert (low, high) == (3, 11) and coverage >= 0.95
    assert coverage == pytest.approx(1 - 2 * sum(math.comb(15, i) for i in range(4)) / 2**15)
    with pytest.raises(ValueError, match="at least 6"):
        median_interval([1.0, 2.0])


@pytest.mark.parametrize("ratios, verdict", [
    ([0.41, 0.45, 0.43, 0.44, 0.42, 0.40, 0.46, 0.43], Verdict.REFUTED),
    ([2.6, 3.0, 7.5, 4.0, 5.0, 3.1, 2.9, 3.3], Verdict.HOLDS),
    ([0.9, 1.3, 1.05, 1.2, 1.15, 1.0, 1.25, 1.1, 1.12, 0.95], Verdict.INCONCLUSIVE),
])
def test_the_interval_decides_or_says_it_cannot(ratios, verdict):
    decision = decide(ratios, min_effect=0.10)
    assert decision.verdict is verdict and decision.threshold == pytest.approx(1.10)
    assert decision.low <= decision.median <= decision.high


def test_flake_sets_apart_a_timing_claim_that_is_only_sometimes_undecided():
    from conformance.flake import _timing_undecided

    undecided = {"id": "perf.batch_conversion_faster", "verdicts": {"0": "holds", "1": "inconclusive"}}
    both_ways = {"id": "perf.batch_conversion_faster", "verdicts": {"0": "holds", "1": "refuted"}}
    ordinary = {"id": "tf.float.single_element", "verdicts": {"0": "holds", "1": "inconclusive"}}
    assert _timing_undecided(undecided) and not _timing_undecided(both_ways) and not _timing_undecided(ordinary)
