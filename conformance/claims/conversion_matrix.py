"""The DLPack claims between frameworks, and what the conversion matrix observes.

Every public conversion path between the frameworks is declared by the framework
that offers it (``conformance/frameworks/<key>.py``, ``paths``); the matrix runs
them all, per producer, dtype and layout, and records whether each shares memory,
copies, raises, crashes or gives wrong values, without a verdict. The DLPack
specification's and the array API's sentences about those paths are claims, here.
"""

import numpy as np

from conformance.claims._model import ALIASING_SIZES, HOST, NONSCALAR_SIZES, Claim, Narrowed, Recipe
from conformance.claims._sources import ARRAY_API, DLPACK_DOCS
from conformance.domains import Domain
from conformance.frameworks import FRAMEWORKS
from conformance.frameworks.tf import DLPACK_BOOL as TF_DLPACK_BOOL
from conformance.frameworks.torch import DLPACK_BOOL as TORCH_DLPACK_BOOL
from conformance.upstream import Upstream

FOUR = ("numpy", "torch", "tf", "jax")
DEFAULT_LAYOUTS = tuple(FRAMEWORKS[key].default_layout for key in FOUR)
COMMON = Narrowed(("bool", "int8", "int16", "int32", "uint8", "float16", "float32", "complex64"),
                  why="the dtypes all four frameworks store as themselves: without x64 JAX narrows the 64-bit ones "
                  "(dtype.x64.jax's sentence), so their cases would measure that, not DLPack")
CONTIGUOUS = Narrowed(("C", "C16") + DEFAULT_LAYOUTS[1:], why="the sentence is about contiguous arrays (the "
                      "non-contiguous ones are dlpack.from_dlpack.strided's)")
STRIDED = Narrowed(("F", "strided", "negative", "transposed", "step-sliced", "expanded"),
                   why="the sentence is about non-contiguous arrays")
DLPACK = "dlpack.from_dlpack"
NEEDS = ("torch", "tf", "jax")

CLAIMS = [
    Claim(id=f"{DLPACK}.zero_copy",
          statement="`from_dlpack(x)` of a contiguous CPU array from another framework is zero-copy: the result is a "
                    "view on `x`, for every ordered pair of NumPy, PyTorch, TensorFlow and JAX",
          source=f"{DLPACK_DOCS} (Semantics); {ARRAY_API}design_topics/data_interchange.html", needs=NEEDS,
          quote="If possible, this must be zero-copy (i.e. y will be a view on x).",
          domain=Domain(dtype=COMMON, layout=CONTIGUOUS, size=ALIASING_SIZES, producer=FOUR, consumer=FOUR,
                        device=HOST),
          known=(
              Upstream(where=("consumer=jax",), outcome="copies",
                       links=("https://github.com/jax-ml/jax/issues/29810 (closed: the same silent copy of a buffer "
                              "XLA:CPU finds misaligned)",
                              "https://github.com/jax-ml/jax/pull/29963 (merged, jax 0.8.1: copy=False now raises "
                              "on such a buffer; the default still copies)",
                              "https://github.com/dmlc/dlpack/issues/99 (open: DLPack's alignment requirement on "
                              "data is unsettled)"),
                       fixed_in="not fixed: JAX copies a buffer that is not 64-byte aligned by design; since jax "
                                "0.8.1 only copy=False refuses it"),
              Upstream(where=("producer=tf",), outcome="raises", act="tf",
                       links=("https://github.com/tensorflow/tensorflow/issues/61769 (the TensorFlow tensor has no "
                              "__dlpack__, so no consumer can import it)",),
                       fixed_in="TensorFlow 2.21.0, whose tensors have __dlpack__ (2.19.1's do not; 2.20 not "
                                "checked)"),
              TF_DLPACK_BOOL.at("consumer=tf", "dtype=bool"),
              TORCH_DLPACK_BOOL.at("consumer=torch", "dtype=bool"),
          ),
          reproduce=Recipe("{dlpack}", "shares(x, y)")),
    Claim(id=f"{DLPACK}.strided",
          statement="`from_dlpack(x)` of a non-contiguous array (Fortran-ordered, strided, reversed, transposed, "
                    "expanded) succeeds and gives `x`'s values: copying if it must, never refusing",
          source=f"{DLPACK_DOCS} (Semantics); {ARRAY_API}design_topics/data_interchange.html", needs=NEEDS,
          quote="DLPack describes the memory layout of dense, strided, n-dimensional arrays. [...] Zero-copy "
                "semantics where possible, making a copy only if needed (e.g. when data is not contiguous in memory).",
          domain=Domain(dtype=COMMON, layout=STRIDED, size=NONSCALAR_SIZES, producer=("numpy", "torch"),
                        consumer=FOUR, device=HOST),
          upstream=("https://github.com/pytorch/pytorch/issues/188023", "https://github.com/pytorch/pytorch/pull/188047",
                    "https://github.com/tensorflow/tensorflow/issues/51598"),
          reproduce=Recipe("{dlpack}", "np.array_equal(values(y), values(x))")),
    Claim(id=f"{DLPACK}.bool",
          statement="`from_dlpack(x)` exchanges bool arrays between every pair of frameworks, with their values",
          source=f"{ARRAY_API}design_topics/data_interchange.html", needs=NEEDS,
          quote="Support for all dtypes in this API standard (see Data Types).",
          domain=Domain(dtype=Narrowed(("bool",), why="the sentence is about bool"),
                        layout=Narrowed(DEFAULT_LAYOUTS, why="whether bool is exchanged at all: each producer's own "
                                        "contiguous layout"),
                        size=ALIASING_SIZES, producer=FOUR, consumer=FOUR, device=HOST),
          upstream=("https://github.com/dmlc/dlpack/issues/75",),
          reproduce=Recipe("{dlpack}", "np.array_equal(values(y), values(x))")),
    Claim(id=f"{DLPACK}.byte_order",
          statement="`from_dlpack(a)` of a NumPy array in non-native byte order never returns wrong values: DLPack's "
                    "data type has no byte order, so the export is refused (BufferError) or converted",
          source="https://dmlc.github.io/dlpack/latest/c_api.html (DLDataType: code, bits, lanes)", needs=NEEDS,
          domain=Domain(dtype=Narrowed(tuple(d for d in COMMON if np.dtype(d).itemsize > 1),
                                       why=f"a one-byte dtype has no byte order; {COMMON.why}"),
                        layout=Narrowed(("byteswapped",), why="the sentence is about non-native byte order"),
                        size=ALIASING_SIZES, producer=("numpy",), consumer=FOUR[1:], device=HOST),
          reproduce=Recipe("{dlpack}", "np.array_equal(values(y), a)", allows="Exception")),
    Claim(id=f"{DLPACK}.read_only",
          statement="`from_dlpack(a)` of a read-only NumPy array never gives a writable alias of it: the import is "
                    "refused, copied, or read-only",
          source="https://dmlc.github.io/dlpack/latest/c_api.html", needs=NEEDS,
          quote="DLPACK_FLAG_BITMASK_READ_ONLY: bit mask to indicate that the tensor is read only.",
          domain=Domain(dtype=COMMON, layout=Narrowed(("readonly",), why="the sentence is about read-only arrays"),
                        size=ALIASING_SIZES, producer=("numpy",), consumer=FOUR[1:], device=HOST),
          upstream=("https://github.com/pytorch/pytorch/pull/188554", "https://github.com/numpy/numpy/issues/28599"),
          reproduce=Recipe("{dlpack}", "not (shares(x, y) and writable(y))", allows="Exception")),
]
