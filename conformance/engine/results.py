"""Reading and comparing results files and baselines; shared by the plugin, the comparer and the report."""

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from conformance.claims import CLAIMS

SCHEMA = "interop-conformance-results/1"
BASELINE_SCHEMA = "interop-conformance-baseline/1"
VERDICTS = ("holds", "refuted", "skipped", "error")


class UnusableInput(Exception):
    """An input file that the suite's tools cannot use; its message is one line for the user."""


def catalog_digest(claims=CLAIMS):
    text = "\n".join(f"{c.id}\t{c.statement}" for c in sorted(claims.values(), key=lambda c: c.id))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _read_json(path):
    path = Path(path)
    if not path.is_file():
        raise UnusableInput(f"{path}: no such file")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UnusableInput(f"{path}: not valid JSON ({exc})") from None


def load_results(path):
    data = _read_json(path)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise UnusableInput(f"{path}: not a results file (no \"schema\": \"{SCHEMA}\")")
    claims = data.get("claims")
    if not isinstance(claims, list) or not isinstance(data.get("environment"), dict):
        raise UnusableInput(f"{path}: results file without an environment object and a claims list")
    if not isinstance(data.get("catalog"), str):
        raise UnusableInput(f"{path}: results file without its claim catalog digest (\"catalog\")")
    for entry in claims:
        if not isinstance(entry, dict) or entry.get("verdict") not in VERDICTS or "id" not in entry:
            raise UnusableInput(f"{path}: claim entry {str(entry)[:80]} has no id or no valid verdict")
    return data


def merge_results(paths):
    """Several results files of one catalog as one: a verdict that ran wins over a skip."""
    runs = [load_results(p) for p in paths]
    if len({run["catalog"] for run in runs}) > 1:
        raise UnusableInput(f"{' + '.join(map(str, paths))}: files come from different claim catalogs")
    return merge_runs(runs)


def merge_runs(runs):
    merged = {}
    for run in runs:
        for entry in run["claims"]:
            if entry["id"] not in merged or merged[entry["id"]]["verdict"] == "skipped":
                merged[entry["id"]] = entry
    environment = dict(runs[0]["environment"])
    for run in runs[1:]:
        for key, value in run["environment"].items():
            if environment.get(key) is None:
                environment[key] = value
    environment["env"] = "+".join(run["environment"].get("env", "?") for run in runs)
    return {"schema": SCHEMA, "catalog": runs[0]["catalog"], "environment": environment,
            "claims": list(merged.values())}


def load_baseline(path):
    data = _read_json(path)
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise UnusableInput(f"{path}: not a baseline file (no \"schema\": \"{BASELINE_SCHEMA}\")")
    expected = data.get("expected")
    if not isinstance(expected, dict) or any(v not in VERDICTS for v in expected.values()):
        raise UnusableInput(f"{path}: malformed baseline: \"expected\" must map claim ids to one of {VERDICTS}")
    unknown = sorted(set(expected) - set(CLAIMS))
    if unknown:
        raise UnusableInput(f"{path}: baseline names claims not in the catalog: {', '.join(unknown)}")
    return expected


def baseline_document(results):
    return {"schema": BASELINE_SCHEMA,
            "observed_with": {k: results["environment"].get(k) for k in ("numpy", "torch", "tensorflow", "devices")},
            "expected": {entry["id"]: entry["verdict"] for entry in results["claims"]}}


@dataclass(frozen=True)
class Change:
    id: str
    old: str
    new: str
    old_entry: dict
    new_entry: dict

    @property
    def is_flip(self):
        """A change between two verdicts that ran; a change to or from skipped is a coverage change."""
        return "skipped" not in (self.old, self.new)


def diff(old_verdicts, new_verdicts, old_entries=None, new_entries=None):
    """Changes between two {claim id: verdict} maps, in catalog order."""
    old_entries, new_entries = old_entries or {}, new_entries or {}
    order = list(CLAIMS) + sorted((set(old_verdicts) | set(new_verdicts)) - set(CLAIMS))
    changes = []
    for claim_id in order:
        old = old_verdicts.get(claim_id, "skipped")
        new = new_verdicts.get(claim_id, "skipped")
        if claim_id in old_verdicts or claim_id in new_verdicts:
            if old != new:
                changes.append(Change(claim_id, old, new, old_entries.get(claim_id, {}),
                                      new_entries.get(claim_id, {})))
    return changes


_EXCEPTION_NAME = re.compile(r"\b[A-Z]\w*(?:Error|Exception)\b")


def observation_changes(old_entries, new_entries):
    """Claims refuted (or errored) on both sides whose observed exception types differ."""
    changed = []
    for claim_id in CLAIMS:
        old, new = old_entries.get(claim_id, {}), new_entries.get(claim_id, {})
        if old.get("verdict") == new.get("verdict") and old.get("verdict") in ("refuted", "error"):
            before = set(_EXCEPTION_NAME.findall(old.get("observed") or ""))
            after = set(_EXCEPTION_NAME.findall(new.get("observed") or ""))
            if before != after:
                changed.append(Change(claim_id, old["verdict"], new["verdict"], old, new))
    return changed


def verdicts_of(results):
    return {entry["id"]: entry["verdict"] for entry in results["claims"]}


def entries_of(results):
    return {entry["id"]: entry for entry in results["claims"]}


def observation(entry):
    """One line saying what a run saw for a claim."""
    verdict = entry.get("verdict", "skipped")
    if verdict == "holds":
        return f"holds over {entry.get('examples', 0)} examples"
    if verdict == "skipped":
        return f"skipped: {entry.get('reason', 'no reason recorded')}"
    return f"{verdict}: {(entry.get('observed') or '').splitlines()[0] if entry.get('observed') else '?'}"
