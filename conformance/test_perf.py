"""Performance statements, decided by ratios measured in this run (no fixed time limits).

A "faster" claim holds only if it reproduces: the faster side must win in every
one of TRIALS interleaved trials (each the best of REPEATS calls per side).
"""

import timeit

import numpy as np
import pytest

ITEMS, ITEM_SHAPE, TRIALS, REPEATS = 50, (100, 100), 5, 3


def best_time(call, repeats=REPEATS):
    return min(timeit.repeat(call, number=1, repeat=repeats))


def interleaved_ratios(slow, fast):
    """slow/fast time ratios from TRIALS alternating trials, after one warm-up call of each."""
    slow(), fast()
    return [round(best_time(slow) / best_time(fast), 3) for _ in range(TRIALS)]


@pytest.mark.claim("perf.batch_conversion_faster")
def test_batch_conversion_faster(tf, record_property):
    rng = np.random.default_rng(0)
    items = [rng.standard_normal(ITEM_SHAPE).astype(np.float32) for _ in range(ITEMS)]

    def inefficient_preprocessing():
        return [tf.nn.relu(tf.constant(item)).numpy() for item in items]

    def efficient_preprocessing():
        return tf.nn.relu(tf.constant(np.array(items))).numpy()

    ratios = interleaved_ratios(inefficient_preprocessing, efficient_preprocessing)
    conversion_only = interleaved_ratios(lambda: [tf.constant(item) for item in items],
                                         lambda: tf.constant(np.array(items)))
    record_property("per_item_over_batched", ratios)
    record_property("conversion_only_per_item_over_batched", conversion_only)
    if min(ratios) <= 1:
        raise AssertionError(f"notebook §7.1 on {ITEMS} arrays of {ITEM_SHAPE}: per-item/batched time ratios "
                             f"{ratios} over {TRIALS} trials; batching did not win every trial "
                             f"(tf.constant alone: {conversion_only})")
