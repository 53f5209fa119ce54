"""Stand-in objects that supply a behaviour a framework refuses, so that a refuted claim can be shown to move."""

import numpy as np


class LiveView:
    """A stand-in tensor that reads its source array live: aliasing supplied where a framework refuses it."""

    def __init__(self, array):
        self.array = array
        self.shape = array.shape
        self.dtype = array.dtype

    def detach(self):
        return self

    def __getitem__(self, index):
        return np.asarray(self.array[index])

    def __setitem__(self, index, value):
        self.array[index] = value

    def numpy(self):
        return self.array

    def data_ptr(self):
        return self.array.__array_interface__["data"][0]

    def stride(self):
        return tuple(s // self.array.itemsize for s in self.array.strides)

    def element_size(self):
        return self.array.itemsize


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

    def __init__(self, tensor):
        self.tensor = tensor
        self.shape = tuple(tensor.shape)
        self.dtype = tensor.dtype

    def detach(self):
        return self

    def __getitem__(self, index):
        return self.tensor.detach()[index]

    def __setitem__(self, index, value):
        self.tensor[index] = value

    def data_ptr(self):
        return self.tensor.data_ptr()

    def stride(self):
        return self.tensor.stride()

    def element_size(self):
        return self.tensor.element_size()


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
