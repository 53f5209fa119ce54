"""The conversion matrix: observed outcomes of every public path between the frameworks present, and DLPack's claims.

Each framework declares the paths it offers (``conformance/frameworks/<key>.py``); a
path runs when its producer, its consumer and the framework that declares it are
installed, so a pair needs only its own two frameworks. Producers are tried on every
device they have: the CPU gives the host matrix, virtual and CUDA devices the
device-side one, where each outcome also records the device the result landed on.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import strategies as S
from conformance import journal
from conformance.assertions import assert_aliases, assert_arrays_equal, overlaps, refute, returns, writable
from conformance.domains import fits, for_claim
from conformance.frameworks import FRAMEWORKS, framework_of
from conformance.inputs import build, draw_array, draw_input
from conformance.matrix import dlpack_import, evaluate, paths_from


def observe(code: str, x, values: np.ndarray) -> dict:
    try:
        y = evaluate(code, x)
        got = framework_of(y).to_numpy(y) if framework_of(y) else np.asarray(y)
    except Exception as exc:
        return {"outcome": "raises", "exception": type(exc).__name__}
    record = {"result_device": framework_of(y).device_of(y)} if framework_of(y) else {}
    if got.shape != values.shape or not np.array_equal(got, values):
        return {"outcome": "wrong values", **record}
    return {"outcome": "shares" if values.size and overlaps(x, y) else "copies", **record}


@pytest.mark.observation
@settings(max_examples=max(1, settings().max_examples // 3))  # each example already loops over every dtype
@given(data=st.data())
def test_observe_conversions(case, available, data, record_property):
    producer = FRAMEWORKS[case.producer]
    paths = paths_from(case.producer, available, on_device=case.device != "cpu")
    shape = data.draw(S.sized_shapes(case.size, 4, min_dims=max(1, case.min_dims), min_last=case.min_last),
                      label="shape")
    records = []
    for dtype in producer.kept_dtypes:
        todo = [p for p in paths if not journal.settled(f"{p.name}|{dtype}")]
        if not todo or not fits(case.replace(dtype=dtype)):
            continue
        x, values = build(case.producer, _pattern(dtype, shape), case.layout, case.device)
        for path in todo:
            records.append(_observe_path(path, x, values, {
                "path": path.name, "producer": case.producer, "consumer": path.consumer, "dtype": dtype,
                "layout": case.layout, "size": case.size, "device": case.device, "nbytes": int(values.nbytes),
                "shape": list(shape), "code": path.code}))
    record_property("conversions", records)


def _observe_path(path, x, values, row: dict) -> dict:
    """One path's row, written to the journal before and after it runs: a path that kills the process is known by
    the attempt it left unfinished (containment records it as ``crashes`` and runs the case's other paths again)."""
    key = f"{path.name}|{row['dtype']}"
    journal.note("attempt", {"key": key, "record": row})
    row = {**row, **observe(path.code, x, values)}
    journal.note("conversion", {"key": key, "record": row})
    return row


def _pattern(dtype: str, shape: tuple) -> np.ndarray:
    count = int(np.prod(shape, dtype=np.int64))
    base = np.arange(count) % (2 if dtype == "bool" else 5) + (0 if dtype == "bool" else 1)
    return base.astype(dtype).reshape(shape)


def pair_input(case, data):
    """(x, values): the case's array as its producer makes it, in the case's layout, on the CPU."""
    if case.producer == "numpy":
        a = draw_array(data, case)
        return a, a
    return draw_input(data, case, case.producer)


def check_import(case, x, values, *, shares: bool) -> None:
    """from_dlpack gives ``values`` (and, with ``shares``, a view on ``x``)."""
    __tracebackhide__ = True
    what = f"{FRAMEWORKS[case.consumer].dlpack} of a {values.shape} {case.dtype} {case.producer} array ({case.layout})"
    y = returns(lambda: dlpack_import(case.consumer, x), what)
    assert_arrays_equal(framework_of(y).to_numpy(y), values, f"values after {what}")
    if shares:
        assert_aliases(x, y, what)


@for_claim("dlpack.from_dlpack.zero_copy")
@given(data=st.data())
def test_dlpack_zero_copy(case, data):
    check_import(case, *pair_input(case, data), shares=True)


@for_claim("dlpack.from_dlpack.strided")
@given(data=st.data())
def test_dlpack_strided(case, data):
    check_import(case, *pair_input(case, data), shares=False)


@for_claim("dlpack.from_dlpack.bool")
@given(data=st.data())
def test_dlpack_bool(case, data):
    check_import(case, *pair_input(case, data), shares=False)


@for_claim("dlpack.from_dlpack.byte_order")
@given(data=st.data())
def test_dlpack_byte_order(case, data):
    a, _ = pair_input(case, data)
    what = f"{FRAMEWORKS[case.consumer].dlpack} of a {a.dtype.str} array, which was not refused"
    try:
        y = dlpack_import(case.consumer, a)
    except Exception:
        return
    assert_arrays_equal(framework_of(y).to_numpy(y), a.astype(a.dtype.newbyteorder("=")), f"values after {what}")


@for_claim("dlpack.from_dlpack.read_only")
@given(data=st.data())
def test_dlpack_read_only(case, data):
    a, _ = pair_input(case, data)
    what = f"{FRAMEWORKS[case.consumer].dlpack} of a read-only {a.dtype} array"
    try:
        y = dlpack_import(case.consumer, a)
    except Exception:
        return
    if overlaps(a, y) and writable(y):
        refute(f"{what} gave a writable {type(y).__name__} over its memory", "writable alias")
