"""TensorFlow operations given NumPy arrays, and NumPy functions given TF tensors."""

from conformance.claims._model import ALL_SIZES, EVERY, NUMPY_LAYOUTS, TF_DTYPES, Claim, Narrowed, Recipe, Said
from conformance.claims._sources import TF_DEEP_DIVE, TF_DOCS, TF_NOTEBOOK
from conformance.domains import Domain
from conformance.upstream import Upstream

NUMPY_FUNCTIONS = ("np.sum", "np.mean", "np.square", "np.max")
PROMOTION = Domain(  # tf.promotion.differs_from_numpy: every pair of dtypes, inside each case
    dtype=Narrowed((), why="the sentence is about pairs of dtypes: each case adds an ndarray of every dtype TF and "
                   "NumPy share to a tensor of every such dtype, and compares the result's dtype with NumPy's"),
    layout=Narrowed((), why="promotion is a function of the operands' dtypes; how an ndarray's layout converts to a "
                    "tensor is what the conversion claims (tf.constant, tf.convert_to_tensor) check"),
    size=Narrowed((), why="promotion reads dtypes, not sizes: each pair is tried with 0-d and with 1-d operands, "
                  "since NumPy 1 promotes a 0-d array by its value"))
MATRICES = Narrowed(tuple(size for size in ALL_SIZES if size != "0-d"), why="tf.matmul, one of the operations, takes "
                    "an array of two axes: a 0-d array has none")

CLAIMS = [
    Claim(id="tf.ops.accept_numpy",
          statement="`tf.add`, `tf.matmul` and the arithmetic operators accept ndarrays mixed with tensors: "
                    "they give what they give for `tf.constant` of the array",
          source=f"{TF_NOTEBOOK} §4; {TF_DEEP_DIVE} step 3", needs=("tf",),
          quote="TensorFlow操作可以直接接受NumPy数组作为输入，框架会自动进行转换。",
          domain=Domain(dtype=TF_DTYPES, layout=NUMPY_LAYOUTS, size=MATRICES, cover=True),
          reproduce=Recipe("tf.add(x, tf.constant(x))", "np.array_equal(y.numpy(), (tf.constant(x) + tf.constant("
                           "x)).numpy(), equal_nan=y.dtype.is_floating or y.dtype.is_complex)"),
          known=(Upstream(where=("dtype=float16",), outcome="crashes SIGILL",
                          searched="tensorflow/tensorflow's issues and pull requests for «tensorflow illegal "
                                   "instruction float16 CPU without F16C Sandy Bridge», «tensorflow float16 SIGILL "
                                   "vcvtph2ps f16c cpu_feature_guard»", searched_on="2026-12-04",
                          note="TensorFlow's binaries are documented to need AVX (\"Starting with v1.6, TensorFlow "
                               "binaries use AVX instructions\", its answer to every illegal-instruction report), and "
                               "its import-time CPU check passes on a CPU with AVX and without F16C (qemu -cpu "
                               "SandyBridge); there a float16 tf.add of even one element dies on an illegal "
                               "instruction, while on a CPU with F16C and without AVX2 (qemu -cpu IvyBridge) it "
                               "runs: float16 arithmetic needs F16C, which nothing checks"),)),
    Claim(id="tf.numpy_functions.error_on_tensor",
          statement="NumPy functions such as `np.sum` raise when given a TF tensor",
          source=f"{TF_DEEP_DIVE} step 5 and pitfall 2", needs=("tf",),
          quote="np.sum(tensor) will error, but tf.reduce_sum(tensor) works.",
          domain=Domain(dtype=TF_DTYPES, layout=EVERY, size=EVERY, function=NUMPY_FUNCTIONS, cover=True),
          framework_says=Said(f"{TF_DOCS}tutorials/customization/basics#numpy_compatibility", "TensorFlow operations "
                              "automatically convert NumPy ndarrays to Tensors. NumPy operations automatically convert "
                              "Tensors to NumPy ndarrays."),
          reproduce=Recipe("{function}(x)", raises="Exception")),
    Claim(id="tf.function.numpy_unavailable", statement="inside `@tf.function`, `.numpy()` is not available",
          source=f"{TF_NOTEBOOK} §7.3", needs=("tf",), quote="在@tf.function中避免使用NumPy操作",
          domain=Domain(dtype=TF_DTYPES, layout=EVERY, size=EVERY, cover=True)),
    Claim(id="tf.promotion.differs_from_numpy",
          statement="in mixed TF/NumPy arithmetic, dtype promotion differs from NumPy's own",
          source=f"{TF_DEEP_DIVE} expert note 3", needs=("tf",),
          quote="Data type promotion rules differ subtly between TensorFlow and NumPy", domain=PROMOTION),
]
