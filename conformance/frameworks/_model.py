"""What the suite knows about one array library: the :class:`Framework` base that each registry module fills in.

A framework module (``conformance/frameworks/<key>.py``) defines one subclass and an
instance named ``FRAMEWORK``. Everything else in the suite (environment, fixtures,
domains, inputs, evidence, assertions, the conversion matrix, benchmarks and the
report) reads these objects and never names a framework's API itself.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import importlib.util
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

DEVICE_KINDS = ("cpu", "virtual", "cuda")
NO_DEVICE = {"cuda": "no CUDA device", "virtual": "no virtual device", "cpu": "no CPU device"}


@dataclass(frozen=True)
class Layout:
    """A memory layout a producer can make: the cases it fits (rank, elements, dtypes) and how to build it.

    ``build(module, a, device)`` returns ``(x, values)``: the framework's array on ``device`` laid out as this
    layout, holding ``a``'s values, and the values it must read as (a broadcast layout reads as more)."""

    name: str
    build: Callable[..., tuple[Any, np.ndarray]] | None = None
    min_dims: int = 0
    needs_elements: bool = False
    dtypes: tuple[str, ...] | None = None
    multibyte: bool = False


@dataclass(frozen=True)
class Path:
    """A public conversion into ``consumer``: ``code`` is its expression on ``x``, in the names that the frameworks'
    ``imports`` lines bind (``np``, ``torch``, ``tf``, ``jax``, ``jnp``, ...). The matrix runs that very expression,
    and a reproducer prints it. ``producers`` limits the path to arrays of those frameworks (empty: any producer
    other than the consumer); ``off_host`` to arrays off the CPU device."""

    name: str
    consumer: str
    code: str
    producers: tuple[str, ...] = ()
    off_host: bool = False

    def accepts(self, producer: str, on_device: bool = False) -> bool:
        """Whether the path takes ``producer``'s arrays (``on_device``: arrays off the CPU device). A path with
        ``off_host`` is meant only for those (``.cpu()``, DLPack's ``device=``), and may stay in one framework."""
        if self.off_host and not on_device:
            return False
        if producer == self.consumer and not self.off_host:
            return False
        return not self.producers or producer in self.producers


class Framework:
    """One array library. Subclasses set the class attributes and override what differs from these defaults."""

    key = ""
    order = 100  # the report's column order
    module_name = ""
    distributions: tuple[str, ...] = ()
    label = ""
    dtypes: tuple[str, ...] = ()
    kept: tuple[str, ...] | None = None
    layouts: tuple[Layout, ...] = ()
    device_kinds: tuple[str, ...] = ("cpu",)
    type_modules: tuple[str, ...] = ()
    paths: tuple[Path, ...] = ()
    imports = ""
    names: tuple[str, ...] = ()
    dlpack = ""
    _loaded = False

    def __repr__(self) -> str:
        return f"<framework {self.key}>"

    @property
    def kept_dtypes(self) -> tuple[str, ...]:
        """The dtypes it stores as themselves (JAX without x64 narrows its 64-bit ones)."""
        return self.dtypes if self.kept is None else self.kept

    def findable(self) -> bool:
        return importlib.util.find_spec(self.module_name) is not None

    def version(self) -> str | None:
        for distribution in self.distributions or (self.module_name,):
            try:
                return importlib.metadata.version(distribution)
            except importlib.metadata.PackageNotFoundError:
                continue
        return None

    def load(self):
        """The imported module, configured once for the suite (see :meth:`configure`)."""
        module = importlib.import_module(self.module_name)
        if not self._loaded:
            type(self)._loaded = True
            self.configure(module)
        return module

    def namespace(self, module) -> dict:
        """The names its code uses (``torch``; ``jax`` and ``jnp``), as the ``imports`` line binds them."""
        return {}

    def in_forked_child(self, module) -> None:
        """Called in a forked child (see conformance.isolation) where the module is loaded."""

    def configure(self, module) -> None:
        """Called once, on the first load: a framework that offers virtual devices turns them on here."""

    def layout(self, name: str) -> Layout:
        return next(layout for layout in self.layouts if layout.name == name)

    @property
    def layout_names(self) -> tuple[str, ...]:
        return tuple(layout.name for layout in self.layouts)

    @property
    def default_layout(self) -> str:
        return self.layouts[0].name

    def build(self, a: np.ndarray, layout: str | None = None, device: str = "cpu"):
        """(x, values): ``a``'s values as this framework's array on ``device``, laid out as ``layout``."""
        chosen = self.layout(layout or self.default_layout)
        return chosen.build(self.load(), a, device)

    def owns(self, x) -> bool:
        return type(x).__module__.split(".")[0] in self.type_modules

    def dtype_name(self, x) -> str:
        """The NumPy name of its array's dtype."""
        return np.dtype(x.dtype).name

    def measured_layout(self, x, label: str | None) -> str | None:
        """Its layout as measured from the array (strides, bits), where the framework exposes them; else the label it
        was built as."""
        return label

    def devices(self, kind: str) -> list[str]:
        """The names of the devices of ``kind`` present (``cpu``; ``cpu:1``..., ``cuda:0``...)."""
        return ["cpu"] if kind == "cpu" else []

    def device_of(self, x) -> str:
        return "cpu"

    def on(self, device: str):
        """A context in which new arrays land on ``device`` (a CPU claim never relies on a default device)."""
        return contextlib.nullcontext()

    def to_numpy(self, x) -> np.ndarray:
        """Its values as an ndarray on the host (a copy where it must be)."""
        return np.asarray(x)

    def byte_range(self, x) -> tuple[int, int]:
        """[start, end) of the memory its elements span."""
        return span_of(np.asarray(x))

    def writable(self, x) -> bool:
        return False

    def element(self, x, index: tuple):
        return self.to_numpy(x)[index].item()

    def set_element(self, x, index: tuple, value) -> None:
        x[index] = value

    def address_space(self, x) -> str:
        """"host" for memory the CPU addresses (virtual devices included), else the device's name."""
        return "host"


def span_of(array: np.ndarray) -> tuple[int, int]:
    start = array.__array_interface__["data"][0]
    return span(start, array.shape, array.strides, array.itemsize)


def span(start: int, shape: tuple, strides: tuple, itemsize: int) -> tuple[int, int]:
    if 0 in tuple(shape):
        return start, start
    low = start + sum(s * (n - 1) for s, n in zip(strides, shape) if s < 0)
    high = start + sum(s * (n - 1) for s, n in zip(strides, shape) if s > 0) + itemsize
    return low, high


def interleaved(a: np.ndarray) -> np.ndarray:
    """``a``'s values at every other position of a last axis twice as long (for step-sliced layouts)."""
    base = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), dtype=a.dtype)
    base[..., ::2] = a
    return base


def shifted(a: np.ndarray) -> np.ndarray:
    """A flat array of one zero followed by ``a``'s values (for offset layouts)."""
    return np.concatenate([np.zeros(1, a.dtype), np.ascontiguousarray(a).reshape(-1)])


def transposed_source(a: np.ndarray) -> np.ndarray:
    """The C-ordered array whose transpose holds ``a``'s values."""
    return np.ascontiguousarray(np.transpose(a))
