"""Several results files as one, case by case; the outcome never depends on the order of the files.

Files of one version set made by different envs (tf, torch, jax, interop), or by the
same env on different machines (a CPU and a GPU run), each decide some of a claim's
cases. Merging (:meth:`Run.merge`, :meth:`ClaimResult.merged`) keeps, for every case, the outcome of a run that
decided it over a skip, and refuses two runs that decided one case differently.
"""

from __future__ import annotations

from conformance.results.io import load_run
from conformance.results.model import Run


def merge_results(paths: list[str]) -> Run:
    """The files at ``paths``, each read and validated, merged into one run."""
    first, *others = [load_run(path) for path in paths]
    return first.merge(*others)
