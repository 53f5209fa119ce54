"""The conversion-matrix section: producers × consumers, each path's outcome and where it differs; and its picture."""

from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path

from conformance.results.conversions import outcome_label
from conformance.results.environment import VERSION_KEYS
from conformance.frameworks import FRAMEWORKS
from conformance.report.markdown import table
from conformance.results.model import Run

PICTURE = "REPORT_matrix.png"
SHOWN_DIFFERENCES = 6


def matrix_section(runs: Mapping[str, Run], extras: dict, output_dir: Path) -> list[str]:
    source = next(((name, run) for name, run in runs.items()
                   if any(r.get("device", "cpu") == "cpu" for r in run.get("conversions", []))), None)
    if source is None:
        return []
    name, run = source
    rows = [r for r in run.get("conversions", []) if r.get("device", "cpu") == "cpu"]
    frameworks = [key for key in FRAMEWORKS if any(key in (r["producer"], r["consumer"]) for r in rows)]
    timings = _matrix_timings(extras)
    env = run.environment
    versions = ", ".join(f"{k} {env.get(k)}" for k in VERSION_KEYS if env.get(k))
    lines = ["## Conversion matrix", "",
             f"Observed in env `{name}` ({versions}): every public conversion path from a producer to a "
             "consumer, as each framework declares it, run on every dtype the producer keeps and every "
             "layout it can make, on the CPU, and classified as **shares** memory, **copies**, **raises** (with the "
             "exception), **crashes** (the process died; measured in a forked child) or **wrong values**. Each path "
             "shows its usual outcome, then the dtypes or layouts that behaved otherwise. Where the benchmarks "
             "timed a path on a 16 MB float32 array, its time against `np.copyto` of the same size is given: a path "
             "that shares should cost far less than a copy.", "",
             f"![conversion matrix: share of observations per outcome]({PICTURE})", ""]
    lines += _grid(rows, frameworks, lambda producer, path: timings.get((producer, path)))
    _plot(rows, frameworks, output_dir / PICTURE)
    return lines + device_section(runs)


def _grid(rows: list[dict], frameworks: list[str], timing) -> list[str]:
    """One row per producer, consumer and path: its usual outcome, the dtypes or layouts that behaved otherwise,
    and its time against a copy where the benchmarks timed it."""
    by_path = defaultdict(list)
    for row in rows:
        by_path[(row["producer"], row["consumer"], row["path"])].append(row)
    order = {key: i for i, key in enumerate(frameworks)}
    table_rows = []
    for (producer, consumer, path), path_rows in sorted(by_path.items(), key=lambda kv: (
            order[kv[0][0]], order[kv[0][1]], kv[0][2])):
        labels = Counter(outcome_label(row) for row in path_rows)
        usual = labels.most_common(1)[0][0]
        otherwise = "; ".join(f"{label}: {_where(path_rows, label)}" for label, _ in labels.most_common()[1:])
        table_rows.append([f"{producer} → {consumer}", f"`{path}`", f"**{usual}**", otherwise or "—",
                           timing(producer, path) or "—"])
    return table(["producer → consumer", "path", "usually", "otherwise", "time (16 MB float32)"], table_rows)


def device_section(runs: Mapping[str, Run]) -> list[str]:
    """The device-side matrix: producers on every device off the CPU (virtual devices, CUDA), each path's outcome
    and the device its result landed on."""
    rows = [(name, r) for name, run in runs.items() for r in run.get("conversions", [])
            if r.get("device", "cpu") != "cpu"]
    if not rows:
        return []
    lines = ["## Device-side conversion matrix", "",
             "Producers on each device off the CPU that a run had (virtual devices on every machine, CUDA devices "
             "on a GPU), every path that takes their arrays (DLPack with and without `device=` and `copy=`, the "
             "CUDA array interface, the asarray family, `.cpu()`, `.numpy(force=True)`, `cupy.asnumpy`), with "
             "the outcome and the device each result landed on.", "",
             ""]
    grouped = defaultdict(list)
    for name, row in rows:
        grouped[(name, row["producer"], row["device"], row["path"], row["consumer"])].append(row)
    table_rows = []
    for (name, producer, device, path, consumer), group in sorted(grouped.items()):
        labels = Counter(outcome_label(r) for r in group)
        landed = sorted({d for r in group for d in r.get("result_devices", [])})
        outcome = "; ".join(f"{label} ({n})" for label, n in labels.most_common())
        table_rows.append([name, f"{producer} @ {device}", f"`{path}`", consumer, outcome, ", ".join(landed) or "—",
                           len(group)])
    return lines + table(["env", "producer @ device", "path", "consumer", "outcome", "result on", "dtypes × layouts"],
                         table_rows)


def _where(rows: list[dict], label: str) -> str:
    """Which layouts (every dtype of which did this; with the size class each was tried at) or dtype@layout pairs
    had ``label``."""
    matching = [r for r in rows if outcome_label(r) == label]
    by_layout, sizes = defaultdict(set), defaultdict(set)
    for row in rows:
        by_layout[row["layout"]].add(outcome_label(row))
        sizes[row["layout"]].add(row["size"])
    whole = sorted({r["layout"] for r in matching if by_layout[r["layout"]] == {label}})
    rest = sorted(f"{r['dtype']}@{r['layout']}" for r in matching if r["layout"] not in whole)
    parts = [f"{layout} ({', '.join(sorted(sizes[layout]))})" for layout in whole] + rest
    more = len(parts) - SHOWN_DIFFERENCES
    return ", ".join(parts[:SHOWN_DIFFERENCES]) + (f" and {more} more" if more > 0 else "")


def _matrix_timings(extras: dict) -> dict:
    data = extras.get("benchmarks", {}).get("bench")
    if not data:
        return {}
    medians = {(b["extra_info"].get("producer"), b["extra_info"].get("path")): b["stats"]["median"]
               for b in data["benchmarks"] if b.get("extra_info", {}).get("matrix")}
    baseline = medians.pop(("numpy", "np.copyto (baseline)"), None)
    return {key: f"{t * 1e6:.3g} µs" + (f", ×{t / baseline:.2g} a copy" if baseline else "")
            for key, t in medians.items()}


def _plot(rows: list[dict], frameworks: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    kinds = ("shares", "copies", "raises", "crashes", "wrong values")
    counts: dict[tuple[str, str], Counter[str]] = {(p, c): Counter() for p in frameworks for c in frameworks}
    for row in rows:
        for outcome, n in row["outcomes"].items():
            counts[(row["producer"], row["consumer"])][outcome] += n
    shared = np.full((len(frameworks), len(frameworks)), np.nan)
    figure, axis = plt.subplots(figsize=(1.9 * len(frameworks) + 2, 1.6 * len(frameworks) + 1.5))
    for i, producer in enumerate(frameworks):
        for j, consumer in enumerate(frameworks):
            total = sum(counts[(producer, consumer)].values())
            if not total:
                continue
            shared[i, j] = counts[(producer, consumer)]["shares"] / total
            text = "\n".join(f"{k} {counts[(producer, consumer)][k] / total:.0%}" for k in kinds
                             if counts[(producer, consumer)][k])
            axis.text(j, i, text, ha="center", va="center", fontsize=8)
    image = axis.imshow(shared, cmap="YlGn", vmin=0, vmax=1)
    axis.set_xticks(range(len(frameworks)), frameworks, rotation=20)
    axis.set_yticks(range(len(frameworks)), frameworks)
    axis.set(xlabel="consumer", ylabel="producer",
             title="Conversions between frameworks on the CPU: share of observations (all paths, dtypes, layouts)")
    figure.colorbar(image, ax=axis, label="fraction that shares memory")
    figure.tight_layout()
    figure.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(figure)
