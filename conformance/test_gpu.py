"""GPU claims: run on every CUDA device present; skipped with "no CUDA device" otherwise.

Every test here needs CUDA (the plugin marks the catalog's CUDA claims ``gpu``
and skips them, with the reason, where no device is present). Tests are
parametrized over every device found at collection; without one, the single
placeholder "cuda:0" is collected and skipped.
"""

import timeit

import numpy as np
import pytest
from hypothesis import given

import strategies as S
from conformance import environment
from conformance.assertions import (assert_arrays_equal, assert_equal, assert_raises, assert_write_invisible,
                                    assert_write_visible, returns)

CUDA_DEVICES = environment.torch_cuda_devices() or ["cuda:0"]
each_device = pytest.mark.parametrize("device", CUDA_DEVICES)
ARRAYS = S.arrays(S.dtypes("torch", kinds="iuf"), S.nonempty_shapes())


def on_device(torch, a, device):
    return torch.tensor(a, device=device)


@pytest.mark.claim("torch.numpy.cuda_raises")
@each_device
@given(a=ARRAYS)
def test_numpy_cuda_raises(torch, a, device):
    t = on_device(torch, a, device)
    assert_raises(RuntimeError, t.numpy, f".numpy() of a tensor on {device}")


@pytest.mark.claim("torch.cpu.numpy_roundtrip")
@each_device
@given(a=ARRAYS)
def test_cpu_numpy_roundtrip(torch, a, device):
    host = on_device(torch, a, device).cpu()
    array = host.numpy()
    assert_arrays_equal(array, a, f"values of .cpu().numpy() from {device}")
    assert_write_visible(array, host, "write into .cpu().numpy() seen by the CPU tensor")


@pytest.mark.claim("torch.from_numpy.cuda_copies")
@each_device
@given(a=ARRAYS)
def test_from_numpy_cuda_copies(torch, a, device):
    on_gpu = torch.from_numpy(a).to(device)
    assert_equal(on_gpu.device.type, "cuda", "device of torch.from_numpy(a).cuda()")
    assert_write_invisible(a, on_gpu, f"write into a reached torch.from_numpy(a) on {device}")


@pytest.mark.claim("torch.tensor.device_cuda")
@each_device
@given(a=ARRAYS)
def test_tensor_device_cuda(torch, a, device):
    t = on_device(torch, a, device)
    assert_equal(str(t.device), device, "device of torch.tensor(a, device=...)")
    assert_arrays_equal(t.cpu().numpy(), a, f"values of torch.tensor(a, device={device!r})")


SCALARS = S.arrays(S.dtypes("torch", kinds="f"), S.single_element_shapes(max_dims=0))


@pytest.mark.claim("torch.item.cuda_needs_cpu")
@each_device
@given(a=SCALARS)
def test_item_cuda_needs_cpu(torch, a, device):
    t = on_device(torch, a, device)
    assert_raises(Exception, t.item, f".item() of a scalar on {device} without .cpu()")
    assert_equal(t.cpu().item(), a.item(), ".cpu().item()")


@pytest.mark.claim("torch.float.requires_cpu_no_grad")
@pytest.mark.gpu
@each_device
@given(a=SCALARS)
def test_float_requires_cpu(torch, a, device):
    t = on_device(torch, a, device)
    assert_raises(Exception, lambda: float(t), f"float() of a scalar on {device}")


@pytest.mark.claim("torch.numpy.force_cuda")
@each_device
@given(a=ARRAYS)
def test_numpy_force_cuda(torch, a, device):
    forced = returns(lambda: on_device(torch, a, device).numpy(force=True), f".numpy(force=True) on {device}")
    assert_arrays_equal(forced, a, f"values of .numpy(force=True) from {device}")


@pytest.mark.claim("torch.np_asarray.cuda_raises")
@each_device
@given(a=ARRAYS)
def test_np_asarray_cuda_raises(torch, a, device):
    t = on_device(torch, a, device)
    assert_raises(TypeError, lambda: np.asarray(t), f"np.asarray of a tensor on {device}")


@pytest.mark.claim("torch.asarray.cuda_copy_false_raises")
@each_device
@given(a=ARRAYS)
def test_asarray_cuda_copy_false_raises(torch, a, device):
    assert_raises(Exception, lambda: torch.asarray(a, device=device, copy=False),
                  f"torch.asarray(ndarray, device={device!r}, copy=False)")


@pytest.mark.claim("tf.numpy.gpu_copies")
@given(a=S.arrays(S.dtypes("tf", kinds="if"), S.nonempty_shapes()))
def test_tf_numpy_gpu_copies(tf, a):
    with tf.device("/GPU:0"):
        t = tf.identity(tf.constant(a))
    assert_equal("GPU" in t.device, True, f"tensor placed on {t.device!r}")
    host = t.numpy()
    assert_arrays_equal(host, a, "values of a GPU tensor's .numpy()")
    host_copy = host.copy()
    if host.flags.writeable:
        host[(0,) * a.ndim] = 0
    assert_arrays_equal(t.numpy(), host_copy, "GPU tensor after writing into its .numpy() result")


@pytest.mark.claim("perf.gpu_float32_faster")
@each_device
def test_gpu_float32_faster(torch, device, record_property):
    size = 4096
    timings = {}
    for dtype in (torch.float32, torch.float64):
        x = torch.randn(size, size, device=device, dtype=dtype)

        def matmul():
            x @ x
            torch.cuda.synchronize(device)

        matmul()
        timings[str(dtype)] = min(timeit.repeat(matmul, number=3, repeat=5)) / 3
    ratio = timings["torch.float64"] / timings["torch.float32"]
    record_property("float64_over_float32", round(ratio, 2))
    record_property("allow_tf32", torch.backends.cuda.matmul.allow_tf32)
    if not 2 <= ratio <= 8:
        raise AssertionError(f"{size}x{size} matmul on {device}: float32 {timings['torch.float32']:.2e}s, "
                             f"float64 {timings['torch.float64']:.2e}s, float32 is {ratio:.2f}x faster, not 2-8x")
