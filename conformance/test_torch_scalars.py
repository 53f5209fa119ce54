"""PyTorch tensors to Python numbers: .item(), float(), int()."""


import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import strategies as S
from conformance.assertions import assert_equal, assert_raises, returns

PYTHON_TYPES = {"b": bool, "i": int, "u": int, "f": float, "c": complex}
REAL = S.dtypes("torch", kinds="iuf")
BOUNDED = {"min_value": -10**6, "max_value": 10**6}


@pytest.mark.claim("torch.item.scalar_to_python")
@given(a=S.arrays(S.dtypes("torch"), S.single_element_shapes()))
@example(a=np.array(3.1415, dtype=np.float32))
def test_item_scalar_to_python(torch, a):
    value = returns(torch.tensor(a).item, f"item() of a {a.shape} tensor")
    expected_type = PYTHON_TYPES[a.dtype.kind]
    assert_equal(type(value), expected_type, f"type of item() for {a.dtype}")
    assert_equal(value, a.item(), "value of item()")


@pytest.mark.claim("torch.item.multi_element_raises_valueerror")
@given(a=S.arrays(S.dtypes("torch"), S.multi_element_shapes()))
@example(a=np.array([1, 2, 3]))
def test_item_multi_element_raises_valueerror(torch, a):
    assert_raises(ValueError, torch.tensor(a).item, f"item() of a {a.shape} tensor",
                  match="only one element tensors can be converted to Python scalars")


@pytest.mark.claim("torch.item.requires_squeeze")
@given(a=S.arrays(REAL, S.single_element_shapes().filter(len)))
@example(a=np.array([[5.0]]))
def test_item_requires_squeeze(torch, a):
    t = torch.tensor(a)
    assert_raises(Exception, t.item, f"item() of a {a.shape} tensor without squeeze()")
    assert_equal(returns(lambda: t.squeeze().item(), "item() after squeeze()"), a.item(), "item() after squeeze()")


@pytest.mark.claim("torch.item.requires_grad_needs_detach")
@given(a=S.arrays(S.dtypes("torch", kinds="f"), S.single_element_shapes()))
@example(a=np.array(3.0))
def test_item_requires_grad_needs_detach(torch, a):
    x = torch.tensor(a, requires_grad=True)
    assert_raises(Exception, x.item, "item() of a tensor with requires_grad=True")
    assert_equal(returns(lambda: x.detach().item(), "item() after detach()"), a.item(), "item() after detach()")


@pytest.mark.claim("torch.float.single_element")
@given(a=S.arrays(REAL, S.single_element_shapes(), elements=BOUNDED))
@example(a=np.array([5.0]))
def test_float_single_element(torch, a):
    t = torch.tensor(a)
    assert_equal(returns(lambda: float(t), f"float() of a {a.shape} tensor"), float(a.item()), "float()")
    assert_equal(returns(lambda: int(t), f"int() of a {a.shape} tensor"), int(a.item()), "int()")


@pytest.mark.claim("torch.float.multi_element_raises_valueerror")
@given(a=S.arrays(REAL, S.multi_element_shapes()))
@example(a=np.array([1, 2]))
def test_float_multi_element_raises_valueerror(torch, a):
    assert_raises(ValueError, lambda: float(torch.tensor(a)), f"float() of a {a.shape} tensor")


@pytest.mark.claim("torch.float.requires_cpu_no_grad")
@given(a=S.arrays(S.dtypes("torch", kinds="f"), S.single_element_shapes()))
@example(a=np.array(3.0))
def test_float_requires_no_grad(torch, a):
    x = torch.tensor(a, requires_grad=True)
    assert_raises(Exception, lambda: float(x), "float() of a tensor with requires_grad=True")


@pytest.mark.claim("dtype.default_float.torch")
@given(values=st.lists(st.floats(allow_nan=False, allow_infinity=False, width=32), min_size=1, max_size=5))
@example(values=[1.0, 2.0])
def test_default_float_torch(torch, values):
    assert_equal(str(torch.tensor(values).dtype), "torch.float32", f"dtype of torch.tensor({values!r})")
    assert_equal(str(torch.get_default_dtype()), "torch.float32", "torch.get_default_dtype()")
