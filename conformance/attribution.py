"""Which package's release changed a claim's cases: a bisection over the version sets that were run.

Two version sets that differ in several packages and disagree on some cases of a claim
are narrowed with in-between sets that change one package at a time: the set that
takes one package from the new side and keeps the rest of the old shows whether that
package alone makes the same cases change.
"""

from __future__ import annotations

import re

from conformance.claims import CLAIMS
from conformance.results.environment import VERSION_KEYS
from conformance.ids import ClaimId
from conformance.results.model import Run
from conformance.frameworks import FRAMEWORKS

_OVERRIDES = {fw.module_name: f"{fw.key.upper()}_VERSION" for fw in FRAMEWORKS.values()}


def versions_of(run: Run) -> dict[str, str | None]:
    env = run.environment
    return {key: (env.get(key) or "").split("+")[0] or None for key in VERSION_KEYS}


def _sort_key(version: str | None) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[.+-]", version or "0"))


def order(sets: dict[str, Run]) -> list[str]:
    """Set names ordered by TensorFlow, then NumPy, then the other packages' versions."""
    first = ("tensorflow", "numpy")
    rest = [key for key in VERSION_KEYS if key not in first]
    return sorted(sets, key=lambda name: tuple(_sort_key(versions_of(sets[name])[k]) for k in first + tuple(rest)))


def differing(a: dict, b: dict) -> list[str]:
    return [key for key in VERSION_KEYS if a.get(key) != b.get(key)]


def describe_change(package: str, a: dict, b: dict) -> str:
    return f"{package} {a.get(package) or 'absent'} → {b.get(package) or 'absent'}"


def used_packages(claim_id: str) -> list[str]:
    """NumPy and the frameworks the claim's test uses: only their releases can change its cases."""
    modules = {FRAMEWORKS[n].module_name for n in CLAIMS[claim_id].needs}
    return [key for key in VERSION_KEYS if key == "numpy" or key in modules]


def suggested_env(versions: dict, packages: list[str], claim_id: str) -> str:
    """A command that runs the in-between set: the history matrix's env when it has one, else the pinned env
    for the claim with its versions overridden."""
    tf, numpy = (versions.get("tensorflow") or "").split(".")[:2], (versions.get("numpy") or "").split(".")[:2]
    if set(packages) <= {"numpy", "tensorflow"} and len(tf) == 2 and len(numpy) == 2:
        return f"tox -e hist-tf{''.join(tf)}-np{''.join(numpy)}"
    frameworks = CLAIMS[claim_id].frameworks
    env = frameworks[0] if len(frameworks) == 1 else "interop"
    pins = " ".join(f"{_OVERRIDES[k]}={versions[k]}" for k in packages if versions.get(k))
    return f"{pins} tox -e {env} -- --results between.json"


def signature(run: Run, claim_id: str, case_ids) -> dict:
    """The outcome classes of ``case_ids`` of the claim in ``run`` (the claim's verdict where it has no cases)."""
    claim = run.claims[ClaimId(claim_id)]
    if not case_ids:
        return {"verdict": claim.verdict.value}
    cases = claim.cases
    return {cid: (cases[cid].outcome if cid in cases and cases[cid].verdict != "skipped" else None)
            for cid in case_ids}


def attribute(claim_id: str, old: Run, new: Run, known: dict[str, Run], case_ids=()) -> str:
    """Which single package change makes the cases ``case_ids`` of ``claim_id`` change between ``old`` and ``new``
    (its verdict, without cases), judged from the ``known`` sets.

    Only the packages the claim uses count; a timing claim is never attributed, since its verdict also depends
    on the machine and the moment."""
    if CLAIMS[claim_id].machine_dependent:
        return "not attributed: a timing claim, whose verdict depends on the machine and the moment of the run"
    a, b = versions_of(old), versions_of(new)
    used = used_packages(claim_id)
    changed = [p for p in differing(a, b) if p in used]
    unused = [p for p in differing(a, b) if p not in used]
    if not changed:
        return (f"not attributable: no package the claim uses changed (only {', '.join(unused) or 'none'}); the "
                "runs themselves differ, so rerun both sets")
    aside = f"; {', '.join(unused)} changed too, which the claim does not use" if unused else ""
    if len(changed) == 1:
        return f"caused by {describe_change(changed[0], a, b)}{aside}"
    before, after = signature(old, claim_id, case_ids), signature(new, claim_id, case_ids)
    causes, missing = [], []
    for package in changed:
        wanted = {**a, package: b[package]}
        between = next((run for run in known.values()
                        if all(versions_of(run)[k] == wanted[k] for k in used)), None)
        if between is None:
            missing.append(suggested_env(wanted, changed, claim_id))
        elif signature(between, claim_id, case_ids) == after != before:
            causes.append(package)
    if len(causes) == 1:
        return f"caused by {describe_change(causes[0], a, b)} (the set changing only {causes[0]} changes too){aside}"
    if causes:
        return "each of " + ", ".join(describe_change(p, a, b) for p in causes) + f" changes it alone{aside}"
    changes = ", ".join(describe_change(p, a, b) for p in changed)
    if missing:
        return f"not narrowed: {changes} changed together{aside}; to narrow it, run {'; '.join(missing)}"
    return f"not narrowed: {changes} changed together, and no single change makes it alone{aside}"
