"""A catalog entry: one documented sentence, where it comes from, what it needs and the domain it covers."""

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import strategies as S
from conformance.domains import EVERY, Domain, Narrowed
from conformance.frameworks import FRAMEWORKS
from conformance.upstream import Upstream

TORCH_DTYPES = FRAMEWORKS["torch"].dtypes
TF_DTYPES = FRAMEWORKS["tf"].dtypes
JAX_DTYPES = FRAMEWORKS["jax"].dtypes
PLAIN = ("C", "C16")
NUMPY_LAYOUTS = FRAMEWORKS["numpy"].layout_names  # every layout of an ndarray input
ALL_SIZES = ("empty", "0-d", "1B-4K", "4K-128K", "128K-8M", "8M-16M")
# Narrowings many claims share, each with its reason (a claim's own narrowing sits in its entry).
ALIASING_SIZES = Narrowed(ALL_SIZES[1:], why="an empty array holds no bytes, so it can neither share memory nor "
                          "be told apart from a copy")
NONSCALAR_SIZES = Narrowed(ALL_SIZES[2:], why="a strided or negative-strided layout needs at least one axis, and an "
                           "empty array has no bytes to share")
HOST = Narrowed(("cpu",), why="the sentence is about NumPy arrays and the host memory they and their views live in")
GPU = Narrowed(("cuda",), why="the sentence is about arrays in GPU memory")
TWO_DEVICES = Narrowed(("virtual", "cuda"), why="the sentence is about moving an array to another device: the CPU "
                       "alone offers none")
CPU = HOST
# Dimensions that do not apply to a claim (Narrowed with no values), each with its reason.
PYTHON_DATA: dict[str, Any] = dict(
    dtype=Narrowed((), why="the input is Python data (scalars, flat and nested lists and tuples), which has no dtype: "
                   "the dtype the framework infers from it is what the sentence is about"),
    layout=Narrowed((), why="Python data has no memory layout"),
    size=Narrowed((), why="Python data is no array of some bytes: the input kinds (a scalar, flat and nested lists and "
                  "tuples) are the dimension"))
ONE_ELEMENT = Narrowed((), why="the sentence is about tensors of one element: the rank dimension gives every shape "
                       "they have ((), (1,), (1, 1), ...), and they have no size class beyond it")
MULTI_ELEMENT = Narrowed(ALL_SIZES[2:], why="the sentence is about tensors of more than one element: an empty or a 0-d "
                         "tensor has fewer (each case's shape has two elements or more)")


def one_element_layouts(framework: str) -> Narrowed:
    """Every layout of ``framework`` that a one-element array can have: not a broadcast one (it adds an axis of length
    2), nor one that needs two elements along an axis (a step, a reversal, a transpose: on one element each is the
    contiguous layout again, and a case of it would be a contiguous case under another name)."""
    layouts = FRAMEWORKS[framework].layouts
    broadcast = [layout.name for layout in layouts if layout.reads_as != "a"]
    spread = [layout.name for layout in layouts if layout.min_last > 1 or layout.min_dims > 1]
    left_out = ([f"{', '.join(broadcast)}, which adds an axis of length 2 and so makes two elements of one"]
                if broadcast else []) + ([f"{', '.join(spread)}, which need two elements along an axis (on one "
                                          "element they are the contiguous layout again)"] if spread else [])
    return Narrowed(tuple(layout.name for layout in layouts if layout.name not in broadcast + spread),
                    why=f"a one-element array has every layout but {'; and '.join(left_out)}")


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


def everything(frameworks: tuple[str, ...], domain: Domain) -> dict[str, tuple]:
    """Per dimension, everything a claim about ``frameworks`` covers unless it says why not: the dtypes each of them
    holds (a pair's, where the cases name producers and consumers: ``fits`` keeps those both sides hold), the
    layouts of the producers (or NumPy's placements, for a claim about NumPy arrays), every size class, and every
    kind of device they have."""
    keys = [key for key in frameworks if key != "numpy"] or ["numpy"]
    producers, consumers = domain.get("producer", ()), domain.get("consumer", ())
    if producers or consumers:
        pairs = [(p, c) for p in producers or consumers for c in consumers or (None,) if p != c]
        dtypes = tuple(d for d in S.NUMERIC_DTYPES if any(
            d in FRAMEWORKS[p].dtypes and (c is None or d in FRAMEWORKS[c].dtypes) for p, c in pairs))
        layouts = tuple(dict.fromkeys(name for key in producers or consumers for name in FRAMEWORKS[key].layout_names))
    else:
        dtypes = tuple(d for d in S.NUMERIC_DTYPES if all(d in FRAMEWORKS[key].dtypes for key in keys))
        owner = next((key for key in keys if set(domain.get("layout", ())) <= set(FRAMEWORKS[key].layout_names)),
                     "numpy")
        layouts = FRAMEWORKS[owner].layout_names
    devices = tuple(kind for kind in ("cpu", "virtual", "cuda") if any(kind in FRAMEWORKS[key].device_kinds
                                                                      for key in keys))
    return {"dtype": dtypes, "layout": layouts, "size": tuple(S.SIZE_CLASSES), "device": devices}


def every_device(framework: str) -> tuple[str, ...]:
    """The device kinds a device-general claim about ``framework`` covers: all it can have (CPU, virtual, CUDA)."""
    return FRAMEWORKS[framework].device_kinds


@dataclass(frozen=True)
class Said:
    """A sentence of a framework's own documentation on the behaviour a claim from elsewhere (a tutorial, another
    library's docs) describes: ``url`` (followable), ``quote`` (its words), and whether it ``agrees`` with the claim
    (then a refutation contradicts the framework's own docs too; if not, the claim's source is what is wrong)."""

    url: str
    quote: str
    agrees: bool = False


@dataclass(frozen=True, kw_only=True)
class Claim:
    """``needs``: the frameworks the claim must have to run (registry keys; NumPy is always present).
    ``quote``: the source's own words. ``domain``: the finite dimensions the sentence covers, enumerated in every
    run; its ``device`` dimension holds device kinds, and a claim that names none is a CPU claim (``("cpu",)``).
    ``machine_dependent``: the verdict depends on the machine (timing); it is compared across runs only on the same
    machine. ``upstream``: links that explain a refutation or a flip (issues, pull requests), ``fixed_in``: the
    release that fixes a refutation upstream; ``known``: the same for one kind of failure of the claim (its cases'
    dimensions and outcome: ``conformance.upstream``), used first by the findings it matches, with who must act
    where that is not the consumer, and what was searched where nothing matched. ``framework_says``: the
    framework's own sentence, for a claim whose source is not its docs. ``docs_gap``: why the framework's docs must
    change (they contradict each other, or say nothing where the behaviour surprises). ``reproduce``: how a
    standalone script reproduces a refutation (conformance/reproduce), which also says who must act on it (the
    framework, its docs, or the tutorial)."""

    id: str  # read as a ClaimId everywhere else (conformance/ids.py); the catalog writes plain literals
    statement: str
    source: str
    needs: tuple[str, ...] = ()
    quote: str = ""
    domain: Domain = field(default_factory=Domain)
    machine_dependent: bool = False
    upstream: tuple[str, ...] = ()
    fixed_in: str = ""
    known: tuple[Upstream, ...] = ()
    framework_says: Said | None = None
    docs_gap: str = ""
    reproduce: Recipe | None = None
    topic: str = ""

    def __post_init__(self):
        unknown = set(self.needs) - set(FRAMEWORKS)
        if unknown:
            raise ValueError(f"claim {self.id}: unknown needs {sorted(unknown)}; the registry has {sorted(FRAMEWORKS)}")
        object.__setattr__(self, "domain", self.domain.resolved(everything(self.frameworks, self.domain), self.id))

    @property
    def narrowed(self) -> dict[str, str]:
        """{dimension: the reason it covers less than everything its frameworks have}, for the report."""
        return dict(self.domain.narrowed)

    @property
    def uncovered(self) -> tuple[str, ...]:
        """The dimensions whose default is everything (dtype, layout, size) that the claim's cases do not enumerate,
        though it gives no reason: its cases use one layout (C order, or its framework's default) and the small
        shapes Hypothesis draws. A gap to close, shown in the report; never a narrowing."""
        return tuple(name for name in ("dtype", "layout", "size")
                     if name not in self.domain and name not in self.domain.narrowed)

    @property
    def frameworks(self) -> tuple[str, ...]:
        return tuple(n for n in self.needs if n != "numpy")

    def with_topic(self, topic: str) -> "Claim":
        return dataclasses.replace(self, topic=topic)
