"""The strategies: layouts are what they say, sizes stay in their class, arguments are validated eagerly."""

import math

import numpy as np
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import strategies as S


@pytest.mark.parametrize("layout", S.LAYOUTS)
@settings(max_examples=40, database=None)
@given(data=st.data())
def test_layout_strategy_produces_its_layout(layout, data):
    a = data.draw(S.arrays(S.dtypes(), S.shapes(), layout=layout))
    assert layout in S.layout_of(a), f"{layout} strategy drew {a.shape} strides {a.strides}: {S.layout_of(a)}"


def test_placement_is_fixed_relative_to_64_bytes():
    for layout, misalignment in (("C", 0), ("C16", 16), ("offset", 8), ("unaligned", 1)):
        a = S.place(np.ones(10, np.float64), layout)
        assert a.__array_interface__["data"][0] % S.ALIGNMENT == misalignment, layout


@pytest.mark.parametrize("size", [s for s in S.SIZE_CLASSES if s not in ("0-d", "empty")])
@pytest.mark.parametrize("itemsize", [1, 16])
@settings(max_examples=25, database=None)
@given(data=st.data())
def test_sized_shapes_stay_in_their_byte_range(size, itemsize, data):
    shape = data.draw(S.sized_shapes(size, itemsize, min_dims=2))
    low, high = S.SIZE_CLASSES[size]
    assert low <= math.prod(shape) * itemsize <= high and min(shape) >= 2


@pytest.mark.parametrize("size", [s for s in S.SIZE_CLASSES if s not in ("0-d", "empty")])
@pytest.mark.parametrize("itemsize", [1, 16])
@settings(max_examples=25, database=None)
@given(data=st.data())
def test_a_layout_that_steps_the_last_axis_gets_a_last_axis_to_step_over(size, itemsize, data):
    """With ``min_last=2`` the last axis has two elements or more: a step or a reversal of an axis of one element is
    no stride at all, and the case would hold or fail by the draw (the flake check of 2026-12-03 found two)."""
    shape = data.draw(S.sized_shapes(size, itemsize, min_last=2))
    low, high = S.SIZE_CLASSES[size]
    assert low <= math.prod(shape) * itemsize <= high and shape[-1] >= 2
    for layout in ("strided", "negative"):
        assert not data.draw(S.arrays(np.int8, shape, layout=layout)).flags.contiguous, (layout, shape)


def test_every_layout_that_steps_or_reverses_the_last_axis_says_so():
    from conformance.frameworks import FRAMEWORKS

    for framework in FRAMEWORKS.values():
        for layout in framework.layouts:
            steps = "[..., ::" in layout.code
            assert (layout.min_last == 2) == steps, (framework.key, layout.name)


def test_size_classes_reach_0d_empty_and_8_megabytes():
    assert find(S.sized_shapes("0-d", 4), lambda s: True) == ()
    assert 0 in find(S.sized_shapes("empty", 4), lambda s: True)
    assert math.prod(find(S.sized_shapes("8M-16M", 16), lambda s: True)) * 16 >= 8 * 2**20


def test_large_arrays_repeat_a_drawn_tile_instead_of_overrunning():
    a = find(S.arrays(np.int32, (5000,)), lambda a: True)
    assert a.shape == (5000,)


def test_dtype_names_are_the_enumerated_lists():
    assert len(S.dtype_names()) == 14 and S.dtype_names(kinds="c") == ("complex64", "complex128")
    assert S.dtype_names(("int8", "float32", "bool"), kinds="bi") == ("int8", "bool")


def test_the_simplest_size_of_a_class_has_an_odd_element_count():
    for size in ("4K-128K", "128K-8M", "8M-16M"):
        shape = find(S.sized_shapes(size, 16), lambda s: True)
        assert math.prod(shape) % 2 == 1 and S.SIZE_CLASSES[size][0] <= math.prod(shape) * 16, size


@pytest.mark.parametrize("make, message", [
    (lambda: S.shapes(min_dims=3, max_dims=1), "min_dims=3 is larger than max_dims=1"),
    (lambda: S.shapes(min_side=-1), "min_side=-1 must be at least 0"),
    (lambda: S.shapes(max_side=2.5), "max_side=2.5 must be an int"),
    (lambda: S.dtypes(("int9",)), "among: 'int9' is not a NumPy dtype name"),
    (lambda: S.dtypes("float32"), "among='float32' must be a sequence of dtype names"),
    (lambda: S.dtypes(kinds="z"), "kinds='z' must be"),
    (lambda: S.dtypes(byteorder=">"), "byteorder='>' must be one of"),
    (lambda: S.arrays(np.float32, (2,), layout="diagonal"), "layout='diagonal' must be one of"),
    (lambda: S.arrays(np.uint8, (2,), layout="byteswapped"), "needs a dtype wider than one byte"),
    (lambda: S.arrays("not-a-dtype", (2,)), "is not a NumPy dtype"),
    (lambda: S.arrays(np.float32, (2, -1)), "must be a tuple of non-negative ints"),
    (lambda: S.sized_shapes("huge", 4), "size='huge' must be one of"),
    (lambda: S.sized_shapes("1B-4K", 0), "itemsize=0 must be at least 1"),
    (lambda: S.devices("cpu"), "names='cpu' must be a sequence of device names"),
])
def test_strategies_validate_arguments_eagerly(make, message):
    with pytest.raises(InvalidArgument, match=message.replace("(", r"\(").replace(")", r"\)")):
        make()


def test_devices_draw_from_the_names_given_and_refuse_an_empty_list():
    assert find(S.devices(["cpu", "cuda:0"]), lambda d: True) == "cpu"
    with pytest.raises(InvalidArgument, match="no device to draw"):
        S.devices([])
