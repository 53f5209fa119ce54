"""REPORT.md generation from results files."""

import json

from conformance.report import main
from selftests.test_compare import results


def test_report_merges_envs_and_shows_refutations_and_upgrade_diff(tmp_path, capsys):
    reports = tmp_path / "reports"
    reports.mkdir()
    claim = "tf.float.single_element"
    old = results("numpy1", {claim: "holds"}, numpy="1.26.4")
    new = results("tf", {claim: "refuted", "torch.numpy.cuda_raises": "skipped"})
    new["claims"][[c["id"] for c in new["claims"]].index(claim)].update(
        reproducer="python -m pytest 'x'", counterexample="Falsifying example: t(a=1)")
    (reports / "numpy1.json").write_text(json.dumps(old))
    (reports / "tf.json").write_text(json.dumps(new))
    output = tmp_path / "REPORT.md"
    assert main(["--reports", str(reports), "--output", str(output)]) == 0
    text = output.read_text()
    assert "| env | python | numpy |" in text and "| tf |" in text and "| numpy1 |" in text
    assert "## Upgrade diff" in text and f"`{claim}` | holds | refuted" in text
    assert "Falsifying example: t(a=1)" in text and "python -m pytest 'x'" in text
    assert "⏭️ skipped (no CUDA device)" in text


def test_report_without_results_or_with_corrupt_file_is_a_one_line_error(tmp_path, capsys):
    assert main(["--reports", str(tmp_path), "--output", str(tmp_path / "R.md")]) == 2
    assert "no results files" in capsys.readouterr().err
    (tmp_path / "tf.json").write_text("{oops")
    assert main(["--reports", str(tmp_path), "--output", str(tmp_path / "R.md")]) == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err and len(err.strip().splitlines()) == 1
