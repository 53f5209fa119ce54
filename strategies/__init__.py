"""Hypothesis strategies for array-interop conformance testing.

Built on :mod:`hypothesis.extra.numpy`. Every public strategy validates its
arguments eagerly and raises :class:`hypothesis.errors.InvalidArgument` with a
message naming the bad argument, the way ``hypothesis.extra.numpy`` does.
"""

from strategies._arrays import LAYOUTS, arrays, layout_of
from strategies._devices import cuda_device_names, devices
from strategies._dtypes import FRAMEWORK_DTYPES, dtypes
from strategies._shapes import multi_element_shapes, nonempty_shapes, shapes, single_element_shapes

__all__ = [
    "FRAMEWORK_DTYPES",
    "LAYOUTS",
    "arrays",
    "cuda_device_names",
    "devices",
    "dtypes",
    "layout_of",
    "multi_element_shapes",
    "nonempty_shapes",
    "shapes",
    "single_element_shapes",
]
