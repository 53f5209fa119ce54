"""Performance statements, decided from ratios measured in this run (no fixed time limits).

See conformance/timing.py for the decision rule: interleaved trials, an interval on the
median ratio and a declared minimum effect, under each of glibc's allocator regimes;
regimes that disagree, or an undecided interval, make the claim inconclusive.
"""

import numpy as np

from conformance.domains import for_claim
from conformance.engine import evidence
from conformance.timing import assert_faster_in_every_regime, interleaved_ratios

ITEMS, ITEM_SHAPE, MIN_EFFECT = 50, (100, 100), 0.10


@for_claim("perf.batch_conversion_faster")
def test_batch_conversion_faster(tf, case, record_property):
    rng = np.random.default_rng(0)
    items = [rng.standard_normal(ITEM_SHAPE).astype(np.float32) for _ in range(ITEMS)]
    evidence.note_array(items[0])

    def inefficient_preprocessing():
        return [tf.nn.relu(tf.constant(item)).numpy() for item in items]

    def efficient_preprocessing():
        return tf.nn.relu(tf.constant(np.array(items))).numpy()

    conversion_only = interleaved_ratios(lambda: [tf.constant(item) for item in items],
                                         lambda: tf.constant(np.array(items)), trials=6, repeats=3)
    record_property("conversion_only_ratios", [round(r, 3) for r in conversion_only])
    assert_faster_in_every_regime(inefficient_preprocessing, efficient_preprocessing, min_effect=MIN_EFFECT,
                                  record=record_property,
                                  what=f"notebook §7.1 on {ITEMS} arrays of {ITEM_SHAPE}, per-item/batched time")
