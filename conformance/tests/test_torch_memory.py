"""PyTorch <-> NumPy memory: who shares with whom, and what conversions keep."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import (assert_aliases, assert_arrays_equal, assert_equal, assert_independent,
                                    assert_overlap, assert_shares, returns)
from conformance.domains import for_claim
from conformance.inputs import draw_array, draw_input
from conformance.frameworks.torch import dtype_name as torch_dtype_name


@for_claim("torch.numpy.shares_memory")
@given(data=st.data())
def test_numpy_shares_memory(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    assert_aliases(returns(t.numpy, f"t.numpy() of a {case.layout} tensor"), t, f"t.numpy() of a {case.layout} tensor")


@for_claim("torch.numpy.docs_shares_storage")
@given(data=st.data())
def test_numpy_docs_shares_storage(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    assert_aliases(returns(t.numpy, f"t.numpy() of a {case.layout} tensor"), t, f"t.numpy() of a {case.layout} tensor")


@for_claim("torch.numpy.copy_is_independent")
@given(data=st.data())
def test_numpy_copy_is_independent(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    assert_independent(t.numpy().copy(), t, f"t.numpy().copy() of a {case.layout} tensor")


@for_claim("torch.clone.numpy_shares_clone_only")
@given(data=st.data())
def test_clone_numpy_shares_clone_only(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    clone = t.clone()
    view = returns(clone.numpy, f"clone().numpy() of a {case.layout} tensor")
    assert_aliases(view, clone, f"clone().numpy() and the clone of a {case.layout} tensor")
    assert_independent(view, t, f"clone().numpy() and the original {case.layout} tensor")


@for_claim("torch.from_numpy.shares_memory")
@given(data=st.data())
def test_from_numpy_shares_memory(torch, case, data):
    a = draw_array(data, case)
    assert_aliases(a, torch.from_numpy(a), f"a {case.layout} {a.dtype} array and torch.from_numpy(a)")


@for_claim("torch.from_numpy.preserves_dtype")
@given(data=st.data())
def test_from_numpy_preserves_dtype(torch, case, data):
    a = draw_array(data, case)
    assert_equal(str(torch.from_numpy(a).dtype), torch_dtype_name(a.dtype),
                 f"dtype of torch.from_numpy({a.dtype} array)", outcome="wrong dtype")


@for_claim("torch.tensor.copies")
@given(data=st.data())
def test_tensor_copies(torch, case, data):
    a = draw_array(data, case)
    what = f"a {case.layout} {a.dtype} array and torch.tensor(a)"
    assert_independent(a, returns(lambda: torch.tensor(a), what), what)


BOUNDED = {"min_value": -1000, "max_value": 1000}


@for_claim("torch.tensor.dtype_override")
@given(data=st.data())
def test_tensor_dtype_override(torch, case, data):
    a, target = draw_array(data, case, elements=BOUNDED), case.target
    t = returns(lambda: torch.tensor(a, dtype=getattr(torch, target)),
                f"torch.tensor(a {case.layout} {a.dtype} array, dtype=torch.{target})")
    assert_equal(str(t.dtype), f"torch.{target}", f"dtype of torch.tensor({a.dtype} array, dtype=torch.{target})",
                 outcome="wrong dtype")
    assert_arrays_equal(t.numpy(), a.astype(target), f"values of torch.tensor({a.dtype} array, dtype=torch.{target})")


@for_claim("torch.as_tensor.shares_numpy")
@given(data=st.data())
def test_as_tensor_shares_numpy(torch, case, data):
    a = draw_array(data, case)
    what = f"a {case.layout} {a.dtype} array and torch.as_tensor(a)"
    assert_shares(a, returns(lambda: torch.as_tensor(a), what), what)


@for_claim("torch.asarray.shares_numpy")
@given(data=st.data())
def test_asarray_shares_numpy(torch, case, data):
    a = draw_array(data, case)
    what = f"a {case.layout} {a.dtype} array and torch.asarray(a)"
    assert_shares(a, returns(lambda: torch.asarray(a), what), what)


@for_claim("torch.from_numpy.shares_memory.noncontiguous")
@given(data=st.data())
def test_from_numpy_shares_noncontiguous(torch, case, data):
    a = draw_array(data, case)
    t = returns(lambda: torch.from_numpy(a), f"torch.from_numpy of a {case.layout} array")
    assert_aliases(a, t, f"a {case.layout} {a.dtype} array and torch.from_numpy(a)")


@for_claim("torch.from_numpy.unaligned")
@given(data=st.data())
def test_from_numpy_unaligned(torch, case, data):
    a = draw_array(data, case)
    what = f"an unaligned {a.dtype} {a.shape} array and torch.from_numpy(a)"
    assert_aliases(a, returns(lambda: torch.from_numpy(a), what), what)


@for_claim("torch.from_numpy.negative_strides")
@given(data=st.data())
def test_from_numpy_negative_strides(torch, case, data):
    a = draw_array(data, case)
    t = returns(lambda: torch.from_numpy(a), f"torch.from_numpy of an array with strides {a.strides}")
    assert_aliases(a, t, f"a negative-stride {a.dtype} array and torch.from_numpy(a)")


@for_claim("torch.from_numpy.byteswapped")
@given(data=st.data())
def test_from_numpy_byteswapped(torch, case, data):
    a = draw_array(data, case)
    t = returns(lambda: torch.from_numpy(a), f"torch.from_numpy of a {a.dtype.str} array")
    assert_arrays_equal(t.numpy(), a.astype(a.dtype.newbyteorder("=")), "values of torch.from_numpy(byteswapped a)")


@for_claim("torch.from_numpy.readonly_shares")
@given(data=st.data())
def test_from_numpy_readonly_shares(torch, case, data):
    a = draw_array(data, case)
    t = returns(lambda: torch.from_numpy(a), "torch.from_numpy of a read-only array")
    assert_overlap(a, t, f"torch.from_numpy of a read-only {a.dtype} array")


@for_claim("torch.from_numpy.zero_size")
@given(data=st.data())
def test_from_numpy_zero_size(torch, case, data):
    a = draw_array(data, case)
    t = returns(lambda: torch.from_numpy(a), f"torch.from_numpy of a zero-size {a.shape} array")
    assert_equal((tuple(t.shape), str(t.dtype)), (a.shape, torch_dtype_name(a.dtype)), "shape and dtype",
                 outcome="wrong shape or dtype")


@for_claim("torch.np_asarray.shares_memory")
@given(data=st.data())
def test_np_asarray_shares_memory(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    view = returns(lambda: np.asarray(t), f"np.asarray of a {case.layout} tensor")
    assert_aliases(view, t, f"np.asarray(t) of a {case.layout} tensor")


@for_claim("torch.np_asarray.copy_false")
@given(data=st.data())
def test_np_asarray_copy_false(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    view = returns(lambda: np.asarray(t, copy=False), f"np.asarray(t, copy=False) of a {case.layout} tensor")
    assert_aliases(view, t, f"np.asarray(t, copy=False) of a {case.layout} tensor")
