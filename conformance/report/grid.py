"""The verdict grid: every claim against every (framework, device kind), coloured by the verdict of the claim's
cases there; drawn byte for byte the same from the same results."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from conformance.claims import CLAIMS
from conformance.report.findings import by_framework
from conformance.results.model import Run

PICTURE = "REPORT_verdicts.png"
COLOURS = {"holds": "#4caf50", "refuted": "#e53935", "error": "#6a1b9a", "inconclusive": "#fbc02d",
           "skipped": "#d9d9d9"}
NO_CASE = "#ffffff"


def colour(verdict: str | None) -> str:
    """A grid cell's colour: its verdict's, NO_CASE where the claim has no case there."""
    return NO_CASE if verdict is None else COLOURS.get(verdict, NO_CASE)


def grid_section(runs: Mapping[str, Run], output_dir: Path) -> list[str]:
    table = by_framework(runs)
    columns = [(key, kind) for key, kinds in table.items() for kind in kinds]
    cells = {(claim_id, column): table[column[0]][column[1]][claim_id].verdict
             for column in columns for claim_id in table[column[0]][column[1]]}
    draw(list(CLAIMS), columns, cells, Path(output_dir) / PICTURE)
    return ["## Verdict grid", "",
            "Every claim (rows, in catalog order) on every framework and kind of device (columns), coloured by the "
            "most severe verdict of the claim's cases there: green holds, red refuted, purple error, yellow "
            "inconclusive, grey not run; white where the claim has no case. Click a claim in [the claims "
            "table](#claims) for its detail.", "", f"![claims × (framework, device), coloured by verdict]({PICTURE})",
            ""]


def draw(rows: list[str], columns: list[tuple[str, str]], cells: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Patch

    image = [[to_rgb(colour(cells.get((claim_id, column)))) for column in columns] for claim_id in rows]
    with matplotlib.rc_context({"font.size": 7, "svg.hashsalt": "interop-report", "path.simplify": False}):
        figure, axis = plt.subplots(figsize=(4 + 0.45 * len(columns), 1.8 + 0.13 * len(rows)))
        axis.imshow(image, aspect="auto", interpolation="nearest")
        axis.set_xticks(range(len(columns)), [f"{key}\n{kind}" for key, kind in columns], rotation=90)
        axis.set_yticks(range(len(rows)), rows, fontsize=6)
        axis.xaxis.tick_top()
        axis.set_xticks([i - 0.5 for i in range(1, len(columns))], minor=True)
        axis.set_yticks([i - 0.5 for i in range(1, len(rows))], minor=True)
        axis.grid(which="minor", color="white", linewidth=0.6)
        axis.tick_params(which="minor", length=0)
        for i in range(1, len(columns)):
            if columns[i][0] != columns[i - 1][0]:
                axis.axvline(i - 0.5, color="black", linewidth=1.2)
        handles = [Patch(facecolor=colour, edgecolor="#999999", label="not run" if label == "skipped" else label)
                   for label, colour in
                   [*COLOURS.items(), ("no case", NO_CASE)]]
        figure.legend(handles=handles, loc="lower center", ncol=6, frameon=False)
        figure.tight_layout(rect=(0, 0.02, 1, 1))
        figure.savefig(path, dpi=100, metadata={"Software": None})
        plt.close(figure)
