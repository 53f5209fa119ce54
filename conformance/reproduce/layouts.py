"""The failing input of a reproducer, built in one or two lines that say what is special about it.

``a`` holds the values (zeros, or 1, 2, ..., 5 repeated where the values are what is checked); ``x`` is the input,
laid out as the recorded case (placement, strides, bits, byte order) on its device.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from conformance.frameworks import FRAMEWORKS

T = "torch.tensor"
# (framework, layout): (lines building x from the ndarray a, what x reads as). "{n}" is a.nbytes.
LAYOUTS = {
    ("numpy", "C"): (["x = a"], "a"),
    ("numpy", "C16"): (["buf = np.zeros(a.nbytes + 64, np.uint8)",
                        "x = buf[(16 - buf.ctypes.data) % 64:][:a.nbytes].view(a.dtype).reshape(a.shape)"
                        "  # 16 bytes past a 64-byte boundary", "x[...] = a"], "a"),
    ("numpy", "F"): (["x = np.asfortranarray(a)  # Fortran order"], "a"),
    ("numpy", "strided"): (["x = np.repeat(a, 2, axis=-1)[..., ::2]  # every other element: stride 2"], "a"),
    ("numpy", "negative"): (["x = a[..., ::-1].copy()[..., ::-1]  # a reversed view: negative stride"], "a"),
    ("numpy", "offset"): (["x = np.concatenate([a.ravel()[:1], a.ravel()])[1:].reshape(a.shape)"
                           "  # one element into its buffer"], "a"),
    ("numpy", "byteswapped"): (["x = a.astype(a.dtype.newbyteorder())  # non-native byte order"], "a"),
    ("numpy", "readonly"): (["x = a", "x.flags.writeable = False"], "a"),
    ("numpy", "unaligned"): (["buf = np.zeros(a.nbytes + 16, np.uint8)",
                              "x = buf[(1 - buf.ctypes.data) % 16:][:a.nbytes].view(a.dtype).reshape(a.shape)"
                              "  # unaligned: 1 byte past a 16-byte boundary", "x[...] = a"], "a"),
    ("torch", "contiguous"): ([f"x = {T}(a)"], "a"),
    ("torch", "transposed"): ([f"x = {T}(np.ascontiguousarray(a.T)).permute(*reversed(range(a.ndim)))"
                               "  # a transposed view"], "a"),
    ("torch", "step-sliced"): ([f"x = {T}(np.repeat(a, 2, axis=-1))[..., ::2]  # every other element"], "a"),
    ("torch", "offset"): ([f"x = {T}(np.concatenate([a.ravel()[:1], a.ravel()]))[1:].view(a.shape)"
                           "  # storage offset 1"], "a"),
    ("torch", "expanded"): ([f"x = {T}(a).expand(2, *a.shape)  # stride 0 along the new axis"],
                            "np.broadcast_to(a, (2,) + a.shape)"),
    ("torch", "conj"): ([f"x = {T}(np.conj(a)).conj()  # conjugate bit set"], "a"),
    ("torch", "neg"): ([f"x = ({T}(-a) * 1j).conj().imag  # negative bit set"], "a"),
    ("tf", "constant"): (["x = tf.constant(a)"], "a"),
    ("tf", "transposed"): (["x = tf.transpose(tf.constant(np.ascontiguousarray(a.T)))"], "a"),
    ("tf", "step-sliced"): (["x = tf.constant(np.repeat(a, 2, axis=-1))[..., ::2]  # every other element"], "a"),
    ("tf", "offset"): (["x = tf.reshape(tf.constant(np.concatenate([a.ravel()[:1], a.ravel()]))[1:], a.shape)"],
                       "a"),
    ("tf", "broadcast"): (["x = tf.broadcast_to(tf.constant(a), (2,) + a.shape)"],
                          "np.broadcast_to(a, (2,) + a.shape)"),
    ("jax", "array"): (["x = jnp.asarray(a)"], "a"),
    ("jax", "transposed"): (["x = jnp.asarray(np.ascontiguousarray(a.T)).T  # a transposed array"], "a"),
    ("jax", "step-sliced"): (["x = jnp.asarray(np.repeat(a, 2, axis=-1))[..., ::2]  # every other element"], "a"),
    ("jax", "offset"): (["x = jnp.asarray(np.concatenate([a.ravel()[:1], a.ravel()]))[1:].reshape(a.shape)"], "a"),
    ("jax", "broadcast"): (["x = jnp.broadcast_to(jnp.asarray(a), (2,) + a.shape)"],
                           "np.broadcast_to(a, (2,) + a.shape)"),
    ("array_api_strict", "array"): (["x = xp.asarray(a)"], "a"),
}
WORDS = {"C": "", "contiguous": "", "constant": "", "array": "", "C16": "C-contiguous", "F": "Fortran-ordered",
         "strided": "strided", "negative": "negative-strided", "offset": "offset", "byteswapped": "byte-swapped",
         "readonly": "read-only", "unaligned": "unaligned", "conj": "conjugate-bit", "neg": "negative-bit",
         "transposed": "transposed", "step-sliced": "step-sliced", "expanded": "expanded", "broadcast": "broadcast"}
NOUNS = {"numpy": "array", "torch": "tensor", "tf": "TensorFlow tensor", "jax": "JAX array",
         "array_api_strict": "array-api-strict array", "cupy": "CuPy array"}


def values_line(dtype: str, shape: Sequence[int], pattern: bool) -> str:
    """``a``: zeros, or (where the values are checked) 1, 2, ..., 5 repeated (alternating for bool)."""
    native = np.dtype(dtype).newbyteorder("=")
    name = native.name
    if not pattern:
        return f"a = np.zeros({tuple(shape)}, {name!r})"
    count = math.prod(shape)
    base = f"np.arange({count}) % 2" if native.kind == "b" else f"np.arange({count}) % 5 + 1"
    return f"a = ({base}).astype({name!r}).reshape({tuple(shape)})"


def build(framework: str, layout: str | None, device: str, dtype: str, shape: Sequence[int], pattern: bool,
          keep_a: bool) -> tuple[list[str], str]:
    """(the lines that build ``x``, what ``x`` reads as). ``pattern``: the values matter (else zeros); ``keep_a``:
    later lines use the ndarray ``a`` of the values."""
    fw = FRAMEWORKS[framework]
    layout = layout or fw.default_layout
    values = values_line(dtype, shape, pattern)
    name, shape = np.dtype(dtype).newbyteorder("=").name, tuple(shape)
    if framework == "numpy" and layout in ("C", "readonly", "byteswapped") and device == "cpu":
        if layout == "byteswapped" and not pattern:
            first = f"x = np.zeros({shape}, {_swapped(dtype)!r})  # non-native byte order"
        elif layout == "byteswapped":
            first = "x = a.astype(a.dtype.newbyteorder())  # non-native byte order"
        else:
            first = values.replace("a = ", "x = ", 1)
        lines = [values] * (layout == "byteswapped" and pattern) + [first] + ["a = x.copy()"] * keep_a
        return lines + ["x.flags.writeable = False  # read-only"] * (layout == "readonly"), "a"
    aligned = (framework, layout) == ("array_api_strict", "array")  # the registry's: on a 64-byte boundary
    if (framework == "numpy" and layout in ("C16", "unaligned") or aligned) and device == "cpu":
        nbytes = math.prod(shape) * np.dtype(dtype).itemsize
        start, align, what = {"C16": (16, 64, "16 bytes past a 64-byte boundary"),
                              "unaligned": (1, 16, "unaligned: 1 byte past a 16-byte boundary")}.get(
            layout, (0, 64, "on a 64-byte boundary"))
        view = f".view({name!r})" + (f".reshape({shape})" if len(shape) != 1 else "")
        lines = [values] * (pattern or keep_a) + [f"buf = np.zeros({nbytes + align}, np.uint8)",
                                                  f"x = buf[({start} - buf.ctypes.data) % {align}:][:{nbytes}]{view}"
                                                  f"  # {what}"]
        return lines + ["x[...] = a"] * pattern + ["x = xp.asarray(x)"] * aligned, "a"
    made, reads_as = input_lines(framework, layout, device)
    return [values, *made], reads_as


def _swapped(dtype: str) -> str:
    """The non-native spelling of ``dtype`` (the recorded one, where it is non-native already)."""
    recorded = np.dtype(dtype)
    return (recorded if not recorded.isnative else recorded.newbyteorder("S")).str


def input_lines(framework: str, layout: str | None, device: str) -> tuple[list[str], str]:
    """(lines that build ``x`` from ``a``, what x reads as), on ``device`` (in its context, then settled there)."""
    fw = FRAMEWORKS[framework]
    layout = layout or fw.default_layout
    known = LAYOUTS.get((framework, layout))
    if known:
        context = fw.context_code(device) if device != "cpu" else None
        lines = [f"with {context}:", *(f"    {line}" for line in known[0])] if context else list(known[0])
        settled = fw.settle_code("x", device)
        return lines + ([f"x = {settled}"] if settled != "x" else []), known[1]
    chosen = fw.layout(layout)
    code = fw.settle_code(chosen.code, device)
    context = fw.context_code(device)
    helpers = [name for name in ("placed", "read_only", "interleaved", "shifted") if f"{name}(" in code]
    lines = [line for name in helpers for line in _helper(name)]
    lines += [f"with {context}:", f"    x = {code}"] if context else [f"x = {code}"]
    return lines, chosen.reads_as


def _helper(name: str) -> list[str]:
    """A registry layout helper, for the layouts (device placements) this module does not spell out itself."""
    return {"placed": ["def placed(values, offset, order='C'):  # values, offset bytes past a 64-byte boundary",
                       "    raw = np.empty(values.nbytes + 128, np.uint8)",
                       "    out = np.ndarray(values.shape, values.dtype, raw, -raw.ctypes.data % 64 + offset, "
                       "order=order)",
                       "    out[...] = values", "    return out"],
            "read_only": ["def read_only(array):", "    array.flags.writeable = False", "    return array"],
            "interleaved": ["def interleaved(a):  # a's values at every other position",
                            "    return np.repeat(a, 2, axis=-1)"],
            "shifted": ["def shifted(a):  # one element, then a's values, flat",
                        "    return np.concatenate([a.ravel()[:1], a.ravel()])"]}[name]


def describe(framework: str, layout: str | None, dtype: str, shape: list) -> str:
    """'an unaligned complex128 array', 'a 0-d bool tensor', 'a transposed int8 JAX array'."""
    name = np.dtype(dtype).newbyteorder("=").name
    words = " ".join(w for w in (WORDS.get(layout or "", layout or ""), "0-d" if list(shape) == [] else "", name,
                                 NOUNS.get(framework, "array")) if w)
    return ("an " if words[0] in "aeiou" else "a ") + words
