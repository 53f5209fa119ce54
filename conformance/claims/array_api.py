"""The array API standard's interchange and device sentences, checked on every library that implements them.

Each claim's cases name their library (``producer``), so a case needs only that one:
array-api-strict and JAX run their multi-device cases on virtual devices on every
machine, PyTorch and CuPy on CUDA devices where there are some.
"""

from conformance.claims._model import ALIASING_SIZES, EVERY, TWO_DEVICES, Claim, Narrowed, Recipe
from conformance.claims._sources import ARRAY_API, ARRAY_API_FUNCTIONS
from conformance.domains import Domain

FROM_DLPACK = f"{ARRAY_API_FUNCTIONS}array_api.from_dlpack.html"
MULTI_DEVICE = ("array_api_strict", "jax", "torch", "cupy")
FOUR = ("numpy", "torch", "jax", "array_api_strict")
SIZES = ALIASING_SIZES

CLAIMS = [
    Claim(id="array_api.from_dlpack.same_device",
          statement="`from_dlpack(x)` without `device=` gives an array on the same device as `x`, for a library's own "
                    "arrays on each of its devices (virtual devices included)",
          source=f"{FROM_DLPACK} (device)", needs=MULTI_DEVICE,
          quote="If ``device`` is ``None`` and ``x`` supports DLPack, the output array must be on the same device as "
                "``x``.",
          domain=Domain(dtype=EVERY, size=SIZES, producer=MULTI_DEVICE, device=EVERY),
          reproduce=Recipe("{dlpack}", "device_of(y) == device_of(x)")),
    Claim(id="array_api.from_dlpack.copy_false_across_devices",
          statement="`from_dlpack(x, device=CPU, copy=False)` of an array on another device never copies: it raises "
                    "BufferError or ValueError where a copy is needed, and otherwise returns a view of `x`",
          source=f"{FROM_DLPACK} (copy; Raises)", needs=MULTI_DEVICE,
          quote="If ``False``, the function must never copy, and raise ``BufferError`` in case a copy is deemed "
                "necessary (e.g.  if a cross-device data movement is requested, and it is not possible without a "
                "copy).",
          domain=Domain(dtype=EVERY, size=SIZES, producer=MULTI_DEVICE, device=TWO_DEVICES)),
    Claim(id="array_api.from_dlpack.copy_true",
          statement="`from_dlpack(x, copy=True)` always copies: the result shares no memory with `x`, for every pair "
                    "of NumPy, PyTorch, JAX and array-api-strict on the CPU",
          source=f"{FROM_DLPACK} (copy)", needs=FOUR[1:],
          quote="If ``True``, the function must always copy.",
          domain=Domain(dtype=EVERY, size=SIZES, producer=FOUR, consumer=FOUR,
                        device=Narrowed(("cpu", "cuda"), why="a pair of two libraries converts on a device both have; "
                                        "array-api-strict's virtual devices export as CUDA (kDLCUDA), which no other "
                                        "library can read, and the others' virtual devices are their own")),
          reproduce=Recipe("{dlpack:copy=True}", "shares(x, y, independent=True)")),
    Claim(id="array_api.dlpack_device.codes",
          statement="`x.__dlpack_device__()` is `(1, 0)` (kDLCPU) for an array on the CPU and `(2, N)` (kDLCUDA) for "
                    "one on CUDA device N, in every library",
          source=f"{ARRAY_API_FUNCTIONS}array_api.array.__dlpack_device__.html; "
                 "https://dmlc.github.io/dlpack/latest/c_api.html (DLDeviceType)",
          needs=("torch", "tf", "jax", "array_api_strict", "cupy"),
          quote="a tuple ``(device_type, device_id)`` in DLPack format. Valid device type enum members are: CPU = 1 "
                "CUDA = 2",
          domain=Domain(dtype=Narrowed(("float32",), why="a device code belongs to the array's device, whatever its "
                                       "dtype: one dtype for each producer and device"),
                        producer=("numpy", "torch", "tf", "jax", "array_api_strict", "cupy"),
                        device=Narrowed(("cpu", "cuda"), why="the sentence gives the codes of the CPU and of CUDA "
                                        "devices"))),
    Claim(id="array_api.mixed_devices_raise",
          statement="an operation on two arrays on different devices raises, rather than moving data implicitly "
                    "(one array on the CPU, the other on each other device)",
          source=f"{ARRAY_API}design_topics/device_support.html (Semantics)",
          needs=("array_api_strict", "jax", "torch"),
          quote="Raise an exception if an operation involves arrays on different devices (i.e. avoid implicit data "
                "transfer between devices).",
          domain=Domain(dtype=EVERY, producer=("array_api_strict", "jax", "torch"), device=TWO_DEVICES)),
    Claim(id="array_api.to_device",
          statement="`x.to_device(d)` gives an array with `x`'s data and dtype, located on `d`, for every device `d`",
          source=f"{ARRAY_API_FUNCTIONS}array_api.array.to_device.html", needs=("array_api_strict", "jax"),
          quote="an array with the same data and data type as ``self`` and located on the specified ``device``.",
          domain=Domain(dtype=EVERY, size=SIZES, producer=("array_api_strict", "jax"), device=EVERY)),
]
