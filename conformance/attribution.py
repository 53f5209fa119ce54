"""Which package's release flipped a verdict: a bisection over the version sets that were run.

Two version sets that differ in several packages and disagree on a claim are
narrowed with in-between sets that change one package at a time: the set that
takes one package from the new side and keeps the rest of the old shows whether
that package alone flips the verdict.
"""

import re

from conformance.claims import CLAIMS
from conformance.engine.environment import FRAMEWORK_MODULES, VERSION_KEYS
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


_OVERRIDES = {"numpy": "NUMPY_VERSION", "tensorflow": "TF_VERSION", "torch": "TORCH_VERSION", "jax": "JAX_VERSION"}


def used_packages(claim_id: str) -> list[str]:
    """NumPy and the frameworks the claim's test uses: only their releases can change its verdict."""
    needs = CLAIMS[claim_id].needs
    return [key for key in VERSION_KEYS if key == "numpy" or key in {FRAMEWORK_MODULES.get(n) for n in needs}]


def suggested_env(versions: dict, packages: list[str], claim_id: str) -> str:
    """A command that runs the in-between set: the history matrix's env when it has one, else the pinned env
    for the claim with its versions overridden."""
    tf, numpy = (versions.get("tensorflow") or "").split(".")[:2], (versions.get("numpy") or "").split(".")[:2]
    if set(packages) <= {"numpy", "tensorflow"} and len(tf) == 2 and len(numpy) == 2:
        return f"tox -e hist-tf{''.join(tf)}-np{''.join(numpy)}"
    frameworks = [n for n in CLAIMS[claim_id].needs if n in FRAMEWORK_MODULES]
    env = frameworks[0] if len(frameworks) == 1 else "interop"
    pins = " ".join(f"{_OVERRIDES[k]}={versions[k]}" for k in packages if versions.get(k))
    return f"{pins} tox -e {env} -- --results between.json"


def attribute(claim_id: str, old: Results, new: Results, known: dict[str, Results]) -> str:
    """Which single package change flips ``claim_id`` between ``old`` and ``new``, judged from the ``known`` sets.

    Only the packages the claim uses count; a timing claim is never attributed, since its verdict also depends
    on the machine and the moment."""
    if CLAIMS[claim_id].machine_dependent:
        return "not attributed: a timing claim, whose verdict depends on the machine and the moment of the run"
    a, b = versions_of(old), versions_of(new)
    used = used_packages(claim_id)
    changed = [p for p in differing(a, b) if p in used]
    unused = [p for p in differing(a, b) if p not in used]
    if not changed:
        return (f"not attributable: no package the claim uses changed (only {', '.join(unused)}); the runs "
                "themselves differ, so rerun both sets")
    aside = f"; {', '.join(unused)} changed too, which the claim does not use" if unused else ""
    if len(changed) == 1:
        return f"caused by {describe_change(changed[0], a, b)}{aside}"
    verdict_old, verdict_new = _verdict(old, claim_id), _verdict(new, claim_id)
    causes, missing = [], []
    for package in changed:
        wanted = {**a, package: b[package]}
        between = next((run for run in known.values()
                        if all(versions_of(run)[k] == wanted[k] for k in used)), None)
        if between is None:
            missing.append(suggested_env(wanted, changed, claim_id))
        elif _verdict(between, claim_id) == verdict_new != verdict_old:
            causes.append(package)
    if len(causes) == 1:
        return f"caused by {describe_change(causes[0], a, b)} (the set changing only {causes[0]} flips too){aside}"
    if causes:
        return "each of " + ", ".join(describe_change(p, a, b) for p in causes) + f" flips it alone{aside}"
    changes = ", ".join(describe_change(p, a, b) for p in changed)
    if missing:
        return f"not narrowed: {changes} changed together{aside}; to narrow it, run {'; '.join(missing)}"
    return f"not narrowed: {changes} changed together, and no single change flips it alone{aside}"


def _verdict(results: Results, claim_id: str) -> str:
    return next(e["verdict"] for e in results["claims"] if e["id"] == claim_id)
