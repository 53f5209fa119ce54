"""Running the conformance tests in-process, several times, and reading what each run observed."""

import contextlib
import io
import tempfile
from pathlib import Path

import pytest

from conformance.results import load_results

CONFORMANCE_DIR = Path(__file__).parent


def run_claims(*options, quiet=True):
    """One pytest session over conformance/ with ``options``; returns its results document."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "results.json"
        args = [str(CONFORMANCE_DIR), "-q", "-p", "no:cacheprovider", "--baseline", "none",
                "--results", str(path), *options]
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink) if quiet else contextlib.nullcontext():
            code = pytest.main(args)
        if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or not path.exists():
            raise RuntimeError(f"pytest {' '.join(args)} exited {int(code)}:\n{sink.getvalue()[-2000:]}")
        return load_results(path)
