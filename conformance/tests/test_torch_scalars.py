"""PyTorch tensors to Python numbers: .item(), float(), int(), and the default float dtype, on every device."""

from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import assert_equal, assert_raises, returns
from conformance.domains import for_claim
from conformance.inputs import draw_input, multi_element_shapes, note_output, python_data

PYTHON_TYPES = {"b": bool, "i": int, "u": int, "f": float, "c": complex}
BOUNDED = {"min_value": -10**6, "max_value": 10**6}


@for_claim("torch.item.scalar_to_python")
@given(data=st.data())
def test_item_scalar_to_python(torch, case, data):
    t, a = draw_input(data, case, "torch")
    value = returns(t.item, f"item() of a {a.shape} tensor on {case.device}")
    assert_equal(type(value), PYTHON_TYPES[a.dtype.kind], f"type of item() for {a.dtype}", outcome="wrong type")
    assert_equal(value, a.item(), "value of item()")


@for_claim("torch.item.multi_element_raises_valueerror")
@given(data=st.data())
def test_item_multi_element_raises_valueerror(torch, case, data):
    t, a = draw_input(data, case, "torch", shape=multi_element_shapes(case))
    assert_raises(ValueError, t.item, f"item() of a {a.shape} tensor on {case.device}",
                  match="only one element tensors can be converted to Python scalars")


@for_claim("torch.item.requires_squeeze")
@given(data=st.data())
def test_item_requires_squeeze(torch, case, data):
    t, a = draw_input(data, case, "torch")
    assert_raises(Exception, t.item, f"item() of a {a.shape} tensor on {case.device} without squeeze()")
    assert_equal(returns(lambda: t.squeeze().item(), "item() after squeeze()"), a.item(), "item() after squeeze()")


@for_claim("torch.item.requires_grad_needs_detach")
@given(data=st.data())
def test_item_requires_grad_needs_detach(torch, case, data):
    t, a = draw_input(data, case, "torch")
    x = t.requires_grad_(True)
    assert_raises(Exception, x.item, f"item() of a tensor on {case.device} with requires_grad=True")
    assert_equal(returns(lambda: x.detach().item(), "item() after detach()"), a.item(), "item() after detach()")


@for_claim("torch.float.single_element")
@given(data=st.data())
def test_float_single_element(torch, case, data):
    t, a = draw_input(data, case, "torch", elements=BOUNDED)
    assert_equal(returns(lambda: float(t), f"float() of a {a.shape} tensor"), float(a.item()), "float()")
    assert_equal(returns(lambda: int(t), f"int() of a {a.shape} tensor"), int(a.item()), "int()")


@for_claim("torch.float.multi_element_raises_valueerror")
@given(data=st.data())
def test_float_multi_element_raises_valueerror(torch, case, data):
    t, a = draw_input(data, case, "torch", shape=multi_element_shapes(case))
    assert_raises(ValueError, lambda: float(t), f"float() of a {a.shape} tensor on {case.device}")


@for_claim("torch.float.requires_cpu_no_grad")
@given(data=st.data())
def test_float_requires_cpu_no_grad(torch, case, data):
    """On the CPU the tensor tracks gradients; on a GPU it does not: either way float() must refuse it."""
    t, _ = draw_input(data, case, "torch")
    if case.device == "cpu":
        t.requires_grad_(True)
    why = "with requires_grad=True" if case.device == "cpu" else f"on {case.device}"
    assert_raises(Exception, lambda: float(t), f"float() of a tensor {why}")


@for_claim("dtype.default_float.torch")
@given(values=st.lists(st.floats(allow_nan=False, allow_infinity=False, width=32), min_size=1, max_size=5))
def test_default_float_torch(torch, case, values):
    data = python_data(values, case.input)
    t = note_output(torch.tensor(data, device=case.device))
    assert_equal(str(t.dtype), "torch.float32", f"dtype of torch.tensor({data!r}) on {case.device}",
                 outcome="wrong dtype")
