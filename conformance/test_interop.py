"""Claims that need PyTorch and TensorFlow together."""

import pytest
from hypothesis import given

import strategies as S
from conformance.assertions import address, assert_arrays_equal, assert_equal


@pytest.mark.claim("interop.dlpack.torch_to_tf_shares")
@given(a=S.arrays(S.dtypes("torch", kinds="iuf"), S.nonempty_shapes()))
def test_dlpack_torch_to_tf_shares(torch, tf, a):
    t = torch.tensor(a)
    converted = tf.experimental.dlpack.from_dlpack(torch.utils.dlpack.to_dlpack(t))
    assert_arrays_equal(converted.numpy(), a, "values after DLPack torch -> TF")
    assert_equal(address(converted), t.data_ptr(), "data address after DLPack torch -> TF")
