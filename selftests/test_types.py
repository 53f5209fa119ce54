"""The static types: mypy, as mypy.ini configures it (strict for strategies and conformance.results, basic for the
rest of conformance), finds no error."""

import configparser
import importlib.util
import subprocess
import sys

import pytest

from selftests.helpers import ROOT

CONFIG = ROOT / "mypy.ini"
# What mypy's --strict turns on; a module section cannot say `strict = True` (mypy applies it to every module).
STRICT = {"disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_calls", "disallow_untyped_defs",
          "disallow_incomplete_defs", "check_untyped_defs", "disallow_untyped_decorators", "warn_unused_ignores",
          "warn_return_any", "strict_equality", "extra_checks"}
STRICT_PACKAGES = ("strategies", "conformance.results")


def test_the_typed_packages_are_checked_strictly():
    config = configparser.ConfigParser()
    config.read(CONFIG)
    for package in STRICT_PACKAGES:
        section = config[f"mypy-{package}.*"]
        assert {flag for flag in STRICT if section.getboolean(flag)} == STRICT, package
        assert section.getboolean("implicit_reexport") is False, package
    assert not any(config.has_option(name, "strict") for name in config.sections())


def test_no_module_is_exempt_from_the_checker():
    """No section of mypy.ini switches a module's errors off (``ignore_errors``): a module that fails the checker is
    fixed, not exempted, so that the basic check covers all of conformance (issue #25)."""
    config = configparser.ConfigParser()
    config.read(CONFIG)
    exempt = [name for name in config.sections() if config.has_option(name, "ignore_errors")]
    assert exempt == [], f"mypy.ini exempts {', '.join(exempt)} from the checker (ignore_errors)"


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed here (the selftest env installs it: tox -e selftest)")
def test_mypy_finds_no_error():
    run = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(CONFIG)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert run.returncode == 0 and not errors, (run.stdout + run.stderr)[-4000:]
