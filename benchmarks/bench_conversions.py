"""Conversion timings over a size sweep, beside an np.copyto baseline of the same size in the same run.

Run with ``tox -e bench`` (writes reports/bench.json); the default test command
runs each once with --benchmark-disable so that a broken benchmark fails CI.
"""

import importlib.util

import numpy as np
import pytest

SIZES = [2**10, 2**14, 2**18, 2**22, 2**26]
DTYPES = ["float32", "float64"]


def _have(module):
    return importlib.util.find_spec(module) is not None


def _conversions():
    """name -> (framework module, factory(module, array) -> zero-argument conversion)."""
    return {
        "np.copyto (baseline)": (None, lambda m, a: (lambda dst=np.empty_like(a): np.copyto(dst, a))),
        "torch.from_numpy": ("torch", lambda torch, a: lambda: torch.from_numpy(a)),
        "torch.as_tensor": ("torch", lambda torch, a: lambda: torch.as_tensor(a)),
        "torch.tensor": ("torch", lambda torch, a: lambda: torch.tensor(a)),
        "torch.asarray": ("torch", lambda torch, a: lambda: torch.asarray(a)),
        "torch t.numpy()": ("torch", lambda torch, a: (lambda t=torch.from_numpy(a.copy()): t.numpy())),
        "np.asarray(torch t)": ("torch", lambda torch, a: (lambda t=torch.from_numpy(a.copy()): np.asarray(t))),
        "torch.from_dlpack(ndarray)": ("torch", lambda torch, a: lambda: torch.from_dlpack(a)),
        "np.from_dlpack(torch t)": ("torch", lambda torch, a: (lambda t=torch.from_numpy(a.copy()): np.from_dlpack(t))),
        "tf.constant": ("tensorflow", lambda tf, a: lambda: tf.constant(a)),
        "tf.convert_to_tensor": ("tensorflow", lambda tf, a: lambda: tf.convert_to_tensor(a)),
        "tf t.numpy()": ("tensorflow", lambda tf, a: (lambda t=tf.constant(a): t.numpy())),
        "np.asarray(tf t)": ("tensorflow", lambda tf, a: (lambda t=tf.constant(a): np.asarray(t))),
        "np.from_dlpack(tf t)": ("tensorflow", lambda tf, a: (lambda t=tf.constant(a): np.from_dlpack(t))),
    }


CONVERSIONS = _conversions()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s}B")
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("conversion", list(CONVERSIONS))
def test_conversion(benchmark, conversion, dtype, size):
    module_name, factory = CONVERSIONS[conversion]
    if module_name and not _have(module_name):
        pytest.skip(f"{module_name} not installed")
    module = __import__(module_name) if module_name else None
    array = np.random.default_rng(0).standard_normal(size // np.dtype(dtype).itemsize).astype(dtype)
    call = factory(module, array)
    benchmark.group = f"{dtype} {size}B"
    benchmark.extra_info.update(conversion=conversion, dtype=dtype, nbytes=array.nbytes)
    benchmark(call)
