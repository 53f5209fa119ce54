"""Describing a set of cases by the dimensions that explain it, as the report, the baseline and compare do."""

from conformance.results.compress import explain, phrase, summary


def universe():
    cases = {}
    for dtype in ("int8", "float32", "complex128"):
        for layout in ("C", "negative", "byteswapped", "unaligned"):
            if dtype == "int8" and layout in ("byteswapped", "unaligned"):
                continue
            cases[f"{dtype}-{layout}"] = {"dtype": dtype, "layout": layout}
    return cases


def test_a_set_is_explained_by_one_dimension_when_it_can_be():
    members = [cid for cid, dims in universe().items() if dims["layout"] in ("negative", "byteswapped")]
    terms, leftover = explain(universe(), members)
    assert terms == [{"layout": ("negative", "byteswapped")}] and leftover == []
    assert phrase(universe(), members) == "layout ∈ {negative, byteswapped} (5 cases)"


def test_a_corner_is_explained_by_a_pair_and_a_scattered_set_by_its_ids():
    assert phrase(universe(), ["complex128-unaligned"]) == "layout=unaligned × dtype=complex128 (1 case)"
    terms, leftover = explain({"a": {"dtype": "int8"}, "b": {"dtype": "int8"}}, ["a"])
    assert terms == [] and leftover == ["a"]


def test_the_summary_says_where_a_claim_holds_and_where_it_fails_by_outcome():
    cases = {cid: {"dims": dims, "verdict": "holds", "outcome": "holds"} for cid, dims in universe().items()}
    for cid in ("int8-negative", "float32-negative", "complex128-negative"):
        cases[cid].update(verdict="refuted", outcome="raises ValueError")
    cases["complex128-unaligned"].update(verdict="refuted", outcome="crashes SIGSEGV")
    cases["int8-C-cuda"] = {"dims": {"dtype": "int8", "layout": "C", "device": "cuda"}, "verdict": "skipped",
                            "outcome": "skipped", "reason": "no CUDA device"}
    assert summary(cases) == ("refuted (raises ValueError) where layout=negative (3 cases); refuted (crashes "
                              "SIGSEGV) where layout=unaligned × dtype=complex128 (1 case); holds in the other 6 of "
                              "10 cases that ran; skipped (no CUDA device) where device=cuda (1 case)")


def test_overlapping_terms_say_what_they_add_so_that_the_counts_add_up():
    members = [cid for cid, dims in universe().items() if dims["layout"] == "negative" or dims["dtype"] == "float32"]
    text = phrase(universe(), members)
    assert text == "dtype=float32 (4 cases); layout=negative (3 cases, 2 not counted above)", text
