"""The issue-ready text beside each reproducer: title, versions, the script, observed against documented, upstream."""

from __future__ import annotations

import re

from conformance.claims import Claim
from conformance.engine.compress import summary
from conformance.reproduce.script import versions_line


def _link(source: str) -> str:
    url = re.search(r"https?://\S+?(?=[;)\s]|$)", source)
    return f"[{source}]({url.group(0)})" if url else source


def claim_issue(claim: Claim, entry: dict, finding: dict, environment: dict, script: str, path: str) -> str:
    machine = environment.get("machine") or {}
    lines = [f"# {claim.id}: {finding['outcome']}", "",
             f"**Versions:** {versions_line(environment)}; {environment.get('platform', '')}, "
             f"{machine.get('cpu', '?')}", "",
             f"**Documented** ({_link(claim.source)}):", ""]
    lines += [f"> {claim.quote}", ""] if claim.quote else []
    lines += [f"The conformance suite checks this as `{claim.id}`: {claim.statement}.", "",
              f"**Observed:** {finding.get('observed') or finding['outcome']}", "",
              f"This is {finding['cases']} case(s) with the same outcome ({finding['outcome']}). Over the claim's "
              f"whole domain: {summary(entry.get('cases', {}))}.", "",
              f"**Reproduce** (`{path}`: plain Python with NumPy and the frameworks it imports; exits 1 while the "
              "documented behaviour fails, 0 once it holds):", "", "```python", script.rstrip(), "```", ""]
    lines += (["**Related upstream:** " + ", ".join(claim.upstream), ""] if claim.upstream
              else ["**Related upstream:** none recorded in the suite's catalog.", ""])
    return "\n".join(lines)


def matrix_issue(row: dict, environment: dict, outcome: str, script: str, path: str, cells: list[str]) -> str:
    lines = [f"# `{row['path']}` of a {row['producer']} array: {outcome}", "",
             f"**Versions:** {versions_line(environment)}; {environment.get('platform', '')}", "",
             "**Documented** ([DLPack Python specification](https://dmlc.github.io/dlpack/latest/python_spec.html), "
             "[array API data interchange](https://data-apis.org/array-api/latest/design_topics/data_interchange.html)"
             "): a conversion gives the array's values, zero-copy where possible and copying where it must.", "",
             f"**Observed:** {outcome}. Cells of the conversion matrix with this outcome: {', '.join(cells)}.", "",
             f"**Reproduce** (`{path}`; exits 1 while it fails, 0 once fixed):", "", "```python", script.rstrip(),
             "```", ""]
    return "\n".join(lines)
