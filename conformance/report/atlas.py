"""The release atlas: per framework, every claim over that framework's releases (the history sets that differ in it
alone), drawn as a grid, with a short table of where each claim's cases changed (first bad, first good)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from conformance.claims import CLAIMS
from conformance.results.diff import diff, severity
from conformance.ids import ClaimId
from conformance.report.grid import NO_CASE, colour
from conformance.report.markdown import cell, table
from conformance.results import Run, lineage
from conformance.report.history import earlier_note
from conformance.upgrade import load_history, series, versions

FRAMEWORKS = (("torch", "torch"), ("jax", "JAX"), ("array_api_strict", "array-api-strict"),
              ("tensorflow", "TensorFlow"))


def atlas_section(directory: Path, output_dir: Path, scripts: dict | None = None) -> list[str]:
    sets, _ = load_history(Path(directory)) if Path(directory).is_dir() else ({}, [])
    lines: list[str] = []
    for package, label in FRAMEWORKS:
        groups = [g for g in series(sets, package) if len(g) > 1]
        if not groups:
            lines += [f"### {label}", "", f"No series of {label} releases in the history yet (`tox -m history`).", ""]
            continue
        # the longest series first, drawn; a shorter one (other releases of the rest, e.g. old torch on NumPy 1.26)
        # after it, with its table of changes alone
        for number, group in enumerate(sorted(groups, key=lambda g: (-len(g), g))):
            picture = Path(output_dir) / f"REPORT_atlas_{package}.png" if number == 0 else None
            lines += ([f"### {label}", ""] if number == 0 else []) + _framework(
                package, label, [sets[n] for n in group], group, picture, scripts or {})
    aside = lineage.set_aside((claim.id, claim.detail("reason")) for run in sets.values() for claim in run)
    return ["## Release atlas", "",
            "Per framework, every claim over its releases: the history sets that differ in that framework alone "
            "(the others at the versions named), so each change has one release to blame. `conformance-upgrade "
            "<framework> <from> <to>` prints the same changes for any two releases it holds.", "",
            *earlier_note(aside)] + lines


def _framework(package: str, label: str, runs: list[Run], names: list[str], picture: Path | None,
               scripts: dict) -> list[str]:
    """One series of ``package``'s releases: its picture (where ``picture`` names one) and the table of its changes."""
    releases = [versions(run)[package] or "?" for run in runs]
    others = ", ".join(f"{k} {v}" for k, v in versions(runs[0]).items() if k != package and v)
    rows = [c for c in map(ClaimId, CLAIMS)
            if any(any(case.decided for case in run.claims[c].cases.values()) for run in runs)]
    if picture is not None:
        _draw(rows, releases, {(c, i): run.claims[c].verdict for i, run in enumerate(runs) for c in rows}, picture)
    changes = []
    for claim_id in rows:
        for i in range(1, len(runs)):
            before = {k: c.to_json() for k, c in runs[i - 1].claims[claim_id].cases.items()}
            after = {k: c.to_json() for k, c in runs[i].claims[claim_id].cases.items()}
            for (old, new), ids in sorted(diff(before, after).changed.items()):
                kind = ("first good" if severity(new) < severity(old) else "first bad" if severity(new) > severity(old)
                        else "changed")  # one failure for another of the same rank (an exception renamed)
                side, outcome = (names[i - 1], old) if kind == "first good" else (names[i], new)
                script = scripts.get((side, claim_id, outcome))
                changes.append([f"`{claim_id}`", f"{releases[i - 1]} → {releases[i]}", kind,
                                cell(f"{old} → {new} ({len(ids)} case{'' if len(ids) == 1 else 's'})"), f"[script]({script})" if script else "—"])
    drawn = [f"![claims × {label} releases, coloured by verdict]({picture.name})", ""] if picture else []
    return [f"{len(releases)} releases ({', '.join(releases)}) with {others or 'nothing else'}; {len(rows)} claims "
            "decided in at least one.", ""] + drawn + (
        table(["claim", "releases", "change", "cases", "reproducer"], changes) if changes
        else ["No claim's cases change across these releases.", ""])


def _draw(rows: Sequence[str], releases: list[str], cells: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgb

    image = [[to_rgb(colour(cells.get((c, i)))) for i in range(len(releases))] for c in rows]
    with matplotlib.rc_context({"font.size": 7, "path.simplify": False}):
        figure, axis = plt.subplots(figsize=(3.5 + 0.45 * len(releases), 1.2 + 0.13 * max(len(rows), 1)))
        axis.imshow(image or [[to_rgb(NO_CASE)]], aspect="auto", interpolation="nearest")
        axis.set_xticks(range(len(releases)), releases, rotation=90)
        axis.set_yticks(range(len(rows)), rows, fontsize=6)
        axis.xaxis.tick_top()
        axis.set_xticks([i - 0.5 for i in range(1, len(releases))], minor=True)
        axis.set_yticks([i - 0.5 for i in range(1, len(rows))], minor=True)
        axis.grid(which="minor", color="white", linewidth=0.6)
        axis.tick_params(which="minor", length=0)
        figure.tight_layout()
        figure.savefig(path, dpi=100, metadata={"Software": None})
        plt.close(figure)
