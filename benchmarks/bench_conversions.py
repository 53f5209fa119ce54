"""Conversion timings over a size sweep, beside an np.copyto baseline of the same size in the same run.

Run with ``tox -e bench`` (writes reports/bench.json); the selftest env runs each
once with --benchmark-disable so that a broken benchmark fails CI. A conversion
that an aliasing claim describes names that claim and the cost it predicts when
the claim holds ("zero-copy": flat in size; "copy": linear), so the report can
check the timing against the verdict.
"""

import contextlib
import importlib
import importlib.util
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pytest

SIZES = [2**10, 2**14, 2**18, 2**22, 2**24]
DTYPES = ["float32", "float64"]


@dataclass(frozen=True)
class Conversion:
    module: str | None
    factory: Callable
    claim: str = ""
    predicts: str = ""


CONVERSIONS = {
    "np.copyto (baseline)": Conversion(None, lambda m, a: (lambda dst=np.empty_like(a): np.copyto(dst, a))),
    "torch.from_numpy": Conversion("torch", lambda torch, a: lambda: torch.from_numpy(a),
                                   "torch.from_numpy.shares_memory", "zero-copy"),
    "torch.as_tensor": Conversion("torch", lambda torch, a: lambda: torch.as_tensor(a),
                                  "torch.as_tensor.shares_numpy", "zero-copy"),
    "torch.tensor": Conversion("torch", lambda torch, a: lambda: torch.tensor(a), "torch.tensor.copies", "copy"),
    "torch.asarray": Conversion("torch", lambda torch, a: lambda: torch.asarray(a),
                                "torch.asarray.shares_numpy", "zero-copy"),
    "torch t.numpy()": Conversion("torch", lambda torch, a: (lambda t=torch.from_numpy(a.copy()): t.numpy()),
                                  "torch.numpy.shares_memory", "zero-copy"),
    "np.asarray(torch t)": Conversion("torch", lambda torch, a: (lambda t=torch.from_numpy(a.copy()): np.asarray(t)),
                                      "torch.np_asarray.shares_memory", "zero-copy"),
    "torch.from_dlpack(ndarray)": Conversion("torch", lambda torch, a: lambda: torch.from_dlpack(a)),
    "np.from_dlpack(torch t)": Conversion("torch", lambda torch, a: (
        lambda t=torch.from_numpy(a.copy()): np.from_dlpack(t))),
    "tf.constant": Conversion("tensorflow", lambda tf, a: lambda: tf.constant(a),
                              "tf.constant.isolated_from_source", "copy"),
    "tf.convert_to_tensor": Conversion("tensorflow", lambda tf, a: lambda: tf.convert_to_tensor(a)),
    "tf t.numpy()": Conversion("tensorflow", lambda tf, a: (lambda t=tf.constant(a): t.numpy()),
                               "tf.numpy.shares_memory", "zero-copy"),
    "np.asarray(tf t)": Conversion("tensorflow", lambda tf, a: (lambda t=tf.constant(a): np.asarray(t)),
                                   "tf.np_asarray.shares_if_possible", "zero-copy"),
    "np.from_dlpack(tf t)": Conversion("tensorflow", lambda tf, a: (lambda t=tf.constant(a): np.from_dlpack(t))),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s}B")
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("conversion", list(CONVERSIONS))
def test_conversion(benchmark, conversion, dtype, size):
    spec = CONVERSIONS[conversion]
    if spec.module and importlib.util.find_spec(spec.module) is None:
        pytest.skip(f"{spec.module} not installed")
    module = importlib.import_module(spec.module) if spec.module else None
    array = np.random.default_rng(0).standard_normal(size // np.dtype(dtype).itemsize).astype(dtype)
    call = spec.factory(module, array)
    benchmark.group = f"{dtype} {size}B"
    benchmark.extra_info.update(conversion=conversion, dtype=dtype, nbytes=array.nbytes, claim=spec.claim,
                                predicts=spec.predicts)
    benchmark(call)


MATRIX_BYTES = 16 * 2**20


def _matrix_params():
    from conformance.frameworks import FRAMEWORKS
    from conformance.matrix import declared_paths

    on_host = [key for key, fw in FRAMEWORKS.items() if "cpu" in fw.device_kinds]  # CuPy has no CPU arrays
    return [pytest.param(owner, producer, path, id=f"{producer}->{path.consumer}:{path.name}")
            for owner, path in declared_paths() for producer in on_host
            if path.accepts(producer) and path.consumer in on_host]


@pytest.mark.parametrize("owner, producer, path", _matrix_params())
def test_matrix_path(benchmark, owner, producer, path):
    """Each CPU path of the conversion matrix on one 16 MB float32 array: a path that shares is far cheaper than a
    copy. It needs its producer, its consumer and the framework that declares it."""
    import strategies as S
    from conformance.frameworks import FRAMEWORKS, framework_of
    from conformance.matrix import evaluate

    missing = sorted({FRAMEWORKS[k].module_name for k in (owner, producer, path.consumer)
                      if not FRAMEWORKS[k].findable()})
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed")
    a = S.place(np.random.default_rng(0).standard_normal(MATRIX_BYTES // 4).astype(np.float32), "C")
    with contextlib.ExitStack() as on_cpu:  # JAX and TF would put new arrays on a GPU where there is one
        for key in dict.fromkeys((owner, producer, path.consumer)):
            on_cpu.enter_context(FRAMEWORKS[key].on("cpu"))
        x, _ = FRAMEWORKS[producer].build(a.copy(), None, "cpu")

        def convert():
            y = evaluate(path.code, x)
            if framework_of(y) is not None:
                framework_of(y).synchronize(y)

        benchmark.extra_info.update(matrix=True, producer=producer, path=path.name, nbytes=MATRIX_BYTES)
        benchmark(convert)


def test_matrix_copy_baseline(benchmark):
    a = np.random.default_rng(0).standard_normal(MATRIX_BYTES // 4).astype(np.float32)
    target = np.empty_like(a)
    benchmark.extra_info.update(matrix=True, producer="numpy", path="np.copyto (baseline)", nbytes=MATRIX_BYTES)
    benchmark(lambda: np.copyto(target, a))
