"""Who must act on a finding, derived from the claim's metadata: the framework, the framework's docs, or a third party.

- ``framework`` (a bug): the behaviour contradicts the framework's own documentation (or a standard it implements),
  or the process crashes, which no documentation allows;
- ``docs``: the framework's documentation contradicts itself, or says nothing where the behaviour surprises
  (``Claim.docs_gap``);
- ``third party``: a tutorial states it, and the framework behaves as its own documentation says (or says nothing):
  a tutorial's sentence is never filed against a framework as a bug.
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.claims import Claim
from conformance.claims._sources import seed_of, source_kind
from conformance.frameworks import FRAMEWORKS

KINDS = ("framework", "docs", "third party")


@dataclass(frozen=True)
class Party:
    kind: str  # one of KINDS
    who: str  # "PyTorch", "PyTorch's documentation", "the author of «...»"
    why: str  # one sentence

    @property
    def heading(self) -> str:
        return f"{self.who} ({'a bug' if self.kind == 'framework' else self.kind.replace('docs', 'documentation')})"


def label(keys) -> str:
    names = [FRAMEWORKS[key].label for key in keys if key in FRAMEWORKS and key != "numpy"] or ["NumPy"]
    return " and ".join(dict.fromkeys(names))


def party(claim: Claim | None, outcome: str, frameworks: tuple[str, ...]) -> Party:
    """``frameworks``: whose behaviour it is (the case's consumer, or the claim's frameworks)."""
    name = label(frameworks)
    crash = outcome.startswith("crashes")
    if claim is None:
        return Party("framework", name, "a conversion crashes or gives wrong values, which no documentation allows"
                     if crash else "the conversion gives wrong values, which the DLPack and array API specifications "
                     "rule out")
    if crash:
        return Party("framework", name, "the process crashes, which no documentation allows")
    if claim.docs_gap:
        return Party("docs", f"{name}'s documentation", claim.docs_gap)
    if source_kind(claim.source) == "tutorial":
        said = claim.framework_says
        if said is not None and said.agrees:
            return Party("framework", name, f"the tutorial's sentence is also {name}'s own, and {name} does "
                         "otherwise")
        seed = seed_of(claim.source)
        who = f"the author of «{seed.title}»" if seed else "the tutorial's author"
        why = (f"{name} behaves as its own documentation says; the tutorial says otherwise" if said else
               f"the sentence is the tutorial's; {name}'s documentation makes no such promise")
        return Party("third party", who, why)
    return Party("framework", name, f"{name} does not do what its documentation (or the standard it implements) says")
