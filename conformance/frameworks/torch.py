"""PyTorch: tensors on the CPU and on every CUDA device, with its view layouts (conj and neg bits included)."""

import contextlib

import numpy as np

from conformance.frameworks._model import ConversionPath, Framework, Layout, span
from conformance.upstream import Upstream


# What upstream knows of the conversion matrix's failures on torch's paths (conformance.upstream).
BUFFER_PROTOCOL = Upstream(
    where=("producer=jax|tf",), outcome="wrong values",
    links=("https://github.com/pytorch/pytorch/issues/188128 (closed: torch.asarray reads a buffer-protocol object's "
           "raw bytes as its default dtype)",
           "https://github.com/pytorch/pytorch/pull/197532 (open: route objects with DLPack support through "
           "from_dlpack in torch.asarray)"),
    fixed_in="not fixed in torch 2.13.0 (a JAX or TensorFlow CPU array offers the buffer protocol, which "
             "torch.asarray tries before DLPack)")
UNALIGNED = Upstream(
    where=("layout=unaligned",), outcome="crashes",
    links=("https://github.com/pytorch/pytorch/issues/190043 (open: the same crash in c10::LoadImpl<complex<double>> "
           "on a misaligned complex128 buffer, through torch.frombuffer)",
           "https://github.com/pytorch/pytorch/pull/192740 (open: checks alignment in torch.frombuffer only, not on "
           "this path)"),
    fixed_in="not fixed in torch 2.13.0")
# torch 2.1 refuses bool over DLPack, both ways: what upstream knows of it, for the claims that meet it.
DLPACK_BOOL = Upstream(
    outcome="raises RuntimeError", act="torch",
    links=("https://github.com/pytorch/pytorch/issues/94463 (closed: DLPack does not support boolean tensors)",
           "https://github.com/pytorch/pytorch/pull/108486 (Add DLPack bool support)"),
    fixed_in="torch 2.2 (bool crosses DLPack from the 2.2.2 set of the release atlas on)")
# A tensor with the negative bit set leaves through DLPack unnegated: whoever imports it gets wrong values.
NEGATIVE_BIT = Upstream(
    where=("producer=torch", "layout=neg"), outcome="wrong values", act="torch",
    searched="pytorch/pytorch's issues and pull requests for «torch __dlpack__ tensor with negative bit set is_neg "
             "exported without resolving, wrong sign», «to_dlpack conj().imag negative view resolve_neg DLPack wrong "
             "values»",
    note="torch's Tensor.__dlpack__ refuses a tensor with the conjugate bit set but not one with the negative bit: it "
         "exports the memory unnegated (torch.from_dlpack of it has the wrong sign too), so PyTorch must act, not the "
         "importer; https://github.com/pytorch/pytorch/pull/57110 added the conjugate-bit refusal")

# torch.from_dlpack of an array with a negative stride throws a C++ error through a noexcept function: the process dies.
NEGATIVE_STRIDES = Upstream(
    where=("layout=negative",), outcome="crashes", act="torch",
    links=("https://github.com/pytorch/pytorch/issues/188023 (closed: torch.from_dlpack aborts the Python process for "
           "NumPy arrays with negative strides)",
           "https://github.com/pytorch/pytorch/pull/188062 (drops noexcept from TensorMaker::computeStorageSize: the "
           "error becomes a RuntimeError)",
           "https://github.com/pytorch/pytorch/pull/188047 (regression test for negative strides)"),
    fixed_in="not in torch 2.13.0, which still aborts")


class Torch(Framework):
    key = "torch"
    order = 1
    module_name = "torch"
    distributions = ("torch",)
    label = "PyTorch"
    # torch.from_numpy's docstring: "It currently accepts ndarray with dtypes of numpy.float64, numpy.float32,
    # numpy.float16, numpy.complex64, numpy.complex128, numpy.int64, numpy.int32, numpy.int16, numpy.int8,
    # numpy.uint8, and bool."
    dtypes = ("bool", "int8", "int16", "int32", "int64", "uint8", "float16", "float32", "float64", "complex64",
              "complex128")
    layouts = (
        Layout("contiguous", "torch.tensor(a)"),
        Layout("transposed", "torch.tensor(np.ascontiguousarray(np.transpose(a))).permute(*reversed(range(a.ndim)))",
               min_dims=2, needs_elements=True),
        Layout("step-sliced", "torch.tensor(interleaved(a))[..., ::2]", min_dims=1, needs_elements=True, min_last=2),
        Layout("offset", "torch.tensor(shifted(a))[1:].view(a.shape)", needs_elements=True),
        Layout("expanded", "torch.tensor(a).unsqueeze(0).expand(2, *a.shape)", "np.broadcast_to(a, (2,) + a.shape)"),
        Layout("conj", "torch.tensor(np.conj(a)).conj()", dtypes=("complex64", "complex128")),
        Layout("neg", "torch.complex(torch.zeros_like(torch.tensor(a)), -torch.tensor(a)).conj().imag",
               dtypes=("float32", "float64")),
    )
    device_kinds = ("cpu", "cuda")
    type_modules = ("torch",)
    imports = "import torch"
    names = ('torch',)
    dlpack = "torch.from_dlpack(x)"
    # ATen runs the kernels compiled for this capability (default, avx2, avx512) instead of the CPU's best one.
    dispatch_variables = ("ATEN_CPU_CAPABILITY",)
    paths = (
        ConversionPath("torch.from_numpy", "torch", "torch.from_numpy(x)", producers=("numpy",)),
        ConversionPath("torch.as_tensor", "torch", "torch.as_tensor(x)", producers=("numpy",)),
        ConversionPath("torch.asarray", "torch", "torch.asarray(x)", known=(BUFFER_PROTOCOL, UNALIGNED)),
        ConversionPath("torch.tensor", "torch", "torch.tensor(x)", producers=("numpy",), known=(UNALIGNED,)),
        ConversionPath("torch.from_dlpack", "torch", "torch.from_dlpack(x)", known=(NEGATIVE_STRIDES,)),
        ConversionPath("t.numpy()", "numpy", "x.numpy()", producers=("torch",)),
        ConversionPath("torch.as_tensor (CUDA array interface)", "torch", "torch.as_tensor(x)", producers=("cupy",)),
        ConversionPath('torch.from_dlpack(x, device="cpu")', "torch", 'torch.from_dlpack(x, device="cpu")',
                       off_host=True),
        ConversionPath("t.cpu()", "torch", "x.cpu()", producers=("torch",), off_host=True),
        ConversionPath("t.numpy(force=True)", "numpy", "x.numpy(force=True)", producers=("torch",), off_host=True),
    )

    def namespace(self, module) -> dict:
        return {"torch": module}

    def dtype_name(self, x) -> str:
        return str(x.dtype).rsplit(".", 1)[-1]

    def measured_layout(self, x, label: str | None) -> str:
        traits = set()
        if x.is_conj():
            traits.add("conj")
        if x.is_neg():
            traits.add("neg")
        if 0 in x.stride() and x.numel() > 1:
            traits.add("expanded")
        if x.storage_offset() > 0:
            traits.add("offset")
        if x.is_contiguous():
            traits.add("contiguous")
        elif "expanded" not in traits:
            strides = [s for s, n in zip(x.stride(), x.shape) if n > 1]
            traits.add("step-sliced" if strides == sorted(strides, reverse=True) else "transposed")
        return label if label in traits else sorted(traits)[0]

    def devices(self, kind: str) -> list[str]:
        if kind == "cpu":
            return ["cpu"]
        torch = self.load()
        if kind != "cuda" or not torch.cuda.is_available():
            return []
        return [f"cuda:{i}" for i in range(torch.cuda.device_count())]

    def device_of(self, x) -> str:
        return str(x.device)

    def native(self, device: str):
        return self.load().device(device)

    def dlpack_function(self, torch):
        return torch.from_dlpack

    def place(self, x, device: str):
        return x.to(device)

    def on(self, device: str):
        """New tensors go to the CPU unless a device context says otherwise, so the CPU needs a context only inside
        another one (a CUDA case that builds an input on the CPU); torch.get_default_device is torch 2.3+."""
        torch = self.load()
        default = getattr(torch, "get_default_device", lambda: torch.device("cpu"))()
        return contextlib.nullcontext() if device == "cpu" and default.type == "cpu" else torch.device(device)

    def context_code(self, device: str) -> str | None:
        return None if device == "cpu" else f"torch.device({device!r})"

    def to_numpy(self, x) -> np.ndarray:
        return x.detach().resolve_conj().resolve_neg().cpu().numpy()

    def byte_range(self, x) -> tuple[int, int]:
        size = x.element_size()
        return span(x.data_ptr(), tuple(x.shape), tuple(s * size for s in x.stride()), size)

    def address_space(self, x) -> str:
        return "host" if x.device.type == "cpu" else str(x.device)

    def writable(self, x) -> bool:
        return not x.requires_grad

    def synchronize(self, x) -> None:
        if x.device.type == "cuda":
            self.load().cuda.synchronize(x.device)

    def element(self, x, index: tuple):
        return x.detach()[index].item()


def dtype_name(dtype) -> str:
    """``torch.float32`` for the NumPy dtype ``float32``."""
    return f"torch.{np.dtype(dtype).name}"


FRAMEWORK = Torch()
