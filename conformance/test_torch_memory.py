"""PyTorch <-> NumPy: who shares memory with whom, and what conversions keep."""

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import strategies as S
from conformance.assertions import (address, assert_arrays_equal, assert_equal, assert_write_invisible,
                                    assert_write_visible, returns)
from conformance.isolation import run_isolated

TORCH_DTYPES = S.dtypes("torch")
SEED_ARRAYS = S.arrays(TORCH_DTYPES, S.nonempty_shapes())
SEED_EXAMPLE = np.array([1, 2, 3], dtype=np.float32)


def torch_dtype_name(dtype):
    return f"torch.{np.dtype(dtype).name}"


@pytest.mark.claim("torch.numpy.shares_memory")
@given(a=SEED_ARRAYS)
@example(a=np.array([1, 2, 3]))
def test_numpy_shares_memory(torch, a):
    t = torch.tensor(a)
    view = t.numpy()
    assert_write_visible(view, t, "write into t.numpy() seen by t")
    assert_write_visible(t, view, "write into t seen by t.numpy()")


@pytest.mark.claim("torch.numpy.copy_is_independent")
@given(a=SEED_ARRAYS)
def test_numpy_copy_is_independent(torch, a):
    t = torch.tensor(a)
    copied = t.numpy().copy()
    assert_write_invisible(copied, t, "write into t.numpy().copy() reached t")
    assert_write_invisible(t, copied, "write into t reached t.numpy().copy()")


@pytest.mark.claim("torch.clone.numpy_shares_clone_only")
@given(a=SEED_ARRAYS)
def test_clone_numpy_shares_clone_only(torch, a):
    t = torch.tensor(a)
    clone = t.clone()
    view = clone.numpy()
    assert_write_visible(view, clone, "write into clone.numpy() seen by the clone")
    assert_write_invisible(view, t, "write into clone.numpy() reached the original t")


@pytest.mark.claim("torch.from_numpy.shares_memory")
@given(a=SEED_ARRAYS)
@example(a=SEED_EXAMPLE.copy())
def test_from_numpy_shares_memory(torch, a):
    t = torch.from_numpy(a)
    assert_write_visible(a, t, "write into a seen by torch.from_numpy(a)")
    assert_write_visible(t, a, "write into torch.from_numpy(a) seen by a")


@pytest.mark.claim("torch.from_numpy.preserves_dtype")
@given(a=S.arrays(TORCH_DTYPES, S.shapes()))
def test_from_numpy_preserves_dtype(torch, a):
    assert_equal(str(torch.from_numpy(a).dtype), torch_dtype_name(a.dtype), f"dtype of torch.from_numpy({a.dtype} array)")


@pytest.mark.claim("torch.tensor.copies")
@given(a=SEED_ARRAYS)
@example(a=SEED_EXAMPLE.copy())
def test_tensor_copies(torch, a):
    t = torch.tensor(a)
    assert_write_invisible(a, t, "write into a reached torch.tensor(a)")
    assert_write_invisible(t, a, "write into torch.tensor(a) reached a")


CASTABLE = S.arrays(S.dtypes("torch", kinds="iuf"), S.nonempty_shapes(),
                    elements={"min_value": -1000, "max_value": 1000})


@pytest.mark.claim("torch.tensor.dtype_override")
@given(a=CASTABLE, target=st.sampled_from(["float16", "float32", "float64", "int32", "int64"]))
@example(a=np.array([4.0, 5.0, 6.0]), target="float32")
def test_tensor_dtype_override(torch, a, target):
    t = torch.tensor(a, dtype=getattr(torch, target))
    assert_equal(str(t.dtype), f"torch.{target}", f"dtype of torch.tensor({a.dtype} array, dtype=torch.{target})")
    assert_arrays_equal(t.numpy(), a.astype(target), f"values of torch.tensor({a.dtype} array, dtype=torch.{target})")


@pytest.mark.claim("torch.as_tensor.shares_numpy")
@given(a=SEED_ARRAYS)
def test_as_tensor_shares_numpy(torch, a):
    t = torch.as_tensor(a)
    assert_write_visible(a, t, "write into a seen by torch.as_tensor(a)")
    assert_write_visible(t, a, "write into torch.as_tensor(a) seen by a")


@pytest.mark.claim("torch.from_numpy.shares_memory.noncontiguous")
@given(data=st.data(), layout=st.sampled_from(["F", "strided", "offset"]))
def test_from_numpy_shares_noncontiguous(torch, data, layout):
    a = data.draw(S.arrays(S.dtypes("torch", kinds="iufc"), S.nonempty_shapes(), layout=layout), label="a")
    t = returns(lambda: torch.from_numpy(a), f"torch.from_numpy of a {layout} array")
    assert_write_visible(a, t, f"write into a {layout} array seen by torch.from_numpy(a)")
    assert_write_visible(t, a, f"write into torch.from_numpy(a) seen by the {layout} array a")


def unaligned_complex128():
    raw = np.zeros(4 * 16 + 1, dtype=np.uint8)[1:]
    return raw.view(np.complex128)


@pytest.mark.claim("torch.from_numpy.unaligned")
@given(a=S.arrays(S.dtypes("torch", kinds="iufc"), S.nonempty_shapes(), layout="unaligned"))
@example(a=unaligned_complex128())
def test_from_numpy_unaligned(torch, a):
    def check():
        t = returns(lambda: torch.from_numpy(a), f"torch.from_numpy of an unaligned {a.dtype} array")
        assert_write_visible(a, t, f"write into the unaligned {a.dtype} array seen by torch.from_numpy(a)")
        assert_write_visible(t, a, f"write into torch.from_numpy(unaligned {a.dtype} a) seen by a")

    run_isolated(check, f"torch.from_numpy of an unaligned {a.dtype} {a.shape} array, then writes")


@pytest.mark.claim("torch.from_numpy.negative_strides")
@given(a=S.arrays(TORCH_DTYPES, S.nonempty_shapes(), layout="negative"))
def test_from_numpy_negative_strides(torch, a):
    t = returns(lambda: torch.from_numpy(a), f"torch.from_numpy of an array with strides {a.strides}")
    assert_write_visible(a, t, "write into a seen by torch.from_numpy(a)")


@pytest.mark.claim("torch.from_numpy.byteswapped")
@given(a=S.arrays(TORCH_DTYPES, S.nonempty_shapes(), layout="byteswapped"))
def test_from_numpy_byteswapped(torch, a):
    t = returns(lambda: torch.from_numpy(a), f"torch.from_numpy of a {a.dtype.str} array")
    assert_arrays_equal(t.numpy(), a.astype(a.dtype.newbyteorder("=")), "values of torch.from_numpy(byteswapped a)")


@pytest.mark.claim("torch.from_numpy.readonly_shares")
@pytest.mark.filterwarnings("ignore:The given NumPy array is not writable:UserWarning")
@given(a=S.arrays(TORCH_DTYPES, S.nonempty_shapes(), layout="readonly"))
def test_from_numpy_readonly_shares(torch, a):
    t = returns(lambda: torch.from_numpy(a), "torch.from_numpy of a read-only array")
    assert_equal(address(t), address(a), "data address of torch.from_numpy(read-only a)")


@pytest.mark.claim("torch.from_numpy.zero_size")
@given(a=S.arrays(TORCH_DTYPES, S.shapes(min_dims=1).filter(lambda s: 0 in s)))
def test_from_numpy_zero_size(torch, a):
    t = returns(lambda: torch.from_numpy(a), f"torch.from_numpy of a zero-size {a.shape} array")
    assert_equal((tuple(t.shape), str(t.dtype)), (a.shape, torch_dtype_name(a.dtype)), "shape and dtype")


@pytest.mark.claim("torch.np_asarray.shares_memory")
@given(a=SEED_ARRAYS)
def test_np_asarray_shares_memory(torch, a):
    t = torch.tensor(a)
    view = np.asarray(t)
    assert_write_visible(view, t, "write into np.asarray(t) seen by t")
    assert_write_visible(t, view, "write into t seen by np.asarray(t)")


@pytest.mark.claim("torch.np_asarray.copy_false")
@given(a=SEED_ARRAYS)
def test_np_asarray_copy_false(torch, a):
    t = torch.tensor(a)
    view = returns(lambda: np.asarray(t, copy=False), "np.asarray(t, copy=False)")
    assert_write_visible(view, t, "write into np.asarray(t, copy=False) seen by t")
