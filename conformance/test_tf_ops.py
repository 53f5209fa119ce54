"""TensorFlow operations given NumPy arrays, and NumPy functions given TF tensors."""

import itertools

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import strategies as S
from conformance.assertions import assert_raises

SMALL = {"min_value": -100, "max_value": 100}


@pytest.mark.claim("tf.ops.accept_numpy")
@given(data=st.data(), dtype=st.sampled_from([np.float32, np.float64, np.int32]))
def test_ops_accept_numpy(tf, data, dtype):
    n, m, k = (data.draw(st.integers(1, 4), label=name) for name in "nmk")
    a = data.draw(S.arrays(dtype, (n, m), elements=SMALL), label="a")
    b = data.draw(S.arrays(dtype, (n, m), elements=SMALL), label="b")
    c = data.draw(S.arrays(dtype, (m, k), elements=SMALL), label="c")
    tb, tc = tf.constant(b), tf.constant(c)
    cases = {"tf.add(a, t)": (lambda: tf.add(a, tb), a + b),
             "a * t": (lambda: a * tb, a * b), "t * a": (lambda: tb * a, b * a),
             "a - t": (lambda: a - tb, a - b), "t + a": (lambda: tb + a, b + a),
             "tf.matmul(a, t)": (lambda: tf.matmul(a, tc), a @ c)}
    for name, (call, expected) in cases.items():
        try:
            got = np.asarray(call())
        except Exception as exc:
            raise AssertionError(f"{name} with {np.dtype(dtype)} operands raised {type(exc).__name__}: {exc}") from None
        if got.shape != expected.shape or not np.allclose(got, expected, rtol=1e-5):
            raise AssertionError(f"{name}: NumPy gives {expected!r}, TensorFlow {got!r}")


@pytest.mark.claim("tf.numpy_functions.error_on_tensor")
@given(a=S.arrays(S.dtypes("tf", kinds="if"), S.nonempty_shapes(), elements=SMALL),
       function=st.sampled_from(["sum", "mean", "square", "max"]))
@example(a=np.array([1.0, 2.0, 3.0], dtype=np.float32), function="sum")
def test_numpy_functions_error_on_tensor(tf, a, function):
    t = tf.constant(a)
    assert_raises(Exception, lambda: getattr(np, function)(t), f"np.{function}(tf tensor)")


@pytest.mark.claim("tf.function.numpy_unavailable")
@given(a=S.arrays(S.dtypes("tf", kinds="if"), S.shapes()))
@example(a=np.ones((3,), dtype=np.float32))
def test_function_numpy_unavailable(tf, a):
    @tf.function
    def calls_numpy(x):
        return x.numpy()

    assert_raises(Exception, lambda: calls_numpy(tf.constant(a)), "x.numpy() inside @tf.function")


PROMOTION_DTYPES = ["float16", "float32", "float64", "int32", "int64"]


@pytest.mark.claim("tf.promotion.differs_from_numpy")
def test_promotion_differs_from_numpy(tf, record_property):
    differences = []
    for array_dtype, tensor_dtype in itertools.product(PROMOTION_DTYPES, repeat=2):
        numpy_result = np.result_type(array_dtype, tensor_dtype).name
        try:
            tf_result = (np.ones(2, array_dtype) + tf.ones(2, tensor_dtype)).dtype.name
        except Exception as exc:
            tf_result = type(exc).__name__
        if tf_result != numpy_result:
            differences.append(f"ndarray {array_dtype} + tensor {tensor_dtype}: NumPy {numpy_result}, TF {tf_result}")
    record_property("differences", differences)
    if not differences:
        raise AssertionError(f"mixed TF/NumPy promotion matches np.result_type for all {len(PROMOTION_DTYPES)**2} pairs")
