"""TensorFlow <-> NumPy: copies, views and immutability."""

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import strategies as S
from conformance.assertions import (address, assert_arrays_equal, assert_equal, assert_raises,
                                    assert_shares_memory, assert_write_invisible)

NONEMPTY = S.arrays(S.dtypes("tf"), S.nonempty_shapes())
SEED_EXAMPLE = np.array([1, 2, 3, 4], dtype=np.float32)


@pytest.mark.claim("tf.numpy.shares_memory")
@given(a=NONEMPTY)
@example(a=SEED_EXAMPLE.copy())
def test_numpy_shares_memory(tf, a):
    t = tf.constant(a)
    assert_shares_memory(t.numpy(), t, "t.numpy() of a CPU tensor")


@pytest.mark.claim("tf.numpy.docstring_copies")
@given(a=NONEMPTY)
@example(a=SEED_EXAMPLE.copy())
def test_numpy_docstring_copies(tf, a):
    t = tf.constant(a)
    assert_shares_memory(t.numpy(), t, "t.numpy() of a CPU tensor", expected=False)


@pytest.mark.claim("tf.numpy.mutation_isolated")
@given(a=NONEMPTY)
@example(a=SEED_EXAMPLE.copy())
def test_numpy_mutation_isolated(tf, a):
    t = tf.constant(a)
    returned = t.numpy()
    if returned.flags.writeable:
        assert_write_invisible(returned, t, "write into t.numpy() reached the tensor")


@pytest.mark.claim("tf.tensor.immutable")
@given(a=NONEMPTY)
@example(a=SEED_EXAMPLE.copy())
def test_tensor_immutable(tf, a):
    t = tf.constant(a)
    index = (0,) * a.ndim

    def assign():
        t[index] = a[index]

    assert_raises(Exception, assign, f"item assignment t[{index}] = ... on an eager tensor")


ISOLATION_LAYOUTS = st.sampled_from(["C", "F", "strided", "negative", "offset", "unaligned"])
ISOLATION_SHAPES = st.one_of(S.nonempty_shapes(), st.integers(1, 70_000).map(lambda n: (n,)))


@pytest.mark.claim("tf.constant.isolated_from_source")
@given(data=st.data(), layout=ISOLATION_LAYOUTS)
@example(data=None, layout="C")
def test_constant_isolated_from_source(tf, data, layout):
    if data is None:
        a = SEED_EXAMPLE.copy()
    else:
        a = data.draw(S.arrays(S.dtypes("tf", kinds="iuf"), ISOLATION_SHAPES, layout=layout), label="a")
    t = tf.constant(a)
    last = tuple(side - 1 for side in a.shape)
    assert_write_invisible(a, t, f"write into the {layout} source array reached tf.constant(a)")
    assert_write_invisible(a, t, f"write into the {layout} source array reached tf.constant(a)", index=last)


@pytest.mark.claim("tf.memoryview.zero_copy")
@given(a=NONEMPTY)
def test_memoryview_zero_copy(tf, a):
    t = tf.constant(a)
    view = memoryview(t)
    assert_equal(view.readonly, True, "memoryview(t).readonly")
    assert_arrays_equal(np.asarray(view), a, "values of memoryview(t)")
    assert_equal(address(np.asarray(memoryview(t))), address(np.asarray(view)),
                 "address of two memoryviews of one tensor")


@pytest.mark.claim("tf.np_asarray.shares_if_possible")
@given(a=NONEMPTY)
@example(a=SEED_EXAMPLE.copy())
def test_np_asarray_shares_if_possible(tf, a):
    t = tf.constant(a)
    assert_shares_memory(np.asarray(t), t, "np.asarray(t) of a CPU tensor")


@pytest.mark.claim("tf.np_asarray.copy_false")
@given(a=NONEMPTY)
@example(a=SEED_EXAMPLE.copy())
def test_np_asarray_copy_false(tf, a):
    t = tf.constant(a)
    try:
        converted = np.asarray(t, copy=False)
    except ValueError:
        return
    except Exception as exc:
        raise AssertionError(f"np.asarray(t, copy=False) raised {type(exc).__name__}: {exc}") from None
    assert_shares_memory(converted, t, "np.asarray(t, copy=False), which did not raise ValueError,")
