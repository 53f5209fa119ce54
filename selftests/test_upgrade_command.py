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
