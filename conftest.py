"""Registers the conformance plugin, the Hypothesis profiles and the framework fixtures."""

import importlib
import os

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["conformance.plugin"]

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

_COMMON = dict(deadline=None, print_blob=True, report_multiple_bugs=False,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                      HealthCheck.differing_executors])
settings.register_profile("default", max_examples=25, **_COMMON)
settings.register_profile("ci", max_examples=40, derandomize=True, database=None, **_COMMON)
settings.register_profile("thorough", max_examples=400, **_COMMON)
settings.register_profile("flake", max_examples=25, database=None, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def _framework(module):
    try:
        return importlib.import_module(module)
    except ImportError:
        pytest.skip(f"{module} not installed")


@pytest.fixture(scope="session")
def torch():
    return _framework("torch")


@pytest.fixture(scope="session")
def tf():
    return _framework("tensorflow")


def pytest_benchmark_update_machine_info(config, machine_info):
    from conformance import environment

    machine_info["interop"] = {key: value for key, value in environment.describe(None, None).items()
                               if key in ("env", "numpy", "torch", "tensorflow", "devices")}


def pytest_benchmark_update_json(config, benchmarks, output_json):
    """Keep each benchmark's statistics but not its raw samples (megabytes per run)."""
    for bench in output_json["benchmarks"]:
        bench["stats"].pop("data", None)
