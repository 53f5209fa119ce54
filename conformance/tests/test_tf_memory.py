"""TensorFlow <-> NumPy memory: copies, views and immutability."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import (assert_aliases, assert_arrays_equal, assert_equal, assert_independent,
                                    assert_overlap, assert_raises, first_index, refute)
from conformance.domains import for_claim
from conformance.inputs import draw_array, draw_input


@for_claim("tf.numpy.shares_memory")
@given(data=st.data())
def test_numpy_shares_memory(tf, case, data):
    t, _ = draw_input(data, case, "tf")
    assert_aliases(t.numpy(), t, f"t.numpy() of a {case.layout} CPU tensor")


@for_claim("tf.numpy.docstring_copies")
@given(data=st.data())
def test_numpy_docstring_copies(tf, case, data):
    t, _ = draw_input(data, case, "tf")
    assert_overlap(t.numpy(), t, f"t.numpy() of a {case.layout} CPU tensor", expected=False)


@for_claim("tf.numpy.mutation_isolated")
@given(data=st.data())
def test_numpy_mutation_isolated(tf, case, data):
    t, _ = draw_input(data, case, "tf")
    returned = t.numpy()
    if returned.flags.writeable:
        assert_independent(returned, t, f"t.numpy() of a {case.layout} tensor and the tensor")


@for_claim("tf.tensor.immutable")
@given(data=st.data())
def test_tensor_immutable(tf, case, data):
    t, values = draw_input(data, case, "tf")
    index = first_index(values.shape)

    def assign():
        t[index] = values[index]

    assert_raises(Exception, assign, f"item assignment t[{index}] = ... on a {case.layout} eager tensor")


@for_claim("tf.constant.isolated_from_source")
@given(data=st.data())
def test_constant_isolated_from_source(tf, case, data):
    a = draw_array(data, case)
    t = tf.constant(a)
    for index in (first_index(a.shape), tuple(side - 1 for side in a.shape)):
        assert_independent(a, t, f"a {case.layout} {a.dtype} source array and tf.constant(a)", index=index)


@for_claim("tf.memoryview.zero_copy")
@given(data=st.data())
def test_memoryview_zero_copy(tf, case, data):
    t, values = draw_input(data, case, "tf")
    view = memoryview(t)
    assert_equal(view.readonly, True, "memoryview(t).readonly", outcome="writable")
    assert_arrays_equal(np.asarray(view), values, "values of memoryview(t)")
    if values.size:
        assert_overlap(np.asarray(memoryview(t)), np.asarray(view), "two memoryviews of one tensor")


@for_claim("tf.np_asarray.shares_if_possible")
@given(data=st.data())
def test_np_asarray_shares_if_possible(tf, case, data):
    t, _ = draw_input(data, case, "tf")
    assert_aliases(np.asarray(t), t, f"np.asarray(t) of a {case.layout} CPU tensor")


@for_claim("tf.np_asarray.copy_false")
@given(data=st.data())
def test_np_asarray_copy_false(tf, case, data):
    t, _ = draw_input(data, case, "tf")
    try:
        converted = np.asarray(t, copy=False)
    except ValueError:
        return
    except Exception as exc:
        refute(f"np.asarray(t, copy=False) raised {type(exc).__name__}: {exc}", f"raises {type(exc).__name__}")
    assert_aliases(converted, t, f"np.asarray(t, copy=False) of a {case.layout} tensor, which did not raise")
