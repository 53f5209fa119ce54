"""GPU claims: run on every CUDA device present; skipped with "no CUDA device" otherwise.

Every test here needs CUDA (the plugin marks the catalog's CUDA claims ``gpu``
and skips them, with the reason, where no device is present). Tests are
parametrized over every device found at collection; without one, the single
placeholder "cuda:0" is collected and skipped.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import (assert_aliases, assert_arrays_equal, assert_equal, assert_independent,
                                    assert_raises, returns)
from conformance.domains import for_claim
from conformance.engine import environment
from conformance.inputs import draw_array
from conformance.timing import decide, interleaved_ratios
from conformance.verdicts import Inconclusive

CUDA_DEVICES = environment.torch_cuda_devices() or ["cuda:0"]
each_device = pytest.mark.parametrize("device", CUDA_DEVICES)


@for_claim("torch.numpy.cuda_raises")
@each_device
@given(data=st.data())
def test_numpy_cuda_raises(torch, case, device, data):
    t = torch.tensor(draw_array(data, case), device=device)
    assert_raises(RuntimeError, t.numpy, f".numpy() of a tensor on {device}")


@for_claim("torch.cpu.numpy_roundtrip")
@each_device
@given(data=st.data())
def test_cpu_numpy_roundtrip(torch, case, device, data):
    a = draw_array(data, case)
    host = torch.tensor(a, device=device).cpu()
    array = host.numpy()
    assert_arrays_equal(array, a, f"values of .cpu().numpy() from {device}")
    assert_aliases(array, host, ".cpu().numpy() and the CPU tensor")


@for_claim("torch.from_numpy.cuda_copies")
@each_device
@given(data=st.data())
def test_from_numpy_cuda_copies(torch, case, device, data):
    a = draw_array(data, case)
    on_gpu = torch.from_numpy(a).to(device)
    assert_equal(on_gpu.device.type, "cuda", "device of torch.from_numpy(a).cuda()")
    assert_independent(a, on_gpu, f"a and torch.from_numpy(a) moved to {device}")


@for_claim("torch.tensor.device_cuda")
@each_device
@given(data=st.data())
def test_tensor_device_cuda(torch, case, device, data):
    a = draw_array(data, case)
    t = torch.tensor(a, device=device)
    assert_equal(str(t.device), device, "device of torch.tensor(a, device=...)")
    assert_arrays_equal(t.cpu().numpy(), a, f"values of torch.tensor(a, device={device!r})")


@for_claim("torch.item.cuda_needs_cpu")
@each_device
@given(data=st.data())
def test_item_cuda_needs_cpu(torch, case, device, data):
    a = draw_array(data, case, shape=())
    t = torch.tensor(a, device=device)
    assert_raises(Exception, t.item, f".item() of a scalar on {device} without .cpu()")
    assert_equal(t.cpu().item(), a.item(), ".cpu().item()")


@for_claim("torch.numpy.force_cuda")
@each_device
@given(data=st.data())
def test_numpy_force_cuda(torch, case, device, data):
    a = draw_array(data, case)
    forced = returns(lambda: torch.tensor(a, device=device).numpy(force=True), f".numpy(force=True) on {device}")
    assert_arrays_equal(forced, a, f"values of .numpy(force=True) from {device}")


@for_claim("torch.np_asarray.cuda_raises")
@each_device
@given(data=st.data())
def test_np_asarray_cuda_raises(torch, case, device, data):
    t = torch.tensor(draw_array(data, case), device=device)
    assert_raises(TypeError, lambda: np.asarray(t), f"np.asarray of a tensor on {device}")


@for_claim("torch.asarray.cuda_copy_false_raises")
@each_device
@given(data=st.data())
def test_asarray_cuda_copy_false_raises(torch, case, device, data):
    a = draw_array(data, case)
    assert_raises(Exception, lambda: torch.asarray(a, device=device, copy=False),
                  f"torch.asarray(ndarray, device={device!r}, copy=False)")


@for_claim("tf.numpy.gpu_copies")
@given(data=st.data())
def test_tf_numpy_gpu_copies(tf, case, data):
    a = draw_array(data, case)
    with tf.device("/GPU:0"):
        t = tf.identity(tf.constant(a))
    assert_equal("GPU" in t.device, True, f"tensor placed on {t.device!r}")
    host = t.numpy()
    assert_arrays_equal(host, a, "values of a GPU tensor's .numpy()")
    host_copy = host.copy()
    if host.flags.writeable:
        host[(0,) * a.ndim] = 0
    assert_arrays_equal(t.numpy(), host_copy, "GPU tensor after writing into its .numpy() result")


@for_claim("perf.gpu_float32_faster")
@each_device
def test_gpu_float32_faster(torch, device, record_property):
    size = 4096
    x32 = torch.randn(size, size, device=device, dtype=torch.float32)
    x64 = x32.to(torch.float64)

    def matmul(x):
        def run():
            x @ x
            torch.cuda.synchronize(device)
        return run

    decision = decide(interleaved_ratios(matmul(x64), matmul(x32), trials=9, repeats=3), min_effect=1.0)
    record_property("float64_over_float32", decision.as_measurement())
    record_property("allow_tf32", torch.backends.cuda.matmul.allow_tf32)
    if decision.low > 8 or decision.verdict.value == "refuted":
        raise AssertionError(f"{size}x{size} matmul on {device}: float32 is not 2–8× faster: {decision.describe()}")
    if decision.verdict.value == "inconclusive" or decision.high > 8:
        raise Inconclusive(f"{size}x{size} matmul on {device}: {decision.describe()}")
