"""The fault registry: a fault is a function that monkeypatches one framework to break one documented behaviour."""

import ctypes
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass, field

from conformance.frameworks import FRAMEWORKS


@dataclass(frozen=True)
class Fault:
    name: str
    description: str
    targets: tuple[str, ...]
    framework: str
    topic: str
    patch: Callable = field(repr=False, compare=False)

    @property
    def module(self) -> str:
        return FRAMEWORKS[self.framework].module_name

    def plant(self, monkeypatch):
        """Apply the fault; returns a cleanup callable when undoing needs more than the monkeypatch."""
        return self.patch(monkeypatch, FRAMEWORKS[self.framework].load())


FAULTS: dict[str, Fault] = {}


def fault(description: str, targets: list[str], framework: str):
    """Register the decorated function as the fault named after it (``torch_x_y`` -> ``torch-x-y``); ``framework``
    is the registry key of the framework it patches."""
    if framework not in FRAMEWORKS:
        raise ValueError(f"fault {description!r}: unknown framework {framework!r}")

    def register(patch: Callable) -> Callable:
        name = patch.__name__.replace("_", "-")
        if name in FAULTS:
            raise ValueError(f"fault {name} is defined twice")
        FAULTS[name] = Fault(name, description, tuple(targets), framework, patch.__module__.rsplit(".", 1)[-1], patch)
        return patch
    return register


def wrap(monkeypatch, owner, name: str, make: Callable) -> None:
    """Replace ``owner.name`` with ``make(original)`` for the session."""
    monkeypatch.setattr(owner, name, make(getattr(owner, name)), raising=False)


# How the crash faults kill the process, by the dtype of the array in hand: the three ways a framework dies in C.
CRASH_BY_DTYPE = {"int8": "null read", "int16": "abort", "int32": "illegal instruction"}
CRASH_SIGNALS = {"null read": "SIGSEGV", "abort": "SIGABRT", "illegal instruction": "SIGILL"}


def crash_for(dtype) -> None:
    """Kill this process if ``dtype`` is one of CRASH_BY_DTYPE's: a null-pointer read through ctypes (SIGSEGV),
    ``os.abort()`` (SIGABRT) or a raised SIGILL; return for any other dtype."""
    how = CRASH_BY_DTYPE.get(str(dtype).replace("torch.", ""))
    if how == "null read":
        ctypes.string_at(0)
    elif how == "abort":
        os.abort()
    elif how == "illegal instruction":
        signal.raise_signal(signal.SIGILL)
