"""Faults that break test_torch_memory.py: aliasing and copying between NumPy and PyTorch."""

import numpy as np

from conformance.faults._registry import crash_for, fault, wrap
from conformance.faults._standins import AliasingCopy, LiveView, TensorView, is_torch_tensor

PAGE = 4096


def copying_numpy(mp, torch, when=lambda t: True):
    """Tensor.numpy returns a copy for the tensors ``when`` selects (shared with the GPU topic's fault)."""
    wrap(mp, torch.Tensor, "numpy", lambda numpy: lambda self, *, force=False:
         numpy(self, force=force).copy() if when(self) else numpy(self, force=force))


@fault("Tensor.numpy() returns a copy", ["torch.clone.numpy_shares_clone_only"], "torch")
def torch_numpy_copies(mp, torch):
    copying_numpy(mp, torch)


@fault("Tensor.numpy() of a conj or neg view returns a live view of the tensor instead of raising",
       ["torch.numpy.shares_memory", "torch.numpy.docs_shares_storage"], "torch")
def torch_numpy_live_conj_neg(mp, torch):
    wrap(mp, torch.Tensor, "numpy", lambda numpy: lambda self, *, force=False:
         TensorView(self) if (self.is_conj() or self.is_neg()) and not force else numpy(self, force=force))


@fault("np.asarray of a torch tensor returns a live view of it, with or without copy=False",
       ["torch.np_asarray.shares_memory", "torch.np_asarray.copy_false"], "torch")
def numpy_asarray_live_torch(mp, torch):
    real = np.asarray

    def live(obj, *args, **kwargs):
        return TensorView(obj) if is_torch_tensor(obj) else real(obj, *args, **kwargs)

    mp.setattr(np, "asarray", live)


@fault("Tensor.numpy() returns a copy for non-contiguous tensors only", ["torch.clone.numpy_shares_clone_only"],
       "torch")
def torch_numpy_copies_noncontiguous(mp, torch):
    copying_numpy(mp, torch, when=lambda t: not t.is_contiguous())


@fault("the array from Tensor.numpy() has a copy() that returns itself", ["torch.numpy.copy_is_independent"], "torch")
def torch_numpy_copy_aliases(mp, torch):
    wrap(mp, torch.Tensor, "numpy", lambda numpy: lambda self, *, force=False:
         numpy(self, force=force).view(AliasingCopy))


@fault("Tensor.clone() returns the tensor itself", ["torch.clone.numpy_shares_clone_only"], "torch")
def torch_clone_aliases(mp, torch):
    mp.setattr(torch.Tensor, "clone", lambda self, *args, **kwargs: self)


@fault("torch.from_numpy copies its array",
       ["torch.from_numpy.shares_memory", "torch.from_numpy.shares_memory.noncontiguous",
        "torch.from_numpy.readonly_shares"], "torch")
def torch_from_numpy_copies(mp, torch):
    wrap(mp, torch, "from_numpy", lambda from_numpy: lambda a: from_numpy(np.array(a, copy=True)))


@fault("torch.from_numpy kills the process in the claim's body: int8 reads a null pointer, int16 aborts, int32 "
       "raises SIGILL", ["torch.from_numpy.shares_memory"], "torch")
def torch_from_numpy_crashes(mp, torch):
    def crashing(from_numpy):
        def convert(a):
            crash_for(a.dtype)
            return from_numpy(a)
        return convert

    wrap(mp, torch, "from_numpy", crashing)


@fault("torch.from_numpy copies int16 arrays only", ["torch.from_numpy.shares_memory"], "torch")
def torch_from_numpy_copies_int16(mp, torch):
    wrap(mp, torch, "from_numpy", lambda from_numpy: lambda a:
         from_numpy(np.array(a, copy=True) if a.dtype == np.int16 else a))


@fault("torch.from_numpy copies Fortran-ordered arrays only", ["torch.from_numpy.shares_memory.noncontiguous"],
       "torch")
def torch_from_numpy_copies_fortran(mp, torch):
    wrap(mp, torch, "from_numpy", lambda from_numpy: lambda a:
         from_numpy(np.array(a, copy=True) if a.flags.f_contiguous and not a.flags.c_contiguous else a))


@fault("torch.from_numpy returns float64 whatever the array's dtype",
       ["torch.from_numpy.preserves_dtype", "torch.from_numpy.zero_size"], "torch")
def torch_from_numpy_widens(mp, torch):
    wrap(mp, torch, "from_numpy", lambda from_numpy: lambda a: from_numpy(a).to(torch.float64))


@fault("torch.from_numpy of a negative-stride array gives a live view", ["torch.from_numpy.negative_strides"], "torch")
def torch_from_numpy_live_negative(mp, torch):
    wrap(mp, torch, "from_numpy", lambda from_numpy: lambda a:
         LiveView(a) if min(a.strides, default=0) < 0 else from_numpy(a))


@fault("torch.from_numpy of an unaligned array gives a live view", ["torch.from_numpy.unaligned"], "torch")
def torch_from_numpy_live_unaligned(mp, torch):
    wrap(mp, torch, "from_numpy", lambda from_numpy: lambda a: from_numpy(a) if a.flags.aligned else LiveView(a))


@fault("torch.from_numpy converts non-native byte order", ["torch.from_numpy.byteswapped"], "torch")
def torch_from_numpy_swaps_bytes(mp, torch):
    wrap(mp, torch, "from_numpy", lambda from_numpy: lambda a: from_numpy(a.astype(a.dtype.newbyteorder("="))))


@fault("torch.tensor(ndarray) first copies the array into a fresh aligned, native, C-ordered one, so every layout "
       "converts", ["torch.tensor.copies"], "torch")
def torch_tensor_normalises_input(mp, torch):
    wrap(mp, torch, "tensor", lambda tensor: lambda data, **kw: tensor(
        np.array(data, dtype=data.dtype.newbyteorder("="), order="C", copy=True)
        if isinstance(data, np.ndarray) else data, **kw))


@fault("torch.from_numpy copies arrays of 4 KB and more", ["torch.from_numpy.shares_memory"], "torch")
def torch_from_numpy_copies_from_4k(mp, torch):
    wrap(mp, torch, "from_numpy", lambda from_numpy: lambda a:
         from_numpy(np.array(a, copy=True) if a.nbytes >= PAGE else a))


@fault("torch.tensor ignores dtype=", ["torch.tensor.dtype_override"], "torch")
def torch_tensor_drops_dtype(mp, torch):
    wrap(mp, torch, "tensor", lambda tensor: lambda data, dtype=None, **kw: tensor(data, **kw))


def unshareable(a) -> bool:
    """Arrays PyTorch cannot (or, for 0-d, does not) share: negative strides, non-native byte order, unaligned."""
    return isinstance(a, np.ndarray) and (min(a.strides, default=0) < 0 or not a.dtype.isnative
                                          or not a.flags.aligned or a.ndim == 0)


@fault("torch.as_tensor of an array it cannot share gives a live view of it", ["torch.as_tensor.shares_numpy"], "torch")
def torch_as_tensor_live(mp, torch):
    wrap(mp, torch, "as_tensor", lambda as_tensor: lambda data, **kw:
         LiveView(data) if unshareable(data) else as_tensor(data, **kw))


@fault("torch.asarray of an array it does not share (0-d included) gives a live view of it",
       ["torch.asarray.shares_numpy"], "torch")
def torch_asarray_live(mp, torch):
    wrap(mp, torch, "asarray", lambda asarray: lambda obj, **kw:
         LiveView(obj) if unshareable(obj) else asarray(obj, **kw))


# Faults that move only part of an already-refuted claim: each turns some of its holding cases into failures, so
# the baseline check and compare must see the change though the claim's verdict stays "refuted".

@fault("torch.tensor(a) aliases every C-contiguous native array instead of copying it", ["torch.tensor.copies"],
       "torch")
def torch_tensor_aliases_c_order(mp, torch):
    wrap(mp, torch, "tensor", lambda tensor: lambda data, **kw: torch.from_numpy(data)
         if isinstance(data, np.ndarray) and data.flags.c_contiguous and data.dtype.isnative and data.flags.aligned
         and data.flags.writeable and not kw else tensor(data, **kw))


@fault("torch.as_tensor copies Fortran-ordered arrays", ["torch.as_tensor.shares_numpy"], "torch")
def torch_as_tensor_copies_fortran(mp, torch):
    wrap(mp, torch, "as_tensor", lambda as_tensor: lambda data, **kw: as_tensor(
        np.array(data, copy=True) if isinstance(data, np.ndarray) and data.flags.f_contiguous
        and not data.flags.c_contiguous else data, **kw))


@fault("torch.asarray copies read-only arrays", ["torch.asarray.shares_numpy"], "torch")
def torch_asarray_copies_readonly(mp, torch):
    wrap(mp, torch, "asarray", lambda asarray: lambda obj, **kw: asarray(
        np.array(obj, copy=True) if isinstance(obj, np.ndarray) and not obj.flags.writeable else obj, **kw))


@fault("torch.from_numpy copies unaligned float32 arrays", ["torch.from_numpy.unaligned"], "torch")
def torch_from_numpy_copies_unaligned_float32(mp, torch):
    wrap(mp, torch, "from_numpy", lambda from_numpy: lambda a: from_numpy(
        np.array(a, copy=True) if a.dtype == np.float32 and not a.flags.aligned else a))


@fault("Tensor.numpy() of a transposed tensor returns a copy",
       ["torch.numpy.shares_memory", "torch.numpy.docs_shares_storage"], "torch")
def torch_numpy_copies_transposed(mp, torch):
    copying_numpy(mp, torch, when=lambda t: t.dim() >= 2 and t.stride()[0] < t.stride()[-1])


@fault("np.asarray of a step-sliced torch tensor returns a copy", ["torch.np_asarray.shares_memory"], "torch")
def numpy_asarray_copies_step_sliced_torch(mp, torch):
    real = np.asarray

    def copying(obj, *args, **kwargs):
        result = real(obj, *args, **kwargs)
        step_sliced = is_torch_tensor(obj) and not obj.is_contiguous() and obj.dim() >= 1 and obj.stride()[-1] > 1
        return result.copy() if step_sliced else result

    mp.setattr(np, "asarray", copying)
