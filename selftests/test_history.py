"""The verdict history: ordering, attribution of each flip to one package, the report section, the matrix rows."""

from conformance import attribution
from conformance.results.conversions import aggregate, outcome_label
from conformance.report.history import history_section
from selftests.helpers import changed, results, run_of, write

CLAIM = "tf.float.single_element"


def version_set(name, tf, numpy, jax="0.10.2", **verdicts):
    document = results(name, verdicts, numpy=numpy)
    document["environment"].update(tensorflow=tf, jax=jax)
    document["started"], document["finished"] = "2026-11-23T10:00:00+00:00", "2026-11-23T10:05:00+00:00"
    return document


def version_run(name, tf, numpy, jax="0.10.2", **verdicts):
    """A version set as the typed run that attribution reads."""
    return run_of(version_set(name, tf, numpy, jax, **verdicts), name)


def test_sets_are_ordered_by_tensorflow_then_numpy():
    sets = {"b": version_run("b", "2.21.0", "1.26.4"), "a": version_run("a", "2.16.2", "1.26.4"),
            "c": version_run("c", "2.21.0", "2.4.6")}
    assert attribution.order(sets) == ["a", "b", "c"]


def test_a_single_package_change_is_its_own_cause():
    old, new = version_run("a", "2.21.0", "2.3.5"), version_run("b", "2.21.0", "2.4.6")
    assert attribution.attribute(CLAIM, old, new, {}) == "caused by numpy 2.3.5 → 2.4.6"


def test_an_in_between_set_narrows_a_two_package_flip():
    old = version_run("old", "2.16.2", "1.26.4", jax="0.4.34")
    new = version_run("new", "2.21.0", "2.4.6", jax="0.4.34", **{CLAIM: "refuted"})
    tf_only = version_run("tf-only", "2.21.0", "1.26.4", jax="0.4.34")
    numpy_only = version_run("numpy-only", "2.16.2", "2.4.6", jax="0.4.34", **{CLAIM: "refuted"})
    known = {"tf-only": tf_only, "numpy-only": numpy_only}
    assert attribution.attribute(CLAIM, old, new, known).startswith("caused by numpy 1.26.4 → 2.4.6")


def test_a_flip_that_cannot_be_narrowed_says_which_set_would():
    old, new = version_run("old", "2.16.2", "1.26.4"), version_run("new", "2.21.0", "2.4.6", **{CLAIM: "refuted"})
    said = attribution.attribute(CLAIM, old, new, {})
    assert said.startswith("not narrowed") and "tox -e hist-tf221-np126" in said and "tox -e hist-tf216-np24" in said


def test_the_history_section_shows_sets_verdicts_changes_and_wall_time(tmp_path):
    history = tmp_path / "history"
    history.mkdir()
    for document in (version_set("hist-tf216-np126", "2.16.2", "1.26.4"),
                     version_set("hist-tf221-np126", "2.21.0", "1.26.4"),
                     version_set("hist-tf221-np24", "2.21.0", "2.4.6", **{CLAIM: "refuted"})):
        write(history, f"{document['environment']['env']}.json", document)
    partial = changed(version_set("hist-tf220-np24", "2.20.0", "2.4.6"), CLAIM)
    partial["run"]["complete"] = False
    write(history, "hist-tf220-np24.json", partial)
    text = "\n".join(history_section(history))
    assert "3 version sets" in text and "| tf216-np126 | 2.16.2 | 1.26.4 |" in text
    assert f"`{CLAIM}`: holds in tf221-np126 → refuted in tf221-np24" in text
    assert "caused by numpy 1.26.4 → 2.4.6" in text
    assert "15 minutes of test time over 3 sets" in text and "5 minutes of wall time" in text
    assert "Left out: hist-tf220-np24.json: a partial run" in text


def test_matrix_rows_aggregate_outcomes_per_path_dtype_layout_and_size():
    record = {"path": "torch.tensor", "producer": "numpy", "consumer": "torch", "dtype": "complex128",
              "layout": "unaligned", "size": "1B-4K", "nbytes": 32}
    rows = aggregate([{**record, "outcome": "crashes", "exception": "SIGSEGV"},
                      {**record, "outcome": "crashes", "exception": "SIGSEGV", "nbytes": 64}])
    assert len(rows) == 1 and rows[0]["outcomes"] == {"crashes": 2} and rows[0]["nbytes"] == [32, 64]
    assert outcome_label(rows[0]) == "crashes SIGSEGV"


JAX_CLAIM = "jax.array.copies"


def test_only_the_packages_a_claim_uses_can_cause_its_flip():
    old = version_run("old", "2.17.1", "1.26.4", jax="0.4.34")
    new = version_run("new", "2.18.1", "1.26.4", jax="0.7.1", **{JAX_CLAIM: "refuted"})
    assert attribution.attribute(JAX_CLAIM, old, new, {}) == (
        "caused by jax 0.4.34 → 0.7.1; tensorflow changed too, which the claim does not use")


def test_a_flip_where_no_used_package_changed_is_not_attributed_to_a_release():
    old = version_run("old", "2.17.1", "1.26.4")
    new = version_run("new", "2.18.1", "1.26.4", **{JAX_CLAIM: "refuted"})
    assert attribution.attribute(JAX_CLAIM, old, new, {}).startswith("not attributable: no package the claim uses")


def test_a_timing_claim_is_never_attributed():
    old, new = version_run("a", "2.21.0", "2.1.3"), version_run("b", "2.21.0", "2.2.6",
                                                                  **{"perf.batch_conversion_faster": "inconclusive"})
    assert attribution.attribute("perf.batch_conversion_faster", old, new, {}).startswith("not attributed: a timing")


def test_an_in_between_set_outside_the_matrix_is_suggested_as_an_override_run():
    old = version_run("old", "2.18.1", "1.26.4", jax="0.7.1")
    new = version_run("new", "2.18.1", "2.0.2", jax="0.10.2", **{JAX_CLAIM: "refuted"})
    said = attribution.attribute(JAX_CLAIM, old, new, {})
    assert "NUMPY_VERSION=2.0.2 JAX_VERSION=0.7.1 tox -e jax -- --results between.json" in said
    assert "NUMPY_VERSION=1.26.4 JAX_VERSION=0.10.2 tox -e jax -- --results between.json" in said
