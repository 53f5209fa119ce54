"""Fixtures, one per framework of the registry (``torch``, ``tf``, ``jax``, ``array_api_strict``, ``cupy``), and
``available``: the framework keys this run may use. Registered by the plugin."""

import pytest

from conformance.engine.plan import plan_of
from conformance.frameworks import FRAMEWORKS


def _framework_fixture(key: str):
    @pytest.fixture(scope="session", name=key)
    def fixture(request):
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

    return fixture


for _key in FRAMEWORKS:
    if _key != "numpy":
        globals()[f"fixture_{_key}"] = _framework_fixture(_key)


@pytest.fixture(scope="session")
def available(request) -> frozenset:
    return plan_of(request.config).environment.available
