"""PyTorch <-> NumPy with tensors that track gradients."""

from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import assert_aliases, assert_arrays_equal, assert_independent, assert_raises, returns
from conformance.domains import for_claim
from conformance.inputs import draw_input

BOUNDED = {"min_value": -1000, "max_value": 1000}


def grad_tensor(torch, data, case):
    """(values, x): the case's tensor in its layout, made a leaf that requires grad (a view of a tensor that does not
    is one)."""
    x, values = draw_input(data, case, "torch", elements=BOUNDED)
    return values, x.requires_grad_(True)


@for_claim("torch.numpy.requires_grad_raises")
@given(data=st.data())
def test_numpy_requires_grad_raises(torch, case, data):
    _, t = grad_tensor(torch, data, case)
    assert_raises(RuntimeError, t.numpy, "t.numpy() with requires_grad=True")


@for_claim("torch.detach.numpy_is_independent")
@given(data=st.data())
def test_detach_numpy_is_independent(torch, case, data):
    _, x = grad_tensor(torch, data, case)
    detached = returns(lambda: x.detach().numpy(), f"x.detach().numpy() of a {case.layout} x")
    assert_independent(detached, x, "x.detach().numpy() and x")


@for_claim("torch.tensor.requires_grad_gradient")
@given(data=st.data())
def test_tensor_requires_grad_gradient(torch, case, data):
    a, x = grad_tensor(torch, data, case)
    (x ** 2).sum().backward()
    # 2 * a in a's own dtype: NumPy 1.x promotes a 0-d float16 times a Python int to float64 (doubling is exact).
    assert_arrays_equal(x.grad.numpy(), (2 * a).astype(a.dtype), "gradient of x**2")


@for_claim("torch.numpy.force_detaches")
@given(data=st.data())
def test_numpy_force_detaches(torch, case, data):
    a, x = grad_tensor(torch, data, case)
    forced = returns(lambda: x.numpy(force=True), "x.numpy(force=True) with requires_grad=True")
    assert_arrays_equal(forced, a, "values of x.numpy(force=True)")
    if x.is_conj() or x.is_neg():  # force=True resolves a conjugate or negative bit: a copy, as documented
        assert_independent(forced, x, f"x.numpy(force=True) and a {case.layout} x")
    else:
        assert_aliases(forced, x, "x.numpy(force=True) and x")
