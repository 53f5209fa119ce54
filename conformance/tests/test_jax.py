"""JAX <-> NumPy: copies and views, immutability, default dtypes and the x64 flag, DLPack, Python scalars."""

import warnings

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import (assert_aliases, assert_equal, assert_independent, assert_overlap,
                                    assert_raises, first_index, returns)
from conformance.domains import for_claim
from conformance.inputs import draw_array, draw_input, multi_element_shapes, note_output, python_data

PYTHON_TYPES = {"b": bool, "i": int, "u": int, "f": float, "c": complex}
NARROWED = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}


def x64(jax):
    """A context with jax_enable_x64 on: ``jax.enable_x64`` from JAX 0.8, ``jax.experimental.enable_x64`` before."""
    if hasattr(jax, "enable_x64"):
        return jax.enable_x64(True)
    from jax.experimental import enable_x64

    return enable_x64()


@for_claim("jax.asarray.copies_only_when_necessary")
@given(data=st.data())
def test_asarray_copies_only_when_necessary(jax, case, data):
    a = draw_array(data, case)
    assert_aliases(a, jax.numpy.asarray(a), f"a {case.layout} {a.dtype} array and jnp.asarray(a)")


@for_claim("jax.array.copies")
@given(data=st.data())
def test_array_copies(jax, case, data):
    a = draw_array(data, case)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        x = returns(lambda: jax.numpy.array(a), f"jnp.array of a {case.layout} {a.dtype.str} array")
    assert_independent(a, x, f"a {case.layout} {a.dtype} array and jnp.array(a)")


@for_claim("jax.np_asarray.readonly_view")
@given(data=st.data())
def test_np_asarray_readonly_view(jax, case, data):
    x, _ = draw_input(data, case, "jax")
    view = np.asarray(x)
    assert_equal(view.flags.writeable, False, f"np.asarray(x).flags.writeable for a {case.layout} jax array",
                 outcome="writable")
    assert_overlap(view, x, f"np.asarray(x) of a {case.layout} jax array")


@for_claim("jax.array.immutable")
@given(data=st.data())
def test_array_immutable(jax, case, data):
    x, values = draw_input(data, case, "jax")
    index = first_index(values.shape)

    def assign():
        x[index] = values[index]

    assert_raises(TypeError, assign, f"item assignment x[{index}] = ... on a {case.layout} jax array")


@for_claim("dtype.default.jax")
@given(floats=st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=5),
       ints=st.lists(st.integers(-2**31, 2**31 - 1), min_size=1, max_size=5))
def test_default_dtypes(jax, case, floats, ints):
    for values, expected in ((floats, "float32"), (ints, "int32")):
        data = python_data(values, case.input)
        assert_equal(note_output(jax.numpy.array(data)).dtype.name, expected, f"jnp.array({data!r}).dtype",
                     outcome="wrong dtype")


@for_claim("dtype.x64.jax")
@given(data=st.data())
def test_x64_flag(jax, case, data):
    a = draw_array(data, case)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        off = returns(lambda: jax.numpy.asarray(a), f"jnp.asarray({a.dtype.str} array), x64 off")
        assert_equal(note_output(off).dtype.name, NARROWED[case.dtype], f"jnp.asarray({a.dtype} array), x64 off",
                     outcome="wrong dtype")
    with x64(jax):
        on = returns(lambda: jax.numpy.asarray(a), f"jnp.asarray({a.dtype.str} array), x64 on")
        assert_equal(on.dtype.name, case.dtype, f"jnp.asarray({a.dtype} array), x64 on", outcome="wrong dtype")


@for_claim("jax.dlpack.shares_numpy")
@given(data=st.data())
def test_dlpack_shares_numpy(jax, case, data):
    a = draw_array(data, case)
    x = returns(lambda: jax.dlpack.from_dlpack(a), f"jax.dlpack.from_dlpack of a {case.layout} {a.dtype} array")
    assert_aliases(a, x, f"a {case.layout} {a.dtype} array (data 16 bytes past a 64-byte boundary: "
                         f"{case.layout == 'C16'}) and jax.dlpack.from_dlpack(a)")


@for_claim("jax.item.scalar_to_python")
@given(data=st.data())
def test_item_scalar_to_python(jax, case, data):
    x, a = draw_input(data, case, "jax")
    value = returns(x.item, f"item() of a {a.shape} jax array on {case.device}")
    assert_equal(type(value), PYTHON_TYPES[a.dtype.kind], f"type of item() for {a.dtype}", outcome="wrong type")
    assert_equal(value, a.item(), "value of item()")


@for_claim("jax.item.multi_element_raises_valueerror")
@given(data=st.data())
def test_item_multi_element_raises_valueerror(jax, case, data):
    x, a = draw_input(data, case, "jax", shape=multi_element_shapes(case))
    assert_raises(ValueError, x.item, f"item() of a {a.shape} jax array on {case.device}")


@for_claim("jax.float.single_element")
@given(data=st.data())
def test_float_single_element(jax, case, data):
    x, a = draw_input(data, case, "jax", elements={"min_value": -10**6, "max_value": 10**6})
    assert_equal(returns(lambda: float(x), f"float() of a {a.shape} jax array"), float(a.item()), "float()")
    assert_equal(returns(lambda: int(x), f"int() of a {a.shape} jax array"), int(a.item()), "int()")


