"""REPORT.md from reports/*.json: ``python -m conformance.report [--reports DIR] [--output PATH]``.

Merges every results file present (one column per env), and the optional
upgrade-diff, mutation, flake and benchmark outputs. Never edit REPORT.md by hand.
"""

import argparse
import json
import math
import sys
from pathlib import Path

from conformance.claims import CLAIMS
from conformance.compare import changes_between, versions
from conformance.results import (SCHEMA, UnusableInput, catalog_digest, entries_of, load_results, merge_runs,
                                 observation, observation_changes)

ROOT = Path(__file__).resolve().parent.parent
ENV_ORDER = ["tf", "torch", "numpy1", "latest", "gpu"]
UPGRADE_OLD, UPGRADE_NEW = ["numpy1"], ["tf", "torch"]
MUTATION_SCHEMA = "interop-conformance-mutation/1"
FLAKE_SCHEMA = "interop-conformance-flake/1"
SYMBOL = {"holds": "✅ holds", "refuted": "❌ refuted", "skipped": "⏭️ skipped", "error": "💥 error"}


def _env_key(name):
    return (ENV_ORDER.index(name) if name in ENV_ORDER else len(ENV_ORDER), name)


def load_reports(directory):
    """{env name: results} for every results file; other JSON outputs by schema."""
    runs, extras = {}, {}
    for path in sorted(Path(directory).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise UnusableInput(f"{path}: not valid JSON ({exc})") from None
        schema = data.get("schema") if isinstance(data, dict) else None
        if schema == SCHEMA:
            run = load_results(path)
            if run.get("catalog") != catalog_digest():
                extras.setdefault("stale", []).append(path.name)
                continue
            runs[path.stem] = run
        elif schema in (MUTATION_SCHEMA, FLAKE_SCHEMA):
            extras.setdefault(schema, {})[path.stem] = data
        elif isinstance(data, dict) and "benchmarks" in data and "machine_info" in data:
            extras.setdefault("benchmarks", {})[path.stem] = data
    return dict(sorted(runs.items(), key=lambda kv: _env_key(kv[0]))), extras


def _cell(text):
    return str(text).replace("|", "\\|").replace("\n", "<br>")


def _code_block(text):
    return ["```", str(text).rstrip(), "```"]


def environment_section(runs):
    lines = ["## Environments", "",
             "| env | python | numpy | torch | tensorflow | devices | Hypothesis profile | seed |",
             "|---|---|---|---|---|---|---|---|"]
    for name, run in runs.items():
        env = run["environment"]
        lines.append("| " + " | ".join(_cell(x) for x in [
            name, env.get("python"), env.get("numpy"), env.get("torch") or "not installed",
            env.get("tensorflow") or "not installed", ", ".join(env.get("devices", [])),
            env.get("hypothesis_profile"), env.get("hypothesis_seed")]) + " |")
    return lines + [""]


def summary_section(runs):
    lines = ["## Summary", "", "| env | holds | refuted | skipped | error |", "|---|---|---|---|---|"]
    for name, run in runs.items():
        counts = {v: 0 for v in SYMBOL}
        for entry in run["claims"]:
            counts[entry["verdict"]] += 1
        lines.append(f"| {name} | {counts['holds']} | {counts['refuted']} | {counts['skipped']} | {counts['error']} |")
    lines += ["", "A skipped claim is unverified: it never counts as holding. "
              "`holds*` means some of the claim's tests were skipped (see the notes under the matrix).", ""]
    return lines


def matrix_section(runs):
    names = list(runs)
    lines = ["## Claims", "", "| claim | statement | source | " + " | ".join(names) + " |",
             "|---|---|---|" + "---|" * len(names)]
    notes = []
    entries = {name: {e["id"]: e for e in run["claims"]} for name, run in runs.items()}
    for claim in CLAIMS.values():
        cells = []
        for name in names:
            entry = entries[name].get(claim.id)
            if entry is None:
                cells.append("—")
                continue
            cell = SYMBOL[entry["verdict"]]
            if entry["verdict"] == "holds" and entry.get("unverified_parts"):
                cell = "✅ holds*"
                notes.append(f"- `{claim.id}` in {name}: unverified parts: " + "; ".join(entry["unverified_parts"]))
            if entry["verdict"] == "skipped":
                cell += f" ({entry.get('reason', '')})"
            cells.append(_cell(cell))
        statement = claim.statement + (f" — «{claim.quote}»" if claim.quote else "")
        lines.append(f"| `{claim.id}` | {_cell(statement)} | {_cell(claim.source)} | " + " | ".join(cells) + " |")
    return lines + [""] + notes + ([""] if notes else [])


def refuted_section(runs):
    lines = ["## Refuted claims", "",
             "Each with Hypothesis's shrunk counterexample, what was observed and a one-line reproducer. "
             "A refuted claim is a finding about the documentation, not a failure of the suite.", ""]
    seen = False
    for claim in CLAIMS.values():
        found = [(name, e) for name, run in runs.items() for e in run["claims"]
                 if e["id"] == claim.id and e["verdict"] in ("refuted", "error")]
        if not found:
            continue
        seen = True
        name, entry = found[0]
        envs = ", ".join(f"{n} ({e['verdict']})" for n, e in found)
        lines += [f"### `{claim.id}`", "", f"Claim: {claim.statement}  ", f"Source: {claim.source}  ",
                  f"Not holding in: {envs}", "", f"Observed in {name}:", *_code_block(entry.get("observed", ""))]
        if entry.get("counterexample"):
            lines += ["Counterexample:", *_code_block(entry["counterexample"])]
        if entry.get("measured"):
            lines += [f"Measured: `{json.dumps(entry['measured'])}`", ""]
        lines += ["Reproduce:", *_code_block(entry.get("reproducer", ""))]
        first_line = (entry.get("observed") or "").splitlines()[:1]
        for other, other_entry in found[1:]:
            if (other_entry.get("observed") or "").splitlines()[:1] != first_line:
                lines += [f"Observed in {other}:", *_code_block(other_entry.get("observed", ""))]
        lines.append("")
    return lines if seen else lines + ["None.", ""]


def measured_section(runs):
    lines = []
    for name, run in runs.items():
        for entry in run["claims"]:
            if entry.get("measured") and entry["verdict"] == "holds":
                lines.append(f"- `{entry['id']}` in {name}: `{json.dumps(entry['measured'])}`")
    return (["## Measurements behind holding claims", ""] + lines + [""]) if lines else []


def unverified_section(runs):
    never_ran = [claim for claim in CLAIMS.values()
                 if all(next((e["verdict"] for e in run["claims"] if e["id"] == claim.id), "skipped") == "skipped"
                        for run in runs.values())]
    if not never_ran:
        return []
    lines = ["## Unverified claims", "", "These claims ran in no env of this report; their verdict is unknown.", ""]
    for claim in never_ran:
        reasons = sorted({next((e.get("reason", "") for e in run["claims"] if e["id"] == claim.id), "")
                          for run in runs.values()})
        lines.append(f"- `{claim.id}`: {'; '.join(r for r in reasons if r)}")
    return lines + [""]


def upgrade_section(runs, extras):
    old_names = [n for n in UPGRADE_OLD if n in runs]
    new_names = [n for n in UPGRADE_NEW if n in runs]
    if not old_names or not new_names:
        return []
    old = merge_runs([runs[n] for n in old_names])
    new = merge_runs([runs[n] for n in new_names])
    changes = changes_between(old, new)
    lines = ["## Upgrade diff", "",
             f"Old: {' + '.join(old_names)} ({versions(old)}). New: {' + '.join(new_names)} ({versions(new)}).  ",
             f"Command: `python -m conformance.compare {_side(old_names)} {_side(new_names)}`", ""]
    flips = [c for c in changes if c.is_flip]
    if not flips:
        lines += ["No verdict flips.", ""]
    else:
        lines += ["| claim | old | new | old observed | new observed |", "|---|---|---|---|---|"]
        for change in flips:
            lines.append(f"| `{change.id}` | {change.old} | {change.new} | {_cell(observation(change.old_entry))} "
                         f"| {_cell(observation(change.new_entry))} |")
        lines.append("")
    observed = observation_changes(entries_of(old), entries_of(new))
    if observed:
        lines += ["Same verdict, different exception:", ""]
        lines += [f"- `{c.id}` ({c.new}): old {_cell(observation(c.old_entry))}; new {_cell(observation(c.new_entry))}"
                  for c in observed]
        lines.append("")
    coverage = [c for c in changes if not c.is_flip]
    if coverage:
        lines.append("Coverage changes (to or from skipped): " + ", ".join(f"`{c.id}` {c.old}→{c.new}" for c in coverage))
        lines.append("")
    return lines + benchmark_upgrade_lines(extras)


def _side(names):
    return "+".join(f"reports/{name}.json" for name in names)


def mutation_section(extras):
    reports = extras.get(MUTATION_SCHEMA, {})
    if not reports:
        return []
    lines = ["## Mutation score", "",
             "Each planted fault (conformance/faults.py) breaks one documented behaviour by monkeypatching; "
             "the claim it targets must change verdict. A claim no fault can move is a test that cannot fail.", "",
             "| env | claims run | caught | score |", "|---|---|---|---|"]
    for name, data in sorted(reports.items()):
        lines.append(f"| {data['environment'].get('env', name)} | {data['claims_run']} | {data['caught']} | "
                     f"{data['score']:.0%} ({data['seconds']:.0f} s) |")
    for name, data in sorted(reports.items()):
        lines += ["", f"### {data['environment'].get('env', name)}", "",
                  "| claim | fault | before | after | caught |", "|---|---|---|---|---|"]
        moved = {row["claim"] for row in data["rows"] if row["caught"]}
        for row in data["rows"]:
            outcome = ("caught" if row["caught"] else "not moved; another fault moves this claim"
                       if row["claim"] in moved else "**missed**")
            lines.append(f"| `{row['claim']}` | {_cell(row['fault'])}: {_cell(row['description'])} | {row['before']} "
                         f"| {row['after']} | {outcome} |")
        for claim_id, reason in sorted(data.get("not_run", {}).items()):
            lines.append(f"| `{claim_id}` | — | skipped | — | not run: {_cell(reason)} |")
    return lines + [""]


def flake_section(extras):
    reports = extras.get(FLAKE_SCHEMA, {})
    if not reports:
        return []
    lines = ["## Flake check", ""]
    for name, data in sorted(reports.items()):
        lines.append(f"{data['runs']} runs with Hypothesis seeds {data['seeds']} under profile "
                     f"`{data['profile']}` in env {data['environment'].get('env')}: "
                     f"**{len(data['differing'])} claim(s) with differing verdicts** "
                     f"out of {data['claims']}; {data['seconds']:.0f} s in all.")
        for row in data["differing"]:
            lines.append(f"- `{row['id']}`: " + ", ".join(f"seed {s}: {v}" for s, v in row["verdicts"].items()))
    return lines + [""]


BASELINE_CONVERSION = "np.copyto (baseline)"
PLOT_NAME = "REPORT_benchmarks.png"
# conversion -> (aliasing claim, the cost class the claim predicts when it holds)
ALIASING_CLAIMS = {
    "torch.from_numpy": ("torch.from_numpy.shares_memory", "zero-copy"),
    "torch.as_tensor": ("torch.as_tensor.shares_numpy", "zero-copy"),
    "torch.tensor": ("torch.tensor.copies", "copy"),
    "torch t.numpy()": ("torch.numpy.shares_memory", "zero-copy"),
    "np.asarray(torch t)": ("torch.np_asarray.shares_memory", "zero-copy"),
    "tf.constant": ("tf.constant.isolated_from_source", "copy"),
    "tf t.numpy()": ("tf.numpy.shares_memory", "zero-copy"),
    "np.asarray(tf t)": ("tf.np_asarray.shares_if_possible", "zero-copy"),
}


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


def benchmark_section(extras, runs, output_dir):
    data = extras.get("benchmarks", {}).get("bench")
    if not data:
        return []
    table = benchmark_table(data)
    info = data.get("machine_info", {})
    interop = info.get("interop", {})
    verdicts = {}
    for run in runs.values():
        for entry in run["claims"]:
            if entry["verdict"] != "skipped":
                verdicts.setdefault(entry["id"], entry["verdict"])
    lines = ["## Conversion cost", "",
             f"From `reports/bench.json` (`tox -e bench`): numpy {interop.get('numpy')}, torch "
             f"{interop.get('torch')}, tensorflow {interop.get('tensorflow')}, devices {interop.get('devices')}, "
             f"{info.get('cpu', {}).get('brand_raw', info.get('processor', '?'))}. Compare only with runs of the same "
             "versions and machine. Times are medians; the ratio is against `np.copyto` of the same size and dtype "
             "in the same run. The class comes from the slope of log time against log size over the sweep "
             "(below 0.35: zero-copy, above 0.6: copy).", ""]
    _plot(table, Path(output_dir) / PLOT_NAME)
    lines += [f"![time against size, log-log]({PLOT_NAME})", ""]
    sizes = sorted({n for points in table.values() for n in points})
    lines += ["| conversion | dtype | " + " | ".join(_size(n) for n in sizes) + " | slope | class | aliasing claim | agrees |",
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
        if conversion in ALIASING_CLAIMS:
            claim_id, when_holds = ALIASING_CLAIMS[conversion]
            verdict = verdicts.get(claim_id)
            if verdict in ("holds", "refuted"):
                expected = when_holds if verdict == "holds" else ("copy" if when_holds == "zero-copy" else "zero-copy")
                agrees = "yes" if expected == cost else f"**NO** (claim implies {expected})"
                if expected != cost:
                    disagreements.append(f"`{conversion}` {dtype}: timing says {cost}, `{claim_id}` {verdict} implies {expected}")
            claim_cell = f"`{claim_id}` {verdict or 'not run'}"
        lines.append(f"| {conversion} | {dtype} | " + " | ".join(cells) + f" | {slope:.2f} | {cost} | {claim_cell} | {agrees} |")
    lines.append("")
    lines += (["Disagreements between timing and aliasing verdicts:", ""] + [f"- {d}" for d in disagreements]
              if disagreements else ["Every classified conversion agrees with its aliasing claim's verdict."])
    return lines + [""]


def same_machine(a, b):
    keys = lambda info: (info.get("node"), info.get("cpu", {}).get("brand_raw"), info.get("machine"))
    return keys(a.get("machine_info", {})) == keys(b.get("machine_info", {}))


def benchmark_upgrade_lines(extras, threshold=2.0, floor=5e-6):
    """Conversions whose median moved by more than ``threshold``x, and by more than ``floor`` seconds,
    between bench-numpy1 and bench."""
    benches = extras.get("benchmarks", {})
    old, new = benches.get("bench-numpy1"), benches.get("bench")
    if not old or not new:
        return []
    lines = ["### Conversion timings across the upgrade", ""]
    if not same_machine(old, new):
        return lines + ["`reports/bench-numpy1.json` and `reports/bench.json` come from different machines; "
                        "not compared.", ""]
    before, after = benchmark_table(old), benchmark_table(new)
    moved = []
    for key in sorted(set(before) & set(after)):
        for n in sorted(set(before[key]) & set(after[key])):
            ratio = after[key][n] / before[key][n]
            if (ratio > threshold or ratio < 1 / threshold) and abs(after[key][n] - before[key][n]) > floor:
                moved.append(f"| {key[0]} | {key[1]} | {_size(n)} | {before[key][n] * 1e6:.3g} µs | "
                             f"{after[key][n] * 1e6:.3g} µs | ×{ratio:.2g} |")
    lines.append(f"Medians from `tox -e bench-numpy1` (old) and `tox -e bench` (new) on one machine; listed where "
                 f"the new median is over {threshold:g}× or under 1/{threshold:g}× the old and differs by more than "
                 f"{floor * 1e6:g} µs (below that, timings of a few µs move by 2× with machine noise).")
    lines.append("")
    if not moved:
        return lines + ["No conversion moved that much.", ""]
    return lines + ["| conversion | dtype | size | old | new | new/old |", "|---|---|---|---|---|---|"] + moved + [""]


def transfer_section(extras):
    data = extras.get("benchmarks", {}).get("bench-gpu")
    if not data:
        return []
    lines = ["## Host ↔ device transfers", "", "From `reports/bench-gpu.json` (`tox -e gpu`); each copy is synchronised.",
             "", "| transfer | device | size | median | GB/s | nominal peak GB/s | share of peak |",
             "|---|---|---|---|---|---|---|"]
    for bench in data["benchmarks"]:
        info = bench.get("extra_info", {})
        if "transfer" not in info:
            continue
        gbps = info["nbytes"] / bench["stats"]["median"] / 1e9
        peak = info.get("nominal_peak_gbps")
        share = f"{gbps / peak:.0%}" if peak else "unknown"
        lines.append(f"| {info['transfer']} | {info['device']} | {_size(info['nbytes'])} | "
                     f"{bench['stats']['median'] * 1e6:.3g} µs | {gbps:.3g} | {peak or 'unreadable'} | {share} |")
    return lines + [""]


def _size(n):
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n // scale} {unit}"
    return f"{n} B"


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
    figure.savefig(path, dpi=110)
    plt.close(figure)


def build(directory, output):
    runs, extras = load_reports(directory)
    if not runs:
        raise UnusableInput(f"{directory}: no results files of the current claim catalog (reports/<env>.json); "
                            "run `tox -e tf,torch` first")
    lines = ["# Interop conformance report", "",
             "Generated by `python -m conformance.report` from `reports/*.json`; do not edit by hand. "
             "Every verdict below was observed by running the frameworks.", ""]
    if extras.get("stale"):
        lines += [f"Left out, written by another version of the claim catalog: {', '.join(extras['stale'])}. "
                  "Rerun their envs to include them.", ""]
    for section in (environment_section(runs), summary_section(runs), matrix_section(runs),
                    refuted_section(runs), measured_section(runs), unverified_section(runs),
                    upgrade_section(runs, extras), mutation_section(extras), flake_section(extras),
                    benchmark_section(extras, runs, Path(output).parent), transfer_section(extras)):
        lines += section
    Path(output).write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return runs


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m conformance.report", description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default=str(ROOT / "reports"), help="folder of results files")
    parser.add_argument("--output", default=str(ROOT / "REPORT.md"))
    args = parser.parse_args(argv)
    try:
        runs = build(args.reports, args.output)
    except UnusableInput as exc:
        print(f"report: {exc}", file=sys.stderr)
        return 2
    print(f"report: wrote {args.output} from {len(runs)} env(s): {', '.join(runs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
