"""Claims that need two frameworks together."""

from conformance.claims._model import ALIASING_SIZES, HOST, TORCH_DTYPES, Claim, Narrowed, Recipe
from conformance.claims._sources import TF_DOCS
from conformance.domains import Domain
from conformance.frameworks import FRAMEWORKS
from conformance.frameworks.tf import DLPACK_BOOL as TF_DLPACK_BOOL
from conformance.upstream import Upstream

TORCH_LAYOUTS = FRAMEWORKS["torch"].layout_names

CLAIMS = [
    Claim(id="interop.dlpack.torch_to_tf_shares",
          statement="`tf.experimental.dlpack.from_dlpack(t.__dlpack__())` of a CPU torch tensor is zero-copy: "
                    "it has the tensor's values and memory address",
          source=f"{TF_DOCS}api_docs/python/tf/experimental/dlpack/from_dlpack", needs=("torch", "tf"),
          quote="Returns the Tensorflow eager tensor. The returned tensor uses the memory shared by dlpack capsules",
          domain=Domain(dtype=TORCH_DTYPES,
                        layout=Narrowed(tuple(x for x in TORCH_LAYOUTS if x not in ("conj", "neg")),
                                        why="a conjugate or negative view is a flag on a tensor, not memory: torch "
                                        "refuses to export one through DLPack before it is resolved"),
                        size=ALIASING_SIZES, cover=True, device=HOST),
          known=(
              TF_DLPACK_BOOL.at("dtype=bool"),
              Upstream(outcome="raises InvalidArgumentError", act="tf",
                       links=("https://github.com/tensorflow/tensorflow/issues/42660 (closed, stale: from_dlpack "
                              "refuses column-major strides)",
                              "https://github.com/tensorflow/tensorflow/issues/51598 (closed, stale: the same check, "
                              "negative strides)",
                              "https://github.com/tensorflow/tensorflow/pull/61184 (merged: relaxed the check for "
                              "size-1 and empty dimensions only)"),
                       fixed_in="not fixed in TensorFlow 2.21.0"),
          ),
          reproduce=Recipe("tf.experimental.dlpack.from_dlpack(x.__dlpack__())",
                           "np.array_equal(values(y), values(x)) and shares(x, y)")),
]
