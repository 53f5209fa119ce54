"""A document that contradicts itself is refused by compare, the report and the baseline check: exit 2, one line
naming the claim and the field."""

import json

import pytest

from conformance import compare
from conformance.report.__main__ import main as report_main
from selftests.helpers import entry, results, run_conformance, write

CLAIM = "torch.tensor.copies"


def _refuted_while_every_case_holds(document: dict) -> dict:
    entry(document, CLAIM)["verdict"] = "refuted"
    return document


def _finding_miscounted(document: dict) -> dict:
    target = entry(document, CLAIM)
    target["verdict"] = "refuted"
    target["cases"]["int8-cpu"].update(verdict="refuted", outcome="shares memory")
    target["findings"] = [{"outcome": "shares memory", "case": "int8-cpu", "cases": 2, "inputs": []}]
    return document


def _dims_not_the_id(document: dict) -> dict:
    entry(document, CLAIM)["cases"]["int8-cpu"]["dims"]["dtype"] = "int16"
    return document


BROKEN = {
    "refuted while every case holds": (_refuted_while_every_case_holds, '"verdict" is \'refuted\', but the most severe'),
    "a finding's count": (_finding_miscounted, '"findings[0].cases" says 2 refuted cases'),
    "dims that are not the id": (_dims_not_the_id, "case 'int8-cpu': its \"dims\" make the id 'int16-cpu'"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_compare_refuses_a_document_that_contradicts_itself(tmp_path, capsys, name):
    breaks, message = BROKEN[name]
    good = write(tmp_path, "good.json", results("tf"))
    bad = write(tmp_path, "bad.json", breaks(results("tf")))
    assert compare.main([good, bad]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and CLAIM in lines[0] and message in lines[0], lines


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_report_refuses_it_rather_than_leaving_it_out(tmp_path, capsys, name):
    breaks, message = BROKEN[name]
    reports = tmp_path / "reports"
    reports.mkdir()
    write(reports, "tf.json", breaks(results("tf")))
    assert report_main(["--reports", str(reports), "--output", str(tmp_path / "REPORT.md")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and CLAIM in lines[0] and message in lines[0], lines


def test_the_baseline_check_refuses_a_baseline_whose_verdict_is_not_its_cases(tmp_path):
    document = {"schema": "interop-conformance-baseline/3", "expected": {CLAIM: {
        "verdict": "refuted", "cases": {"int8-cpu": {"dims": {"dtype": "int8", "device": "cpu"}, "outcome": "holds"}}}}}
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(document))
    code, output, _ = run_conformance(tmp_path / "run", "--baseline", str(path),
                                      paths=("conformance/tests/test_torch_scalars.py",), results=False)
    assert code == 2 and CLAIM in output and '"verdict" is \'refuted\', but the most severe' in output, output
    assert len([line for line in output.splitlines() if CLAIM in line]) == 1


def test_every_committed_document_is_consistent():
    """What the checks above refuse never happens in what the suite writes (read back by the tools' own loader)."""
    from conformance.results.io import load_baseline
    from conformance.results.io import load_run
    from selftests.helpers import ROOT

    for path in sorted((ROOT / "reports").glob("*.json")) + sorted((ROOT / "reports" / "history").glob("*.json")):
        if json.loads(path.read_text()).get("schema", "").startswith("interop-conformance-results"):
            load_run(path)
    for path in sorted((ROOT / "conformance" / "baselines").glob("*.json")):
        load_baseline(path)
