"""Host <-> device transfer timings, from the repository (``tox -e gpu``, the GitHub workflow's GPU job).

The benchmarks ship inside the package, in ``conformance/gpu_transfers.py``, so that an installed suite runs them
from any directory (``pytest --pyargs conformance.gpu_transfers --benchmark-only``); this file collects the same
tests here, where ``benchmarks/conftest.py`` adds the versions to the JSON and drops the raw samples."""

from conformance.gpu_transfers import test_copy, test_path  # noqa: F401 - pytest collects them from this module
