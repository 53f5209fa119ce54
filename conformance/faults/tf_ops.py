"""Faults that break test_tf_ops.py: TF operations on ndarrays, NumPy functions on tensors."""

import numpy as np

from conformance.faults._registry import fault, wrap
from conformance.faults._standins import eager_base, is_tf_tensor


@fault("tf.add raises TypeError on an ndarray", ["tf.ops.accept_numpy"], "tf")
def tf_add_rejects_ndarray(mp, tf):
    def strict(add):
        def strict_add(x, y, name=None):
            if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
                raise TypeError("planted fault: tf.add takes tensors only")
            return add(x, y, name=name)
        return strict_add

    wrap(mp, tf, "add", strict)


@fault("np.sum, np.mean, np.square and np.max raise TypeError on TF tensors",
       ["tf.numpy_functions.error_on_tensor"], "tf")
def numpy_functions_reject_tf(mp, tf):
    for name in ("sum", "mean", "square", "max"):
        def rejecting(real, name=name):
            def reject(obj, *args, **kwargs):
                if is_tf_tensor(obj):
                    raise TypeError(f"planted fault: np.{name} rejects TF tensors")
                return real(obj, *args, **kwargs)
            return reject

        wrap(mp, np, name, rejecting)


@fault("tf.function returns the Python function unchanged (eager)", ["tf.function.numpy_unavailable"], "tf")
def tf_function_is_eager(mp, tf):
    mp.setattr(tf, "function", lambda func=None, **kwargs: func if func is not None else (lambda f: f))


@fault("ndarray + tensor follows NumPy's promotion", ["tf.promotion.differs_from_numpy"], "tf")
def tf_promotes_like_numpy(mp, tf):
    mp.setattr(eager_base(), "__radd__", lambda self, other: tf.constant(np.asarray(other) + self.numpy()),
               raising=False)
