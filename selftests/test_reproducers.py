"""The committed reproducers: standalone, complete, and each reproduces in the env that produced it."""

import ast
import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.results.conversions import outcome_label
from conformance.results.io import load_run
from conformance.reproduce.__main__ import main as reproduce
from selftests.helpers import ROOT

REPRODUCERS = ROOT / "reproducers"
MAIN_ENVS = ("tf", "torch", "jax", "array_api_strict", "interop")
STANDARD = {"sys"}
FRAMEWORK_MODULES = {"numpy", "torch", "tensorflow", "jax", "array_api_strict", "cupy"}
TOX = Path(sys.prefix).parent  # .tox/<this env> -> .tox


def index() -> dict:
    return json.loads((REPRODUCERS / "INDEX.json").read_text())


def python_of(env: str) -> Path:
    return TOX / env / "bin" / "python"


def test_every_finding_of_the_main_job_has_a_reproducer():
    made = {(i["env"], i["claim"], i["outcome"]) for i in index()["reproducers"]}
    for env in MAIN_ENVS:
        results = load_run(ROOT / "reports" / f"{env}.json")
        for entry in results:
            for finding in entry.findings:
                assert (env, entry.id, finding.outcome) in made, (env, entry.id, finding.outcome)
        for row in results.get("conversions", []):
            label = outcome_label(row)
            if "crashes" in label or "wrong values" in label:
                assert (env, f"matrix: {row['path']} ({row['producer']} → {row['consumer']})", label) in made
    assert [m for m in index()["missing"] if m["env"] in MAIN_ENVS] == []


def test_every_reproducer_imports_only_numpy_the_frameworks_and_the_standard_library():
    for item in index()["reproducers"]:
        tree = ast.parse((REPRODUCERS / item["script"]).read_text())
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert imported <= STANDARD | FRAMEWORK_MODULES, (item["script"], imported)
        assert (REPRODUCERS / item["issue"]).read_text().count("```python") == 1


def _run(python: Path, script: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-I", str(script)], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "TF_CPP_MIN_LOG_LEVEL": "3"})


def _reproducers_of_this_cpu_class() -> list[dict]:
    """Every committed reproducer, less those recorded on another class of CPU (a crash can depend on it)."""
    from conformance.host import machine
    from conformance.results.environment import same_cpu_class

    here = machine()
    return [i for i in index()["reproducers"]
            if "cpu" not in i or same_cpu_class({"arch": here.get("arch"), "features": i["cpu"]},
                                                {**here, "dispatch": {}})]  # scripts run without the variables


@pytest.mark.parametrize("item", _reproducers_of_this_cpu_class(), ids=lambda item: item["script"])
def test_every_reproducer_reproduces_in_the_env_that_produced_it(item, tmp_path):
    """A reproducer exits 1 with "expected ...; got ..." while the documented behaviour fails; a crash reproducer is
    killed by the signal its comment names. One item per script, so that pytest-xdist's workers share them."""
    if not python_of(item["env"]).exists():
        built_by = ("the everything command builds it" if item["env"] in MAIN_ENVS
                    else "a release atlas set: it runs where its env was built")
        pytest.skip(f"env {item['env']} not built here ({built_by})")
    script = REPRODUCERS / item["script"]
    run = _run(python_of(item["env"]), script, tmp_path)
    crash = re.search(r"^# Expected exit code while this reproduces: (\d+) \(killed by (SIG\w+)\)",
                      script.read_text(), re.M)
    if crash:
        ok = run.returncode in {int(crash.group(1)), -int(signal.Signals[crash.group(2)])}
    else:
        ok = run.returncode == 1 and "expected " in run.stderr
    assert ok, f"{item['script']}: exit {run.returncode}: {(run.stdout + run.stderr)[-300:]}"


def test_a_crash_recorded_on_one_class_of_cpu_is_run_only_on_that_class():
    """A reproducer written from a run made to show one class of CPU (`reproduce --all --cpu`) names the features it
    was recorded on; on a machine of another class the test above leaves it out (a crash can depend on them)."""
    from conformance.results.environment import same_cpu_class

    recorded = [i for i in index()["reproducers"] if "cpu" in i]
    assert recorded, "the JAX 0.4.34 crash on a CPU without AVX2 (reproducers/hist-tf216-np126-cpu-sse42-avx/)"
    for item in recorded:
        assert item["outcome"].startswith("crashes") and "-cpu-" in item["script"]
        assert "**CPU:** recorded on a CPU with these features" in (REPRODUCERS / item["issue"]).read_text()
    avx2 = {"features": ["sse42", "avx", "fma3", "avx2"]}
    assert not same_cpu_class({"features": ["sse42", "avx"]}, avx2)


def test_a_crash_that_only_a_dispatch_variable_changes_is_not_said_to_depend_on_the_instruction_set():
    """Where only a run with ATEN_CPU_CAPABILITY set differs, the text points at the kernels it turns off and says
    nothing of the CPU's features; a run without variables that differs does."""
    from conformance.reproduce.cpus import Elsewhere, lines

    avx512 = ("sse42", "avx", "avx2", "avx512f")
    switched = Elsewhere(avx512, "torch-aten-default.json", "holds", ("ATEN_CPU_CAPABILITY=default",))
    same = Elsewhere(avx512, "torch-aten-avx2.json", "crashes SIGSEGV", ("ATEN_CPU_CAPABILITY=avx2",))
    text = lines([switched, same], "crashes SIGSEGV", "torch")[0]
    assert "instruction set" not in text and "another class of CPU or code path" in text
    assert "With ATEN_CPU_CAPABILITY=default the framework runs other compiled kernels" in text
    emulated = Elsewhere(("sse42", "avx"), "torch-qemu.json", "holds")
    text = lines([emulated], "crashes SIGSEGV", "torch")[0]
    assert "depends on the CPU's instruction set" in text and "code path" not in text and "With " not in text
    crashed = Elsewhere(("sse42", "avx"), "torch-qemu.json", "crashes SIGSEGV")
    assert "It does not depend on those features." in lines([crashed], "crashes SIGSEGV", "torch")[0]


def test_cpu_reproducers_are_not_written_from_a_run_made_with_a_dispatch_variable(tmp_path, capsys):
    """`reproduce --all --cpu` writes the crashes of a class of CPU, and its scripts set no variable: a run made with
    ATEN_CPU_CAPABILITY set is refused in one line, exit 2."""
    assert reproduce(["--all", "--cpu", "--results", str(ROOT / "reports" / "cpu" / "torch-aten-default.json"),
                      "--dir", str(tmp_path)]) == 2
    assert "made with ATEN_CPU_CAPABILITY=default" in capsys.readouterr().err
    assert not (tmp_path / "INDEX.json").exists()


def test_a_crash_says_what_the_same_case_did_on_the_other_classes_of_cpu_the_suite_ran(tmp_path):
    """torch.asarray segfaults on an unaligned complex128 array on the CPU of the committed run (AVX-512); the same
    case holds on a CPU with AVX and no AVX2 (reports/cpu/torch-qemu-sandybridge.json, the torch env under qemu), so
    its issue text says the crash depends on the CPU. torch.tensor's crash on the same array happens on both, and its
    text says so. A run of other versions says nothing about these."""
    crash = (REPRODUCERS / "torch" / "torch-asarray-shares-numpy__crashes-sigsegv.md").read_text()
    assert "**CPU:** the same case, with the same versions, on another class of CPU or code path: " in crash
    assert "holds on a CPU with sse42, avx (`reports/cpu/torch-qemu-sandybridge.json`)" in crash
    assert "depends on the CPU's instruction set" in crash
    # the same CPU with torch's kernels chosen by ATEN_CPU_CAPABILITY (reports/cpu/torch-aten-*.json, made natively)
    assert "avx512_icl and ATEN_CPU_CAPABILITY=avx2 (`reports/cpu/torch-aten-avx2.json`)" in crash
    assert "holds on a CPU with sse42, avx, f16c, fma3, avx2, avx512f" in crash
    assert "avx512_icl and ATEN_CPU_CAPABILITY=default (`reports/cpu/torch-aten-default.json`)" in crash
    assert "With ATEN_CPU_CAPABILITY=default the framework runs other compiled kernels on the same CPU" in crash
    both = (REPRODUCERS / "torch" / "torch-tensor-copies__crashes-sigsegv.md").read_text()
    assert "the same crash on a CPU with sse42, avx (" in both and "and ATEN_CPU_CAPABILITY=default (" in both
    assert "It does not depend on those features or variables." in both
    other = json.loads((ROOT / "reports" / "cpu" / "torch-qemu-sandybridge.json").read_text())
    other["environment"]["torch"] = "2.12.0+cpu"
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "torch-other-versions.json").write_text(json.dumps(other))
    assert reproduce(["--all", "--results", str(ROOT / "reports" / "torch.json"), "--dir", str(tmp_path / "out"),
                      "--cpu-runs", str(tmp_path / "cpu")]) == 0
    written = (tmp_path / "out" / "torch" / "torch-asarray-shares-numpy__crashes-sigsegv.md").read_text()
    assert "**CPU:**" not in written and written != crash


def test_a_reproducer_exits_0_where_its_claim_holds_and_1_where_it_is_refuted(tmp_path):
    """tf.np_asarray.copy_false is refuted with NumPy 1.26 (no copy keyword) and holds from NumPy 2.0: its
    reproducer, made from the NumPy 1.26 history set, exits 1 there and 0 in the tf env (NumPy 2.4)."""
    old, new = "hist-tf216-np126", "tf"
    if not (python_of(old).exists() and python_of(new).exists()):
        pytest.skip(f"needs the envs {old} and {new} (the everything command builds them)")
    script = tmp_path / "copy_false.py"
    assert reproduce(["tf.np_asarray.copy_false", "--results", str(ROOT / "reports" / "history" / f"{old}.json"),
                      "--out", str(script)]) == 0
    assert _run(python_of(old), script, tmp_path).returncode == 1
    assert _run(python_of(new), script, tmp_path).returncode == 0


def test_every_recipe_writes_a_script_that_compiles_on_each_device_kind_of_its_claim():
    """Recipes of claims that hold here (GPU claims among them) write no committed script; each must still compose
    into valid Python, from a stand-in finding on one case per device kind and layout of its domain."""
    import numpy as np

    from conformance.claims import CLAIMS
    from conformance.domains import cases
    from conformance.frameworks import FRAMEWORKS
    from conformance.reproduce.script import claim_script
    from conformance.results.model import CaseResult, ClaimResult, Finding
    from conformance.verdicts import Verdict

    host_layouts = FRAMEWORKS["numpy"].layout_names
    for claim in (c for c in CLAIMS.values() if c.reproduce is not None):
        for case in {(str(c.device), c.layout): c for c in cases(claim.domain)}.values():
            owner = case.producer or ("numpy" if case.layout in host_layouts else claim.frameworks[0])
            device = {"cuda": "cuda:0", "virtual": "cpu:1" if owner == "jax" else "device1"}.get(case.device, "cpu")
            spec = {"dtype": np.dtype(case.dtype or "float32").str, "shape": [2], "layout": case.layout,
                    "fill": 0, "set": {"1": 1}, "framework": owner, "device": device}
            finding = Finding("copies", str(case), 1, (("inputs", [spec]),))
            refuted = CaseResult(str(case), dict(case), Verdict.REFUTED, "copies")
            entry = ClaimResult(claim.id, Verdict.REFUTED, {str(case): refuted}, findings=(finding,))
            text = claim_script(claim, entry, finding, {"env": "selftest"})
            compile(text, f"{claim.id}[{case}]", "exec")
            title = text.split('"""', 2)[1].splitlines()[0]
            assert bool(re.search(r" on cuda:0\b", title)) == (device == "cuda:0"), title  # a GPU finding says so


def _scripts():
    return [(item, (REPRODUCERS / item["script"]).read_text()) for item in index()["reproducers"]]


def test_a_reproducer_is_minimal_and_a_crash_shows_itself():
    """At most 25 lines of code after its docstring (the claim's words) unless it crashes; a crash reproducer neither
    forks nor spawns, and says its exit code."""
    for item, text in _scripts():
        crash = item["outcome"].startswith("crashes")
        if not crash:
            code = text.split('"""', 2)[2].strip().splitlines()
            assert len(code) <= 25, (item["script"], len(code))
            continue
        assert not re.search(r"\bos\.fork\b|\bsubprocess\b|\bmultiprocessing\b|waitpid", text), item["script"]
        sig = item["outcome"].split()[1]
        assert f"# Expected exit code while this reproduces: {128 + int(signal.Signals[sig])} (killed by {sig})" in text


def test_a_title_states_the_problem_in_words():
    for item, text in _scripts():
        title = text.split('"""', 1)[1].splitlines()[0]
        assert not title.startswith((item["claim"], "Reproducer")) and f"`{item['claim']}`" not in title, title
        assert len(title.split()) >= 4, title
        issue = (REPRODUCERS / item["issue"]).read_text()
        assert issue.startswith(f"# {title.rstrip('.')}\n"), item["issue"]


def test_the_versions_name_python_and_only_what_the_script_imports():
    for item, text in _scripts():
        imported = {alias.name.split(".")[0] for node in ast.walk(ast.parse(text)) if isinstance(node, ast.Import)
                    for alias in node.names} - STANDARD
        printed = set(re.findall(r'"\| (\w+)"', text))
        assert printed == imported, (item["script"], printed, imported)
        versions = re.search(r"^\*\*Versions:\*\* (.*)$", (REPRODUCERS / item["issue"]).read_text(), re.M).group(1)
        named = {part.split()[0] for part in versions.split(", ")}
        assert named == {"python"} | imported, (item["issue"], named)


def test_who_must_act_is_derived_and_a_tutorial_is_never_filed_as_a_framework_bug():
    from conformance.claims import CLAIMS
    from conformance.claims._sources import source_kind

    for item in index()["reproducers"]:
        assert item["must_act"] in ("framework", "docs", "third party"), item
        claim = CLAIMS.get(item["claim"])
        if claim is not None and source_kind(claim.source) == "tutorial" and item["must_act"] == "framework":
            assert item["outcome"].startswith("crashes") or claim.framework_says.agrees, item
    kinds = {i["claim"]: i["must_act"] for i in index()["reproducers"]}
    assert kinds["torch.detach.numpy_is_independent"] == "third party"
    assert kinds["jax.float.single_element"] == "docs"
    assert kinds["array_api_strict.asarray.dtype_inferred"] == "framework"
    text = (REPRODUCERS / "torch" / "torch-detach-numpy-is-independent__shares-memory.md").read_text()
    assert "Returned Tensor shares the same storage with the original one" in text
    # refuted in array-api-strict 2.6 (its atlas set), holding in the pinned 2.6.1 that fixed it
    text = (REPRODUCERS / "hist-aas26" / "array-api-strict-asarray-dtype-inferred__wrong-dtype.md").read_text()
    assert "array-api-strict/issues/222" in text and "array-api-strict/pull/223" in text and "2.6.1" in text


def test_another_machine_with_the_same_versions_and_outcomes_rewrites_no_reproducer(tmp_path):
    """The main job's results, as another machine would record them (kernel, CPU, cores, features, hostname), write
    byte for byte the committed scripts, issue texts and index."""
    written = tmp_path / "reproducers"
    written.mkdir()
    (written / "INDEX.json").write_bytes((REPRODUCERS / "INDEX.json").read_bytes())
    for env in MAIN_ENVS:
        results = json.loads((ROOT / "reports" / f"{env}.json").read_text())
        results["environment"]["platform"] = "Linux-0.0.0-other-aarch64-with-glibc9.99"
        results["environment"]["machine"] = {"cpu": "Other CPU", "cores": 96, "arch": "aarch64", "system": "Linux",
                                             "features": ["neon"]}
        results["environment"]["hostname"] = "elsewhere"
        path = tmp_path / f"{env}.json"
        path.write_text(json.dumps(results))
        assert reproduce(["--all", "--results", str(path), "--dir", str(written),
                          "--cpu-runs", str(ROOT / "reports" / "cpu")]) == 0
    def main_job(folder: Path) -> list[Path]:  # the index and the main envs' folders (history sets are not rerun)
        return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file()
                      and (p.parent == folder or p.relative_to(folder).parts[0] in MAIN_ENVS))

    committed = main_job(REPRODUCERS)
    assert main_job(written) == committed
    for relative in committed:
        assert (written / relative).read_bytes() == (REPRODUCERS / relative).read_bytes(), relative
    for relative in committed:
        text = (REPRODUCERS / relative).read_text()
        assert not re.search(r"0x[0-9a-f]{6,}|Linux-\d|EPYC|/work/|x86_64", text), relative


def test_every_tutorial_a_claim_cites_can_be_followed():
    """A tutorial's sentence is quoted with where to read it: its address on the web, or its text in this repository
    (shipped in the package), never a path outside the checkout."""
    import conformance
    from conformance.claims import CLAIMS
    from conformance.claims._sources import SEEDS, seed_of
    for seed in SEEDS.values():
        assert seed.url.startswith("https://") or (ROOT / seed.path).is_file(), seed
        assert (Path(conformance.__file__).parent / "claims" / "seeds" / seed.file).is_file(), seed
    cited = [c for c in CLAIMS.values() if seed_of(c.source)]
    assert cited and all("../" not in c.source for c in cited)


def test_a_finding_is_called_new_only_after_a_recorded_search_and_upstream_s_record_picks_who_must_act():
    """Every committed issue text links what upstream knows, or names the search that found nothing (repositories,
    queries, date); and a failure upstream attributes to another framework (a producer that exports what it should
    not) is addressed to that framework."""
    from conformance.upstream import Upstream, known_for
    for text_path in sorted(REPRODUCERS.rglob("*.md")):
        text = text_path.read_text()
        assert "not searched yet" not in text, text_path
        if "looks new" in text:
            assert re.search(r"nothing matching found \(.+«.+», on \d{4}-\d\d-\d\d\)", text), text_path
    entries = (Upstream(where=("consumer=jax",), outcome="copies", links=("a",)),
               Upstream(where=("producer=jax|tf",), outcome="wrong values", act="torch"))
    assert known_for(entries, {"consumer": "jax", "producer": "numpy"}, "copies").links == ("a",)
    assert known_for(entries, {"consumer": "torch", "producer": "tf"}, "wrong values").act == "torch"
    assert known_for(entries, {"consumer": "torch", "producer": "numpy"}, "wrong values") is None
    neg = (REPRODUCERS / "interop" / "matrix__torch-to-numpy__np-from-dlpack__wrong-values.md").read_text()
    assert "**Who must act:** PyTorch (a bug)" in neg, "torch exports the negative bit unresolved: torch must act"


def test_a_complete_file_of_another_catalog_serves_while_its_refuted_claims_keep_their_sentences(tmp_path, capsys):
    """`load` reads such a file as a Run (claims since dropped allowed); a file that is no results file at all (a
    flake, bench or mutation report) is refused in one line, exit status 2."""
    from conformance.reproduce.__main__ import load

    document = json.loads((ROOT / "reports" / "tf.json").read_text())
    document["catalog"] = "another-catalog"
    dropped = {"id": "gone.since", "statement": "a claim the catalog dropped", "verdict": "holds", "cases": {}}
    document["claims"].append(dropped)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document))
    run = load(path)
    assert "gone.since" in run.claims and run.complete and any(claim.findings for claim in run)
    refuted = next(e for e in document["claims"] if e.get("findings"))
    refuted["statement"] += " (reworded)"
    path.write_text(json.dumps(document))
    assert reproduce(["--all", "--results", str(path), "--dir", str(tmp_path / "out")]) == 2
    assert "written by another version of the claim catalog" in capsys.readouterr().err
    flake = tmp_path / "flake.json"
    flake.write_text(json.dumps({"schema": "interop-conformance-flake/3", "claims": 3}))
    assert reproduce(["--all", "--results", str(flake), "--dir", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip() == (f'reproduce: {flake}: not a results file (no "schema": '
                                               '"interop-conformance-results/3")')
