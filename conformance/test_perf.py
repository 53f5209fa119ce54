"""Performance statements, decided by a ratio measured in this run (no fixed time limits)."""

import timeit

import numpy as np
import pytest

ITEMS, ITEM_SHAPE, REPEATS = 50, (100, 100), 7


def best_time(call, repeats=REPEATS):
    call()
    return min(timeit.repeat(call, number=1, repeat=repeats))


@pytest.mark.claim("perf.batch_conversion_faster")
def test_batch_conversion_faster(tf, record_property):
    rng = np.random.default_rng(0)
    items = [rng.standard_normal(ITEM_SHAPE).astype(np.float32) for _ in range(ITEMS)]

    def inefficient_preprocessing():
        return [tf.nn.relu(tf.constant(item)).numpy() for item in items]

    def efficient_preprocessing():
        return tf.nn.relu(tf.constant(np.array(items))).numpy()

    per_item, batched = best_time(inefficient_preprocessing), best_time(efficient_preprocessing)
    conversion_only = (best_time(lambda: [tf.constant(item) for item in items])
                       / best_time(lambda: tf.constant(np.array(items))))
    ratio = per_item / batched
    record_property("per_item_s", per_item)
    record_property("batched_s", batched)
    record_property("per_item_over_batched", round(ratio, 2))
    record_property("conversion_only_per_item_over_batched", round(conversion_only, 2))
    if ratio <= 1:
        raise AssertionError(f"notebook §7.1 on {ITEMS} arrays of {ITEM_SHAPE}: per item {per_item:.2e}s, batched "
                             f"{batched:.2e}s; per-item/batched = {ratio:.2f}, so batching is not faster "
                             f"(tf.constant alone: {conversion_only:.2f})")
