"""What a results document's environment record says: the frameworks' version keys, and two recorded machines
compared (the same machine; the same class of CPU) and described in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from conformance.frameworks import FRAMEWORKS

VERSION_KEYS = tuple(fw.module_name for fw in FRAMEWORKS.values())


def same_machine(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """The same CPU model, cores and architecture, running the same kernels (dispatch variables): a timing compares."""
    keys = ("cpu", "cores", "arch")
    return bool(a and b and all(a.get(k) == b.get(k) for k in keys) and dispatch_words(a) == dispatch_words(b))


def same_cpu_class(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None,
                   frameworks: Iterable[str] | None = None) -> bool:
    """Whether two machines run the same compiled code paths: the same architecture and CPU features, and the same
    frameworks' dispatch variables set (``ATEN_CPU_CAPABILITY=default`` runs other kernels on the same CPU). With
    ``frameworks`` (a claim's), only their variables and NumPy's count: TF_ENABLE_ONEDNN_OPTS changes no kernel of a
    torch claim. A machine recorded without its features (before they were recorded) counts as the same class:
    nothing is excused."""
    if not a or not b or "features" not in a or "features" not in b:
        return True
    return (a.get("arch") == b.get("arch") and sorted(a["features"]) == sorted(b["features"])
            and _dispatch(a, frameworks) == _dispatch(b, frameworks))


def case_frameworks(claim_frameworks: Iterable[str], dims: Mapping[str, Any]) -> tuple[str, ...]:
    """The frameworks whose kernels a case runs (NumPy's always count besides): its producer and consumer where it
    has them (a pair case of a claim over every framework runs only its own two), else its claim's."""
    sides = [dims[side] for side in ("producer", "consumer") if dims.get(side)]
    if sides:
        return tuple(key for key in dict.fromkeys(sides) if key != "numpy")
    return tuple(claim_frameworks)


def _dispatch(machine: Mapping[str, Any], frameworks: Iterable[str] | None) -> dict[str, str]:
    recorded = dict(machine.get("dispatch") or {})
    if frameworks is None:
        return recorded
    names = {name for key in ("numpy", *frameworks) if key in FRAMEWORKS for name in FRAMEWORKS[key].dispatch_variables}
    return {name: value for name, value in recorded.items() if name in names}


def dispatch_words(m: Mapping[str, Any] | None) -> list[str]:
    """The dispatch variables a machine was recorded with, as ``NAME=value``."""
    return [f"{name}={value}" for name, value in sorted(((m or {}).get("dispatch") or {}).items())]


def cpu_difference(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None, a_name: str = "before",
                   b_name: str = "here", frameworks: Iterable[str] | None = None) -> str:
    """What differs between two machines' CPU features and dispatch variables (only ``frameworks``' and NumPy's, where
    given), in words: ``avx2, fma3 before only``; ``ATEN_CPU_CAPABILITY=default here only``."""
    parts = []
    words = [{f"{k}={v}" for k, v in _dispatch(m or {}, frameworks).items()} for m in (a, b)]
    for old, new in ((set((a or {}).get("features", [])), set((b or {}).get("features", []))), tuple(words)):
        parts += [f"{', '.join(sorted(old - new))} {a_name} only" if old - new else "",
                  f"{', '.join(sorted(new - old))} {b_name} only" if new - old else ""]
    return "; ".join(part for part in parts if part) or f"{(a or {}).get('arch')} {a_name}, {(b or {}).get('arch')} {b_name}"


def describe_machine(m: Mapping[str, Any] | None) -> str:
    if not m:
        return "unknown machine"
    features = m.get("features")
    missing = [f for f in ("avx", "avx2", "avx512f") if features is not None and f not in features]
    return (f"{m.get('cpu')}, {m.get('cores')} cores" + (f", without {', '.join(missing)}" if missing else "")
            + "".join(f", {word}" for word in dispatch_words(m)))
