"""Faults that break test_tf_conversion.py: values, shapes and dtypes across TF conversions."""

import numpy as np

from conformance.faults._registry import fault, wrap
from conformance.faults._standins import eager_base


@fault("tf.constant of an ndarray gives zeros", ["tf.constant.from_numpy"], "tf")
def tf_constant_zeroes(mp, tf):
    wrap(mp, tf, "constant", lambda constant: lambda value, *args, **kwargs: constant(
        np.zeros_like(value) if isinstance(value, np.ndarray) else value, *args, **kwargs))


@fault("tf.constant of a 0-d ndarray gives its value plus one", ["tf.constant.from_numpy"], "tf")
def tf_constant_off_for_rank0(mp, tf):
    def off(value):
        return np.logical_not(value) if value.dtype == bool else value + value.dtype.type(1)

    wrap(mp, tf, "constant", lambda constant: lambda value, *args, **kwargs: constant(
        off(value) if isinstance(value, np.ndarray) and value.ndim == 0 else value, *args, **kwargs))


@fault("Tensor.numpy() and np.array(t) give zeros", ["tf.numpy.roundtrip"], "tf")
def tf_numpy_zeroes(mp, tf):
    base = eager_base()
    numpy = base.numpy
    mp.setattr(base, "numpy", lambda self: np.zeros_like(numpy(self)))
    mp.setattr(base, "__array__", lambda self, dtype=None, copy=None: np.zeros_like(numpy(self)))


@fault("tf.constant of Python floats and ints gives float64 and int64",
       ["dtype.default_float.numpy_vs_tf", "dtype.default_int.numpy_vs_tf"], "tf")
def tf_default_64bit(mp, tf):
    wrap(mp, tf, "constant", lambda constant: lambda value, dtype=None, *args, **kwargs: constant(
        value, dtype or _wide_dtype(tf, value), *args, **kwargs))


@fault("tf.constant of nested lists of Python floats gives float64", ["dtype.default_float.numpy_vs_tf"], "tf")
def tf_constant_float64_nested(mp, tf):
    wrap(mp, tf, "constant", lambda constant: lambda value, dtype=None, *args, **kwargs: constant(
        value, dtype or (_wide_dtype(tf, value) if _nested(value) else None), *args, **kwargs))


def _nested(value) -> bool:
    return isinstance(value, list) and any(isinstance(v, (list, tuple)) for v in value)


def _wide_dtype(tf, value):
    leaf = value
    while isinstance(leaf, (list, tuple)) and leaf:
        leaf = leaf[0]
    return tf.float64 if isinstance(leaf, float) else tf.int64 if isinstance(leaf, int) else None


@fault("tf.cast returns its input unchanged", ["tf.constant.dtype_override"], "tf")
def tf_cast_ignored(mp, tf):
    mp.setattr(tf, "cast", lambda x, dtype, name=None: x)


@fault("float() and int() on a TF tensor squeeze it first", ["tf.float.single_element"], "tf")
def tf_float_squeezes(mp, tf):
    base = eager_base()
    mp.setattr(base, "__float__", lambda self: float(self.numpy().reshape(-1)[0]))
    mp.setattr(base, "__int__", lambda self: int(self.numpy().reshape(-1)[0]))


@fault("Dataset.from_tensor_slices casts every component to float32", ["tf.dataset.preserves_dtype"], "tf")
def tf_dataset_casts(mp, tf):
    from_tensor_slices = tf.data.Dataset.from_tensor_slices
    mp.setattr(tf.data.Dataset, "from_tensor_slices", staticmethod(
        lambda tensors, name=None: from_tensor_slices(tuple(np.asarray(t, np.float32) for t in tensors))))


@fault("float() of a rank-0 TF tensor is one more than its element (moves part of a refuted claim)",
       ["tf.float.single_element"], "tf")
def tf_float_off_for_rank0(mp, tf):
    base = eager_base()
    wrap(mp, base, "__float__", lambda to_float: lambda self: to_float(self) + 1 if self.shape.rank == 0
         else to_float(self))
