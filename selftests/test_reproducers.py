"""The committed reproducers: standalone, complete, and each reproduces in the env that produced it."""

import ast
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conformance.engine.conversions import outcome_label
from conformance.reproduce.__main__ import main as reproduce
from selftests.helpers import ROOT

REPRODUCERS = ROOT / "reproducers"
MAIN_ENVS = ("tf", "torch", "jax", "array_api_strict", "interop")
STANDARD = {"sys", "os", "signal"}
FRAMEWORK_MODULES = {"numpy", "torch", "tensorflow", "jax", "array_api_strict", "cupy"}
TOX = Path(sys.prefix).parent  # .tox/<this env> -> .tox


def index() -> dict:
    return json.loads((REPRODUCERS / "INDEX.json").read_text())


def python_of(env: str) -> Path:
    return TOX / env / "bin" / "python"


def test_every_finding_of_the_main_job_has_a_reproducer():
    made = {(i["env"], i["claim"], i["outcome"]) for i in index()["reproducers"]}
    for env in MAIN_ENVS:
        results = json.loads((ROOT / "reports" / f"{env}.json").read_text())
        for entry in results["claims"]:
            for finding in entry.get("findings", []):
                assert (env, entry["id"], finding["outcome"]) in made, (env, entry["id"], finding["outcome"])
        for row in results.get("conversions", []):
            label = outcome_label(row)
            if "crashes" in label or "wrong values" in label:
                assert (env, f"matrix: {row['path']} ({row['producer']} → {row['consumer']})", label) in made
    assert index()["missing"] == []


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


def test_every_reproducer_reproduces_in_the_env_that_produced_it(tmp_path):
    items = index()["reproducers"]
    absent = sorted({i["env"] for i in items if not python_of(i["env"]).exists()})
    if absent:
        pytest.skip(f"envs not built here: {', '.join(absent)} (the everything command builds them)")
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(pool.map(lambda i: (i, _run(python_of(i["env"]), REPRODUCERS / i["script"], tmp_path)), items))
    failures = [f"{i['script']}: exit {r.returncode}: {(r.stdout + r.stderr)[-300:]}" for i, r in runs
                if r.returncode != 1 or "observed:" not in r.stdout]
    assert failures == []


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
    into valid Python, from a stand-in finding on one case per device kind of its domain."""
    import numpy as np

    from conformance.claims import CLAIMS
    from conformance.domains import cases
    from conformance.frameworks import FRAMEWORKS
    from conformance.reproduce.script import claim_script

    host_layouts = FRAMEWORKS["numpy"].layout_names
    for claim in (c for c in CLAIMS.values() if c.reproduce is not None):
        for case in {str(c.device): c for c in cases(claim.domain)}.values():
            owner = case.producer or ("numpy" if case.layout in host_layouts else claim.frameworks[0])
            device = {"cuda": "cuda:0", "virtual": "cpu:1" if owner == "jax" else "device1"}.get(case.device, "cpu")
            spec = {"dtype": np.dtype(case.dtype or "float32").str, "shape": [2], "layout": case.layout,
                    "fill": 0, "set": {"1": 1}, "framework": owner, "device": device}
            finding = {"case": str(case), "outcome": "copies", "cases": 1, "inputs": [spec]}
            text = claim_script(claim, {"cases": {str(case): {"dims": dict(case)}}}, finding, {"env": "selftest"})
            compile(text, f"{claim.id}[{case}]", "exec")
