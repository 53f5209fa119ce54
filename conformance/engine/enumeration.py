"""Which cases each test gets on this machine, which of them can run here, and on which device each one runs.

A claim's cases are its domain's, crossed with the devices present of each device kind
it declares (a kind with no device present stays as a placeholder case, skipped with
its reason). The conversion matrix's cases are each producer's layouts and size classes,
on each of its devices. A case runs inside its frameworks' device contexts, so a CPU
claim never relies on a default device (JAX and TensorFlow default to a GPU).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable

import pytest

from conformance.claims import CLAIMS
from conformance.domains import Case, Domain, cases
from conformance.engine import collection
from conformance.engine.warmup import Warmup, loaded
from conformance.frameworks import FRAMEWORKS
from conformance.ids import ClaimId
from conformance.results.environment import case_frameworks

OBSERVED_SIZES = ("0-d", "1B-4K", "4K-128K", "128K-8M")
DEVICE_SIZES = ("1B-4K",)  # off the CPU the matrix asks where results land and what is shared, not how sizes do


def claim_cases(claim_id: ClaimId, environment) -> list[Case]:
    """The claim's cases, each crossed with the devices of its producer (or, without one, of its claim's
    frameworks)."""
    claim = CLAIMS[claim_id]
    return cases(claim.domain, devices=lambda kind, case: environment.expand(
        (case.producer,) if case.producer else claim.frameworks or ("numpy",), kind))


def observation_cases(environment) -> list[Case]:
    found = []
    for key, fw in FRAMEWORKS.items():
        for kinds, sizes in ((("cpu",), OBSERVED_SIZES), (("virtual", "cuda"), DEVICE_SIZES)):
            present = tuple(kind for kind in kinds if kind in fw.device_kinds)
            if present:
                domain = Domain(producer=(key,), layout=fw.layout_names, size=sizes, device=present)
                found += cases(domain, devices=_devices_of(environment, key))
    return found


def _devices_of(environment, key: str) -> Callable[[str, Case], list[str]]:
    """``key``'s devices of a kind present here, whatever the case."""
    return lambda kind, case: environment.devices(key, kind)


def parametrize(metafunc: pytest.Metafunc, environment) -> None:
    """Give a claim test (or the matrix's observation test) its cases, as its ``case`` parameter."""
    if "case" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("observation"):
        metafunc.parametrize("case", observation_cases(environment), ids=str)
    elif collection.claim_of(metafunc.definition) in CLAIMS:
        metafunc.parametrize("case", claim_cases(collection.claim_id(metafunc.definition), environment), ids=str)


def mark_gpu_cases(items: list[pytest.Item]) -> None:
    """Mark every case on a CUDA device ``gpu``, so that ``-m gpu`` selects them whatever their claim."""
    for item in items:
        case = case_of(item)
        if case is not None and str(case.device or "").startswith("cuda"):
            item.add_marker(pytest.mark.gpu)


def frameworks_of(item: pytest.Item) -> tuple[str, ...]:
    """The frameworks a case needs: its producer and consumer where it has them (a pair needs only its own two),
    else its claim's."""
    claim = CLAIMS[collection.claim_id(item)].frameworks if collection.is_claim_test(item) else ()
    return case_frameworks(claim, case_of(item) or {})


def case_of(item: pytest.Item) -> Case | None:
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("case") if callspec else None


def setup_problem(item: pytest.Item, plan) -> tuple[str, bool] | None:
    """(why this case cannot run here, whether that is an error) or None: a missing framework or device first,
    then the run's scope."""
    case = case_of(item)
    problem = plan.environment.skip_reason(frameworks_of(item), case.device if case else None)
    if problem is not None:
        return problem
    if collection.is_observation(item):
        if plan.scope == "single-framework":
            return "the conversion matrix runs with the cross-framework claims (--scope)", False
        return None
    cross = len(CLAIMS[collection.claim_id(item)].frameworks) >= 2
    if plan.scope == "cross-framework" and not cross:
        return ("a single-framework claim: its verdict comes from the single-framework runs; this run checks the "
                "cross-framework claims (--scope cross-framework)"), False
    if plan.scope == "single-framework" and cross:
        return ("a cross-framework claim: its verdict comes from the cross-framework run "
                "(--scope single-framework)"), False
    return None


def needed(item: pytest.Item, environment) -> frozenset[str]:
    """The frameworks an item's test uses: a matrix observation converts into every framework present."""
    keys = environment.available if collection.is_observation(item) else frameworks_of(item)
    return frozenset(keys) & environment.available - {"numpy"}


def warm_first(items: list[pytest.Item], environment, spread: bool = False) -> tuple[Warmup, dict[int, frozenset[str]]]:
    """Order the items for the frameworks they import, and return the warm-up and each item's needs.

    Alone, the items that need only the frameworks already imported (those listing devices needed) come first, so
    that the first runner starts on them while a thread imports the others (``Warmup``). Spread over pytest-xdist
    workers (``spread``), the items that need the framework fewest items need come first, and nothing is imported
    ahead: worksteal hands the first worker the first half of the items and takes a worker's work from the end of its
    queue, so those items stay with one worker and the other never imports that framework (TensorFlow in interop:
    189 of 774 items, 4.5 s of import), and with the other worker busy, a thread would have no core of its own."""
    needs = {id(item): needed(item, environment) for item in items}
    if spread:
        counts = Counter(key for keys in needs.values() for key in keys)
        rare = min(counts, key=lambda key: (counts[key], key)) if counts else None
        # Within them, those that need the most frameworks first (the matrix observations, which need them all, are
        # the slowest items): what is left of the first worker's queue when the other steals from its end is then
        # the other items, which need the rare framework no more than the other worker's do.
        items.sort(key=lambda item: (rare not in needs[id(item)], -len(needs[id(item)])))  # stable within a key
        return Warmup(()), needs
    ready = loaded()
    items.sort(key=lambda item: not needs[id(item)] <= ready)
    return Warmup(set().union(*needs.values()) if needs else ()), needs


def device_contexts(item: pytest.Item, stack: contextlib.ExitStack, environment) -> None:
    """Enter, for each framework of the case, the context that puts new arrays on the case's device (the CPU for
    a case without one), where that framework has the device. A matrix observation converts into every framework
    present, so it enters theirs: nothing relies on a default device (JAX and TF default to a GPU where one is)."""
    case = case_of(item)
    device = (case.device if case is not None else None) or "cpu"
    keys = sorted(environment.available) if collection.is_observation(item) else frameworks_of(item)
    for key in keys:
        fw = FRAMEWORKS[key]
        kinds = [kind for kind in fw.device_kinds if device in environment.devices(key, kind)]
        if kinds:
            stack.enter_context(fw.on(device))
