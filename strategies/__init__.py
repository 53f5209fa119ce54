"""Hypothesis strategies for array-interop conformance testing: shapes, sizes, dtypes, layouts and placements.

Built on :mod:`hypothesis.extra.numpy`. Unlike ``hypothesis.extra.numpy``, which
validates its arguments lazily, at the first draw, these strategies validate
eagerly, when the strategy is built: a bad argument raises
:class:`hypothesis.errors.InvalidArgument` at once, naming the argument.

What ``hypothesis.extra.numpy`` cannot express is the placement of an array in
memory: :func:`arrays` draws arrays laid out as one of :data:`LAYOUTS` (Fortran
order, negative strides, byte-swapped, read-only, one byte past a 64-byte
boundary, ...), each in a buffer of its own, and :func:`layout_of` reads the
layout back. :func:`sized_shapes` draws shapes whose arrays fall in one of the
:data:`SIZE_CLASSES` (on a log scale), so that a test meets a page, glibc's mmap
threshold and 8 MB arrays on purpose.

The package knows no array library: a library's dtypes are passed in
(``dtype_names(among=...)``), as are the devices to draw from. It is typed
(``py.typed``) and can be used by any project::

    from strategies import arrays, dtypes, sized_shapes
    # a reversed last axis needs two elements or more: on one element a reversal is no stride at all
    arrays(dtypes(kinds="f"), sized_shapes("4K-128K", 4, min_last=2), layout="negative")
"""

from strategies._arrays import ALIGNMENT, LAYOUTS, arrays, layout_fits, layout_of, place
from strategies._devices import devices
from strategies._dtypes import NUMERIC_DTYPES, dtype_names, dtypes
from strategies._shapes import (SIZE_CLASSES, multi_element_shapes, nonempty_shapes, shapes, single_element_shapes,
                                sized_shapes)

__all__ = [
    "ALIGNMENT",
    "LAYOUTS",
    "NUMERIC_DTYPES",
    "SIZE_CLASSES",
    "arrays",
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
