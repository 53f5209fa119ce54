"""Standalone reproducers: ``python -m conformance.reproduce CLAIM [--case ID] [--out FILE]`` writes one script;
``--all`` writes every one a complete results file calls for, with its issue text, under ``reproducers/<env>/``.

Exit status: 0 on success, 2 on bad input (a one-line error: an unknown claim, a case without a recorded
counterexample, a claim without a recipe, an unusable results file).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from conformance.claims import CLAIMS
from conformance.tools.cli import fail
from conformance.results.conversions import outcome_label
from conformance.results.environment import dispatch_words
from conformance.results.io import catalog_digest, load_run, off_the_pins, read_json, write_json
from conformance.results.model import SCHEMA, ClaimResult, Finding, Run
from conformance.results.verdicts import UnusableInput
from conformance.reproduce import cpus, issue, script
from conformance.reproduce.party import party
from conformance.upstream import known_for

INDEX = "INDEX.json"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def finding_of(entry: ClaimResult, case: str | None) -> Finding:
    findings = entry.findings
    if not findings:
        raise UnusableInput(f"claim {entry.id} has no refuted case in this run ({entry.verdict.value})")
    if case is None:
        return findings[0]
    found = next((f for f in findings if f.case == case), None)
    if found is None:
        recorded = ", ".join(f.case for f in findings)
        raise UnusableInput(f"case {case} of {entry.id} has no recorded counterexample; the recorded ones are: "
                            f"{recorded}")
    return found


def claim_files(entry: ClaimResult, finding: Finding, environment: dict[str, Any], directory: Path,
                others: list[tuple[str, Run]] | None = None) -> dict[str, Any]:
    """A refuted claim's reproducer and issue text (an index entry, with the texts under "text" and "issue_text");
    a crash's text says what the same case did in ``others``, the runs made on other classes of CPU."""
    claim = CLAIMS[entry.id]
    if claim.reproduce is None:
        raise UnusableInput(f"claim {claim.id} has no recipe (Claim.reproduce) to write a reproducer from")
    if not finding.get("inputs"):
        raise UnusableInput(f"claim {claim.id}: case {finding.case} recorded no input to rebuild")
    made = script.claim_reproducer(claim, entry, finding)
    dims = entry.cases[finding.case].dims
    known = known_for(claim.known, dims, finding.outcome)
    frameworks = ((known.act,) if known is not None and known.act else
                  (dims["consumer"],) if dims.get("consumer") else claim.frameworks)
    name = f"{slug(claim.id)}__{slug(finding.outcome)}"
    cpu = _cpu_lines(others, finding.outcome, environment,
                     lambda runs: cpus.claim_case(runs, entry.id, finding.case))
    return {"claim": claim.id, "outcome": finding.outcome, "case": finding.case, "script": f"{name}.py",
            "issue": f"{name}.md", "title": made.title, "must_act": party(claim, finding.outcome, frameworks).kind,
            "text": made.text, "issue_text": issue.claim_issue(claim, entry, finding, environment, made,
                                                               f"{directory.name}/{name}.py", frameworks, known,
                                                               cpu)}


def _cpu_lines(others: list[tuple[str, Run]] | None, outcome: str, environment: dict[str, Any],
               outcomes_in) -> list[str]:
    """What other classes of CPU did with a crash's case (nothing for an outcome that is no crash)."""
    if not others or not outcome.startswith("crashes"):
        return []
    return cpus.lines(outcomes_in(others), outcome, str(environment.get("env")))


def matrix_files(rows: list[dict[str, Any]], environment: dict[str, Any], directory: Path,
                 others: list[tuple[str, Run]] | None = None) -> list[dict[str, Any]]:
    """One reproducer per (path, producer, consumer, device, outcome) of the rows that crash or give wrong values,
    built from its smallest cell (the conversion matrix's rows, as the results file records them)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        label = outcome_label(row)
        if row.get("shape") is not None and ("crashes" in label or "wrong values" in label):
            groups[(row["path"], row["producer"], row["consumer"], row.get("device", "cpu"), label)].append(row)
    found = []
    for (path, producer, consumer, device, label), members in sorted(groups.items()):
        row = min(members, key=lambda r: (r["nbytes"][0], r["dtype"], r["layout"]))
        made = script.matrix_reproducer(row, label)
        name = f"matrix__{producer}-to-{consumer}__{slug(path)}__{slug(label)}" + ("" if device == "cpu"
                                                                                  else f"__{slug(device)}")
        cells = sorted(f"{r['dtype']}@{r['layout']}" for r in members)
        found.append({"claim": f"matrix: {path} ({producer} → {consumer})", "outcome": label,
                     "case": f"{row['dtype']}-{row['layout']}-{row['size']}", "script": f"{name}.py",
                     "issue": f"{name}.md", "title": made.title,
                     "must_act": party(None, label, (getattr(issue.path_known(row, label), "act", "") or consumer,)).kind,
                     "text": made.text,
                     "issue_text": issue.matrix_issue(row, environment, label, made, f"{directory.name}/{name}.py",
                                                      cells, _cpu_lines(others, label, environment,
                                                                        lambda runs: cpus.matrix_cell(runs, row)))})
    return found


def load(path: Path) -> Run:
    """A results file to write reproducers from. One of another catalog version (a domain since widened) serves as
    long as it is complete and every claim it refutes is still in the catalog with the same statement: a reproducer
    needs only the claim's sentence, its recipe and the recorded case."""
    data = read_json(path)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or data.get("catalog") == catalog_digest():
        return load_run(path)  # the current catalog's, or the one-line error of a file that is not a results file
    run = Run.from_json(str(path), data)  # claims the catalog has since dropped are allowed
    changed = [c.id for c in run if c.findings and (c.id not in CLAIMS or CLAIMS[c.id].statement != c.detail(
        "statement"))]
    if changed or not run.complete:
        return load_run(path)  # its own error: another catalog's sentences, or a partial run
    return run


def cpu_of(results: Run) -> list[str]:
    return list((results.environment.get("machine") or {}).get("features") or [])


def write_all(results_paths: list[Path], root: Path, cpu: bool = False, only: frozenset[str] = frozenset(),
              cpu_runs: Path | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every reproducer the complete results files call for, under root/<env>/; the index is updated. With ``cpu``
    (a run made to show what one class of CPU does), only its crashes, under root/<env>-cpu-<features>/, each entry
    naming the CPU features it was recorded on: a crash can depend on them (README: Outcomes that depend on the CPU)."""
    index_path = root / INDEX
    index = read_index(index_path)
    written: list[dict[str, Any]] = []
    missing: list[dict[str, Any]] = []
    for results_path in results_paths:
        results = load(results_path)
        if not results.complete:
            raise UnusableInput(f"{results_path}: a partial run; reproducers are written from complete runs only")
        env = results.environment["env"]
        features = cpu_of(results) if cpu else None
        if cpu and not features:
            raise UnusableInput(f"{results_path}: records no CPU features (environment.machine.features)")
        if cpu and dispatch_words(results.environment.get("machine")):
            raise UnusableInput(f"{results_path}: made with {', '.join(dispatch_words(results.environment['machine']))}"
                                "; --cpu writes the crashes of a class of CPU, and its scripts set no variable")
        directory = root / (f"{env}-cpu-{'-'.join(features)}" if features else env)
        others = cpus.runs_like(results.environment, cpu_runs) if cpu_runs is not None and not cpu else []
        made = []
        for entry in results:
            for finding in entry.findings if not only or entry.id in only else ():
                if cpu and not finding.outcome.startswith("crashes"):
                    continue
                try:
                    made.append(claim_files(entry, finding, results.environment, directory, others))
                except UnusableInput as exc:
                    missing.append({"env": env, "claim": entry.id, "outcome": finding.outcome, "why": str(exc)})
        made += [m for m in matrix_files(results.get("conversions", []), results.environment, directory, others)
                 if not only and (not cpu or m["outcome"].startswith("crashes"))]
        if features:
            for item in made:
                item["cpu"] = features
                item["issue_text"] += (f"\n**CPU:** recorded on a CPU with these features: {', '.join(features)}. A crash "
                                       "can depend on the CPU's features; on another class of CPU this script may run "
                                       "to its end.\n")
        if directory.exists():
            for old in list(directory.glob("*.py")) + list(directory.glob("*.md")):
                old.unlink()
        directory.mkdir(parents=True, exist_ok=True)
        for item in made:
            (directory / item["script"]).write_text(item.pop("text"), encoding="utf-8")
            (directory / item["issue"]).write_text(item.pop("issue_text"), encoding="utf-8")
            item.update(env=env, script=f"{directory.name}/{item['script']}", issue=f"{directory.name}/{item['issue']}")
        index["reproducers"] = [i for i in index["reproducers"] if (i["env"], i.get("cpu")) != (env, features)] + made
        if not cpu:
            index["missing"] = [m for m in index["missing"] if m["env"] != env] + [m for m in missing if m["env"] == env]
        written += made
    index["reproducers"].sort(key=lambda i: (i["env"], i["script"]))
    write_json(index_path, index)
    return written, missing


def read_index(path: Path) -> dict[str, Any]:
    """The reproducer index (INDEX.json): its entries stay plain data, as written."""
    if not path.exists():
        return {"reproducers": [], "missing": []}
    data = read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("reproducers"), list):
        raise UnusableInput(f"{path}: not a reproducer index")
    return {"reproducers": data["reproducers"], "missing": data.get("missing", [])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.reproduce", description=__doc__.splitlines()[0])
    parser.add_argument("claim", nargs="?", help="a refuted claim's id")
    parser.add_argument("--case", help="the case whose recorded counterexample to rebuild (default: the claim's "
                        "first finding)")
    parser.add_argument("--out", type=Path, help="where to write the script (default: print it)")
    parser.add_argument("--results", type=Path, action="append", default=[],
                        help="results files to read (default: every reports/*.json here)")
    parser.add_argument("--all", action="store_true", help="write every reproducer of the results files, with "
                        "their issue texts, under --dir/<env>/ and update --dir/INDEX.json")
    parser.add_argument("--dir", type=Path, default=Path("reproducers"), help="default: reproducers/ here")
    parser.add_argument("--claim", dest="only", action="append", default=[], help="with --all: only this claim's "
                        "findings (repeat it; the release atlas writes the failing side of each change this way)")
    parser.add_argument("--cpu-runs", type=Path, default=Path("reports/cpu"), help="with --all: the runs made on "
                        "other classes of CPU; a crash's issue text says what the same case did there (default: "
                        "reports/cpu/ here)")
    parser.add_argument("--cpu", action="store_true", help="with --all: a run made to show one class of CPU (e.g. "
                        "under qemu -cpu SandyBridge): only its crashes, under --dir/<env>-cpu-<features>/")
    args = parser.parse_args(argv)
    try:
        paths = args.results or sorted(Path("reports").glob("*.json"))
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise UnusableInput(f"--results {missing[0]}: no such file")
        if args.all:
            moved = [(p, off_the_pins(load(p).environment)) for p in paths]
            moved = [(p, why) for p, why in moved if why]
            if moved and args.dir.name == "reproducers":  # the committed folder: an upgrade run writes beside it
                args.dir = args.dir.parent / "reports" / "scratch" / "reproducers"
                print(f"reproduce: {moved[0][0]} was run on other versions than its shipped baseline's ({moved[0][1]}): "
                      f"its reproducers go to {args.dir}/; the committed ones in reproducers/ are the pinned versions'")
            written, not_written = write_all(paths, args.dir, args.cpu, frozenset(args.only), args.cpu_runs)
            print(f"reproduce: {len(written)} reproducer(s) under {args.dir}/; {len(not_written)} finding(s) without "
                  "one" + "".join(f"\n  {m['claim']} ({m['outcome']}): {m['why']}" for m in not_written))
            return 0
        if args.claim is None:
            raise UnusableInput("name a claim (or pass --all)")
        if args.claim not in CLAIMS:
            raise UnusableInput(f"unknown claim {args.claim!r}")
        return _one(args, paths)
    except UnusableInput as exc:
        return fail("reproduce", exc)


def _one(args: argparse.Namespace, paths: list[Path]) -> int:
    for path in paths:
        results = load(path)
        entry = results.claims.get(args.claim)
        if entry is not None and entry.findings:
            made = claim_files(entry, finding_of(entry, args.case), results.environment,
                               args.out.parent if args.out else Path("."))
            if args.out:
                args.out.write_text(made["text"], encoding="utf-8")
                print(f"reproduce: wrote {args.out} ({made['outcome']}, case {made['case']})")
            else:
                sys.stdout.write(made["text"])
            return 0
    raise UnusableInput(f"claim {args.claim} is refuted in none of {', '.join(map(str, paths))}")


if __name__ == "__main__":
    sys.exit(main())
