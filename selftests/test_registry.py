"""The framework registry: one module adds a framework, and the environment, domains, cases, the conversion matrix
and the results all pick it up."""

import json
import os
import subprocess
import sys
import textwrap
import types

import pytest

from conformance.frameworks import FRAMEWORKS, Framework
from selftests.helpers import copy_of_suite

THROWAWAY = textwrap.dedent('''
    """A throwaway framework for the registry's selftest: NumPy arrays in a wrapper of its own."""

    import sys

    import numpy as np

    from conformance.frameworks._model import ConversionPath, Framework, Layout


    class Wrapped:
        def __init__(self, array):
            self.array = np.asarray(array)
            self.shape, self.dtype = self.array.shape, self.array.dtype

        def __array__(self, dtype=None, copy=None):
            return self.array

        def __dlpack__(self, **kwargs):
            return self.array.__dlpack__(**kwargs)

        def __dlpack_device__(self):
            return (1, 0)


    class Throwaway(Framework):
        key = "throwaway"
        order = 9
        module_name = "numpy"
        label = "Throwaway"
        dtypes = ("int8", "float32")
        layouts = (Layout("wrapped", "throwaway.Wrapped(a.copy())"),)
        imports = "import throwaway"
        names = ("throwaway",)
        dlpack = "throwaway.Wrapped(np.from_dlpack(x))"
        paths = (ConversionPath("throwaway.Wrapped", "throwaway", "throwaway.Wrapped(np.asarray(x))"),)

        def namespace(self, module):
            return {"throwaway": sys.modules[__name__]}

        def owns(self, x):
            return isinstance(x, Wrapped)

        def to_numpy(self, x):
            return x.array


    FRAMEWORK = Throwaway()
''')

PROBE = textwrap.dedent('''
    import json
    from conformance.domains import Domain
    from conformance.engine.enumeration import observation_cases
    from conformance.host import Environment
    from conformance.frameworks import FRAMEWORKS
    from conformance.matrix import paths_from

    environment = Environment()
    Domain(producer=("throwaway",), layout=("wrapped",))
    print(json.dumps({"keys": list(FRAMEWORKS), "available": "throwaway" in environment.available,
                      "versions": "numpy" in environment.versions(),
                      "observed": sorted({str(c) for c in observation_cases(environment) if c.producer == "throwaway"}),
                      "into": [p.name for p in paths_from("numpy", environment.available) if p.consumer == "throwaway"],
                      "from": [p.name for p in paths_from("throwaway", environment.available)]}))
''')


def test_the_registry_is_every_framework_module_and_each_describes_itself():
    assert list(FRAMEWORKS)[:5] == ["numpy", "torch", "tf", "jax", "array_api_strict"] and "cupy" in FRAMEWORKS
    for fw in FRAMEWORKS.values():
        assert isinstance(fw, Framework) and fw.layouts and fw.dtypes and fw.device_kinds and fw.imports or \
            fw.key == "numpy"


def test_every_framework_but_numpy_has_its_fixture_named_after_its_key():
    from conformance.engine import fixtures
    missing = [key for key in FRAMEWORKS if key != "numpy" and not callable(getattr(fixtures, key, None))]
    assert missing == [], f"add a fixture to conformance/engine/fixtures.py for {missing}"


def test_a_framework_from_a_single_module_is_picked_up_everywhere(tmp_path):
    tree = copy_of_suite(tmp_path)
    (tree / "conformance" / "frameworks" / "throwaway.py").write_text(THROWAWAY)
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    probe = subprocess.run([sys.executable, "-c", PROBE], cwd=tree, capture_output=True, text=True, timeout=300,
                           env=environment)
    found = json.loads(probe.stdout.strip().splitlines()[-1])
    assert "throwaway" in found["keys"] and found["available"]
    assert found["observed"] == ["wrapped-0-d-throwaway-cpu", "wrapped-128K-8M-throwaway-cpu",
                                 "wrapped-1B-4K-throwaway-cpu", "wrapped-4K-128K-throwaway-cpu"]
    assert found["into"] == ["throwaway.Wrapped"] and "np.asarray" in found["from"]
    run = subprocess.run([sys.executable, "-m", "pytest", "conformance/tests/test_conversion_matrix.py", "-q", "-p",
                          "no:cacheprovider", "--baseline", "none", "-k", "throwaway", "--results",
                          str(tmp_path / "r.json"), "--hide-module", "torch", "--hide-module", "tensorflow",
                          "--hide-module", "jax", "--hide-module", "array_api_strict"],
                         cwd=tree, capture_output=True, text=True, timeout=300, env=environment)
    rows = json.loads((tmp_path / "r.json").read_text())["conversions"]
    observed = {(r["producer"], r["consumer"], r["path"]): sorted(r["outcomes"]) for r in rows}
    assert observed[("throwaway", "numpy", "np.asarray")] == ["shares"], run.stdout[-2000:]
    assert observed[("throwaway", "numpy", "np.from_dlpack")] == ["shares"]


def test_jax_reads_an_array_off_the_host_afresh_not_through_its_cached_host_copy(monkeypatch):
    """On a GPU, np.asarray(x) caches its host copy in x: a later write through a torch or CuPy alias would not show.
    Here a CPU array stands in for a GPU one: the read must come from a new copy, not from x's own buffer."""
    jax = pytest.importorskip("jax")
    fw = FRAMEWORKS["jax"]
    x = jax.numpy.arange(6.0)
    monkeypatch.setattr(type(fw), "address_space", lambda self, array: "cuda:0")
    got = fw.to_numpy(x)
    assert got.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0] and got.ctypes.data != x.unsafe_buffer_pointer()


def test_cupy_gets_the_cpu_as_a_dlpack_device_pair(monkeypatch):
    """cupy.from_dlpack documents ``device`` as a (device_type, device_id) pair; a stand-in module records it."""
    seen = {}
    stand_in = types.ModuleType("cupy")
    stand_in.from_dlpack = lambda x, **kwargs: seen.update(kwargs)
    monkeypatch.setitem(sys.modules, "cupy", stand_in)
    FRAMEWORKS["cupy"].dlpack_import(object(), device="cpu", copy=False)
    assert seen == {"device": (1, 0), "copy": False}
    FRAMEWORKS["cupy"].dlpack_import(object(), device="cuda:1")
    assert seen["device"] == (2, 1)


def test_torch_builds_on_the_cpu_inside_another_device_context():
    """A CUDA case that builds one input on the CPU: the inner CPU context must win (``meta`` stands in for CUDA)."""
    torch = pytest.importorskip("torch")
    with torch.device("meta"), FRAMEWORKS["torch"].on("cpu"):
        assert torch.tensor([1.0]).device.type == "cpu"
    with FRAMEWORKS["torch"].on("cpu"):
        assert torch.tensor([1.0]).device.type == "cpu"


def test_tf_reads_a_tensors_address_from_its_dlpack_export_as_its_memoryview_gives_it():
    """On a GPU the memoryview is a host copy, so byte_range reads GPU tensors from DLPack; on the CPU both exist
    and must agree, which checks the reading of the DLPack struct."""
    tf = pytest.importorskip("tensorflow")
    import numpy as np

    from conformance.frameworks._model import span_of
    from conformance.frameworks.tf import _dlpack_range
    for tensor in (tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4)), tf.constant(3.0),
                   tf.constant(np.arange(5, dtype=np.int8)), tf.transpose(tf.constant(np.arange(6.0).reshape(2, 3))),
                   tf.constant([True, False])):
        assert _dlpack_range(tf, tensor) == span_of(np.asarray(memoryview(tensor))), tensor
