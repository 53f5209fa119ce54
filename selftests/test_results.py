"""Results files: every kind of unusable input is a one-line error naming the file; merges never depend on order."""

import json
import os

import pytest

from conformance.results.merge import merge_results
from conformance.results.io import load_run, write_json
from conformance.results.verdicts import UnusableInput
from conformance.claims import CLAIMS
from conformance.results.model import Run
from selftests.helpers import changed, entry, results, with_case, write


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    (b"\xff\xfe\x00junk", "not UTF-8 text"),
    ('{"hello": 1}', "not a results file"),
    (json.dumps({**results(), "catalog": "0123456789abcdef"}), "another version of the claim catalog"),
    (json.dumps({**results(), "claims": []}), "lacks"),
    (json.dumps({**results(), "environment": {"env": None}}), "\"environment.env\" must be a str, not None"),
    (json.dumps({**results(), "run": {"complete": "yes", "faults": []}}), "\"run.complete\" must be a bool"),
    (json.dumps(changed(results(), "tf.tensor.immutable", verdict="maybe")), "has verdict 'maybe'"),
    (json.dumps(changed(results(), "tf.tensor.immutable", observed=123)), "\"observed\" must be text, not 123"),
    (json.dumps(changed(results(), "tf.tensor.immutable", cases={"x": {"verdict": "holds"}})),
     "case 'x' needs \"dims\", a \"verdict\" and an \"outcome\""),
    (json.dumps({**results(), "claims": results()["claims"] + [{"id": "no.such", "verdict": "holds"}]}),
     "'no.such', which is not in the catalog"),
    (json.dumps({**results(), "claims": results()["claims"] + results()["claims"][:1]}), "appears twice"),
])
def test_unusable_results_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(UnusableInput, match=message.replace("(", r"\(").replace(")", r"\)")) as error:
        load_run(path)
    assert str(error.value).startswith(str(path)) and "\n" not in str(error.value)


def test_a_directory_and_an_unreadable_file_are_named_as_such(tmp_path):
    with pytest.raises(UnusableInput, match="is a directory"):
        load_run(tmp_path)
    unreadable = tmp_path / "locked.json"
    unreadable.write_text("{}")
    unreadable.chmod(0)
    if os.geteuid() != 0:
        with pytest.raises(UnusableInput, match="permission denied"):
            load_run(unreadable)


def test_merge_prefers_a_case_that_ran_and_never_depends_on_order(tmp_path):
    claim = "tf.tensor.immutable"
    ran = write(tmp_path, "tf.json", changed(results("tf"), claim, verdict="refuted"))
    skipped = write(tmp_path, "torch.json", changed(results("torch"), claim, verdict="skipped"))
    assert merge_results([ran, skipped]).claims == merge_results([skipped, ran]).claims
    assert merge_results([skipped, ran]).claims[claim].verdict == "refuted"


def test_a_merge_of_two_runs_that_refute_a_claim_alike_stays_consistent(tmp_path):
    """Each run found one case of the claim refuted the same way: the merged finding counts both, so the merged
    document reads back (a finding that counted one of them would contradict the merged cases)."""
    claim = "tf.tensor.immutable"
    document = changed(results("tf"), claim, verdict="refuted", findings=[
        {"outcome": "raises ValueError", "case": "int8-cpu", "cases": 2}])
    one = with_case(with_case(document, claim, "float32-cpu", "skipped"), claim, "int8-cpu", "refuted")
    other = with_case(with_case(document, claim, "int8-cpu", "skipped"), claim, "float32-cpu", "refuted")
    for run in (one, other):
        entry(run, claim)["findings"][0].update(cases=1, case=next(
            cid for cid, case in entry(run, claim)["cases"].items() if case["verdict"] == "refuted"))
    merged = merge_results([write(tmp_path, "a.json", one), write(tmp_path, "b.json", other)])
    assert [(f.case, f.cases) for f in merged.claims[claim].findings] == [("int8-cpu", 2)]
    assert Run.from_json("merged", merged.to_json(), frozenset(CLAIMS)).claims[claim].verdict == "refuted"


def test_conflicting_cases_are_an_error_naming_the_claim_in_either_order(tmp_path):
    good = write(tmp_path, "a.json", results("a"))
    conflict = write(tmp_path, "b.json", changed(results("b"), "tf.tensor.immutable", verdict="refuted"))
    for order in ([good, conflict], [conflict, good]):
        with pytest.raises(UnusableInput, match="claim tf.tensor.immutable is (holds|raises ValueError) in .* but"):
            merge_results(order)


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "deep" / "r.json"
    write_json(target, {"a": 1})
    assert json.loads(target.read_text()) == {"a": 1} and [p.name for p in target.parent.iterdir()] == ["r.json"]


def test_results_are_written_one_line_per_record_and_read_back_unchanged(tmp_path):
    document = results("torch")
    path = tmp_path / "torch.json"
    write_json(path, document)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(path.read_text(encoding="utf-8")) == document
    assert sum('"dims": {"dtype": "int8", "device": "cpu"}' in line for line in lines) == len(document["claims"])


def test_keys_that_are_not_strings_are_written_as_json_writes_them(tmp_path):
    """A faulted run once counted by an int key in a record too long for one line: the file was not JSON."""
    document = {"counts": {index: "x" * 40 for index in range(12)}, "pair": (1, 2)}
    path = tmp_path / "r.json"
    write_json(path, document)
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(document))


def test_a_file_of_a_kept_earlier_catalog_counts_for_the_claims_that_did_not_change(tmp_path, monkeypatch):
    from conformance.claims import CLAIMS
    from conformance.results import lineage
    from conformance.results.io import catalog_digest, load_run

    for digest, kept in lineage.earlier().items():  # what is kept of each earlier catalog hashes to its digest
        assert lineage.digest_of(kept["claims"][c] for c in sorted(kept["claims"])) == digest
    assert catalog_digest() not in lineage.earlier()
    lines = {c.id: lineage.claim_line(c) for c in CLAIMS.values()}
    lines["tf.tensor.immutable"] += " (before it was widened)"
    del lines["torch.tensor.copies"]  # a claim added since
    old = lineage.digest_of(lines[c] for c in sorted(lines))
    monkeypatch.setattr(lineage, "earlier", lambda: {old: {"replaced": "2026-12-03", "claims": lines}})
    document = changed({**results(), "catalog": old}, "tf.tensor.immutable", verdict="refuted", cases={})
    document["claims"] = [e for e in document["claims"] if e["id"] != "torch.tensor.copies"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document))
    run = load_run(path)
    aside = run.claims["tf.tensor.immutable"]
    assert aside.verdict == "skipped" and "earlier definition" in aside.detail("reason") and not aside.cases
    assert run.claims["torch.tensor.copies"].detail("reason") == "not in the catalog this file was written under"
    kept = [c for c in CLAIMS if c not in ("tf.tensor.immutable", "torch.tensor.copies")]
    assert [run.claims[c].to_json() for c in kept] == [e for e in document["claims"] if e["id"] in kept]
