"""Builders for the selftests: synthetic results files of the current catalog, and in-process conformance runs."""

import contextlib
import copy
import io
import json
from pathlib import Path

import pytest

from conformance.claims import CLAIMS
from conformance.engine.results import SCHEMA, catalog_digest

ROOT = Path(__file__).resolve().parent.parent
MACHINE = {"cpu": "Test CPU", "cores": 2, "arch": "x86_64", "system": "Linux"}


def results(env="tf", verdicts=None, *, numpy="2.4.6", machine=None, complete=True, faults=(), **observed) -> dict:
    """A results document where every claim holds unless ``verdicts`` says otherwise."""
    verdicts = verdicts or {}
    claims = []
    for claim_id, claim in CLAIMS.items():
        verdict = verdicts.get(claim_id, "holds")
        entry = {"id": claim_id, "statement": claim.statement, "source": claim.source, "verdict": verdict,
                 "examples": 5}
        if verdict in ("refuted", "error", "inconclusive"):
            entry["observed"] = observed.get(claim_id, f"observed in {env}")
        if verdict == "skipped":
            entry["reason"] = "no CUDA device"
        claims.append(entry)
    return {"schema": SCHEMA, "catalog": catalog_digest(),
            "run": {"complete": complete, "faults": list(faults), "selection": [], "stopped": None},
            "environment": {"env": env, "numpy": numpy, "torch": "2.13.0", "tensorflow": "2.21.0", "jax": "0.10.2",
                            "machine": machine or MACHINE},
            "claims": claims, "conversions": []}


def write(directory: Path, name: str, data) -> str:
    path = Path(directory) / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def entry(document: dict, claim_id: str) -> dict:
    return next(e for e in document["claims"] if e["id"] == claim_id)


def changed(document: dict, claim_id: str, **fields) -> dict:
    document = copy.deepcopy(document)
    entry(document, claim_id).update(fields)
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
