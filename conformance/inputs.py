"""Inputs for claim tests: a case's ndarray, framework-side layouts built from it, Python data; each noted as evidence.

Every builder returns the input together with the values it must hold, so a test
can check values and aliasing on any layout alike.
"""

import numpy as np

import strategies as S
from conformance.domains import Case
from conformance.engine import evidence


def draw_array(data, case: Case, *, elements=None, shape=None, label: str = "a") -> np.ndarray:
    """Draw the case's ndarray: its dtype, its size class (or rank, or ``shape``), its NumPy layout."""
    dtype = np.dtype(case.dtype)
    if shape is None:
        if case.size is not None:
            shape = S.sized_shapes(case.size, dtype.itemsize, min_dims=max(1, case.min_dims))
        elif case.rank is not None:
            shape = (1,) * case.rank
        else:
            shape = S.nonempty_shapes()
    numpy_layout = case.layout in S.LAYOUTS
    array = data.draw(S.arrays(dtype, shape, layout=case.layout if numpy_layout else "C", elements=elements),
                      label=label)
    if numpy_layout or case.layout is None:
        evidence.note_array(array, case.layout)
    return array


def torch_tensor(torch, a: np.ndarray, layout: str = "contiguous", **options):
    """A CPU tensor with ``a``'s values laid out as ``layout`` (domains.TORCH_LAYOUTS); returns (tensor, values)."""
    values = a
    if layout == "contiguous":
        t = torch.tensor(a, **options)
    elif layout == "transposed":
        order = tuple(reversed(range(a.ndim)))
        t = torch.tensor(np.ascontiguousarray(np.transpose(a)), **options).permute(*order)
    elif layout == "step-sliced":
        base = torch.zeros(a.shape[:-1] + (2 * a.shape[-1],), dtype=_torch_dtype(torch, a.dtype))
        base[..., ::2] = torch.from_numpy(np.ascontiguousarray(a))
        t = base[..., ::2]
    elif layout == "offset":
        base = torch.zeros(a.size + 1, dtype=_torch_dtype(torch, a.dtype))
        base[1:] = torch.from_numpy(np.ascontiguousarray(a).reshape(-1))
        t = base[1:].view(a.shape)
    elif layout == "expanded":
        t = torch.tensor(a, **options).unsqueeze(0).expand(2, *a.shape)
        values = np.broadcast_to(a, (2,) + a.shape)
    elif layout == "conj":
        t = torch.tensor(np.conj(a)).conj()
    elif layout == "neg":
        real = torch.tensor(a)
        t = torch.complex(torch.zeros_like(real), -real).conj().imag
    else:
        raise ValueError(f"unknown torch layout {layout!r}")
    evidence.note_tensor(t, layout)
    return t, values


def _torch_dtype(torch, dtype: np.dtype):
    return torch.from_numpy(np.zeros(0, dtype)).dtype


def tf_tensor(tf, a: np.ndarray, source: str = "constant"):
    """A TF tensor with ``a``'s values, produced as ``source`` (domains.TF_SOURCES); returns (tensor, values)."""
    values = a
    if source == "constant":
        t = tf.constant(a)
    elif source == "transposed":
        t = tf.transpose(tf.constant(np.ascontiguousarray(np.transpose(a))))
    elif source == "step-sliced":
        t = tf.constant(_interleaved(a))[..., ::2]
    elif source == "offset":
        t = tf.reshape(tf.constant(_shifted(a))[1:], a.shape)
    elif source == "broadcast":
        t = tf.broadcast_to(tf.constant(a), (2,) + a.shape)
        values = np.broadcast_to(a, (2,) + a.shape)
    else:
        raise ValueError(f"unknown TF source {source!r}")
    evidence.note_tensor(t, source)
    return t, values


def jax_array(jnp, a: np.ndarray, source: str = "array"):
    """A jax array with ``a``'s values, produced as ``source`` (domains.JAX_SOURCES); returns (array, values)."""
    values = a
    if source == "array":
        x = jnp.array(a)
    elif source == "transposed":
        x = jnp.transpose(jnp.array(np.ascontiguousarray(np.transpose(a))))
    elif source == "step-sliced":
        x = jnp.array(_interleaved(a))[..., ::2]
    elif source == "offset":
        x = jnp.reshape(jnp.array(_shifted(a))[1:], a.shape)
    elif source == "broadcast":
        x = jnp.broadcast_to(jnp.array(a), (2,) + a.shape)
        values = np.broadcast_to(a, (2,) + a.shape)
    else:
        raise ValueError(f"unknown jax source {source!r}")
    evidence.note_tensor(x, source)
    return x, values


def _interleaved(a: np.ndarray) -> np.ndarray:
    base = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), dtype=a.dtype)
    base[..., ::2] = a
    return base


def _shifted(a: np.ndarray) -> np.ndarray:
    return np.concatenate([np.zeros(1, a.dtype), np.ascontiguousarray(a).reshape(-1)])


def python_data(values: list, kind: str):
    """``values`` (a non-empty flat list of Python numbers) as the input kind ``kind`` (domains.PYTHON_INPUTS)."""
    evidence.note_input(kind)
    if kind == "scalar":
        return values[0]
    if kind == "flat list":
        return list(values)
    if kind == "tuple":
        return tuple(values)
    if kind == "nested list":
        return [[value] for value in values]
    if kind == "nested tuple":
        return tuple((value,) for value in values)
    raise ValueError(f"unknown input kind {kind!r}")
