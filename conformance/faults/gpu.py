"""Faults that break test_gpu.py: device placement and host copies."""

import numpy as np

from conformance.faults._registry import fault, wrap
from conformance.faults._standins import eager_base
from conformance.faults.torch_memory import copying_numpy


@fault("Tensor.numpy() behaves as numpy(force=True), so CUDA tensors convert",
       ["torch.numpy.cuda_raises", "torch.np_asarray.cuda_raises"], "torch")
def torch_numpy_always_forced(mp, torch):
    numpy = torch.Tensor.numpy
    mp.setattr(torch.Tensor, "numpy", lambda self, *, force=False: numpy(self, force=True))
    mp.setattr(torch.Tensor, "__array__", lambda self, dtype=None, copy=None: numpy(self, force=True))


@fault("Tensor.numpy() of a CPU tensor returns a copy", ["torch.cpu.numpy_roundtrip"], "torch")
def torch_cpu_numpy_copies(mp, torch):
    copying_numpy(mp, torch)


@fault("Tensor.numpy(force=True) returns zeros", ["torch.numpy.force_cuda"], "torch")
def torch_numpy_force_zeroes(mp, torch):
    wrap(mp, torch.Tensor, "numpy", lambda numpy: lambda self, *, force=False:
         np.zeros_like(numpy(self, force=True)) if force else numpy(self))


@fault("Tensor.to(device) returns the tensor where it is", ["torch.from_numpy.cuda_copies"], "torch")
def torch_to_stays(mp, torch):
    mp.setattr(torch.Tensor, "to", lambda self, *args, **kwargs: self)


@fault("torch.tensor ignores device=", ["torch.tensor.device_cuda"], "torch")
def torch_tensor_ignores_device(mp, torch):
    wrap(mp, torch, "tensor", lambda tensor: lambda data, device=None, **kw: tensor(data, **kw))


@fault("Tensor.item() raises on CUDA tensors", ["torch.item.cuda_needs_cpu"], "torch")
def torch_item_refuses_cuda(mp, torch):
    def strict(item):
        def cpu_only(self):
            if self.is_cuda:
                raise RuntimeError("planted fault: item() needs a CPU tensor")
            return item(self)
        return cpu_only

    wrap(mp, torch.Tensor, "item", strict)


@fault("torch.asarray ignores copy=False", ["torch.asarray.cuda_copy_false_raises"], "torch")
def torch_asarray_ignores_copy_false(mp, torch):
    wrap(mp, torch, "asarray", lambda asarray: lambda obj, *, copy=None, **kw: asarray(obj, **kw))


@fault("float32 matmul is slowed to float64's pace and beyond", ["perf.gpu_float32_faster"], "torch")
def torch_float32_matmul_slowed(mp, torch):
    def slowed(matmul):
        def slow(self, other):
            result = matmul(self, other)
            if self.dtype == torch.float32:
                for _ in range(8):
                    result = matmul(self, other)
            return result
        return slow

    wrap(mp, torch.Tensor, "__matmul__", slowed)


@fault("Tensor.numpy() of a GPU tensor gives zeros", ["tf.numpy.gpu_copies"], "tf")
def tf_gpu_numpy_zeroes(mp, tf):
    wrap(mp, eager_base(), "numpy", lambda numpy: lambda self: np.zeros_like(numpy(self)))
