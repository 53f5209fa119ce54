"""Assertion helpers with precise messages. An AssertionError is a refutation; anything else is an error."""

import warnings

import numpy as np


def first_index(shape):
    return (0,) * len(shape)


def fresh_value(current):
    """A value of the same kind that differs from ``current`` and is exact in every dtype."""
    if isinstance(current, (bool, np.bool_)):
        return not current
    return 0 if current != 0 else 1


def element(x, index):
    """The Python value at ``index`` of an ndarray, a torch tensor or a TF tensor."""
    if hasattr(x, "data_ptr"):
        return x.detach()[index].item()
    if isinstance(x, np.ndarray):
        return x[index].item()
    return np.asarray(x.numpy())[index].item()


def address(x):
    """Data address of an ndarray, a torch tensor, or a TF tensor (through its zero-copy memoryview)."""
    if hasattr(x, "data_ptr"):
        return x.data_ptr()
    if not isinstance(x, np.ndarray):
        x = np.asarray(memoryview(x))
    return x.__array_interface__["data"][0]


def _write_through(write_to, read_from, index):
    new = fresh_value(element(write_to, index))
    write_to[index] = new
    return new, element(read_from, index)


def assert_write_visible(write_to, read_from, what, index=None):
    index = first_index(read_from.shape) if index is None else index
    new, seen = _write_through(write_to, read_from, index)
    if seen != new:
        raise AssertionError(f"{what}: wrote {new!r} at {index} but the other side still reads {seen!r} "
                             f"(addresses {address(write_to):#x} and {address(read_from):#x})")


def assert_write_invisible(write_to, read_from, what, index=None):
    index = first_index(read_from.shape) if index is None else index
    before = element(read_from, index)
    new, seen = _write_through(write_to, read_from, index)
    if seen != before:
        raise AssertionError(f"{what}: wrote {new!r} at {index} and the other side changed "
                             f"from {before!r} to {seen!r}")


def assert_shares_memory(array, other, what, expected=True):
    """``array`` and ``other`` (an ndarray, or a TF tensor read through its memoryview) overlap in memory, or don't."""
    buffer = other if isinstance(other, np.ndarray) else np.asarray(memoryview(other))
    if np.shares_memory(array, buffer) != expected:
        verb = "is a copy" if expected else "shares memory"
        raise AssertionError(f"{what} {verb}: {array.shape} {array.dtype} at {address(array):#x}, "
                             f"the other side at {address(buffer):#x}")


def assert_raises(expected, call, what, match=None):
    """``call()`` must raise ``expected`` (whose message contains ``match``); returns the exception."""
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
    raise AssertionError(f"{what}: expected {_name(expected)}, nothing raised; returned {result!r}{noted}")


def returns(call, what):
    """``call()``'s result; an exception from it refutes the claim rather than breaking the test."""
    try:
        return call()
    except Exception as exc:
        raise AssertionError(f"{what}: raised {type(exc).__name__}: {exc}") from None


def assert_equal(actual, expected, what):
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}")


def assert_arrays_equal(actual, expected, what):
    actual, expected = np.asarray(actual), np.asarray(expected)
    if actual.shape != expected.shape or actual.dtype != expected.dtype:
        raise AssertionError(f"{what}: expected shape {expected.shape} {expected.dtype}, "
                             f"got {actual.shape} {actual.dtype}")
    if not np.array_equal(actual, expected, equal_nan=actual.dtype.kind in "fc"):
        raise AssertionError(f"{what}: values differ: expected {expected!r}, got {actual!r}")


def _name(expected):
    if isinstance(expected, tuple):
        return " or ".join(e.__name__ for e in expected)
    return expected.__name__
