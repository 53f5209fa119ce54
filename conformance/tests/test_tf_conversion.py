"""TensorFlow <-> NumPy: values, shapes and dtypes across conversions."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import strategies as S
from conformance.assertions import assert_arrays_equal, assert_equal, returns
from conformance.domains import for_claim
from conformance.inputs import draw_array, draw_input, note_output, python_data

PYTHON_FLOATS = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=5)
PYTHON_INTS = st.lists(st.integers(-2**31, 2**31 - 1), min_size=1, max_size=5)


@for_claim("tf.constant.from_numpy")
@given(data=st.data())
def test_constant_from_numpy(tf, case, data):
    a = draw_array(data, case)
    native = a.astype(a.dtype.newbyteorder("="))
    for convert in (tf.constant, tf.convert_to_tensor):
        t = note_output(returns(lambda: convert(a), f"{convert.__name__} of a {case.layout} {a.dtype.str} array"))
        assert_equal((tuple(t.shape), t.dtype.as_numpy_dtype), (a.shape, native.dtype.type),
                     f"shape and dtype of {convert.__name__}(a)", outcome="wrong dtype")
        assert_arrays_equal(np.asarray(memoryview(t)), native, f"values of {convert.__name__}(a)")


@for_claim("tf.numpy.roundtrip")
@given(data=st.data())
def test_numpy_roundtrip(tf, case, data):
    t, values = draw_input(data, case, "tf")
    assert_arrays_equal(np.asarray(t.numpy()), values, "t.numpy()")
    assert_arrays_equal(np.array(t), values, "np.array(t)")


@for_claim("dtype.default_float.numpy_vs_tf")
@given(values=PYTHON_FLOATS)
def test_default_float(tf, case, values):
    data = python_data(values, case.input)
    assert_equal(np.array(data).dtype.name, "float64", f"np.array({data!r}).dtype", outcome="wrong dtype")
    assert_equal(note_output(tf.constant(data)).dtype.name, "float32", f"tf.constant({data!r}).dtype",
                 outcome="wrong dtype")


@for_claim("dtype.default_int.numpy_vs_tf")
@given(values=PYTHON_INTS)
def test_default_int(tf, case, values):
    data = python_data(values, case.input)
    assert_equal(np.array(data).dtype.name, "int64", f"np.array({data!r}).dtype", outcome="wrong dtype")
    assert_equal(note_output(tf.constant(data)).dtype.name, "int32", f"tf.constant({data!r}).dtype",
                 outcome="wrong dtype")


@for_claim("tf.constant.dtype_override")
@given(data=st.data())
def test_constant_dtype_override(tf, case, data):
    a = draw_array(data, case, elements={"min_value": -1e30, "max_value": 1e30})
    assert_equal(tf.constant(a, dtype=tf.float32).dtype.name, "float32", "tf.constant(float64 a, dtype=tf.float32)",
                 outcome="wrong dtype")
    assert_equal(tf.cast(tf.constant(a), tf.float32).dtype.name, "float32", "tf.cast(float64 tensor, tf.float32)",
                 outcome="wrong dtype")


@for_claim("tf.float.single_element")
@given(data=st.data())
def test_tf_float_single_element(tf, case, data):
    t, a = draw_input(data, case, "tf", elements={"min_value": -10**6, "max_value": 10**6})
    assert_equal(returns(lambda: float(t), f"float() of a {a.shape} TF tensor"), float(a.item()), "float()")
    assert_equal(returns(lambda: int(t), f"int() of a {a.shape} TF tensor"), int(a.item()), "int()")


@for_claim("tf.dataset.preserves_dtype")
@given(data=st.data())
def test_dataset_preserves_dtype(tf, case, data):
    """X: rows of features, in its size class (tf.data slices it row by row, so its rows and columns are both drawn);
    at most about 8 batches of n rows each."""
    rows, columns = data.draw(S.sized_shapes(case.size, np.dtype(case.dtype).itemsize, min_dims=2, max_dims=2),
                              label="shape")
    n = data.draw(st.integers(max(1, rows // 8), rows), label="n")
    X = draw_array(data, case, shape=(rows, columns), label="X")
    y = data.draw(S.arrays(case.target, (rows,)), label="y")
    dataset = tf.data.Dataset.from_tensor_slices((X, y)).batch(n)
    for position, (batch_x, batch_y) in enumerate(dataset):
        assert_equal((batch_x.dtype.as_numpy_dtype, batch_y.dtype.as_numpy_dtype), (X.dtype.type, y.dtype.type),
                     f"dtypes of batch {position}", outcome="wrong dtype")
        if position == 0:
            assert_equal((batch_x.shape[0], batch_y.shape[0]), (n, n), "leading dimension of the first batch",
                         outcome="wrong shape")
