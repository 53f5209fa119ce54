"""Reading and writing result documents: the one place a file becomes a :class:`Run` or a :class:`Baseline`, and
the one writer of every document the suite and its tools write."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from conformance.claims import CLAIMS
from conformance.results.baseline import SCHEMA as BASELINE_SCHEMA
from conformance.results.baseline import Baseline
from conformance.results import lineage
from conformance.results.model import SCHEMA, Run
from conformance.results.verdicts import Malformed, UnusableInput

BASELINE_DIR = Path(__file__).resolve().parent.parent / "baselines"  # the baselines the package ships


def suite_digest(root: Path = Path(__file__).resolve().parents[2]) -> str:
    """A digest of the suite's code: two runs with the same digest ran the same tests, claims and strategies."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in ("conformance", "strategies") for p in (root / folder).rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def catalog_digest(claims: Any = CLAIMS) -> str:
    """A digest of the claim catalog (ids, statements, domains): a file of another catalog counts only through
    ``lineage`` (claim by claim, where that catalog is kept)."""
    return lineage.digest_of(lineage.claim_line(c) for c in sorted(claims.values(), key=lambda c: c.id))


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
    if isinstance(data, dict) and data.get("schema") == SCHEMA and data.get("catalog") != catalog_digest():
        changed = lineage.changed_since(str(data.get("catalog")))
        if changed is None or not isinstance(data.get("claims"), list):
            raise Malformed(f"{path}: written by another version of the claim catalog (digest {data.get('catalog')}, "
                            f"current {catalog_digest()}); rerun its env")
        data = lineage.carried_over(data, changed)
    return Run.from_json(str(path), data, frozenset(CLAIMS))


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


def write_json(path: Path, document: dict[str, Any]) -> None:
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
