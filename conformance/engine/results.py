"""Where a run may write its results file; how it is written (conformance.results.io), its schema, model and
validation (conformance.results) and what the tools read of it are the results model's.

``reports/<env>.json`` holds one complete, unfaulted run of every claim and
nothing else. Any other run (a selection, a planted fault, an interrupted or
broken session, a run outside tox) writes under ``reports/scratch/`` or where
``--results`` points, and its ``run`` object says what it was.
"""

from pathlib import Path

from conformance.results.describe import describe_run
from conformance.results.model import Run

SCRATCH = "scratch"


def is_canonical(path: Path, root: Path) -> bool:
    """Whether ``path`` is one of the committed results locations: under reports/, outside reports/scratch/."""
    reports = (root / "reports").resolve()
    resolved = path.resolve()
    return resolved.is_relative_to(reports) and not resolved.is_relative_to(reports / SCRATCH)


def default_path(root: Path, env: str, complete: bool) -> Path:
    if complete and env != "local":
        return root / "reports" / f"{env}.json"
    return root / "reports" / SCRATCH / f"{env}.json"


def destination(run: Run, plan) -> tuple[Path, str]:
    """(path, why it is not reports/<run>.json, or ""): only a complete run may write a committed location."""
    complete, name = run.complete, plan.run_name
    if plan.results is not None and (complete or not is_canonical(plan.results, plan.root)):
        return plan.results, ""
    path = default_path(plan.root, name, complete)
    return path, "" if complete else f"not written to reports/{name}.json: this is a {describe_run(run)}"
