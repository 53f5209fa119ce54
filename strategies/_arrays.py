import math
from collections.abc import Mapping
from typing import Any, Literal, cast

import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.extra import numpy as hnp

from strategies._validate import check_choice

LAYOUTS = ("C", "C16", "F", "strided", "negative", "offset", "byteswapped", "readonly", "unaligned")
ALIGNMENT = 64
TILE = 1024
_MULTIBYTE_ONLY = ("byteswapped", "unaligned")
_NEEDS_A_LAST_SIDE = ("strided", "negative")

DTypeLike = Any
ShapeLike = Any


def arrays(dtype: DTypeLike, shape: ShapeLike, *, layout: str = "C",
           elements: Any = None) -> st.SearchStrategy[np.ndarray]:
    """NumPy arrays of ``dtype`` and ``shape`` laid out in memory as ``layout``.

    ``dtype`` and ``shape`` are values or strategies, as in
    :func:`hypothesis.extra.numpy.arrays`. Elements default to every finite
    value of the dtype (no NaN or infinity, so that equality is meaningful);
    ``elements`` may be a strategy, or a mapping of keyword arguments for
    :func:`hypothesis.extra.numpy.from_dtype` (e.g. ``{"min_value": -9}``);
    bounds in a mapping are clipped to each drawn dtype's range.

    Every array lives in a buffer of its own whose placement relative to a
    64-byte boundary is fixed by the layout, so that behaviour which depends on
    alignment (some frameworks alias only 64-byte-aligned memory) does not
    depend on where the heap happened to put it:

    - "C": C-contiguous, starting on a 64-byte boundary.
    - "C16": C-contiguous, 16 bytes past a 64-byte boundary: aligned for every
      dtype and for malloc, not for a cache line (where NumPy's own large arrays land).
    - "F": Fortran-ordered, on a 64-byte boundary.
    - "strided": every other element of the last axis; not contiguous.
    - "negative": the last axis reversed; its stride is negative.
    - "offset": C-contiguous, one element past a 64-byte boundary.
    - "byteswapped": non-native byte order (dtypes wider than one byte).
    - "readonly": "C" with ``flags.writeable`` False.
    - "unaligned": one byte past a 64-byte boundary (dtypes wider than one byte).

    "strided" and "negative" need a last side of 2 or more and no zero-size side
    (NumPy calls those contiguous), so for them a drawn shape is widened: ``()``
    becomes ``(2,)``, sides of 0 become 1 and a last side below 2 becomes 2.
    "offset" and "unaligned" need an element to point at, so their sides of 0 become 1.

    Arrays of more than 1,024 elements repeat a drawn 1,024-element tile: every
    value is a drawn one, and the draws stay within Hypothesis's budget (drawing
    each of millions of elements would overrun it and discard the example).
    """
    check_choice("layout", layout, LAYOUTS)
    dtype_strategy = _as_dtype_strategy(dtype)
    if layout in _MULTIBYTE_ONLY:
        if not isinstance(dtype, st.SearchStrategy) and np.dtype(dtype).itemsize == 1:
            raise InvalidArgument(f"layout={layout!r} needs a dtype wider than one byte, not {dtype!r}")
        dtype_strategy = dtype_strategy.filter(lambda d: d.itemsize > 1)
    return _laid_out(dtype_strategy, _as_shape_strategy(shape), layout, elements)


def layout_fits(layout: str, dtype: DTypeLike, ndim: int) -> bool:
    """Whether ``layout`` can be made for ``dtype`` with ``ndim`` dimensions without widening the shape."""
    check_choice("layout", layout, LAYOUTS)
    if layout in _MULTIBYTE_ONLY and np.dtype(dtype).itemsize == 1:
        return False
    return not (layout in _NEEDS_A_LAST_SIDE and ndim == 0)


def _as_dtype_strategy(dtype: DTypeLike) -> st.SearchStrategy[np.dtype]:
    if isinstance(dtype, st.SearchStrategy):
        return dtype
    try:
        return st.just(np.dtype(dtype))
    except TypeError as exc:
        raise InvalidArgument(f"dtype={dtype!r} is not a NumPy dtype: {exc}") from None


def _as_shape_strategy(shape: ShapeLike) -> st.SearchStrategy[tuple[int, ...]]:
    if isinstance(shape, st.SearchStrategy):
        return shape
    if isinstance(shape, int):
        shape = (shape,)
    if not isinstance(shape, tuple) or not all(isinstance(s, int) and s >= 0 for s in shape):
        raise InvalidArgument(f"shape={shape!r} must be a tuple of non-negative ints")
    return st.just(shape)


def _elements_for(dtype: np.dtype, elements: Any) -> st.SearchStrategy:
    if elements is not None and not isinstance(elements, Mapping):
        return cast(st.SearchStrategy[Any], elements)
    options = dict(elements or {})
    if dtype.kind in "fc":
        options = {"allow_nan": False, "allow_infinity": False, **options}
    if dtype.kind in "bc":
        options.pop("min_value", None)
        options.pop("max_value", None)
    elif dtype.kind in "iuf":
        info = np.iinfo(dtype) if dtype.kind in "iu" else np.finfo(dtype)
        for key in ("min_value", "max_value"):
            if key in options:
                options[key] = dtype.type(min(max(options[key], info.min), info.max)).item()
    return hnp.from_dtype(dtype, **options)


def _widened(shape: tuple[int, ...], layout: str) -> tuple[int, ...]:
    if layout in _NEEDS_A_LAST_SIDE:
        shape = tuple(max(side, 1) for side in shape) or (2,)
        return shape[:-1] + (max(shape[-1], 2),)
    if layout in ("offset", "unaligned"):
        return tuple(max(side, 1) for side in shape)
    return shape


@st.composite
def _laid_out(draw: st.DrawFn, dtype_strategy: st.SearchStrategy[np.dtype],
              shape_strategy: st.SearchStrategy[tuple[int, ...]], layout: str, elements: Any) -> np.ndarray:
    dtype = draw(dtype_strategy)
    shape = _widened(draw(shape_strategy), layout)
    size = math.prod(shape)
    if size > TILE:
        tile = draw(hnp.arrays(dtype, (TILE,), elements=_elements_for(dtype, elements)))
        values = np.resize(tile, shape)
    else:
        values = draw(hnp.arrays(dtype, shape, elements=_elements_for(dtype, elements)))
    return place(values, layout)


def place(values: np.ndarray, layout: str) -> np.ndarray:
    """A copy of ``values`` laid out as ``layout`` (see :func:`arrays`) in a fresh buffer."""
    check_choice("layout", layout, LAYOUTS)
    dtype = values.dtype.newbyteorder() if layout == "byteswapped" else values.dtype
    shape = values.shape
    if layout == "strided":
        out = _placed(shape[:-1] + (2 * shape[-1],), dtype, 0, "C")[..., ::2]
    elif layout == "negative":
        out = _placed(shape, dtype, 0, "C")[..., ::-1]
    else:
        byte_offset = {"C16": 16, "offset": dtype.itemsize, "unaligned": 1}.get(layout, 0)
        out = _placed(shape, dtype, byte_offset, "F" if layout == "F" else "C")
    out[...] = values
    if layout == "readonly":
        out.flags.writeable = False
    return out


def _placed(shape: tuple[int, ...], dtype: np.dtype, byte_offset: int, order: Literal["C", "F"]) -> np.ndarray:
    nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    raw = np.empty(nbytes + 2 * ALIGNMENT, dtype=np.uint8)
    start = (-raw.ctypes.data) % ALIGNMENT + byte_offset
    return np.ndarray(shape, dtype=dtype, buffer=raw, offset=start, order=order)


def layout_of(array: np.ndarray) -> set[str]:
    """The layout names from :data:`LAYOUTS` that describe ``array``.

    Placement traits ("C16", "offset", "unaligned") are read from the data
    address relative to a 64-byte boundary, as :func:`arrays` places them.
    """
    traits = set()
    misalignment = array.__array_interface__["data"][0] % ALIGNMENT
    contiguous = array.flags.c_contiguous or array.flags.f_contiguous
    if array.flags.c_contiguous:
        traits.add("C")
        if misalignment == 16:
            traits.add("C16")
    if array.flags.f_contiguous:
        traits.add("F")
    if not contiguous:
        traits.add("strided")
    if any(stride < 0 for stride in array.strides):
        traits.add("negative")
    if contiguous and array.size and misalignment == array.dtype.itemsize % ALIGNMENT:
        traits.add("offset")
    if not array.dtype.isnative:
        traits.add("byteswapped")
    if not array.flags.writeable:
        traits.add("readonly")
    if not array.flags.aligned:
        traits.add("unaligned")
    return traits
