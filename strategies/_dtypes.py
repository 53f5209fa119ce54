from collections.abc import Sequence

import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from strategies._validate import check_choice

NUMERIC_DTYPES: tuple[str, ...] = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                                   "uint64", "float16", "float32", "float64", "complex64", "complex128")

KINDS = {"b": "boolean", "i": "signed integer", "u": "unsigned integer",
         "f": "floating", "c": "complex"}


def dtype_names(among: Sequence[str] = NUMERIC_DTYPES, *, kinds: str = "biufc") -> tuple[str, ...]:
    """The names in ``among`` (a library's dtypes; default: NumPy's numeric ones) whose ``dtype.kind`` is in
    ``kinds``, in ``among``'s order.

    This is the finite list a claim enumerates; :func:`dtypes` samples from it.
    """
    if isinstance(among, str) or not all(isinstance(name, str) for name in among):
        raise InvalidArgument(f"among={among!r} must be a sequence of dtype names")
    for name in among:
        try:
            np.dtype(name)
        except TypeError:
            raise InvalidArgument(f"among: {name!r} is not a NumPy dtype name") from None
    if not isinstance(kinds, str) or not kinds or set(kinds) - set(KINDS):
        raise InvalidArgument(f"kinds={kinds!r} must be a non-empty string of letters from 'biufc'")
    chosen = tuple(name for name in among if np.dtype(name).kind in kinds)
    if not chosen:
        raise InvalidArgument(f"no dtype of {tuple(among)} has kind in {kinds!r}")
    return chosen


def dtypes(among: Sequence[str] = NUMERIC_DTYPES, *, kinds: str = "biufc",
           byteorder: str = "=") -> st.SearchStrategy[np.dtype]:
    """NumPy dtypes from ``among`` restricted to ``kinds`` (see :func:`dtype_names`).

    ``byteorder`` is "=" (native, the default) or "swapped" (non-native; only
    dtypes wider than one byte have a byte order to swap).
    """
    check_choice("byteorder", byteorder, ("=", "swapped"))
    chosen = [np.dtype(name) for name in dtype_names(among, kinds=kinds)]
    if byteorder == "swapped":
        chosen = [d.newbyteorder() for d in chosen if d.itemsize > 1]
    if not chosen:
        raise InvalidArgument(f"no dtype of {tuple(among)} has kind in {kinds!r} with byteorder={byteorder!r}")
    return st.sampled_from(chosen)
