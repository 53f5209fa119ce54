import math
from collections.abc import Mapping

import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.extra import numpy as hnp

LAYOUTS = ("C", "F", "strided", "negative", "offset", "byteswapped", "readonly", "unaligned")
_MULTIBYTE_ONLY = ("byteswapped", "unaligned")


def arrays(dtype, shape, *, layout="C", elements=None):
    """NumPy arrays of ``dtype`` and ``shape`` laid out in memory as ``layout``.

    ``dtype`` and ``shape`` are values or strategies, as in
    :func:`hypothesis.extra.numpy.arrays`. Elements default to every finite
    value of the dtype (no NaN or infinity, so that equality is meaningful);
    ``elements`` may be a strategy, or a mapping of keyword arguments for
    :func:`hypothesis.extra.numpy.from_dtype` (e.g. ``{"min_value": -9}``);
    bounds in a mapping are clipped to each drawn dtype's range.

    Layouts and their domain:

    - "C", "F": C- or Fortran-ordered copies.
    - "strided": every other element of the last axis; not contiguous.
    - "negative": the last axis reversed; its stride is negative.
    - "offset": C-contiguous, starting one element into its buffer.
    - "byteswapped": non-native byte order (dtypes wider than one byte).
    - "readonly": C-contiguous with ``flags.writeable`` False.
    - "unaligned": data pointer one byte off the dtype's alignment
      (dtypes wider than one byte).

    "strided" and "negative" need a side of 2 or more on the last axis and no
    zero-size side (NumPy calls those contiguous), so for them a drawn shape is
    widened: ``()`` becomes ``(2,)``, sides of 0 become 1 and a last side below
    2 becomes 2. "offset" and "unaligned" need an element to point at (NumPy
    calls every empty array aligned), so their sides of 0 become 1.
    """
    if layout not in LAYOUTS:
        raise InvalidArgument(f"layout={layout!r} must be one of {LAYOUTS}")
    dtype_strategy = _as_dtype_strategy(dtype)
    if layout in _MULTIBYTE_ONLY:
        if not isinstance(dtype, st.SearchStrategy) and np.dtype(dtype).itemsize == 1:
            raise InvalidArgument(f"layout={layout!r} needs a dtype wider than one byte, not {dtype!r}")
        dtype_strategy = dtype_strategy.filter(lambda d: d.itemsize > 1)
    return _laid_out(dtype_strategy, _as_shape_strategy(shape), layout, elements)


def _as_dtype_strategy(dtype):
    if isinstance(dtype, st.SearchStrategy):
        return dtype
    try:
        return st.just(np.dtype(dtype))
    except TypeError as exc:
        raise InvalidArgument(f"dtype={dtype!r} is not a NumPy dtype: {exc}") from None


def _as_shape_strategy(shape):
    if isinstance(shape, st.SearchStrategy):
        return shape
    if isinstance(shape, int):
        shape = (shape,)
    if not isinstance(shape, tuple) or not all(isinstance(s, int) and s >= 0 for s in shape):
        raise InvalidArgument(f"shape={shape!r} must be a tuple of non-negative ints")
    return st.just(shape)


def _elements_for(dtype, elements):
    if elements is not None and not isinstance(elements, Mapping):
        return elements
    options = dict(elements or {})
    if dtype.kind in "fc":
        options = {"allow_nan": False, "allow_infinity": False, **options}
    if dtype.kind in "bc":
        options.pop("min_value", None)
        options.pop("max_value", None)
    elif dtype.kind in "iuf":
        info = np.iinfo(dtype) if dtype.kind in "iu" else np.finfo(dtype)
        if "min_value" in options:
            options["min_value"] = min(max(options["min_value"], info.min), info.max)
        if "max_value" in options:
            options["max_value"] = max(min(options["max_value"], info.max), info.min)
    return hnp.from_dtype(dtype, **options)


def _widened(shape):
    shape = tuple(max(side, 1) for side in shape) or (2,)
    return shape[:-1] + (max(shape[-1], 2),)


@st.composite
def _laid_out(draw, dtype_strategy, shape_strategy, layout, elements):
    dtype = draw(dtype_strategy)
    shape = draw(shape_strategy)
    if layout in ("strided", "negative"):
        shape = _widened(shape)
    if layout in ("offset", "unaligned"):
        shape = tuple(max(side, 1) for side in shape)
    if layout == "byteswapped":
        dtype = dtype.newbyteorder()
    base_shape = {"strided": shape[:-1] + (2 * shape[-1],) if shape else shape,
                  "offset": (math.prod(shape) + 1,)}.get(layout, shape)
    base = draw(hnp.arrays(dtype, base_shape,
                           elements=_elements_for(dtype, elements)))
    return _apply_layout(base, shape, layout)


def _apply_layout(base, shape, layout):
    if layout == "F":
        return np.asfortranarray(base)
    if layout == "strided":
        return base[..., ::2]
    if layout == "negative":
        return base[..., ::-1]
    if layout == "offset":
        return base[1:].reshape(shape)
    if layout == "readonly":
        base.flags.writeable = False
        return base
    if layout == "unaligned":
        raw = np.empty(base.nbytes + 1, dtype=np.uint8)[1:]
        out = raw.view(base.dtype).reshape(shape)
        out[...] = base
        return out
    return base


def layout_of(array):
    """The set of layout names from :data:`LAYOUTS` that describe ``array``."""
    traits = set()
    if array.flags.c_contiguous:
        traits.add("C")
    if array.flags.f_contiguous:
        traits.add("F")
    if not (array.flags.c_contiguous or array.flags.f_contiguous):
        traits.add("strided")
    if any(stride < 0 for stride in array.strides):
        traits.add("negative")
    root = array
    while isinstance(root.base, np.ndarray):
        root = root.base
    if array.__array_interface__["data"][0] != root.__array_interface__["data"][0]:
        traits.add("offset")
    if not array.dtype.isnative:
        traits.add("byteswapped")
    if not array.flags.writeable:
        traits.add("readonly")
    if not array.flags.aligned:
        traits.add("unaligned")
    return traits
