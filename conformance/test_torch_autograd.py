"""PyTorch <-> NumPy with tensors that track gradients."""

import numpy as np
import pytest
from hypothesis import example, given

import strategies as S
from conformance.assertions import (address, assert_arrays_equal, assert_equal, assert_raises,
                                    assert_write_invisible, returns)

GRAD_ARRAYS = S.arrays(S.dtypes("torch", kinds="f").filter(lambda d: d.itemsize > 2), S.nonempty_shapes(),
                       elements={"min_value": -1000, "max_value": 1000})


@pytest.mark.claim("torch.numpy.requires_grad_raises")
@given(a=GRAD_ARRAYS)
@example(a=np.array([1.0, 2.0], dtype=np.float32))
def test_numpy_requires_grad_raises(torch, a):
    t = torch.tensor(a, requires_grad=True)
    assert_raises(RuntimeError, t.numpy, "t.numpy() with requires_grad=True")


@pytest.mark.claim("torch.detach.numpy_is_independent")
@given(a=GRAD_ARRAYS)
@example(a=np.array([3.0], dtype=np.float32))
def test_detach_numpy_is_independent(torch, a):
    x = torch.tensor(a, requires_grad=True)
    detached = x.detach().numpy()
    assert_write_invisible(detached, x, "write into x.detach().numpy() reached x")


@pytest.mark.claim("torch.tensor.requires_grad_gradient")
@given(a=GRAD_ARRAYS)
@example(a=np.array([3.0], dtype=np.float32))
def test_tensor_requires_grad_gradient(torch, a):
    x = torch.tensor(a, requires_grad=True)
    (x ** 2).sum().backward()
    assert_arrays_equal(x.grad.numpy(), 2 * a, "gradient of x**2")


@pytest.mark.claim("torch.numpy.force_detaches")
@given(a=GRAD_ARRAYS)
def test_numpy_force_detaches(torch, a):
    x = torch.tensor(a, requires_grad=True)
    forced = returns(lambda: x.numpy(force=True), "x.numpy(force=True) with requires_grad=True")
    assert_arrays_equal(forced, a, "values of x.numpy(force=True)")
    assert_equal(address(forced), address(x), "data address of x.numpy(force=True)")
