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
    assert "Command: `python -m conformance.compare reports/numpy1.json reports/tf.json`" in text
    assert "⏭️ skipped (no CUDA device)" in text


def test_report_without_results_or_with_corrupt_file_is_a_one_line_error(tmp_path, capsys):
    assert main(["--reports", str(tmp_path), "--output", str(tmp_path / "R.md")]) == 2
    assert "no results files" in capsys.readouterr().err
    (tmp_path / "tf.json").write_text("{oops")
    assert main(["--reports", str(tmp_path), "--output", str(tmp_path / "R.md")]) == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err and len(err.strip().splitlines()) == 1


def bench_json(medians, node="box"):
    """pytest-benchmark-shaped JSON from {(conversion, dtype): {nbytes: median}}."""
    benchmarks = [{"extra_info": {"conversion": c, "dtype": d, "nbytes": n}, "stats": {"median": t}}
                  for (c, d), points in medians.items() for n, t in points.items()]
    return {"machine_info": {"node": node, "cpu": {"brand_raw": "cpu"}, "machine": "x86_64", "interop": {}},
            "benchmarks": benchmarks}


def test_slope_classifies_flat_as_zero_copy_and_linear_as_copy():
    from conformance.report import _slope, classify

    sizes = [2**10, 2**14, 2**18, 2**22, 2**26]
    assert classify(_slope([(n, 1e-6) for n in sizes])) == "zero-copy"
    assert classify(_slope([(n, n * 1e-10) for n in sizes])) == "copy"


def test_benchmark_section_flags_timing_that_contradicts_an_aliasing_verdict(tmp_path):
    from conformance.report import benchmark_section

    sizes = [2**10, 2**18, 2**26]
    medians = {("np.copyto (baseline)", "float32"): {n: n * 1e-10 for n in sizes},
               ("torch.from_numpy", "float32"): {n: n * 1e-10 for n in sizes},
               ("torch.tensor", "float32"): {n: n * 2e-10 for n in sizes}}
    runs = {"torch": results("torch", {})}
    lines = "\n".join(benchmark_section({"benchmarks": {"bench": bench_json(medians)}}, runs, tmp_path))
    assert "| torch.tensor | float32 |" in lines and "| copy | `torch.tensor.copies` holds | yes |" in lines
    assert "**NO** (claim implies zero-copy)" in lines
    assert "`torch.from_numpy` float32: timing says copy" in lines
    assert (tmp_path / "REPORT_benchmarks.png").stat().st_size > 10_000


def test_upgrade_timings_are_compared_only_on_one_machine():
    from conformance.report import benchmark_upgrade_lines

    old = bench_json({("tf.constant", "float32"): {1024: 1e-5, 2048: 1e-6}})
    new = bench_json({("tf.constant", "float32"): {1024: 5e-5, 2048: 3e-6}})
    listed = "\n".join(benchmark_upgrade_lines({"benchmarks": {"bench-numpy1": old, "bench": new}}))
    assert "| tf.constant | float32 | 1 KB | 10 µs | 50 µs | ×5 |" in listed
    assert "2 KB" not in listed, "a 2 µs move is machine noise, below the floor"
    other = bench_json({("tf.constant", "float32"): {1024: 5e-6}}, node="elsewhere")
    assert "different machines" in "\n".join(
        benchmark_upgrade_lines({"benchmarks": {"bench-numpy1": old, "bench": other}}))


def test_results_from_another_catalog_are_left_out_with_a_note(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "tf.json").write_text(json.dumps(results("tf", {})))
    stale = results("latest", {})
    stale["catalog"] = "0000000000000000"
    (reports / "latest.json").write_text(json.dumps(stale))
    assert main(["--reports", str(reports), "--output", str(tmp_path / "R.md")]) == 0
    text = (tmp_path / "R.md").read_text()
    assert "Left out, written by another version of the claim catalog: latest.json" in text
    assert "| latest |" not in text
