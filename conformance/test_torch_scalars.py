"""PyTorch tensors to Python numbers: .item(), float(), int(), and the default float dtype."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import strategies as S
from conformance.assertions import assert_equal, assert_raises, returns
from conformance.domains import for_claim
from conformance.engine import environment
from conformance.inputs import draw_array, python_data

PYTHON_TYPES = {"b": bool, "i": int, "u": int, "f": float, "c": complex}
BOUNDED = {"min_value": -10**6, "max_value": 10**6}


def multi_element_shape(rank: int):
    return S.shapes(min_dims=rank, max_dims=rank, min_side=1, max_side=4).filter(lambda s: np.prod(s) > 1)


@for_claim("torch.item.scalar_to_python")
@given(data=st.data())
def test_item_scalar_to_python(torch, case, data):
    a = draw_array(data, case)
    value = returns(torch.tensor(a).item, f"item() of a {a.shape} tensor")
    assert_equal(type(value), PYTHON_TYPES[a.dtype.kind], f"type of item() for {a.dtype}")
    assert_equal(value, a.item(), "value of item()")


@for_claim("torch.item.multi_element_raises_valueerror")
@given(data=st.data())
def test_item_multi_element_raises_valueerror(torch, case, data):
    a = draw_array(data, case, shape=multi_element_shape(case.rank))
    assert_raises(ValueError, torch.tensor(a).item, f"item() of a {a.shape} tensor",
                  match="only one element tensors can be converted to Python scalars")


@for_claim("torch.item.requires_squeeze")
@given(data=st.data())
def test_item_requires_squeeze(torch, case, data):
    a = draw_array(data, case)
    t = torch.tensor(a)
    assert_raises(Exception, t.item, f"item() of a {a.shape} tensor without squeeze()")
    assert_equal(returns(lambda: t.squeeze().item(), "item() after squeeze()"), a.item(), "item() after squeeze()")


@for_claim("torch.item.requires_grad_needs_detach")
@given(data=st.data())
def test_item_requires_grad_needs_detach(torch, case, data):
    a = draw_array(data, case)
    x = torch.tensor(a, requires_grad=True)
    assert_raises(Exception, x.item, "item() of a tensor with requires_grad=True")
    assert_equal(returns(lambda: x.detach().item(), "item() after detach()"), a.item(), "item() after detach()")


@for_claim("torch.float.single_element")
@given(data=st.data())
def test_float_single_element(torch, case, data):
    a = draw_array(data, case, elements=BOUNDED)
    t = torch.tensor(a)
    assert_equal(returns(lambda: float(t), f"float() of a {a.shape} tensor"), float(a.item()), "float()")
    assert_equal(returns(lambda: int(t), f"int() of a {a.shape} tensor"), int(a.item()), "int()")


@for_claim("torch.float.multi_element_raises_valueerror")
@given(data=st.data())
def test_float_multi_element_raises_valueerror(torch, case, data):
    a = draw_array(data, case, shape=multi_element_shape(case.rank))
    assert_raises(ValueError, lambda: float(torch.tensor(a)), f"float() of a {a.shape} tensor")


@for_claim("torch.float.requires_cpu_no_grad")
@given(data=st.data())
def test_float_requires_no_grad(torch, case, data):
    x = torch.tensor(draw_array(data, case), requires_grad=True)
    assert_raises(Exception, lambda: float(x), "float() of a tensor with requires_grad=True")


CUDA_DEVICES = environment.torch_cuda_devices() or ["cuda:0"]


@for_claim("torch.float.requires_cpu_no_grad")
@pytest.mark.gpu
@pytest.mark.parametrize("device", CUDA_DEVICES)
@given(data=st.data())
def test_float_requires_cpu(torch, case, device, data):
    t = torch.tensor(draw_array(data, case), device=device)
    assert_raises(Exception, lambda: float(t), f"float() of a scalar on {device}")


@for_claim("dtype.default_float.torch")
@given(values=st.lists(st.floats(allow_nan=False, allow_infinity=False, width=32), min_size=1, max_size=5))
def test_default_float_torch(torch, case, values):
    data = python_data(values, case.input)
    assert_equal(str(torch.tensor(data).dtype), "torch.float32", f"dtype of torch.tensor({data!r})")
