"""Report sections about claims: environments, summary, one verdict per claim and device, measurements, unverified."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from conformance.claims import CLAIMS
from conformance.ids import ClaimId
from conformance.results.environment import VERSION_KEYS, describe_machine
from conformance.frameworks import NO_DEVICE
from conformance.report.markdown import anchor, fit, table
from conformance.results.model import Run
from conformance.results.verdicts import RAN, VERIFIED
from conformance.verdicts import Verdict, most_severe



def environment_section(runs: Mapping[str, Run], left_out: Sequence[str] = ()) -> list[str]:
    keys = [k for k in VERSION_KEYS if any(run.environment.get(k) for run in runs.values())]
    rows = [[name, env.get("python"), *(env.get(k) or "—" for k in keys), describe_machine(env.get("machine")),
             _devices(env.get("devices")), env.get("hypothesis_profile"), env.get("hypothesis_seed")]
            for name, env in ((name, run.environment) for name, run in runs.items())]
    notes = ["Left out of this report:", ""] + [f"- {note}" for note in left_out] + [""] if left_out else []
    return ["## Environments", ""] + notes + table(["env", "python", *keys, "machine", "devices", "Hypothesis profile", "seed"],
                                           rows)


def _devices(devices) -> str:
    if isinstance(devices, dict):
        return "; ".join(f"{key}: {', '.join(names)}" for key, names in devices.items())
    return ", ".join(devices or [])


def summary_section(runs: Mapping[str, Run]) -> list[str]:
    rows = []
    for name, run in runs.items():
        counts = run.tally()
        cases = [c for claim in run for c in claim.cases.values()]
        decided = sum(1 for c in cases if c.verdict in VERIFIED)
        rows.append([name] + [counts[v.value] for v in Verdict] + [f"{decided} of {len(cases)}"])
    return (["## Summary", ""] + table(["env"] + [v.value for v in Verdict] + ["cases decided"], rows) +
            ["A skipped or inconclusive claim is unverified: it never counts as holding. A case is one enumerated "
             "combination of a claim's dtypes, layouts, sizes, inputs and device.", ""])


def devices_of(runs: Mapping[str, Run]) -> list[str]:
    """Every device some case ran on or was meant for, the CPU first, then virtual devices, then CUDA."""
    found = {case.dims.get("device", "cpu") for run in runs.values() for claim in run
             for case in claim.cases.values()}
    return sorted(found, key=lambda d: (0 if d == "cpu" else 2 if d.startswith("cuda") else 1, d))


def on_device(runs: Mapping[str, Run], claim_id: str, device: str) -> tuple[str, list[str], list[str]]:
    """(verdict, envs that decided it, reasons it was skipped): the claim's cases on ``device``, over every env."""
    verdicts: list[Verdict] = []
    envs: set[str] = set()
    reasons: set[str] = set()
    for name, run in runs.items():
        for case in run.claims[ClaimId(claim_id)].cases.values():
            if case.dims.get("device", "cpu") != device:
                continue
            if case.verdict in RAN:
                verdicts.append(case.verdict)
                envs.add(name)
            else:
                reasons.add("skipped" if case.reason is None else case.reason)
    if verdicts:
        return most_severe(verdicts).value, sorted(envs), []
    return "skipped" if reasons else "", [], sorted(reasons)


def kind_of(device: str) -> str:
    """The registry's device kind of a device name: the CPU, a CUDA device, or any other (a virtual device)."""
    return "cpu" if device == "cpu" else "cuda" if device.startswith("cuda") else "virtual"


def _stands_in(runs: Mapping[str, Run], claim_id: str, device: str, devices: list[str]) -> bool:
    """Whether ``device`` is a kind's placeholder (the cases of an env without that kind's devices) while some env
    decided the claim on real devices of that kind: then those columns carry the verdict, and this one says nothing."""
    return device in NO_DEVICE and any(on_device(runs, claim_id, d)[1] for d in devices
                                       if d not in NO_DEVICE and kind_of(d) == device)


def device_cells(runs: Mapping[str, Run], claim_id: str, devices: list[str] | None = None) -> list[tuple[str, str]]:
    """[(device, its cell)]: the claim's verdict on each device with the envs that decided it, or why it was skipped,
    or "—" where it has no case (or only a kind's placeholder while real devices of that kind decided it).
    ``devices``: :func:`devices_of` the runs, when the caller already has it."""
    devices = devices_of(runs) if devices is None else devices
    cells = []
    for device in devices:
        verdict, envs, reasons = on_device(runs, claim_id, device)
        if not verdict or _stands_in(runs, claim_id, device, devices):
            cells.append((device, "—"))
        elif envs:
            cells.append((device, f"{Verdict(verdict).symbol} ({', '.join(envs)})"))
        else:
            cells.append((device, f"{Verdict.SKIPPED.symbol} ({fit('; '.join(_short(r) for r in reasons), 80, '; ')})"))
    return cells


def matrix_section(runs: Mapping[str, Run]) -> list[str]:
    devices = devices_of(runs)
    rows = [[f"[`{claim.id}`](#{anchor(claim.id)})"] + [text for _, text in device_cells(runs, claim.id, devices)]
            for claim in CLAIMS.values()]
    shown = [i for i, _ in enumerate(devices) if any(row[1 + i] != "—" for row in rows)]
    devices = [devices[i] for i in shown]
    rows = [row[:1] + [row[1 + i] for i in shown] for row in rows]
    lines = ["## Claims", "",
             "One verdict per claim and device, over every env that ran it (named in brackets): the most severe of "
             "the claim's cases on that device. Each claim links to its detail: the statement, its source and "
             "quote, and the coverage measured from the inputs that ran.", ""]
    return lines + table(["claim"] + devices, rows)


def _short(reason: str) -> str:
    return reason.split(":")[0] if reason.startswith("a ") else reason


def measured_section(runs: Mapping[str, Run]) -> list[str]:
    lines = []
    for name, run in runs.items():
        for claim in run:
            if claim.detail("measured") and claim.verdict != "skipped":
                machine = describe_machine(run.environment.get("machine"))
                lines.append(f"- `{claim.id}` in {name} ({claim.verdict.value}, on {machine}): "
                             f"`{json.dumps(claim.detail('measured'))}`")
    if not lines:
        return []
    return ["## Measurements", "", "Timing claims are machine-dependent: their verdict comes from an interval on a "
            "ratio measured in one run, and is compared across runs only on the same machine.", ""] + lines + [""]


def unverified_section(runs: Mapping[str, Run]) -> list[str]:
    never = [claim for claim in CLAIMS.values()
             if not any(run.claims[ClaimId(claim.id)].verdict in VERIFIED for run in runs.values())]
    if not never:
        return []
    lines = ["## Unverified claims", "", "No env of this report decided these claims; their truth is unknown.", ""]
    for claim in never:
        results = [run.claims[ClaimId(claim.id)] for run in runs.values()]
        reasons = sorted({r.detail("reason") or r.detail("observed") or r.verdict.value for r in results})
        lines.append(f"- `{claim.id}`: {'; '.join(r.splitlines()[0] for r in reasons)}")
    return lines + [""]


NOT_ENUMERATED = {"dtype": "dtype (the test picks its dtypes itself)",
                  "layout": "layout (its arrays are C-ordered, or in their framework's default layout)",
                  "size": "size (its arrays have the test's own shapes or the small ones Hypothesis draws, in no size "
                          "class)"}


def uncovered_section() -> list[str]:
    """The claims whose cases enumerate fewer dimensions than their sentence covers, without a reason: gaps to close,
    so that a reader knows what a `holds` of theirs was earned on (a narrowing with its reason is in the details)."""
    gaps = [claim for claim in CLAIMS.values() if claim.uncovered]
    if not gaps:
        return []
    lines = ["## Claims that cover less than their sentence", "",
             f"{len(gaps)} of {len(CLAIMS)} claims do not enumerate a dimension their sentence covers, and give no "
             "reason: a `holds` of theirs was earned on what the list says only. These are gaps in the suite, not "
             "narrowings (a narrowing says why, under the claim in detail).", ""]
    for claim in gaps:
        lines.append(f"- `{claim.id}`: not enumerated: " + "; ".join(NOT_ENUMERATED[name] for name in claim.uncovered))
    return lines + [""]
