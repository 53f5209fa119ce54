"""Registers the conformance plugin, the Hypothesis profiles and the framework fixtures."""

import importlib
import os

import pytest
from hypothesis import settings

import conformance.profiles  # noqa: F401 - registers the Hypothesis profiles

pytest_plugins = ["conformance.engine.plugin"]

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _framework(module):
    from conformance.engine import environment

    if not environment.installed(module):
        pytest.skip(f"{module} not installed")
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        pytest.fail(f"{module} is installed but cannot be imported: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def torch():
    return _framework("torch")


@pytest.fixture(scope="session")
def tf():
    return _framework("tensorflow")


@pytest.fixture(scope="session")
def jax():
    return _framework("jax")


def pytest_benchmark_update_machine_info(config, machine_info):
    from conformance.engine import environment

    machine_info["interop"] = {key: value for key, value in environment.describe(None, None).items()
                               if key in ("env", "numpy", "torch", "tensorflow", "jax", "devices", "machine")}


def pytest_benchmark_update_json(config, benchmarks, output_json):
    """Keep each benchmark's statistics but not its raw samples (megabytes per run)."""
    for bench in output_json["benchmarks"]:
        bench["stats"].pop("data", None)
