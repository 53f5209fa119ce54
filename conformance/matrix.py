"""Running the conversion paths the frameworks declare: which run here, and the code each one is."""

from __future__ import annotations

import functools

from conformance.frameworks import FRAMEWORKS, ConversionPath


def declared_paths() -> list[tuple[str, ConversionPath]]:
    """(declaring framework, path) for every path of every framework in the registry."""
    return [(fw.key, path) for fw in FRAMEWORKS.values() for path in fw.paths]


def paths_from(producer: str, available: frozenset[str], on_device: bool = False) -> list[ConversionPath]:
    """The paths that take ``producer``'s arrays and can run with the ``available`` frameworks: a path needs its
    consumer and the framework that declares it. ``on_device`` adds the paths meant for arrays off the CPU device
    (DLPack's ``device=`` and ``copy=`` keywords, ``.cpu()``, ``.numpy(force=True)``, ...)."""
    return [path for owner, path in declared_paths()
            if path.accepts(producer, on_device) and {owner, path.consumer} <= available | {"numpy"}]


@functools.lru_cache(maxsize=None)
def _compiled(code: str):
    return compile(code, f"<path {code}>", "eval")


class _Names(dict):
    """The names conversion code uses, each framework loaded at its first use (``jnp`` loads JAX)."""

    def __missing__(self, name: str):
        owner = next((fw for fw in FRAMEWORKS.values() if name in fw.names), None)
        if owner is None:
            raise KeyError(name)
        self.update(owner.namespace(owner.load()))
        return self[name]


_NAMES = _Names()


def evaluate(code: str, x, **names):
    """Run a path's ``code`` on ``x``, with the names the frameworks' ``imports`` lines bind."""
    return eval(_compiled(code), {"__builtins__": __builtins__}, _Scope(x, names))


class _Scope(dict):
    def __init__(self, x, names: dict):
        super().__init__(names, x=x)

    def __missing__(self, name: str):
        return _NAMES[name]


def dlpack_import(consumer: str, x):
    """``consumer``'s own DLPack import of ``x`` (TensorFlow takes the capsule)."""
    return evaluate(FRAMEWORKS[consumer].dlpack, x)
