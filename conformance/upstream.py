"""What upstream knows of one kind of failure: the issues and pull requests about it, the release that fixes it, who
must act where it is not the framework that failed, and, where nothing matched, what was searched and when.

A claim (``Claim.known``) or a conversion path of the matrix (``ConversionPath.known``) lists these; a finding's
issue text uses the first that matches its case (its dimensions and outcome), so that each failure of a claim links
what explains that failure, not every link the claim has gathered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

# When the searches recorded below were made (the search tool's stored index of GitHub issues and pull requests).
SEARCHED_ON = "2026-12-03"


@dataclass(frozen=True)
class Upstream:
    """``where``: the case's dimensions it is about ("consumer=jax", "dtype=bool", "producer=jax|tf"); ``outcome``:
    the start of the outcome it explains ("raises TypeError"); ``links``: issues and pull requests, each with a few
    words on how it bears on the failure; ``fixed_in``: the release that fixes it, or why none does; ``act``: the
    registry key of the framework that must act, where it is not the case's consumer (a producer that exports what
    it should not);
    ``searched``: the repositories and queries searched, where no link matched, and ``searched_on`` when (where it
    was not on SEARCHED_ON); ``note``: what the search found instead (a likely cause read from the code, related
    reports)."""

    where: tuple[str, ...] = ()
    outcome: str = ""
    links: tuple[str, ...] = ()
    fixed_in: str = ""
    act: str = ""
    searched: str = ""
    searched_on: str = ""
    note: str = ""

    def at(self, *where: str) -> Upstream:
        """The same knowledge, about the cases with ``where``: one failure met by several claims, each with its own
        dimensions, is written once (beside the framework it concerns) and placed in each claim."""
        return replace(self, where=where)

    def matches(self, dims: Mapping[str, object], outcome: str) -> bool:
        return outcome.startswith(self.outcome) and all(
            str(dims.get(key)) in values.split("|") for key, _, values in (w.partition("=") for w in self.where))


def known_for(entries: Iterable[Upstream], dims: Mapping[str, object], outcome: str) -> Upstream | None:
    """The first entry about a case with ``dims`` that failed with ``outcome``, if any."""
    return next((entry for entry in entries if entry.matches(dims, outcome)), None)
