"""When the main job's results may stand in for the mutation run's unfaulted run, and when they may not."""

import pytest

from conformance import mutation
from conformance.claims import CLAIMS
from conformance import host
from conformance.tools.reference import reference_run
from conformance.results.io import suite_digest
from conformance.results.verdicts import UnusableInput
from selftests.helpers import changed, results, write

SINGLE_TORCH_CLAIM = next(c.id for c in CLAIMS.values() if c.needs == ("torch",) and c.domain["device"] == ("cpu",))


def made_here(env="torch", **verdicts) -> dict:
    document = results(env, verdicts)
    document["suite"] = suite_digest()
    document["environment"].update(host.Environment().describe(env, "ci", 0))
    return document


def test_a_run_of_this_code_versions_and_machine_stands_in(tmp_path):
    merged, why_not = reference_run([write(tmp_path, "torch.json", made_here())], "ci")
    first = next(iter(merged)) if merged is not None else None
    assert why_not == "" and first is not None and first.verdict == "holds" and first.cases


@pytest.mark.parametrize("spoil, reason", [
    (lambda d: d.update(suite="0" * 16), "other code of the suite"),
    (lambda d: d["run"].update(complete=False, faults=["torch-clone-aliases"]), "not a complete, unfaulted run"),
    (lambda d: d["environment"].update(numpy="1.26.4"), "numpy 1.26.4"),
    (lambda d: d["environment"].update(hypothesis_profile="default"), "hypothesis_profile default"),
    (lambda d: d["environment"].update(machine={"cpu": "Other CPU", "cores": 64, "arch": "x86_64"}),
     "not on this machine"),
])
def test_anything_that_decides_a_verdict_differing_refuses_the_reference(tmp_path, spoil, reason):
    document = made_here()
    spoil(document)
    merged, why_not = reference_run([write(tmp_path, "torch.json", document)], "ci")
    assert merged is None and reason in why_not


def test_a_claim_that_can_run_here_but_has_no_verdict_refuses_the_reference(tmp_path):
    document = changed(made_here(), SINGLE_TORCH_CLAIM, verdict="skipped", reason="torch not installed")
    merged, why_not = reference_run([write(tmp_path, "torch.json", document)], "ci")
    assert merged is None and why_not.startswith(SINGLE_TORCH_CLAIM)


def test_a_reference_file_that_is_not_there_is_bad_input(tmp_path, capsys):
    with pytest.raises(UnusableInput, match="no such file"):
        reference_run([tmp_path / "absent.json"], "ci")
    code = mutation.main(["--reference", str(tmp_path / "absent.json"), "--output", str(tmp_path / "m.json")])
    assert code == 2 and capsys.readouterr().err.strip().count("\n") == 0


def test_a_mutation_run_without_a_worker_is_refused_before_it_runs(tmp_path, capsys):
    assert mutation.main(["-n", "0", "--output", str(tmp_path / "m.json")]) == 2
    assert capsys.readouterr().err.strip() == "mutation: --workers 0: at least 1"
