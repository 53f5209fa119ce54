"""The baseline check, case by case: a case that changes outcome class fails even when the claim's verdict stays;
lost coverage fails; a machine-dependent change between machines does not."""

from pathlib import Path

import pytest

from conformance.claims import CLAIMS
from conformance.engine.baseline import baseline_document
from conformance.engine.baseline import check as check_run
from conformance.results.baseline import Baseline
from conformance.results.io import load_baseline
from conformance.results.diff import IMPROVEMENT, REGRESSION, direction
from conformance.results.verdicts import UnusableInput
from selftests.helpers import MACHINE, case, changed, results, run_of, with_case

PERF = "perf.batch_conversion_faster"
EVERY = set(CLAIMS)
CLAIM = "torch.tensor.copies"


def baseline_of(document) -> Baseline:
    return Baseline.from_json("baseline", baseline_document(run_of(document)))


def check(document, expected: Baseline, compared, accepted: str = ""):
    """The engine's baseline check of a synthetic results document, read as the engine reads its run."""
    return check_run(run_of(document), expected, compared, accepted)


def test_a_flip_fails_and_a_match_passes():
    expected = baseline_of(results())
    assert not check(results(), expected, EVERY).failed
    flipped = check(changed(results(), "tf.tensor.immutable", verdict="refuted", observed="x"), expected, EVERY)
    assert flipped.failed and [c.claim_id for c in flipped.changes] == ["tf.tensor.immutable"]
    assert flipped.changes[0].cases.change_lines() == ["holds → raises ValueError where device=cpu (2 cases)"]


def test_a_refuted_claim_whose_holding_case_starts_sharing_fails_though_its_verdict_stays():
    refuted = with_case(results(), CLAIM, "int8-cpu", "refuted", "raises ValueError")
    worse = with_case(refuted, CLAIM, "float32-cpu", "refuted", "shares memory")
    outcome = check(worse, baseline_of(refuted), EVERY)
    assert outcome.failed and outcome.changes[0].old == outcome.changes[0].new == "refuted"
    assert outcome.changes[0].cases.change_lines() == ["holds → shares memory where dtype=float32 (1 case)"]


def test_a_fix_of_part_of_a_refuted_claim_fails_too():
    both = with_case(with_case(results(), CLAIM, "int8-cpu", "refuted"), CLAIM, "float32-cpu", "refuted")
    fixed = with_case(both, CLAIM, "int8-cpu", "holds")
    assert check(fixed, baseline_of(both), EVERY).changes[0].cases.changed == {("raises ValueError", "holds"):
                                                                              ["int8-cpu"]}


def test_one_failure_kind_turning_into_another_fails():
    before = with_case(results(), CLAIM, "int8-cpu", "refuted", "raises ValueError")
    after = with_case(results(), CLAIM, "int8-cpu", "refuted", "shares memory")
    assert check(after, baseline_of(before), EVERY).failed


def test_a_case_expected_to_be_decided_but_skipped_or_gone_fails_the_run():
    lost = check(with_case(results(), "tf.tensor.immutable", "int8-cpu", "skipped"), baseline_of(results()), EVERY)
    assert lost.failed and lost.coverage_losses[0].cases.lost == {"holds": ["int8-cpu"]}
    document = results()
    del next(e for e in document["claims"] if e["id"] == "tf.tensor.immutable")["cases"]["int8-cpu"]
    assert check(document, baseline_of(results()), EVERY).coverage_losses


def test_a_new_case_is_coverage_gained_not_a_failure():
    grown = results(cases={CLAIM: {"int8-cpu": case({"dtype": "int8", "device": "cpu"}),
                                   "float32-cpu": case({"dtype": "float32", "device": "cpu"}),
                                   "int8-cuda:0": case({"dtype": "int8", "device": "cuda:0"})}})
    outcome = check(grown, baseline_of(results()), EVERY)
    assert not outcome.failed and outcome.gains[0].cases.gained == ["int8-cuda:0"]


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


def test_other_versions_fail_on_a_change_too_classed_as_regression_or_improvement():
    """The upgrade check: a run on other versions than the baseline's fails on any changed case, like one on the
    pinned versions, unless the changes are accepted; each change is a regression or an improvement."""
    worse = with_case(results(numpy="2.3.5"), CLAIM, "int8-cpu", "refuted", "raises ValueError")
    outcome = check(worse, baseline_of(results()), EVERY)
    assert outcome.failed and "numpy 2.4.6 → 2.3.5" in outcome.versions_differ
    assert [c.claim_id for c in outcome.of_kind(REGRESSION)] == [CLAIM] and not outcome.of_kind(IMPROVEMENT)
    better = check(results(numpy="2.3.5"), baseline_of(worse), EVERY)
    assert better.failed and [c.claim_id for c in better.of_kind(IMPROVEMENT)] == [CLAIM]
    accepted = check(worse, baseline_of(results()), EVERY, accepted="--accept-changes")
    assert not accepted.failed and accepted.changes


def test_accepting_changes_never_accepts_lost_coverage():
    lost = with_case(results(numpy="2.3.5"), CLAIM, "int8-cpu", "skipped")
    assert check(lost, baseline_of(results()), EVERY, accepted="--accept-changes").failed


@pytest.mark.parametrize("old, new, kind", [
    ("holds", "raises ValueError", REGRESSION), ("raises ValueError", "holds", IMPROVEMENT),
    ("raises ValueError", "shares memory", REGRESSION), ("raises ValueError", "crashes SIGSEGV", REGRESSION),
    ("error TypeError", "raises TypeError", IMPROVEMENT), ("crashes SIGABRT", "error RuntimeError", IMPROVEMENT),
    ("times out", "exits 3", REGRESSION), ("exits 3", "wrong values", IMPROVEMENT),
    ("holds", "inconclusive", REGRESSION), ("error", "crashes SIGSEGV", REGRESSION)])
def test_the_severity_order_of_outcomes(old, new, kind):
    """holds < inconclusive < a refutation of any kind < error < crashes, exits or times out; a change to an
    outcome of the same rank is a regression (what code relied on is gone)."""
    assert direction(old, new) == kind


def test_a_claim_the_baseline_lacks_must_be_recorded():
    recorded = baseline_of(results())
    del recorded.expected["tf.tensor.immutable"]
    assert check(results(), recorded, EVERY).unrecorded == ["tf.tensor.immutable"]


@pytest.mark.parametrize("content, message", [
    ('{"schema": "interop-conformance-baseline/3", "expected": {"tf.tensor.immutable": "maybe"}}', "'maybe'"),
    ('{"schema": "interop-conformance-baseline/3", "expected": {"nope": {"verdict": "holds"}}}',
     "not in the catalog: nope"),
    ('{"schema": "interop-conformance-baseline/3", "expected": {"tf.tensor.immutable": {"verdict": "holds", '
     '"cases": {"x": {}}}}}', "cases must each have an \"outcome\""),
    ('{"schema": "interop-conformance-baseline/2", "expected": {}}', "not a baseline file"),
])
def test_unusable_baselines_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(UnusableInput, match=message):
        load_baseline(path)


AVX2 = {**MACHINE, "features": ["sse42", "avx", "fma3", "avx2"]}
NO_AVX2 = {**MACHINE, "features": ["sse42", "avx"]}


@pytest.mark.parametrize("here, fails", [(NO_AVX2, False), (AVX2, True)])
def test_a_crash_on_another_cpu_class_is_reported_and_fails_only_on_the_same_class(here, fails):
    """The README's rule: a case that crashes on one class of CPU (its features differ) and not on another never
    turns the other's run red; on the same class it does."""
    expected = baseline_of(results(machine=AVX2))
    crashed = with_case(results(machine=here), CLAIM, "int8-cpu", "refuted", "crashes SIGSEGV")
    outcome = check(crashed, expected, EVERY)
    assert outcome.failed is fails
    if not fails:
        assert outcome.machine_changes == [f"{CLAIM}: holds → crashes SIGSEGV where dtype=int8 (1 case) "
                                           "(avx2, fma3 baseline only)"]


@pytest.mark.parametrize("here, shown", [(NO_AVX2, False), (AVX2, True)])
def test_pytest_shows_a_crash_as_a_failure_only_on_the_baselines_cpu_class(tmp_path, here, shown):
    """The item itself follows the same rule as the baseline check: where the baseline's CPU class differs, a
    crash of a case expected to hold is an expected failure (XFAIL), not a FAILED item that turns the run red."""
    from conformance.engine.plan import Plan

    plan = Plan(root=tmp_path, baseline=baseline_of(results(machine=AVX2)), machine=here)
    assert plan.tolerates_refutation(CLAIM, "int8-cpu", "crashes SIGSEGV") is not shown
    assert not plan.tolerates_refutation(CLAIM, "int8-cpu", "shares memory")


def test_a_crash_with_a_framework_dispatch_variable_set_is_reported_not_failed():
    """ATEN_CPU_CAPABILITY=default runs torch's default kernels on an AVX2 CPU: another code path, so a crash that
    comes or goes with it is machine-dependent, as between CPU classes, and the change names the variable."""
    expected = baseline_of(results(machine=AVX2))
    default = {**AVX2, "dispatch": {"ATEN_CPU_CAPABILITY": "default"}}
    crashed = with_case(results(machine=default), CLAIM, "int8-cpu", "refuted", "crashes SIGSEGV")
    outcome = check(crashed, expected, EVERY)
    assert not outcome.failed
    assert outcome.machine_changes == [f"{CLAIM}: holds → crashes SIGSEGV where dtype=int8 (1 case) "
                                       "(ATEN_CPU_CAPABILITY=default here only)"]
    copied = with_case(results(machine=default), CLAIM, "int8-cpu", "refuted", "shares memory")
    assert check(copied, expected, EVERY).failed


def test_another_frameworks_dispatch_variable_excuses_no_crash_of_this_claim():
    """TF_ENABLE_ONEDNN_OPTS=0 (often exported to quiet TensorFlow's notice) changes no kernel of a torch claim: in an
    env with both installed, a torch claim's new crash still fails the run, and pytest still shows it."""
    from conformance.engine.plan import Plan

    expected = baseline_of(results(machine=AVX2))
    quiet_tf = {**AVX2, "dispatch": {"TF_ENABLE_ONEDNN_OPTS": "0"}}
    crashed = with_case(results(machine=quiet_tf), CLAIM, "int8-cpu", "refuted", "crashes SIGSEGV")
    outcome = check(crashed, expected, EVERY)
    assert outcome.failed and not outcome.machine_changes
    plan = Plan(root=Path("."), baseline=expected, machine=quiet_tf)
    assert not plan.tolerates_refutation(CLAIM, "int8-cpu", "crashes SIGSEGV")
    assert Plan(root=Path("."), baseline=expected, machine={**AVX2, "dispatch": {"ATEN_CPU_CAPABILITY": "avx2"}}
                ).tolerates_refutation(CLAIM, "int8-cpu", "crashes SIGSEGV")


PAIR = "dlpack.from_dlpack.zero_copy"  # a claim over torch, tf and jax, each case one producer → consumer pair


@pytest.mark.parametrize("dispatch, consumer, excused", [
    ({"TF_ENABLE_ONEDNN_OPTS": "0"}, "torch", False),  # the interop env: TF's variable runs no kernel of numpy→torch
    ({"TF_ENABLE_ONEDNN_OPTS": "0"}, "tf", True),
    ({"ATEN_CPU_CAPABILITY": "default"}, "torch", True),
    ({"ATEN_CPU_CAPABILITY": "default", "TF_ENABLE_ONEDNN_OPTS": "0"}, "torch", True)])
def test_a_pair_cases_crash_is_excused_only_by_the_variables_of_its_own_producer_and_consumer(dispatch, consumer,
                                                                                              excused):
    """A claim over every framework runs one pair per case: a case's class counts the dispatch variables of its
    producer and consumer (and NumPy's), in the baseline check and in pytest's view alike; the change names only them."""
    from conformance.engine.plan import Plan

    case_id = f"int8-numpy-{consumer}-cpu"
    cases = {PAIR: {case_id: case({"dtype": "int8", "producer": "numpy", "consumer": consumer, "device": "cpu"})}}
    expected = baseline_of(results(machine=AVX2, cases=cases))
    here = {**AVX2, "dispatch": dispatch}
    crashed = with_case(results(machine=here, cases=cases), PAIR, case_id, "refuted", "crashes SIGSEGV")
    outcome = check(crashed, expected, EVERY)
    assert outcome.failed is not excused
    assert Plan(root=Path("."), baseline=expected, machine=here).tolerates_refutation(
        PAIR, case_id, "crashes SIGSEGV") is excused
    if excused:
        [line] = outcome.machine_changes
        assert ("TF_ENABLE_ONEDNN_OPTS" in line) is (consumer == "tf") and ("ATEN" in line) is ("ATEN_CPU_CAPABILITY"
                                                                                             in dispatch)


def test_other_changes_fail_whatever_the_cpu_class():
    expected = baseline_of(results(machine=AVX2))
    copied = with_case(results(machine=NO_AVX2), CLAIM, "int8-cpu", "refuted", "shares memory")
    assert check(copied, expected, EVERY).failed
