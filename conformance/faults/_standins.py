"""Stand-in objects that supply a behaviour a framework refuses, so that a refuted claim can be shown to move.

A stand-in answers the registry's questions itself (``conformance_adapter``), so the
assertions read it like any framework's array: its memory, writability and elements.
"""

import numpy as np

from conformance.frameworks._model import span_of


class _StandInAdapter:
    """The registry's view of a stand-in: each call asks the stand-in for what it holds."""

    key = "stand-in"

    def element(self, x, index):
        return x.read(index)

    def set_element(self, x, index, value) -> None:
        x[index] = value

    def writable(self, x) -> bool:
        return True

    def byte_range(self, x) -> tuple[int, int]:
        return x.span()

    def address_space(self, x) -> str:
        return "host"

    def device_of(self, x) -> str:
        return "cpu"

    def dtype_name(self, x) -> str:
        return np.dtype(x.array_dtype()).name

    def measured_layout(self, x, label):
        return label

    def to_numpy(self, x) -> np.ndarray:
        return x.numpy()


ADAPTER = _StandInAdapter()


class LiveView:
    """A stand-in tensor that reads its source array live: aliasing supplied where a framework refuses it."""

    conformance_adapter = ADAPTER

    def __init__(self, array):
        self.array = array
        self.shape = array.shape
        self.dtype = array.dtype

    def detach(self):
        return self

    def read(self, index):
        return np.asarray(self.array[index]).item()

    def __getitem__(self, index):
        return np.asarray(self.array[index])

    def __setitem__(self, index, value):
        self.array[index] = value

    def numpy(self):
        return self.array

    def span(self):
        return span_of(self.array)

    def array_dtype(self):
        return self.array.dtype


class AliasingCopy(np.ndarray):
    """An ndarray whose ``copy()`` returns itself."""

    def copy(self, order="C"):
        return self


def is_tf_tensor(obj) -> bool:
    return type(obj).__name__ == "EagerTensor"


def eager_base():
    from tensorflow.python.framework import ops

    return ops._EagerTensorBase


class TensorView:
    """A stand-in "array" that reads and writes a torch tensor live, conj and neg views included: the sharing
    that ``Tensor.numpy()`` refuses for those views, supplied."""

    conformance_adapter = ADAPTER

    def __init__(self, tensor):
        self.tensor = tensor
        self.shape = tuple(tensor.shape)
        self.dtype = tensor.dtype

    def detach(self):
        return self

    def read(self, index):
        return self.tensor.detach()[index].item()

    def __getitem__(self, index):
        return self.tensor.detach()[index]

    def __setitem__(self, index, value):
        self.tensor[index] = value

    def numpy(self):
        return self.tensor.detach().resolve_conj().resolve_neg().numpy()

    def span(self):
        from conformance.frameworks import FRAMEWORKS

        return FRAMEWORKS["torch"].byte_range(self.tensor)

    def array_dtype(self):
        return str(self.tensor.dtype).rsplit(".", 1)[-1]


def is_torch_tensor(obj) -> bool:
    return type(obj).__name__ in ("Tensor", "Parameter") and hasattr(obj, "data_ptr")


def array_impl():
    from jax._src.array import ArrayImpl

    return ArrayImpl


class CapsuleHolder:
    """Presents a bare DLPack capsule as an object with ``__dlpack__``, so that ``np.from_dlpack`` can import it."""

    def __init__(self, capsule):
        self.capsule = capsule

    def __dlpack__(self, **kwargs):
        return self.capsule

    def __dlpack_device__(self):
        return (1, 0)
