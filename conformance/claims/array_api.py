"""The array API standard's interchange and device sentences, checked on every library that implements them.

Each claim's cases name their library (``producer``), so a case needs only that one:
array-api-strict and JAX run their multi-device cases on virtual devices on every
machine, PyTorch and CuPy on CUDA devices where there are some.
"""

from conformance.claims._model import ALIASING_SIZES, EVERY, TWO_DEVICES, Claim, Narrowed, Recipe
from conformance.claims._sources import ARRAY_API, ARRAY_API_FUNCTIONS
from conformance.domains import Domain
from conformance.frameworks import FRAMEWORKS
from conformance.frameworks.torch import DLPACK_BOOL as TORCH_DLPACK_BOOL
from conformance.frameworks.torch import NEGATIVE_BIT
from conformance.upstream import Upstream

FROM_DLPACK = f"{ARRAY_API_FUNCTIONS}array_api.from_dlpack.html"
MULTI_DEVICE = ("array_api_strict", "jax", "torch", "cupy")
FOUR = ("numpy", "torch", "jax", "array_api_strict")
SIZES = ALIASING_SIZES

CLAIMS = [
    Claim(id="array_api.from_dlpack.same_device",
          statement="`from_dlpack(x)` without `device=` gives an array on the same device as `x`, for a library's own "
                    "arrays on each of its devices (virtual devices included), or `x.__dlpack__` refuses `x` with "
                    "BufferError",
          source=f"{FROM_DLPACK} (device)", needs=MULTI_DEVICE,
          quote="If ``device`` is ``None`` and ``x`` supports DLPack, the output array must be on the same device as "
                "``x``.",
          domain=Domain(dtype=EVERY, size=SIZES, layout=EVERY, deal_layouts=True, producer=MULTI_DEVICE,
                        device=EVERY),
          known=(
              Upstream(where=("producer=array_api_strict",), outcome="wrong device", act="array_api_strict",
                       links=("https://github.com/data-apis/array-api-strict/issues/99 (closed: the result's device "
                              "is a bare object, fixed in 2.3)",
                              "https://github.com/data-apis/array-api-strict/pull/221 (merged in 2.6.1: a review "
                              "comment shows device1's array coming back on CPU_DEVICE)",
                              "https://github.com/data-apis/array-api-strict/pull/233 (open: keeps the device of a "
                              "device1 or device2 array)"),
                       fixed_in="array-api-strict 2.3 for a result on a bare object() device; an array on device1 or "
                                "device2 still comes back on CPU_DEVICE in 2.6.1"),
              Upstream(where=("producer=jax",), outcome="wrong device", act="jax",
                       searched="jax-ml/jax's issues and pull requests for «jax from_dlpack CPU device id lost, array "
                                "on cpu:1 comes back on cpu:0», «jax __dlpack_device__ returns device id 0 for all "
                                "CPU devices»",
                       note="an array on CpuDevice(id=1) reports __dlpack_device__() == (kDLCPU, 0) in jax 0.10.2, "
                            "so the import cannot know its device"),
              TORCH_DLPACK_BOOL.at("producer=torch", "dtype=bool"),
              NEGATIVE_BIT,
          ),
          reproduce=Recipe("{dlpack}", "device_of(y) == device_of(x) and np.array_equal(values(y), values(x))",
                           allows="BufferError")),
    Claim(id="array_api.from_dlpack.copy_false_across_devices",
          statement="`from_dlpack(x, device=CPU, copy=False)` of an array on another device never copies: it raises "
                    "BufferError or ValueError where a copy is needed, and otherwise returns a view of `x`",
          source=f"{FROM_DLPACK} (copy; Raises)", needs=MULTI_DEVICE,
          quote="If ``False``, the function must never copy, and raise ``BufferError`` in case a copy is deemed "
                "necessary (e.g.  if a cross-device data movement is requested, and it is not possible without a "
                "copy).",
          domain=Domain(dtype=EVERY, size=SIZES, layout=EVERY, deal_layouts=True, producer=MULTI_DEVICE,
                        device=TWO_DEVICES)),
    Claim(id="array_api.from_dlpack.copy_true",
          statement="`from_dlpack(x, copy=True)` always copies: the result shares no memory with `x`, for every pair "
                    "of NumPy, PyTorch, JAX and array-api-strict on the CPU (or `x.__dlpack__` refuses `x` with "
                    "BufferError)",
          source=f"{FROM_DLPACK} (copy)", needs=FOUR[1:],
          quote="If ``True``, the function must always copy.",
          domain=Domain(dtype=EVERY, size=SIZES, layout=EVERY, deal_layouts=True, producer=FOUR, consumer=FOUR,
                        device=Narrowed(("cpu", "cuda"), why="a pair of two libraries converts on a device both have; "
                                        "array-api-strict's virtual devices export as CUDA (kDLCUDA), which no other "
                                        "library can read, and the others' virtual devices are their own")),
          known=(
              Upstream(where=("consumer=jax",), outcome="shares memory",
                       searched="jax-ml/jax's issues and pull requests for «jnp.from_dlpack copy=True does not copy, "
                                "shares memory with numpy array», «jax from_dlpack copy=True still aliases input "
                                "buffer on CPU kMutableZeroCopy», «jax.dlpack.from_dlpack copy=True returns array "
                                "sharing memory with torch tensor»",
                       note="a likely cause, read from jaxlib/dlpack.cc (not confirmed upstream): since "
                            "https://github.com/jax-ml/jax/pull/29963 (jax 0.8.1) copy=True imports with "
                            "HostBufferSemantics::kMutableZeroCopy, which on the CPU may alias an aligned buffer, and "
                            "jax/_src/dlpack.py then makes no copy of its own; "
                            "https://github.com/data-apis/array-api-tests/pull/433 notes the same path failing on "
                            "CUDA"),
              Upstream(outcome="raises TypeError",
                       links=("https://github.com/pytorch/pytorch/pull/150218 (adds copy= and dl_device= to "
                              "torch.from_dlpack and Tensor.__dlpack__)",
                              "https://github.com/data-apis/array-api-compat/issues/204 (open: the same TypeError)"),
                       fixed_in="torch 2.9 (copy= is accepted from the 2.9.1 set of the release atlas on)"),
              Upstream(where=("consumer=jax",), outcome="raises JaxRuntimeError", act="jax",
                       links=("https://github.com/jax-ml/jax/issues/8082 (open: support non-trivial strides when "
                              "importing DLPack tensors)",
                              "https://github.com/jax-ml/jax/pull/29963 (merged: array API copy semantics in the "
                              "import, for alignment only; a strided array is still refused, even with copy=True)"),
                       fixed_in="not fixed in jax 0.10.2"),
              Upstream(where=("consumer=array_api_strict",), outcome="raises NotImplementedError",
                       links=("https://github.com/data-apis/array-api-strict/pull/197 (ENH: allow copy= in "
                              "from_dlpack)",),
                       fixed_in="array-api-strict 2.6"),
              Upstream(where=("producer=array_api_strict", "consumer=numpy"), outcome="raises ValueError",
                       act="array_api_strict",
                       links=("https://github.com/data-apis/array-api-strict/issues/85 (closed: np.from_dlpack of an "
                              "array-api-strict array fails on max_version)",
                              "https://github.com/data-apis/array-api-strict/pull/86 (the fix)"),
                       fixed_in="array-api-strict 2.1.2 (NumPy's import holds from the 2.1.3 set on); with 2.0.1 "
                                "__dlpack__ refuses NumPy's max_version under its default API version 2022.12, with "
                                "or without copy=True"),
          ),
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
                        producer=("numpy", "torch", "tf", "jax", "array_api_strict", "cupy"), size=EVERY,
                        layout=Narrowed(tuple(dict.fromkeys(n for fw in FRAMEWORKS.values() for n in fw.layout_names
                                                           if n != "conj")),
                                        why="a conjugate view is of complex tensors, and the claim's dtype is float32"),
                        deal_layouts=True,
                        device=Narrowed(("cpu", "cuda"), why="the sentence gives the codes of the CPU and of CUDA "
                                        "devices"))),
    Claim(id="array_api.mixed_devices_raise",
          statement="an operation on two arrays on different devices raises, rather than moving data implicitly "
                    "(one array on the CPU, the other on each other device)",
          source=f"{ARRAY_API}design_topics/device_support.html (Semantics)",
          needs=("array_api_strict", "jax", "torch"),
          quote="Raise an exception if an operation involves arrays on different devices (i.e. avoid implicit data "
                "transfer between devices).",
          domain=Domain(dtype=EVERY, size=EVERY, layout=EVERY, deal_layouts=True,
                        producer=("array_api_strict", "jax", "torch"), device=TWO_DEVICES)),
    Claim(id="array_api.to_device",
          statement="`x.to_device(d)` gives an array with `x`'s data and dtype, located on `d`, for every device `d`",
          source=f"{ARRAY_API_FUNCTIONS}array_api.array.to_device.html", needs=("array_api_strict", "jax"),
          quote="an array with the same data and data type as ``self`` and located on the specified ``device``.",
          domain=Domain(dtype=EVERY, size=SIZES, layout=EVERY, deal_layouts=True, producer=("array_api_strict", "jax"),
                        device=EVERY)),
]
