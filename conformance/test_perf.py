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
    per_item = best_time(lambda: [tf.constant(item) for item in items])
    batched = best_time(lambda: tf.constant(np.array(items)))
    ratio = per_item / batched
    record_property("per_item_s", per_item)
    record_property("batched_s", batched)
    record_property("per_item_over_batched", round(ratio, 2))
    if ratio <= 1:
        raise AssertionError(f"{ITEMS} per-item tf.constant calls took {per_item:.2e}s, one batched call "
                             f"{batched:.2e}s: ratio {ratio:.2f}, batching is not faster")
