import numpy as np
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

_NUMERIC = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
            "uint64", "float16", "float32", "float64", "complex64", "complex128")

FRAMEWORK_DTYPES = {
    "numpy": _NUMERIC,
    # torch.from_numpy's docstring: "It currently accepts ndarray with dtypes of
    # numpy.float64, numpy.float32, numpy.float16, numpy.complex64, numpy.complex128,
    # numpy.int64, numpy.int32, numpy.int16, numpy.int8, numpy.uint8, and bool."
    "torch": ("bool", "int8", "int16", "int32", "int64", "uint8",
              "float16", "float32", "float64", "complex64", "complex128"),
    # tf.dtypes.as_dtype maps every NumPy numeric dtype above.
    "tf": _NUMERIC,
}

KINDS = {"b": "boolean", "i": "signed integer", "u": "unsigned integer",
         "f": "floating", "c": "complex"}


def dtypes(framework="numpy", *, kinds="biufc", byteorder="="):
    """NumPy dtypes that ``framework`` accepts, restricted to ``kinds``.

    Domain: the dtypes listed in ``FRAMEWORK_DTYPES[framework]`` whose
    ``dtype.kind`` is in ``kinds`` (a string of NumPy kind letters, "biufc").
    ``byteorder`` is "=" (native, the default) or "swapped" (non-native; only
    dtypes with an itemsize above 1 have a byte order to swap).
    """
    if framework not in FRAMEWORK_DTYPES:
        raise InvalidArgument(
            f"framework={framework!r} must be one of {sorted(FRAMEWORK_DTYPES)}")
    if not isinstance(kinds, str) or not kinds or set(kinds) - set(KINDS):
        raise InvalidArgument(f"kinds={kinds!r} must be a non-empty string of letters from 'biufc'")
    if byteorder not in ("=", "swapped"):
        raise InvalidArgument(f"byteorder={byteorder!r} must be '=' or 'swapped'")
    chosen = [np.dtype(name) for name in FRAMEWORK_DTYPES[framework]
              if np.dtype(name).kind in kinds]
    if byteorder == "swapped":
        chosen = [d.newbyteorder() for d in chosen if d.itemsize > 1]
    if not chosen:
        raise InvalidArgument(
            f"no {framework} dtype has kind in {kinds!r} with byteorder={byteorder!r}")
    return st.sampled_from(chosen)
