"""Report sections about conversion cost: timings against an in-run copy baseline, and their plot."""

import math
from collections.abc import Mapping
from pathlib import Path

from conformance.report.markdown import size
from conformance.results.model import Run
from conformance.results.verdicts import VERIFIED

BASELINE_CONVERSION = "np.copyto (baseline)"
PLOT_NAME = "REPORT_benchmarks.png"


def _slope(points):
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0


def classify(slope):
    """Cost class from the slope of log time against log size: flat is zero-copy, linear is a copy."""
    return "zero-copy" if slope < 0.35 else "copy" if slope > 0.6 else "unclear"


def benchmark_table(data):
    """{(conversion, dtype): {nbytes: median seconds}} from pytest-benchmark JSON."""
    table = {}
    for bench in data["benchmarks"]:
        info = bench.get("extra_info", {})
        if "conversion" in info:
            table.setdefault((info["conversion"], info["dtype"]), {})[info["nbytes"]] = bench["stats"]["median"]
    return table


def aliasing_claims(data):
    """{conversion: (claim id, the cost class the claim predicts when it holds)}, as each benchmark declares."""
    return {info["conversion"]: (info["claim"], info["predicts"]) for info in
            (bench.get("extra_info", {}) for bench in data["benchmarks"]) if info.get("claim")}


def benchmark_section(extras: dict, runs: Mapping[str, Run], output_dir: Path) -> list[str]:
    """The conversion-cost section from ``reports/bench.json``: each timed conversion's cost class, checked against
    the verdict of the aliasing claim it declares (the first env in ``runs`` that did not skip it)."""
    data = extras.get("benchmarks", {}).get("bench")
    if not data:
        return []
    table = benchmark_table(data)
    claims_of = aliasing_claims(data)
    info = data.get("machine_info", {})
    interop = info.get("interop", {})
    verdicts: dict[str, str] = {}  # {claim id: its verdict in the first env that did not skip it}
    for run in runs.values():
        for claim in run:
            if claim.verdict != "skipped":
                verdicts.setdefault(claim.id, claim.verdict.value)
    lines = ["## Conversion cost", "",
             f"From `reports/bench.json` (`tox -e bench`): numpy {interop.get('numpy')}, torch "
             f"{interop.get('torch')}, tensorflow {interop.get('tensorflow')}, jax {interop.get('jax')}, "
             f"devices {interop.get('devices')}, "
             f"{info.get('cpu', {}).get('brand_raw', info.get('processor', '?'))}. Compare only with runs of the same "
             "versions and machine. Times are medians; the ratio is against `np.copyto` of the same size and dtype "
             "in the same run. The class comes from the slope of log time against log size over the sweep "
             "(below 0.35: zero-copy, above 0.6: copy).", ""]
    _plot(table, Path(output_dir) / PLOT_NAME)
    lines += [f"![time against size, log-log]({PLOT_NAME})", ""]
    sizes = sorted({n for points in table.values() for n in points})
    size_columns = " | ".join(size(n) for n in sizes)
    lines += [f"| conversion | dtype | {size_columns} | slope | class | aliasing claim | agrees |",
              "|---|---|" + "---|" * len(sizes) + "---|---|---|---|"]
    disagreements = []
    for (conversion, dtype), points in sorted(table.items()):
        baseline = table.get((BASELINE_CONVERSION, dtype), {})
        cells = []
        for n in sizes:
            t = points.get(n)
            if t is None:
                cells.append("—")
                continue
            ratio = f", ×{t / baseline[n]:.2g} copy" if baseline.get(n) else ""
            cells.append(f"{t * 1e6:.3g} µs, {n / t / 1e9:.3g} GB/s{ratio}")
        slope = _slope(sorted(points.items()))
        cost = classify(slope)
        claim_cell, agrees = "—", "—"
        if conversion in claims_of:
            claim_id, when_holds = claims_of[conversion]
            verdict = verdicts.get(claim_id)
            if verdict in VERIFIED:
                expected = when_holds if verdict == "holds" else ("copy" if when_holds == "zero-copy" else "zero-copy")
                agrees = "yes" if expected == cost else f"**NO** (claim implies {expected})"
                if expected != cost:
                    disagreements.append(f"`{conversion}` {dtype}: timing says {cost}, "
                                         f"`{claim_id}` {verdict} implies {expected}")
            claim_cell = f"`{claim_id}` {verdict or 'not run'}"
        row = " | ".join([conversion, dtype, *cells, f"{slope:.2f}", cost, claim_cell, agrees])
        lines.append(f"| {row} |")
    lines.append("")
    lines += (["Disagreements between timing and aliasing verdicts:", ""] + [f"- {d}" for d in disagreements]
              if disagreements else ["Every classified conversion agrees with its aliasing claim's verdict."])
    return lines + [""]


def transfer_section(extras):
    data = extras.get("benchmarks", {}).get("bench-gpu")
    if not data:
        return []
    rows = [(bench.get("extra_info", {}), bench["stats"]["median"]) for bench in data["benchmarks"]]
    rows = [(info, median) for info, median in rows if "transfer" in info]
    pinned = {(info["direction"], info["device"], info["nbytes"]): median
              for info, median in rows if info.get("baseline")}
    lines = ["## Host ↔ device transfers", "",
             "From `reports/bench-gpu.json` (`tox -e gpu`, or the benchmark command in the README). Each timed call "
             "waits for its devices. `copy (pinned)` is the in-run baseline: torch's `copy_` between pinned host "
             "memory and the device; every path's ratio is against it, at the same size, direction and device. "
             "The nominal peak is the PCIe link's, read from nvidia-smi.", ""]
    for direction in ("host_to_device", "device_to_host"):
        chosen = sorted(((info, median) for info, median in rows if info.get("direction") == direction),
                        key=lambda row: (row[0]["device"], row[0]["nbytes"], row[1]))
        if not chosen:
            continue
        lines += [f"### {direction.replace('_', ' ')}", "",
                  "| transfer | device | size | median | GB/s | × pinned copy | share of nominal peak |",
                  "|---|---|---|---|---|---|---|"]
        for info, median in chosen:
            gbps = info["nbytes"] / median / 1e9
            peak = info.get("nominal_peak_gbps")
            baseline = pinned.get((direction, info["device"], info["nbytes"]))
            ratio = f"×{median / baseline:.3g}" if baseline else "no baseline"
            share = f"{gbps / peak:.0%} of {peak:g} GB/s" if peak else "peak unreadable"
            lines.append(f"| {info['transfer']} | {info['device']} | {size(info['nbytes'])} | "
                         f"{median * 1e6:.3g} µs | {gbps:.3g} | {ratio} | {share} |")
        lines.append("")
    return lines


def _plot(table, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    dtypes = sorted({dtype for _, dtype in table})
    conversions = sorted({conversion for conversion, _ in table} - {BASELINE_CONVERSION})
    colours = dict(zip(conversions, plt.get_cmap("tab20").colors))
    markers = "os^vD<>ph*"
    figure, axes = plt.subplots(1, len(dtypes), figsize=(7 * len(dtypes), 6), squeeze=False, sharey=True)
    for axis, dtype in zip(axes[0], dtypes):
        for (conversion, d), points in sorted(table.items()):
            if d != dtype:
                continue
            xs, ys = zip(*sorted(points.items()))
            if conversion == BASELINE_CONVERSION:
                axis.loglog(xs, ys, "k--", linewidth=2.5, label=conversion)
            else:
                index = conversions.index(conversion)
                axis.loglog(xs, ys, "-", color=colours[conversion], marker=markers[index % len(markers)],
                            markersize=4, linewidth=1.2, label=conversion)
        axis.set(title=f"{dtype}: median time against array size", xlabel="array size (bytes)",
                 ylabel="median time (s)")
        axis.grid(True, which="both", alpha=0.3)
    handles, labels = axes[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=5, fontsize=8, frameon=False)
    figure.tight_layout(rect=(0, 0.12, 1, 1))
    figure.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(figure)
