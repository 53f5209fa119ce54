"""What the suite knows about one array library: the :class:`Framework` base that each registry module fills in.

A framework module (``conformance/frameworks/<key>.py``) defines one subclass and an instance named ``FRAMEWORK``.
The machinery (environment, domains, inputs, evidence, assertions, the conversion matrix) reads these objects and
names no framework's API itself. Some code does, on purpose: the topic files (claims, tests, faults), whose
sentences are about one API; the fixtures (one per framework key, ``engine/fixtures.py``); the benchmarks
(``benchmarks/bench_conversions.py`` times ``torch.from_numpy``, ``tf.constant``, ...; ``bench_gpu_transfers.py``
copies with torch); the reproducers' check helpers (``reproduce/script.py``: ``resolve_conj``, TensorFlow's
memoryview, which modules make writable arrays), which must run without the suite; and the report's own words
(``report/``: env order, version columns).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.metadata
import importlib.util
from dataclasses import dataclass

import numpy as np

from conformance.upstream import Upstream

DEVICE_KINDS = ("cpu", "virtual", "cuda")
NO_DEVICE = {"cuda": "no CUDA device", "virtual": "no virtual device"}  # the CPU is always present


# Helpers that layout code may call; a reproducer prints them beside the code, so both build the same input.
HELPERS = '''
def placed(values, offset, order="C"):
    """A copy of values in a fresh buffer, offset bytes past a 64-byte boundary."""
    raw = np.empty(values.nbytes + 128, np.uint8)
    out = np.ndarray(values.shape, values.dtype, raw, -raw.ctypes.data % 64 + offset, order=order)
    out[...] = values
    return out


def read_only(array):
    array.flags.writeable = False
    return array


def interleaved(a):
    """a's values at every other position of a last axis twice as long."""
    base = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), a.dtype)
    base[..., ::2] = a
    return base


def shifted(a):
    """One zero, then a's values, flat."""
    return np.concatenate([np.zeros(1, a.dtype), np.ascontiguousarray(a).reshape(-1)])
'''
HELPER_NAMES: dict = {"np": np}
exec(HELPERS, HELPER_NAMES)


@functools.lru_cache(maxsize=None)
def _findable(module_name: str) -> bool:
    return importlib.util.find_spec(module_name) is not None


@functools.lru_cache(maxsize=None)
def compiled(code: str):
    return compile(code, f"<layout {code}>", "eval")


@dataclass(frozen=True)
class Layout:
    """A memory layout a producer can make: the cases it fits (rank, elements, dtypes) and how to build it.

    ``code`` builds it from the ndarray ``a`` (with the names of its framework's ``imports`` line and the
    ``HELPERS``): the suite evaluates it, and a reproducer prints it. ``reads_as`` is the values it reads as (a
    broadcast layout reads as more than ``a``)."""

    name: str
    code: str
    reads_as: str = "a"
    min_dims: int = 0
    needs_elements: bool = False
    min_last: int = 1  # 2 where it steps or reverses the last axis: on one element that is no stride at all
    dtypes: tuple[str, ...] | None = None
    multibyte: bool = False


@dataclass(frozen=True)
class ConversionPath:
    """A public conversion into ``consumer``: ``code`` is its expression on ``x``, in the names that the frameworks'
    ``imports`` lines bind (``np``, ``torch``, ``tf``, ``jax``, ``jnp``, ...). The matrix runs that very expression,
    and a reproducer prints it. ``producers`` limits the path to arrays of those frameworks (empty: any producer
    other than the consumer); ``off_host`` to arrays off the CPU device. ``upstream``: issues or pull requests about
    how the path fails, which the matrix's reproducers link; ``known``: what upstream knows of one kind of failure
    of the path (``conformance.upstream``), used before ``upstream`` by the findings it matches."""

    name: str
    consumer: str
    code: str
    producers: tuple[str, ...] = ()
    off_host: bool = False
    upstream: tuple[str, ...] = ()
    known: tuple[Upstream, ...] = ()

    def accepts(self, producer: str, on_device: bool = False) -> bool:
        """Whether the path takes ``producer``'s arrays (``on_device``: arrays off the CPU device). A path with
        ``off_host`` is meant only for those (``.cpu()``, DLPack's ``device=``), and may stay in one framework."""
        if self.off_host and not on_device:
            return False
        if producer == self.consumer and not self.off_host:
            return False
        return not self.producers or producer in self.producers


class ArrayAccess:
    """How the suite reads one framework's arrays: ownership, dtype, layout, device, values, memory, writability."""

    type_modules: tuple[str, ...] = ()

    def owns(self, x) -> bool:
        return type(x).__module__.split(".")[0] in self.type_modules

    def dtype_name(self, x) -> str:
        """The NumPy name of its array's dtype."""
        return np.dtype(x.dtype).name

    def measured_layout(self, x, label: str | None) -> str | None:
        """Its layout as measured from the array (strides, bits), where the framework exposes them; else the label it
        was built as."""
        return label

    def device_of(self, x) -> str:
        return "cpu"

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

    def synchronize(self, x) -> None:
        """Wait until the work that makes ``x`` is done (a no-op for host arrays), so that a timing covers it."""


class Framework(ArrayAccess):
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
    paths: tuple[ConversionPath, ...] = ()
    imports = ""
    names: tuple[str, ...] = ()
    dlpack = ""
    dispatch_variables: tuple[str, ...] = ()  # choose its compiled code paths on a CPU (host.machine records them)
    _loaded = False

    def __repr__(self) -> str:
        return f"<framework {self.key}>"

    @property
    def kept_dtypes(self) -> tuple[str, ...]:
        """The dtypes it stores as themselves (JAX without x64 narrows its 64-bit ones)."""
        return self.dtypes if self.kept is None else self.kept

    def findable(self) -> bool:
        """Whether its module can be imported here: asked once a process, since what is installed does not change
        while a run runs (collection asks for every case, 7,000 times in interop, each through pytest's import hook)."""
        return _findable(self.module_name)

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
        """(x, values): ``a``'s values as this framework's array on ``device``, laid out as ``layout``: its code
        evaluated in the framework's device context, then settled on the device."""
        chosen = self.layout(layout or self.default_layout)
        names = {**HELPER_NAMES, **self.namespace(self.load()), "a": a}
        with self.on(device):
            x = self.settle(eval(compiled(chosen.code), names), device)
        return x, eval(compiled(chosen.reads_as), names)

    def settle(self, x, device: str):
        """``x``, made in the device context, placed on ``device`` where the context alone does not."""
        return x

    def settle_code(self, code: str, device: str) -> str:
        """A layout's ``code`` as a reproducer writes it for ``device`` (settled there, as :meth:`settle` does)."""
        return code

    def device_code(self, device: str) -> str:
        """The expression for the registry's device name in this framework's own terms, for reproducers."""
        return repr(device)

    def script_setup(self, device: str) -> list[str]:
        """Lines a reproducer runs right after its imports to have ``device`` (JAX's virtual devices)."""
        return []

    def context_code(self, device: str) -> str | None:
        """The ``with`` expression a reproducer builds its input in, or None (the CPU, where it is the default)."""
        return None

    def devices(self, kind: str) -> list[str]:
        """The names of the devices of ``kind`` present (``cpu``; ``cpu:1``..., ``cuda:0``...)."""
        return ["cpu"] if kind == "cpu" else []

    def native(self, device: str):
        """The framework's own object for the registry's device name (what its ``device=`` arguments take)."""
        return device

    def dlpack_import(self, x, **kwargs):
        """Its DLPack import of ``x``, with the array API's ``device=`` and ``copy=`` keywords where given (device
        as a registry name)."""
        if "device" in kwargs:
            kwargs["device"] = self.native(kwargs["device"])
        return self.dlpack_function(self.load())(x, **kwargs)

    def dlpack_function(self, module):
        raise NotImplementedError(f"{self.key} has no DLPack import")

    def place(self, x, device: str):
        """``x`` explicitly placed on ``device`` (committed there, where the framework makes the distinction)."""
        raise NotImplementedError(f"{self.key} has one device")

    def on(self, device: str):
        """A context in which new arrays land on ``device`` (a CPU claim never relies on a default device)."""
        return contextlib.nullcontext()


def span_of(array: np.ndarray) -> tuple[int, int]:
    start = array.__array_interface__["data"][0]
    return span(start, array.shape, array.strides, array.itemsize)


def span(start: int, shape: tuple, strides: tuple, itemsize: int) -> tuple[int, int]:
    if 0 in tuple(shape):
        return start, start
    low = start + sum(s * (n - 1) for s, n in zip(strides, shape) if s < 0)
    high = start + sum(s * (n - 1) for s, n in zip(strides, shape) if s > 0) + itemsize
    return low, high
