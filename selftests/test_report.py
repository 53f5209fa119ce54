"""REPORT.md generation: only complete runs are published; every bad input is a one-line error."""

import dataclasses
import json
import re

import pytest

from conformance.claims import CLAIMS

from conformance.report.__main__ import main
from conformance.report.benchmarks import _slope, benchmark_section, classify, transfer_section
from conformance.report.markdown import MAX_CELL, anchor, fit
from selftests.helpers import ROOT, case, changed, entry, results, run_of, write


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
    assert "| claim | cpu | cuda |" in text
    assert "❌ refuted (tf, torch) | ⏭️ skipped (no CUDA device) |" in text and "✅ holds (tf, torch) | — |" in text
    assert "### `tf.float.single_element`" in text and "python -m pytest 'x'" in text and "Falsifying example" in text
    assert ("refuted (raises TypeError) where dtype=bool (1 case); holds in the other 1 of 2 cases that ran; "
            "skipped (no CUDA device) where device=cuda (1 case)") in text
    assert "1/12 dtypes · ndim 1 · cpu" in text
    assert "## Claims that cover less than their sentence" not in text  # every claim covers its sentence now
    assert "Narrowed layout: Python data has no memory layout" in text  # dtype.default_float.torch, in detail


def test_a_device_kind_placeholder_says_nothing_where_another_env_ran_real_devices_of_that_kind(tmp_path):
    claim = "jax.device_put.identity"
    placeholder = {"int8-virtual": case({"dtype": "int8", "device": "virtual"}, "skipped", reason="jax not installed")}
    virtual = {"int8-cpu:1": case({"dtype": "int8", "device": "cpu:1"}),
               "int8-cuda": case({"dtype": "int8", "device": "cuda"}, "skipped", reason="no CUDA device")}
    code, output = build(tmp_path, ("tf.json", changed(results("tf"), claim, verdict="skipped", cases=placeholder)),
                         ("jax.json", changed(results("jax"), claim, cases=virtual)))
    text = output.read_text()
    assert code == 0 and "| cpu | cpu:1 | cuda |" in text and "| virtual |" not in text
    row = next(line for line in text.splitlines() if line.startswith(f"| [`{claim}`]"))
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
    assert code == 0 and note in text.split("## Environments")[1].split("## Summary")[0]
    assert "1 results file(s) left out" in text.split("### numpy")[0], "the answer says what it is not based on"
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
    lines = "\n".join(benchmark_section({"benchmarks": {"bench": bench_json(medians)}},
                                        {"torch": run_of(results("torch"))}, tmp_path))
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
    from conformance.report.details import details_section
    run = run_of(results("gpu", {"tf.numpy.gpu_copies": "refuted", "torch.tensor.copies": "refuted"}))
    text = "\n".join(details_section({"gpu": run}, {}))
    assert "No standalone reproducer: the claim has no recipe (`Claim.reproduce`) yet." in text
    assert "No standalone reproducer: its results were not given to `python -m conformance.reproduce --all`." in text


# The answer: per framework and device, what fails; one screen each; no cell off-screen; the same bytes every time.

def sections(text: str, level: str) -> dict[str, list[str]]:
    """{heading: its lines up to the next heading of that level or above}."""
    found, current = {}, None
    for line in text.splitlines():
        if line.startswith("#") and len(line) - len(line.lstrip("#")) <= len(level):
            current = line if line.startswith(level + " ") else None
            if current:
                found[current] = []
        if current:
            found[current].append(line)
    return found


def answers(text: str) -> dict[str, list[str]]:
    """{framework: the lines of its answer, heading included}."""
    answer = "\n".join(sections(text, "##")["## What fails, per framework and device"])
    return {heading.removeprefix("### "): lines for heading, lines in sections(answer, "###").items()}


def table_cells(text: str) -> list[str]:
    return [c.strip() for line in text.splitlines() if line.startswith("|") and not line.startswith("|---")
            for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def cross_framework_run() -> dict:
    """An interop run where ``dlpack.from_dlpack.read_only`` fails for NumPy → torch only, and
    ``interop.dlpack.torch_to_tf_shares`` (which needs torch and tf) fails everywhere."""
    pair = {f"int8-{p}-{c}-cpu": case({"dtype": "int8", "producer": p, "consumer": c, "device": "cpu"},
                                       "refuted" if (p, c) == ("numpy", "torch") else "holds",
                                       "writable alias" if (p, c) == ("numpy", "torch") else None)
            for p, c in (("numpy", "torch"), ("numpy", "tf"), ("numpy", "jax"))}
    run = changed(results("interop"), "dlpack.from_dlpack.read_only", verdict="refuted", cases=pair)
    return changed(run, "interop.dlpack.torch_to_tf_shares", verdict="refuted")


def test_the_report_opens_with_the_answer_and_a_cross_framework_finding_is_under_each_framework_it_involves(
        tmp_path):
    code, output = build(tmp_path, ("interop.json", cross_framework_run()))
    text = output.read_text()
    assert code == 0
    assert [line for line in text.splitlines() if line.startswith("## ")][0] == \
        "## What fails, per framework and device"
    by_framework = {key: "\n".join(lines) for key, lines in answers(text).items()}
    assert list(by_framework) == ["numpy", "torch", "tf", "jax", "array_api_strict", "cupy"]
    link = "[`dlpack.from_dlpack.read_only`](#dlpackfrom_dlpackread_only): writable alias where consumer=torch"
    assert link in by_framework["numpy"] and "[`dlpack.from_dlpack.read_only`]" in by_framework["torch"]
    assert "dlpack.from_dlpack.read_only" not in by_framework["tf"] + by_framework["jax"], "only the pair it involves"
    for key in ("torch", "tf"):
        assert "[`interop.dlpack.torch_to_tf_shares`](#interopdlpacktorch_to_tf_shares)" in by_framework[key]
    assert "### `dlpack.from_dlpack.read_only`" in text, "the link leads to the claim's detail"
    assert "**cuda**: not run" in by_framework["torch"] and "**cuda**: not run" in by_framework["cupy"]


def test_a_framework_s_own_failure_leads_its_line_each_line_names_who_must_act_and_failing_paths_are_listed(
        tmp_path):
    strided = {f"int8-{layout}-numpy-{c}-cpu": case(
        {"dtype": "int8", "layout": layout, "producer": "numpy", "consumer": c, "device": "cpu"},
        "refuted" if (c, layout) != ("torch", "transposed") else "holds",
        {"tf": "raises InvalidArgumentError", "torch": "crashes SIGABRT"}[c])
        for c in ("tf", "torch") for layout in ("negative", "transposed", "step-sliced")}
    run = changed(results("interop"), "dlpack.from_dlpack.strided", verdict="refuted", cases=strided)
    run = changed(run, "torch.detach.numpy_is_independent", verdict="refuted")
    run["conversions"] = [{"path": "torch.asarray", "producer": "jax", "consumer": "torch", "dtype": "bool",
                           "layout": "transposed", "size": "1B-4K", "device": "cpu", "code": "torch.asarray(x)",
                           "shape": [2, 3], "outcomes": {"wrong values": 1}, "exceptions": [],
                           "result_devices": ["cpu"], "nbytes": [6, 6]}]
    code, output = build(tmp_path, ("interop.json", run))
    assert code == 0
    by_framework = {key: "\n".join(lines) for key, lines in answers(output.read_text()).items()}
    line = {key: next(l for l in text.splitlines() if "[`dlpack.from_dlpack.strided`]" in l)
            for key, text in by_framework.items() if "[`dlpack.from_dlpack.strided`]" in text}
    assert set(line) == {"numpy", "torch", "tf"}
    assert "): crashes SIGABRT where" in line["torch"] and line["torch"].endswith("→ PyTorch (bug)"), \
        "torch's own failure (a crash where torch is the consumer) leads, though tf's group is larger"
    assert "): raises InvalidArgumentError" in line["tf"] and line["tf"].endswith("→ TensorFlow (bug)")
    detach = next(l for l in by_framework["torch"].splitlines() if "torch.detach.numpy_is_independent" in l)
    assert detach.endswith("→ the tutorial's author"), "a tutorial's sentence is not filed against torch"
    for key in ("torch", "jax"):
        assert "matrix [`torch.asarray`](#conversion-matrix) (jax → torch): wrong values for bool@transposed" \
               in by_framework[key] and "→ PyTorch (bug)" in by_framework[key]
    assert "1 conversion path(s) of the matrix crash or give wrong values" in by_framework["torch"]


def test_each_framework_answer_fits_one_screen_and_still_links_every_failing_claim(tmp_path):
    torch_claims = [c for c in CLAIMS.values() if c.frameworks == ("torch",)]
    cases = {c.id: {f"{d}-{device}": case({"dtype": d, "device": device}, "refuted")
                    for d in ("int8", "float32") for device in ("cpu", "cuda:0")} for c in torch_claims}
    run = results("torch", {c.id: "refuted" for c in torch_claims}, cases=cases)
    run["environment"]["devices"] = {"numpy": ["cpu"], "torch": ["cpu", "cuda:0"]}
    code, output = build(tmp_path, ("torch.json", run))
    text = output.read_text()
    assert code == 0 and len(torch_claims) > 40
    for key, lines in answers(text).items():
        assert len(lines) <= 40, f"{key}: {len(lines)} lines"
    torch_answer = "\n".join(answers(text)["torch"])
    assert all(f"(#{anchor(c.id)})" in torch_answer for c in torch_claims)
    committed = ROOT / "REPORT.md"
    if committed.exists():
        for key, lines in answers(committed.read_text()).items():
            assert len(lines) <= 40, f"the committed REPORT.md: {key}: {len(lines)} lines"
    assert "**cuda** (cuda:0):" in torch_answer and "not run (cupy is in no env of this report)" in text


def test_no_table_cell_is_longer_than_120_characters(tmp_path):
    reasons = "; ".join(f"reason number {i} why this case did not run here" for i in range(8))
    long_cases = {"int8-cpu": case({"dtype": "int8", "device": "cpu"}, "refuted", "raises " + "X" * 200),
                  "int8-cuda": case({"dtype": "int8", "device": "cuda"}, "skipped", reason=reasons)}
    run = changed(cross_framework_run(), "torch.tensor.copies", verdict="refuted", cases=long_cases)
    code, output = build(tmp_path, ("interop.json", run))
    assert code == 0
    cells = table_cells(output.read_text())
    assert cells and max(len(c) for c in cells) <= MAX_CELL
    committed = ROOT / "REPORT.md"
    if committed.exists():
        longest = max(table_cells(committed.read_text()), key=len)
        assert len(longest) <= MAX_CELL, longest
        assert committed.read_text().split("\n## ")[1].startswith("What fails, per framework and device")


def test_fit_keeps_whole_parts_and_closes_a_cut_code_span():
    assert fit("a, b, c", 20) == "a, b, c"
    assert fit(", ".join(["word"] * 40), 30) == "word, word, word, … 37 more"
    cut = fit("`" + "x" * 200 + "`", 50)
    assert len(cut) <= 50 and cut.count("`") == 2 and cut.endswith("…")


def test_the_report_and_its_pictures_are_byte_identical_when_generated_twice(tmp_path):
    sizes = [2**10, 2**18, 2**26]
    bench = bench_json({("np.copyto (baseline)", "float32", "", ""): {n: n * 1e-10 for n in sizes},
                        ("torch.from_numpy", "float32", "torch.from_numpy.shares_memory", "zero-copy"):
                            {n: 1e-6 for n in sizes}})
    files = (("interop.json", cross_framework_run()), ("bench.json", bench))
    first = {}
    for attempt in range(2):
        code, output = build(tmp_path, *files)
        assert code == 0
        produced = {p.name: p.read_bytes() for p in sorted(tmp_path.glob("REPORT*"))}
        if attempt == 0:
            first = produced
    assert set(first) >= {"REPORT.md", "REPORT_verdicts.png", "REPORT_benchmarks.png"}
    assert produced == first


def test_an_inconsistent_history_set_is_refused_not_left_out(tmp_path, capsys):
    reports = tmp_path / "reports"
    (reports / "history").mkdir(parents=True)
    write(reports, "tf.json", results("tf"))
    contradicts = changed(results("hist-tf221-np24"), "tf.float.single_element", verdict="holds")
    next(iter(entry(contradicts, "tf.float.single_element")["cases"].values())).update(verdict="refuted",
                                                                                      outcome="raises TypeError")
    write(reports / "history", "hist-tf221-np24.json", contradicts)
    assert main(["--reports", str(reports), "--output", str(tmp_path / "R.md")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_flake_check_of_an_earlier_catalog_says_so_and_one_of_this_catalog_does_not():
    from conformance.report.runs import flake_section
    from conformance.results.io import catalog_digest

    data = {"runs": 2, "seeds": [0, 1], "profile": "flake", "claims": 3, "cases": 9, "differing": [], "seconds": 1.0,
            "environment": {}}
    stale = "\n".join(flake_section({"interop-conformance-flake/3": {"flake": data}}))
    assert "Made under a catalog it does not name" in stale and "`tox -e flake` makes it anew" in stale
    current = "\n".join(flake_section({"interop-conformance-flake/3": {"flake": {**data, "catalog": catalog_digest()}}}))
    assert "Made under" not in current and "0 case(s) whose outcome class differed" in current


def test_a_claim_that_leaves_out_a_dimension_without_a_reason_is_listed_as_a_gap(monkeypatch):
    from conformance.claims._model import GPU
    from conformance.domains import EVERY, Domain
    from conformance.report import claims as report_claims
    narrow = dataclasses.replace(CLAIMS["torch.cuda.returns_self"], domain=Domain(dtype=EVERY, device=GPU))
    monkeypatch.setattr(report_claims, "CLAIMS", {**CLAIMS, narrow.id: narrow})
    assert narrow.uncovered == ("layout", "size")
    section = "\n".join(report_claims.uncovered_section())
    assert section.startswith("## Claims that cover less than their sentence") and "1 of " in section
    assert "- `torch.cuda.returns_self`: not enumerated: layout (" in section and "; size (" in section
