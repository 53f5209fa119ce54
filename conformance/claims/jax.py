"""JAX <-> NumPy: copies and views, immutability, default dtypes and the x64 flag, DLPack, Python scalars."""

import strategies as S
from conformance.claims._model import (ALIASING_SIZES, ALL_SIZES, EVERY, HOST, JAX_DTYPES, MULTI_ELEMENT, NUMPY_LAYOUTS,
                                      ONE_ELEMENT, PLAIN, PYTHON_DATA, Claim, Narrowed, Recipe, every_device,
                                      one_element_layouts)
from conformance.claims._sources import JAX_DOCS, PYTORCH_TUTORIAL
from conformance.domains import PYTHON_INPUTS, Domain
from conformance.frameworks import FRAMEWORKS
from conformance.upstream import Upstream

JAX_SOURCES = FRAMEWORKS["jax"].layout_names
DEVICES = every_device("jax")


X64 = ("with jax_enable_x64 off (the default) JAX stores no 64-bit dtype as itself; what it does with them is "
       "dtype.x64.jax's sentence")
KEPT = Narrowed(FRAMEWORKS["jax"].kept_dtypes, why=X64)
WIDE = Narrowed(tuple(name for name in JAX_DTYPES if name not in KEPT), why="the sentence is about the 64-bit dtypes")
REAL_KEPT = Narrowed(tuple(name for name in KEPT if not name.startswith("complex")),
                     why=f"Python's float() and int() refuse complex numbers; {X64}")
CONTIGUOUS = Narrowed(PLAIN, why="the sentence is about C-contiguous ndarrays (JAX must copy any other layout)")
API = f"{JAX_DOCS}_autosummary/"
# JAX refuses an ndarray of non-native byte order, whichever function takes it (jnp.array, jnp.asarray).
BYTESWAPPED = Upstream(where=("layout=byteswapped",), outcome="raises TypeError",
                       searched="jax-ml/jax's issues and pull requests for «jnp.array non-native byte order "
                                "big-endian numpy array TypeError», «\"is not a valid JAX array type\" "
                                "big-endian >f8 jax.numpy.asarray byteswap», «JAX does not accept numpy arrays "
                                "with non-native byteorder»",
                       note="https://github.com/lenstronomy/JAXtronomy/pull/98 (merged) byte-swaps its data "
                            "because JAX refuses '>f8'")
JAX_ISSUES = "https://github.com/jax-ml/jax/issues/"

CLAIMS = [
    Claim(id="jax.asarray.copies_only_when_necessary",
          statement="`jnp.asarray(a)` of a C-contiguous ndarray whose dtype JAX keeps does not copy: on the CPU the "
                    "jax array uses `a`'s memory",
          source=f"{API}jax.numpy.asarray.html; https://github.com/jax-ml/jax/issues/17702", needs=("jax",),
          quote="copy (bool | None) – optional boolean specifying the copy mode. [...] Default is None, which will "
                "only copy when necessary.",
          domain=Domain(dtype=KEPT, layout=CONTIGUOUS, size=ALIASING_SIZES, device=HOST),
          upstream=(f"{JAX_ISSUES}17702", f"{JAX_ISSUES}29810"),
          reproduce=Recipe("jnp.asarray(x)", "shares(x, y)")),
    Claim(id="jax.array.copies",
          statement="`jnp.array(a)` copies: later writes to `a` never reach the jax array, whatever `a`'s layout",
          source=f"{API}jax.numpy.array.html", needs=("jax",),
          quote="copy (bool) – specify whether to force a copy of the input. Default: True.",
          domain=Domain(dtype=JAX_DTYPES, layout=Narrowed(tuple(x for x in S.LAYOUTS if x != "readonly"),
                                                          why="a copy is told apart by writing to the source, and a "
                                                          "read-only array cannot be written"),
                        size=ALIASING_SIZES, device=HOST),
          known=(BYTESWAPPED,),
          reproduce=Recipe("jnp.array(x)", "shares(x, y, independent=True)")),
    Claim(id="jax.np_asarray.readonly_view",
          statement="`np.asarray(x)` of a jax array on the CPU is a read-only view of `x`'s buffer, without a copy",
          source=f"{JAX_DOCS}jax.numpy.html (JAX arrays are immutable) and "
                 "https://numpy.org/doc/stable/reference/generated/numpy.asarray.html", needs=("jax",),
          quote="since JAX arrays are immutable, NumPy APIs that mutate arrays in-place cannot be implemented in JAX",
          domain=Domain(dtype=KEPT, layout=JAX_SOURCES, size=ALIASING_SIZES, cover=True,
                        device=Narrowed(("cpu", "virtual"), why="the sentence is about jax arrays in host memory (a "
                                        "GPU array's is jax.np_asarray.gpu_transfers)")),
          reproduce=Recipe("np.asarray(x)", "not y.flags.writeable and shares(x, y)")),
    Claim(id="jax.array.immutable", statement="jax arrays are immutable: item assignment raises TypeError",
          source=f"{JAX_DOCS}jax.numpy.html", needs=("jax",),
          quote="Notably, since JAX arrays are immutable, NumPy APIs that mutate arrays in-place cannot be "
                "implemented in JAX.",
          domain=Domain(dtype=KEPT, layout=JAX_SOURCES, size=ALIASING_SIZES, cover=True, device=DEVICES),
          reproduce=Recipe("x.__setitem__((0,) * x.ndim, 0)", raises="TypeError")),
    Claim(id="dtype.default.jax",
          statement="with jax_enable_x64 off (the default), `jnp.array` of Python floats is float32 and of Python "
                    "ints is int32, for a scalar, a flat or nested list, or a tuple",
          source=f"{JAX_DOCS}default_dtypes.html", needs=("jax",),
          quote="By default jax_enable_x64 is set to False, and so jax.numpy array creation functions will default "
                "to returning 32-bit values.",
          domain=Domain(**PYTHON_DATA, input=PYTHON_INPUTS, device=DEVICES)),
    Claim(id="dtype.x64.jax",
          statement="with jax_enable_x64 on, `jnp.asarray` keeps 64-bit ndarrays as they are; with it off, it "
                    "stores them as their 32-bit counterparts",
          source=f"{JAX_DOCS}default_dtypes.html", needs=("jax",),
          quote="The main mechanism JAX offers for this is the jax_enable_x64 flag, which controls whether 64-bit "
                "values can be created at all.",
          domain=Domain(dtype=WIDE, layout=NUMPY_LAYOUTS, size=ALL_SIZES, device=DEVICES, cover=True),
          known=(BYTESWAPPED,),
          reproduce=Recipe("jnp.asarray(x)",  # with jax_enable_x64 off, as a script starts: the 32-bit counterpart
                           "y.dtype.kind == x.dtype.kind and 2 * y.dtype.itemsize == x.dtype.itemsize")),
    Claim(id="jax.dlpack.shares_numpy",
          statement="`jax.dlpack.from_dlpack(a)` of a C-contiguous ndarray on the CPU shares `a`'s memory",
          source=f"{API}jax.dlpack.from_dlpack.html", needs=("jax",),
          quote="The returned Array shares memory with external_array if no device transfer or copy was requested.",
          domain=Domain(dtype=KEPT, layout=CONTIGUOUS, size=ALIASING_SIZES, device=HOST),
          upstream=(f"{JAX_ISSUES}29810",),
          reproduce=Recipe("jax.dlpack.from_dlpack(x)", "shares(x, y)")),
    Claim(id="jax.item.scalar_to_python",
          statement="`.item()` on a one-element jax array of any shape returns a Python number equal to the element",
          source=f"{PYTORCH_TUTORIAL}, scalar tensors (.item()), applied to jax.Array.item", needs=("jax",),
          domain=Domain(size=ONE_ELEMENT, layout=one_element_layouts("jax"), dtype=KEPT, rank=(0, 1, 2, 3, 4),
                        cover=True, device=DEVICES),
          reproduce=Recipe("x.item()", "type(y) is type(a.item()) and y == a.item()")),
    Claim(id="jax.item.multi_element_raises_valueerror",
          statement="`.item()` on a jax array with more than one element raises ValueError (the PyTorch tutorial's "
                    "statement, for JAX)",
          source=f"{PYTORCH_TUTORIAL}, scalar tensors (.item()), applied to jax.Array.item", needs=("jax",),
          quote="vector_tensor.item()  # 报错:ValueError",
          domain=Domain(dtype=KEPT, layout=EVERY, size=MULTI_ELEMENT, cover=True, device=DEVICES),
          reproduce=Recipe("x.item()", raises="ValueError")),
    Claim(id="jax.float.single_element",
          statement="`float()` and `int()` on a one-element jax array of any shape return the element "
                    "(the PyTorch tutorial's float() statement, for JAX)",
          source=f"{PYTORCH_TUTORIAL}, float()/int(), applied to jax.Array.__float__", needs=("jax",),
          domain=Domain(size=ONE_ELEMENT, layout=one_element_layouts("jax"), dtype=REAL_KEPT, rank=(0, 1, 2, 3, 4),
                        cover=True, device=DEVICES),
          docs_gap="JAX's docs (jax.Array) do not say that float() and int() refuse a one-element array that is not "
                   "0-d; JAX made this an error on purpose (after a DeprecationWarning since v0.4.16), where PyTorch returns "
                   "the element. The claim is the PyTorch tutorial's sentence, applied to JAX by this suite: no tutorial "
                   "is wrong and no JAX behaviour is a bug",
          upstream=("https://github.com/jax-ml/jax/pull/19181",),
          reproduce=Recipe("float(x)", "y == float(a.item())")),
]
