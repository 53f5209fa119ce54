"""Assertion helpers with one message format. An AssertionError is a refutation; anything else is an error.

Every helper sets ``__tracebackhide__`` so that a refutation's traceback points
at the claim test, not here.
"""

import warnings

import numpy as np


def first_index(shape) -> tuple:
    return (0,) * len(shape)


def fresh_value(current):
    """A value of the same kind that differs from ``current`` and is exact in every dtype."""
    if isinstance(current, (bool, np.bool_)):
        return not current
    return 0 if current != 0 else 1


def element(x, index):
    """The Python value at ``index`` of an ndarray, a torch tensor, a TF tensor or a jax array."""
    if hasattr(x, "data_ptr"):
        return x.detach()[index].item()
    if isinstance(x, np.ndarray):
        return x[index].item()
    if hasattr(x, "numpy"):
        return np.asarray(x.numpy())[index].item()
    return np.asarray(x)[index].item()


def writable(x) -> bool:
    if isinstance(x, np.ndarray):
        return bool(x.flags.writeable)
    return hasattr(x, "data_ptr") and not getattr(x, "requires_grad", False)


def byte_range(x) -> tuple[int, int]:
    """[start, end) of the memory ``x`` spans: an ndarray, a torch tensor, a TF tensor (read through its zero-copy
    memoryview) or a jax array."""
    if hasattr(x, "data_ptr"):
        return _span(x.data_ptr(), tuple(x.shape), tuple(s * x.element_size() for s in x.stride()), x.element_size())
    if hasattr(x, "unsafe_buffer_pointer"):
        return x.unsafe_buffer_pointer(), x.unsafe_buffer_pointer() + x.nbytes
    if not isinstance(x, np.ndarray):
        x = np.asarray(memoryview(x))
    return _span(x.__array_interface__["data"][0], x.shape, x.strides, x.itemsize)


def _span(start: int, shape: tuple, strides: tuple, itemsize: int) -> tuple[int, int]:
    if 0 in shape:
        return start, start
    low = start + sum(s * (n - 1) for s, n in zip(strides, shape) if s < 0)
    high = start + sum(s * (n - 1) for s, n in zip(strides, shape) if s > 0) + itemsize
    return low, high


def overlaps(x, y) -> bool:
    (a0, a1), (b0, b1) = byte_range(x), byte_range(y)
    return a0 < b1 and b0 < a1


def _check_alias(x, y, what: str, is_alias: bool, index: tuple | None) -> None:
    __tracebackhide__ = True
    if 0 in tuple(y.shape):
        raise ValueError(f"{what}: aliasing of a zero-size array cannot be observed; "
                         "keep empty arrays out of the domain")
    index = first_index(y.shape) if index is None else index
    sides = [(w, r) for w, r in ((x, y), (y, x)) if writable(w)]
    for write_to, read_from in sides:
        before = element(read_from, index)
        new = fresh_value(element(write_to, index))
        write_to[index] = new
        seen = element(read_from, index)
        if is_alias and seen != new:
            raise AssertionError(f"{what}: not shared: wrote {new!r} at {index} into {_kind(write_to)}, "
                                 f"{_kind(read_from)} still reads {seen!r}")
        if not is_alias and seen != before:
            raise AssertionError(f"{what}: not independent: wrote {new!r} at {index} into {_kind(write_to)}, "
                                 f"{_kind(read_from)} changed from {before!r} to {seen!r}")
    if not sides and overlaps(x, y) != is_alias:
        verb = "do not overlap" if is_alias else "overlap"
        raise AssertionError(f"{what}: the buffers {verb}: {_kind(x)} at {byte_range(x)[0]:#x}, "
                             f"{_kind(y)} at {byte_range(y)[0]:#x}")


def assert_aliases(x, y, what: str, index: tuple | None = None) -> None:
    """``x`` and ``y`` are views of one memory: a write through either writable side shows in the other
    (where neither can be written, their buffers overlap)."""
    __tracebackhide__ = True
    _check_alias(x, y, what, True, index)


def assert_independent(x, y, what: str, index: tuple | None = None) -> None:
    """``x`` and ``y`` share nothing: a write through either writable side leaves the other unchanged
    (where neither can be written, their buffers do not overlap)."""
    __tracebackhide__ = True
    _check_alias(x, y, what, False, index)


def assert_overlap(x, y, what: str, expected: bool = True) -> None:
    """The buffers of ``x`` and ``y`` overlap in memory (or, with ``expected=False``, do not)."""
    __tracebackhide__ = True
    if overlaps(x, y) != expected:
        verb = "is a copy" if expected else "shares memory"
        raise AssertionError(f"{what} {verb}: {_kind(x)} spans {_hex(byte_range(x))}, {_kind(y)} {_hex(byte_range(y))}")


def _hex(span: tuple[int, int]) -> str:
    return f"{span[0]:#x}..{span[1]:#x}"


def _kind(x) -> str:
    shape = tuple(x.shape)
    return f"{type(x).__name__}{shape} {getattr(x, 'dtype', '')}".rstrip()


def assert_raises(expected, call, what: str, match: str | None = None):
    """``call()`` must raise ``expected`` (whose message contains ``match``); returns the exception."""
    __tracebackhide__ = True
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = call()
    except expected as exc:
        if match is not None and match not in str(exc):
            raise AssertionError(f"{what}: raised {type(exc).__name__} as expected, but its message "
                                 f"{str(exc)!r} lacks {match!r}") from None
        return exc
    except Exception as exc:
        raise AssertionError(f"{what}: expected {_name(expected)}, got {type(exc).__name__}: {exc}") from None
    noted = "".join(f" (with {w.category.__name__}: {w.message})" for w in caught)
    raise AssertionError(f"{what}: expected {_name(expected)}, nothing raised; returned {result!r:.200}{noted}")


def returns(call, what: str):
    """``call()``'s result; an exception from it refutes the claim rather than breaking the test."""
    __tracebackhide__ = True
    try:
        return call()
    except Exception as exc:
        raise AssertionError(f"{what}: raised {type(exc).__name__}: {exc}") from None


def assert_equal(actual, expected, what: str) -> None:
    __tracebackhide__ = True
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}")


def assert_arrays_equal(actual, expected, what: str) -> None:
    __tracebackhide__ = True
    actual, expected = np.asarray(actual), np.asarray(expected)
    if actual.shape != expected.shape or actual.dtype != expected.dtype:
        raise AssertionError(f"{what}: expected shape {expected.shape} {expected.dtype}, "
                             f"got {actual.shape} {actual.dtype}")
    if not np.array_equal(actual, expected, equal_nan=actual.dtype.kind in "fc"):
        raise AssertionError(f"{what}: values differ: expected {_summary(expected)}, got {_summary(actual)}")


def _summary(array: np.ndarray) -> str:
    return np.array2string(array, threshold=8, edgeitems=2) if array.size > 8 else repr(array)


def _name(expected) -> str:
    if isinstance(expected, tuple):
        return " or ".join(e.__name__ for e in expected)
    return expected.__name__
