"""NumPy: the host reference every other framework converts to and from. Its layouts are placements in memory."""

import numpy as np

import strategies as S
from conformance.frameworks._model import ConversionPath, Framework, Layout, span_of
from conformance.frameworks.torch import NEGATIVE_BIT


# The placements of strategies.place, as code: a reproducer rebuilds an input with it (selftests pin the two).
LAYOUTS = (
    Layout("C", "placed(a, 0)"),
    Layout("C16", "placed(a, 16)"),
    Layout("F", "placed(a, 0, order='F')", min_dims=2),
    Layout("strided", "placed(np.repeat(a, 2, axis=-1), 0)[..., ::2]", min_dims=1, needs_elements=True, min_last=2),
    Layout("negative", "placed(a[..., ::-1], 0)[..., ::-1]", min_dims=1, needs_elements=True, min_last=2),
    Layout("offset", "placed(a, a.itemsize)", needs_elements=True),
    Layout("byteswapped", "placed(a.astype(a.dtype.newbyteorder()), 0)", multibyte=True),
    Layout("readonly", "read_only(placed(a, 0))"),
    Layout("unaligned", "placed(a, 1)", multibyte=True, needs_elements=True),
)


class NumPy(Framework):
    key = "numpy"
    order = 0
    module_name = "numpy"
    label = "NumPy"
    dtypes = S.NUMERIC_DTYPES
    layouts = LAYOUTS
    type_modules = ("numpy",)
    imports = "import numpy as np"
    names = ('np',)
    dlpack = "np.from_dlpack(x)"
    # Its runtime dispatch (casts, copies, ufunc loops) skips or limits the instruction sets these name. Not
    # OPENBLAS_CORETYPE: it picks the kernels of the BLAS its wheels bundle, which no claim's conversion calls.
    dispatch_variables = ("NPY_DISABLE_CPU_FEATURES", "NPY_ENABLE_CPU_FEATURES")
    paths = (
        ConversionPath("np.asarray", "numpy", "np.asarray(x)"),
        ConversionPath("np.from_dlpack", "numpy", "np.from_dlpack(x)",
                       known=(NEGATIVE_BIT,)),
        ConversionPath("memoryview (buffer protocol)", "numpy", "np.asarray(memoryview(x))", producers=("tf",)),
        ConversionPath('np.from_dlpack(x, device="cpu")', "numpy", 'np.from_dlpack(x, device="cpu")', off_host=True),
        ConversionPath("np.from_dlpack(x, copy=True)", "numpy", "np.from_dlpack(x, copy=True)", off_host=True),
        ConversionPath('np.from_dlpack(x, device="cpu", copy=False)', "numpy",
                       'np.from_dlpack(x, device="cpu", copy=False)', off_host=True),
    )

    def namespace(self, module) -> dict:
        return {"np": module}

    def dlpack_function(self, np):
        return np.from_dlpack

    def owns(self, x) -> bool:
        """ndarrays, and NumPy scalars (what some conversions of a 0-d array return)."""
        return isinstance(x, (np.ndarray, np.generic))

    def to_numpy(self, x) -> np.ndarray:
        return np.asarray(x)

    def byte_range(self, x) -> tuple[int, int]:
        return span_of(np.asarray(x))

    def writable(self, x) -> bool:
        return isinstance(x, np.ndarray) and bool(x.flags.writeable)

    def element(self, x, index: tuple):
        return np.asarray(x)[index].item()


FRAMEWORK = NumPy()
