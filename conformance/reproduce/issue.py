"""The issue-ready text beside each reproducer, written to whoever must act on it (see ``party``).

Title, who must act and why, the versions of python and of what the script imports, the documented sentence (the
framework's own where one exists, quoted, with its link), what was observed in words, the script, and the upstream
issues and fixes; for a crash, what the same case did on the other classes of CPU the suite has runs from
(``cpus``). Nothing in it depends on the machine that ran the suite (no kernel, CPU, paths or addresses).
"""

from __future__ import annotations

import re
from typing import Any

from conformance.claims import Claim
from conformance.claims._sources import seed_of
from conformance.results.compress import summary
from conformance.frameworks import FRAMEWORKS, ConversionPath
from conformance.reproduce.checks import exit_code
from conformance.reproduce.party import Party, label, party
from conformance.reproduce.script import Script, versions_line
from conformance.results.model import ClaimResult, Finding
from conformance.upstream import SEARCHED_ON, Upstream, known_for

MATRIX_DOCS = ("[DLPack Python specification](https://dmlc.github.io/dlpack/latest/python_spec.html), "
               "[array API data interchange](https://data-apis.org/array-api/latest/design_topics/data_interchange.html)")


def _link(source: str) -> str:
    url = re.search(r"https?://\S+?(?=[;)\s]|$)", source)
    return f"[{source}]({url.group(0)})" if url else source


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.splitlines()] + [""]


def documented(claim: Claim, who: Party) -> list[str]:
    """The sentence at stake: the tutorial's (with where to find it) and the framework's own, or the docs' own."""
    seed = seed_of(claim.source)
    lines = []
    if seed:
        section = claim.source[len(f"seed {seed.reference}"):].lstrip(", ") or "the whole text"
        lines += [f"**The tutorial** («{seed.title}», {seed.what}; "
                  f"{f'[link]({seed.url})' if seed.url else f'no address on the web; its text: `{seed.path}` in this suite'}), "
                  f"{section}:", ""]
        lines += _quote(claim.quote) if claim.quote else ["(no sentence of its own: the suite applies it here)", ""]
    else:
        lines += [f"**Documented** ({_link(claim.source)}):", ""] + (_quote(claim.quote) if claim.quote else [])
    said = claim.framework_says
    if said is not None:
        lines += [f"**{label(claim.frameworks)}'s own documentation** "
                  f"([{said.url}]({said.url})):", "", *_quote(said.quote)]
    if who.kind == "docs":
        lines += [f"**What the documentation must say:** {claim.docs_gap}", ""]
    return lines


def upstream(links: tuple[str, ...], fixed_in: str, who: Party, known: Upstream | None = None) -> list[str]:
    """What upstream knows: the entry about this very failure (``known``) where there is one, else the claim's (or
    the path's) links. A finding never reads "looks new" unless a search for it is recorded."""
    if known is not None:
        links, fixed_in = known.links, known.fixed_in
    if not links and who.kind == "third party":
        return ["**Upstream:** nothing to file with the framework: it behaves as its own documentation says.", ""]
    note = [f"**Found instead:** {known.note}."] if known is not None and known.note else []
    if not links and known is not None and known.searched:
        return [f"**Upstream:** nothing matching found ({known.searched}, on {known.searched_on or SEARCHED_ON}); "
                "this looks new.",
                *note, *([f"**Fixed in:** {fixed_in}."] if fixed_in else []), ""]
    if not links and not fixed_in:
        return ["**Upstream:** not searched yet for this failure.", ""]
    lines = ["**Upstream:** " + "; ".join(links) + "."] if links else []
    return lines + note + ([f"**Fixed in:** {fixed_in}."] if fixed_in else []) + [""]


def claim_issue(claim: Claim, entry: ClaimResult, finding: Finding, environment: dict[str, Any], made: Script,
                path: str, frameworks: tuple[str, ...], known: Upstream | None = None,
                cpu: list[str] | None = None) -> str:
    who = party(claim, finding.outcome, frameworks)
    cases = {case_id: case.to_json() for case_id, case in entry.cases.items()}  # as results.compress reads them
    lines = [f"# {made.title}", "", f"**Who must act:** {who.heading}: {who.why}.", "",
             f"**Versions:** {versions_line(environment, made.modules)}", "", *documented(claim, who),
             f"**Expected:** {made.expected}. The suite checks this as `{claim.id}`: {claim.statement}.", "",
             f"**Observed:** {made.title} ({finding.outcome}), in {finding.cases} case(s) like this one "
             f"({finding.case}). Over the claim's whole domain: {summary(cases)}.", "", *(cpu or []),
             *_reproduce(made, path), *upstream(claim.upstream, claim.fixed_in, who, known)]
    return "\n".join(lines)


def _reproduce(made: Script, path: str) -> list[str]:
    ends = (f"is killed by {made.crash}, exit status {exit_code(made.crash)}, while the crash reproduces; 0 once "
            "fixed" if made.crash else "exits 1 while the documented behaviour fails, 0 once it holds")
    return [f"**Reproduce** (`{path}`; it {ends}):", "", "```python", made.text.rstrip(), "```", ""]


def matrix_issue(row: dict[str, Any], environment: dict[str, Any], outcome: str, made: Script, path: str,
                 cells: list[str], cpu: list[str] | None = None) -> str:
    known = path_known(row, outcome)
    conversion = _path_of(row)
    who = party(None, outcome, (known.act if known is not None and known.act else row["consumer"],))
    lines = [f"# {made.title}", "", f"**Who must act:** {who.heading}: {who.why}.", "",
             f"**Versions:** {versions_line(environment, made.modules)}", "",
             f"**Documented** ({MATRIX_DOCS}): a conversion gives the array's values, zero-copy where possible and "
             "copying where it must.", "",
             f"**Observed:** {made.title} ({outcome}). Cells of the conversion matrix with this outcome: "
             f"{', '.join(cells)}.", "", *(cpu or []), *_reproduce(made, path),
             *upstream(conversion.upstream if conversion else (), "", who, known)]
    return "\n".join(lines)


def _path_of(row: dict[str, Any]) -> ConversionPath | None:
    """The conversion path's registry entry (frameworks/<consumer>.py), with its upstream links."""
    return next((p for fw in FRAMEWORKS.values() for p in fw.paths
                 if (p.name, p.consumer) == (row["path"], row["consumer"])), None)


def path_known(row: dict[str, Any], outcome: str) -> Upstream | None:
    """What upstream knows of this failure of the path: the first of its ``known`` entries that matches the row."""
    path = _path_of(row)
    dims = {key: row.get(key) for key in ("producer", "consumer", "dtype", "layout", "size", "device")}
    return known_for(path.known, dims, outcome) if path is not None else None
