"""Reading and writing result documents: the one place a file becomes a :class:`Run` or a :class:`Baseline`."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from conformance.claims import CLAIMS
from conformance.results.baseline import SCHEMA as BASELINE_SCHEMA
from conformance.results.baseline import Baseline
from conformance.results.model import Run
from conformance.results.verdicts import Malformed, UnusableInput

BASELINE_DIR = Path(__file__).resolve().parent.parent / "baselines"  # the baselines the package ships

def catalog_digest(claims: Any = CLAIMS) -> str:
    """A digest of the claim catalog (ids, statements, domains): results of another catalog are not comparable."""
    text = "\n".join(f"{c.id}\t{c.statement}\t{sorted(c.domain.as_dict().items())}"
                     for c in sorted(claims.values(), key=lambda c: c.id))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def read_json(path: Path | str) -> Any:
    path = Path(path)
    if path.is_dir():
        raise UnusableInput(f"{path}: is a directory, not a file")
    if not path.exists():
        raise UnusableInput(f"{path}: no such file")
    try:
        text = path.read_bytes().decode("utf-8")
    except PermissionError:
        raise UnusableInput(f"{path}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise UnusableInput(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise UnusableInput(f"{path}: not UTF-8 text") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnusableInput(f"{path}: not valid JSON ({exc})") from None


def load_run(path: Path | str) -> Run:
    """A results file of the current catalog, validated once (schema and consistency). A :class:`Run` is frozen, so
    a file read again unchanged (same size and modification time) is the run already validated: the report reads
    each history set for both its history and its atlas."""
    try:
        stat = Path(path).stat()
    except OSError:
        return _load_run(path)  # the one-line error of a file that cannot be read
    return _validated(str(path), str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=128)
def _validated(path: str, resolved: str, mtime_ns: int, size: int) -> Run:
    return _load_run(path)


def _load_run(path: Path | str) -> Run:
    data = read_json(path)
    if isinstance(data, dict) and data.get("schema") == BASELINE_SCHEMA:
        raise Malformed(f"{path}: a baseline, not a results file: compare a run with it (`--baseline NAME`)")
    run = Run.from_json(str(path), data, frozenset(CLAIMS))
    if run.get("catalog") != catalog_digest():
        raise Malformed(f"{path}: written by another version of the claim catalog (digest {run.get('catalog')}, "
                        f"current {catalog_digest()}); rerun its env")
    return run


def load_baseline(path: Path | str) -> Baseline:
    return Baseline.from_json(str(path), read_json(path), frozenset(CLAIMS))


def off_the_pins(environment: dict[str, Any]) -> str:
    """How a run's versions differ from those its env's shipped baseline was recorded with ("" where they match or
    the env ships none): an upgrade run's reproducers and report belong under reports/, not over the committed ones."""
    path = BASELINE_DIR / f"{environment.get('env')}.json"
    if not path.is_file():
        return ""
    recorded = read_json(path).get("observed_with") or {}
    return ", ".join(f"{key} {value or '-'} → {environment.get(key) or '-'}" for key, value in recorded.items()
                     if not isinstance(value, (dict, list)) and value != environment.get(key))
