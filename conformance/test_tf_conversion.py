"""TensorFlow <-> NumPy: values, shapes and dtypes across conversions."""

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import strategies as S
from conformance.assertions import assert_arrays_equal, assert_equal, returns

TF_ARRAYS = S.arrays(S.dtypes("tf"), S.shapes())
PYTHON_FLOATS = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=5)
PYTHON_INTS = st.lists(st.integers(-2**31, 2**31 - 1), min_size=1, max_size=5)


@pytest.mark.claim("tf.constant.from_numpy")
@given(a=TF_ARRAYS)
@example(a=np.array([[1, 2, 3], [4, 5, 6]]))
def test_constant_from_numpy(tf, a):
    for convert in (tf.constant, tf.convert_to_tensor):
        t = convert(a)
        assert_equal((tuple(t.shape), t.dtype.as_numpy_dtype), (a.shape, a.dtype.type),
                     f"shape and dtype of {convert.__name__}(a)")
        assert_arrays_equal(np.asarray(memoryview(t)), a, f"values of {convert.__name__}(a)")


@pytest.mark.claim("tf.numpy.roundtrip")
@given(a=TF_ARRAYS)
@example(a=np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int32))
def test_numpy_roundtrip(tf, a):
    t = tf.constant(a)
    assert_arrays_equal(np.asarray(t.numpy()), a, "t.numpy()")
    assert_arrays_equal(np.array(t), a, "np.array(t)")


@pytest.mark.claim("dtype.default_float.numpy_vs_tf")
@given(values=PYTHON_FLOATS)
@example(values=[1.0, 2.0, 3.0])
def test_default_float(tf, values):
    assert_equal(np.array(values).dtype.name, "float64", f"np.array({values!r}).dtype")
    assert_equal(tf.constant(values).dtype.name, "float32", f"tf.constant({values!r}).dtype")


@pytest.mark.claim("dtype.default_int.numpy_vs_tf")
@given(values=PYTHON_INTS)
@example(values=[1, 2, 3])
def test_default_int(tf, values):
    assert_equal(np.array(values).dtype.name, "int64", f"np.array({values!r}).dtype")
    assert_equal(tf.constant(values).dtype.name, "int32", f"tf.constant({values!r}).dtype")


@pytest.mark.claim("tf.constant.dtype_override")
@given(a=S.arrays(np.float64, S.shapes(), elements={"min_value": -1e30, "max_value": 1e30}))
@example(a=np.array([1.0, 2.0, 3.0]))
def test_constant_dtype_override(tf, a):
    assert_equal(tf.constant(a, dtype=tf.float32).dtype.name, "float32", "tf.constant(float64 a, dtype=tf.float32)")
    assert_equal(tf.cast(tf.constant(a), tf.float32).dtype.name, "float32", "tf.cast(float64 tensor, tf.float32)")


@pytest.mark.claim("tf.float.single_element")
@given(a=S.arrays(S.dtypes("tf", kinds="iuf"), S.single_element_shapes(),
                  elements={"min_value": -10**6, "max_value": 10**6}))
@example(a=np.array([5.0], dtype=np.float32))
def test_tf_float_single_element(tf, a):
    t = tf.constant(a)
    assert_equal(returns(lambda: float(t), f"float() of a {a.shape} TF tensor"), float(a.item()), "float()")
    assert_equal(returns(lambda: int(t), f"int() of a {a.shape} TF tensor"), int(a.item()), "int()")


@pytest.mark.claim("tf.dataset.preserves_dtype")
@given(data=st.data(), x_dtype=S.dtypes("tf", kinds="if"), y_dtype=S.dtypes("tf", kinds="if"))
def test_dataset_preserves_dtype(tf, data, x_dtype, y_dtype):
    n = data.draw(st.integers(1, 40), label="n")
    rows = data.draw(st.integers(n, 3 * n), label="rows")
    X = data.draw(S.arrays(x_dtype, (rows, 10)), label="X")
    y = data.draw(S.arrays(y_dtype, (rows,)), label="y")
    dataset = tf.data.Dataset.from_tensor_slices((X, y)).batch(n)
    for position, (batch_x, batch_y) in enumerate(dataset):
        assert_equal((batch_x.dtype.as_numpy_dtype, batch_y.dtype.as_numpy_dtype), (X.dtype.type, y.dtype.type),
                     f"dtypes of batch {position}")
        if position == 0:
            assert_equal((batch_x.shape[0], batch_y.shape[0]), (n, n), "leading dimension of the first batch")
