"""The plugin's refusals, skips and results file."""

import shutil
import textwrap

from conformance.claims import CLAIMS
from conformance.results import SCHEMA
from selftests.helpers import ROOT, run_conformance, verdict


def copy_of_suite(tmp_path):
    tree = tmp_path / "suite"
    for name in ("conformance", "strategies"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("conftest.py", "pytest.ini"):
        shutil.copy(ROOT / name, tree / name)
    return tree


def test_refuses_a_test_that_names_an_unknown_claim(tmp_path):
    tree = copy_of_suite(tmp_path)
    (tree / "conformance" / "test_zz_stray.py").write_text(textwrap.dedent("""
        import pytest

        @pytest.mark.claim("no.such.claim")
        def test_stray():
            pass
    """))
    code, output, results = run_conformance(tmp_path, cwd=tree)
    assert code == 4 and "not in the catalog: no.such.claim" in output and results is None


def test_refuses_a_catalog_claim_without_a_test(tmp_path):
    tree = copy_of_suite(tmp_path)
    (tree / "conformance" / "test_tf_ops.py").unlink()
    code, output, results = run_conformance(tmp_path, cwd=tree)
    assert code == 4 and "catalog claims without a test:" in output and "tf.ops.accept_numpy" in output


def test_refuses_a_test_without_a_claim_marker(tmp_path):
    tree = copy_of_suite(tmp_path)
    (tree / "conformance" / "test_zz_untagged.py").write_text("def test_untagged():\n    pass\n")
    code, output, _ = run_conformance(tmp_path, cwd=tree)
    assert code == 4 and "without @pytest.mark.claim" in output


def test_unknown_claim_in_claims_option(tmp_path):
    code, output, _ = run_conformance(tmp_path, "--claims", "torch.nope")
    assert code == 4 and "--claims names unknown claim ids: torch.nope" in output


def test_malformed_baseline_is_a_one_line_error(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"schema": "interop-conformance-baseline/1", "expected": {"tf.tensor.immutable": "maybe"}}')
    code, output, _ = run_conformance(tmp_path, "--claims", "tf.tensor.immutable", "--baseline", str(baseline))
    assert code == 4 and "malformed baseline" in output
    assert "Traceback" not in output


def test_baseline_flip_fails_the_run_and_names_the_claim(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"schema": "interop-conformance-baseline/1", "expected": {"dtype.default_float.torch": "refuted"}}')
    code, output, results = run_conformance(tmp_path, "--claims", "dtype.default_float.torch",
                                            "--hide-module", "tensorflow", "--baseline", str(baseline))
    assert code == 1
    assert "dtype.default_float.torch: expected refuted, observed holds" in output


def test_expected_refutation_passes_and_missing_framework_skips_with_reason(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"schema": "interop-conformance-baseline/1", "expected": '
                        '{"torch.item.multi_element_raises_valueerror": "refuted", "tf.tensor.immutable": "skipped"}}')
    code, output, results = run_conformance(
        tmp_path, "--claims", "torch.item.multi_element_raises_valueerror,tf.tensor.immutable",
        "--hide-module", "tensorflow", "--baseline", str(baseline))
    assert code == 0, output
    assert results["schema"] == SCHEMA and len(results["claims"]) == len(CLAIMS)
    refuted = verdict(results, "torch.item.multi_element_raises_valueerror")
    assert refuted["verdict"] == "refuted" and "RuntimeError" in refuted["observed"]
    assert "explicit example: test_item_multi_element_raises_valueerror" in refuted["counterexample"]
    skipped = verdict(results, "tf.tensor.immutable")
    assert skipped["verdict"] == "skipped" and skipped["reason"] == "tensorflow not installed"
    assert verdict(results, "torch.numpy.shares_memory")["reason"] == "deselected in this run"


def test_update_baseline_refuses_a_partial_run(tmp_path):
    code, output, results = run_conformance(tmp_path, "--claims", "dtype.default_float.torch", "--update-baseline")
    assert code == 4 and "--update-baseline records every claim's verdict" in output and results is None
