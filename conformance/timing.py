"""Timing claims decided by statistics, not by a fixed limit: interleaved trials and an interval on the median ratio.

A claim "A is faster than B by at least ``min_effect``" is judged on the ratio
time(B) / time(A), measured over ``trials`` interleaved trials (each the best of
``repeats`` calls per side, so that a burst of noise spoils one trial, not the
verdict). The interval is a distribution-free confidence interval for the
median ratio, from order statistics; it holds at least ``confidence``:

- holds when the whole interval lies above 1 + ``min_effect``;
- refuted when the whole interval lies below it;
- inconclusive when the interval straddles it (the machine could not decide).
"""

import math
import timeit
from collections.abc import Callable
from dataclasses import dataclass

from conformance.verdicts import Inconclusive, Verdict


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    median: float
    low: float
    high: float
    threshold: float
    ratios: tuple[float, ...]
    confidence: float

    def describe(self) -> str:
        return (f"median ratio {self.median:.3g}, {self.confidence:.0%} interval [{self.low:.3g}, {self.high:.3g}] "
                f"against the threshold {self.threshold:.3g} over {len(self.ratios)} trials")

    def as_measurement(self) -> dict:
        return {"median": round(self.median, 4), "interval": [round(self.low, 4), round(self.high, 4)],
                "threshold": self.threshold, "confidence": round(self.confidence, 4),
                "ratios": [round(r, 4) for r in self.ratios]}


def median_interval(samples: list[float], confidence: float = 0.95) -> tuple[float, float, float]:
    """(low, high, achieved confidence): the widest-needed order statistics x(k), x(n-k+1) covering the median."""
    ordered = sorted(samples)
    n = len(ordered)
    if n < 6:
        raise ValueError(f"{n} samples cannot give a 95% interval for a median; take at least 6")
    best = None
    for k in range(1, n // 2 + 1):
        coverage = 1 - 2 * sum(math.comb(n, i) for i in range(k)) / 2**n
        if coverage >= confidence:
            best = (ordered[k - 1], ordered[n - k], coverage)
    if best is None:
        raise ValueError(f"{n} samples cannot reach {confidence:.0%} confidence")
    return best


def decide(ratios: list[float], min_effect: float, confidence: float = 0.95) -> Decision:
    low, high, achieved = median_interval(ratios, confidence)
    ordered = sorted(ratios)
    median = (ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2
    threshold = 1 + min_effect
    verdict = Verdict.HOLDS if low > threshold else Verdict.REFUTED if high < threshold else Verdict.INCONCLUSIVE
    return Decision(verdict, median, low, high, threshold, tuple(ratios), achieved)


def interleaved_ratios(slow: Callable[[], object], fast: Callable[[], object], trials: int,
                       repeats: int) -> list[float]:
    """time(slow) / time(fast) for each trial, the two sides alternating, after one warm-up call of each."""
    slow(), fast()
    ratios = []
    for _ in range(trials):
        slow_time = min(timeit.repeat(slow, number=1, repeat=repeats))
        fast_time = min(timeit.repeat(fast, number=1, repeat=repeats))
        ratios.append(slow_time / fast_time)
    return ratios


def assert_faster(slow: Callable[[], object], fast: Callable[[], object], *, what: str, min_effect: float,
                  trials: int = 15, repeats: int = 3, record: Callable[[str, object], None] | None = None) -> Decision:
    """Decide "``fast`` beats ``slow`` by at least ``min_effect``": returns on holds, raises AssertionError on
    refuted and Inconclusive when the interval straddles the threshold."""
    __tracebackhide__ = True
    decision = decide(interleaved_ratios(slow, fast, trials, repeats), min_effect)
    if record is not None:
        record("ratio", decision.as_measurement())
    if decision.verdict is Verdict.REFUTED:
        raise AssertionError(f"{what}: not faster by {min_effect:.0%}: {decision.describe()}")
    if decision.verdict is Verdict.INCONCLUSIVE:
        raise Inconclusive(f"{what}: undecided: {decision.describe()}")
    return decision
