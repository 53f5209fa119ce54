"""The plugin, run in process on small selections: one-line usage errors, where results go, when a run fails."""

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from selftests.helpers import ROOT, entry, run_conformance

pytest.importorskip("torch")
SCALARS = ("conformance/test_torch_scalars.py",)
ITEM = "torch.item.scalar_to_python"
REFUTED = "torch.item.multi_element_raises_valueerror"


@pytest.fixture(autouse=True)
def tox_env(monkeypatch):
    monkeypatch.setenv("TOX_ENV_NAME", "torch")
    monkeypatch.delenv("CONFORMANCE_PROVIDES", raising=False)
    monkeypatch.delenv("CONFORMANCE_SCOPE", raising=False)


@pytest.mark.parametrize("options, message", [
    (["--claims", ","], "--claims ',' names no claim"),
    (["--claims", "torch.nope"], "--claims names unknown claim ids: torch.nope"),
    (["--hide-module", "pytorch"], "--hide-module 'pytorch' is not a framework module"),
    (["--plant-fault", "no-such-fault"], "unknown fault 'no-such-fault'"),
    (["--hide-module", "jax", "--plant-fault", "jax-item-float"], "it patches jax, which is not installed here"),
    (["--results", "{tmp}"], "is a directory"),
    (["--results", "{tmp}/file.json/under-a-file.json"], "is not a directory"),
    (["-k", "item", "--results", str(ROOT / "reports" / "torch.json")], "never writes under reports/"),
    (["--plant-fault", "torch-item-float", "--update-baseline"], "--update-baseline records a complete run"),
    (["--baseline", "{tmp}/bad.json"], "malformed baseline"),
    (["--hypothesis-profile", "nosuch"], "is not a registered profile"),
])
def test_usage_errors_exit_2_with_one_line_before_anything_runs(tmp_path, options, message):
    (tmp_path / "file.json").write_text("{}")
    (tmp_path / "bad.json").write_text('{"schema": "interop-conformance-baseline/2", "expected": []}')
    options = [o.replace("{tmp}", str(tmp_path)) for o in options]
    code, output, results = run_conformance(tmp_path / "run", *options, paths=SCALARS,
                                            results="--results" not in options)
    assert code == 2 and message in output and results is None, output
    if "--hypothesis-profile" not in options:
        assert len([line for line in output.splitlines() if message in line]) == 1


def test_a_selection_writes_to_scratch_and_says_so(tmp_path):
    code, output, _ = run_conformance(tmp_path, "--claims", ITEM, "--rootdir", str(tmp_path), "--baseline", "none",
                                      paths=SCALARS, results=False)
    written = json.loads((tmp_path / "reports" / "scratch" / "torch.json").read_text())
    assert code == 0 and not (tmp_path / "reports" / "torch.json").exists()
    assert written["run"] == {"complete": False, "faults": [], "selection": [f"--claims {ITEM}"], "stopped": None}
    assert "not written to reports/torch.json" in output and "every verdict matches" not in output


def test_a_planted_fault_is_recorded_and_moves_the_verdict(tmp_path):
    code, _, results = run_conformance(tmp_path, "--claims", ITEM, "--plant-fault", "torch-item-float",
                                       "--baseline", "none", paths=SCALARS)
    assert results["run"]["faults"] == ["torch-item-float"] and not results["run"]["complete"]
    assert entry(results, ITEM)["verdict"] == "refuted" and code == 0


def test_a_refutation_alone_never_fails_a_run_without_baseline(tmp_path):
    code, output, results = run_conformance(tmp_path, "--claims", REFUTED, "--baseline", "none", paths=SCALARS)
    refuted = entry(results, REFUTED)
    assert code == 0 and refuted["verdict"] == "refuted" and "RuntimeError" in refuted["observed"]
    assert refuted["reproducer"].startswith("tox exec -e torch -- python -m pytest")
    assert "--shrink" in refuted["reproducer"]
    assert refuted["exercised"]["dtypes"] and refuted["cases"]["refuted"]


def test_a_flip_against_the_baseline_fails_and_names_the_claim(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"schema": "interop-conformance-baseline/2", "expected": {REFUTED: "holds"}}))
    code, output, _ = run_conformance(tmp_path, "--claims", REFUTED, "--baseline", str(baseline), paths=SCALARS)
    assert code == 1 and f"{REFUTED}: expected holds, observed refuted" in output


def test_a_missing_framework_is_a_coverage_loss_against_the_baseline(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"schema": "interop-conformance-baseline/2", "expected": {ITEM: "holds"}}))
    code, output, results = run_conformance(tmp_path, "--claims", ITEM, "--baseline", str(baseline),
                                            "--hide-module", "torch", paths=SCALARS)
    assert code == 1 and "COVERAGE LOST" in output and entry(results, ITEM)["reason"] == "torch not installed"


def test_a_framework_the_env_declares_but_lacks_is_an_error_not_a_skip(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFORMANCE_PROVIDES", "torch")
    code, _, results = run_conformance(tmp_path, "--claims", ITEM, "--baseline", "none", "--hide-module", "torch",
                                       paths=SCALARS)
    assert code == 1 and entry(results, ITEM)["verdict"] == "error"


def test_a_run_that_verifies_nothing_fails(tmp_path):
    code, output, _ = run_conformance(tmp_path, "--claims", "torch.float.requires_cpu_no_grad", "-m", "gpu",
                                      "--hide-cuda", "--baseline", "none", paths=SCALARS)
    assert code == 1 and "NO CLAIM GOT A VERDICT" in output


def test_update_baseline_refuses_a_partial_run(tmp_path):
    code, output, _ = run_conformance(tmp_path, "--claims", ITEM, "--update-baseline", paths=SCALARS)
    assert code == 2 and "--update-baseline records a complete run" in output


def copy_of_suite(tmp_path):
    tree = tmp_path / "suite"
    for name in ("conformance", "strategies"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__", "baselines"))
    for name in ("conftest.py", "pytest.ini"):
        shutil.copy(ROOT / name, tree / name)
    return tree


def run_copy(tree, *options):
    done = subprocess.run([sys.executable, "-m", "pytest", "conformance", "-q", "-p", "no:cacheprovider",
                           "--baseline", "none", "--hide-module", "torch", "--hide-module", "tensorflow",
                           "--hide-module", "jax", *options], cwd=tree, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


def test_collection_rules_refuse_stray_or_untested_claims_and_a_broken_module_makes_errors(tmp_path):
    tree = copy_of_suite(tmp_path)
    stray = tree / "conformance" / "test_zz_stray.py"
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
    (tree / "conformance" / "test_tf_ops.py").write_text("raise RuntimeError('broken module')\n")
    code, output = run_copy(tree, "--results", str(tmp_path / "r.json"))
    results = json.loads((tmp_path / "r.json").read_text())
    broken = entry(results, "tf.ops.accept_numpy")
    assert code != 0 and broken["verdict"] == "error" and "test_tf_ops.py failed to collect" in broken["reason"]
    assert not results["run"]["complete"]
