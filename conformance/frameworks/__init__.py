"""The framework registry: one module per array library, each defining ``FRAMEWORK`` (see ``_model.Framework``).

This package names the frameworks and imports nothing else of the project. The environment, domains, cases,
inputs, evidence, assertions and the conversion matrix read ``FRAMEWORKS`` and pick a new module up by themselves
(``selftests/test_registry.py`` adds a throwaway one). Adding a framework ``<key>`` is:

1. its module here, ``<key>.py``: a ``Framework`` subclass (import name and distributions, dtypes, layouts, devices,
   ``ConversionPath``s, ``imports`` and ``namespace``, DLPack) and ``FRAMEWORK``, an instance of it;
2. its fixture, a function named ``<key>`` in ``conformance/engine/fixtures.py`` (the registry's selftest checks it);
3. its topic files: ``claims/<key>.py``, ``test_<key>.py`` (one test per claim) and ``faults/<key>.py`` (a fault
   that moves each claim; ``tox -m mutation``);
4. a tox env ``[testenv:<key>]`` with its pin in ``[pins]`` and in ``[all]`` (interop, selftest, mutation), listed in
   ``env_list`` and the ``main`` label, and the env in the report's order (``report/inputs.py``);
5. its baseline, ``tox -e <key> -- --update-baseline``, and interop's re-recorded (the matrix gains its paths);
6. where it applies: its timings in ``benchmarks/`` and its arrays in the reproducers' check helpers
   (``reproduce/script.py``), which name framework APIs themselves.
"""

from __future__ import annotations

import importlib
import pkgutil

from conformance.frameworks._model import DEVICE_KINDS, NO_DEVICE, ConversionPath, Framework, Layout


def _discover() -> dict[str, Framework]:
    found = [importlib.import_module(f"{__name__}.{info.name}").FRAMEWORK
             for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
    found.sort(key=lambda fw: (fw.order, fw.key))
    keys = [fw.key for fw in found]
    if len(set(keys)) != len(keys):
        raise ValueError(f"two framework modules share a key: {keys}")
    return {fw.key: fw for fw in found}


FRAMEWORKS: dict[str, Framework] = _discover()


def by_module(module_name: str) -> Framework | None:
    return next((fw for fw in FRAMEWORKS.values() if fw.module_name == module_name), None)


def framework_of(x):
    """The framework whose array ``x`` is; a stand-in (planted faults) answers for itself."""
    adapter = getattr(type(x), "conformance_adapter", None)
    if adapter is not None:
        return adapter
    return next((fw for fw in FRAMEWORKS.values() if fw.owns(x)), None)


__all__ = ["DEVICE_KINDS", "FRAMEWORKS", "NO_DEVICE", "ConversionPath", "Framework", "Layout", "by_module",
           "framework_of"]
