"""The conversion matrix: observed outcomes of every public path between the four frameworks, and DLPack's claims."""

import re
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import strategies as S
from conformance.assertions import assert_aliases, assert_arrays_equal, overlaps, returns, writable
from conformance.claims.conversion_matrix import (FRAMEWORKS, PATHS, PRODUCER_DTYPES, PRODUCER_LAYOUTS, Path,
                                                  from_dlpack)
from conformance.domains import Case, Domain, cases, fits, for_claim
from conformance.inputs import draw_array, jax_array, tf_tensor, torch_tensor
from conformance.isolation import run_isolated, stream_from_child

# Layouts that crash PyTorch when it consumes them (observed: SIGABRT importing negative strides through DLPack,
# SIGSEGV copying unaligned complex128): those conversions run in a forked child, so the crash is an outcome.
# Only PyTorch consumers are forked: a forked child that touches JAX deadlocks, and TensorFlow raises instead.
CRASHING_LAYOUTS = {"negative", "unaligned"}
DEFAULT_LAYOUT = {"numpy": "C", "torch": "contiguous", "tf": "constant", "jax": "array"}
OBSERVED_SIZES = ("0-d", "1B-4K", "4K-128K", "128K-8M")


@pytest.fixture(scope="module")
def frameworks(torch, tf, jax):
    return SimpleNamespace(torch=torch, tf=tf, jax=jax, jnp=jax.numpy)


def build(f, producer: str, a: np.ndarray, layout: str):
    """(x, values): the producer's array with ``a``'s values, laid out as ``layout``."""
    if producer == "numpy":
        return S.place(a, layout), a
    if producer == "torch":
        return torch_tensor(f.torch, a, layout)
    if producer == "tf":
        return tf_tensor(f.tf, a, layout)
    return jax_array(f.jnp, a, layout)


def as_numpy(y) -> np.ndarray:
    if hasattr(y, "data_ptr"):
        return y.detach().resolve_conj().resolve_neg().cpu().numpy()
    return y.numpy() if hasattr(y, "numpy") else np.asarray(y)


def observe(f, path: Path, x, values: np.ndarray) -> dict:
    try:
        y = path.convert(f, x)
        got = as_numpy(y)
    except Exception as exc:
        return {"outcome": "raises", "exception": type(exc).__name__}
    if got.shape != values.shape or not np.array_equal(got, values):
        return {"outcome": "wrong values"}
    return {"outcome": "shares" if values.size and overlaps(x, y) else "copies"}


def observation_cases():
    return [pytest.param(producer, case, id=f"{producer}-{case}") for producer in FRAMEWORKS
            for case in cases(Domain(layouts=PRODUCER_LAYOUTS[producer], sizes=OBSERVED_SIZES))]


@pytest.mark.observation
@pytest.mark.parametrize("producer, case", observation_cases())
@settings(max_examples=max(1, settings.default.max_examples // 3))  # each example already loops over every dtype
@given(data=st.data())
def test_observe_conversions(frameworks, producer, case, data, record_property):
    paths = [p for p in PATHS if p.producer == producer]
    shape = data.draw(S.sized_shapes(case.size, 4, min_dims=max(1, case.min_dims)), label="shape")
    records = []
    for dtype in PRODUCER_DTYPES[producer]:
        if not fits(Case(dtype=dtype, layout=case.layout, size=case.size)):
            continue
        values = _pattern(dtype, shape)
        x, values = build(frameworks, producer, values, case.layout)
        outcomes = _observe_all(frameworks, paths, x, values, case.layout)
        records += [{"path": p.name, "producer": producer, "consumer": p.consumer, "dtype": dtype,
                     "layout": case.layout, "size": case.size, "nbytes": int(values.nbytes), **o}
                    for p, o in zip(paths, outcomes)]
    record_property("conversions", records)


def _pattern(dtype: str, shape: tuple) -> np.ndarray:
    count = int(np.prod(shape, dtype=np.int64))
    base = np.arange(count) % (2 if dtype == "bool" else 5) + (0 if dtype == "bool" else 1)
    return base.astype(dtype).reshape(shape)


def _observe_all(f, paths, x, values, layout: str) -> list[dict]:
    """Each path's outcome; PyTorch consumers of crashing layouts convert in forked children, one path after
    another, so that a crash is recorded as that path's outcome and the paths after it still run."""
    risky = [p for p in paths if p.consumer == "torch" and layout in CRASHING_LAYOUTS]
    outcomes = {p.name: observe(f, p, x, values) for p in paths if p not in risky}
    while risky:
        done, crash = stream_from_child(lambda: (observe(f, p, x, values) for p in risky), "risky conversions")
        outcomes.update((p.name, outcome) for p, outcome in zip(risky, done))
        if crash:
            outcomes[risky[len(done)].name] = {"outcome": "crashes", "exception": crash}
        risky = risky[len(done) + 1:]
    return [outcomes[p.name] for p in paths]


PAIR = re.compile(r"(\w+)(?:\((.+)\))?→(\w+)")


def pair_input(f, case, data):
    """(x, values, consumer, layout) for a case whose input reads "producer(layout)→consumer"."""
    producer, layout, consumer = PAIR.fullmatch(case.input).groups()
    layout = layout or DEFAULT_LAYOUT[producer]
    a = draw_array(data, Case(dtype=case.dtype, layout=layout, size=case.size))
    x, values = (a, a) if producer == "numpy" else build(f, producer, a, layout)
    return x, values, consumer, layout


def check_import(f, case, x, values, consumer, layout, *, shares: bool) -> None:
    """from_dlpack gives ``values`` (and, with ``shares``, a view on ``x``); in a child where it may crash."""
    __tracebackhide__ = True
    what = f"from_dlpack {case.input} of a {values.shape} {case.dtype} array"

    def check():
        y = returns(lambda: from_dlpack(f, consumer, x), what)
        assert_arrays_equal(as_numpy(y), values, f"values after {what}")
        if shares:
            assert_aliases(x, y, what)

    in_child_if_risky(consumer, layout, check, what)


def in_child_if_risky(consumer: str, layout: str, check, what: str) -> None:
    """A PyTorch import of a crashing layout (see CRASHING_LAYOUTS) runs in a forked child."""
    __tracebackhide__ = True
    if consumer == "torch" and layout in CRASHING_LAYOUTS:
        run_isolated(check, what)
    else:
        check()


@for_claim("dlpack.from_dlpack.zero_copy")
@given(data=st.data())
def test_dlpack_zero_copy(frameworks, case, data):
    check_import(frameworks, case, *pair_input(frameworks, case, data), shares=True)


@for_claim("dlpack.from_dlpack.strided")
@given(data=st.data())
def test_dlpack_strided(frameworks, case, data):
    check_import(frameworks, case, *pair_input(frameworks, case, data), shares=False)


@for_claim("dlpack.from_dlpack.bool")
@given(data=st.data())
def test_dlpack_bool(frameworks, case, data):
    check_import(frameworks, case, *pair_input(frameworks, case, data), shares=False)


@for_claim("dlpack.from_dlpack.byte_order")
@given(data=st.data())
def test_dlpack_byte_order(frameworks, case, data):
    a = draw_array(data, Case(dtype=case.dtype, layout="byteswapped", size=case.size))
    consumer = PAIR.fullmatch(case.input).group(3)
    what = f"from_dlpack {case.input} of a {a.dtype.str} array, which was not refused"

    def check():
        try:
            y = from_dlpack(frameworks, consumer, a)
        except Exception:
            return
        assert_arrays_equal(as_numpy(y), a.astype(a.dtype.newbyteorder("=")), f"values after {what}")

    in_child_if_risky(consumer, "byteswapped", check, what)


@for_claim("dlpack.from_dlpack.read_only")
@given(data=st.data())
def test_dlpack_read_only(frameworks, case, data):
    a = draw_array(data, Case(dtype=case.dtype, layout="readonly", size=case.size))
    consumer = PAIR.fullmatch(case.input).group(3)
    what = f"from_dlpack {case.input} of a read-only {a.dtype} array"

    def check():
        try:
            y = from_dlpack(frameworks, consumer, a)
        except Exception:
            return
        if overlaps(a, y) and writable(y):
            raise AssertionError(f"{what} gave a writable {type(y).__name__} over its memory")

    in_child_if_risky(consumer, "readonly", check, what)
