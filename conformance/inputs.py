"""Inputs for claim tests: a case's ndarray, any framework's array built from it, Python data; each noted as evidence.

Every builder returns the input together with the values it must hold, so a test
can check values and aliasing on any layout alike.
"""

import numpy as np

import strategies as S
from conformance.domains import Case
from conformance.engine import evidence
from conformance.frameworks import FRAMEWORKS


def draw_array(data, case: Case, *, elements=None, shape=None, label: str = "a", layout: str | None = None,
               note: bool = True) -> np.ndarray:
    """Draw the case's ndarray: its dtype, its size class (or rank, or ``shape``), placed as ``layout`` (default: the
    case's layout where it is a NumPy layout, else C order)."""
    dtype = np.dtype(case.dtype)
    if shape is None:
        if case.size is not None:
            shape = S.sized_shapes(case.size, dtype.itemsize, min_dims=max(1, case.min_dims),
                                       min_last=case.min_last)
        elif case.rank is not None:
            shape = (1,) * case.rank
        else:
            shape = S.nonempty_shapes()
    if layout is None:
        layout = case.layout if case.layout in S.LAYOUTS else "C"
    array = data.draw(S.arrays(dtype, shape, layout=layout, elements=elements), label=label)
    if note:
        evidence.note_array(array, layout)
    return array


def multi_element_shapes(case: Case):
    """Shapes in the case's size class (at least as many axes as its layout needs) with more than one element."""
    sized = S.sized_shapes(case.size, np.dtype(case.dtype).itemsize, min_dims=max(1, case.min_dims),
                           min_last=case.min_last)
    return sized.filter(lambda shape: np.prod(shape) > 1)


def draw_input(data, case: Case, framework: str, *, elements=None, shape=None, label: str = "a"):
    """(x, values): the case's array as ``framework`` makes it: its dtype and size, the case's layout (one of the
    framework's own), on the case's device."""
    a = draw_array(data, case, elements=elements, shape=shape, label=label, layout="C", note=False)
    return build(framework, a, case.layout, case.device or "cpu")


def build(framework: str, a: np.ndarray, layout: str | None = None, device: str = "cpu"):
    """(x, values): ``framework``'s array on ``device`` with ``a``'s values, laid out as ``layout`` (one of that
    framework's layouts; NumPy's are placements); noted as evidence."""
    fw = FRAMEWORKS[framework]
    x, values = fw.build(a, layout, device)
    if framework == "numpy":
        evidence.note_array(x, layout or fw.default_layout)
    else:
        evidence.note_tensor(x, layout or fw.default_layout, source=a)
    return x, values


def note_output(x):
    """Note an operation's result as evidence (its dtype and the device it landed on); returns it."""
    evidence.note_tensor(x)
    return x


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

