"""TensorFlow operations given NumPy arrays, and NumPy functions given TF tensors."""

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import strategies as S

from conformance.assertions import assert_raises, refute
from conformance.claims._model import TF_DTYPES
from conformance.domains import for_claim
from conformance.engine import evidence
from conformance.inputs import draw_array, draw_input

SMALL = {"min_value": -100, "max_value": 100}


def _outcome(call):
    try:
        return np.asarray(call()), None
    except Exception as exc:
        return None, type(exc).__name__


@for_claim("tf.ops.accept_numpy")
@given(data=st.data(), k=st.integers(1, 4))
def test_ops_accept_numpy(tf, case, data, k):
    """``a``: the case's ndarray, of two axes (tf.matmul's operand) in its size class and layout."""
    shape = S.sized_shapes(case.size, np.dtype(case.dtype).itemsize, min_dims=2, max_dims=2)
    a = draw_array(data, case, elements=SMALL, shape=data.draw(shape, label="shape"), label="a")
    n, m = a.shape
    b = draw_array(data, case, elements=SMALL, shape=(n, m), label="b", layout="C", note=False)
    c = draw_array(data, case, elements=SMALL, shape=(m, k), label="c", layout="C", note=False)
    tb, tc = tf.constant(b), tf.constant(c)
    cases = {"tf.add(a, t)": (lambda: tf.add(a, tb), lambda ta: tf.add(ta, tb)),
             "a * t": (lambda: a * tb, lambda ta: ta * tb), "t * a": (lambda: tb * a, lambda ta: tb * ta),
             "a - t": (lambda: a - tb, lambda ta: ta - tb), "t + a": (lambda: tb + a, lambda ta: tb + ta),
             "tf.matmul(a, t)": (lambda: tf.matmul(a, tc), lambda ta: tf.matmul(ta, tc))}
    for name, (with_array, with_tensor) in cases.items():
        got, raised = _outcome(with_array)
        expected, expected_raise = _outcome(lambda: with_tensor(tf.constant(a)))
        if raised != expected_raise:
            refute(f"{name} with a {a.dtype} ndarray: {raised or 'returned'}, but with "
                   f"tf.constant(a): {expected_raise or 'returned'}", f"raises {raised}" if raised else "no exception")
        if got is not None and (got.dtype != expected.dtype or not np.array_equal(
                got, expected, equal_nan=got.dtype.kind in "fc")):
            refute(f"{name} with a {a.dtype} ndarray gives {got!r}, with tf.constant(a) {expected!r}",
                   "wrong values" if got.dtype == expected.dtype else "wrong dtype")


@for_claim("tf.numpy_functions.error_on_tensor")
@given(data=st.data())
def test_numpy_functions_error_on_tensor(tf, case, data):
    t, _ = draw_input(data, case, "tf", elements=SMALL)
    function = getattr(np, case.function.removeprefix("np."))
    assert_raises(Exception, lambda: function(t), f"{case.function}(tf tensor of {case.dtype})")


@for_claim("tf.function.numpy_unavailable")
@given(data=st.data())
def test_function_numpy_unavailable(tf, case, data):
    @tf.function
    def calls_numpy(x):
        return x.numpy()

    t, _ = draw_input(data, case, "tf")
    assert_raises(Exception, lambda: calls_numpy(t), "x.numpy() inside @tf.function")


@for_claim("tf.promotion.differs_from_numpy")
def test_promotion_differs_from_numpy(tf, case, record_property):
    """Every pair of the dtypes TF and NumPy share, as 0-d and as 1-d operands: ``ndarray + tensor`` against what
    NumPy gives for the same two operands as ndarrays."""
    differences = []
    pairs = list(itertools.product(TF_DTYPES, repeat=2))
    for shape, (array_dtype, tensor_dtype) in itertools.product(((), (2,)), pairs):
        array = np.ones(shape, array_dtype)
        evidence.note_array(array)
        numpy_result = (array + np.ones(shape, tensor_dtype)).dtype.name
        try:
            tf_result = (array + tf.ones(shape, tensor_dtype)).dtype.name
        except Exception as exc:
            tf_result = type(exc).__name__
        if tf_result != numpy_result:
            differences.append(f"{len(shape)}-d ndarray {array_dtype} + tensor {tensor_dtype}: NumPy {numpy_result}, "
                               f"TF {tf_result}")
    record_property("differences", differences)
    if not differences:
        refute(f"mixed TF/NumPy promotion matches NumPy's for all {len(pairs)} pairs of dtypes, 0-d and 1-d",
               "same promotion")
