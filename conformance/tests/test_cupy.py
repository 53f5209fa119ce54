"""CuPy's own device sentences (claims/cupy.py): every case on each CUDA device present."""

from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import assert_aliases, assert_arrays_equal, assert_independent, returns
from conformance.domains import for_claim
from conformance.frameworks import FRAMEWORKS
from conformance.inputs import draw_input


@for_claim("cupy.asarray.no_copy_on_device")
@given(data=st.data())
def test_cupy_asarray_no_copy_on_device(cupy, case, data):
    x, _ = draw_input(data, case, "cupy")
    with FRAMEWORKS["cupy"].native(case.device):
        y = returns(lambda: cupy.asarray(x), f"cupy.asarray of a CuPy array on {case.device}")
    assert_aliases(x, y, f"cupy.asarray(x) of an array on {case.device}")


@for_claim("cupy.asnumpy.host_copy")
@given(data=st.data())
def test_cupy_asnumpy_host_copy(cupy, case, data):
    x, values = draw_input(data, case, "cupy")
    host = returns(lambda: cupy.asnumpy(x), f"cupy.asnumpy of an array on {case.device}")
    assert_arrays_equal(host, values, f"values of cupy.asnumpy(x) from {case.device}")
    assert_independent(host, x, f"cupy.asnumpy(x) and x on {case.device}")
