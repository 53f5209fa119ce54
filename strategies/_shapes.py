import math

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from strategies._validate import check_choice, check_int, check_order

Shape = tuple[int, ...]
KIB, MIB = 2**10, 2**20

# Size classes: the finite partition of array sizes that claims enumerate; Hypothesis draws within
# each class on a log scale. The borders are where allocators change behaviour: a 4 KiB page,
# glibc malloc's 128 KiB switch to mmap, and 8 MiB as the least "large" array the suite must try.
SIZE_CLASSES: dict[str, tuple[int, int]] = {
    "empty": (0, 0),
    "0-d": (1, 16),
    "1B-4K": (1, 4 * KIB - 1),
    "4K-128K": (4 * KIB, 128 * KIB - 1),
    "128K-8M": (128 * KIB, 8 * MIB - 1),
    "8M-16M": (8 * MIB, 16 * MIB),
}


def _odd_first(offset: int, least: int, most: int) -> int:
    """Swap each pair of neighbouring offsets so that the simplest count of a range is odd: a vectorised loop's
    remainder is where alignment bugs live (torch.tensor copying unaligned complex128 crashes for odd counts only),
    and every run starts a case from its simplest example."""
    if least % 2:
        return offset
    swapped = offset ^ 1
    return swapped if least + swapped <= most else offset


def shapes(*, min_dims: int = 0, max_dims: int = 3, min_side: int = 0,
           max_side: int = 4) -> st.SearchStrategy[Shape]:
    """Array shapes, 0-d and zero-size dimensions included by default.

    Domain: tuples of ``min_dims..max_dims`` ints, each in ``min_side..max_side``.
    """
    for name, value in [("min_dims", min_dims), ("max_dims", max_dims),
                        ("min_side", min_side), ("max_side", max_side)]:
        check_int(name, value)
    check_order("min_dims", min_dims, "max_dims", max_dims)
    check_order("min_side", min_side, "max_side", max_side)
    check_order("max_dims", max_dims, "NumPy's limit", 32)
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side)


def nonempty_shapes(*, min_dims: int = 1, max_dims: int = 3, max_side: int = 4) -> st.SearchStrategy[Shape]:
    """Shapes with at least one element: every side is at least 1."""
    return shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side)


def multi_element_shapes(*, max_dims: int = 3, max_side: int = 4) -> st.SearchStrategy[Shape]:
    """Shapes with more than one element (at least one side of 2 or more)."""
    return nonempty_shapes(max_dims=max_dims, max_side=max(max_side, 2)).filter(lambda s: math.prod(s) > 1)


def single_element_shapes(*, min_dims: int = 0, max_dims: int = 4) -> st.SearchStrategy[Shape]:
    """Shapes holding exactly one element: ``()``, ``(1,)``, ``(1, 1)``, ..."""
    check_int("min_dims", min_dims)
    check_int("max_dims", max_dims)
    check_order("min_dims", min_dims, "max_dims", max_dims)
    return st.integers(min_dims, max_dims).map(lambda n: (1,) * n)


def sized_shapes(size: str, itemsize: int, *, min_dims: int = 1, max_dims: int = 4,
                 min_last: int = 1) -> st.SearchStrategy[Shape]:
    """Shapes whose arrays of ``itemsize``-byte elements fall in the size class ``size``.

    Domain: for "0-d", ``()``; for "empty", ``min_dims..max_dims`` sides with at
    least one 0; otherwise ``min_dims..max_dims`` sides whose product times ``itemsize`` lies in the
    class's byte range, the element count drawn on a log scale (so each power of
    two in the range is as likely as any other), shrinking towards the smallest
    odd count (see ``_odd_first``), the last side at least ``min_last`` (2 for a layout that steps
    or reverses the last axis: on an axis of one element a step is no stride at all).
    """
    check_choice("size", size, SIZE_CLASSES)
    check_int("itemsize", itemsize, minimum=1)
    check_int("min_dims", min_dims, minimum=1)
    check_int("max_dims", max_dims, minimum=1)
    check_order("min_dims", min_dims, "max_dims", max_dims)
    check_int("min_last", min_last, minimum=1)
    if size == "0-d":
        return st.just(())
    if size == "empty":
        return shapes(min_dims=min_dims, max_dims=max_dims, max_side=4).filter(lambda s: 0 in s)
    low, high = SIZE_CLASSES[size]
    low_count = max(1, -(-low // itemsize))
    high_count = max(low_count, high // itemsize)
    return _log_sized(low_count, high_count, min_dims, max_dims, min_last)


@st.composite
def _log_sized(draw: st.DrawFn, low: int, high: int, min_dims: int, max_dims: int, min_last: int = 1) -> Shape:
    exponent = draw(st.integers(low.bit_length() - 1, high.bit_length() - 1))
    least, most = max(low, 2**exponent), min(high, 2 ** (exponent + 1) - 1)
    count = least + _odd_first(draw(st.integers(0, most - least)), least, most)
    ndim = draw(st.integers(min_dims, max_dims))
    # with min_dims above 1 every side is at least 2, so that no axis is trivially contiguous
    least = 2 if min_dims > 1 else 1
    leading = [draw(st.integers(least, 4)) for _ in range(ndim - 1)]
    least_last = max(least, min_last)
    if math.prod(leading) * least_last > high:
        leading = [least] * (ndim - 1)
    last = max(least_last, -(-count // math.prod(leading)))
    if math.prod(leading) * last > high:
        last = max(least_last, high // math.prod(leading))
    return (*leading, last)
