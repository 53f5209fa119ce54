"""Planted faults: each breaks (or, for a refuted claim, supplies) one documented behaviour.

A fault is planted by monkeypatching a framework for one pytest session
(``pytest --plant-fault NAME``); nothing in the frameworks is edited. Each
fault names the claims it targets: under the fault their verdicts must change,
or the claim's test cannot fail. ``python -m conformance.mutation`` runs them all.
"""

import builtins
import importlib
import time
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Fault:
    name: str
    description: str
    targets: tuple
    framework: str
    patch: object = field(repr=False, compare=False)

    def plant(self, monkeypatch):
        module = importlib.import_module({"torch": "torch", "tf": "tensorflow"}[self.framework])
        return self.patch(monkeypatch, module)


FAULTS = {}


def fault(name, description, targets, framework):
    def register(patch):
        FAULTS[name] = Fault(name, description, tuple(targets), framework, patch)
        return patch
    return register


def plant(name, monkeypatch):
    if name not in FAULTS:
        raise KeyError(f"unknown fault {name!r}; known faults: {', '.join(sorted(FAULTS))}")
    return FAULTS[name].plant(monkeypatch)


def faults_for(claim_id):
    return [f for f in FAULTS.values() if claim_id in f.targets]


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


# --- PyTorch ---------------------------------------------------------------------------------

@fault("torch-numpy-copies", "Tensor.numpy() returns a copy",
       ["torch.numpy.shares_memory", "torch.numpy.force_detaches", "torch.np_asarray.shares_memory",
        "torch.cpu.numpy_roundtrip"], "torch")
def _(mp, torch):
    numpy = torch.Tensor.numpy
    mp.setattr(torch.Tensor, "numpy", lambda self, *, force=False: numpy(self, force=force).copy())


class _AliasingCopy(np.ndarray):
    def copy(self, order="C"):
        return self


@fault("ndarray-copy-aliases", "the array from Tensor.numpy() has a copy() that returns itself",
       ["torch.numpy.copy_is_independent"], "torch")
def _(mp, torch):
    numpy = torch.Tensor.numpy
    mp.setattr(torch.Tensor, "numpy", lambda self, *, force=False: numpy(self, force=force).view(_AliasingCopy))


@fault("torch-clone-aliases", "Tensor.clone() returns the tensor itself", ["torch.clone.numpy_shares_clone_only"], "torch")
def _(mp, torch):
    mp.setattr(torch.Tensor, "clone", lambda self, *args, **kwargs: self)


@fault("torch-numpy-ignores-grad", "Tensor.numpy() detaches silently instead of raising",
       ["torch.numpy.requires_grad_raises"], "torch")
def _(mp, torch):
    numpy = torch.Tensor.numpy
    mp.setattr(torch.Tensor, "numpy", lambda self, *, force=False: numpy(self.detach()))


@fault("torch-detach-copies", "Tensor.detach() returns a copy", ["torch.detach.numpy_is_independent"], "torch")
def _(mp, torch):
    detach = torch.Tensor.detach
    mp.setattr(torch.Tensor, "detach", lambda self: detach(self).clone())


@fault("torch-from-numpy-copies", "torch.from_numpy copies its array",
       ["torch.from_numpy.shares_memory", "torch.from_numpy.shares_memory.noncontiguous",
        "torch.from_numpy.readonly_shares"], "torch")
def _(mp, torch):
    from_numpy = torch.from_numpy
    mp.setattr(torch, "from_numpy", lambda a: from_numpy(np.array(a, copy=True)))


@fault("torch-from-numpy-widens", "torch.from_numpy returns float64 whatever the array's dtype",
       ["torch.from_numpy.preserves_dtype", "torch.from_numpy.zero_size"], "torch")
def _(mp, torch):
    from_numpy = torch.from_numpy
    mp.setattr(torch, "from_numpy", lambda a: from_numpy(a).to(torch.float64))


@fault("torch-from-numpy-live-negative", "torch.from_numpy of a negative-stride array gives a live view",
       ["torch.from_numpy.negative_strides"], "torch")
def _(mp, torch):
    from_numpy = torch.from_numpy
    mp.setattr(torch, "from_numpy", lambda a: LiveView(a) if min(a.strides, default=0) < 0 else from_numpy(a))


@fault("torch-from-numpy-live-unaligned", "torch.from_numpy of an unaligned array gives a live view",
       ["torch.from_numpy.unaligned"], "torch")
def _(mp, torch):
    from_numpy = torch.from_numpy
    mp.setattr(torch, "from_numpy", lambda a: from_numpy(a) if a.flags.aligned else LiveView(a))


@fault("torch-from-numpy-swaps-bytes", "torch.from_numpy converts non-native byte order",
       ["torch.from_numpy.byteswapped"], "torch")
def _(mp, torch):
    from_numpy = torch.from_numpy
    mp.setattr(torch, "from_numpy", lambda a: from_numpy(a.astype(a.dtype.newbyteorder("="))))


@fault("torch-tensor-aliases", "torch.tensor(ndarray) aliases the array", ["torch.tensor.copies"], "torch")
def _(mp, torch):
    tensor = torch.tensor
    mp.setattr(torch, "tensor", lambda data, **kw: torch.from_numpy(data) if isinstance(data, np.ndarray) and not kw
               else tensor(data, **kw))


@fault("torch-tensor-drops-options", "torch.tensor ignores dtype= and device=",
       ["torch.tensor.dtype_override", "torch.tensor.device_cuda"], "torch")
def _(mp, torch):
    tensor = torch.tensor
    mp.setattr(torch, "tensor", lambda data, dtype=None, device=None, **kw: tensor(data, **kw))


@fault("torch-pow-scaled", "x ** 2 computes 1.5 * x ** 2, so its gradient is 3x",
       ["torch.tensor.requires_grad_gradient"], "torch")
def _(mp, torch):
    power = torch.Tensor.__pow__
    mp.setattr(torch.Tensor, "__pow__", lambda self, exponent: power(self, exponent) * 1.5)


@fault("torch-item-float", "Tensor.item() always returns a float", ["torch.item.scalar_to_python"], "torch")
def _(mp, torch):
    item = torch.Tensor.item

    def as_float(self):
        value = item(self)
        return float(value.real if isinstance(value, complex) else value)

    mp.setattr(torch.Tensor, "item", as_float)


@fault("torch-item-strict", "Tensor.item() raises ValueError on several elements and RuntimeError "
       "on tensors that track gradients or live on CUDA",
       ["torch.item.multi_element_raises_valueerror", "torch.item.requires_grad_needs_detach",
        "torch.item.cuda_needs_cpu"], "torch")
def _(mp, torch):
    item = torch.Tensor.item

    def strict_item(self):
        if self.numel() > 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        if self.requires_grad or self.is_cuda:
            raise RuntimeError("planted fault: item() needs a CPU tensor without grad")
        return item(self)

    mp.setattr(torch.Tensor, "item", strict_item)


@fault("torch-item-needs-squeeze", "Tensor.item() raises on every tensor that is not 0-d",
       ["torch.item.requires_squeeze"], "torch")
def _(mp, torch):
    item = torch.Tensor.item

    def squeezed_only(self):
        if self.dim() > 0:
            raise RuntimeError("planted fault: item() needs a 0-d tensor")
        return item(self)

    mp.setattr(torch.Tensor, "item", squeezed_only)


@fault("torch-float-as-documented", "float() on a tensor raises RuntimeError for several elements, "
       "on CUDA and with requires_grad, and for any non-0-d tensor",
       ["torch.float.single_element", "torch.float.multi_element_raises_valueerror",
        "torch.float.requires_cpu_no_grad"], "torch")
def _(mp, torch):
    to_float = torch.Tensor.__float__

    def strict_float(self):
        if self.dim() > 0 or self.requires_grad or self.is_cuda:
            raise RuntimeError("planted fault: float() needs a 0-d CPU tensor without grad")
        return to_float(self)

    mp.setattr(torch.Tensor, "__float__", strict_float)


@fault("torch-default-float64", "the default floating dtype is float64", ["dtype.default_float.torch"], "torch")
def _(mp, torch):
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    return lambda: torch.set_default_dtype(previous)


@fault("torch-as-tensor-copies", "torch.as_tensor copies ndarrays", ["torch.as_tensor.shares_numpy"], "torch")
def _(mp, torch):
    as_tensor = torch.as_tensor
    mp.setattr(torch, "as_tensor", lambda data, **kw: as_tensor(np.array(data, copy=True), **kw))


@fault("torch-array-copy-aware", "Tensor.__array__ accepts copy= and returns Tensor.numpy()",
       ["torch.np_asarray.copy_false"], "torch")
def _(mp, torch):
    mp.setattr(torch.Tensor, "__array__", lambda self, dtype=None, copy=None: self.numpy())


@fault("torch-numpy-always-forced", "Tensor.numpy() behaves as numpy(force=True), so CUDA tensors convert",
       ["torch.numpy.cuda_raises", "torch.np_asarray.cuda_raises"], "torch")
def _(mp, torch):
    numpy = torch.Tensor.numpy
    mp.setattr(torch.Tensor, "numpy", lambda self, *, force=False: numpy(self, force=True))
    mp.setattr(torch.Tensor, "__array__", lambda self, dtype=None, copy=None: numpy(self, force=True))


@fault("torch-numpy-force-zeroes", "Tensor.numpy(force=True) returns zeros", ["torch.numpy.force_cuda"], "torch")
def _(mp, torch):
    numpy = torch.Tensor.numpy
    mp.setattr(torch.Tensor, "numpy", lambda self, *, force=False: np.zeros_like(numpy(self, force=True))
               if force else numpy(self))


@fault("torch-to-stays", "Tensor.to(device) returns the tensor where it is", ["torch.from_numpy.cuda_copies"], "torch")
def _(mp, torch):
    mp.setattr(torch.Tensor, "to", lambda self, *args, **kwargs: self)


@fault("torch-asarray-ignores-copy-false", "torch.asarray ignores copy=False",
       ["torch.asarray.cuda_copy_false_raises"], "torch")
def _(mp, torch):
    asarray = torch.asarray
    mp.setattr(torch, "asarray", lambda obj, *, copy=None, **kw: asarray(obj, **kw))


@fault("torch-float32-matmul-slowed", "float32 matmul is slowed to float64's pace and beyond",
       ["perf.gpu_float32_faster"], "torch")
def _(mp, torch):
    matmul = torch.Tensor.__matmul__

    def slowed(self, other):
        result = matmul(self, other)
        if self.dtype == torch.float32:
            for _ in range(8):
                result = matmul(self, other)
        return result

    mp.setattr(torch.Tensor, "__matmul__", slowed)


# --- TensorFlow --------------------------------------------------------------------------------

def _eager_base():
    from tensorflow.python.framework import ops

    return ops._EagerTensorBase


@fault("tf-constant-zeroes", "tf.constant of an ndarray gives zeros", ["tf.constant.from_numpy"], "tf")
def _(mp, tf):
    constant = tf.constant
    mp.setattr(tf, "constant", lambda value, *args, **kwargs: constant(
        np.zeros_like(value) if isinstance(value, np.ndarray) else value, *args, **kwargs))


@fault("tf-numpy-zeroes", "Tensor.numpy() and np.array(t) give zeros",
       ["tf.numpy.roundtrip", "tf.numpy.gpu_copies"], "tf")
def _(mp, tf):
    base = _eager_base()
    numpy = base.numpy
    mp.setattr(base, "numpy", lambda self: np.zeros_like(numpy(self)))
    mp.setattr(base, "__array__", lambda self, dtype=None, copy=None: np.zeros_like(numpy(self)))


@fault("tf-default-64bit", "tf.constant of Python floats and ints gives float64 and int64",
       ["dtype.default_float.numpy_vs_tf", "dtype.default_int.numpy_vs_tf"], "tf")
def _(mp, tf):
    constant = tf.constant

    def wide(value, dtype=None, *args, **kwargs):
        if dtype is None and isinstance(value, list) and value:
            dtype = tf.float64 if isinstance(value[0], float) else tf.int64 if isinstance(value[0], int) else None
        return constant(value, dtype, *args, **kwargs)

    mp.setattr(tf, "constant", wide)


@fault("tf-cast-ignored", "tf.cast returns its input unchanged", ["tf.constant.dtype_override"], "tf")
def _(mp, tf):
    mp.setattr(tf, "cast", lambda x, dtype, name=None: x)


@fault("tf-add-rejects-ndarray", "tf.add raises TypeError on an ndarray", ["tf.ops.accept_numpy"], "tf")
def _(mp, tf):
    add = tf.add

    def strict_add(x, y, name=None):
        if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
            raise TypeError("planted fault: tf.add takes tensors only")
        return add(x, y, name=name)

    mp.setattr(tf, "add", strict_add)


@fault("tf-numpy-returns-view", "Tensor.numpy() returns the read-only view over the tensor's buffer",
       ["tf.numpy.shares_memory", "tf.numpy.docstring_copies"], "tf")
def _(mp, tf):
    mp.setattr(_eager_base(), "numpy", lambda self: np.asarray(memoryview(self)))


@fault("tf-numpy-returns-shared-mutable", "Tensor.numpy() returns one writable array per tensor, "
       "which the tensor then reads", ["tf.numpy.mutation_isolated"], "tf")
def _(mp, tf):
    base = _eager_base()
    numpy = base.numpy
    shared = {}

    def cached(self):
        key = id(self)
        if key not in shared:
            shared[key] = (self, np.array(numpy(self)))
        return shared[key][1]

    mp.setattr(base, "numpy", cached)


@fault("tf-tensor-accepts-assignment", "eager tensors accept item assignment (and ignore it)",
       ["tf.tensor.immutable"], "tf")
def _(mp, tf):
    mp.setattr(_eager_base(), "__setitem__", lambda self, index, value: None, raising=False)


@fault("tf-constant-live", "tf.constant returns a live view of its ndarray",
       ["tf.constant.isolated_from_source"], "tf")
def _(mp, tf):
    constant = tf.constant
    mp.setattr(tf, "constant", lambda value, *args, **kwargs: LiveView(value) if isinstance(value, np.ndarray)
               else constant(value, *args, **kwargs))


def _is_tf_tensor(obj):
    return type(obj).__name__ == "EagerTensor"


@fault("numpy-functions-reject-tf", "np.sum, np.mean, np.square and np.max raise TypeError on TF tensors",
       ["tf.numpy_functions.error_on_tensor"], "tf")
def _(mp, tf):
    for name in ("sum", "mean", "square", "max"):
        real = getattr(np, name)

        def rejecting(obj, *args, _real=real, _name=name, **kwargs):
            if _is_tf_tensor(obj):
                raise TypeError(f"planted fault: np.{_name} rejects TF tensors")
            return _real(obj, *args, **kwargs)

        mp.setattr(np, name, rejecting)


@fault("tf-function-is-eager", "tf.function returns the Python function unchanged (eager)",
       ["tf.function.numpy_unavailable"], "tf")
def _(mp, tf):
    mp.setattr(tf, "function", lambda func=None, **kwargs: func if func is not None else (lambda f: f))


@fault("tf-dataset-casts", "Dataset.from_tensor_slices casts every component to float32",
       ["tf.dataset.preserves_dtype"], "tf")
def _(mp, tf):
    from_tensor_slices = tf.data.Dataset.from_tensor_slices
    mp.setattr(tf.data.Dataset, "from_tensor_slices", staticmethod(
        lambda tensors, name=None: from_tensor_slices(tuple(np.asarray(t, np.float32) for t in tensors))))


@fault("tf-promotes-like-numpy", "ndarray + tensor follows NumPy's promotion",
       ["tf.promotion.differs_from_numpy"], "tf")
def _(mp, tf):
    mp.setattr(_eager_base(), "__radd__", lambda self, other: tf.constant(np.asarray(other) + self.numpy()),
               raising=False)


@fault("tf-memoryview-copies", "memoryview(t) is a writable copy", ["tf.memoryview.zero_copy"], "tf")
def _(mp, tf):
    real = builtins.memoryview
    mp.setattr(builtins, "memoryview", lambda obj: real(bytearray(real(obj).tobytes())).cast(
        real(obj).format, real(obj).shape) if real(obj).nbytes else real(obj))


@fault("numpy-asarray-copies-tf", "np.asarray of a TF tensor returns a fresh copy, even with copy=False",
       ["tf.np_asarray.shares_if_possible", "tf.np_asarray.copy_false"], "tf")
def _(mp, tf):
    real = np.asarray

    def copying(obj, *args, copy=None, **kwargs):
        if _is_tf_tensor(obj):
            return np.array(obj.numpy(), copy=True)
        return real(obj, *args, **kwargs) if copy is None else real(obj, *args, copy=copy, **kwargs)

    mp.setattr(np, "asarray", copying)


@fault("tf-float-squeezes", "float() and int() on a TF tensor squeeze it first",
       ["tf.float.single_element"], "tf")
def _(mp, tf):
    base = _eager_base()
    mp.setattr(base, "__float__", lambda self: float(self.numpy().reshape(-1)[0]))
    mp.setattr(base, "__int__", lambda self: int(self.numpy().reshape(-1)[0]))


@fault("tf-dlpack-copies", "tf.experimental.dlpack.from_dlpack copies", ["interop.dlpack.torch_to_tf_shares"], "tf")
def _(mp, tf):
    from_dlpack = tf.experimental.dlpack.from_dlpack
    mp.setattr(tf.experimental.dlpack, "from_dlpack", lambda capsule: tf.constant(np.array(from_dlpack(capsule))))


@fault("tf-constant-slow-for-large", "tf.constant sleeps 50 ms for inputs over 1 MB, so batching loses",
       ["perf.batch_conversion_faster"], "tf")
def _(mp, tf):
    constant = tf.constant

    def slow(value, *args, **kwargs):
        if getattr(value, "nbytes", 0) >= 2**20:
            time.sleep(0.05)
        return constant(value, *args, **kwargs)

    mp.setattr(tf, "constant", slow)


@fault("tf-constant-slow-for-small", "tf.constant sleeps 1 ms for inputs under 1 MB, so per-item conversion "
       "loses to batching", ["perf.batch_conversion_faster"], "tf")
def _(mp, tf):
    constant = tf.constant

    def slow(value, *args, **kwargs):
        if 0 < getattr(value, "nbytes", 0) < 2**20:
            time.sleep(0.001)
        return constant(value, *args, **kwargs)

    mp.setattr(tf, "constant", slow)
