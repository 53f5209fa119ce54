"""The conversion matrix: every public path between NumPy, PyTorch, TensorFlow and JAX, and the DLPack claims.

``PATHS`` are observation rows: a path whose behaviour no document states is run
and its outcome (shares memory, copies, raises, crashes, or gives wrong values)
recorded per dtype and layout, without a verdict. The DLPack specification's and
the array API's sentences are claims, in ``CLAIMS``.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

import strategies as S
from conformance.claims._model import ALIASING_SIZES, Claim
from conformance.claims._sources import ARRAY_API, DLPACK_DOCS
from conformance.domains import JAX_SOURCES, TF_SOURCES, TORCH_LAYOUTS, Domain

FRAMEWORKS = ("numpy", "torch", "tf", "jax")
PRODUCER_LAYOUTS = {"numpy": S.LAYOUTS, "torch": TORCH_LAYOUTS, "tf": TF_SOURCES, "jax": JAX_SOURCES}
WIDE = ("int64", "uint64", "float64", "complex128")
PRODUCER_DTYPES = {"numpy": S.dtype_names("numpy"), "torch": S.dtype_names("torch"), "tf": S.dtype_names("tf"),
                   "jax": tuple(d for d in S.dtype_names("jax") if d not in WIDE)}
# dtypes all four frameworks store natively with jax_enable_x64 off
COMMON = ("bool", "int8", "int16", "int32", "uint8", "float16", "float32", "complex64")


@dataclass(frozen=True)
class Path:
    name: str
    producer: str
    consumer: str
    convert: Callable


def _paths() -> list[Path]:
    tf_capsule = "tf.experimental.dlpack.from_dlpack(x.__dlpack__())"
    rows = [
        ("torch.from_numpy", "numpy", "torch", lambda f, x: f.torch.from_numpy(x)),
        ("torch.as_tensor", "numpy", "torch", lambda f, x: f.torch.as_tensor(x)),
        ("torch.asarray", "numpy", "torch", lambda f, x: f.torch.asarray(x)),
        ("torch.tensor", "numpy", "torch", lambda f, x: f.torch.tensor(x)),
        ("torch.from_dlpack", "numpy", "torch", lambda f, x: f.torch.from_dlpack(x)),
        ("tf.constant", "numpy", "tf", lambda f, x: f.tf.constant(x)),
        ("tf.convert_to_tensor", "numpy", "tf", lambda f, x: f.tf.convert_to_tensor(x)),
        (tf_capsule, "numpy", "tf", lambda f, x: f.tf.experimental.dlpack.from_dlpack(x.__dlpack__())),
        ("jnp.asarray", "numpy", "jax", lambda f, x: f.jnp.asarray(x)),
        ("jnp.array", "numpy", "jax", lambda f, x: f.jnp.array(x)),
        ("jnp.from_dlpack", "numpy", "jax", lambda f, x: f.jnp.from_dlpack(x)),
        ("jax.device_put", "numpy", "jax", lambda f, x: f.jax.device_put(x)),
        ("t.numpy()", "torch", "numpy", lambda f, x: x.numpy()),
        ("np.asarray", "torch", "numpy", lambda f, x: np.asarray(x)),
        ("np.from_dlpack", "torch", "numpy", lambda f, x: np.from_dlpack(x)),
        (tf_capsule, "torch", "tf", lambda f, x: f.tf.experimental.dlpack.from_dlpack(x.__dlpack__())),
        ("tf.convert_to_tensor", "torch", "tf", lambda f, x: f.tf.convert_to_tensor(x)),
        ("jnp.from_dlpack", "torch", "jax", lambda f, x: f.jnp.from_dlpack(x)),
        ("jnp.asarray", "torch", "jax", lambda f, x: f.jnp.asarray(x)),
        ("t.numpy()", "tf", "numpy", lambda f, x: x.numpy()),
        ("np.asarray", "tf", "numpy", lambda f, x: np.asarray(x)),
        ("np.from_dlpack", "tf", "numpy", lambda f, x: np.from_dlpack(x)),
        ("memoryview (buffer protocol)", "tf", "numpy", lambda f, x: np.asarray(memoryview(x))),
        ("torch.from_dlpack", "tf", "torch", lambda f, x: f.torch.from_dlpack(x)),
        ("torch.from_dlpack(tf...to_dlpack(t))", "tf", "torch",
         lambda f, x: f.torch.from_dlpack(f.tf.experimental.dlpack.to_dlpack(x))),
        ("torch.asarray", "tf", "torch", lambda f, x: f.torch.asarray(x)),
        ("jnp.from_dlpack", "tf", "jax", lambda f, x: f.jnp.from_dlpack(x)),
        ("jnp.asarray", "tf", "jax", lambda f, x: f.jnp.asarray(x)),
        ("np.asarray", "jax", "numpy", lambda f, x: np.asarray(x)),
        ("np.from_dlpack", "jax", "numpy", lambda f, x: np.from_dlpack(x)),
        ("torch.from_dlpack", "jax", "torch", lambda f, x: f.torch.from_dlpack(x)),
        ("torch.asarray", "jax", "torch", lambda f, x: f.torch.asarray(x)),
        (tf_capsule, "jax", "tf", lambda f, x: f.tf.experimental.dlpack.from_dlpack(x.__dlpack__())),
        ("tf.convert_to_tensor", "jax", "tf", lambda f, x: f.tf.convert_to_tensor(x)),
    ]
    return [Path(*row) for row in rows]


PATHS = _paths()
NEEDS = {"numpy": (), "torch": ("torch",), "tf": ("tf",), "jax": ("jax",)}


def from_dlpack(f, consumer: str, x):
    """The consumer's own DLPack import of ``x`` (TensorFlow takes the capsule)."""
    if consumer == "numpy":
        return np.from_dlpack(x)
    if consumer == "torch":
        return f.torch.from_dlpack(x)
    if consumer == "jax":
        return f.jnp.from_dlpack(x)
    return f.tf.experimental.dlpack.from_dlpack(x.__dlpack__())


def _pairs(producers_layouts: dict, consumers=FRAMEWORKS) -> tuple[str, ...]:
    return tuple(f"{p}({layout})→{c}" if layout else f"{p}→{c}"
                 for p, layouts in producers_layouts.items() for layout in layouts for c in consumers if c != p)


ZERO_COPY_PAIRS = _pairs({"numpy": ("C", "C16"), "torch": ("",), "tf": ("",), "jax": ("",)})
STRIDED_PAIRS = _pairs({"numpy": ("F", "strided", "negative"), "torch": ("transposed", "step-sliced", "expanded")})
FROM_NUMPY = ("numpy→torch", "numpy→tf", "numpy→jax")
DLPACK = "dlpack.from_dlpack"

CLAIMS = [
    Claim(id=f"{DLPACK}.zero_copy",
          statement="`from_dlpack(x)` of a contiguous CPU array from another framework is zero-copy: the result is a "
                    "view on `x`, for every ordered pair of NumPy, PyTorch, TensorFlow and JAX",
          source=f"{DLPACK_DOCS} (Semantics); {ARRAY_API}design_topics/data_interchange.html",
          needs=("torch", "tf", "jax"),
          quote="If possible, this must be zero-copy (i.e. y will be a view on x).",
          domain=Domain(dtypes=COMMON, inputs=ZERO_COPY_PAIRS, sizes=ALIASING_SIZES)),
    Claim(id=f"{DLPACK}.strided",
          statement="`from_dlpack(x)` of a non-contiguous array (Fortran-ordered, strided, reversed, transposed, "
                    "expanded) succeeds and gives `x`'s values: copying if it must, never refusing",
          source=f"{DLPACK_DOCS} (Semantics); {ARRAY_API}design_topics/data_interchange.html",
          needs=("torch", "tf", "jax"),
          quote="DLPack describes the memory layout of dense, strided, n-dimensional arrays. [...] Zero-copy "
                "semantics where possible, making a copy only if needed (e.g. when data is not contiguous in memory).",
          domain=Domain(dtypes=COMMON, inputs=STRIDED_PAIRS, sizes=ALIASING_SIZES[1:]),
          upstream=("https://github.com/pytorch/pytorch/issues/188023",
                    "https://github.com/tensorflow/tensorflow/issues/51598")),
    Claim(id=f"{DLPACK}.bool",
          statement="`from_dlpack(x)` exchanges bool arrays between every pair of frameworks, with their values",
          source=f"{ARRAY_API}design_topics/data_interchange.html", needs=("torch", "tf", "jax"),
          quote="Support for all dtypes in this API standard (see Data Types).",
          domain=Domain(dtypes=("bool",), inputs=_pairs({p: ("",) for p in FRAMEWORKS}), sizes=ALIASING_SIZES),
          upstream=("https://github.com/dmlc/dlpack/issues/75",)),
    Claim(id=f"{DLPACK}.byte_order",
          statement="`from_dlpack(a)` of a NumPy array in non-native byte order never returns wrong values: DLPack's "
                    "data type has no byte order, so the export is refused (BufferError) or converted",
          source="https://dmlc.github.io/dlpack/latest/c_api.html (DLDataType: code, bits, lanes)",
          needs=("torch", "tf", "jax"),
          domain=Domain(dtypes=tuple(d for d in COMMON if np.dtype(d).itemsize > 1), inputs=FROM_NUMPY,
                        sizes=ALIASING_SIZES)),
    Claim(id=f"{DLPACK}.read_only",
          statement="`from_dlpack(a)` of a read-only NumPy array never gives a writable alias of it: the import is "
                    "refused, copied, or read-only",
          source="https://dmlc.github.io/dlpack/latest/c_api.html", needs=("torch", "tf", "jax"),
          quote="DLPACK_FLAG_BITMASK_READ_ONLY: bit mask to indicate that the tensor is read only.",
          domain=Domain(dtypes=COMMON, inputs=FROM_NUMPY, sizes=ALIASING_SIZES),
          upstream=("https://github.com/pytorch/pytorch/pull/188554", "https://github.com/numpy/numpy/issues/28599")),
]
