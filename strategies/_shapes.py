from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.extra import numpy as hnp


def _check_int(name, value, minimum=0):
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be an int")
    if value < minimum:
        raise InvalidArgument(f"{name}={value!r} must be at least {minimum}")


def shapes(*, min_dims=0, max_dims=3, min_side=0, max_side=4):
    """Array shapes, 0-d and zero-size dimensions included by default.

    Domain: tuples of ``min_dims..max_dims`` ints, each in
    ``min_side..max_side``. ``min_dims=0`` admits the 0-d shape ``()``;
    ``min_side=0`` admits zero-size arrays.
    """
    for name, value in [("min_dims", min_dims), ("max_dims", max_dims),
                        ("min_side", min_side), ("max_side", max_side)]:
        _check_int(name, value)
    if min_dims > max_dims:
        raise InvalidArgument(f"min_dims={min_dims} is larger than max_dims={max_dims}")
    if min_side > max_side:
        raise InvalidArgument(f"min_side={min_side} is larger than max_side={max_side}")
    if max_dims > 32:
        raise InvalidArgument(f"max_dims={max_dims} is over NumPy's limit of 32")
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims,
                            min_side=min_side, max_side=max_side)


def nonempty_shapes(*, min_dims=1, max_dims=3, max_side=4):
    """Shapes with at least one element: every side is at least 1."""
    return shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=max_side)


def multi_element_shapes(*, max_dims=3, max_side=4):
    """Shapes with more than one element (at least one side of 2 or more)."""
    return nonempty_shapes(max_dims=max_dims, max_side=max(max_side, 2)).filter(
        lambda shape: _size(shape) > 1)


def single_element_shapes(*, max_dims=4):
    """Shapes holding exactly one element: ``()``, ``(1,)``, ``(1, 1)``, ..."""
    _check_int("max_dims", max_dims)
    return st.integers(0, max_dims).map(lambda n: (1,) * n)


def _size(shape):
    n = 1
    for side in shape:
        n *= side
    return n
