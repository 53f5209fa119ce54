"""The array API standard's interchange and device sentences, on each library's own arrays and devices."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import (assert_arrays_equal, assert_device, assert_equal, assert_independent,
                                    assert_overlap, assert_raises, refute, returns)
from conformance.domains import for_claim
from conformance.frameworks import FRAMEWORKS, framework_of
from conformance.inputs import draw_input, note_output
from conformance.verdicts import raised

DLPACK_DEVICE = {"cpu": 1, "cuda": 2}


def _exported(call, what: str):
    """The import's result, or None where the producer's ``__dlpack__`` refused the array with BufferError: the
    standard's way to say DLPack cannot describe it ("Implementations should raise BufferError when the data cannot be
    exported as DLPack", e.g. a byte order, a conjugate bit or a read-only flag it has no field for)."""
    try:
        return call()
    except BufferError:
        return None
    except Exception as exc:
        refute(f"{what}: raised {type(exc).__name__}: {exc}", raised(exc))


@for_claim("array_api.from_dlpack.same_device")
@given(data=st.data())
def test_from_dlpack_same_device(case, data):
    fw = FRAMEWORKS[case.producer]
    x, values = draw_input(data, case, case.producer)
    y = _exported(lambda: fw.dlpack_import(x), f"{fw.dlpack} of a {case.layout} {case.producer} array on {case.device}")
    if y is None:
        return
    assert_device(y, case.device, f"{fw.dlpack} of a {case.producer} array on {case.device}")
    assert_arrays_equal(fw.to_numpy(y), values, f"values after {fw.dlpack}")


@for_claim("array_api.from_dlpack.copy_false_across_devices")
@given(data=st.data())
def test_from_dlpack_copy_false_across_devices(case, data):
    fw = FRAMEWORKS[case.producer]
    x, _ = draw_input(data, case, case.producer)
    what = f"from_dlpack(x, device=CPU, copy=False) in {fw.label} of an array on {case.device}"
    try:
        y = fw.dlpack_import(x, device="cpu", copy=False)
    except (BufferError, ValueError):
        return
    except Exception as exc:
        refute(f"{what}: raised {type(exc).__name__}: {exc}", raised(exc))
    assert_overlap(x, y, f"{what}, which did not raise,")


@for_claim("array_api.from_dlpack.copy_true")
@given(data=st.data())
def test_from_dlpack_copy_true(case, data):
    consumer = FRAMEWORKS[case.consumer]
    x, _ = draw_input(data, case, case.producer)
    what = f"from_dlpack(x, copy=True) of a {case.layout} {case.producer} array into {consumer.label}"
    y = _exported(lambda: consumer.dlpack_import(x, copy=True), what)
    if y is not None:
        assert_independent(x, y, what)


@for_claim("array_api.dlpack_device.codes")
@given(data=st.data())
def test_dlpack_device_codes(case, data):
    x, _ = draw_input(data, case, case.producer)
    kind, _, index = case.device.partition(":")
    found = returns(lambda: x.__dlpack_device__(), f"__dlpack_device__() of a {case.producer} array")
    assert_equal(tuple(int(v) for v in found), (DLPACK_DEVICE[kind], int(index or 0)),
                 f"__dlpack_device__() of a {case.producer} array on {case.device}", outcome="wrong device code")


@for_claim("array_api.mixed_devices_raise")
@given(data=st.data())
def test_mixed_devices_raise(case, data):
    fw = FRAMEWORKS[case.producer]
    x, _ = draw_input(data, case.replace(device="cpu"), case.producer)
    y = note_output(fw.place(x, case.device))  # x itself on the other device: only the devices differ
    x = fw.place(x, "cpu")
    assert_raises(Exception, lambda: x + y, f"{fw.label}: an array on cpu plus one on {case.device}")


@for_claim("array_api.to_device")
@given(data=st.data())
def test_to_device(case, data):
    fw = FRAMEWORKS[case.producer]
    x, values = draw_input(data, case.replace(device="cpu"), case.producer)
    y = note_output(returns(lambda: x.to_device(fw.native(case.device)), f"x.to_device({case.device}) in {fw.label}"))
    assert_device(y, case.device, f"x.to_device({case.device})")
    assert_arrays_equal(framework_of(y).to_numpy(y), np.asarray(values), f"values after x.to_device({case.device})")
