"""REPORT.md generation: only complete runs are published; every bad input is a one-line error."""

import json

import pytest

from conformance.report.__main__ import main
from conformance.report.benchmarks import _slope, benchmark_section, classify, transfer_section
from selftests.helpers import case, changed, results, write


def build(tmp_path, *files):
    reports = tmp_path / "reports"
    reports.mkdir(exist_ok=True)
    for name, data in files:
        write(reports, name, data)
    output = tmp_path / "REPORT.md"
    return main(["--reports", str(reports), "--output", str(output)]), output


def test_report_shows_envs_one_verdict_per_device_refutations_by_group_and_coverage(tmp_path):
    claim = "tf.float.single_element"
    cases = {"bool-rank1-cpu": case({"dtype": "bool", "rank": 1, "device": "cpu"}, "refuted", "raises TypeError"),
             "int8-rank0-cpu": case({"dtype": "int8", "rank": 0, "device": "cpu"}),
             "bool-rank1-cuda": case({"dtype": "bool", "rank": 1, "device": "cuda"}, "skipped",
                                     reason="no CUDA device")}
    refuted = changed(results("tf"), claim, verdict="refuted", observed="TypeError: only 0-d", cases=cases,
                      rerun="python -m pytest 'x'", counterexample="Falsifying example",
                      exercised={"dtypes": ["bool"], "ndims": [1], "devices": ["cpu"]})
    code, output = build(tmp_path, ("tf.json", refuted), ("torch.json", results("torch")))
    text = output.read_text()
    assert code == 0 and "| tf |" in text and "| torch |" in text
    assert "| claim | statement | source | coverage | cpu | cuda |" in text
    assert "❌ refuted (tf, torch) | ⏭️ skipped (no CUDA device) |" in text and "✅ holds (tf, torch) | — |" in text
    assert "### `tf.float.single_element`" in text and "python -m pytest 'x'" in text and "Falsifying example" in text
    assert ("refuted (raises TypeError) where dtype=bool (1 case); holds in the other 1 of 2 cases that ran; "
            "skipped (no CUDA device) where device=cuda (1 case)") in text
    assert "1/12 dtypes · ndim 1 · cpu" in text


def test_a_device_kind_placeholder_says_nothing_where_another_env_ran_real_devices_of_that_kind(tmp_path):
    claim = "jax.device_put.identity"
    placeholder = {"int8-virtual": case({"dtype": "int8", "device": "virtual"}, "skipped", reason="jax not installed")}
    virtual = {"int8-cpu:1": case({"dtype": "int8", "device": "cpu:1"}),
               "int8-cuda": case({"dtype": "int8", "device": "cuda"}, "skipped", reason="no CUDA device")}
    code, output = build(tmp_path, ("tf.json", changed(results("tf"), claim, verdict="skipped", cases=placeholder)),
                         ("jax.json", changed(results("jax"), claim, cases=virtual)))
    text = output.read_text()
    assert code == 0 and "| cpu | cpu:1 | cuda |" in text and "| virtual |" not in text
    row = next(line for line in text.splitlines() if line.startswith(f"| `{claim}`"))
    assert row.endswith("| — | ✅ holds (jax) | ⏭️ skipped (no CUDA device) |")


@pytest.mark.parametrize("name, data, note", [
    ("torch.json", {**results("torch"), "run": {"complete": False, "faults": ["torch-clone-aliases"],
                                                "selection": []}}, "faults planted: torch-clone-aliases"),
    ("torch.json", {**results("torch"), "run": {"complete": False, "faults": [], "selection": ["-k item"]}},
     "selection: -k item"),
    ("local.json", results("local"), "written by env 'local', not 'local'"),
    ("gpu.json", results("torch"), "written by env 'torch', not 'gpu'"),
    ("old.json", {**results("old"), "catalog": "0000000000000000"}, "another version of the claim catalog"),
])
def test_partial_faulted_and_stale_runs_are_left_out_with_a_note(tmp_path, name, data, note):
    if name == "local.json":
        data = {**data, "run": {"complete": False, "faults": [], "selection": []}}
        note = "partial run"
    code, output = build(tmp_path, ("tf.json", results("tf")), (name, data))
    text = output.read_text()
    assert code == 0 and note in text.split("## Environments")[0]
    assert "| tf | None |" in text and "| torch | None |" not in text, "only the complete tf run is an env"


@pytest.mark.parametrize("name, content, message", [
    ("broken.json", "{oops", "not valid JSON"),
    ("latin1.json", "caf\xe9".encode("latin-1"), "not UTF-8"),
    ("bench.json", "", "not valid JSON"),
    ("mutation.json", json.dumps({"schema": "interop-conformance-mutation/3", "rows": []}), "without environment"),
    ("flake.json", json.dumps({"schema": "interop-conformance-flake/3"}), "a flake file without"),
])
def test_unusable_inputs_are_one_line_errors(tmp_path, capsys, name, content, message):
    reports = tmp_path / "reports"
    reports.mkdir()
    write(reports, "tf.json", results("tf"))
    (reports / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    assert main(["--reports", str(reports), "--output", str(tmp_path / "R.md")]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_bad_folders_are_one_line_errors(tmp_path, capsys):
    assert main(["--reports", str(tmp_path / "missing"), "--output", str(tmp_path / "R.md")]) == 2
    assert "not a directory" in capsys.readouterr().err
    assert main(["--reports", str(tmp_path), "--output", str(tmp_path / "R.md")]) == 2
    assert "no complete results file" in capsys.readouterr().err
    write(tmp_path, "tf.json", results("tf"))
    assert main(["--reports", str(tmp_path), "--output", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def test_a_missing_output_folder_is_created(tmp_path):
    write(tmp_path, "tf.json", results("tf"))
    assert main(["--reports", str(tmp_path), "--output", str(tmp_path / "new" / "R.md")]) == 0


def bench_json(medians):
    benchmarks = [{"extra_info": {"conversion": c, "dtype": d, "nbytes": n, "claim": claim, "predicts": predicts},
                   "stats": {"median": t}} for (c, d, claim, predicts), points in medians.items()
                  for n, t in points.items()]
    return {"machine_info": {"node": "box", "cpu": {"brand_raw": "cpu"}, "interop": {}}, "benchmarks": benchmarks}


def test_slope_classifies_flat_as_zero_copy_and_linear_as_copy():
    sizes = [2**10, 2**14, 2**18, 2**22, 2**26]
    assert classify(_slope([(n, 1e-6) for n in sizes])) == "zero-copy"
    assert classify(_slope([(n, n * 1e-10) for n in sizes])) == "copy"


def test_benchmarks_declare_their_claim_and_a_contradiction_is_flagged(tmp_path):
    sizes = [2**10, 2**18, 2**26]
    medians = {("np.copyto (baseline)", "float32", "", ""): {n: n * 1e-10 for n in sizes},
               ("torch.from_numpy", "float32", "torch.from_numpy.shares_memory", "zero-copy"):
                   {n: n * 1e-10 for n in sizes}}
    lines = "\n".join(benchmark_section({"benchmarks": {"bench": bench_json(medians)}}, {"torch": results("torch")},
                                        tmp_path))
    assert "**NO** (claim implies zero-copy)" in lines and (tmp_path / "REPORT_benchmarks.png").stat().st_size > 10_000


def test_every_device_path_is_a_ratio_to_the_pinned_copy_and_a_share_of_the_nominal_peak():
    def row(transfer, direction, median, **extra):
        return {"extra_info": {"transfer": transfer, "direction": direction, "device": "cuda:0", "nbytes": 2**28,
                               "nominal_peak_gbps": 64.0, **extra}, "stats": {"median": median}}

    gb = 2**28 / 1e9
    data = {"benchmarks": [row("copy (pinned)", "device_to_host", gb / 32, baseline=True),
                           row("t.cpu() from torch", "device_to_host", gb / 16, path=True),
                           row("cupy.asarray", "host_to_device", gb / 8, path=True)]}
    lines = transfer_section({"benchmarks": {"bench-gpu": data}})
    cpu_row = next(line for line in lines if line.startswith("| t.cpu() from torch"))
    assert "| 16 | ×2 | 25% of 64 GB/s |" in cpu_row
    upload = next(line for line in lines if line.startswith("| cupy.asarray"))
    assert "no baseline" in upload and "### host to device" in lines and "### device to host" in lines


def test_a_refuted_claim_without_a_reproducer_says_why():
    from conformance.report.refuted import refuted_section
    run = {"claims": [{"id": "tf.numpy.gpu_copies", "verdict": "refuted", "cases": {}, "observed": "o", "rerun": "r"},
                      {"id": "torch.tensor.copies", "verdict": "refuted", "cases": {}, "observed": "o", "rerun": "r"}]}
    text = "\n".join(refuted_section({"gpu": run}, {}))
    assert "No standalone reproducer: the claim has no recipe (`Claim.reproduce`) yet." in text
    assert "No standalone reproducer: its results were not given to `python -m conformance.reproduce --all`." in text
