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

import contextlib
import ctypes
import ctypes.util
import math
import timeit
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from conformance.verdicts import Inconclusive, Refuted, Verdict


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


# glibc's malloc serves a request of M_MMAP_THRESHOLD bytes or more with fresh pages from mmap, and raises the
# threshold as the process frees such blocks: whether a buffer of a few MB costs page faults on every call
# depends on what the process did before. A timing claim is measured with the threshold pinned at each end.
# When glibc raises the mmap threshold itself it sets the trim threshold to twice it, so that freed memory stays in
# the heap; pinning one without the other would return every freed block to the system.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
DEFAULT_THRESHOLD = 128 * 1024
ALLOCATOR_REGIMES = {"fresh pages (mmap threshold 128 KiB)": DEFAULT_THRESHOLD,
                     "reused heap (mmap threshold 32 MiB)": 32 * 1024 * 1024}


@contextlib.contextmanager
def malloc_regime(threshold: int) -> Iterator[bool]:
    """Pin glibc's mmap threshold, and its trim threshold at twice it, for the block (yields False where this is not
    glibc). Pinning also stops their adjustment for the rest of the process; the block ends at glibc's defaults."""
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    if libc is None or not hasattr(libc, "mallopt") or not (libc.mallopt(M_MMAP_THRESHOLD, threshold)
                                                            and libc.mallopt(M_TRIM_THRESHOLD, 2 * threshold)):
        yield False
        return
    try:
        yield True
    finally:
        libc.mallopt(M_MMAP_THRESHOLD, DEFAULT_THRESHOLD)
        libc.mallopt(M_TRIM_THRESHOLD, DEFAULT_THRESHOLD)


def assert_faster_in_every_regime(slow: Callable[[], object], fast: Callable[[], object], *, what: str,
                                  min_effect: float, record: Callable[[str, object], None]) -> None:
    """Decide "``fast`` beats ``slow``" under each allocator regime: holds only if it does in all, refuted only if it
    does in none; regimes that disagree, or an undecided interval, make the claim inconclusive."""
    __tracebackhide__ = True
    decisions = {}
    for regime, threshold in ALLOCATOR_REGIMES.items():
        with malloc_regime(threshold) as pinned:
            decisions[regime if pinned else "unpinned allocator"] = decide(
                interleaved_ratios(slow, fast, trials=15, repeats=3), min_effect)
        if not pinned:
            break
    record("ratio", {regime: d.as_measurement() for regime, d in decisions.items()})
    verdicts = {d.verdict for d in decisions.values()}
    described = "; ".join(f"{regime}: {d.verdict.value}, {d.describe()}" for regime, d in decisions.items())
    if verdicts == {Verdict.REFUTED}:
        raise Refuted(f"{what}: not faster by {min_effect:.0%} ({described})", "not faster")
    if verdicts != {Verdict.HOLDS}:
        raise Inconclusive(f"{what}: depends on the allocator or undecided ({described})")


def assert_faster(slow: Callable[[], object], fast: Callable[[], object], *, what: str, min_effect: float,
                  trials: int = 15, repeats: int = 3, record: Callable[[str, object], None] | None = None) -> Decision:
    """Decide "``fast`` beats ``slow`` by at least ``min_effect``": returns on holds, raises AssertionError on
    refuted and Inconclusive when the interval straddles the threshold."""
    __tracebackhide__ = True
    decision = decide(interleaved_ratios(slow, fast, trials, repeats), min_effect)
    if record is not None:
        record("ratio", decision.as_measurement())
    if decision.verdict is Verdict.REFUTED:
        raise Refuted(f"{what}: not faster by {min_effect:.0%}: {decision.describe()}", "not faster")
    if decision.verdict is Verdict.INCONCLUSIVE:
        raise Inconclusive(f"{what}: undecided: {decision.describe()}")
    return decision
