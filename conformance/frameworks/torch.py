"""PyTorch: tensors on the CPU and on every CUDA device, with its view layouts (conj and neg bits included)."""

import contextlib

import numpy as np

from conformance.frameworks._model import Framework, Layout, Path, interleaved, shifted, span, transposed_source


def _contiguous(torch, a, device):
    return torch.tensor(a, device=device), a


def _transposed(torch, a, device):
    order = tuple(reversed(range(a.ndim)))
    return torch.tensor(transposed_source(a), device=device).permute(*order), a


def _step_sliced(torch, a, device):
    return torch.tensor(interleaved(a), device=device)[..., ::2], a


def _offset(torch, a, device):
    return torch.tensor(shifted(a), device=device)[1:].view(a.shape), a


def _expanded(torch, a, device):
    return torch.tensor(a, device=device).unsqueeze(0).expand(2, *a.shape), np.broadcast_to(a, (2,) + a.shape)


def _conj(torch, a, device):
    return torch.tensor(np.conj(a), device=device).conj(), a


def _neg(torch, a, device):
    real = torch.tensor(a, device=device)
    return torch.complex(torch.zeros_like(real), -real).conj().imag, a


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
    layouts = (Layout("contiguous", _contiguous),
               Layout("transposed", _transposed, min_dims=2, needs_elements=True),
               Layout("step-sliced", _step_sliced, min_dims=1, needs_elements=True),
               Layout("offset", _offset, needs_elements=True), Layout("expanded", _expanded),
               Layout("conj", _conj, dtypes=("complex64", "complex128")),
               Layout("neg", _neg, dtypes=("float32", "float64")))
    device_kinds = ("cpu", "cuda")
    type_modules = ("torch",)
    imports = "import torch"
    names = ('torch',)
    dlpack = "torch.from_dlpack(x)"
    paths = (
        Path("torch.from_numpy", "torch", "torch.from_numpy(x)", producers=("numpy",)),
        Path("torch.as_tensor", "torch", "torch.as_tensor(x)", producers=("numpy",)),
        Path("torch.asarray", "torch", "torch.asarray(x)"),
        Path("torch.tensor", "torch", "torch.tensor(x)", producers=("numpy",)),
        Path("torch.from_dlpack", "torch", "torch.from_dlpack(x)"),
        Path("t.numpy()", "numpy", "x.numpy()", producers=("torch",)),
        Path("torch.as_tensor (CUDA array interface)", "torch", "torch.as_tensor(x)", producers=("cupy",)),
        Path('torch.from_dlpack(x, device="cpu")', "torch", 'torch.from_dlpack(x, device="cpu")', off_host=True),
        Path("t.cpu()", "torch", "x.cpu()", producers=("torch",), off_host=True),
        Path("t.numpy(force=True)", "numpy", "x.numpy(force=True)", producers=("torch",), off_host=True),
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

    def in_forked_child(self, torch) -> None:
        torch.set_num_threads(1)  # a thread pool inherited across fork can deadlock

    def devices(self, kind: str) -> list[str]:
        if kind == "cpu":
            return ["cpu"]
        torch = self.load()
        if kind != "cuda" or not torch.cuda.is_available():
            return []
        return [f"cuda:{i}" for i in range(torch.cuda.device_count())]

    def device_of(self, x) -> str:
        return str(x.device)

    def on(self, device: str):
        return self.load().device(device) if device != "cpu" else contextlib.nullcontext()

    def to_numpy(self, x) -> np.ndarray:
        return x.detach().resolve_conj().resolve_neg().cpu().numpy()

    def byte_range(self, x) -> tuple[int, int]:
        size = x.element_size()
        return span(x.data_ptr(), tuple(x.shape), tuple(s * size for s in x.stride()), size)

    def address_space(self, x) -> str:
        return "host" if x.device.type == "cpu" else str(x.device)

    def writable(self, x) -> bool:
        return not x.requires_grad

    def element(self, x, index: tuple):
        return x.detach()[index].item()


def dtype_name(dtype) -> str:
    """``torch.float32`` for the NumPy dtype ``float32``."""
    return f"torch.{np.dtype(dtype).name}"


FRAMEWORK = Torch()
