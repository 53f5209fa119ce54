"""Builders for the selftests: synthetic results files of the current catalog, and in-process conformance runs."""

import contextlib
import copy
import io
import json
import shutil
from pathlib import Path

import pytest

from conformance.claims import CLAIMS
from conformance.results.io import catalog_digest
from conformance.results.model import SCHEMA, Run
from conformance.verdicts import Verdict

ROOT = Path(__file__).resolve().parent.parent
MACHINE = {"cpu": "Test CPU", "cores": 2, "arch": "x86_64", "system": "Linux"}
OUTCOME = {"holds": "holds", "refuted": "raises ValueError", "skipped": "skipped", "error": "error TypeError",
           "inconclusive": "inconclusive"}


def case(dims: dict, verdict: str = "holds", outcome: str | None = None, **extra) -> dict:
    return {"dims": dims, "verdict": verdict, "outcome": outcome or OUTCOME[verdict], **extra}


def results(env="tf", verdicts=None, *, numpy="2.4.6", machine=None, complete=True, faults=(), cases=None,
            **observed) -> dict:
    """A results document where every claim holds unless ``verdicts`` says otherwise. Each claim has two cases,
    ``int8-cpu`` and ``float32-cpu``, both with the claim's verdict, unless ``cases`` gives a claim its own."""
    verdicts, cases = verdicts or {}, cases or {}
    claims = []
    for claim_id, claim in CLAIMS.items():
        verdict = verdicts.get(claim_id, "holds")
        entry = {"id": claim_id, "statement": claim.statement, "source": claim.source, "verdict": verdict,
                 "examples": 5,
                 "cases": cases.get(claim_id) or {f"{d}-cpu": case({"dtype": d, "device": "cpu"}, verdict)
                                                  for d in ("int8", "float32")}}
        if verdict in ("refuted", "error", "inconclusive"):
            entry["observed"] = observed.get(claim_id, f"observed in {env}")
        if verdict == "skipped":
            entry["reason"] = "no CUDA device"
            for c in entry["cases"].values():
                c["reason"] = "no CUDA device"
        claims.append(entry)
    return {"schema": SCHEMA, "catalog": catalog_digest(),
            "run": {"complete": complete, "faults": list(faults), "selection": [], "stopped": None},
            "environment": {"env": env, "numpy": numpy, "torch": "2.13.0", "tensorflow": "2.21.0", "jax": "0.10.2",
                            "array_api_strict": "2.6", "cupy": None, "machine": machine or MACHINE},
            "claims": claims, "conversions": []}


def run_of(document: dict, where: str = "test") -> Run:
    """A results document as the typed run every tool reads (validated, as ``load_run`` validates a file)."""
    return Run.from_json(where, document, frozenset(CLAIMS))


def write(directory: Path, name: str, data) -> str:
    path = Path(directory) / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def entry(document: dict, claim_id: str) -> dict:
    return next(e for e in document["claims"] if e["id"] == claim_id)


def changed(document: dict, claim_id: str, **fields) -> dict:
    """A copy of ``document`` with ``fields`` set on the claim; a new verdict also becomes every case's verdict
    (with its default outcome class) unless ``cases`` is given."""
    document = copy.deepcopy(document)
    target = entry(document, claim_id)
    target.update(fields)
    if "verdict" in fields and "cases" not in fields:
        for c in target["cases"].values():
            c.update(verdict=fields["verdict"], outcome=OUTCOME.get(fields["verdict"], fields["verdict"]))
    return document


def with_case(document: dict, claim_id: str, case_id: str, verdict: str, outcome: str | None = None) -> dict:
    """A copy of ``document`` where one case of the claim has another outcome (the claim's verdict follows)."""
    document = copy.deepcopy(document)
    target = entry(document, claim_id)
    target["cases"][case_id].update(verdict=verdict, outcome=outcome or OUTCOME[verdict])
    target["verdict"] = max((c["verdict"] for c in target["cases"].values()), key=lambda v: Verdict(v).severity)
    return document


def run_conformance(tmp_path: Path, *options: str, paths=("conformance",), results=True):
    """One pytest session over the conformance tests, in this process; returns (exit code, output, results or None)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    target = tmp_path / "results.json"
    args = [str(ROOT / p) for p in paths] + ["-q", "-p", "no:cacheprovider", "-p", "no:unraisableexception",
                                              "--hypothesis-profile=ci", "--rootdir", str(ROOT), *options]
    if results:
        args += ["--results", str(target)]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = int(pytest.main(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    data = json.loads(target.read_text()) if target.exists() else None
    return code, out.getvalue(), data


def copy_of_suite(tmp_path: Path) -> Path:
    """A copy of the suite (without baselines) that a subprocess imports first through PYTHONPATH."""
    tree = tmp_path / "suite"
    for name in ("conformance", "strategies"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__", "baselines"))
    for name in ("conftest.py", "pytest.ini"):
        shutil.copy(ROOT / name, tree / name)
    return tree
