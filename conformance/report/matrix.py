"""The conversion-matrix section: producers × consumers, each path's outcome and where it differs; and its picture."""

from collections import Counter, defaultdict
from pathlib import Path

from conformance.claims.conversion_matrix import FRAMEWORKS
from conformance.engine.conversions import outcome_label
from conformance.report.markdown import cell

PICTURE = "REPORT_matrix.png"
SHOWN_DIFFERENCES = 6


def matrix_section(runs: dict, extras: dict, output_dir: Path) -> list[str]:
    source = next(((name, run) for name, run in runs.items() if run.get("conversions")), None)
    if source is None:
        return []
    name, run = source
    rows = run["conversions"]
    by_path = defaultdict(list)
    for row in rows:
        by_path[(row["producer"], row["consumer"], row["path"])].append(row)
    timings = _matrix_timings(extras)
    grid = {(p, c): [] for p in FRAMEWORKS for c in FRAMEWORKS}
    for (producer, consumer, path), path_rows in sorted(by_path.items()):
        grid[(producer, consumer)].append(_describe_path(path, path_rows, timings.get((producer, path))))
    env = run["environment"]
    lines = ["## Conversion matrix", "",
             f"Observed in env `{name}` (numpy {env.get('numpy')}, torch {env.get('torch')}, tensorflow "
             f"{env.get('tensorflow')}, jax {env.get('jax')}): every public conversion path from a producer (row) to a "
             "consumer (column), run on every dtype the producer has and every layout it can make, and classified "
             "as **shares** memory, **copies**, **raises** (with the exception), **crashes** (the process died; "
             "measured in a forked child) or **wrong values**. Each path shows its usual outcome, then the "
             "dtypes or layouts that behaved differently. Where `tox -e bench` timed a path on a 16 MB float32 "
             "array, its time against `np.copyto` of the same size follows: a path that shares should cost far "
             "less than a copy.", "", f"![conversion matrix: share of observations per outcome]({PICTURE})", "",
             "| producer ↓ consumer → | " + " | ".join(FRAMEWORKS) + " |", "|---|" + "---|" * len(FRAMEWORKS)]
    for producer in FRAMEWORKS:
        cells = ["—" if producer == consumer else "<br>".join(grid[(producer, consumer)]) or "no public path"
                 for consumer in FRAMEWORKS]
        lines.append(f"| **{producer}** | " + " | ".join(cell(c).replace("\\<br\\>", "<br>") for c in cells) + " |")
    _plot(rows, output_dir / PICTURE)
    return lines + [""]


def _describe_path(path: str, rows: list[dict], timing: str | None) -> str:
    labels = Counter(outcome_label(row) for row in rows)
    usual, _ = labels.most_common(1)[0]
    text = f"`{path}` → **{usual}**"
    for label, _count in labels.most_common()[1:]:
        text += f"; {label}: {_where(rows, label)}"
    return text + (f" ({timing})" if timing else "")


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


def _plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    kinds = ("shares", "copies", "raises", "crashes", "wrong values")
    counts = {(p, c): Counter() for p in FRAMEWORKS for c in FRAMEWORKS}
    for row in rows:
        for outcome, n in row["outcomes"].items():
            counts[(row["producer"], row["consumer"])][outcome] += n
    shared = np.full((len(FRAMEWORKS), len(FRAMEWORKS)), np.nan)
    figure, axis = plt.subplots(figsize=(9, 7.5))
    for i, producer in enumerate(FRAMEWORKS):
        for j, consumer in enumerate(FRAMEWORKS):
            total = sum(counts[(producer, consumer)].values())
            if not total:
                continue
            shared[i, j] = counts[(producer, consumer)]["shares"] / total
            text = "\n".join(f"{k} {counts[(producer, consumer)][k] / total:.0%}" for k in kinds
                             if counts[(producer, consumer)][k])
            axis.text(j, i, text, ha="center", va="center", fontsize=8)
    image = axis.imshow(shared, cmap="YlGn", vmin=0, vmax=1)
    axis.set_xticks(range(len(FRAMEWORKS)), FRAMEWORKS)
    axis.set_yticks(range(len(FRAMEWORKS)), FRAMEWORKS)
    axis.set(xlabel="consumer", ylabel="producer",
             title="Conversions between frameworks: share of observations (all paths, dtypes, layouts)")
    figure.colorbar(image, ax=axis, label="fraction that shares memory")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
