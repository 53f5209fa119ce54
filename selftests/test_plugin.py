"""The plugin, run in process on small selections: one-line usage errors, where results go, when a run fails."""

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from selftests.helpers import ROOT, copy_of_suite, entry, run_conformance

pytest.importorskip("torch")
SCALARS = ("conformance/tests/test_torch_scalars.py",)
ITEM = "torch.item.scalar_to_python"
REFUTED = "torch.item.multi_element_raises_valueerror"


def baseline_file(tmp_path, claim_id: str, outcome: str, cases: dict) -> str:
    """A baseline expecting ``outcome`` for each of ``cases`` ({case id: its dims})."""
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"schema": "interop-conformance-baseline/3", "expected": {claim_id: {
        "verdict": "holds" if outcome == "holds" else "refuted",
        "cases": {cid: {"dims": dims, "outcome": outcome} for cid, dims in cases.items()}}}}))
    return str(path)


@pytest.mark.parametrize("options, message", [
    (["--claims", ","], "--claims ',' names no claim"),
    (["--claims", "torch.nope"], "--claims names unknown claim ids: torch.nope"),
    (["--hide-module", "pytorch"], "--hide-module 'pytorch' is not a framework module"),
    (["--plant-fault", "no-such-fault"], "unknown fault 'no-such-fault'"),
    (["--hide-module", "jax", "--plant-fault", "jax-item-float"], "it patches jax, which is not installed here"),
    (["--results", "{tmp}"], "is a directory"),
    (["--results", "{tmp}/file.json/under-a-file.json"], "is not a directory"),
    (["-k", "item", "--results", str(ROOT / "reports" / "torch.json")], "never writes under reports/"),
    (["--run", "torch", "--plant-fault", "torch-item-float", "--update-baseline"], "--update-baseline records"),
    (["--baseline", "{tmp}/bad.json"], "malformed baseline"),
    (["--hypothesis-profile", "nosuch"], "is not a registered profile"),
    (["--run", "a/b"], "--run 'a/b': a run name is a file name"),
    (["--scope", "everything"], "--scope 'everything' is not one of"),
    (["--provides", "torch,mxnet"], "--provides 'mxnet' is not a framework key"),
])
def test_usage_errors_exit_2_with_one_line_before_anything_runs(tmp_path, options, message):
    (tmp_path / "file.json").write_text("{}")
    (tmp_path / "bad.json").write_text('{"schema": "interop-conformance-baseline/3", "expected": []}')
    options = [o.replace("{tmp}", str(tmp_path)) for o in options]
    code, output, results = run_conformance(tmp_path / "run", *options, paths=SCALARS,
                                            results="--results" not in options)
    assert code == 2 and message in output and results is None, output
    if "--hypothesis-profile" not in options:
        assert len([line for line in output.splitlines() if message in line]) == 1


def test_update_baseline_needs_a_named_run(tmp_path):
    code, output, _ = run_conformance(tmp_path, "--update-baseline", paths=("conformance",), results=False)
    assert code == 2 and "has no name (--run NAME)" in output


def test_a_selection_writes_to_scratch_and_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, output, _ = run_conformance(tmp_path, "--run", "torch", "--claims", ITEM, "--baseline", "none",
                                      paths=SCALARS, results=False)
    written = json.loads((tmp_path / "reports" / "scratch" / "torch.json").read_text())
    assert code == 0 and not (tmp_path / "reports" / "torch.json").exists()
    assert written["run"]["complete"] is False and f"--claims {ITEM}" in written["run"]["selection"]
    assert "not written to reports/torch.json" in output and "every case matches" not in output


def test_an_unnamed_run_is_a_local_trial(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, output, _ = run_conformance(tmp_path, "--claims", ITEM, "--baseline", "none", paths=SCALARS, results=False)
    assert (tmp_path / "reports" / "scratch" / "local.json").exists() and "unnamed: no --run NAME" in output


def test_a_planted_fault_is_recorded_and_moves_the_verdict(tmp_path):
    code, _, results = run_conformance(tmp_path, "--claims", ITEM, "--plant-fault", "torch-item-float",
                                       "--baseline", "none", paths=SCALARS)
    assert results["run"]["faults"] == ["torch-item-float"] and not results["run"]["complete"]
    assert entry(results, ITEM)["verdict"] == "refuted" and code == 0


def test_every_case_has_its_verdict_outcome_class_and_dimensions(tmp_path):
    code, output, results = run_conformance(tmp_path, "--claims", REFUTED, "--baseline", "none", paths=SCALARS)
    refuted = entry(results, REFUTED)
    cpu = {cid: c for cid, c in refuted["cases"].items() if c["dims"]["device"] == "cpu"}
    assert code == 0 and refuted["verdict"] == "refuted" and "RuntimeError" in refuted["observed"]
    assert cpu and all(c["outcome"] == "raises RuntimeError" and c["observed"] for c in cpu.values())
    assert all({"dtype", "layout", "size", "device"} <= set(c["dims"]) for c in cpu.values())
    assert refuted["rerun"].startswith("python -m pytest") and "--shrink" in refuted["rerun"]
    assert refuted["findings"][0]["outcome"] == "raises RuntimeError" and refuted["findings"][0]["inputs"]
    assert refuted["exercised"]["dtypes"] and refuted["exercised"]["devices"] == ["cpu"]


def test_a_case_that_changes_outcome_against_the_baseline_fails_and_is_named(tmp_path):
    _, _, first = run_conformance(tmp_path / "a", "--claims", REFUTED, "--baseline", "none", paths=SCALARS)
    cpu = {cid: c["dims"] for cid, c in entry(first, REFUTED)["cases"].items() if c["dims"]["device"] == "cpu"}
    baseline = baseline_file(tmp_path, REFUTED, "raises ValueError", cpu)
    code, output, _ = run_conformance(tmp_path, "--claims", REFUTED, "--baseline", baseline, paths=SCALARS)
    assert code == 1 and "CASES CHANGED OUTCOME" in output
    assert "raises ValueError → raises RuntimeError where" in output


def test_a_missing_framework_is_a_coverage_loss_against_the_baseline(tmp_path):
    baseline = baseline_file(tmp_path, ITEM, "holds", {"bool-rank0-cpu": {"dtype": "bool", "rank": 0, "device": "cpu"}})
    code, output, results = run_conformance(tmp_path, "--claims", ITEM, "--baseline", baseline,
                                            "--hide-module", "torch", paths=SCALARS)
    assert code == 1 and "COVERAGE LOST" in output and "torch not installed" in entry(results, ITEM)["reason"]


def test_a_framework_the_run_declares_but_lacks_stops_the_run_at_once(tmp_path):
    code, output, results = run_conformance(tmp_path, "--claims", ITEM, "--baseline", "none", "--hide-module", "torch",
                                            "--provides", "torch", paths=SCALARS)
    assert code == 2 and results is None and "--provides torch: torch is hidden by --hide-module" in output


def test_a_declared_framework_that_is_not_installed_stops_the_run_within_seconds(tmp_path):
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--run", "x", "--provides",
                           "torch,cupy", str(ROOT / "conformance")], cwd=tmp_path, capture_output=True, text=True)
    seconds = time.monotonic() - started
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1 and "--provides cupy: cupy is not installed here" in lines[0], lines
    assert seconds < 15, seconds  # the 5 s, with room for a loaded machine (it takes about 3 s here)


def test_cuda_cases_are_skipped_with_their_reason_and_a_run_that_verifies_nothing_fails(tmp_path):
    code, output, results = run_conformance(tmp_path, "--claims", "torch.float.requires_cpu_no_grad", "-m", "gpu",
                                            "--hide-cuda", "--baseline", "none", paths=SCALARS)
    cases = entry(results, "torch.float.requires_cpu_no_grad")["cases"]
    assert code == 1 and "NO CLAIM GOT A VERDICT" in output
    assert cases and all(c["reason"] == "no CUDA device" for c in cases.values())


def test_update_baseline_refuses_a_partial_run(tmp_path):
    code, output, _ = run_conformance(tmp_path, "--run", "torch", "--claims", ITEM, "--update-baseline",
                                      paths=SCALARS)
    assert code == 2 and "--update-baseline records a complete" in output


def test_the_session_header_names_the_run_and_the_framework_variables(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pytest", "--co", "-p", "no:cacheprovider", "--run", "torch",
                           "--baseline", "none", "--claims", ITEM, str(ROOT / SCALARS[0])], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "CUDA_VISIBLE_DEVICES": ""})
    assert "conformance: run 'torch', scope all" in done.stdout and "CUDA_VISIBLE_DEVICES=" in done.stdout


def run_copy(tree, *options):
    """pytest over a copy of the suite: the copy is imported first (PYTHONPATH), with the installed plugin's
    entry point loading the copy's plugin module."""
    done = subprocess.run([sys.executable, "-m", "pytest", "conformance", "-q", "-p", "no:cacheprovider",
                           "--baseline", "none", "--hide-module", "torch", "--hide-module", "tensorflow",
                           "--hide-module", "jax", "--hide-module", "array_api_strict", *options], cwd=tree,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(tree)})
    return done.returncode, done.stdout + done.stderr


def test_collection_rules_refuse_stray_or_untested_claims_and_a_broken_module_makes_errors(tmp_path):
    tree = copy_of_suite(tmp_path)
    stray = tree / "conformance" / "tests" / "test_zz_stray.py"
    stray.write_text(textwrap.dedent("""
        import pytest

        @pytest.mark.claim("no.such.claim")
        def test_stray():
            pass
    """))
    code, output = run_copy(tree)
    assert code == 2 and "not in the catalog: no.such.claim" in output
    stray.write_text("def test_untagged():\n    pass\n")
    code, output = run_copy(tree)
    assert code == 2 and "without @pytest.mark.claim" in output
    stray.unlink()
    (tree / "conformance" / "tests" / "test_tf_ops.py").write_text("raise RuntimeError('broken module')\n")
    code, output = run_copy(tree, "--results", str(tmp_path / "r.json"))
    results = json.loads((tmp_path / "r.json").read_text())
    broken = entry(results, "tf.ops.accept_numpy")
    assert code != 0 and broken["verdict"] == "error" and "test_tf_ops.py failed to collect" in broken["reason"]
    assert not results["run"]["complete"]


def test_xdist_workers_give_the_cases_of_one_process_in_collection_order(tmp_path):
    pytest.importorskip("xdist")
    claims = ("--claims", f"{ITEM},{REFUTED}", "--baseline", "none")
    _, _, alone = run_conformance(tmp_path / "alone", *claims, paths=SCALARS)
    code, _, spread = run_conformance(tmp_path / "spread", *claims, "-n", "2", paths=SCALARS)
    for claim_id in (ITEM, REFUTED):
        one, two = entry(alone, claim_id), entry(spread, claim_id)
        assert list(two["cases"]) == list(one["cases"]) and two["verdict"] == one["verdict"]
        assert {c: v["outcome"] for c, v in two["cases"].items()} == {c: v["outcome"] for c, v in one["cases"].items()}
    assert code == 0 and spread["run"]["complete"] is False and spread["run"]["selection"] == alone["run"]["selection"]
    assert spread["environment"]["devices"] == alone["environment"]["devices"]  # the workers' devices, in the controller


def test_a_case_payload_crosses_to_the_controller_whatever_its_values_hold():
    """execnet's serializer refuses an int below -2**31 (a finding's int64 input): a worker sends its payload as JSON."""
    from execnet.gateway_base import dumps_internal, loads_internal

    from conformance.engine import distributed

    payload = {"claim": "x", "outcome": {"inputs": [{"set": {"3": -5359416721}}]}}
    with pytest.raises(Exception):
        dumps_internal(payload)
    sent = loads_internal(dumps_internal(distributed.wire(payload)))
    assert distributed.unwire(sent) == payload and distributed.unwire(payload) == payload and distributed.unwire(None) == {}
