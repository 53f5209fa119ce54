"""PyTorch <-> NumPy memory: who shares with whom, and what conversions keep."""

import strategies as S
from conformance.claims._model import (ALIASING_SIZES, ALL_SIZES, HOST, NONSCALAR_SIZES, PLAIN, TORCH_DTYPES, Claim,
                                      Narrowed, Recipe, Said)
from conformance.claims._sources import NUMPY_DOCS, PYTORCH_TUTORIAL, TORCH_DOCS
from conformance.domains import Domain
from conformance.upstream import Upstream
from conformance.frameworks import FRAMEWORKS

TORCH_LAYOUTS = FRAMEWORKS["torch"].layout_names


VIEWS = Narrowed(tuple(layout for layout in TORCH_LAYOUTS if layout not in ("conj", "neg")),
                 why="a conjugate or negative tensor has no NumPy view: t.numpy() refuses it")
MULTIBYTE = tuple(d for d in TORCH_DTYPES if d not in ("bool", "int8", "uint8"))
CASTABLE = Narrowed(S.dtype_names(TORCH_DTYPES, kinds="iuf"),
                    why="the sentence casts numbers to float and int dtypes: bool and complex sources have no such cast")


def only(layout: str, what: str) -> Narrowed:
    return Narrowed((layout,), why=f"the sentence is about {what} arrays")
TARGETS = ("float16", "float32", "float64", "int32", "int64")
FROM_NUMPY_DOCS = f"{TORCH_DOCS}torch.from_numpy.html"
PYTORCH_ISSUES = "https://github.com/pytorch/pytorch/issues/"
SHARE_SENTENCE = "The returned tensor and ndarray share the same memory."

CLAIMS = [
    Claim(id="torch.numpy.shares_memory",
          statement="on the CPU, `t.numpy()` shares memory with `t`: a write through either is seen by the other",
          source=f"{PYTORCH_TUTORIAL}, Tensor → NumPy", needs=("torch",),
          quote="当张量位于 CPU 上时,直接使用 .numpy() 会生成共享底层内存的 NumPy 数组。修改其中一个对象会影响另一个",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=TORCH_LAYOUTS, size=ALIASING_SIZES, cover=True),
          upstream=("https://github.com/pytorch/pytorch/pull/61925",),
          framework_says=Said(f"{TORCH_DOCS}torch.Tensor.numpy.html", "If force is False (the default), the conversion "
                              "is performed only if the tensor is on the CPU, does not require grad, does not have its "
                              "conjugate bit set, and is a dtype and layout that NumPy supports."),
          reproduce=Recipe("x.numpy()", "shares(x, y)")),
    Claim(id="torch.numpy.docs_shares_storage",
          statement="`t.numpy()` of a CPU tensor that does not require grad and has no conjugate bit set succeeds "
                    "and shares its storage with `t`",
          source=f"{TORCH_DOCS}torch.Tensor.numpy.html", needs=("torch",),
          quote="If force is False (the default), the conversion is performed only if the tensor is on the CPU, "
                "does not require grad, does not have its conjugate bit set, and is a dtype and layout that NumPy "
                "supports. The returned ndarray and the tensor will share their storage",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=Narrowed(tuple(x for x in TORCH_LAYOUTS if x != "conj"),
                                                       why="the sentence excludes tensors with the conjugate bit set"),
                        size=ALIASING_SIZES, cover=True),
          upstream=("https://github.com/pytorch/pytorch/pull/61925",),
          docs_gap="the force=False conditions name the conjugate bit but not the negative bit, which the force=True "
                   "sentence names (\"If the tensor isn't on the CPU or the conjugate or negative bit is set, the tensor "
                   "won't share its storage\"); t.numpy() refuses a tensor with the negative bit set: the page should say "
                   "so in the force=False list",
          reproduce=Recipe("x.numpy()", "shares(x, y)")),
    Claim(id="torch.numpy.copy_is_independent", statement="`t.numpy().copy()` is independent of `t`",
          source=f"{PYTORCH_TUTORIAL}, Tensor → NumPy", needs=("torch",),
          quote="若需独立的数据副本,使用 .copy() 方法",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=VIEWS, size=ALIASING_SIZES, cover=True),
          reproduce=Recipe("x.numpy().copy()", "shares(x, y, independent=True)")),
    Claim(id="torch.clone.numpy_shares_clone_only",
          statement="`t.clone().numpy()` shares memory with the clone and not with `t`",
          source=f"{PYTORCH_TUTORIAL}, Tensor → NumPy", needs=("torch",),
          quote="numpy_array = cloned_tensor.numpy() # 仍共享 cloned_tensor 的内存",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=VIEWS, size=ALIASING_SIZES, cover=True)),
    Claim(id="torch.from_numpy.shares_memory",
          statement="`torch.from_numpy(a)` shares memory with `a` in both directions",
          source=f"{PYTORCH_TUTORIAL}, NumPy → Tensor (torch.from_numpy)", needs=("torch",),
          quote="默认共享内存 :生成的张量与原始 NumPy 数组共享底层内存,修改其中一个会影响另一个",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, size=ALIASING_SIZES,
                        layout=Narrowed(PLAIN, why="contiguous arrays here: the other layouts are the noncontiguous, "
                                        "unaligned, negative-stride, byte-swapped and read-only claims")),
          reproduce=Recipe("torch.from_numpy(x)", "shares(x, y)")),
    Claim(id="torch.from_numpy.preserves_dtype", statement="`torch.from_numpy(a)` keeps `a`'s dtype",
          source=f"{PYTORCH_TUTORIAL}, NumPy → Tensor", needs=("torch",),
          quote="torch.from_numpy() 会保留 NumPy 数组的数据类型",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, size=ALL_SIZES,
                        layout=Narrowed(("C", "F"), why="both memory orders; from_numpy refuses negative strides and "
                                        "byte swaps, their own claims")),
          reproduce=Recipe("torch.from_numpy(x)", "str(y.dtype) == 'torch.' + x.dtype.name")),
    Claim(id="torch.tensor.copies", statement="`torch.tensor(a)` copies: writes to either side never reach the other",
          source=f"{PYTORCH_TUTORIAL}, NumPy → Tensor (torch.tensor)", needs=("torch",),
          quote="默认独立内存:生成的新张量会复制数据,与原始 NumPy 数组无内存共享",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=S.LAYOUTS, size=ALIASING_SIZES),
          upstream=(f"{PYTORCH_ISSUES}190043", f"{PYTORCH_ISSUES}92680", f"{PYTORCH_ISSUES}3671"),
          framework_says=Said(f"{TORCH_DOCS}torch.tensor.html", "torch.tensor() always copies data.", agrees=True),
          reproduce=Recipe("torch.tensor(x)", "shares(x, y, independent=True)")),
    Claim(id="torch.tensor.dtype_override",
          statement="`torch.tensor(a, dtype=D)` has dtype D and `a`'s values cast to D",
          source=f"{PYTORCH_TUTORIAL}, NumPy → Tensor", needs=("torch",),
          quote="torch.tensor() 可手动指定 dtype",
          domain=Domain(device=HOST, dtype=CASTABLE, target=TARGETS, size=ALL_SIZES, layout=S.LAYOUTS,
                        deal_layouts=True),
          known=(Upstream(where=("layout=negative",), outcome="raises ValueError",
                          links=(f"{PYTORCH_ISSUES}92680 (NumPy arrays with negative strides are refused: the same "
                                 "refusal as torch.from_numpy's, though torch.tensor copies anyway)",)),
                 Upstream(where=("layout=byteswapped",), outcome="raises ValueError",
                          links=(f"{PYTORCH_ISSUES}3671 (non-native byte order is refused: the same refusal as "
                                 "torch.from_numpy's, though torch.tensor copies anyway)",))),
          reproduce=Recipe("torch.tensor(x, dtype=torch.{target})", "str(y.dtype) == 'torch.{target}'")),
    Claim(id="torch.as_tensor.shares_numpy",
          statement="`torch.as_tensor(a)` of an ndarray with a dtype PyTorch supports shares memory with `a`, "
                    "whatever its layout",
          source=f"{TORCH_DOCS}torch.as_tensor.html", needs=("torch",),
          quote="If data is a NumPy array (an ndarray) with the same dtype and device then a tensor is "
                "constructed using torch.from_numpy().",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=S.LAYOUTS, size=ALIASING_SIZES),
          upstream=(f"{PYTORCH_ISSUES}92680", f"{PYTORCH_ISSUES}3671"),
          reproduce=Recipe("torch.as_tensor(x)", "shares(x, y)")),
    Claim(id="torch.asarray.shares_numpy",
          statement="`torch.asarray(a)` of an ndarray shares memory with `a` by default, whatever its layout",
          source=f"{TORCH_DOCS}torch.asarray.html", needs=("torch",),
          quote="When obj is a tensor, NumPy array, or DLPack capsule the returned tensor will, by default, not "
                "require a gradient, have the same datatype as obj, be on the same device, and share memory with it.",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=S.LAYOUTS, size=ALIASING_SIZES),
          upstream=(f"{PYTORCH_ISSUES}92680", f"{PYTORCH_ISSUES}3671"),
          reproduce=Recipe("torch.asarray(x)", "shares(x, y)")),
    Claim(id="torch.from_numpy.shares_memory.noncontiguous",
          statement="`torch.from_numpy(a)` shares memory with `a` in both directions for Fortran-ordered, strided and "
                    "offset arrays too",
          source=FROM_NUMPY_DOCS, needs=("torch",), quote=SHARE_SENTENCE,
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, size=ALIASING_SIZES,
                        layout=Narrowed(("F", "strided", "offset"), why="the sentence is about non-contiguous arrays; "
                                        "negative, byte-swapped and read-only ones are their own claims")),
          reproduce=Recipe("torch.from_numpy(x)", "shares(x, y)")),
    Claim(id="torch.from_numpy.unaligned",
          statement="`torch.from_numpy(a)` of an unaligned array shares memory with `a` in both directions "
                    "(the docs give no alignment caveat)",
          source=FROM_NUMPY_DOCS, needs=("torch",), quote=SHARE_SENTENCE,
          domain=Domain(device=HOST, dtype=Narrowed(MULTIBYTE, why="a one-byte dtype is always aligned"),
                        layout=only("unaligned", "unaligned"), size=ALIASING_SIZES),
          upstream=(f"{PYTORCH_ISSUES}190043", "https://github.com/pytorch/pytorch/pull/192740"),
          reproduce=Recipe("torch.from_numpy(x)", "shares(x, y)")),
    Claim(id="torch.from_numpy.negative_strides",
          statement="`torch.from_numpy(a)` accepts an array with negative strides and shares its memory",
          source=f"{FROM_NUMPY_DOCS} (the sharing sentence has no layout caveat)", needs=("torch",),
          quote=SHARE_SENTENCE, domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=only("negative", "negative-stride"),
                                 size=NONSCALAR_SIZES),
          upstream=(f"{PYTORCH_ISSUES}92680",),
          reproduce=Recipe("torch.from_numpy(x)", "shares(x, y)")),
    Claim(id="torch.from_numpy.byteswapped",
          statement="`torch.from_numpy(a)` accepts an array in non-native byte order and keeps its values",
          source=f"{FROM_NUMPY_DOCS} (the dtype list has no byte-order caveat)", needs=("torch",),
          domain=Domain(device=HOST, dtype=Narrowed(MULTIBYTE, why="a one-byte dtype has no byte order"),
                        layout=only("byteswapped", "byte-swapped"), size=ALIASING_SIZES),
          upstream=(f"{PYTORCH_ISSUES}3671",),
          reproduce=Recipe("torch.from_numpy(x)", "np.array_equal(values(y), a)")),
    Claim(id="torch.from_numpy.readonly_shares",
          statement="`torch.from_numpy(a)` of a read-only array succeeds and shares its memory "
                    "(PyTorch warns, once per process, that writing to it is unsupported)",
          source=FROM_NUMPY_DOCS, needs=("torch",),
          quote="Writing to a tensor created from a read-only NumPy array is not supported and will result in "
                "undefined behavior.",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=only("readonly", "read-only"), size=ALIASING_SIZES),
          reproduce=Recipe("torch.from_numpy(x)", "shares(x, y)")),
    Claim(id="torch.from_numpy.zero_size",
          statement="`torch.from_numpy(a)` of a zero-size array gives a tensor of the same shape and dtype",
          source=FROM_NUMPY_DOCS, needs=("torch",),
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, size=Narrowed(("empty",), why="the sentence is about "
                                                                              "zero-size arrays"),
                        layout=Narrowed(("C", "F"), why="an empty array's layout is only its order")),
          reproduce=Recipe("torch.from_numpy(x)", "tuple(y.shape) == x.shape")),
    Claim(id="torch.np_asarray.shares_memory", statement="`np.asarray(t)` of a CPU tensor shares memory with `t`",
          source=f"{NUMPY_DOCS}numpy.asarray.html and torch.Tensor.__array__", needs=("torch",),
          quote="asarray: No copy is performed if the input is already an ndarray with matching dtype and order.",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=TORCH_LAYOUTS, size=ALIASING_SIZES, cover=True),
          upstream=("https://github.com/pytorch/pytorch/pull/61925",),
          docs_gap="np.asarray(t) goes through torch.Tensor.__array__, which no page documents; it refuses a tensor with "
                   "the conjugate bit set (as t.numpy() does, by its own page), where NumPy's asarray promises no copy: "
                   "PyTorch's docs should say what __array__ refuses and why",
          reproduce=Recipe("np.asarray(x)", "shares(x, y)")),
    Claim(id="torch.np_asarray.copy_false",
          statement="`np.asarray(t, copy=False)` of a CPU tensor returns an array sharing memory with `t` "
                    "(copy=False never copies, raising ValueError where a copy is needed)",
          source=f"{NUMPY_DOCS}numpy.asarray.html (NumPy 2 `copy` parameter)", needs=("torch",),
          quote="For False it raises a ValueError if a copy cannot be avoided.",
          domain=Domain(device=HOST, dtype=TORCH_DTYPES, layout=TORCH_LAYOUTS, size=ALIASING_SIZES, cover=True),
          upstream=(f"{PYTORCH_ISSUES}136264", "https://github.com/pytorch/pytorch/pull/187250"),
          reproduce=Recipe("np.asarray(x, copy=False)", "shares(x, y)")),
]
