"""array-api-strict: `asarray`'s copy and device rules, as the array API standard states them."""

from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import assert_device, assert_equal, assert_independent, assert_shares, refute, returns
from conformance.domains import for_claim
from conformance.engine import evidence
from conformance.frameworks import FRAMEWORKS
from conformance.inputs import draw_array, draw_input
from conformance.verdicts import raised


@for_claim("array_api_strict.asarray.copy_true")
@given(data=st.data())
def test_asarray_copy_true(array_api_strict, case, data):
    a = draw_array(data, case)
    what = f"a {case.layout} {a.dtype.str} array and xp.asarray(a, copy=True)"
    assert_independent(a, returns(lambda: array_api_strict.asarray(a, copy=True), what), what)


@for_claim("array_api_strict.asarray.copy_false")
@given(data=st.data())
def test_asarray_copy_false(array_api_strict, case, data):
    a = draw_array(data, case)
    what = f"xp.asarray(a, copy=False) of a {case.layout} {a.dtype.str} array"
    try:
        x = array_api_strict.asarray(a, copy=False)
    except ValueError:
        return
    except Exception as exc:
        refute(f"{what}: raised {type(exc).__name__}: {exc}", raised(exc))
    assert_shares(a, x, f"{what}, which did not raise,")


@for_claim("array_api_strict.asarray.copy_none")
@given(data=st.data())
def test_asarray_copy_none(array_api_strict, case, data):
    a = draw_array(data, case)
    what = f"a {case.layout} {a.dtype.str} array and xp.asarray(a)"
    assert_shares(a, returns(lambda: array_api_strict.asarray(a), what), what)


@for_claim("array_api_strict.asarray.dtype_inferred")
@given(data=st.data())
def test_asarray_dtype_inferred(array_api_strict, case, data):
    a = draw_array(data, case)
    device = FRAMEWORKS["array_api_strict"].native(case.device)
    x = returns(lambda: array_api_strict.asarray(a, device=device), f"xp.asarray(a, device={case.device})")
    evidence.note_tensor(x)
    assert_equal(FRAMEWORKS["array_api_strict"].dtype_name(x), a.dtype.name,
                 f"dtype of xp.asarray({a.dtype} array, device={case.device})", outcome="wrong dtype")


@for_claim("array_api_strict.asarray.device")
@given(data=st.data())
def test_asarray_device(array_api_strict, case, data):
    x, _ = draw_input(data, case, "array_api_strict")
    y = returns(lambda: array_api_strict.asarray(x), f"xp.asarray of an array on {case.device}")
    assert_device(y, case.device, f"xp.asarray(x) of an array on {case.device}")
