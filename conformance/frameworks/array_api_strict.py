"""array-api-strict: the array API standard's strict reference implementation. CPU only, with two virtual devices
(``device1``, ``device2``) that give every machine a multi-device framework."""

import numpy as np

from conformance.frameworks._model import ConversionPath, Framework, Layout, span_of
from conformance.frameworks.torch import NEGATIVE_BIT

# The standard's dtypes (it has no float16). Its fourth device, "no_float64", exists to refuse float64 by design;
# the suite leaves it out of the virtual devices so that a dtype claim is not refuted by a device built to refute it.
VIRTUAL = ("device1", "device2")


def _devices(xp) -> list:
    """Its devices: the inspection API's, else (2.0 serves it only under API version 2023.12) the one CPU device
    every array of that release is on."""
    try:
        return list(xp.__array_namespace_info__().devices())
    except (AttributeError, RuntimeError):
        return [xp.asarray(0).device]


def _device(xp, name: str):
    return next(d for d in _devices(xp) if _name(d) == name)


def _name(device) -> str:
    """``Device('device1')`` is device1, the CPU device is cpu; anything else is named for what it is (2.1's
    from_dlpack gives arrays whose ``.device`` is a bare ``object()``): a check of it fails as a wrong device."""
    text = repr(device)
    if "CPU_DEVICE" in text:
        return "cpu"
    quoted = text.split("'")
    if len(quoted) == 3 and type(device).__name__ == "Device":
        return quoted[1]
    return f"not a Device ({type(device).__name__})"


# Built over buffers placed on a 64-byte boundary (as every framework's own allocator places them, so that behaviour
# that depends on alignment does not depend on the heap), then moved with ``to_device``: ``asarray(a, device=d)``
# casts an ndarray to the device's default dtype of its kind (see the claim array_api_strict.asarray.dtype_inferred).
LAYOUTS = (
    Layout("array", "xp.asarray(placed(a, 0))"),
    Layout("transposed", "xp.permute_dims(xp.asarray(placed(np.ascontiguousarray(np.transpose(a)), 0)), "
           "tuple(reversed(range(a.ndim))))", min_dims=2, needs_elements=True),
    Layout("step-sliced", "xp.asarray(placed(interleaved(a), 0))[..., ::2]", min_dims=1, needs_elements=True, min_last=2),
    Layout("broadcast", "xp.broadcast_to(xp.asarray(placed(a, 0)), (2,) + a.shape)",
           "np.broadcast_to(a, (2,) + a.shape)"),
)


class ArrayApiStrict(Framework):
    key = "array_api_strict"
    order = 4
    module_name = "array_api_strict"
    distributions = ("array-api-strict",)
    label = "array-api-strict"
    dtypes = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64",
              "complex64", "complex128")
    layouts = LAYOUTS
    device_kinds = ("cpu", "virtual")
    type_modules = ("array_api_strict",)
    imports = "import array_api_strict as xp"
    names = ('xp',)
    dlpack = "xp.from_dlpack(x)"
    paths = (
        ConversionPath("xp.asarray", "array_api_strict", "xp.asarray(x)"),
        ConversionPath("xp.from_dlpack", "array_api_strict", "xp.from_dlpack(x)",
                       known=(NEGATIVE_BIT,)),
        ConversionPath("xp.from_dlpack(x, device=CPU)", "array_api_strict",
                       'xp.from_dlpack(x, device=xp.Device("CPU_DEVICE"))', off_host=True),
        ConversionPath("x.to_device(CPU)", "array_api_strict", 'x.to_device(xp.Device("CPU_DEVICE"))',
                       producers=("array_api_strict",), off_host=True),
    )

    def namespace(self, module) -> dict:
        return {"xp": module}

    def dtype_name(self, x) -> str:
        return str(x.dtype).rsplit(".", 1)[-1]

    def devices(self, kind: str) -> list[str]:
        if kind == "cpu":
            return ["cpu"]
        present = {_name(d) for d in _devices(self.load())}
        return [name for name in VIRTUAL if name in present] if kind == "virtual" else []

    def native(self, device: str):
        return _device(self.load(), device)

    def device_code(self, device: str) -> str:
        return f"xp.Device({'CPU_DEVICE' if device == 'cpu' else device!r})"

    def settle(self, x, device: str):
        return x if device == "cpu" else x.to_device(self.native(device))

    def settle_code(self, code: str, device: str) -> str:
        return code if device == "cpu" else f"({code}).to_device({self.device_code(device)})"

    def dlpack_function(self, xp):
        return xp.from_dlpack

    def place(self, x, device: str):
        return x.to_device(self.native(device))

    def device_of(self, x) -> str:
        return _name(x.device)

    def _view(self, x) -> np.ndarray:
        """A view of its buffer: ``__array__`` (or the buffer protocol) on the CPU device, where NumPy 1.26 cannot
        import a read-only buffer through DLPack; DLPack on the virtual devices, whose arrays refuse both."""
        return np.asarray(x) if self.device_of(x) == "cpu" else np.from_dlpack(x)

    def to_numpy(self, x) -> np.ndarray:
        try:
            return self._view(x)
        except BufferError:  # NumPy 2.0 refuses to export a read-only array through DLPack: read a CPU copy
            return np.asarray(x.to_device(self.native("cpu")))

    def byte_range(self, x) -> tuple[int, int]:
        return span_of(self._view(x))

    def writable(self, x) -> bool:
        return bool(self._view(x).flags.writeable)


FRAMEWORK = ArrayApiStrict()
