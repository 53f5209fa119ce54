"""Hypothesis strategies for array-interop conformance testing.

Built on :mod:`hypothesis.extra.numpy`. Unlike ``hypothesis.extra.numpy``, which
validates its arguments lazily, at the first draw, these strategies validate
eagerly, when the strategy is built: a bad argument raises
:class:`hypothesis.errors.InvalidArgument` at once, naming the argument. For a
strategy built at module level that happens at import, so pytest reports a
collection error for that module.

The finite dimensions a claim enumerates are plain data here (``dtype_names``,
``LAYOUTS``, ``SIZE_CLASSES``); the strategies draw the infinite ones (shapes,
sizes within a class, values).
"""

from strategies._arrays import ALIGNMENT, LAYOUTS, arrays, layout_fits, layout_of, place
from strategies._devices import cuda_device_names, devices
from strategies._dtypes import FRAMEWORK_DTYPES, dtype_names, dtypes
from strategies._shapes import (SIZE_CLASSES, multi_element_shapes, nonempty_shapes, shapes, single_element_shapes,
                                sized_shapes)

__all__ = [
    "ALIGNMENT",
    "FRAMEWORK_DTYPES",
    "LAYOUTS",
    "SIZE_CLASSES",
    "arrays",
    "cuda_device_names",
    "devices",
    "dtype_names",
    "dtypes",
    "layout_fits",
    "layout_of",
    "multi_element_shapes",
    "nonempty_shapes",
    "place",
    "shapes",
    "single_element_shapes",
    "sized_shapes",
]
