"""A planted fault must move its claim's verdict: the claims' tests can fail."""

import pytest

from conformance.claims import CLAIMS
from conformance.faults import FAULTS
from selftests.helpers import run_conformance, verdict

pytest.importorskip("torch")
pytest.importorskip("tensorflow")


CASES = [
    ("torch-from-numpy-copies", "torch.from_numpy.shares_memory", "holds", "refuted"),
    ("tf-tensor-accepts-assignment", "tf.tensor.immutable", "holds", "refuted"),
    ("tf-numpy-returns-view", "tf.numpy.shares_memory", "refuted", "holds"),
    ("tf-numpy-returns-view", "tf.numpy.docstring_copies", "holds", "refuted"),
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """One clean run of every case's claim, and one run per planted fault."""
    claims = ",".join(sorted({claim for _, claim, _, _ in CASES}))
    observed = {None: run_conformance(tmp_path_factory.mktemp("clean"), "--claims", claims)}
    for fault in sorted({fault for fault, _, _, _ in CASES}):
        targets = ",".join(sorted({claim for f, claim, _, _ in CASES if f == fault}))
        observed[fault] = run_conformance(tmp_path_factory.mktemp(fault), "--claims", targets, "--plant-fault", fault)
    return observed


@pytest.mark.parametrize("fault, claim_id, before, after", CASES)
def test_planted_fault_moves_verdict(runs, fault, claim_id, before, after):
    _, clean_output, clean = runs[None]
    _, output, planted = runs[fault]
    assert verdict(clean, claim_id)["verdict"] == before, clean_output
    moved = verdict(planted, claim_id)
    assert moved["verdict"] == after, output
    if after == "refuted":
        assert moved["observed"] and moved["reproducer"].startswith("python -m pytest")


def test_every_claim_has_a_fault_and_every_fault_a_known_claim():
    targeted = {claim for fault in FAULTS.values() for claim in fault.targets}
    assert set(CLAIMS) - targeted == set()
    assert targeted - set(CLAIMS) == set()


def test_unknown_fault_is_a_one_line_usage_error(tmp_path):
    code, output, _ = run_conformance(tmp_path, "--claims", "tf.tensor.immutable", "--plant-fault", "no-such-fault")
    assert code == 4 and "unknown fault 'no-such-fault'" in output
