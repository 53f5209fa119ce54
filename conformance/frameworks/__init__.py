"""The framework registry: one module per array library, each defining ``FRAMEWORK`` (see ``_model.Framework``).

This package names the frameworks and imports nothing else of the project. Adding a
framework is its module here, its topic files (claims, tests, faults) and a tox env;
the environment, fixtures, domains, inputs, evidence, assertions, the conversion
matrix, the benchmarks and the report all read ``FRAMEWORKS``.
"""

from __future__ import annotations

import importlib
import pkgutil

from conformance.frameworks._model import DEVICE_KINDS, NO_DEVICE, Framework, Layout, Path


def _discover() -> dict[str, Framework]:
    found = [importlib.import_module(f"{__name__}.{info.name}").FRAMEWORK
             for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
    found.sort(key=lambda fw: (fw.order, fw.key))
    keys = [fw.key for fw in found]
    if len(set(keys)) != len(keys):
        raise ValueError(f"two framework modules share a key: {keys}")
    return {fw.key: fw for fw in found}


FRAMEWORKS: dict[str, Framework] = _discover()
KEYS = tuple(FRAMEWORKS)


def get(key: str) -> Framework:
    return FRAMEWORKS[key]


def by_module(module_name: str) -> Framework | None:
    return next((fw for fw in FRAMEWORKS.values() if fw.module_name == module_name), None)


def framework_of(x):
    """The framework whose array ``x`` is; a stand-in (planted faults) answers for itself."""
    adapter = getattr(type(x), "conformance_adapter", None)
    if adapter is not None:
        return adapter
    return next((fw for fw in FRAMEWORKS.values() if fw.owns(x)), None)


def namespace(keys=None) -> dict:
    """The names that conversion code and reproducers use (``np``, ``torch``, ``tf``, ``jax``, ``jnp``, ...) for the
    frameworks ``keys`` (default: every one that can be imported)."""
    names: dict = {}
    for fw in FRAMEWORKS.values():
        if (keys is None and fw.findable()) or (keys is not None and fw.key in keys):
            names.update(fw.namespace(fw.load()))
    return names


__all__ = ["DEVICE_KINDS", "FRAMEWORKS", "KEYS", "NO_DEVICE", "Framework", "Layout", "Path", "by_module",
           "framework_of", "get", "namespace"]
