"""Running the conformance tests in-process, several times, and reading what each run observed."""

import contextlib
import io
import tempfile
from pathlib import Path

import pytest

from conformance.engine.collection import CONFORMANCE_DIR, TESTS_DIR, test_module
from conformance.results.io import load_run
from conformance.results.model import Run


class RunFailed(Exception):
    """A conformance run that produced no usable results file."""


def run_claims(*options: str, topics: set[str] | None = None, quiet: bool = True) -> Run:
    """One pytest session over the claims of conformance/ (or only the test modules of ``topics``), without the
    conversion matrix's observations; returns its run, as the results model read it."""
    paths = [str(TESTS_DIR / test_module(t)) for t in sorted(topics)] if topics else [str(CONFORMANCE_DIR)]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "results.json"
        args = [*paths, "-q", "-p", "no:cacheprovider", "-p", "no:unraisableexception", "--baseline", "none",
                "-m", "not observation", "--results", str(path), *options]
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink) if quiet else contextlib.nullcontext():
            code = pytest.main(args)
        if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or not path.exists():
            raise RunFailed(f"pytest {' '.join(args)} exited {int(code)}:\n{sink.getvalue()[-2000:]}")
        return load_run(path)
