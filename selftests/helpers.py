import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_conformance(tmp_path, *options, cwd=ROOT):
    """Run the conformance tests in a subprocess; returns (exit code, output, results or None)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    results = tmp_path / "results.json"
    command = [sys.executable, "-m", "pytest", "conformance", "-q", "-p", "no:cacheprovider",
               "--hypothesis-profile=ci", "--baseline", "none", "--results", str(results), *options]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    data = json.loads(results.read_text()) if results.exists() else None
    return done.returncode, done.stdout + done.stderr, data


def verdict(results, claim_id):
    return next(entry for entry in results["claims"] if entry["id"] == claim_id)
