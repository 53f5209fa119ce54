"""GPU claims without a GPU: they collect, and they skip with the reason instead of holding."""

import subprocess
import sys

from conformance.claims import CLAIMS
from selftests.helpers import ROOT, run_conformance

GPU_CLAIMS = [c.id for c in CLAIMS.values() if "cuda" in c.needs] + ["torch.float.requires_cpu_no_grad"]


def test_gpu_claims_skip_with_reason_when_cuda_is_hidden(tmp_path):
    code, output, results = run_conformance(tmp_path, "--claims", ",".join(GPU_CLAIMS), "--hide-cuda", "-m", "gpu")
    assert code == 0, output
    for entry in results["claims"]:
        if entry["id"] in GPU_CLAIMS and entry["id"] != "torch.float.requires_cpu_no_grad":
            assert entry["verdict"] == "skipped", entry
            assert entry["reason"] in ("no CUDA device", "torch not installed", "tensorflow not installed"), entry


def test_gpu_module_imports_and_collects_without_a_gpu(tmp_path):
    results = tmp_path / "results.json"
    done = subprocess.run([sys.executable, "-m", "pytest", "conformance/test_gpu.py", "--collect-only", "-q",
                           "-p", "no:cacheprovider", "--results", str(results)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "test_numpy_cuda_raises" in done.stdout and "test_gpu_float32_faster" in done.stdout
    assert not results.exists(), "a collect-only run observed nothing and must not write results"
