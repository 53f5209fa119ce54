"""TensorFlow <-> NumPy: values, shapes and dtypes across conversions."""

import strategies as S
from conformance.claims._model import (ALL_SIZES, EVERY, NUMPY_LAYOUTS, ONE_ELEMENT, PYTHON_DATA, TF_DTYPES, Claim,
                                      Narrowed, Recipe, every_device, one_element_layouts)
from conformance.claims._sources import PYTORCH_TUTORIAL, TF_DEEP_DIVE, TF_NOTEBOOK
from conformance.domains import PYTHON_INPUTS, Domain
from conformance.frameworks import FRAMEWORKS
from conformance.upstream import Upstream

TF_SOURCES = FRAMEWORKS["tf"].layout_names
DEVICES = every_device("tf")

BATCHABLE = Narrowed(S.dtype_names(TF_DTYPES, kinds="if"), why="the notebook batches numeric features and labels")
REAL = Narrowed(S.dtype_names(TF_DTYPES, kinds="biuf"), why="Python's float() and int() refuse complex numbers")

CLAIMS = [
    Claim(id="tf.constant.from_numpy",
          statement="`tf.constant(a)` and `tf.convert_to_tensor(a)` give a tensor with `a`'s values, shape and dtype",
          source=f"{TF_NOTEBOOK} §2.1; {TF_DEEP_DIVE} step 3", needs=("tf",),
          quote="使用`tf.constant()`或`tf.convert_to_tensor()`将NumPy数组转换为TensorFlow张量",
          domain=Domain(dtype=TF_DTYPES, layout=S.LAYOUTS, size=ALL_SIZES, device=EVERY),
          reproduce=Recipe("tf.constant(x)", "np.array_equal(y.numpy(), a)")),
    Claim(id="tf.numpy.roundtrip", statement="`t.numpy()` and `np.array(t)` give an ndarray equal to `t`",
          source=f"{TF_NOTEBOOK} §2.2", needs=("tf",),
          quote="使用`.numpy()`方法或`np.array()`函数将张量转换回NumPy数组",
          domain=Domain(dtype=TF_DTYPES, layout=TF_SOURCES, size=ALL_SIZES, cover=True, device=DEVICES),
          reproduce=Recipe("x.numpy()", "np.array_equal(y, values(x))")),
    Claim(id="dtype.default_float.numpy_vs_tf",
          statement="NumPy's default float is float64; TensorFlow's is float32 (for a scalar, a flat or nested "
                    "list, or a tuple of Python floats)",
          source=f"{TF_NOTEBOOK} §3", needs=("tf",),
          quote="NumPy默认浮点类型: `float64`; TensorFlow默认浮点类型: `float32`",
          domain=Domain(**PYTHON_DATA, input=PYTHON_INPUTS, device=DEVICES)),
    Claim(id="dtype.default_int.numpy_vs_tf",
          statement="NumPy's default integer is int64; TensorFlow's is int32 (for a scalar, a flat or nested "
                    "list, or a tuple of Python ints)",
          source=f"{TF_NOTEBOOK} §3 (the notebook prints both)", needs=("tf",),
          domain=Domain(**PYTHON_DATA, input=PYTHON_INPUTS, device=DEVICES)),
    Claim(id="tf.constant.dtype_override",
          statement="`tf.constant(a, dtype=tf.float32)` of a float64 array is float32, and so is `tf.cast`",
          source=f"{TF_NOTEBOOK} §3", needs=("tf",),
          domain=Domain(dtype=Narrowed(("float64",), why="the sentence is about a float64 array"), layout=NUMPY_LAYOUTS, size=ALL_SIZES, cover=True)),
    Claim(id="tf.float.single_element",
          statement="`float()` and `int()` on a one-element TF tensor of any shape return the element "
                    "(the PyTorch tutorial's float() statement, for TensorFlow)",
          source=f"{PYTORCH_TUTORIAL}, float()/int(), applied to tf.Tensor.__float__", needs=("tf",),
          domain=Domain(size=ONE_ELEMENT, layout=one_element_layouts("tf"), dtype=REAL, rank=(0, 1, 2, 3, 4),
                        cover=True, device=DEVICES),
          docs_gap="TensorFlow's docs do not say what float() and int() do with a one-element tensor that is not 0-d: "
                   "they raise TypeError (tf.Tensor.__float__ follows NumPy, which made it an error in 2.x after "
                   "deprecating it in 1.25), where PyTorch returns the element; the claim is the PyTorch tutorial's "
                   "sentence, applied to TensorFlow by this suite, so no tutorial is wrong and no TF behaviour is a bug",
          known=(Upstream(outcome="raises TypeError",
                          searched="tensorflow/tensorflow's issues and pull requests for «tensorflow float(tensor) "
                                   "one-element non-scalar TypeError only 0-dimensional arrays can be converted to "
                                   "Python scalars», «tensorflow EagerTensor __float__ numpy 2.4 TypeError single "
                                   "element tensor shape (1,)»",
                          note="tf.Tensor.__float__ goes through NumPy, and https://github.com/numpy/numpy/pull/29841 "
                               "(merged, NumPy 2.4) turned float() of an array with ndim > 0 from a deprecation "
                               "warning into a TypeError: the result depends on the NumPy installed beside "
                               "TensorFlow; https://github.com/google/gematria/pull/370 met the same change"),),
          reproduce=Recipe("float(x)", "y == float(a.item())")),
    Claim(id="tf.dataset.preserves_dtype",
          statement="`Dataset.from_tensor_slices((X, y)).batch(n)` yields batches with X's and y's dtypes and "
                    "leading dimension n",
          source=f"{TF_NOTEBOOK} §7.2", needs=("tf",),
          domain=Domain(dtype=BATCHABLE, layout=NUMPY_LAYOUTS, input=tuple(f"y {name}" for name in BATCHABLE),
                        size=Narrowed(ALL_SIZES[2:], why="a dataset's rows are slices along X's first axis: a 0-d X "
                                      "has none, and an empty one has no row to batch"),
                        cover=True,
                        device=Narrowed(("cpu",), why="a tf.data pipeline runs on the host"))),
]
