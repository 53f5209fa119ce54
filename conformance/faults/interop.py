"""Faults that break (or supply) test_interop.py's conversions between two frameworks."""

import numpy as np

from conformance.faults._registry import fault, wrap
from conformance.faults._standins import CapsuleHolder, LiveView


@fault("tf.experimental.dlpack.from_dlpack gives a live view of the capsule's memory, whatever its strides",
       ["interop.dlpack.torch_to_tf_shares"], "tf")
def tf_dlpack_live(mp, tf):
    wrap(mp, tf.experimental.dlpack, "from_dlpack", lambda from_dlpack: lambda capsule:
         LiveView(np.from_dlpack(CapsuleHolder(capsule))))


@fault("TF's DLPack import of a contiguous torch tensor copies it (moves part of a refuted claim)",
       ["interop.dlpack.torch_to_tf_shares"], "tf")
def tf_dlpack_copies_contiguous(mp, tf):
    wrap(mp, tf.experimental.dlpack, "from_dlpack", lambda from_dlpack: lambda capsule: tf.constant(
        np.array(np.from_dlpack(CapsuleHolder(capsule)), copy=True)))
