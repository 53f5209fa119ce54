"""array-api-strict, the array API standard's strict reference implementation: `asarray`'s copy and device rules."""

import strategies as S
from conformance.claims._model import ALIASING_SIZES, EVERY, HOST, NUMPY_LAYOUTS, Claim, Narrowed, Recipe
from conformance.claims._sources import ARRAY_API_FUNCTIONS
from conformance.domains import Domain
from conformance.frameworks import FRAMEWORKS
from conformance.upstream import Upstream

ASARRAY = f"{ARRAY_API_FUNCTIONS}array_api.asarray.html"
DTYPES = FRAMEWORKS["array_api_strict"].dtypes
COPY = ("boolean indicating whether or not to copy the input. If ``True``, the function must always copy (see "
        ":ref:`copy-keyword-argument`). If ``False``, the function must never copy for input which supports the buffer "
        "protocol and must raise a ``ValueError`` in case a copy would be necessary. If ``None``, the function must "
        "reuse existing memory buffer if possible and copy otherwise.")
REUSABLE = Narrowed(tuple(layout for layout in S.LAYOUTS if layout != "byteswapped"),
                    why="a byte-swapped array has no array API dtype, so no array can reuse its memory as it is")
# array-api-strict refuses an ndarray of non-native byte order: it has no array API dtype.
BYTESWAPPED = Upstream(where=("layout=byteswapped",), outcome="raises TypeError",
                       searched="data-apis/array-api-strict's issues and pull requests for «array_api_strict asarray "
                                "non-native byte order dtype '>f4' TypeError does not support the dtype»")
WRITABLE = Narrowed(tuple(layout for layout in S.LAYOUTS if layout != "readonly"),
                    why="a copy is told apart by writing to each side, and a read-only array cannot be written")

CLAIMS = [
    Claim(id="array_api_strict.asarray.copy_true",
          statement="`xp.asarray(a, copy=True)` of an ndarray always copies: writes to either side never reach the "
                    "other, whatever `a`'s layout", source=f"{ASARRAY} (copy)", needs=("array_api_strict",),
          quote=COPY, domain=Domain(dtype=DTYPES, layout=WRITABLE, size=ALIASING_SIZES, device=HOST),
          known=(BYTESWAPPED,),
          reproduce=Recipe("xp.asarray(x, copy=True)", "shares(x, y, independent=True)")),
    Claim(id="array_api_strict.asarray.copy_false",
          statement="`xp.asarray(a, copy=False)` of an ndarray never copies: it returns an array over `a`'s memory, "
                    "or raises ValueError where a copy would be necessary",
          source=f"{ASARRAY} (copy)", needs=("array_api_strict",), quote=COPY,
          domain=Domain(dtype=DTYPES, layout=S.LAYOUTS, size=ALIASING_SIZES, device=HOST),
          known=(BYTESWAPPED,),
          reproduce=Recipe("xp.asarray(x, copy=False)", "shares(x, y)", allows="ValueError")),
    Claim(id="array_api_strict.asarray.copy_none",
          statement="`xp.asarray(a)` of an ndarray reuses `a`'s memory wherever it can be reused as it is (every "
                    "native-order layout)", source=f"{ASARRAY} (copy)", needs=("array_api_strict",), quote=COPY,
          domain=Domain(dtype=DTYPES, layout=REUSABLE, size=ALIASING_SIZES, device=HOST),
          reproduce=Recipe("xp.asarray(x)", "shares(x, y)")),
    Claim(id="array_api_strict.asarray.dtype_inferred",
          statement="`xp.asarray(a, device=d)` of an ndarray has `a`'s dtype, whichever device `d` names (the CPU "
                    "included)", source=f"{ASARRAY} (dtype)", needs=("array_api_strict",),
          quote="If ``dtype`` is ``None``, the output array data type must be inferred from the data type(s) in "
                "``obj``.",
          domain=Domain(dtype=DTYPES, layout=NUMPY_LAYOUTS, size=EVERY, device=EVERY, cover=True),
          known=(BYTESWAPPED,),
          upstream=("https://github.com/data-apis/array-api-strict/issues/222",
                    "https://github.com/data-apis/array-api-strict/pull/223"),
          fixed_in="array-api-strict 2.6.1 (PR #223, merged July 2026, restores the array's own dtype)",
          reproduce=Recipe("xp.asarray(x, device={device})", "str(y.dtype).rsplit('.', 1)[-1] == x.dtype.name")),
    Claim(id="array_api_strict.asarray.device",
          statement="`xp.asarray(x)` of an array on a device gives an array on that device (virtual devices "
                    "included)", source=f"{ASARRAY} (device)", needs=("array_api_strict",),
          quote="If ``device`` is ``None`` and ``obj`` is an array, the output array device must be inferred from "
                "``obj``.",
          domain=Domain(dtype=DTYPES, layout=EVERY, size=EVERY, device=EVERY, cover=True)),
]
