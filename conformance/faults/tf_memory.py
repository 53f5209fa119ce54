"""Faults that break test_tf_memory.py: TF copies, views and immutability."""

import builtins

import numpy as np

from conformance.faults._registry import fault, wrap
from conformance.faults._standins import LiveView, eager_base, is_tf_tensor


@fault("Tensor.numpy() returns the read-only view over the tensor's buffer",
       ["tf.numpy.shares_memory", "tf.numpy.docstring_copies"], "tf")
def tf_numpy_returns_view(mp, tf):
    mp.setattr(eager_base(), "numpy", lambda self: np.asarray(memoryview(self)))


@fault("Tensor.numpy() returns one writable array per tensor, which the tensor then reads",
       ["tf.numpy.mutation_isolated"], "tf")
def tf_numpy_returns_shared_mutable(mp, tf):
    base = eager_base()
    numpy = base.numpy
    shared = {}

    def cached(self):
        key = id(self)
        if key not in shared:
            shared[key] = (self, np.array(numpy(self)))
        return shared[key][1]

    mp.setattr(base, "numpy", cached)


@fault("eager tensors accept item assignment (and ignore it)", ["tf.tensor.immutable"], "tf")
def tf_tensor_accepts_assignment(mp, tf):
    mp.setattr(eager_base(), "__setitem__", lambda self, index, value: None, raising=False)


@fault("tf.constant returns a live view of its ndarray", ["tf.constant.isolated_from_source"], "tf")
def tf_constant_live(mp, tf):
    wrap(mp, tf, "constant", lambda constant: lambda value, *args, **kwargs:
         LiveView(value) if isinstance(value, np.ndarray) else constant(value, *args, **kwargs))


@fault("tf.constant returns a live view of Fortran-ordered ndarrays only", ["tf.constant.isolated_from_source"], "tf")
def tf_constant_live_fortran(mp, tf):
    def fortran(value):
        return isinstance(value, np.ndarray) and value.flags.f_contiguous and not value.flags.c_contiguous

    wrap(mp, tf, "constant", lambda constant: lambda value, *args, **kwargs:
         LiveView(value) if fortran(value) else constant(value, *args, **kwargs))


@fault("memoryview(t) is a writable copy", ["tf.memoryview.zero_copy"], "tf")
def tf_memoryview_copies(mp, tf):
    real = builtins.memoryview
    mp.setattr(builtins, "memoryview", lambda obj: real(bytearray(real(obj).tobytes())).cast(
        real(obj).format, real(obj).shape) if real(obj).nbytes else real(obj))


@fault("np.asarray of a TF tensor returns a fresh copy, even with copy=False",
       ["tf.np_asarray.shares_if_possible", "tf.np_asarray.copy_false"], "tf")
def numpy_asarray_copies_tf(mp, tf):
    real = np.asarray

    def copying(obj, *args, copy=None, **kwargs):
        if is_tf_tensor(obj):
            return np.array(obj.numpy(), copy=True)
        return real(obj, *args, **kwargs) if copy is None else real(obj, *args, copy=copy, **kwargs)

    mp.setattr(np, "asarray", copying)
