"""What changes between two releases of one framework, answered from the committed verdict history; runs nothing.

    conformance-upgrade torch 2.8 2.15
    conformance-upgrade jax 0.4.30 0.10 --history reports/history

The history's version sets (``reports/history/*.json``) form series: sets that differ only in the framework asked
about. The answer comes from the series that holds both releases (a release ``2.8`` matches 2.8.x, the newest patch
first): for every claim, the cases whose outcome differs between them, each with the first release along the series
where it changed. Where the atlas has no data (a release, or the minor releases in between, never run; a claim
skipped on either side) it says so. Exit 0 with an answer, 2 on bad input or no data for a release asked about.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from conformance import attribution
from conformance.claims import CLAIMS
from conformance.results.diff import diff
from conformance.frameworks import FRAMEWORKS
from conformance.ids import ClaimId
from conformance.results import Run
from conformance.results.environment import VERSION_KEYS
from conformance.results.io import load_run
from conformance.results.verdicts import UnusableInput

ALIASES = {**{fw.key: fw.module_name for fw in FRAMEWORKS.values()},
           **{fw.key.replace("_", "-"): fw.module_name for fw in FRAMEWORKS.values()},
           **{key: key for key in VERSION_KEYS}, "tensorflow-cpu": "tensorflow"}


OWN = {"array_api_strict": "aas", "tensorflow": "tf"}  # the atlas envs' names: hist-torch213, hist-aas26, hist-tf216-...


def package_of(name: str) -> str:
    if name.lower() not in ALIASES:
        raise UnusableInput(f"unknown framework {name!r}; one of: {', '.join(sorted(ALIASES))}")
    return ALIASES[name.lower()]


def versions(run: Run) -> dict[str, str | None]:
    return {key: (run.environment.get(key) or "").split("+")[0] or None for key in VERSION_KEYS}


def _cases(run: Run, claim_id: str) -> dict:
    return {name: case.to_json() for name, case in run.claims[ClaimId(claim_id)].cases.items()}


def _release(version: str | None) -> tuple:
    return attribution._sort_key(version)


def _matches(version: str | None, asked: str) -> bool:
    return version is not None and (version == asked or version.startswith(asked + "."))


def series(sets: dict, package: str) -> list[list[str]]:
    """Groups of set names whose versions differ only in ``package``, each ordered by that package's release."""
    groups: dict[tuple, list[str]] = {}
    for name, run in sets.items():
        have = versions(run)
        if have.get(package):
            groups.setdefault(tuple((k, v) for k, v in have.items() if k != package), []).append(name)
    own = "hist-" + OWN.get(package, package)  # where two envs hold one version set, the framework's own series
    ordered = [sorted(names, key=lambda n: (_release(versions(sets[n])[package]), not n.startswith(own), n))
               for names in groups.values()]
    return [[n for i, n in enumerate(group)  # one set per release: two envs may hold the same version set
             if i == 0 or versions(sets[n])[package] != versions(sets[group[i - 1]])[package]] for group in ordered]


def endpoints(sets: dict, package: str, old: str, new: str) -> tuple[list[str], str, str]:
    """(the series, the set of ``old``, the set of ``new``): the longest series holding both releases."""
    def version(name: str) -> str:
        found = versions(sets[name])[package]
        assert found is not None, "series() holds only the sets that have a version of the package"
        return found

    found = [(group, [n for n in group if _matches(version(n), old)], [n for n in group if _matches(version(n), new)])
             for group in series(sets, package)]
    usable = [(group, a[-1], b[-1]) for group, a, b in found if a and b]
    if not usable:
        have = sorted({version(n) for group in series(sets, package) for n in group}, key=_release)
        missing = [v for v in (old, new) if not any(_matches(h, v) for h in have)]
        what = (f"no data for {package} {' and '.join(missing)}" if missing else
                f"no series holds {package} {old} and {new} with the other packages equal")
        raise UnusableInput(f"the atlas has {what} (it has {package} {', '.join(have) or 'nothing'}); run the "
                            "release's history env (`tox -m history`, README: Verdict history)")
    return max(usable, key=lambda u: len(u[0]))


def answer(sets: dict, package: str, old: str, new: str) -> list[str]:
    group, a, b = endpoints(sets, package, old, new)
    if _release(versions(sets[a])[package]) > _release(versions(sets[b])[package]):
        group = group[::-1]
    path = group[group.index(a):group.index(b) + 1]
    label = {n: f"{package} {versions(sets[n])[package]}" for n in path}
    others = ", ".join(f"{k} {v}" for k, v in versions(sets[a]).items() if k != package and v)
    lines = [f"{label[a]} → {label[b]}, with {others or 'nothing else'} (history sets: {', '.join(path)})"]
    lines += _gaps(path, sets, package)
    changed, no_data = [], []
    for claim_id in CLAIMS:
        if not any(c.decided for c in sets[a].claims[claim_id].cases.values()) or not any(
                c.decided for c in sets[b].claims[claim_id].cases.values()):
            no_data.append(claim_id)
            continue
        cases = diff(_cases(sets[a], claim_id), _cases(sets[b], claim_id))
        if not cases.changed:
            continue
        first = next(n for x, n in zip(path, path[1:])
                     if diff(_cases(sets[x], claim_id), _cases(sets[n], claim_id)).changed)
        changed.append(f"- {claim_id}: {sets[a].claims[claim_id].verdict} → {sets[b].claims[claim_id].verdict} "
                       f"(first change in {label[first]})")
        changed += [f"    {line}" for line in cases.change_lines()]
    decided_claims = len(CLAIMS) - len(no_data)
    lines.append(f"{sum(1 for line in changed if line.startswith('- '))} of the {decided_claims} claims decided on "
                 f"both sides change:" if changed else f"No case of the {decided_claims} claims decided on both sides "
                 "changes outcome.")
    lines += changed
    if no_data:
        lines.append(f"No data on both sides for {len(no_data)} claim(s) (skipped there: another framework, device "
                     f"or scope): {', '.join(no_data[:8])}{' and more' if len(no_data) > 8 else ''}")
    return lines


def _gaps(path: list[str], sets: dict, package: str) -> list[str]:
    """The minor releases between the two asked about that the atlas never ran."""
    minors = [tuple(_release(versions(sets[n])[package])[:2]) for n in path]
    low, high = min(minors), max(minors)
    if low[0] != high[0]:
        return []
    missing = [f"{low[0]}.{m}" for m in range(low[1] + 1, high[1]) if (low[0], m) not in minors]
    return [f"No data for {package} {', '.join(missing)} (not in the atlas): a change may have come in any of them."
            ] if missing else []


def load_history(directory: Path) -> tuple[dict, list[str]]:
    sets, left_out = {}, []
    for path in sorted(directory.glob("*.json")):
        try:
            run = load_run(path)
        except UnusableInput as exc:
            left_out.append(str(exc))
            continue
        if run.complete:
            sets[path.stem] = run
    return sets, left_out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="conformance-upgrade", description=__doc__.split("\n\n")[0])
    parser.add_argument("framework", help="torch, tf, jax, array_api_strict, numpy (or the package's name)")
    parser.add_argument("old", help="the release you have, e.g. 2.8 (matches 2.8.x)")
    parser.add_argument("new", help="the release you consider, e.g. 2.15")
    parser.add_argument("--history", type=Path, default=Path("reports") / "history",
                        help="folder of history results (default: reports/history)")
    args = parser.parse_args(argv)
    try:
        package = package_of(args.framework)
        if not args.history.is_dir():
            raise UnusableInput(f"{args.history}: no such folder of history results")
        sets, left_out = load_history(args.history)
        lines = answer(sets, package, args.old, args.new)
    except UnusableInput as exc:
        print(f"conformance-upgrade: {exc}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    if left_out:
        print(f"Left out {len(left_out)} history file(s) it cannot use, e.g. {left_out[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
