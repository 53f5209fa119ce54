"""Faults that break test_devices.py's device sentences: copies where the docs promise the object itself, the
wrong device, values lost on the way to the host."""

import builtins

import numpy as np

from conformance.faults._registry import fault, wrap
from conformance.faults._standins import is_tf_tensor


@fault("Tensor.cpu() copies a tensor that is already on the CPU", ["torch.cpu.returns_self"], "torch")
def torch_cpu_copies(mp, torch):
    wrap(mp, torch.Tensor, "cpu", lambda cpu: lambda self, *a, **kw: self.clone() if self.device.type == "cpu"
         else cpu(self, *a, **kw))


@fault("Tensor.cuda() copies a tensor that is already on that device", ["torch.cuda.returns_self"], "torch")
def torch_cuda_copies(mp, torch):
    wrap(mp, torch.Tensor, "cuda", lambda cuda: lambda self, *a, **kw: cuda(self, *a, **kw).clone())


@fault("Tensor.to(device) copies a tensor that is already there", ["torch.to.returns_self"], "torch")
def torch_to_copies(mp, torch):
    wrap(mp, torch.Tensor, "to", lambda to: lambda self, *a, **kw: to(self, *a, **kw).clone())


@fault("Tensor.to(device) copies an int8 tensor that is already there (one dtype of the sentence's every dtype)",
       ["torch.to.returns_self"], "torch")
def torch_to_copies_int8(mp, torch):
    wrap(mp, torch.Tensor, "to", lambda to: lambda self, *a, **kw: to(self, *a, **kw).clone()
         if self.dtype == torch.int8 else to(self, *a, **kw))


@fault("torch.from_dlpack copies what it imports", ["torch.from_dlpack.producer_device"], "torch")
def torch_from_dlpack_copies(mp, torch):
    wrap(mp, torch, "from_dlpack", lambda from_dlpack: lambda x, *a, **kw: from_dlpack(x, *a, **kw).clone())


@fault("torch.as_tensor of a CuPy array gives a CPU copy", ["torch.as_tensor.cupy_same_device"], "torch")
def torch_as_tensor_cupy_to_host(mp, torch):
    wrap(mp, torch, "as_tensor", lambda as_tensor: lambda data, *a, **kw: torch.from_numpy(data.get())
         if type(data).__module__.startswith("cupy") else as_tensor(data, *a, **kw))


@fault("torch.asarray(ndarray, device=...) ignores the device", ["torch.asarray.other_device_never_shares"], "torch")
def torch_asarray_ignores_device(mp, torch):
    wrap(mp, torch, "asarray", lambda asarray: lambda obj, *, device=None, **kw: asarray(obj, **kw))


@fault("jax.device_put(x) copies an array already on a device", ["jax.device_put.identity"], "jax")
def jax_device_put_copies(mp, jax):
    wrap(mp, jax, "device_put", lambda device_put: lambda x, device=None, **kw: jax.numpy.array(x, copy=True)
         if device is None else device_put(x, device, **kw))


@fault("np.asarray of a jax array on a GPU gives zeros", ["jax.np_asarray.gpu_transfers"], "jax")
def numpy_asarray_jax_gpu_zeroes(mp, jax):
    real = np.asarray

    def zeroes(obj, *args, **kwargs):
        result = real(obj, *args, **kwargs)
        on_gpu = hasattr(obj, "devices") and any(d.platform != "cpu" for d in obj.devices())
        return np.zeros_like(result) if on_gpu else result

    mp.setattr(np, "asarray", zeroes)


@fault("np.from_dlpack(x, device='cpu') refuses arrays from other devices", ["numpy.from_dlpack.device_cpu"], "jax")
def numpy_from_dlpack_refuses_devices(mp, jax):
    real = np.from_dlpack

    def strict(x, *, device=None, copy=None):
        if device is not None:
            raise BufferError("planted fault: device= is not supported")
        return real(x, copy=copy)

    mp.setattr(np, "from_dlpack", strict)


@fault("memoryview of a TensorFlow tensor on a GPU gives zeros", ["tf.memoryview.gpu_transfers"], "tf")
def tf_memoryview_gpu_zeroes(mp, tf):
    real = builtins.memoryview

    def view(obj):
        if is_tf_tensor(obj) and "GPU" in obj.device:
            return real(np.zeros(tuple(obj.shape), obj.dtype.as_numpy_dtype))
        return real(obj)

    mp.setattr(builtins, "memoryview", view)


@fault("PyTorch's CUDA array interface gives pointer 1 for a zero-size tensor",
       ["cuda_array_interface.zero_size_pointer"], "torch")
def torch_cai_zero_size_pointer(mp, torch):
    real = torch.Tensor.__cuda_array_interface__

    def interface(self):
        found = real.__get__(self)
        return {**found, "data": (1, found["data"][1])} if self.numel() == 0 else found

    mp.setattr(torch.Tensor, "__cuda_array_interface__", property(interface))
