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

    assert _timing_undecided({"0": "holds", "1": "inconclusive"})
    assert not _timing_undecided({"0": "holds", "1": "refuted"})


def test_flake_compares_every_case_of_every_claim_across_seeds(monkeypatch):
    from conformance import flake
    from selftests.helpers import results, run_of, with_case

    steady = results("a")
    wobbly = with_case(steady, "torch.tensor.copies", "int8-cpu", "refuted", "crashes SIGSEGV")
    runs = iter([run_of(steady), run_of(wobbly), run_of(steady)])
    monkeypatch.setattr(flake, "run_claims", lambda *options: next(runs))
    found = flake.flake_check([0, 1, 2], "flake")
    assert found["differing"] == [{"id": "torch.tensor.copies", "case": "int8-cpu",
                                   "outcomes": {"0": "holds", "1": "crashes SIGSEGV", "2": "holds"}}]
