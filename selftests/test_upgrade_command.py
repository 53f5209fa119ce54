"""conformance-upgrade answers 'what changes between two releases' from history files alone: the change with the
release it first appeared in, the releases the atlas lacks, one-line errors with exit 2."""

import pytest

from conformance.upgrade import main
from selftests.helpers import results, with_case, write

CLAIM = "torch.tensor.copies"


def _set(tmp_path, name, torch, document=None):
    document = document or results(env=name)
    document["environment"]["torch"] = torch
    write(tmp_path, f"{name}.json", document)


@pytest.fixture
def history(tmp_path):
    """torch 2.8, 2.9, 2.11 (no 2.10); the claim's int8 case turns to 'shares memory' in 2.9 and stays."""
    _set(tmp_path, "hist-torch28", "2.8.0")
    for name, version in (("hist-torch29", "2.9.1"), ("hist-torch211", "2.11.0")):
        _set(tmp_path, name, version, with_case(results(env=name), CLAIM, "int8-cpu", "refuted", "shares memory"))
    return tmp_path


def test_a_change_is_given_with_the_release_it_first_appeared_in(history, capsys):
    assert main(["torch", "2.8", "2.11", "--history", str(history)]) == 0
    out = capsys.readouterr().out
    assert "torch 2.8.0 → torch 2.11.0" in out
    assert f"- {CLAIM}: holds → refuted (first change in torch 2.9.1)" in out
    assert "holds → shares memory where dtype=int8" in out
    assert "No data for torch 2.10 (not in the atlas)" in out


def test_no_change_is_said_so(history, capsys):
    assert main(["torch", "2.9", "2.11", "--history", str(history)]) == 0
    assert "No case of the" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["torch", "2.8", "2.15"], "the atlas has no data for torch 2.15 (it has torch 2.8.0, 2.9.1, 2.11.0)"),
    (["pandas", "1", "2"], "unknown framework 'pandas'"),
])
def test_what_it_cannot_answer_is_one_line_and_exit_2(history, capsys, argv, message):
    assert main(argv + ["--history", str(history)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_an_upgrade_run_rewrites_nothing_committed_outside_reports(tmp_path, monkeypatch, capsys):
    """TORCH_VERSION=2.14.1 tox -e torch runs the env's reproduce and report commands on results whose versions
    differ from the shipped baseline's: both write under reports/scratch/, never over reproducers/ or REPORT.md."""
    import json
    from pathlib import Path

    from conformance.report.__main__ import main as report
    from conformance.reproduce.__main__ import main as reproduce

    root = Path(__file__).resolve().parents[1]
    upgraded = json.loads((root / "reports" / "torch.json").read_text())
    upgraded["environment"]["torch"] = "2.14.1"
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "torch.json").write_text(json.dumps(upgraded))
    monkeypatch.chdir(tmp_path)
    assert reproduce(["--all", "--results", "reports/torch.json", "--dir", str(tmp_path / "reproducers")]) == 0
    assert report([]) == 0
    out = capsys.readouterr().out
    assert "torch 2.13.0+cpu → 2.14.1" in out
    assert not (tmp_path / "reproducers").exists() and not (tmp_path / "REPORT.md").exists()
    assert list((tmp_path / "reports" / "scratch" / "reproducers" / "torch").glob("*.py"))
    assert (tmp_path / "reports" / "scratch" / "REPORT.md").read_text().startswith("# Interop conformance report")
