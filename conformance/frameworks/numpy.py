"""NumPy: the host reference every other framework converts to and from. Its layouts are placements in memory."""

import numpy as np

import strategies as S
from conformance.frameworks._model import Framework, Layout, Path, span_of


def _placed(layout):
    return lambda module, a, device: (S.place(a, layout), a)


_RULES = {"F": dict(min_dims=2), "strided": dict(min_dims=1, needs_elements=True),
          "negative": dict(min_dims=1, needs_elements=True), "offset": dict(needs_elements=True),
          "byteswapped": dict(multibyte=True), "unaligned": dict(multibyte=True, needs_elements=True)}


class NumPy(Framework):
    key = "numpy"
    order = 0
    module_name = "numpy"
    label = "NumPy"
    dtypes = S.NUMERIC_DTYPES
    layouts = tuple(Layout(name, _placed(name), **_RULES.get(name, {})) for name in S.LAYOUTS)
    type_modules = ("numpy",)
    imports = "import numpy as np"
    names = ('np',)
    dlpack = "np.from_dlpack(x)"
    paths = (
        Path("np.asarray", "numpy", "np.asarray(x)"),
        Path("np.from_dlpack", "numpy", "np.from_dlpack(x)"),
        Path("memoryview (buffer protocol)", "numpy", "np.asarray(memoryview(x))", producers=("tf",)),
        Path('np.from_dlpack(x, device="cpu")', "numpy", 'np.from_dlpack(x, device="cpu")', off_host=True),
        Path("np.from_dlpack(x, copy=True)", "numpy", "np.from_dlpack(x, copy=True)", off_host=True),
        Path('np.from_dlpack(x, device="cpu", copy=False)', "numpy", 'np.from_dlpack(x, device="cpu", copy=False)',
             off_host=True),
    )

    def namespace(self, module) -> dict:
        return {"np": module}

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
