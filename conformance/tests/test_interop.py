"""Claims that need two frameworks together."""

from hypothesis import given
from hypothesis import strategies as st

from conformance.assertions import assert_aliases, assert_arrays_equal, returns
from conformance.domains import for_claim
from conformance.inputs import draw_input


@for_claim("interop.dlpack.torch_to_tf_shares")
@given(data=st.data())
def test_dlpack_torch_to_tf_shares(torch, tf, case, data):
    t, values = draw_input(data, case, "torch")
    converted = returns(lambda: tf.experimental.dlpack.from_dlpack(t.__dlpack__()),
                        f"DLPack torch -> TF of a {case.layout} {case.dtype} tensor")
    assert_arrays_equal(converted.numpy(), values, "values after DLPack torch -> TF")
    assert_aliases(t, converted, f"a {case.layout} torch tensor and its DLPack import into TF")
