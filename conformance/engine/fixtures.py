"""Fixtures, one per framework of the registry but NumPy (``torch``, ``tf``, ``jax``, ``array_api_strict``, ``cupy``),
and ``available``: the framework keys this run may use. Registered by the plugin. A framework added to the registry
adds its fixture here (``selftests/test_registry.py`` checks that every one has one)."""

import pytest

from conformance.engine.plan import plan_of
from conformance.frameworks import FRAMEWORKS


def _load(request: pytest.FixtureRequest, key: str):
    """The framework's module, as the registry loads it; skipped where it is not installed."""
    environment = plan_of(request.config).environment
    problem = environment.skip_reason([key], None)
    if problem is not None:
        reason, is_error = problem
        if is_error:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    try:
        return FRAMEWORKS[key].load()
    except ImportError as exc:
        pytest.fail(f"{FRAMEWORKS[key].module_name} is installed but cannot be imported: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def torch(request):
    """The ``torch`` module; skipped where PyTorch is not installed."""
    return _load(request, "torch")


@pytest.fixture(scope="session")
def tf(request):
    """The ``tensorflow`` module; skipped where TensorFlow is not installed."""
    return _load(request, "tf")


@pytest.fixture(scope="session")
def jax(request):
    """The ``jax`` module; skipped where JAX is not installed."""
    return _load(request, "jax")


@pytest.fixture(scope="session")
def array_api_strict(request):
    """The ``array_api_strict`` module; skipped where array-api-strict is not installed."""
    return _load(request, "array_api_strict")


@pytest.fixture(scope="session")
def cupy(request):
    """The ``cupy`` module; skipped where CuPy is not installed."""
    return _load(request, "cupy")


@pytest.fixture(scope="session")
def available(request) -> frozenset:
    return plan_of(request.config).environment.available
