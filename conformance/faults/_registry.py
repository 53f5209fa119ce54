"""The fault registry: a fault is a function that monkeypatches one framework to break one documented behaviour."""

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
