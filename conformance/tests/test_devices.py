"""Device sentences: moving arrays between the CPU, virtual devices and GPUs, and what is shared or copied."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import (assert_aliases, assert_arrays_equal, assert_device, assert_equal,
                                    assert_independent, refute, returns)
from conformance.domains import for_claim
from conformance.engine import evidence
from conformance.frameworks import FRAMEWORKS, framework_of
from conformance.inputs import draw_array, draw_input


def _is_itself(result, original, what: str) -> None:
    __tracebackhide__ = True
    if result is not original:
        refute(f"{what}: returned a new {type(result).__name__}, not the original object", "new object")


@for_claim("torch.cpu.returns_self")
@given(data=st.data())
def test_cpu_returns_self(torch, case, data):
    t, a = draw_input(data, case, "torch")
    host = returns(t.cpu, f"t.cpu() of a tensor on {case.device}")
    if case.device == "cpu":
        _is_itself(host, t, "t.cpu() of a CPU tensor")
    else:
        assert_device(host, "cpu", f"t.cpu() of a tensor on {case.device}")
        assert_arrays_equal(host.numpy(), a, f"values of t.cpu() from {case.device}")


@for_claim("torch.cuda.returns_self")
@given(data=st.data())
def test_cuda_returns_self(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    index = FRAMEWORKS["torch"].native(case.device).index
    _is_itself(returns(lambda: t.cuda(index), f"t.cuda({index}) on {case.device}"), t,
               f"t.cuda() of a tensor already on {case.device}")


@for_claim("torch.to.returns_self")
@given(data=st.data())
def test_to_returns_self(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    _is_itself(returns(lambda: t.to(case.device), f"t.to({case.device!r})"), t, f"t.to({case.device!r}) of a "
               f"tensor on {case.device}")
    other = torch.float16 if t.dtype != torch.float16 else torch.float32
    converted = returns(lambda: t.to(case.device, other), f"t.to({case.device!r}, {other})")
    assert_independent(t, converted, f"t and t.to({case.device!r}, {other})")


@for_claim("torch.from_dlpack.producer_device")
@given(data=st.data())
def test_from_dlpack_producer_device(torch, case, data):
    x, values = draw_input(data, case, case.producer)
    what = f"torch.from_dlpack of a {case.producer} array on {case.device}"
    t = returns(lambda: torch.from_dlpack(x), what)
    assert_device(t, case.device, what)
    assert_arrays_equal(FRAMEWORKS["torch"].to_numpy(t), values, f"values after {what}")
    assert_aliases(x, t, what)


@for_claim("torch.as_tensor.cupy_same_device")
@given(data=st.data())
def test_as_tensor_cupy_same_device(torch, case, data):
    x, _ = draw_input(data, case, "cupy")
    what = f"torch.as_tensor of a CuPy array on {case.device}"
    t = returns(lambda: torch.as_tensor(x), what)
    assert_device(t, case.device, what)
    assert_aliases(x, t, what)


@for_claim("torch.asarray.other_device_never_shares")
@given(data=st.data())
def test_asarray_other_device_never_shares(torch, case, data):
    a = draw_array(data, case)
    what = f"torch.asarray(a, device={case.device!r}) of a {a.dtype} ndarray"
    t = returns(lambda: torch.asarray(a, device=case.device), what)
    evidence.note_tensor(t)
    assert_device(t, case.device, what)
    assert_arrays_equal(FRAMEWORKS["torch"].to_numpy(t), a, f"values of {what}")
    assert_independent(a, t, what)


@for_claim("jax.device_put.identity")
@given(data=st.data())
def test_device_put_identity(jax, case, data):
    x, _ = draw_input(data, case, "jax")
    x = FRAMEWORKS["jax"].place(x, case.device)
    _is_itself(returns(lambda: jax.device_put(x), f"jax.device_put(x) on {case.device}"), x,
               f"jax.device_put(x) of an array on {case.device}")


@for_claim("jax.np_asarray.gpu_transfers")
@given(data=st.data())
def test_np_asarray_gpu_transfers(jax, case, data):
    x, values = draw_input(data, case, "jax")
    host = returns(lambda: np.asarray(x), f"np.asarray of a jax array on {case.device}")
    assert_arrays_equal(host, values, f"values of np.asarray(x) from {case.device}")
    assert_equal(FRAMEWORKS["jax"].address_space(x) != "host", True, f"x on {case.device} is in device memory",
                 outcome="not on a device")


@for_claim("numpy.from_dlpack.device_cpu")
@given(data=st.data())
def test_numpy_from_dlpack_device_cpu(case, data):
    x, values = draw_input(data, case, case.producer)
    host = returns(lambda: np.from_dlpack(x, device="cpu"), f"np.from_dlpack(x, device='cpu') of a "
                   f"{case.producer} array on {case.device}")
    assert_arrays_equal(host, values, f"values after np.from_dlpack(x, device='cpu') from {case.device}")


@for_claim("tf.memoryview.gpu_transfers")
@given(data=st.data())
def test_memoryview_gpu_transfers(tf, case, data):
    t, values = draw_input(data, case, "tf")
    view = returns(lambda: memoryview(t), f"memoryview of a tensor on {case.device}")
    assert_arrays_equal(np.asarray(view), values, f"values of memoryview(t) from {case.device}")


@for_claim("cuda_array_interface.zero_size_pointer")
@given(data=st.data())
def test_cuda_array_interface_zero_size_pointer(case, data):
    x, _ = draw_input(data, case, case.producer)
    interface = returns(lambda: x.__cuda_array_interface__, f"__cuda_array_interface__ of a zero-size "
                        f"{case.producer} array")
    assert_equal(interface["data"][0], 0, f"data pointer of a zero-size {framework_of(x).label} array "
                 f"{tuple(x.shape)} on {case.device}", outcome="non-zero pointer")
