"""Faults that move test_perf.py's timing verdicts, whichever way this machine decides them."""

import time

from conformance.faults._registry import fault, wrap

MEGABYTE = 2**20


def slowed_constant(mp, tf, seconds, when):
    def slow(constant):
        def slowed(value, *args, **kwargs):
            if when(getattr(value, "nbytes", 0)):
                time.sleep(seconds)
            return constant(value, *args, **kwargs)
        return slowed

    wrap(mp, tf, "constant", slow)


@fault("tf.constant sleeps 50 ms for inputs over 1 MB, so batching loses", ["perf.batch_conversion_faster"], "tf")
def tf_constant_slow_for_large(mp, tf):
    slowed_constant(mp, tf, 0.05, lambda nbytes: nbytes >= MEGABYTE)


@fault("tf.constant sleeps 1 ms for inputs under 1 MB, so per-item conversion loses to batching",
       ["perf.batch_conversion_faster"], "tf")
def tf_constant_slow_for_small(mp, tf):
    slowed_constant(mp, tf, 0.001, lambda nbytes: 0 < nbytes < MEGABYTE)
