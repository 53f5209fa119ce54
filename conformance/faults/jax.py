"""Faults that break (or, for a refuted claim, supply) test_jax.py's documented behaviours."""

import contextlib

import numpy as np

from conformance.faults._registry import crash_for, fault, wrap
from conformance.frameworks import FRAMEWORKS
from conformance.faults._standins import LiveView, array_impl


@fault("jnp.asarray of an ndarray gives a live view of it", ["jax.asarray.copies_only_when_necessary"], "jax")
def jax_asarray_live(mp, jax):
    wrap(mp, jax.numpy, "asarray", lambda asarray: lambda a, *args, **kw:
         LiveView(a) if isinstance(a, np.ndarray) else asarray(a, *args, **kw))


@fault("jnp.array converts a non-native byte order to native before copying", ["jax.array.copies"], "jax")
def jax_array_accepts_byteswapped(mp, jax):
    wrap(mp, jax.numpy, "array", lambda array: lambda a, *args, **kw: array(
        a.astype(a.dtype.newbyteorder("=")) if isinstance(a, np.ndarray) and not a.dtype.isnative else a,
        *args, **kw))


@fault("np.asarray of a jax array returns a writable copy", ["jax.np_asarray.readonly_view"], "jax")
def numpy_asarray_copies_jax(mp, jax):
    real, impl = np.asarray, array_impl()

    def copying(obj, *args, **kwargs):
        return np.array(real(obj), copy=True) if isinstance(obj, impl) else real(obj, *args, **kwargs)

    mp.setattr(np, "asarray", copying)


@fault("jax arrays accept item assignment (and ignore it)", ["jax.array.immutable"], "jax")
def jax_array_accepts_assignment(mp, jax):
    mp.setattr(array_impl(), "__setitem__", lambda self, index, value: None, raising=False)


@fault("jnp.array of Python floats gives float16", ["dtype.default.jax"], "jax")
def jax_default_float16(mp, jax):
    def python_floats(value) -> bool:
        leaf = value
        while isinstance(leaf, (list, tuple)) and leaf:
            leaf = leaf[0]
        return isinstance(leaf, float)

    wrap(mp, jax.numpy, "array", lambda array: lambda a, dtype=None, *args, **kw: array(
        a, dtype or (np.float16 if python_floats(a) else None), *args, **kw))


@fault("enabling x64 has no effect", ["dtype.x64.jax"], "jax")
def jax_x64_ignored(mp, jax):
    mp.setattr(jax, "enable_x64", lambda new_val=True: contextlib.nullcontext(), raising=False)
    import jax.experimental

    mp.setattr(jax.experimental, "enable_x64", lambda new_val=True: contextlib.nullcontext(), raising=False)


@fault("jax.dlpack.from_dlpack of an ndarray gives a live view of it", ["jax.dlpack.shares_numpy"], "jax")
def jax_dlpack_live(mp, jax):
    wrap(mp, jax.dlpack, "from_dlpack", lambda from_dlpack: lambda x, *args, **kw:
         LiveView(x) if isinstance(x, np.ndarray) else from_dlpack(x, *args, **kw))


@fault("jax Array.item() always returns a float", ["jax.item.scalar_to_python"], "jax")
def jax_item_float(mp, jax):
    wrap(mp, array_impl(), "item", lambda item: lambda self, *args: float(np.real(item(self, *args))))


@fault("jax Array.item() of a rank-0 array returns a different value of the same type", ["jax.item.scalar_to_python"],
       "jax")
def jax_item_off_for_rank0(mp, jax):
    def off(value):
        return (not value) if isinstance(value, bool) else value + 1

    wrap(mp, array_impl(), "item", lambda item: lambda self, *args: off(item(self, *args)) if self.ndim == 0
         else item(self, *args))


@fault("jax Array.item() raises TypeError on several elements", ["jax.item.multi_element_raises_valueerror"], "jax")
def jax_item_typeerror(mp, jax):
    def strict(item):
        def typed(self, *args):
            if self.size > 1:
                raise TypeError("planted fault: item() of several elements")
            return item(self, *args)
        return typed

    wrap(mp, array_impl(), "item", strict)


@fault("float() and int() on a jax array squeeze it first", ["jax.float.single_element"], "jax")
def jax_float_squeezes(mp, jax):
    impl = array_impl()
    mp.setattr(impl, "__float__", lambda self: float(np.asarray(self).reshape(-1)[0]))
    mp.setattr(impl, "__int__", lambda self: int(np.asarray(self).reshape(-1)[0]))


@fault("reading a jax array back to the host kills the process: int8 reads a null pointer, int16 aborts, int32 "
       "raises SIGILL", ["jax.array.copies"], "jax")
def jax_read_back_crashes(mp, jax):
    registry = type(FRAMEWORKS["jax"])

    def crashing(to_numpy):
        def read_back(self, x):
            crash_for(x.dtype)
            return to_numpy(self, x)
        return read_back

    wrap(mp, registry, "to_numpy", crashing)


# Faults that move only part of an already-refuted claim (its holding cases).

@fault("jnp.array of an ndarray 16 bytes past a 64-byte boundary aliases it", ["jax.array.copies"], "jax")
def jax_array_aliases_c16(mp, jax):
    wrap(mp, jax.numpy, "array", lambda array: lambda a, *args, **kw: LiveView(a)
         if isinstance(a, np.ndarray) and a.__array_interface__["data"][0] % 64 == 16 else array(a, *args, **kw))


@fault("jax.dlpack.from_dlpack copies int8 ndarrays", ["jax.dlpack.shares_numpy"], "jax")
def jax_dlpack_copies_int8(mp, jax):
    wrap(mp, jax.dlpack, "from_dlpack", lambda from_dlpack: lambda x, *args, **kw: from_dlpack(
        np.array(x, copy=True) if isinstance(x, np.ndarray) and x.dtype == np.int8 else x, *args, **kw))


@fault("float() of a rank-0 jax array is one more than its element", ["jax.float.single_element"], "jax")
def jax_float_off_for_rank0(mp, jax):
    impl = array_impl()
    wrap(mp, impl, "__float__", lambda to_float: lambda self: to_float(self) + 1 if self.ndim == 0 else to_float(self))
