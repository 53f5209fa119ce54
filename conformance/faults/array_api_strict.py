"""Faults that break (or supply) the array-api-strict asarray sentences of test_array_api_strict.py."""

import numpy as np

from conformance.faults._registry import fault, wrap


def _asarray_fault(mp, xp, change):
    wrap(mp, xp, "asarray", lambda asarray: lambda obj, /, *, dtype=None, device=None, copy=None: change(
        asarray, obj, dtype, device, copy))


@fault("xp.asarray(a, copy=True) of a C-contiguous ndarray gives a view of it", ["array_api_strict.asarray.copy_true"],
       "array_api_strict")
def xp_asarray_copy_true_views_c_order(mp, xp):
    _asarray_fault(mp, xp, lambda asarray, obj, dtype, device, copy: asarray(
        obj, dtype=dtype, device=device, copy=None if copy and isinstance(obj, np.ndarray) and obj.flags.c_contiguous
        else copy))


@fault("xp.asarray(a, copy=False) of a Fortran-ordered ndarray copies it", ["array_api_strict.asarray.copy_false"],
       "array_api_strict")
def xp_asarray_copy_false_copies_fortran(mp, xp):
    _asarray_fault(mp, xp, lambda asarray, obj, dtype, device, copy: asarray(
        np.array(obj, copy=True) if copy is False and isinstance(obj, np.ndarray) and obj.flags.f_contiguous
        and not obj.flags.c_contiguous else obj, dtype=dtype, device=device, copy=copy))


@fault("xp.asarray copies strided ndarrays", ["array_api_strict.asarray.copy_none"], "array_api_strict")
def xp_asarray_copies_strided(mp, xp):
    _asarray_fault(mp, xp, lambda asarray, obj, dtype, device, copy: asarray(
        np.array(obj, copy=True) if isinstance(obj, np.ndarray) and not (obj.flags.c_contiguous or
                                                                          obj.flags.f_contiguous) else obj,
        dtype=dtype, device=device, copy=copy))


@fault("xp.asarray(a, device=d) of an ndarray gives the default dtype of its kind (array-api-strict 2.6's bug, #222)",
       ["array_api_strict.asarray.dtype_inferred"], "array_api_strict")
def xp_asarray_default_dtype_with_device(mp, xp):
    defaults = {"i": "int64", "f": "float64", "c": "complex128"}
    _asarray_fault(mp, xp, lambda asarray, obj, dtype, device, copy: asarray(
        obj, dtype=getattr(xp, defaults[obj.dtype.kind]), device=device, copy=copy)
        if device is not None and dtype is None and isinstance(obj, np.ndarray) and obj.dtype.kind in defaults
        else asarray(obj, dtype=dtype, device=device, copy=copy))


@fault("xp.asarray of an array on a virtual device puts it on the CPU device", ["array_api_strict.asarray.device"],
       "array_api_strict")
def xp_asarray_to_cpu(mp, xp):
    _asarray_fault(mp, xp, lambda asarray, obj, dtype, device, copy: asarray(
        obj, dtype=dtype, device=device or xp.Device("CPU_DEVICE"), copy=copy))


# A fault that moves only part of an already-refuted claim (its holding cases).

@fault("xp.asarray(a, device=d) of a 0-d ndarray gives float64", ["array_api_strict.asarray.dtype_inferred"],
       "array_api_strict")
def xp_asarray_0d_float64(mp, xp):
    _asarray_fault(mp, xp, lambda asarray, obj, dtype, device, copy: asarray(
        obj, dtype=xp.float64 if dtype is None and device is not None and getattr(obj, "ndim", None) == 0 else dtype,
        device=device, copy=copy))
