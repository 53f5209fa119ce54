"""The DLPack claims between frameworks, and what the conversion matrix observes.

Every public conversion path between the frameworks is declared by the framework
that offers it (``conformance/frameworks/<key>.py``, ``paths``); the matrix runs
them all, per producer, dtype and layout, and records whether each shares memory,
copies, raises, crashes or gives wrong values, without a verdict. The DLPack
specification's and the array API's sentences about those paths are claims, here.
"""

import numpy as np

from conformance.claims._model import ALIASING_SIZES, Claim, Recipe
from conformance.claims._sources import ARRAY_API, DLPACK_DOCS
from conformance.domains import Domain
from conformance.frameworks import FRAMEWORKS

FOUR = ("numpy", "torch", "tf", "jax")
DEFAULT_LAYOUTS = tuple(FRAMEWORKS[key].default_layout for key in FOUR)
# dtypes all four frameworks store natively with jax_enable_x64 off
COMMON = ("bool", "int8", "int16", "int32", "uint8", "float16", "float32", "complex64")
DLPACK = "dlpack.from_dlpack"
NEEDS = ("torch", "tf", "jax")

CLAIMS = [
    Claim(id=f"{DLPACK}.zero_copy",
          statement="`from_dlpack(x)` of a contiguous CPU array from another framework is zero-copy: the result is a "
                    "view on `x`, for every ordered pair of NumPy, PyTorch, TensorFlow and JAX",
          source=f"{DLPACK_DOCS} (Semantics); {ARRAY_API}design_topics/data_interchange.html", needs=NEEDS,
          quote="If possible, this must be zero-copy (i.e. y will be a view on x).",
          domain=Domain(dtype=COMMON, layout=("C", "C16") + DEFAULT_LAYOUTS[1:], size=ALIASING_SIZES, producer=FOUR,
                        consumer=FOUR),
          reproduce=Recipe("{dlpack}", "shares(x, y)")),
    Claim(id=f"{DLPACK}.strided",
          statement="`from_dlpack(x)` of a non-contiguous array (Fortran-ordered, strided, reversed, transposed, "
                    "expanded) succeeds and gives `x`'s values: copying if it must, never refusing",
          source=f"{DLPACK_DOCS} (Semantics); {ARRAY_API}design_topics/data_interchange.html", needs=NEEDS,
          quote="DLPack describes the memory layout of dense, strided, n-dimensional arrays. [...] Zero-copy "
                "semantics where possible, making a copy only if needed (e.g. when data is not contiguous in memory).",
          domain=Domain(dtype=COMMON, layout=("F", "strided", "negative", "transposed", "step-sliced", "expanded"),
                        size=ALIASING_SIZES[1:], producer=("numpy", "torch"), consumer=FOUR),
          upstream=("https://github.com/pytorch/pytorch/issues/188023",
                    "https://github.com/tensorflow/tensorflow/issues/51598"),
          reproduce=Recipe("{dlpack}", "np.array_equal(values(y), values(x))")),
    Claim(id=f"{DLPACK}.bool",
          statement="`from_dlpack(x)` exchanges bool arrays between every pair of frameworks, with their values",
          source=f"{ARRAY_API}design_topics/data_interchange.html", needs=NEEDS,
          quote="Support for all dtypes in this API standard (see Data Types).",
          domain=Domain(dtype=("bool",), layout=DEFAULT_LAYOUTS, size=ALIASING_SIZES, producer=FOUR, consumer=FOUR),
          upstream=("https://github.com/dmlc/dlpack/issues/75",),
          reproduce=Recipe("{dlpack}", "np.array_equal(values(y), values(x))")),
    Claim(id=f"{DLPACK}.byte_order",
          statement="`from_dlpack(a)` of a NumPy array in non-native byte order never returns wrong values: DLPack's "
                    "data type has no byte order, so the export is refused (BufferError) or converted",
          source="https://dmlc.github.io/dlpack/latest/c_api.html (DLDataType: code, bits, lanes)", needs=NEEDS,
          domain=Domain(dtype=tuple(d for d in COMMON if np.dtype(d).itemsize > 1), layout=("byteswapped",),
                        size=ALIASING_SIZES, producer=("numpy",), consumer=FOUR[1:]),
          reproduce=Recipe("{dlpack}", "np.array_equal(values(y), a)", allows="Exception")),
    Claim(id=f"{DLPACK}.read_only",
          statement="`from_dlpack(a)` of a read-only NumPy array never gives a writable alias of it: the import is "
                    "refused, copied, or read-only",
          source="https://dmlc.github.io/dlpack/latest/c_api.html", needs=NEEDS,
          quote="DLPACK_FLAG_BITMASK_READ_ONLY: bit mask to indicate that the tensor is read only.",
          domain=Domain(dtype=COMMON, layout=("readonly",), size=ALIASING_SIZES, producer=("numpy",),
                        consumer=FOUR[1:]),
          upstream=("https://github.com/pytorch/pytorch/pull/188554", "https://github.com/numpy/numpy/issues/28599"),
          reproduce=Recipe("{dlpack}", "not (shares(x, y) and writable(y))", allows="Exception")),
]
