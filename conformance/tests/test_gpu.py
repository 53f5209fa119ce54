"""GPU claims: their cases run on every CUDA device present and are skipped with "no CUDA device" otherwise.

Each claim's domain declares the device kind ``cuda``; the plugin expands it into every
CUDA device the claim's framework sees (``cuda:0``, ``cuda:1``, ...), or leaves one
placeholder case, skipped with the reason, where there is none.
"""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import (assert_aliases, assert_arrays_equal, assert_device, assert_equal,
                                    assert_independent, assert_raises, refute, returns)
from conformance.domains import for_claim
from conformance.engine import evidence
from conformance.inputs import draw_array, draw_input
from conformance.timing import decide, interleaved_ratios
from conformance.verdicts import Inconclusive


@for_claim("torch.numpy.cuda_raises")
@given(data=st.data())
def test_numpy_cuda_raises(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    assert_raises(RuntimeError, t.numpy, f".numpy() of a tensor on {case.device}")


@for_claim("torch.cpu.numpy_roundtrip")
@given(data=st.data())
def test_cpu_numpy_roundtrip(torch, case, data):
    t, a = draw_input(data, case, "torch")
    host = returns(t.cpu, f".cpu() of a tensor on {case.device}")
    array = returns(host.numpy, f".numpy() of .cpu() from {case.device}")
    assert_arrays_equal(array, a, f"values of .cpu().numpy() from {case.device}")
    assert_aliases(array, host, ".cpu().numpy() and the CPU tensor")


@for_claim("torch.from_numpy.cuda_copies")
@given(data=st.data())
def test_from_numpy_cuda_copies(torch, case, data):
    a = draw_array(data, case)
    on_gpu = returns(lambda: torch.from_numpy(a).to(case.device), f"torch.from_numpy(a).to({case.device!r})")
    evidence.note_tensor(on_gpu)
    assert_device(on_gpu, case.device, "torch.from_numpy(a).cuda()")
    assert_independent(a, on_gpu, f"a and torch.from_numpy(a) moved to {case.device}")


@for_claim("torch.tensor.device_cuda")
@given(data=st.data())
def test_tensor_device_cuda(torch, case, data):
    a = draw_array(data, case)
    what = f"torch.tensor(a, device={case.device!r})"
    t = returns(lambda: torch.tensor(a, device=case.device), what)
    evidence.note_tensor(t)
    assert_device(t, case.device, what)
    assert_arrays_equal(returns(lambda: t.cpu().numpy(), f".cpu().numpy() of {what}"), a, f"values of {what}")


@for_claim("torch.item.cuda_needs_cpu")
@given(data=st.data())
def test_item_cuda_needs_cpu(torch, case, data):
    t, a = draw_input(data, case, "torch")
    assert_raises(Exception, t.item, f".item() of a {a.shape} tensor on {case.device} without .cpu()")
    value = returns(lambda: t.cpu().item(), f".cpu().item() of a {a.shape} tensor from {case.device}")
    assert_equal(value, a.item(), f".cpu().item() of a {a.shape} tensor from {case.device}")


@for_claim("torch.numpy.force_cuda")
@given(data=st.data())
def test_numpy_force_cuda(torch, case, data):
    t, a = draw_input(data, case, "torch")
    forced = returns(lambda: t.numpy(force=True), f".numpy(force=True) on {case.device}")
    assert_arrays_equal(forced, a, f"values of .numpy(force=True) from {case.device}")


@for_claim("torch.np_asarray.cuda_raises")
@given(data=st.data())
def test_np_asarray_cuda_raises(torch, case, data):
    t, _ = draw_input(data, case, "torch")
    assert_raises(TypeError, lambda: np.asarray(t), f"np.asarray of a tensor on {case.device}")


@for_claim("torch.asarray.cuda_copy_false_raises")
@given(data=st.data())
def test_asarray_cuda_copy_false_raises(torch, case, data):
    a = draw_array(data, case)
    assert_raises(Exception, lambda: torch.asarray(a, device=case.device, copy=False),
                  f"torch.asarray(ndarray, device={case.device!r}, copy=False)")


@for_claim("tf.numpy.gpu_copies")
@given(data=st.data())
def test_tf_numpy_gpu_copies(tf, case, data):
    t, a = draw_input(data, case, "tf")
    assert_device(t, case.device, "the tensor built for the case")
    host = returns(t.numpy, f".numpy() of a tensor on {case.device}")
    assert_arrays_equal(host, a, "values of a GPU tensor's .numpy()")
    host_copy = host.copy()
    if host.flags.writeable:
        host[(0,) * a.ndim] = 1 if host[(0,) * a.ndim] == 0 else 0
    assert_arrays_equal(returns(t.numpy, f".numpy() of a tensor on {case.device}, again"), host_copy,
                        "GPU tensor after writing into its .numpy() result")


@for_claim("perf.gpu_float32_faster")
def test_gpu_float32_faster(torch, case, record_property):
    size = 4096
    x32 = torch.randn(size, size, device=case.device, dtype=torch.float32)
    x64 = x32.to(torch.float64)
    evidence.note_tensor(x32)

    def matmul(x):
        def run():
            x @ x
            torch.cuda.synchronize(case.device)
        return run

    decision = decide(interleaved_ratios(matmul(x64), matmul(x32), trials=9, repeats=3), min_effect=1.0)
    record_property("float64_over_float32", decision.as_measurement())
    record_property("allow_tf32", torch.backends.cuda.matmul.allow_tf32)
    if decision.low > 8 or decision.verdict.value == "refuted":
        refute(f"{size}x{size} matmul on {case.device}: float32 is not 2–8× faster: {decision.describe()}",
               "not 2–8× faster")
    if decision.verdict.value == "inconclusive" or decision.high > 8:
        raise Inconclusive(f"{size}x{size} matmul on {case.device}: {decision.describe()}")
