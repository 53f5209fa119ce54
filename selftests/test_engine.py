"""The engine's plain functions, in process: verdict order, evidence, aggregation, collection rules, destinations."""

from types import SimpleNamespace

import numpy as np
import pytest

from conformance.claims import CLAIMS
from conformance.domains import Case
from conformance.engine import collection, evidence, outcomes, record
from conformance.engine.results import default_path, is_canonical, nothing_verified
from conformance.verdicts import VERDICT_NAMES, Verdict, most_severe


def test_one_ordered_verdict_vocabulary():
    assert VERDICT_NAMES == ("skipped", "holds", "inconclusive", "refuted", "error")
    assert most_severe(["holds", "refuted", "skipped"]) is Verdict.REFUTED
    assert most_severe(["holds", "inconclusive"]) is Verdict.INCONCLUSIVE
    assert most_severe([]) is Verdict.SKIPPED
    assert [v.verified for v in Verdict] == [False, True, False, True, False]


def test_evidence_is_measured_from_what_ran():
    with evidence.collecting() as records:
        evidence.note_array(np.zeros((), np.int8), "C")
        evidence.note_array(np.asfortranarray(np.zeros((2048, 1024), np.float32)), "F")
        evidence.note_input("nested list")
    summary = evidence.summarize(records)
    assert summary == {"dtypes": ["float32", "int8"], "ndims": [0, 2], "nbytes": [1, 8 * 2**20],
                       "sizes": ["0-d", "8M-16M"], "layouts": ["C", "F"], "inputs": ["nested list"]}
    declared = {"dtypes": ["int8", "float32", "uint8"], "layouts": ["C", "F"], "sizes": ["0-d", "1B-4K"]}
    assert evidence.missing(declared, summary) == {"dtypes": ["uint8"], "sizes": ["1B-4K"]}
    assert evidence.cell(summary, declared) == "2/3 dtypes · ndim 0–2 · 1 B–8 MB · 2/2 layouts · 1 inputs"


def test_evidence_labels_a_layout_only_when_the_array_has_it():
    with evidence.collecting() as records:
        evidence.note_array(np.zeros((3, 4)), "strided")
    assert records[0]["layout"] == "C"


def _report(when="call", skipped=False, longrepr=None, nodeid="conformance/test_x.py::test_y[int8-C]"):
    return SimpleNamespace(when=when, skipped=skipped, longrepr=longrepr, nodeid=nodeid, longreprtext="")


def _call(exc=None):
    return SimpleNamespace(excinfo=SimpleNamespace(value=exc) if exc else None)


def test_outcomes_read_the_exception_not_the_report_status():
    from conformance.verdicts import Inconclusive

    assert outcomes.test_outcome(_report(), _call(), 3, [], {})["outcome"] == "holds"
    assert outcomes.test_outcome(_report(), _call(AssertionError("x")), 3, [], {})["outcome"] == "refuted"
    assert outcomes.test_outcome(_report(), _call(Inconclusive("x")), 3, [], {})["outcome"] == "inconclusive"
    assert outcomes.test_outcome(_report(), _call(TypeError("x")), 3, [], {})["outcome"] == "error"
    assert outcomes.test_outcome(_report("setup"), _call(ImportError("x")), 0, [], {})["outcome"] == "error"
    skipped = outcomes.test_outcome(_report("setup", True, ("f", 1, "Skipped: no CUDA device")), _call(), 0, [], {})
    assert skipped == {**skipped, "outcome": "skipped", "reason": "no CUDA device"}
    assert outcomes.test_outcome(_report("teardown"), _call(), 0, [], {}) is None


def test_aggregation_keeps_the_worst_outcome_its_cases_and_the_reason_for_skips():
    claim = CLAIMS["torch.from_numpy.shares_memory"]
    tests = [{"outcome": "holds", "nodeid": "t[int8-C]", "examples": 3, "exercised": {"dtypes": ["int8"]}},
             {"outcome": "refuted", "nodeid": "t[int16-C]", "examples": 1, "observed": "copied", "exercised": {}}]
    entry = outcomes.aggregate(claim, tests, None, lambda nodeid: f"repro {nodeid}")
    assert entry["verdict"] == "refuted" and entry["examples"] == 4 and entry["reproducer"] == "repro t[int16-C]"
    assert entry["cases"] == {"total": 2, "refuted": ["int16-C"]}
    assert entry["domain_gaps"]["dtypes"][0] == "bool"
    assert outcomes.aggregate(claim, [], "error: test_x.py failed to collect", str)["verdict"] == "error"
    assert outcomes.aggregate(claim, [], "deselected in this run", str)["verdict"] == "skipped"


def test_claims_without_an_outcome_say_why():
    collected = {"tf.tensor.immutable", "perf.batch_conversion_faster"}
    reasons = collection.not_run_reasons({}, {"tf.tensor.immutable"}, collected,
                                         {"test_torch_memory.py": "SyntaxError"}, "interrupted")
    assert reasons["torch.from_numpy.shares_memory"].startswith("error: test_torch_memory.py failed to collect")
    assert reasons["tf.tensor.immutable"] == "deselected in this run (-k, -m or --claims)"
    assert reasons["perf.batch_conversion_faster"] == "not run: the session stopped early (interrupted)"
    assert reasons["jax.array.immutable"].startswith("not collected")


def test_only_a_complete_tox_run_writes_reports_env(tmp_path, monkeypatch):
    assert default_path(tmp_path, "torch", True) == tmp_path / "reports" / "torch.json"
    assert default_path(tmp_path, "torch", False) == tmp_path / "reports" / "scratch" / "torch.json"
    assert default_path(tmp_path, "local", True) == tmp_path / "reports" / "scratch" / "local.json"
    assert is_canonical(tmp_path / "reports" / "history" / "x.json", tmp_path)
    assert not is_canonical(tmp_path / "reports" / "scratch" / "x.json", tmp_path)
    monkeypatch.setenv("TOX_ENV_NAME", "torch")
    plan = SimpleNamespace(results=tmp_path / "reports" / "torch.json", root=tmp_path)
    partial = {"run": {"complete": False, "faults": ["torch-clone-aliases"], "selection": [], "stopped": None}}
    path, why = record.destination(partial, plan)
    assert path == tmp_path / "reports" / "scratch" / "torch.json" and "faults planted: torch-clone-aliases" in why


@pytest.mark.parametrize("fixture, expected", [(["holds"], False), (["skipped"], True), (["error"], True)])
def test_a_run_without_a_verdict_checks_nothing(fixture, expected):
    assert nothing_verified({"claims": [{"verdict": v} for v in fixture]}) is expected


def test_a_case_input_counts_as_exercised_only_once_an_example_ran():
    item = SimpleNamespace(callspec=SimpleNamespace(params={"case": Case(dtype="bool", input="torch→jax")}))
    assert evidence.case_input(item, examples=1) == [{"input": "torch→jax"}]
    assert evidence.case_input(item, examples=0) == []
    assert evidence.case_input(SimpleNamespace(), examples=1) == []
