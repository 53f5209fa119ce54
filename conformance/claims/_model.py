"""A catalog entry: one documented sentence, where it comes from, what it needs and the domain it covers."""

import dataclasses
from dataclasses import dataclass, field

from conformance.domains import Domain
from conformance.frameworks import FRAMEWORKS

TORCH_DTYPES = FRAMEWORKS["torch"].dtypes
TF_DTYPES = FRAMEWORKS["tf"].dtypes
JAX_DTYPES = FRAMEWORKS["jax"].dtypes
PLAIN = ("C", "C16")
ALIASING_SIZES = ("0-d", "1B-4K", "4K-128K", "128K-8M", "8M-16M")
ALL_SIZES = ("empty",) + ALIASING_SIZES
NONSCALAR_SIZES = ALIASING_SIZES[1:]
CPU = ("cpu",)


@dataclass(frozen=True)
class Recipe:
    """How a standalone reproducer performs the documented operation on the failing input ``x`` (built from the
    ndarray ``a``) and judges it: ``code`` gives ``y``; ``check`` is true when the documented behaviour holds (it may
    use ``x``, ``y``, ``a`` and the reproducers' helpers ``shares``, ``values``, ``writable``, ``device_of``); or
    ``raises`` names the exception the operation must raise. ``setup`` runs first; ``allows`` names exceptions
    that also satisfy the claim (``copy=False`` may refuse). ``{dlpack}`` in ``code`` stands for the case's
    consumer's DLPack import."""

    code: str
    check: str = ""
    raises: str = ""
    setup: str = ""
    allows: str = ""


def every_device(framework: str) -> tuple[str, ...]:
    """The device kinds a device-general claim about ``framework`` covers: all it can have (CPU, virtual, CUDA)."""
    return FRAMEWORKS[framework].device_kinds


@dataclass(frozen=True, kw_only=True)
class Claim:
    """``needs``: the frameworks the claim must have to run (registry keys; NumPy is always present).
    ``quote``: the source's own words. ``domain``: the finite dimensions the sentence covers, enumerated in every
    run; its ``device`` dimension holds device kinds, and a claim that names none is a CPU claim (``("cpu",)``).
    ``machine_dependent``: the verdict depends on the machine (timing); it is compared across runs only on the same
    machine. ``upstream``: links that explain a refutation or a flip. ``reproduce``: how a standalone script
    reproduces a refutation (conformance/reproduce)."""

    id: str
    statement: str
    source: str
    needs: tuple[str, ...] = ()
    quote: str = ""
    domain: Domain = field(default_factory=Domain)
    machine_dependent: bool = False
    upstream: tuple[str, ...] = ()
    reproduce: Recipe | None = None
    topic: str = ""

    def __post_init__(self):
        unknown = set(self.needs) - set(FRAMEWORKS)
        if unknown:
            raise ValueError(f"claim {self.id}: unknown needs {sorted(unknown)}; the registry has {sorted(FRAMEWORKS)}")
        if "device" not in self.domain:
            object.__setattr__(self, "domain", self.domain.replace(device=CPU))

    @property
    def frameworks(self) -> tuple[str, ...]:
        return tuple(n for n in self.needs if n != "numpy")

    def with_topic(self, topic: str) -> "Claim":
        return dataclasses.replace(self, topic=topic)

    @property
    def gpu_only(self) -> bool:
        return self.domain["device"] == ("cuda",)
