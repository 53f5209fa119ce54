"""Faults that break test_cupy.py's sentences: a copy where cupy.asarray promises none, values lost on the way to
the host."""

import numpy as np

from conformance.faults._registry import fault, wrap


@fault("cupy.asarray copies an array already on the device", ["cupy.asarray.no_copy_on_device"], "cupy")
def cupy_asarray_copies(mp, cupy):
    wrap(mp, cupy, "asarray", lambda asarray: lambda a, *args, **kw: cupy.array(a, copy=True))


@fault("cupy.asnumpy gives zeros", ["cupy.asnumpy.host_copy"], "cupy")
def cupy_asnumpy_zeroes(mp, cupy):
    wrap(mp, cupy, "asnumpy", lambda asnumpy: lambda a, *args, **kw: np.zeros_like(asnumpy(a, *args, **kw)))
