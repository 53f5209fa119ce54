"""Assertion helpers with one message format and one vocabulary of outcome classes.

A failed assertion raises :class:`~conformance.verdicts.Refuted`, an AssertionError
that carries the kind of failure it saw (``copies``, ``shares memory``,
``raises ValueError``, ...): the case's outcome class. Anything else a test raises
is an error of the test. Arrays of every framework are read through the registry
(:func:`conformance.frameworks.framework_of`). Every helper sets
``__tracebackhide__`` so that a refutation's traceback points at the claim test.
"""

import warnings

import numpy as np

from conformance.frameworks import framework_of
from conformance.verdicts import Refuted, raised


def refute(message: str, outcome: str):
    """Refute the claim: ``outcome`` is the kind of failure (see :class:`~conformance.verdicts.Refuted`)."""
    __tracebackhide__ = True
    raise Refuted(message, outcome)


def first_index(shape) -> tuple:
    return (0,) * len(shape)


def fresh_value(current):
    """A value of the same kind that differs from ``current`` and is exact in every dtype."""
    if isinstance(current, (bool, np.bool_)):
        return not current
    return 0 if current != 0 else 1


def _fw(x):
    fw = framework_of(x)
    if fw is None:
        raise TypeError(f"no framework in the registry owns a {type(x).__module__}.{type(x).__name__}")
    return fw


def element(x, index):
    """The Python value at ``index`` of any framework's array."""
    return _fw(x).element(x, index)


def writable(x) -> bool:
    return _fw(x).writable(x)


def byte_range(x) -> tuple[int, int]:
    return _fw(x).byte_range(x)


def overlaps(x, y) -> bool:
    """Whether the memory of ``x`` and ``y`` intersects (never across address spaces: host, each device)."""
    if _fw(x).address_space(x) != _fw(y).address_space(y):
        return False
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
        _fw(write_to).set_element(write_to, index, new)
        _fw(write_to).synchronize(write_to)  # a device write is asynchronous; the reader may use another stream
        seen = element(read_from, index)
        if is_alias and seen != new:
            refute(f"{what}: not shared: wrote {new!r} at {index} into {_kind(write_to)}, "
                   f"{_kind(read_from)} still reads {seen!r}", "copies")
        if not is_alias and seen != before:
            refute(f"{what}: not independent: wrote {new!r} at {index} into {_kind(write_to)}, "
                   f"{_kind(read_from)} changed from {before!r} to {seen!r}", "shares memory")
    if not sides and overlaps(x, y) != is_alias:
        verb = "do not overlap" if is_alias else "overlap"
        refute(f"{what}: the buffers {verb}: {_kind(x)} at {byte_range(x)[0]:#x}, {_kind(y)} at {byte_range(y)[0]:#x}",
               "copies" if is_alias else "shares memory")


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


def assert_shares(a: np.ndarray, y, what: str) -> None:
    """``y`` is over the ndarray ``a``'s memory: by writes, or, for a read-only ``a`` (which must not be written),
    by address."""
    __tracebackhide__ = True
    if a.flags.writeable:
        _check_alias(a, y, what, True, None)
    else:
        assert_overlap(a, y, what)


def assert_overlap(x, y, what: str, expected: bool = True) -> None:
    """The buffers of ``x`` and ``y`` overlap in memory (or, with ``expected=False``, do not)."""
    __tracebackhide__ = True
    if overlaps(x, y) != expected:
        verb = "is a copy" if expected else "shares memory"
        refute(f"{what} {verb}: {_kind(x)} spans {_hex(byte_range(x))}, {_kind(y)} {_hex(byte_range(y))}",
               "copies" if expected else "shares memory")


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
            refute(f"{what}: raised {type(exc).__name__} as expected, but its message {str(exc)!r} lacks {match!r}",
                   f"{raised(exc)} with another message")
        return exc
    except Exception as exc:
        refute(f"{what}: expected {_name(expected)}, got {type(exc).__name__}: {exc}", raised(exc))
    noted = "".join(f" (with {w.category.__name__}: {w.message})" for w in caught)
    refute(f"{what}: expected {_name(expected)}, nothing raised; returned {result!r:.200}{noted}", "no exception")


def returns(call, what: str):
    """``call()``'s result; an exception from it refutes the claim rather than breaking the test."""
    __tracebackhide__ = True
    try:
        return call()
    except Exception as exc:
        refute(f"{what}: raised {type(exc).__name__}: {exc}", raised(exc))


def assert_equal(actual, expected, what: str, outcome: str = "wrong value") -> None:
    __tracebackhide__ = True
    if actual != expected:
        refute(f"{what}: expected {expected!r}, got {actual!r}", outcome)


def assert_arrays_equal(actual, expected, what: str) -> None:
    __tracebackhide__ = True
    actual, expected = np.asarray(actual), np.asarray(expected)
    if actual.shape != expected.shape:
        refute(f"{what}: expected shape {expected.shape}, got {actual.shape}", "wrong shape")
    if actual.dtype != expected.dtype:
        refute(f"{what}: expected dtype {expected.dtype}, got {actual.dtype}", "wrong dtype")
    if not np.array_equal(actual, expected, equal_nan=actual.dtype.kind in "fc"):
        refute(f"{what}: values differ: expected {_summary(expected)}, got {_summary(actual)}", "wrong values")


def assert_device(x, device: str, what: str) -> None:
    """``x`` lives on ``device`` (a registry device name: ``cpu``, ``cpu:1``, ``cuda:0``, ...)."""
    __tracebackhide__ = True
    found = _fw(x).device_of(x)
    if found != device:
        refute(f"{what}: on {found}, not on {device}", "wrong device")


def _summary(array: np.ndarray) -> str:
    return np.array2string(array, threshold=8, edgeitems=2) if array.size > 8 else repr(array)


def _name(expected) -> str:
    if isinstance(expected, tuple):
        return " or ".join(e.__name__ for e in expected)
    return expected.__name__
