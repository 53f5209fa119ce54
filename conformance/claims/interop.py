"""Claims that need two frameworks together."""

from conformance.claims._model import ALIASING_SIZES, TORCH_DTYPES, Claim
from conformance.claims._sources import TF_DOCS
from conformance.domains import TORCH_LAYOUTS, Domain

CLAIMS = [
    Claim(id="interop.dlpack.torch_to_tf_shares",
          statement="`tf.experimental.dlpack.from_dlpack(t.__dlpack__())` of a CPU torch tensor is zero-copy: "
                    "it has the tensor's values and memory address",
          source=f"{TF_DOCS}api_docs/python/tf/experimental/dlpack/from_dlpack", needs=("torch", "tf"),
          quote="Returns the Tensorflow eager tensor. The returned tensor uses the memory shared by dlpack capsules",
          domain=Domain(dtypes=TORCH_DTYPES, layouts=tuple(x for x in TORCH_LAYOUTS if x not in ("conj", "neg")),
                        sizes=ALIASING_SIZES, cover=True)),
]
