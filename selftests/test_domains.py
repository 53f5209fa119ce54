"""Enumeration is pinned: every claim's run covers its declared domain, and the declared domains are as wide as
the documents say, so that a dtype, layout, size class, rank, input kind or device dropped anywhere fails here."""

import pytest

import strategies as S
from conformance.claims import CLAIMS, TOPICS
from conformance.claims import Claim
from conformance.dimensions import Dimension, layout_rules
from conformance.domains import DIMENSIONS, EVERY, Case, Domain, Narrowed, cases, fits
from conformance.engine import evidence
from conformance.results import compress
from conformance.results import evidence as exercised_evidence
from conformance.engine.enumeration import claim_cases
from conformance.host import Environment
from conformance.frameworks import FRAMEWORKS

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
# device-general sentences (immutability, item()/float(), dtype defaults) run on every device their framework has
DEVICE_GENERAL = ("tf.tensor.immutable", "jax.array.immutable", "torch.item.scalar_to_python",
                  "jax.item.scalar_to_python", "dtype.default_float.torch", "dtype.default.jax",
                  "dtype.default_float.numpy_vs_tf")


@pytest.mark.parametrize("claim_id", sorted(CLAIMS))
def test_each_claims_run_enumerates_its_whole_declared_domain(claim_id):
    domain, ran = CLAIMS[claim_id].domain, claim_cases(claim_id, Environment())
    assert ran, f"{claim_id} enumerates no case"
    for name, values in domain.items():
        if name != "device":
            assert set(values) == {c.get(name) for c in ran}, name
    assert {c.device.split(":")[0] for c in ran} >= {"cpu"} & set(domain["device"])


def test_a_device_kind_expands_into_every_device_present_and_stays_a_placeholder_without_one():
    domain = Domain(dtype=("int8",), device=("cpu", "virtual", "cuda"))
    present = {"cpu": ["cpu"], "virtual": ["cpu:1", "cpu:2"], "cuda": []}
    assert [c.device for c in cases(domain, devices=lambda kind, case: present[kind])] == ["cpu", "cpu:1", "cpu:2",
                                                                                             "cuda"]


@pytest.mark.parametrize("claim_id", sorted(PINNED))
def test_declared_domains_are_as_wide_as_the_sentence(claim_id):
    dtypes, layouts, sizes = PINNED[claim_id]
    domain = CLAIMS[claim_id].domain
    assert dtypes is None or set(domain["dtype"]) == dtypes
    assert layouts is None or set(domain["layout"]) == layouts
    assert sizes is None or set(domain["size"]) == sizes


@pytest.mark.parametrize("claim_id", DEVICE_GENERAL)
def test_device_general_claims_cover_every_device_their_framework_has(claim_id):
    claim = CLAIMS[claim_id]
    assert set(claim.domain["device"]) == {k for key in claim.frameworks for k in FRAMEWORKS[key].device_kinds}


def test_every_claim_has_a_device_dimension_and_cpu_claims_are_the_default():
    assert all("device" in claim.domain for claim in CLAIMS.values())
    assert CLAIMS["torch.from_numpy.shares_memory"].domain["device"] == ("cpu",)
    assert CLAIMS["torch.numpy.cuda_raises"].domain["device"] == ("cuda",)


def test_a_dimension_that_does_not_apply_says_why_and_the_others_are_gaps_the_report_lists():
    everything = {"dtype": ("int8", "float32"), "layout": ("C", "F"), "size": ("0-d", "1B-4K"), "device": ("cpu",)}
    domain = Domain(dtype=("int8", "float32"), layout=Narrowed((), why="Python data has none")).resolved(everything, "x")
    assert "layout" not in domain and domain.narrowed == {"layout": "Python data has none"}
    assert domain.replace(device=("cpu",)).narrowed == domain.narrowed and "layout" not in domain.as_dict()
    assert all(case.layout is None for case in cases(domain))
    with pytest.raises(ValueError, match="needs the reason"):
        Narrowed((), why=" ")
    # Every claim enumerates each dimension its sentence covers, or says why it covers less: no gap is left. The GPU
    # claims' layouts, widened without a GPU, are checked case by case on the CPU (selftests/test_gpu_standin.py).
    gaps = {claim.id: claim.uncovered for claim in CLAIMS.values() if claim.uncovered}
    assert gaps == {}, gaps


def test_dealt_layouts_meet_each_producers_every_layout_without_multiplying_the_cases():
    """A pair claim's layouts are dealt over its other dimensions as sizes are: each pair meets each of its producer's
    layouts (at least once, in a size class the layout allows) and otherwise the producer's default layout, and the
    cases stay about as many as without them."""
    everything = {"dtype": tuple(S.NUMERIC_DTYPES), "size": tuple(S.SIZE_CLASSES), "device": ("cpu",),
                  "layout": tuple(dict.fromkeys(n for key in ("numpy", "torch") for n in FRAMEWORKS[key].layout_names))}
    plain = Domain(dtype=EVERY, size=EVERY, producer=("numpy", "torch"), consumer=("jax",)).resolved(everything, "x")
    dealt = Domain(dtype=EVERY, size=EVERY, layout=EVERY, deal_layouts=True, producer=("numpy", "torch"),
                   consumer=("jax",)).resolved(everything, "x")
    assert "deal_layouts=True" in repr(dealt) and "deal_layouts" not in repr(plain)
    got = cases(dealt)
    for producer in ("numpy", "torch"):
        assert {c.layout for c in got if c.producer == producer} == set(FRAMEWORKS[producer].layout_names), producer
        mine = [c for c in got if c.producer == producer]
        default = sum(1 for c in mine if c.layout == FRAMEWORKS[producer].layout_names[0])
        assert default >= len(mine) - len(FRAMEWORKS[producer].layout_names), producer
    assert all(fits(case) for case in got) and len(got) <= len(cases(plain)) + 6
    # With two consumers, each producer's layouts meet other dtypes with the second consumer than with the first.
    two = Domain(dtype=EVERY, size=EVERY, layout=FRAMEWORKS["numpy"].layout_names, deal_layouts=True,
                 producer=("numpy",), consumer=("jax", "torch")).resolved({**everything, "layout": FRAMEWORKS[
                     "numpy"].layout_names}, "x")
    met = {consumer: {(c.dtype, c.layout) for c in cases(two) if c.consumer == consumer and c.layout != "C"}
           for consumer in ("jax", "torch")}
    assert met["jax"] and met["torch"] and not met["jax"] & met["torch"], met


def test_aliasing_domains_reach_0d_and_8_megabytes():
    for claim in CLAIMS.values():
        if {"8M-16M", "4K-128K"} & set(claim.domain.get("size", ())):
            assert {"1B-4K", "4K-128K", "128K-8M", "8M-16M"} <= set(claim.domain["size"]), claim.id
    assert S.SIZE_CLASSES["8M-16M"][0] >= 8 * 2**20


def test_every_topic_has_its_three_rooms():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "conformance"
    for topic in TOPICS:
        assert (root / "tests" / f"test_{topic}.py").exists() and (root / "faults" / f"{topic}.py").exists(), topic


def test_cases_are_the_product_with_size_classes_dealt_over_it():
    domain = Domain(dtype=("int8", "float32"), layout=("C", "F"), size=("0-d", "1B-4K", "8M-16M"))
    dealt = cases(domain)
    assert {(c.dtype, c.layout) for c in dealt} == {("int8", "C"), ("int8", "F"), ("float32", "C"), ("float32", "F")}
    assert {c.size for c in dealt} == {"0-d", "1B-4K", "8M-16M"}
    assert str(dealt[0]) == "int8-C-0-d-cpu" and str(Case(dtype="int8", rank=2)) == "int8-rank2"


def test_impossible_combinations_are_left_out_and_an_unreachable_value_is_an_error():
    assert not fits(Case(dtype="uint8", layout="byteswapped"))
    assert not fits(Case(dtype="float32", layout="conj"))
    assert not fits(Case(layout="strided", size="0-d"))
    assert not fits(Case(dtype="float16", producer="array_api_strict", consumer="numpy"))
    assert not fits(Case(producer="torch", consumer="torch"))
    assert not fits(Case(producer="numpy", layout="contiguous"))
    with pytest.raises(ValueError, match="cannot enumerate (dtype|layout)"):
        cases(Domain(dtype=("bool",), layout=("unaligned",)))


@pytest.mark.parametrize("make, message", [
    (lambda: Domain(colour=("red",)), "unknown dimensions in a domain: ['colour']"),
    (lambda: Domain(dtype=("int9",)), "dtype: 'int9' is not a NumPy dtype"),
    (lambda: Domain(layout=("diagonal",)), "layout: 'diagonal' is not one of"),
    (lambda: Domain(device=("tpu",)), "device: 'tpu' is not one of"),
    (lambda: Domain(producer=("mxnet",)), "producer: 'mxnet' is not one of"),
])
def test_a_domain_refuses_unknown_dimensions_and_values(make, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        make()


def test_every_dimension_says_where_its_evidence_comes_from():
    assert {name for name, d in DIMENSIONS.items() if d.measured} == {"dtype", "layout", "size", "rank", "device"}
    assert len({d.evidence for d in DIMENSIONS.values()}) == len(DIMENSIONS)


def test_a_dimension_is_one_record_that_enumeration_fit_evidence_and_compression_all_read(monkeypatch):
    """A throwaway dimension, added by one record (and a claim using it), is enumerated, fitted, evidenced and named
    in the compressed groups, first among equals since its priority says so: no consumer lists the dimensions."""
    colour = Dimension("colour", "colours", False, lambda v: None if v in ("red", "blue") else f"colour {v!r}",
                       priority=-1, shown=99, fit=lambda case: not (case.get("colour") == "blue"
                                                                    and case.get("dtype") == "bool"))
    monkeypatch.setitem(DIMENSIONS, "colour", colour)
    claim = Claim(id="numpy.colour.throwaway", statement="Colours exist.", source="selftest",
                  domain=Domain(dtype=Narrowed(("bool", "int8"), why="two do"), colour=("red", "blue"), device=("cpu",)))
    ran = cases(claim.domain)
    assert [str(c) for c in ran] == ["bool-cpu-red", "int8-cpu-red", "int8-cpu-blue"]  # bool-blue does not fit
    assert ran[2].colour == "blue" and not fits(Case(dtype="bool", colour="blue"))
    with pytest.raises(ValueError, match="colour: 'green' is not one of|colour 'green'"):
        Domain(colour=("green",))

    records = [{"dtype": "int8", "ndim": 1, "nbytes": 1, "device": "cpu"}] + evidence.case_dimensions(ran[1], 1)
    exercised = exercised_evidence.summarize(records)
    assert exercised["colours"] == ["red"]
    assert exercised_evidence.missing({"colour": ["red", "blue"]}, exercised) == {"colour": ["blue"]}
    assert exercised_evidence.cell(exercised, claim.domain.as_dict()).endswith("cpu · 1/2 colours")

    universe = {str(c): dict(c) for c in ran}
    outcome = {"verdict": "refuted", "outcome": "raises ValueError"}
    results = {cid: ({**outcome} if "blue" in cid else {"verdict": "holds", "outcome": "holds"}) | {"dims": dims}
               for cid, dims in universe.items()}
    assert compress.summary(results).startswith("refuted (raises ValueError) where colour=blue (1 case)")
    correlated = {"int8-red": {"dtype": "int8", "colour": "red"}, "bool-blue": {"dtype": "bool", "colour": "blue"}}
    assert compress.phrase(correlated, ["bool-blue"]) == "colour=blue (1 case)"  # its priority breaks the tie
    monkeypatch.setitem(DIMENSIONS, "colour", Dimension(**{**colour.__dict__, "priority": 99}))
    assert compress.phrase(correlated, ["bool-blue"]) == "dtype=bool (1 case)"


def test_a_one_element_case_has_no_layout_that_needs_two_elements_along_an_axis():
    """A case with a rank is one element (shape (1,) * rank): stepping, reversing or transposing it leaves it
    contiguous, so such a case would be a contiguous case under another name (the evidence showed it: the torch
    scalar claims' step-sliced and transposed cases ran contiguous tensors)."""
    assert not fits(Case(rank=2, layout="transposed", dtype="int8"))
    assert not fits(Case(rank=1, layout="step-sliced", dtype="int8")) and fits(Case(rank=1, layout="offset"))
    for claim in CLAIMS.values():
        for case in cases(claim.domain):
            if case.rank is not None and case.layout is not None:
                rules = layout_rules(case)
                assert rules is not None and rules.min_last == 1 and rules.min_dims <= 1, (claim.id, str(case))
