import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from strategies._validate import check_choice

_NUMERIC = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
            "uint64", "float16", "float32", "float64", "complex64", "complex128")

FRAMEWORK_DTYPES: dict[str, tuple[str, ...]] = {
    "numpy": _NUMERIC,
    # torch.from_numpy's docstring: "It currently accepts ndarray with dtypes of
    # numpy.float64, numpy.float32, numpy.float16, numpy.complex64, numpy.complex128,
    # numpy.int64, numpy.int32, numpy.int16, numpy.int8, numpy.uint8, and bool."
    "torch": ("bool", "int8", "int16", "int32", "int64", "uint8",
              "float16", "float32", "float64", "complex64", "complex128"),
    # tf.dtypes.as_dtype maps every NumPy numeric dtype above.
    "tf": _NUMERIC,
    # jax.numpy's numeric dtypes (docs: "Supported data types"), NumPy's list. With
    # jax_enable_x64 off, the 64-bit ones are stored as their 32-bit counterparts.
    "jax": _NUMERIC,
}

KINDS = {"b": "boolean", "i": "signed integer", "u": "unsigned integer",
         "f": "floating", "c": "complex"}


def dtype_names(framework: str = "numpy", *, kinds: str = "biufc") -> tuple[str, ...]:
    """Names of the dtypes ``framework`` accepts whose ``dtype.kind`` is in ``kinds``, in a fixed order.

    This is the finite list a claim enumerates; :func:`dtypes` samples from it.
    """
    check_choice("framework", framework, sorted(FRAMEWORK_DTYPES))
    if not isinstance(kinds, str) or not kinds or set(kinds) - set(KINDS):
        raise InvalidArgument(f"kinds={kinds!r} must be a non-empty string of letters from 'biufc'")
    chosen = tuple(name for name in FRAMEWORK_DTYPES[framework] if np.dtype(name).kind in kinds)
    if not chosen:
        raise InvalidArgument(f"no {framework} dtype has kind in {kinds!r}")
    return chosen


def dtypes(framework: str = "numpy", *, kinds: str = "biufc",
           byteorder: str = "=") -> st.SearchStrategy[np.dtype]:
    """NumPy dtypes that ``framework`` accepts, restricted to ``kinds``.

    Domain: the dtypes of :func:`dtype_names`. ``byteorder`` is "=" (native, the
    default) or "swapped" (non-native; only dtypes wider than one byte have a byte
    order to swap).
    """
    check_choice("byteorder", byteorder, ("=", "swapped"))
    chosen = [np.dtype(name) for name in dtype_names(framework, kinds=kinds)]
    if byteorder == "swapped":
        chosen = [d.newbyteorder() for d in chosen if d.itemsize > 1]
    if not chosen:
        raise InvalidArgument(f"no {framework} dtype has kind in {kinds!r} with byteorder={byteorder!r}")
    return st.sampled_from(chosen)
