"""Nothing relies on a default device. On a GPU machine JAX and TensorFlow put new arrays on the GPU by default;
here JAX's default device is moved to the virtual CPU device cpu:1 instead, and every conversion of the host matrix
must still land on the CPU."""

import json
import os
import subprocess
import sys

import pytest

from selftests.helpers import copy_of_suite

DEFAULT_ELSEWHERE = '''

@pytest.fixture(autouse=True)
def _jax_default_device_elsewhere():
    """As a GPU machine does: new JAX arrays go to another device unless the suite says where."""
    import jax
    jax.config.update("jax_default_device", jax.devices("cpu")[1])
    yield
'''


def test_the_host_matrix_lands_on_the_cpu_whatever_the_default_device(tmp_path):
    pytest.importorskip("jax")
    tree = copy_of_suite(tmp_path)
    conftest = tree / "conftest.py"
    conftest.write_text("import pytest\n" + conftest.read_text() + DEFAULT_ELSEWHERE)
    run = subprocess.run([sys.executable, "-m", "pytest", "conformance/tests/test_conversion_matrix.py", "-q", "-p",
                          "no:cacheprovider", "--baseline", "none", "-k", "observe and numpy-cpu",
                          "--results", str(tmp_path / "r.json"), "--hide-module", "torch", "--hide-module",
                          "tensorflow", "--hide-module", "array_api_strict", "--hypothesis-profile", "ci"],
                         cwd=tree, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(tree)})
    rows = json.loads((tmp_path / "r.json").read_text())["conversions"]
    into_jax = [row for row in rows if row["consumer"] == "jax"]
    assert into_jax, run.stdout[-2000:]
    landed = {(row["path"], device) for row in into_jax for device in row["result_devices"]}
    assert {device for _, device in landed} == {"cpu"}, sorted(landed)
