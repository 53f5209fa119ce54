"""Enumeration is pinned: every claim's run covers its declared domain, and the declared domains are as wide as
the documents say, so that a dtype, layout, size class, rank or input kind dropped anywhere fails here."""

import importlib
import inspect

import pytest

import strategies as S
from conformance.claims import CLAIMS, TOPICS
from conformance.domains import Case, Domain, cases, fits

# torch.from_numpy's docstring lists these eleven; the catalog's torch claims must enumerate every one
TORCH_DOCUMENTED = {"float64", "float32", "float16", "complex64", "complex128", "int64", "int32", "int16", "int8",
                    "uint8", "bool"}
NUMPY_NUMERIC = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16",
                 "float32", "float64", "complex64", "complex128"}
ALL_LAYOUTS = {"C", "C16", "F", "strided", "negative", "offset", "byteswapped", "readonly", "unaligned"}
TENSOR_LAYOUTS = {"contiguous", "transposed", "step-sliced", "offset", "expanded", "conj", "neg"}
PINNED = {  # claim: (dtypes, layouts, sizes) each claim's sentence covers
    "torch.from_numpy.shares_memory": (TORCH_DOCUMENTED, {"C", "C16"}, {"0-d", "1B-4K", "4K-128K", "128K-8M",
                                                                       "8M-16M"}),
    "torch.as_tensor.shares_numpy": (TORCH_DOCUMENTED, ALL_LAYOUTS, None),
    "torch.asarray.shares_numpy": (TORCH_DOCUMENTED, ALL_LAYOUTS, None),
    "torch.tensor.copies": (TORCH_DOCUMENTED, ALL_LAYOUTS, None),
    "torch.numpy.shares_memory": (TORCH_DOCUMENTED, TENSOR_LAYOUTS, None),
    "torch.np_asarray.shares_memory": (TORCH_DOCUMENTED, TENSOR_LAYOUTS, None),
    "tf.constant.from_numpy": (NUMPY_NUMERIC, ALL_LAYOUTS, None),
    "tf.numpy.shares_memory": (NUMPY_NUMERIC, None, None),
    "jax.array.copies": (NUMPY_NUMERIC, ALL_LAYOUTS - {"readonly"}, None),
}


def enumerated(claim_id: str) -> list[Case]:
    """The cases the claim's tests are parametrized with, read from the test module itself."""
    module = importlib.import_module(f"conformance.test_{CLAIMS[claim_id].topic}")
    found = []
    for _, function in inspect.getmembers(module, inspect.isfunction):
        marks = getattr(function, "pytestmark", [])
        if any(m.name == "claim" and m.args == (claim_id,) for m in marks):
            found += [v for m in marks if m.name == "parametrize" and m.args[0] == "case" for v in m.args[1]]
    return found


@pytest.mark.parametrize("claim_id", [c.id for c in CLAIMS.values() if c.domain.enumerated])
def test_each_claims_run_enumerates_its_whole_declared_domain(claim_id):
    domain, ran = CLAIMS[claim_id].domain, enumerated(claim_id)
    assert ran, f"{claim_id} declares a domain but no test enumerates it"
    for field in ("dtypes", "layouts", "sizes", "ranks", "inputs"):
        assert set(getattr(domain, field)) == {getattr(c, field[:-1]) for c in ran} - {None}, field


@pytest.mark.parametrize("claim_id", sorted(PINNED))
def test_declared_domains_are_as_wide_as_the_sentence(claim_id):
    dtypes, layouts, sizes = PINNED[claim_id]
    domain = CLAIMS[claim_id].domain
    assert dtypes is None or set(domain.dtypes) == dtypes
    assert layouts is None or set(domain.layouts) == layouts
    assert sizes is None or set(domain.sizes) == sizes


def test_aliasing_domains_reach_0d_and_8_megabytes():
    for claim in CLAIMS.values():
        if {"8M-16M", "4K-128K"} & set(claim.domain.sizes):
            assert {"1B-4K", "4K-128K", "128K-8M", "8M-16M"} <= set(claim.domain.sizes), claim.id
    assert S.SIZE_CLASSES["8M-16M"][0] >= 8 * 2**20


def test_every_topic_has_its_three_rooms():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "conformance"
    for topic in TOPICS:
        assert (root / f"test_{topic}.py").exists() and (root / "faults" / f"{topic}.py").exists(), topic


def test_cases_are_the_product_with_size_classes_dealt_over_it():
    domain = Domain(dtypes=("int8", "float32"), layouts=("C", "F"), sizes=("0-d", "1B-4K", "8M-16M"))
    dealt = cases(domain)
    assert {(c.dtype, c.layout) for c in dealt} == {("int8", "C"), ("int8", "F"), ("float32", "C"), ("float32", "F")}
    assert {c.size for c in dealt} == {"0-d", "1B-4K", "8M-16M"}
    assert str(dealt[0]) == "int8-C-0-d"


def test_impossible_combinations_are_left_out_and_an_unreachable_value_is_an_error():
    assert not fits(Case(dtype="uint8", layout="byteswapped"))
    assert not fits(Case(dtype="float32", layout="conj"))
    assert not fits(Case(layout="strided", size="0-d"))
    with pytest.raises(ValueError, match="cannot enumerate (dtype|layout)"):
        cases(Domain(dtypes=("bool",), layouts=("unaligned",)))
