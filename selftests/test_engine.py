"""The engine's plain functions, in process: verdict order, outcome classes, evidence, aggregation, collection
rules, destinations."""

from types import SimpleNamespace

import numpy as np
import pytest

from conformance.assertions import assert_aliases, assert_independent, assert_raises, returns
from conformance.claims import CLAIMS
from conformance.domains import Case
from conformance.engine import collection, evidence, outcomes
from conformance.engine.results import default_path, destination, is_canonical
from conformance.results import evidence as exercised
from conformance.results.verdicts import VERIFIED
from conformance.verdicts import VERDICT_NAMES, Inconclusive, Refuted, Verdict, most_severe
from selftests.helpers import results, run_of


def test_one_ordered_verdict_vocabulary():
    assert VERDICT_NAMES == ("skipped", "holds", "inconclusive", "refuted", "error")
    assert most_severe(["holds", "refuted", "skipped"]) is Verdict.REFUTED
    assert most_severe(["holds", "inconclusive"]) is Verdict.INCONCLUSIVE
    assert most_severe([]) is Verdict.SKIPPED
    assert [v.value in VERIFIED for v in Verdict] == [False, True, False, True, False]


def _outcome_of(call) -> str:
    try:
        call()
    except Refuted as exc:
        return exc.outcome
    return "holds"


def test_the_assertion_helpers_name_the_kind_of_failure_they_saw():
    a = np.zeros(3)
    assert _outcome_of(lambda: assert_aliases(a, a.copy(), "x")) == "copies"
    assert _outcome_of(lambda: assert_independent(a, a[:], "x")) == "shares memory"
    assert _outcome_of(lambda: assert_raises(ValueError, lambda: 1, "x")) == "no exception"
    assert _outcome_of(lambda: assert_raises(ValueError, lambda: 1 / 0, "x")) == "raises ZeroDivisionError"
    assert _outcome_of(lambda: returns(lambda: [][1], "x")) == "raises IndexError"
    assert _outcome_of(lambda: assert_aliases(a, a[:], "x")) == "holds"


def test_evidence_is_measured_from_what_ran():
    with evidence.collecting() as records:
        evidence.note_array(np.zeros((), np.int8), "C")
        evidence.note_array(np.asfortranarray(np.zeros((2048, 1024), np.float32)), "F")
        evidence.note_input("nested list")
    summary = exercised.summarize(records)
    assert summary == {"dtypes": ["float32", "int8"], "ndims": [0, 2], "nbytes": [1, 8 * 2**20],
                       "sizes": ["0-d", "8M-16M"], "layouts": ["C", "F"], "devices": ["cpu"],
                       "inputs": ["nested list"]}
    ran = {"dtype": ["int8", "float32", "uint8"], "layout": ["C", "F"], "size": ["0-d", "1B-4K"]}
    assert exercised.missing(ran, summary) == {"dtype": ["uint8"], "size": ["1B-4K"]}
    assert exercised.cell(summary, ran) == "2/3 dtypes · ndim 0–2 · 1 B–8 MB · 2/2 layouts · 1 inputs · cpu"


def test_evidence_labels_a_layout_only_when_the_array_has_it_and_specs_an_input_exactly():
    with evidence.collecting() as records:
        evidence.note_array(np.zeros((3, 4)), "strided")
    assert records[0]["layout"] == "C"
    spec = evidence.array_spec(np.array([0, 0, 7, 0], dtype=">i2"), "byteswapped")
    assert spec == {"dtype": ">i2", "shape": [4], "layout": "byteswapped", "fill": 0, "set": {"2": 7}}


def _case(device="cpu", **dims):
    return Case(dtype="int8", device=device, **dims)


def test_a_case_outcome_is_read_from_the_exception_of_its_phase():
    case = _case()
    assert outcomes.case_outcome("call", None, case, "t")["outcome"] == "holds"
    refuted = outcomes.case_outcome("call", Refuted("x", "copies"), case, "t")
    assert (refuted["verdict"], refuted["outcome"], refuted["case"]) == ("refuted", "copies", "int8-cpu")
    assert outcomes.case_outcome("call", AssertionError("x"), case, "t")["outcome"] == "fails (unclassified)"
    assert outcomes.case_outcome("call", Inconclusive("x"), case, "t")["verdict"] == "inconclusive"
    assert outcomes.case_outcome("call", TypeError("x"), case, "t")["outcome"] == "error TypeError"
    assert outcomes.case_outcome("setup", ImportError("x"), case, "t")["verdict"] == "error"
    skipped = outcomes.case_outcome("setup", pytest.skip.Exception("no CUDA device"), _case("cuda"), "t")
    assert (skipped["verdict"], skipped["reason"], skipped["dims"]["device"]) == ("skipped", "no CUDA device", "cuda")
    assert outcomes.case_outcome("teardown", None, case, "t") is None


def _tested(case_id, verdict, outcome=None, examples=1, **extra):
    dtype, device = case_id.split("-")
    return {"case": case_id, "dims": {"dtype": dtype, "device": device}, "verdict": verdict,
            "outcome": outcome or verdict, "nodeid": f"t[{case_id}]", "examples": examples,
            "exercised": {"dtypes": [dtype], "devices": [device]}, **extra}


def test_aggregation_keeps_every_case_the_worst_verdict_and_one_finding_per_outcome_class():
    claim = CLAIMS["torch.from_numpy.shares_memory"]
    tests = [_tested("int8-cpu", "holds", examples=3),
             _tested("int16-cpu", "refuted", "copies", observed="copied", inputs=[{"dtype": "<i2", "shape": [9]}]),
             _tested("int32-cpu", "refuted", "copies", observed="copied", inputs=[{"dtype": "<i4", "shape": [1]}]),
             _tested("int64-cuda", "skipped", examples=0, reason="no CUDA device")]
    entry = outcomes.aggregate(claim, tests, None, lambda nodeid: f"rerun {nodeid}")
    assert entry["verdict"] == "refuted" and entry["examples"] == 5 and entry["rerun"] == "rerun t[int16-cpu]"
    assert entry["cases"]["int16-cpu"] == {"dims": {"dtype": "int16", "device": "cpu"}, "verdict": "refuted",
                                           "outcome": "copies", "observed": "copied"}
    assert entry["cases"]["int64-cuda"]["reason"] == "no CUDA device"
    assert [(f["outcome"], f["case"], f["cases"]) for f in entry["findings"]] == [("copies", "int32-cpu", 2)]
    assert outcomes.aggregate(claim, [], "error: test_x.py failed to collect", str)["verdict"] == "error"
    assert outcomes.aggregate(claim, [], "deselected in this run", str)["verdict"] == "skipped"


def test_a_gap_is_a_value_whose_cases_ran_but_whose_inputs_never_showed_it():
    claim = CLAIMS["torch.from_numpy.shares_memory"]
    tests = [_tested("int8-cpu", "holds"), {**_tested("int16-cpu", "holds"), "exercised": {}}]
    assert outcomes.aggregate(claim, tests, None, str)["domain_gaps"] == {"dtype": ["int16"]}


def test_claims_without_an_outcome_say_why():
    collected = {"tf.tensor.immutable", "perf.batch_conversion_faster"}
    reasons = collection.not_run_reasons({}, {"tf.tensor.immutable"}, collected,
                                         {"test_torch_memory.py": "SyntaxError"}, "interrupted")
    assert reasons["torch.from_numpy.shares_memory"].startswith("error: test_torch_memory.py failed to collect")
    assert reasons["tf.tensor.immutable"] == "deselected in this run (-k, -m or --claims)"
    assert reasons["perf.batch_conversion_faster"] == "not run: the session stopped early (interrupted)"
    assert reasons["jax.array.immutable"].startswith("not collected")


def test_only_a_complete_named_run_writes_reports_env(tmp_path):
    assert default_path(tmp_path, "torch", True) == tmp_path / "reports" / "torch.json"
    assert default_path(tmp_path, "torch", False) == tmp_path / "reports" / "scratch" / "torch.json"
    assert default_path(tmp_path, "local", True) == tmp_path / "reports" / "scratch" / "local.json"
    assert is_canonical(tmp_path / "reports" / "history" / "x.json", tmp_path)
    assert not is_canonical(tmp_path / "reports" / "scratch" / "x.json", tmp_path)
    plan = SimpleNamespace(results=tmp_path / "reports" / "torch.json", root=tmp_path, run_name="torch")
    partial = results("torch", complete=False, faults=["torch-clone-aliases"])
    path, why = destination(run_of(partial), plan)
    assert path == tmp_path / "reports" / "scratch" / "torch.json" and "faults planted: torch-clone-aliases" in why


@pytest.mark.parametrize("fixture, expected", [(["holds"], False), (["refuted"], False), (["skipped"], True), (["error"], True),
                                               (["inconclusive"], True)])
def test_a_run_without_a_verdict_checks_nothing(fixture, expected):
    document = results(verdicts=dict.fromkeys(CLAIMS, fixture[0]))
    assert (not run_of(document).verified()) is expected


def test_a_case_dimension_no_input_shows_counts_as_exercised_only_once_an_example_ran():
    case = Case(dtype="bool", producer="torch", consumer="jax", device="cpu")
    assert evidence.case_dimensions(case, examples=1) == [{"producer": "torch", "consumer": "jax"}]
    assert evidence.case_dimensions(case, examples=0) == []
    assert evidence.case_dimensions(None, examples=1) == []


def test_a_controller_records_the_devices_its_workers_found_without_listing_them_itself(monkeypatch):
    from conformance import host

    monkeypatch.setattr(host, "_PRESENT", {})
    monkeypatch.setattr(host, "_DISCOVERY_CRASHED", {})
    found = {"present": [["jax", "virtual", ["cpu:1"]], ["jax", "cuda", []]], "crashed": {"cupy": "listing crashed"}}
    env = host.Environment(contained=True)
    monkeypatch.setattr(host.Environment, "_discover", lambda self, key: pytest.fail(f"listed {key} itself"))
    env.adopt(found)
    assert env.devices("jax", "virtual") == ["cpu:1"] and env.devices("jax", "cuda") == []
    assert {k: v for k, v in host.Environment.discovered().items() if k != "machine"} == found


def test_the_machine_records_the_dispatch_variables_that_are_set(monkeypatch):
    """A framework's dispatch variable (torch's ATEN_CPU_CAPABILITY) makes the same CPU run other compiled code:
    the machine records it where it is set, and a machine without it is not of the same class."""
    from conformance import host
    from conformance.frameworks import FRAMEWORKS
    from conformance.results.environment import describe_machine, same_cpu_class, same_machine

    for name in host.DISPATCH_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")  # set on some CI machines: BLAS kernels, which no claim calls
    plain = host.machine()
    assert "dispatch" not in plain and "OPENBLAS_CORETYPE" in host.framework_variables()
    assert {"ATEN_CPU_CAPABILITY", "NPY_DISABLE_CPU_FEATURES", "TF_ENABLE_ONEDNN_OPTS"} <= set(host.DISPATCH_VARIABLES)
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "default")
    default = host.machine()
    assert default["dispatch"] == {"ATEN_CPU_CAPABILITY": "default"}
    assert "ATEN_CPU_CAPABILITY" in host.framework_variables()
    assert not same_cpu_class(plain, default) and same_cpu_class(default, dict(default))
    assert not same_machine(plain, default)  # other kernels: a timing does not compare either
    assert describe_machine(default).endswith(", ATEN_CPU_CAPABILITY=default")
    # an absent framework's variable runs no kernel here: TF_ENABLE_ONEDNN_OPTS in an env without TensorFlow
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "0")
    monkeypatch.setattr(type(FRAMEWORKS["tf"]), "findable", lambda self: False)
    assert host.machine()["dispatch"] == {"ATEN_CPU_CAPABILITY": "default"}


def test_a_controller_records_the_machine_its_workers_ran_the_cases_on(monkeypatch):
    """pytest-xdist workers may run on another machine than their controller (``--tx ssh=...``, or an emulated CPU):
    the results name the machine where the cases ran, since a crash and a timing depend on it."""
    from conformance import host

    monkeypatch.setattr(host, "_WORKER_MACHINES", [])
    env = host.Environment(contained=True)
    here = host.machine()
    assert env.describe("interop", "ci", 0)["machine"] == here  # no worker: this process ran the cases
    assert host.Environment.discovered()["machine"] == here
    emulated = dict(here, features=["sse42", "avx"])
    env.adopt({"present": [], "crashed": {}, "machine": emulated})
    env.adopt({"present": [], "crashed": {}, "machine": emulated})
    assert env.describe("interop", "ci", 0)["machine"] == emulated
    other = dict(here, cpu="Other CPU", cores=96)
    env.adopt({"present": [], "crashed": {}, "machine": other})
    assert env.describe("interop", "ci", 0)["machine"] == dict(here, workers=[emulated, other])
