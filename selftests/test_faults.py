"""The fault registry: one fault module per topic, each fault named after its function, every claim targeted."""

import pytest

from conformance.claims import CLAIMS
from conformance.faults import FAULTS, wrap


def test_every_claim_has_a_fault_of_its_own_topic_and_every_fault_a_known_claim():
    targeted = {claim for fault in FAULTS.values() for claim in fault.targets}
    assert set(CLAIMS) - targeted == set() and targeted - set(CLAIMS) == set()
    for fault in FAULTS.values():
        assert all(CLAIMS[c].topic == fault.topic for c in fault.targets), fault.name
        assert fault.patch.__name__.replace("_", "-") == fault.name


DOMAIN_FAULTS = {  # one fault per dimension of a domain, across frameworks: each fires in one part only
    "torch-from-numpy-copies-int16": "one dtype",
    "tf-constant-off-for-rank0": "rank 0",
    "torch-item-off-for-rank0": "rank 0",
    "torch-item-ignores-conj-bit": "one torch layout",
    "torch-from-numpy-copies-from-4k": "arrays of 4 KB and up",
    "torch-numpy-copies-noncontiguous": "non-contiguous tensors",
    "torch-from-numpy-copies-fortran": "one NumPy layout",
    "tf-constant-live-fortran": "one NumPy layout",
    "tf-constant-float64-nested": "nested lists",
    "torch-tensor-float64-nested": "nested lists",
    "jax-item-off-for-rank0": "rank 0",
}


@pytest.mark.parametrize("name", sorted(DOMAIN_FAULTS))
def test_domain_faults_exist(name):
    assert name in FAULTS


def test_wrap_replaces_an_attribute_with_a_function_of_the_original():
    class Owner:
        value = staticmethod(lambda: 1)

    monkeypatch = pytest.MonkeyPatch()
    wrap(monkeypatch, Owner, "value", lambda original: lambda: original() + 1)
    assert Owner.value() == 2
    monkeypatch.undo()
    assert Owner.value() == 1
