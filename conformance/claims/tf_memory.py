"""TensorFlow <-> NumPy memory: copies, views and immutability."""

import strategies as S
from conformance.claims._model import (ALIASING_SIZES, ALL_SIZES, HOST, TF_DTYPES, Claim, Narrowed, Recipe, Said,
                                      every_device)
from conformance.claims._sources import NUMPY_DOCS, TF_DEEP_DIVE, TF_DOCS, TF_NOTEBOOK
from conformance.domains import Domain
from conformance.frameworks import FRAMEWORKS

TF_SOURCES = FRAMEWORKS["tf"].layout_names

TENSORS = Domain(dtype=TF_DTYPES, layout=TF_SOURCES, size=ALIASING_SIZES, cover=True, device=HOST)
WRITABLE_LAYOUTS = Narrowed(tuple(layout for layout in S.LAYOUTS if layout != "readonly"),
                            why="a copy is told apart by writing to the source, and a read-only array cannot be written")

CLAIMS = [
    Claim(id="tf.numpy.shares_memory",
          statement="on the CPU with a matching dtype, `.numpy()` returns a view, without copying",
          source=f"{TF_DEEP_DIVE} step 4, myth 1, expert note 1", needs=("tf",),
          quote="If the tensor is on CPU and data types match, .numpy() returns a view without copying.",
          domain=TENSORS,
          framework_says=Said(f"{TF_DOCS}api_docs/python/tf/Tensor#numpy", "Unlike NumPy arrays, Tensors are "
                              "immutable, so this method has to copy the contents to ensure safety. Use memoryview to get a readonly "
                              "view of the contents without doing a copy."),
          reproduce=Recipe("x.numpy()", "shares(x, y)")),
    Claim(id="tf.numpy.mutation_isolated",
          statement="changing the ndarray that `.numpy()` returned does not change the tensor",
          source=f"{TF_DEEP_DIVE} myth 4", needs=("tf",), quote="modifying it does not affect the tensor",
          domain=TENSORS),
    Claim(id="tf.tensor.immutable", statement="eager tensors are immutable: item assignment fails",
          source=f"{TF_DEEP_DIVE} myth 4", needs=("tf",), quote="Tensors are immutable in eager mode.",
          domain=TENSORS.replace(device=every_device("tf")),
          reproduce=Recipe("x.__setitem__((0,) * len(x.shape), 0)", raises="Exception")),
    Claim(id="tf.constant.isolated_from_source",
          statement="after `t = tf.constant(a)`, writes to `a` never reach `t`, for every size, layout and alignment "
                    "of a writable `a`",
          source=f"{TF_NOTEBOOK} §5, via immutability", needs=("tf",), quote="CPU上的张量与NumPy数组可能共享内存",
          domain=Domain(dtype=TF_DTYPES, layout=WRITABLE_LAYOUTS, size=ALIASING_SIZES, device=HOST)),
    Claim(id="tf.numpy.docstring_copies",
          statement="`t.numpy()` returns a copy: the array shares no memory with the tensor's buffer",
          source=f"{TF_DOCS}api_docs/python/tf/Tensor#numpy", needs=("tf",),
          quote="Unlike NumPy arrays, Tensors are immutable, so this method has to copy the contents to ensure safety.",
          domain=TENSORS.replace(device=every_device("tf")),
          reproduce=Recipe("x.numpy()", "shares(x, y, independent=True)")),
    Claim(id="tf.memoryview.zero_copy",
          statement="`memoryview(t)` of a CPU tensor is a read-only, zero-copy view with the tensor's values",
          source=f"{TF_DOCS}api_docs/python/tf/Tensor#numpy", needs=("tf",),
          quote="Use memoryview to get a readonly view of the contents without doing a copy",
          domain=Domain(dtype=TF_DTYPES, layout=TF_SOURCES, size=ALL_SIZES, cover=True, device=HOST),
          reproduce=Recipe("memoryview(x)", "y.readonly and np.array_equal(np.asarray(y), values(x))")),
    Claim(id="tf.np_asarray.shares_if_possible",
          statement="on the CPU, `np.asarray(t)` shares the tensor's memory (conversions share the underlying "
                    "memory representation if possible)",
          source=f"{TF_DOCS}tutorials/customization/basics#numpy_compatibility", needs=("tf",),
          quote="the array and tf.Tensor share the underlying memory representation, if possible",
          domain=TENSORS,
          reproduce=Recipe("np.asarray(x)", "shares(x, y)")),
    Claim(id="tf.np_asarray.copy_false",
          statement="`np.asarray(t, copy=False)` of a TF tensor returns an array sharing the tensor's memory "
                    "(copy=False never copies, raising ValueError where a copy is needed)",
          source=f"{NUMPY_DOCS}numpy.asarray.html (NumPy 2 `copy` parameter)", needs=("tf",),
          quote="For False it raises a ValueError if a copy cannot be avoided.", domain=TENSORS,
          reproduce=Recipe("np.asarray(x, copy=False)", "shares(x, y)", allows="ValueError")),
]
