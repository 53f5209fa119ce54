"""Verdict diff between two results files: ``python -m conformance.compare OLD NEW``.

OLD and NEW are results files; either may be several files joined with "+",
merged claim by claim (a verdict that ran wins over a skip). Exit status: 0 when
no verdict flipped, 1 when one did, 2 on unusable input. With ``--strict``,
coverage changes (to or from skipped) count as flips too.
"""

import argparse
import sys

from conformance.results import (UnusableInput, diff, entries_of, merge_results, observation,
                                 observation_changes, verdicts_of)

VERSION_KEYS = ("numpy", "torch", "tensorflow")


def load_side(spec):
    return merge_results(spec.split("+"))


def changes_between(old, new):
    if old["catalog"] != new["catalog"]:
        raise UnusableInput("the two sides come from different claim catalogs "
                            f"({old['catalog']} vs {new['catalog']}): rerun both with one version of the suite")
    return diff(verdicts_of(old), verdicts_of(new), entries_of(old), entries_of(new))


def versions(results):
    env = results["environment"]
    return ", ".join(f"{k} {env.get(k) or '-'}" for k in VERSION_KEYS)


def describe_changes(old, new, changes):
    """Plain-text lines for a terminal."""
    lines = [f"old: {old['environment'].get('env')}: {versions(old)}",
             f"new: {new['environment'].get('env')}: {versions(new)}"]
    flips = [c for c in changes if c.is_flip]
    coverage = [c for c in changes if not c.is_flip]
    observed = observation_changes(entries_of(old), entries_of(new))
    lines.append(f"{len(flips)} verdict flip(s), {len(coverage)} coverage change(s), "
                 f"{len(observed)} same verdict with a different exception")
    for title, group in (("flips", flips), ("coverage changes", coverage),
                         ("same verdict, different exception", observed)):
        if group:
            lines.append(f"{title}:")
        for change in group:
            lines.append(f"  {change.id}: {change.old} -> {change.new}")
            lines.append(f"    old: {observation(change.old_entry)}")
            lines.append(f"    new: {observation(change.new_entry)}")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m conformance.compare", description=__doc__.splitlines()[0])
    parser.add_argument("old", help="results file(s) before the upgrade, joined with '+'")
    parser.add_argument("new", help="results file(s) after the upgrade, joined with '+'")
    parser.add_argument("--strict", action="store_true", help="count changes to or from skipped as flips")
    args = parser.parse_args(argv)
    try:
        old, new = load_side(args.old), load_side(args.new)
        changes = changes_between(old, new)
    except UnusableInput as exc:
        print(f"compare: {exc}", file=sys.stderr)
        return 2
    print("\n".join(describe_changes(old, new, changes)))
    counted = changes if args.strict else [c for c in changes if c.is_flip]
    return 1 if counted else 0


if __name__ == "__main__":
    sys.exit(main())
