"""What other classes of CPU showed for a crash: a crash can depend on the CPU's instruction set, so its issue text
says what the same case did on each other class of CPU the suite has a run from.

Those runs are the complete results files under ``reports/cpu/``, each made on (or emulated as) one class of CPU,
e.g. ``python -m pytest conformance --run torch ... --results reports/cpu/torch-qemu-sandybridge.json`` under
``qemu-x86_64 -cpu SandyBridge``. A run counts for a crash when it is of the same env and the same versions. What the
text says depends only on those committed files, never on the machine that writes the reproducer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.results.conversions import outcome_label
from conformance.results.environment import VERSION_KEYS, dispatch_words
from conformance.results.io import load_run
from conformance.results.model import Run
from conformance.results.verdicts import Malformed


@dataclass(frozen=True)
class Elsewhere:
    """The outcome of one case on another class of CPU: its features, the file it was read from, the outcome, and
    the frameworks' dispatch variables that run was made with (``ATEN_CPU_CAPABILITY=default``)."""

    features: tuple[str, ...]
    file: str
    outcome: str
    dispatch: tuple[str, ...] = ()

    def where(self) -> str:
        """``a CPU with sse42, avx``; ``a CPU with sse42, avx, ... and ATEN_CPU_CAPABILITY=default``: read from the
        committed run alone, never compared with the machine of the run whose crash this is (another machine with
        the same outcomes writes the same text)."""
        return f"a CPU with {', '.join(self.features)}" + (f" and {', '.join(self.dispatch)}" if self.dispatch else "")


def runs_like(environment: dict[str, Any], folder: Path) -> list[tuple[str, Run]]:
    """The complete, unfaulted runs under ``folder`` of this env with these versions, by file name."""
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            run = load_run(path)
        except Malformed:
            continue  # made under another catalog: its cases are not this run's
        same = run.environment.get("env") == environment.get("env") and all(
            run.environment.get(key) == environment.get(key) for key in VERSION_KEYS)
        if same and run.complete:
            found.append((path.name, run))
    return found


def _elsewhere(run: Run, name: str, outcome: str) -> Elsewhere:
    machine = run.environment.get("machine") or {}
    return Elsewhere(tuple(machine.get("features") or ()), name, outcome, tuple(dispatch_words(machine)))


def claim_case(runs: list[tuple[str, Run]], claim_id: str, case_id: str) -> list[Elsewhere]:
    """The outcome of a claim's case in each of those runs that ran it."""
    found = []
    for name, run in runs:
        entry = next((claim for claim in run if claim.id == claim_id), None)
        case = entry.cases.get(case_id) if entry is not None else None
        if case is not None and case.verdict.value != "skipped":
            found.append(_elsewhere(run, name, case.outcome))
    return found


MATRIX_KEYS = ("path", "producer", "consumer", "dtype", "layout", "size", "device")


def matrix_cell(runs: list[tuple[str, Run]], row: dict[str, Any]) -> list[Elsewhere]:
    """The outcome of a conversion matrix cell in each of those runs that ran it."""
    found = []
    for name, run in runs:
        rows: Iterable[dict[str, Any]] = run.get("conversions", [])
        other = next((r for r in rows if all(r.get(k) == row.get(k) for k in MATRIX_KEYS)), None)
        if other is not None:
            found.append(_elsewhere(run, name, outcome_label(other)))
    return found


def lines(found: list[Elsewhere], outcome: str, env: str) -> list[str]:
    """The issue text's paragraph on the CPU, or nothing where no other class of CPU ran the case. A run that differs
    only by a framework's dispatch variable points at the kernels that variable turns off."""
    if not found:
        return []
    parts = [f"{'the same crash' if e.outcome == outcome else e.outcome} on {e.where()} (`reports/cpu/{e.file}`)"
             for e in found]
    by_cpu = [e for e in found if e.outcome != outcome and not e.dispatch]
    switches = sorted({word for e in found if e.outcome != outcome for word in e.dispatch})
    verdicts = []
    if by_cpu:
        verdicts.append("Whether it crashes depends on the CPU's instruction set: it crashed on the CPU whose features "
                        f"`reports/{env}.json` records (`environment.machine.features`); try it on one of that class.")
    if switches:
        verdicts.append(f"With {', '.join(switches)} the framework runs other compiled kernels on the same CPU, and the "
                        "case does not crash there: the crash is in the kernels that setting turns off, and the "
                        "setting shows both outcomes on one machine.")
    switched = any(e.dispatch for e in found)
    if not verdicts:
        verdicts.append(f"It does not depend on those features{' or variables' if switched else ''}.")
    scope = "another class of CPU or code path" if switched else "another class of CPU"
    return [f"**CPU:** the same case, with the same versions, on {scope}: {'; '.join(parts)}. {' '.join(verdicts)}",
            ""]
