"""Faults that break (or supply) the DLPack claims of test_conversion_matrix.py."""

import numpy as np

from conformance.faults._registry import crash_for, fault, wrap
from conformance.faults._standins import CapsuleHolder, LiveView


@fault("jnp.from_dlpack of an ndarray gives a live view of it, whatever its alignment",
       ["dlpack.from_dlpack.zero_copy"], "jax")
def jax_from_dlpack_live(mp, jax):
    wrap(mp, jax.numpy, "from_dlpack", lambda from_dlpack: lambda x, *args, **kw:
         LiveView(x) if isinstance(x, np.ndarray) else from_dlpack(x, *args, **kw))


@fault("jnp.from_dlpack of a contiguous torch tensor kills the process in the JAX consumer's path: int8 reads a null "
       "pointer, int16 aborts, int32 raises SIGILL", ["dlpack.from_dlpack.zero_copy"], "jax")
def jax_from_dlpack_crashes_on_torch(mp, jax):
    def crashing(from_dlpack):
        def convert(x, *args, **kwargs):
            if type(x).__module__.startswith("torch") and x.is_contiguous():
                crash_for(x.dtype)
            return from_dlpack(x, *args, **kwargs)
        return convert

    wrap(mp, jax.numpy, "from_dlpack", crashing)


@fault("every DLPack consumer first copies a non-contiguous input into a contiguous one",
       ["dlpack.from_dlpack.strided"], "tf")
def dlpack_consumers_compact(mp, tf):
    import jax.numpy as jnp
    import torch

    def compact(x):
        if isinstance(x, np.ndarray):
            return np.ascontiguousarray(x)
        if hasattr(x, "data_ptr"):
            return x.resolve_conj().resolve_neg().contiguous().clone()
        return x

    wrap(mp, torch, "from_dlpack", lambda from_dlpack: lambda x, *a, **k: from_dlpack(compact(x), *a, **k))
    wrap(mp, jnp, "from_dlpack", lambda from_dlpack: lambda x, *a, **k: from_dlpack(compact(x), *a, **k))
    wrap(mp, tf.experimental.dlpack, "from_dlpack", lambda from_dlpack: lambda capsule: tf.constant(
        np.ascontiguousarray(np.from_dlpack(CapsuleHolder(capsule)))))


@fault("torch.from_dlpack refuses bool arrays", ["dlpack.from_dlpack.bool"], "torch")
def torch_dlpack_refuses_bool(mp, torch):
    def strict(from_dlpack):
        def refuse(x, *args, **kwargs):
            if str(getattr(x, "dtype", "")) in ("bool", "torch.bool"):
                raise BufferError("planted fault: bool is not exchanged")
            return from_dlpack(x, *args, **kwargs)
        return refuse

    wrap(mp, torch, "from_dlpack", strict)


@fault("torch.from_dlpack of a byte-swapped ndarray reads its bytes as native", ["dlpack.from_dlpack.byte_order"],
       "torch")
def torch_dlpack_ignores_byte_order(mp, torch):
    wrap(mp, torch, "from_dlpack", lambda from_dlpack: lambda x, *a, **k: torch.from_numpy(
        x.view(x.dtype.newbyteorder("="))) if isinstance(x, np.ndarray) and not x.dtype.isnative
        else from_dlpack(x, *a, **k))


@fault("torch.from_dlpack refuses a read-only ndarray", ["dlpack.from_dlpack.read_only"], "torch")
def torch_dlpack_refuses_read_only(mp, torch):
    def strict(from_dlpack):
        def refuse(x, *args, **kwargs):
            if isinstance(x, np.ndarray) and not x.flags.writeable:
                raise BufferError("planted fault: read-only arrays are not imported")
            return from_dlpack(x, *args, **kwargs)
        return refuse

    wrap(mp, torch, "from_dlpack", strict)


# Faults that move only part of an already-refuted claim (its holding cases).

@fault("np.from_dlpack of a torch tensor copies it", ["dlpack.from_dlpack.zero_copy"], "torch")
def numpy_from_dlpack_copies_torch(mp, torch):
    real = np.from_dlpack
    mp.setattr(np, "from_dlpack", lambda x, **kw: np.array(real(x, **kw), copy=True)
               if isinstance(x, torch.Tensor) else real(x, **kw))


@fault("torch.from_dlpack of a Fortran-ordered ndarray reads its memory in C order",
       ["dlpack.from_dlpack.strided"], "torch")
def torch_dlpack_fortran_as_c(mp, torch):
    wrap(mp, torch, "from_dlpack", lambda from_dlpack: lambda x, *a, **k: torch.from_numpy(
        np.ndarray(x.shape, x.dtype, buffer=np.asfortranarray(x).reshape(-1, order="F")))
        if isinstance(x, np.ndarray) and x.flags.f_contiguous and not x.flags.c_contiguous
        else from_dlpack(x, *a, **k))


@fault("jnp.from_dlpack of a read-only ndarray gives a writable live view of it", ["dlpack.from_dlpack.read_only"],
       "jax")
def jax_dlpack_writable_read_only(mp, jax):
    wrap(mp, jax.numpy, "from_dlpack", lambda from_dlpack: lambda x, *a, **k: LiveView(x)
         if isinstance(x, np.ndarray) and not x.flags.writeable else from_dlpack(x, *a, **k))
