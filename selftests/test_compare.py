"""The comparer: flips in each direction, identical files, and every kind of unusable input."""

import copy
import json

import pytest

from conformance.claims import CLAIMS
from conformance.compare import main
from conformance.results import SCHEMA, catalog_digest


def results(env, verdicts, numpy="2.4.6"):
    claims = []
    for claim_id in CLAIMS:
        verdict = verdicts.get(claim_id, "holds")
        entry = {"id": claim_id, "statement": CLAIMS[claim_id].statement, "source": "s", "verdict": verdict,
                 "examples": 5}
        if verdict == "refuted":
            entry["observed"] = f"observed in {env}"
        if verdict == "skipped":
            entry["reason"] = "no CUDA device"
        claims.append(entry)
    return {"schema": SCHEMA, "catalog": catalog_digest(), "claims": claims,
            "environment": {"env": env, "numpy": numpy, "torch": "2.13.0", "tensorflow": "2.21.0"}}


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_identical_files_exit_0(tmp_path, capsys):
    old = write(tmp_path, "old.json", results("old", {}))
    assert main([old, old]) == 0
    assert "0 verdict flip(s)" in capsys.readouterr().out


@pytest.mark.parametrize("before, after", [("holds", "refuted"), ("refuted", "holds"), ("holds", "error")])
def test_flip_exits_1_with_both_observations_and_versions(tmp_path, capsys, before, after):
    claim = "tf.float.single_element"
    old = write(tmp_path, "old.json", results("numpy1", {claim: before}, numpy="1.26.4"))
    new = write(tmp_path, "new.json", results("tf", {claim: after}))
    assert main([old, new]) == 1
    out = capsys.readouterr().out
    assert f"{claim}: {before} -> {after}" in out
    assert "numpy 1.26.4" in out and "numpy 2.4.6" in out
    assert "old: " in out and "new: " in out


def test_skip_changes_are_listed_and_only_fail_with_strict(tmp_path, capsys):
    old = write(tmp_path, "old.json", results("a", {"torch.numpy.cuda_raises": "skipped"}))
    new = write(tmp_path, "new.json", results("b", {"torch.numpy.cuda_raises": "refuted"}))
    assert main([old, new]) == 0
    assert "coverage changes:" in capsys.readouterr().out
    assert main([old, new, "--strict"]) == 1


def test_merged_sides_prefer_verdicts_that_ran(tmp_path, capsys):
    claim = "tf.tensor.immutable"
    old = write(tmp_path, "old.json", results("numpy1", {claim: "holds"}))
    tf_side = write(tmp_path, "tf.json", results("tf", {claim: "refuted"}))
    torch_side = write(tmp_path, "torch.json", results("torch", {claim: "skipped"}))
    assert main([old, f"{torch_side}+{tf_side}"]) == 1
    assert f"{claim}: holds -> refuted" in capsys.readouterr().out


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    ("{not json", "not valid JSON"),
    ('{"hello": 1}', "not a results file"),
    (json.dumps({"schema": SCHEMA, "claims": [], "environment": []}), "without an environment object"),
    (json.dumps({"schema": SCHEMA, "catalog": "x", "environment": {}, "claims": [{"id": "a", "verdict": "?"}]}),
     "no valid verdict"),
    (json.dumps({"schema": SCHEMA, "environment": {}, "claims": []}), "without its claim catalog digest"),
])
def test_unusable_input_exits_2_with_one_line(tmp_path, capsys, content, message):
    good = write(tmp_path, "good.json", results("a", {}))
    bad = str(tmp_path / "bad.json") if content is None else write(tmp_path, "bad.json", content)
    assert main([good, bad]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_different_catalogs_exit_2(tmp_path, capsys):
    other = copy.deepcopy(results("b", {}))
    other["catalog"] = "0123456789abcdef"
    assert main([write(tmp_path, "a.json", results("a", {})), write(tmp_path, "b.json", other)]) == 2
    assert "different claim catalogs" in capsys.readouterr().err


def test_same_verdict_with_a_different_exception_is_listed_but_does_not_fail(tmp_path, capsys):
    claim = "torch.np_asarray.copy_false"
    old = results("numpy1", {claim: "refuted"})
    new = results("torch", {claim: "refuted"})
    old["claims"][list(CLAIMS).index(claim)]["observed"] = "np.asarray(t, copy=False) raised TypeError: no copy"
    new["claims"][list(CLAIMS).index(claim)]["observed"] = "np.asarray(t, copy=False) raised ValueError: copy"
    assert main([write(tmp_path, "old.json", old), write(tmp_path, "new.json", new)]) == 0
    out = capsys.readouterr().out
    assert "same verdict, different exception:" in out and "TypeError" in out and "ValueError" in out
