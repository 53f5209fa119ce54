"""The claim catalog: one entry per documented statement, kept by topic.

Each topic module here is named like the test module that checks its claims
(``claims/torch_memory.py`` ↔ ``test_torch_memory.py``) and the fault module that
breaks them (``faults/torch_memory.py``). A topic module lists its entries in ``CLAIMS``.
"""

import importlib
import pkgutil

from conformance.claims._model import Claim

TOPICS = tuple(sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")))


def _load() -> dict[str, Claim]:
    catalog: dict[str, Claim] = {}
    for topic in TOPICS:
        for claim in importlib.import_module(f"{__name__}.{topic}").CLAIMS:
            if claim.id in catalog:
                raise ValueError(f"claim id {claim.id} is in topics {catalog[claim.id].topic} and {topic}")
            catalog[claim.id] = claim.with_topic(topic)
    return catalog


CLAIMS = _load()

__all__ = ["CLAIMS", "TOPICS", "Claim"]
