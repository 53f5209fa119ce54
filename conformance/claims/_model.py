"""A catalog entry: one documented sentence, where it comes from, what it needs and the domain it covers."""

from dataclasses import dataclass, field

import strategies as S
from conformance.domains import Domain

NEEDS = ("torch", "tf", "jax", "cuda")
TORCH_DTYPES = S.dtype_names("torch")
TF_DTYPES = S.dtype_names("tf")
JAX_DTYPES = S.dtype_names("jax")
PLAIN = ("C", "C16")
ALIASING_SIZES = ("0-d", "1B-4K", "4K-128K", "128K-8M", "8M-16M")
ALL_SIZES = ("empty",) + ALIASING_SIZES
NONSCALAR_SIZES = ALIASING_SIZES[1:]


@dataclass(frozen=True, kw_only=True)
class Claim:
    """``needs``: what the claim must have to run ("torch", "tf", "jax", "cuda"; NumPy is always present).
    ``quote``: the source's own words. ``domain``: the finite dimensions the sentence covers, enumerated
    in every run. ``machine_dependent``: the verdict depends on the machine (timing); it is compared
    across runs only on the same machine. ``upstream``: links that explain a refutation or a flip."""

    id: str
    statement: str
    source: str
    needs: tuple[str, ...] = ()
    quote: str = ""
    domain: Domain = field(default_factory=Domain)
    machine_dependent: bool = False
    upstream: tuple[str, ...] = ()
    topic: str = ""

    def __post_init__(self):
        unknown = set(self.needs) - set(NEEDS)
        if unknown:
            raise ValueError(f"claim {self.id}: unknown needs {sorted(unknown)}")
