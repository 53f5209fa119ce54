"""array-api-strict: the array API standard's strict reference implementation. CPU only, with two virtual devices
(``device1``, ``device2``) that give every machine a multi-device framework."""

import numpy as np

from conformance.frameworks._model import Framework, Layout, Path, span_of

# The standard's dtypes (it has no float16). Its fourth device, "no_float64", exists to refuse float64 by design;
# the suite leaves it out of the virtual devices so that a dtype claim is not refuted by a device built to refute it.
VIRTUAL = ("device1", "device2")


def _device(xp, name: str):
    return next(d for d in xp.__array_namespace_info__().devices() if _name(d) == name)


def _name(device) -> str:
    text = repr(device).split("'")[1]
    return "cpu" if text == "CPU_DEVICE" else text


def _on_device(make):
    def build(xp, a, device):
        return make(xp, xp.asarray(a, device=_device(xp, device), copy=True), a)
    return build


LAYOUTS = (
    Layout("array", _on_device(lambda xp, x, a: (x, a))),
    Layout("transposed", _on_device(lambda xp, x, a: (xp.permute_dims(
        xp.asarray(np.ascontiguousarray(a.T), device=x.device), tuple(reversed(range(a.ndim)))), a)), min_dims=2,
           needs_elements=True),
    Layout("step-sliced", _on_device(lambda xp, x, a: (xp.asarray(
        np.repeat(a, 2, axis=-1), device=x.device)[..., ::2], a)), min_dims=1, needs_elements=True),
    Layout("broadcast", _on_device(lambda xp, x, a: (xp.broadcast_to(x, (2,) + a.shape),
                                                     np.broadcast_to(a, (2,) + a.shape)))),
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
        Path("xp.asarray", "array_api_strict", "xp.asarray(x)"),
        Path("xp.from_dlpack", "array_api_strict", "xp.from_dlpack(x)"),
        Path("xp.from_dlpack(x, device=CPU)", "array_api_strict", 'xp.from_dlpack(x, device=xp.Device("CPU_DEVICE"))',
             off_host=True),
        Path("x.to_device(CPU)", "array_api_strict", 'x.to_device(xp.Device("CPU_DEVICE"))',
             producers=("array_api_strict",), off_host=True),
    )

    def namespace(self, module) -> dict:
        return {"xp": module}

    def dtype_name(self, x) -> str:
        return str(x.dtype).rsplit(".", 1)[-1]

    def devices(self, kind: str) -> list[str]:
        if kind == "cpu":
            return ["cpu"]
        present = {_name(d) for d in self.load().__array_namespace_info__().devices()}
        return [name for name in VIRTUAL if name in present] if kind == "virtual" else []

    def native(self, device: str):
        return _device(self.load(), device)

    def device_of(self, x) -> str:
        return _name(x.device)

    def to_numpy(self, x) -> np.ndarray:
        return np.from_dlpack(x)

    def byte_range(self, x) -> tuple[int, int]:
        return span_of(np.from_dlpack(x))

    def writable(self, x) -> bool:
        return True


FRAMEWORK = ArrayApiStrict()
