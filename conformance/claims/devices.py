"""Device sentences of the framework docs: moving arrays between the CPU, virtual devices and GPUs, and what is
shared or copied on the way. A case runs on each device of its kind present; without one it is skipped with the
reason ("no CUDA device")."""

from conformance.claims._model import ALIASING_SIZES, EVERY, GPU, NUMPY_LAYOUTS, TWO_DEVICES, Claim, Narrowed, Recipe
from conformance.claims.jax import KEPT
from conformance.claims._sources import (CUDA_ARRAY_INTERFACE, CUPY_DOCS, JAX_API, JAX_DOCS, NUMPY_DOCS, TF_DOCS,
                                         TORCH_DOCS)
from conformance.domains import Domain
from conformance.frameworks import FRAMEWORKS
from conformance.frameworks.torch import NEGATIVE_STRIDES
from conformance.upstream import Upstream

SIZES = ALIASING_SIZES
CPU_AND_GPU = ("cpu", "cuda")  # all a torch tensor can be on
EMPTY_LAYOUTS = Narrowed(tuple(dict.fromkeys(layout.name for key in ("torch", "cupy") for layout in FRAMEWORKS[key].layouts
                                             if not layout.needs_elements)),
                         why="a zero-size array has no element to step over, offset or transpose: the layouts that need "
                             "elements do not exist at size zero")

CLAIMS = [
    Claim(id="torch.cpu.returns_self",
          statement="`t.cpu()` returns `t` itself when it is already in CPU memory, and a CPU copy with its values "
                    "otherwise", source=f"{TORCH_DOCS}torch.Tensor.cpu.html", needs=("torch",),
          quote="If this object is already in CPU memory, then no copy is performed and the original object is "
                "returned.",
          domain=Domain(dtype=EVERY, layout=EVERY, size=SIZES, device=CPU_AND_GPU, cover=True),
          reproduce=Recipe("x.cpu()", "y is x")),
    Claim(id="torch.cuda.returns_self",
          statement="`t.cuda(n)` returns `t` itself when it is already on CUDA device n",
          source=f"{TORCH_DOCS}torch.Tensor.cuda.html", needs=("torch",),
          quote="If this object is already in CUDA memory and on the correct device, then no copy is performed and "
                "the original object is returned.",
          domain=Domain(dtype=EVERY, layout=EVERY, size=SIZES, device=GPU, cover=True)),
    Claim(id="torch.to.returns_self",
          statement="`t.to(device)` returns `t` itself on the device it is on; `t.to(device, other dtype)` returns a "
                    "copy that shares nothing with `t`", source=f"{TORCH_DOCS}torch.Tensor.to.html", needs=("torch",),
          quote="If the ``self`` Tensor already has the correct :class:`torch.dtype` and :class:`torch.device`, then "
                "``self`` is returned. Otherwise, the returned tensor is a copy of ``self`` with the desired "
                ":class:`torch.dtype` and :class:`torch.device`.",
          domain=Domain(dtype=EVERY, layout=EVERY, size=SIZES, device=CPU_AND_GPU, cover=True),
          reproduce=Recipe("x.to(x.device)", "y is x")),
    Claim(id="torch.from_dlpack.producer_device",
          statement="`torch.from_dlpack(x)` gives a tensor on `x`'s device that shares `x`'s memory, for NumPy, JAX, "
                    "TensorFlow and CuPy producers on the CPU and on each GPU",
          source=f"{TORCH_DOCS}torch.from_dlpack.html", needs=("torch", "jax", "tf", "cupy"),
          quote="The returned PyTorch tensor will share the memory with the input tensor (which may have come from "
                "another library). [...] If None (default), the new tensor will be on the same device as "
                "``ext_tensor``.",
          domain=Domain(dtype=EVERY, size=SIZES, layout=EVERY, deal_layouts=True,
                        producer=("numpy", "jax", "tf", "cupy"), consumer=("torch",),
                        device=Narrowed(CPU_AND_GPU, why="a torch tensor is on the CPU or on a CUDA device: torch has "
                                        "no virtual device to be on")),
          known=(NEGATIVE_STRIDES.at("producer=numpy", "layout=negative"),
                 Upstream(where=("producer=numpy", "layout=byteswapped"), outcome="raises BufferError", act="numpy",
                          links=("https://github.com/numpy/numpy/commit/26342d7f117ed5759fefdaba7e60569e674f9a12 "
                                 "(API: always use BufferError when DLPack export fails)",),
                          note="NumPy's __dlpack__ refuses an array in non-native byte order (DLPack's data type has "
                               "no byte order), as the array API standard allows; torch.from_dlpack's docs do not "
                               "say that a producer may refuse, so they must say it")),
          reproduce=Recipe("torch.from_dlpack(x)", "np.array_equal(values(y), values(x)) and shares(x, y)")),
    Claim(id="torch.as_tensor.cupy_same_device",
          statement="`torch.as_tensor(x)` of a CuPy array gives a tensor on the CuPy array's device, over its memory",
          source=f"{TORCH_DOCS}torch.as_tensor.html", needs=("torch", "cupy"),
          quote="If :attr:`data` is a CuPy array, the returned tensor will be located on the same device as the CuPy "
                "array unless specifically overwritten by :attr:`device` or a default device.",
          domain=Domain(dtype=EVERY, layout=EVERY, size=SIZES, producer=("cupy",), consumer=("torch",), device=GPU,
                        cover=True)),
    Claim(id="torch.asarray.other_device_never_shares",
          statement="`torch.asarray(a, device=\"cuda:n\")` of an ndarray gives a tensor on that device with `a`'s "
                    "values, sharing nothing with `a`", source=f"{TORCH_DOCS}torch.asarray.html", needs=("torch",),
          quote="If the returned tensor is of a different datatype, on a different device, or a copy is requested "
                "then it will not share its memory with :attr:`obj`.",
          domain=Domain(dtype=EVERY, layout=NUMPY_LAYOUTS, size=SIZES, device=GPU)),
    Claim(id="jax.device_put.identity",
          statement="`jax.device_put(x)` without a device is the identity on an array that is already on a device: "
                    "it returns `x`, on every device (virtual ones included)",
          source=f"{JAX_API}jax.device_put.html", needs=("jax",),
          quote="If the ``device`` parameter is ``None``, then this operation behaves like the identity function if "
                "the operand is on any device already, otherwise it transfers the data to the default device, "
                "uncommitted.", domain=Domain(dtype=KEPT, layout=EVERY, size=SIZES, device=EVERY, cover=True),
          reproduce=Recipe("jax.device_put(x)", "y is x")),
    Claim(id="jax.np_asarray.gpu_transfers",
          statement="`np.asarray(x)` of a jax array on a GPU transfers it to the host: an ndarray with `x`'s values "
                    "in host memory", source=f"{JAX_DOCS}transfer_guard.html", needs=("jax",),
          quote="JAX may transfer data between the host and devices and between devices during type conversion and "
                "input sharding.", domain=Domain(dtype=KEPT, layout=EVERY, size=SIZES, device=GPU, cover=True)),
    Claim(id="numpy.from_dlpack.device_cpu",
          statement="`np.from_dlpack(x, device=\"cpu\")` imports an array from another device (virtual or CUDA) as a "
                    "host ndarray with its values", source=f"{NUMPY_DOCS}numpy.from_dlpack.html (device)",
          needs=("torch", "jax", "array_api_strict", "cupy"),
          quote="Must be ``\"cpu\"`` if passed which may allow importing an array that is not already CPU available.",
          domain=Domain(dtype=EVERY, size=SIZES, layout=EVERY, deal_layouts=True,
                        producer=("torch", "jax", "array_api_strict", "cupy"),
                        consumer=("numpy",), device=TWO_DEVICES),
          reproduce=Recipe("np.from_dlpack(x, device='cpu')", "np.array_equal(y, values(x))")),
    Claim(id="tf.memoryview.gpu_transfers",
          statement="`memoryview(t)` of a tensor on a GPU works: it gives the tensor's values, transferred to the "
                    "CPU first", source=f"{TF_DOCS}api_docs/python/tf/Tensor#numpy", needs=("tf",),
          quote="Note that `memoryview` is only zero-copy for Tensors on CPU. If a Tensor is on GPU, it will have to "
                "be transferred to CPU first in order for `memoryview` to work.",
          domain=Domain(dtype=EVERY, layout=EVERY, size=SIZES, device=GPU, cover=True)),
    Claim(id="cuda_array_interface.zero_size_pointer",
          statement="`__cuda_array_interface__` of a zero-size array gives the data pointer 0, in PyTorch and CuPy",
          source=f"{CUDA_ARRAY_INTERFACE} (data)", needs=("torch", "cupy"),
          quote="For zero-size arrays, use ``0`` here.",
          domain=Domain(dtype=EVERY, layout=EMPTY_LAYOUTS, deal_layouts=True,
                        size=Narrowed(("empty",), why="the sentence is about zero-size arrays"),
                        producer=("torch", "cupy"), device=GPU)),
]
