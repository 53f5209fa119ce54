"""CuPy: arrays on CUDA devices only. Without a CUDA device every CuPy case is skipped with "no CUDA device"."""

import contextlib

import numpy as np

import strategies as S
from conformance.frameworks._model import ConversionPath, Framework, Layout, span


LAYOUTS = (
    Layout("contiguous", "cupy.asarray(a)"),
    Layout("transposed", "cupy.asarray(np.ascontiguousarray(np.transpose(a))).T", min_dims=2, needs_elements=True),
    Layout("step-sliced", "cupy.asarray(interleaved(a))[..., ::2]", min_dims=1, needs_elements=True, min_last=2),
    Layout("offset", "cupy.asarray(shifted(a))[1:].reshape(a.shape)", needs_elements=True),
)


class CuPy(Framework):
    key = "cupy"
    order = 5
    module_name = "cupy"
    distributions = ("cupy", "cupy-cuda12x", "cupy-cuda13x", "cupy-cuda11x")
    label = "CuPy"
    dtypes = S.NUMERIC_DTYPES
    layouts = LAYOUTS
    device_kinds = ("cuda",)
    type_modules = ("cupy",)
    imports = "import cupy"
    names = ('cupy',)
    dlpack = "cupy.from_dlpack(x)"
    paths = (
        ConversionPath("cupy.asarray", "cupy", "cupy.asarray(x)"),
        ConversionPath("cupy.from_dlpack", "cupy", "cupy.from_dlpack(x)"),
        ConversionPath("cupy.asnumpy", "numpy", "cupy.asnumpy(x)", producers=("cupy",)),
    )

    def namespace(self, module) -> dict:
        return {"cupy": module}

    def devices(self, kind: str) -> list[str]:
        if kind != "cuda":
            return []
        cupy = self.load()
        try:
            return [f"cuda:{i}" for i in range(cupy.cuda.runtime.getDeviceCount())]
        except Exception:  # CUDARuntimeError without a driver or device
            return []

    def device_of(self, x) -> str:
        return f"cuda:{x.device.id}"

    def native(self, device: str):
        return self.load().cuda.Device(int(device.split(":")[1]))

    def dlpack_function(self, cupy):
        return cupy.from_dlpack

    def dlpack_import(self, x, **kwargs):
        """cupy.from_dlpack takes ``device=`` as a DLPack ``(device_type, device_id)`` pair (its docstring), not
        a ``cupy.cuda.Device``: the CPU is (1, 0), CUDA device N is (2, N)."""
        if "device" in kwargs:
            kind, _, index = kwargs["device"].partition(":")
            kwargs["device"] = (1 if kind == "cpu" else 2, int(index or 0))
        return self.dlpack_function(self.load())(x, **kwargs)

    def place(self, x, device: str):
        cupy = self.load()
        with self.native(device):
            return cupy.array(x, copy=True)

    def on(self, device: str):
        return self.load().cuda.Device(int(device.split(":")[1])) if device != "cpu" else contextlib.nullcontext()

    def context_code(self, device: str) -> str:
        return f"cupy.cuda.Device({int(device.split(':')[1])})"

    def to_numpy(self, x) -> np.ndarray:
        return x.get()

    def byte_range(self, x) -> tuple[int, int]:
        return span(x.data.ptr, x.shape, x.strides, x.itemsize)

    def address_space(self, x) -> str:
        return self.device_of(x)

    def writable(self, x) -> bool:
        return True

    def synchronize(self, x) -> None:
        x.device.synchronize()

    def element(self, x, index: tuple):
        return x[index].item()


FRAMEWORK = CuPy()
