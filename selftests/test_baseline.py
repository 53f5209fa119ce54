"""The baseline check: flips fail, lost coverage fails, a machine-dependent change between machines does not."""

import pytest

from conformance.claims import CLAIMS
from conformance.engine.baseline import Baseline, baseline_document, check, load_baseline
from conformance.engine.results import UnusableInput
from selftests.helpers import MACHINE, changed, results

PERF = "perf.batch_conversion_faster"
EVERY = set(CLAIMS)


def baseline_of(document) -> Baseline:
    recorded = baseline_document(document)
    return Baseline(None, recorded["expected"], recorded["observed_with"], recorded["machine"], recorded["measured"])


def test_a_flip_fails_and_a_match_passes():
    expected = baseline_of(results())
    assert not check(results(), expected, EVERY).failed
    flipped = check(changed(results(), "tf.tensor.immutable", verdict="refuted", observed="x"), expected, EVERY)
    assert flipped.failed and flipped.flips == [("tf.tensor.immutable", "holds", "refuted")]


def test_a_claim_expected_to_run_but_skipped_fails_the_run():
    lost = check(changed(results(), "tf.tensor.immutable", verdict="skipped", reason="tensorflow not installed"),
                 baseline_of(results()), EVERY)
    assert lost.failed and lost.coverage_losses == [("tf.tensor.immutable", "holds", "skipped")]


def test_claims_outside_the_run_are_not_compared():
    skipped = changed(results(), "tf.tensor.immutable", verdict="skipped", reason="deselected in this run")
    assert not check(skipped, baseline_of(results()), EVERY - {"tf.tensor.immutable"}).failed


def test_a_timing_claim_that_changes_between_machines_is_reported_not_failed():
    here = changed(results(machine={**MACHINE, "cpu": "AMD EPYC"}), PERF, verdict="refuted", measured={"median": 0.4})
    elsewhere = baseline_of(changed(results(machine={**MACHINE, "cpu": "Intel Xeon"}), PERF, measured={"median": 3}))
    outcome = check(here, elsewhere, EVERY)
    change = outcome.machine_changes[0]
    assert not outcome.failed and "on Intel Xeon" in change and "AMD EPYC" in change


def test_a_timing_claim_that_changes_on_the_same_machine_fails_unless_inconclusive():
    same = baseline_of(results())
    assert check(changed(results(), PERF, verdict="refuted"), same, EVERY).failed
    assert not check(changed(results(), PERF, verdict="inconclusive"), same, EVERY).failed


def test_other_versions_turn_flips_into_findings():
    outcome = check(changed(results(numpy="2.3.5"), "tf.tensor.immutable", verdict="refuted"),
                    baseline_of(results()), EVERY)
    assert not outcome.failed and outcome.version_changes and "numpy 2.4.6 → 2.3.5" in outcome.versions_differ


def test_a_claim_the_baseline_lacks_must_be_recorded():
    recorded = baseline_of(results())
    del recorded.expected["tf.tensor.immutable"]
    assert check(results(), recorded, EVERY).unrecorded == ["tf.tensor.immutable"]


@pytest.mark.parametrize("content, message", [
    ('{"schema": "interop-conformance-baseline/2", "expected": {"tf.tensor.immutable": "maybe"}}', "'maybe'"),
    ('{"schema": "interop-conformance-baseline/2", "expected": {"nope": "holds"}}', "not in the catalog: nope"),
    ('{"schema": "other"}', "not a baseline file"),
])
def test_unusable_baselines_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(UnusableInput, match=message):
        load_baseline(path)
