"""Which package's release flipped a verdict: a bisection over the version sets that were run.

Two version sets that differ in several packages and disagree on a claim are
narrowed with in-between sets that change one package at a time: the set that
takes one package from the new side and keeps the rest of the old shows whether
that package alone flips the verdict.
"""

import re

from conformance.engine.environment import VERSION_KEYS
from conformance.engine.results import Results

_GRID_NAME = re.compile(r"hist-tf(\d)(\d+)-np(\d)(\d+)")


def versions_of(results: Results) -> dict[str, str | None]:
    env = results["environment"]
    return {key: (env.get(key) or "").split("+")[0] or None for key in VERSION_KEYS}


def _sort_key(version: str | None) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[.+-]", version or "0"))


def order(sets: dict[str, Results]) -> list[str]:
    """Set names ordered by TensorFlow, then NumPy, then the other packages' versions."""
    return sorted(sets, key=lambda name: tuple(_sort_key(versions_of(sets[name])[k])
                                               for k in ("tensorflow", "numpy", "jax", "torch")))


def differing(a: dict, b: dict) -> list[str]:
    return [key for key in VERSION_KEYS if a.get(key) != b.get(key)]


def describe_change(package: str, a: dict, b: dict) -> str:
    return f"{package} {a.get(package) or 'absent'} → {b.get(package) or 'absent'}"


def suggested_env(versions: dict) -> str:
    """The tox env that would run a version set, where the history matrix has one; else the versions to set."""
    tf, numpy = versions.get("tensorflow") or "", versions.get("numpy") or ""
    tf_minor, np_minor = tf.split(".")[:2], numpy.split(".")[:2]
    if len(tf_minor) == 2 and len(np_minor) == 2:
        return f"tox -e hist-tf{''.join(tf_minor)}-np{''.join(np_minor)}"
    return "a run with " + ", ".join(f"{k} {v}" for k, v in versions.items() if v)


def attribute(claim_id: str, old: Results, new: Results, known: dict[str, Results]) -> str:
    """Which single package change flips ``claim_id`` between ``old`` and ``new``, judged from the ``known`` sets."""
    a, b = versions_of(old), versions_of(new)
    changed = differing(a, b)
    if len(changed) == 1:
        return f"caused by {describe_change(changed[0], a, b)}"
    verdict_old, verdict_new = _verdict(old, claim_id), _verdict(new, claim_id)
    causes, missing = [], []
    for package in changed:
        wanted = {**a, package: b[package]}
        between = next((run for run in known.values() if versions_of(run) == wanted), None)
        if between is None:
            missing.append(suggested_env(wanted))
        elif _verdict(between, claim_id) == verdict_new != verdict_old:
            causes.append(package)
    if len(causes) == 1:
        return f"caused by {describe_change(causes[0], a, b)} (the set changing only {causes[0]} flips too)"
    if causes:
        return "each of " + ", ".join(describe_change(p, a, b) for p in causes) + " flips it alone"
    changes = ", ".join(describe_change(p, a, b) for p in changed)
    if missing:
        return f"not narrowed: {changes} changed together; to narrow it, run {'; '.join(missing)}"
    return f"not narrowed: {changes} changed together, and no single change flips it alone"


def _verdict(results: Results, claim_id: str) -> str:
    return next(e["verdict"] for e in results["claims"] if e["id"] == claim_id)
