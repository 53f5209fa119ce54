"""The GPU claims' cases, run on the CPU in place of a CUDA device, each end in a verdict: none is an error.

No machine of the pool has a GPU, so a GPU claim's cases are skipped here ("no CUDA device"). What is not about the
device can still be checked here: that each case's input can be built in every layout, dtype and size class its
domain enumerates, and that every call its test makes into a framework is inside an assertion helper, so that
whatever the framework does (raises, crashes, returns something else) is an outcome of the case, never an error of
the suite. The run goes through the whole plugin, with each framework's CUDA devices replaced by the CPU
(selftests/gpu_standin.py); its verdicts mean nothing and are not looked at, only that there is one.
"""

import json
import subprocess
import sys

import pytest

from conformance.claims import CLAIMS
from conformance.domains import cases
from conformance.frameworks import FRAMEWORKS
from conformance.tests import test_cupy, test_devices, test_gpu
from selftests.helpers import ROOT

# Claims whose cases are all on CUDA devices, that a CPU can stand in for: perf.gpu_float32_faster times a CUDA
# matrix product (it synchronizes the device), and CuPy has no CPU at all.
STANDING_IN = sorted(claim_id for claim_id, claim in CLAIMS.items()
                     if claim.domain.get("device") == ("cuda",) and not claim.machine_dependent)


def _tests() -> dict[str, str]:
    """{claim id: the name of its test function} for the tests of the GPU and device topics."""
    found = {}
    for module in (test_gpu, test_devices, test_cupy):
        for name, function in vars(module).items():
            for mark in getattr(function, "pytestmark", []):
                if mark.name == "claim":
                    found[mark.args[0]] = name
    return found


def _can_stand_in(claim_id: str) -> bool:
    return "cupy" not in CLAIMS[claim_id].frameworks or CLAIMS[claim_id].domain.get("producer")


def test_the_stand_in_covers_every_gpu_claim_with_a_test_here():
    tests = _tests()
    assert set(STANDING_IN) <= set(tests), sorted(set(STANDING_IN) - set(tests))
    assert len(STANDING_IN) >= 16, STANDING_IN


def test_every_gpu_case_built_on_the_cpu_ends_in_a_verdict(tmp_path):
    for key in ("torch", "tf", "jax"):
        if not FRAMEWORKS[key].findable():
            pytest.skip(f"{key} is not installed: the stand-in run needs torch, tf and jax")
    tests = _tests()
    names = sorted({tests[claim_id] for claim_id in STANDING_IN if _can_stand_in(claim_id)})
    results = tmp_path / "standin.json"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "conformance/tests/test_gpu.py", "conformance/tests/test_devices.py",
         "conformance/tests/test_cupy.py", "-p", "selftests.gpu_standin", "-p", "no:cacheprovider", "-q",
         "-k", " or ".join(names), "--baseline", "none", "--results", str(results), "--hypothesis-profile", "ci"],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert results.exists(), run.stdout[-3000:] + run.stderr[-3000:]
    claims = {claim["id"]: claim for claim in json.loads(results.read_text())["claims"]}
    problems, ran = [], 0
    for claim_id in filter(_can_stand_in, STANDING_IN):
        expected = {str(case.replace(device="cpu")) for case in cases(CLAIMS[claim_id].domain)
                    if case.producer != "cupy"}
        entry = claims[claim_id]["cases"]
        for case_id in sorted(expected):
            case = entry.get(case_id)
            if case is None:
                problems.append(f"{claim_id} {case_id}: did not run")
            elif case["verdict"] not in ("holds", "refuted"):
                problems.append(f"{claim_id} {case_id}: {case['verdict']} {case.get('observed', case.get('reason'))}")
            else:
                ran += 1
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} cases without a verdict, {ran} with one)"
    assert ran >= 450, ran  # 498 cases of 15 claims when this was written: never fewer unnoticed
