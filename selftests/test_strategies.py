import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import strategies as S


@pytest.mark.parametrize("layout", S.LAYOUTS)
@settings(max_examples=60)
@given(data=st.data())
def test_layout_strategy_produces_its_layout(layout, data):
    a = data.draw(S.arrays(S.dtypes("numpy"), S.shapes(), layout=layout))
    assert layout in S.layout_of(a), f"{layout} strategy drew {a.shape} strides {a.strides}: {S.layout_of(a)}"


@settings(max_examples=60)
@given(a=S.arrays(S.dtypes("numpy"), S.shapes(min_dims=2, min_side=2), layout="F"))
def test_fortran_layout_is_not_c_contiguous(a):
    assert not a.flags.c_contiguous


@settings(max_examples=60)
@given(a=S.arrays(S.dtypes("numpy"), S.shapes(), layout="strided"))
def test_strided_layout_is_not_contiguous(a):
    assert not a.flags.c_contiguous and not a.flags.f_contiguous


def test_shapes_reach_zero_d_and_zero_size():
    from hypothesis import find

    assert find(S.shapes(), lambda s: s == ()) == ()
    assert 0 in find(S.shapes(), lambda s: 0 in s)


def test_framework_dtypes_are_native_unless_swapped():
    from hypothesis import find

    assert find(S.dtypes("torch"), lambda d: True).isnative
    assert not find(S.dtypes("tf", byteorder="swapped"), lambda d: True).isnative


def test_single_and_multi_element_shapes():
    from hypothesis import find

    assert np.prod(find(S.single_element_shapes(), lambda s: len(s) == 3)) == 1
    assert np.prod(find(S.multi_element_shapes(), lambda s: True)) > 1


@pytest.mark.parametrize("make, message", [
    (lambda: S.shapes(min_dims=3, max_dims=1), "min_dims=3 is larger than max_dims=1"),
    (lambda: S.shapes(min_side=-1), "min_side=-1 must be at least 0"),
    (lambda: S.shapes(max_side=2.5), "max_side=2.5 must be an int"),
    (lambda: S.dtypes("jax"), "framework='jax' must be one of"),
    (lambda: S.dtypes("torch", kinds="z"), "kinds='z' must be"),
    (lambda: S.dtypes("torch", byteorder=">"), "byteorder='>' must be"),
    (lambda: S.arrays(np.float32, (2,), layout="diagonal"), "layout='diagonal' must be one of"),
    (lambda: S.arrays(np.uint8, (2,), layout="byteswapped"), "needs a dtype wider than one byte"),
    (lambda: S.arrays("not-a-dtype", (2,)), "is not a NumPy dtype"),
    (lambda: S.arrays(np.float32, (2, -1)), "must be a tuple of non-negative ints"),
    (lambda: S.devices(include_cpu="yes"), "include_cpu='yes' must be a bool"),
])
def test_strategies_validate_arguments(make, message):
    with pytest.raises(InvalidArgument, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        make()


def test_devices_always_include_cpu_and_refuse_an_empty_list(monkeypatch):
    from hypothesis import find

    import strategies._devices as devices

    monkeypatch.setattr(devices, "cuda_device_names", lambda: [])
    assert find(devices.devices(), lambda d: True) == "cpu"
    with pytest.raises(InvalidArgument, match="no device to draw"):
        devices.devices(include_cpu=False)
