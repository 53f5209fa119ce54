"""The comparer: case-level changes, coverage and machine-dependent changes, sides with '+', bad input,
attribution."""

import pytest

from conformance.compare import main, split_side
from selftests.helpers import MACHINE, case, changed, results, with_case, write

CLAIM = "tf.float.single_element"


def test_identical_files_exit_0(tmp_path, capsys):
    old = write(tmp_path, "old.json", results("old"))
    assert main([old, old]) == 0
    assert "0 case(s) changed outcome in 0 claim(s)" in capsys.readouterr().out


@pytest.mark.parametrize("before, after", [("holds", "refuted"), ("refuted", "holds"), ("holds", "error")])
def test_a_flip_exits_1_with_both_observations_and_versions(tmp_path, capsys, before, after):
    old = write(tmp_path, "old.json", changed(results("numpy1", numpy="1.26.4"), CLAIM, verdict=before, observed="o"))
    new = write(tmp_path, "new.json", changed(results("tf"), CLAIM, verdict=after, observed="n"))
    assert main([old, new]) == 1
    out = capsys.readouterr().out
    assert f"{CLAIM}: {before} -> {after}" in out and "numpy 1.26.4" in out and "numpy 2.4.6" in out


def test_part_of_a_refuted_claim_changing_exits_1_and_names_the_cases(tmp_path, capsys):
    refuted = with_case(results("a"), "torch.tensor.copies", "int8-cpu", "refuted", "raises ValueError")
    worse = with_case(refuted, "torch.tensor.copies", "float32-cpu", "refuted", "shares memory")
    assert main([write(tmp_path, "old.json", refuted), write(tmp_path, "new.json", worse)]) == 1
    out = capsys.readouterr().out
    assert "1 case(s) changed outcome in 1 claim(s)" in out and "torch.tensor.copies: refuted -> refuted" in out
    assert "holds → shares memory where dtype=float32 (1 case)" in out


def test_coverage_changes_only_fail_with_strict(tmp_path, capsys):
    old = write(tmp_path, "old.json", changed(results("a"), CLAIM, verdict="skipped", reason="r"))
    new = write(tmp_path, "new.json", results("b"))
    assert main([old, new]) == 0 and "coverage changes:" in capsys.readouterr().out
    assert main([old, new, "--strict"]) == 1


def test_a_timing_claim_differing_between_machines_is_not_a_flip(tmp_path, capsys):
    perf = "perf.batch_conversion_faster"
    old = write(tmp_path, "old.json", changed(results("a", machine={**MACHINE, "cpu": "Intel"}), perf,
                                              measured={"median": 3.0}))
    new = write(tmp_path, "new.json", changed(results("b", machine={**MACHINE, "cpu": "AMD"}), perf,
                                              verdict="refuted", observed="slower", measured={"median": 0.4}))
    assert main([old, new]) == 0
    out = capsys.readouterr().out
    assert "machine-dependent changes (not case changes)" in out and "'median': 3.0" in out and "'median': 0.4" in out


def test_sides_join_files_with_plus_and_escape_it(tmp_path):
    assert split_side("a.json+b.json") == ["a.json", "b.json"]
    assert split_side(r"c\+\+.json+d.json") == ["c++.json", "d.json"]
    assert split_side(r"dir\+x/r.json") == ["dir+x/r.json"]


def test_a_path_with_plus_can_be_given_as_a_separate_argument(tmp_path, capsys):
    odd = tmp_path / "a+b"
    odd.mkdir()
    path = write(odd, "r.json", results("a"))
    assert main(["--old", path, "--new", path]) == 0
    assert main([path.replace("+", "\\+"), path.replace("+", "\\+")]) == 0


def test_files_that_decided_a_case_differently_are_an_error_naming_the_claim_in_either_order(tmp_path, capsys):
    good = write(tmp_path, "good.json", results("a"))
    conflict = write(tmp_path, "conflict.json", changed(results("b"), CLAIM, verdict="refuted", observed="x"))
    for side in (f"{good}+{conflict}", f"{conflict}+{good}"):
        assert main([good, side]) == 2
        err = capsys.readouterr().err
        assert f"claim {CLAIM}" in err and len(err.strip().splitlines()) == 1


def test_a_partial_run_is_labelled(tmp_path, capsys):
    partial = write(tmp_path, "p.json", {**results("tf", faults=["tf-cast-ignored"]),
                                        "run": {"complete": False, "faults": ["tf-cast-ignored"], "selection": []}})
    assert main([partial, partial]) == 0
    assert "partial run (faults planted: tf-cast-ignored)" in capsys.readouterr().out


@pytest.mark.parametrize("arguments, message", [
    (["only-one.json"], "expected two sides"),
    (["a.json", "b.json", "--old", "c.json"], "either as OLD NEW or with --old/--new"),
    (["--old", "a.json"], "expected two sides"),
])
def test_bad_arguments_are_one_line_errors(tmp_path, capsys, arguments, message):
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_attribution_with_a_history(tmp_path, capsys):
    history = tmp_path / "history"
    history.mkdir()
    old = results("hist-tf216-np126", numpy="1.26.4")
    old["environment"]["tensorflow"] = "2.16.2"
    new = changed(results("hist-tf221-np24"), CLAIM, verdict="refuted", observed="x")
    middle = changed(results("hist-tf216-np24"), CLAIM, verdict="refuted", observed="x")
    middle["environment"]["tensorflow"] = "2.16.2"
    paths = [write(history, f"{r['environment']['env']}.json", r) for r in (old, new, middle)]
    assert main([paths[0], paths[1], "--history", str(history)]) == 1
    assert "caused by numpy 1.26.4 → 2.4.6" in capsys.readouterr().out


def test_a_gpu_run_merges_with_a_cpu_run_of_the_same_versions_case_by_case(tmp_path, capsys):
    cpu = write(tmp_path, "cpu.json", results("torch"))
    gpu = write(tmp_path, "gpu.json", results("gpu", {CLAIM: "refuted"}, cases={CLAIM: {"int8-cuda:0": case(
        {"dtype": "int8", "device": "cuda:0"}, "refuted", "raises TypeError")}}))
    assert main([cpu, f"{cpu}+{gpu}"]) == 0
    out = capsys.readouterr().out
    assert "newly decided where device=cuda:0 (1 case)" in out and "0 case(s) changed outcome" in out


@pytest.mark.parametrize("features, dispatch, code", [
    (["avx"], {}, 0), (["avx", "avx2"], {}, 1),
    (["avx", "avx2"], {"ATEN_CPU_CAPABILITY": "default"}, 0),  # torch's other kernels: this torch claim's class
    (["avx", "avx2"], {"TF_ENABLE_ONEDNN_OPTS": "0"}, 1)])  # TensorFlow's: no kernel of this torch claim
def test_a_crash_between_cpu_classes_is_machine_dependent_and_a_change_on_the_same_class(tmp_path, capsys, features,
                                                                                         dispatch, code):
    old = write(tmp_path, "old.json", results("a", machine={**MACHINE, "features": ["avx", "avx2"]}))
    here = {**MACHINE, "features": features, **({"dispatch": dispatch} if dispatch else {})}
    new = write(tmp_path, "new.json", with_case(results("b", machine=here),
                                                "torch.tensor.copies", "int8-cpu", "refuted", "crashes SIGSEGV"))
    assert main([old, new]) == code
    out = capsys.readouterr().out
    assert ("machine-dependent changes" in out) is (code == 0) and "holds → crashes SIGSEGV where dtype=int8" in out


def test_changes_are_grouped_as_regressions_and_improvements_and_can_be_accepted(tmp_path, capsys):
    old = with_case(results("a"), "torch.tensor.copies", "int8-cpu", "refuted", "raises ValueError")
    new = with_case(with_case(results("b"), "torch.tensor.copies", "float32-cpu", "refuted", "crashes SIGSEGV"),
                    CLAIM, "int8-cpu", "refuted", "shares memory")
    paths = [write(tmp_path, "old.json", old), write(tmp_path, "new.json", new)]
    assert main(paths) == 1
    out = capsys.readouterr().out
    regressions, improvements = out.split("regressions (")[1].split("improvements (")
    assert "(2 regression(s), 1 improvement(s))" in out
    assert "holds → crashes SIGSEGV where dtype=float32" in regressions and "holds → shares memory" in regressions
    assert "raises ValueError → holds where dtype=int8" in improvements and "SIGSEGV" not in improvements
    assert main([*paths, "--accept-changes"]) == 0
    out = capsys.readouterr().out
    assert "holds → crashes SIGSEGV" in out and "accepted (--accept-changes)" in out


def test_a_shipped_baseline_is_refused_in_one_line_that_names_the_option_to_use(tmp_path, capsys):
    from conformance.results.io import BASELINE_DIR

    result = write(tmp_path, "r.json", results("torch"))
    assert main([str(BASELINE_DIR / "torch.json"), result]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "is a baseline" in err and "--baseline torch" in err
