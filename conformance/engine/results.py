"""The results file: its schema, where a run may write it, how it is written, read, checked and merged.

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

from conformance.claims import CLAIMS
from conformance.domains import case_id
from conformance.results.io import catalog_digest, read_json  # noqa: F401 - the tools import them here
from conformance.results.verdicts import VERIFIED, Inconsistent, UnusableInput  # noqa: F401 - the tools import them
from conformance.verdicts import VERDICT_NAMES, Verdict, most_severe

SCHEMA = "interop-conformance-results/3"
SCRATCH = "scratch"
Results = dict[str, Any]


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
    """A results file of the current catalog, checked field by field."""
    data = read_json(path)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise UnusableInput(f"{path}: not a results file (no \"schema\": \"{SCHEMA}\")")
    _expect(path, data, "catalog", str)
    if data["catalog"] != catalog_digest():
        raise UnusableInput(f"{path}: written by another version of the claim catalog (digest {data['catalog']}, "
                            f"current {catalog_digest()}); rerun its env")
    _expect(path, data, "run", dict)
    _expect(path, data["run"], "complete", bool, "run.")
    _expect(path, data["run"], "faults", list, "run.")
    _expect(path, data, "environment", dict)
    _expect(path, data["environment"], "env", str, "environment.")
    _expect(path, data, "claims", list)
    seen = set()
    for position, entry in enumerate(data["claims"]):
        _check_entry(path, position, entry)
        if entry["id"] in seen:
            raise UnusableInput(f"{path}: claim {entry['id']} appears twice")
        seen.add(entry["id"])
    missing = sorted(set(CLAIMS) - seen)
    if missing:
        raise UnusableInput(f"{path}: lacks {len(missing)} catalog claim(s), e.g. {missing[0]}")
    return data


def _expect(path, obj: dict, key: str, kind: type, prefix: str = "") -> None:
    if not isinstance(obj.get(key), kind):
        raise UnusableInput(f"{path}: \"{prefix}{key}\" must be a {kind.__name__}, not {obj.get(key)!r:.60}")


def _check_entry(path, position: int, entry: Any) -> None:
    if not isinstance(entry, dict):
        raise UnusableInput(f"{path}: claims[{position}] is not an object")
    _expect(path, entry, "id", str, f"claims[{position}].")
    if entry["id"] not in CLAIMS:
        raise UnusableInput(f"{path}: claims[{position}] names {entry['id']!r}, which is not in the catalog")
    if entry.get("verdict") not in VERDICT_NAMES:
        raise UnusableInput(f"{path}: claim {entry['id']} has verdict {entry.get('verdict')!r:.60}, "
                            f"not one of {', '.join(VERDICT_NAMES)}")
    for key in ("observed", "counterexample", "reason", "rerun"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise UnusableInput(f"{path}: claim {entry['id']}: \"{key}\" must be text, not {entry[key]!r:.60}")
    cases = entry.get("cases", {})
    if not isinstance(cases, dict):
        raise UnusableInput(f"{path}: claim {entry['id']}: \"cases\" must map case ids to cases")
    for name, case in cases.items():
        if not (isinstance(case, dict) and case.get("verdict") in VERDICT_NAMES and isinstance(case.get("outcome"), str)
                and isinstance(case.get("dims"), dict)):
            raise UnusableInput(f"{path}: claim {entry['id']}: case {name!r} needs \"dims\", a \"verdict\" and "
                                "an \"outcome\"")
    check_consistent(path, entry["id"], entry["verdict"], {k: (c["dims"], c["verdict"]) for k, c in cases.items()})
    refuted: dict[str | None, int] = {}
    for case in cases.values():
        if case["verdict"] == Verdict.REFUTED.value:
            refuted[case["outcome"]] = refuted.get(case["outcome"], 0) + 1
    for position, finding in enumerate(entry.get("findings") or []):
        counted = refuted.get(finding.get("outcome"), 0) if isinstance(finding, dict) else None
        if counted is None or finding.get("cases") != counted:
            raise Inconsistent(f"{path}: claim {entry['id']}: \"findings[{position}].cases\" says "
                                f"{finding.get('cases') if isinstance(finding, dict) else finding!r:.40} refuted cases "
                                f"{finding.get('outcome') if isinstance(finding, dict) else ''!r}, but {counted or 0} "
                                "cases are")


def check_consistent(path, claim_id: str, verdict: str, cases: dict[str, tuple[dict, str]]) -> None:
    """A document that contradicts itself is refused, naming the claim and the field: the claim's verdict must be
    the most severe of its cases', and each case's id must be the one its dimensions make."""
    for name, (dims, _) in cases.items():
        if name != case_id(dims):
            raise Inconsistent(f"{path}: claim {claim_id}: case {name!r}: its \"dims\" make the id "
                                f"{case_id(dims)!r}")
    if cases:
        worst = most_severe(case_verdict for _, case_verdict in cases.values()).value
        if verdict != worst:
            raise Inconsistent(f"{path}: claim {claim_id}: \"verdict\" is {verdict!r}, but the most severe of its "
                                f"{len(cases)} cases is {worst!r}")


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
    """No claim verified either way (an inconclusive claim is not verified: Verdict.verified, README)."""
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
