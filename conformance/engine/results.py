"""The results file: where a run may write it, how it is written, and what the tools read of it; its schema, model
and validation are conformance.results.

``reports/<env>.json`` holds one complete, unfaulted run of every claim and
nothing else. Any other run (a selection, a planted fault, an interrupted or
broken session, a run outside tox) writes under ``reports/scratch/`` or where
``--results`` points, and its ``run`` object says what it was.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from conformance.results.io import catalog_digest, load_run, read_json  # noqa: F401 - the tools import them
from conformance.results.model import SCHEMA, Results  # noqa: F401 - the tools import them
from conformance.results.verdicts import VERIFIED, Inconsistent, UnusableInput  # noqa: F401 - the tools import them

SCRATCH = "scratch"


def suite_digest(root: Path = Path(__file__).resolve().parents[2]) -> str:
    """A digest of the suite's code: two runs with the same digest ran the same tests, claims and strategies."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in ("conformance", "strategies") for p in (root / folder).rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def is_canonical(path: Path, root: Path) -> bool:
    """Whether ``path`` is one of the committed results locations: under reports/, outside reports/scratch/."""
    reports = (root / "reports").resolve()
    resolved = path.resolve()
    return resolved.is_relative_to(reports) and not resolved.is_relative_to(reports / SCRATCH)


def default_path(root: Path, env: str, complete: bool) -> Path:
    if complete and env != "local":
        return root / "reports" / f"{env}.json"
    return root / "reports" / SCRATCH / f"{env}.json"


def destination(results: Results, plan) -> tuple[Path, str]:
    """(path, why it is not reports/<run>.json, or ""): only a complete run may write a committed location."""
    complete, name = results["run"]["complete"], plan.run_name
    if plan.results is not None and (complete or not is_canonical(plan.results, plan.root)):
        return plan.results, ""
    path = default_path(plan.root, name, complete)
    return path, "" if complete else f"not written to reports/{name}.json: this is a {describe_run(results)}"


def check_writable(path: Path) -> str | None:
    """Why ``path`` cannot be written, or None; checked before a run, so a bad path never costs a whole run."""
    if path.is_dir():
        return f"{path} is a directory; give a file path"
    parent = path.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        return f"{path}: {parent} is not a directory"
    if not os.access(parent, os.W_OK):
        return f"{path}: {parent} is not writable"
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is not writable"
    return None


def write_json(path: Path, document: dict) -> None:
    """Write atomically: a reader, or an interrupted writer, never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(layout_json(document) + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


LINE = 320


def layout_json(value: Any) -> str:
    """JSON with one line per record: a dict or list that fits in ``LINE`` characters stays on one line (a case, a
    conversion row), a larger one is spread one member per line. A third the size of indent=2, and a diff of two
    results files shows one line per case that changed. The value first goes through json itself, so keys that
    are not strings (a count keyed by an int) and tuples come out exactly as ``json.dumps`` writes them."""
    return _layout(json.loads(json.dumps(value)), 0)


def _layout(value: Any, indent: int) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or not value or len(flat) + indent <= LINE:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        members = [f"{pad}{json.dumps(key, ensure_ascii=False)}: {_layout(item, indent + 2)}"
                   for key, item in value.items()]
        return "{\n" + ",\n".join(members) + "\n" + " " * indent + "}"
    return "[\n" + ",\n".join(pad + _layout(item, indent + 2) for item in value) + "\n" + " " * indent + "]"


def load_results(path: Path | str) -> Results:
    """A results file of the current catalog, validated once by the results model (conformance.results)."""
    return load_run(path).to_json()


def describe_run(results: Results) -> str:
    """'complete' or what makes the run partial, in a few words."""
    run = results["run"]
    if run.get("complete"):
        return "complete"
    parts = [f"faults planted: {', '.join(run['faults'])}"] if run.get("faults") else []
    parts += [f"selection: {s}" for s in run.get("selection", [])]
    parts += [f"stopped: {run['stopped']}"] if run.get("stopped") else []
    parts += ["unnamed: no --run NAME"] if results["environment"].get("env") == "local" else []
    return "partial run (" + "; ".join(parts) + ")"


def nothing_verified(results: Results) -> bool:
    """No claim verified either way (an inconclusive claim is not verified: results.verdicts.VERIFIED, README)."""
    return not any(e["verdict"] in VERIFIED for e in results["claims"])


def entries_of(results: Results) -> dict[str, dict]:
    return {entry["id"]: entry for entry in results["claims"]}


def observation(entry: dict) -> str:
    """One line saying what a run saw for a claim."""
    verdict = entry.get("verdict", "skipped")
    if verdict == "holds":
        return f"holds over {entry.get('examples', 0)} examples"
    if verdict == "skipped":
        return f"skipped: {entry.get('reason', 'no reason recorded')}"
    first = (entry.get("observed") or entry.get("reason") or "?").splitlines()[0]
    return f"{verdict}: {first}"
