"""The upgrade check, end to end: a run on other versions than its baseline's fails on a changed case (a planted fault
stands in for the new release's regression), lists it as a regression, passes with --accept-changes while still
listing it, and passes without a false word when nothing changed. ``--baseline NAME`` resolves a shipped baseline."""

import json

import pytest

from conformance.engine.baseline import baseline_document
from conformance.results.io import BASELINE_DIR, load_baseline
from conformance.results.model import Run
from selftests.helpers import entry, run_conformance

pytest.importorskip("torch")
SCALARS = ("conformance/tests/test_torch_scalars.py",)
ITEM = "torch.item.scalar_to_python"
FAULT = "torch-item-float"  # torch's .item() returns a float for integer tensors: ITEM's holding cases fail
OLD_TORCH = "2.8.0"


@pytest.fixture(scope="module")
def old_versions_baseline(tmp_path_factory) -> str:
    """ITEM's observed outcomes here, recorded as if by a run on another torch release."""
    tmp = tmp_path_factory.mktemp("upgrade")
    code, output, observed = run_conformance(tmp / "observed", "--claims", ITEM, "--baseline", "none",
                                             "--containment", "off", paths=SCALARS)
    assert code == 0 and entry(observed, ITEM)["verdict"] == "holds", output
    document = baseline_document(Run.from_json("observed", {**observed, "claims": [entry(observed, ITEM)]}))
    assert document["observed_with"]["torch"] != OLD_TORCH
    document["observed_with"]["torch"] = OLD_TORCH
    path = tmp / "baseline.json"
    path.write_text(json.dumps(document))
    return str(path)


def run(tmp_path, baseline: str, *options: str):
    """In this process, without containment: the baseline check is the subject, the fault crashes nothing, and an
    earlier selftest (test_registry) may have started frameworks' threads here, which make a fork unsafe."""
    return run_conformance(tmp_path, "--claims", ITEM, "--baseline", baseline, "--containment", "off", *options,
                           paths=SCALARS)


def test_a_regression_on_other_versions_fails_the_run_and_is_named(tmp_path, old_versions_baseline):
    code, output, _ = run(tmp_path, old_versions_baseline, "--plant-fault", FAULT)
    assert code == 1, output
    assert f"versions differ from the baseline's (torch {OLD_TORCH} →" in output
    assert "CASES CHANGED OUTCOME" in output and "REGRESSIONS" in output and "IMPROVEMENTS" not in output
    assert f"  {ITEM} (claim holds → refuted):" in output and "holds → wrong type where" in output
    assert "every case matches" not in output and "--accept-changes" in output


def test_accepted_changes_pass_the_run_and_are_still_listed(tmp_path, old_versions_baseline):
    code, output, _ = run(tmp_path, old_versions_baseline, "--plant-fault", FAULT, "--accept-changes")
    assert code == 0, output
    assert "accepted by --accept-changes" in output and "REGRESSIONS" in output
    assert "holds → wrong type where" in output and "every case matches" not in output


def test_other_versions_without_a_change_pass_without_claiming_a_change_or_a_match(tmp_path, old_versions_baseline):
    code, output, _ = run(tmp_path, old_versions_baseline)
    assert code == 0, output
    assert f"versions differ from the baseline's (torch {OLD_TORCH} →" in output
    assert "CASES CHANGED" not in output and "REGRESSIONS" not in output and "IMPROVEMENTS" not in output
    assert "every case matches" not in output  # a selection: its other claims were not compared


def test_baseline_name_resolves_the_shipped_baseline(tmp_path):
    shipped = load_baseline(BASELINE_DIR / "torch.json")
    assert shipped.expected_outcome(ITEM, next(iter(shipped.cases(ITEM))))
    code, output, _ = run(tmp_path, "torch")
    assert code == 0 and f"against {BASELINE_DIR / 'torch.json'}" not in output, output
    code, output, _ = run(tmp_path / "faulted", "torch", "--plant-fault", FAULT)
    assert code == 1 and f"CASES CHANGED OUTCOME against {BASELINE_DIR / 'torch.json'}" in output, output


def test_an_unknown_baseline_name_is_one_line_listing_the_shipped_ones(tmp_path):
    code, output, results = run(tmp_path, "pytorch")
    lines = [line for line in output.splitlines() if "--baseline 'pytorch'" in line]
    assert code == 2 and results is None and len(lines) == 1, output
    assert "shipped: array_api_strict, interop, jax, tf, torch" in lines[0]
