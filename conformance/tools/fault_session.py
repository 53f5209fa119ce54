"""The mutation run's faults, planted one conformance run each: in this process, or shared among pytest-xdist workers.

``planted_rows(before, profile, workers)`` returns, for every fault that can run here, one row per claim it targets:
whether any of the claim's cases changed outcome class (or its verdict changed). With ``workers`` above 1 the faults
are the items of a pytest session (``conformance/tools/fault_items.py``, this module as its plugin) that
pytest-xdist distributes; each item plants its fault in a conformance run of its own, in its worker, and hands its
rows back to this process as a user property of its report.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import cast

import pytest

from conformance.host import Environment
from conformance.faults import FAULTS
from conformance.ids import ClaimId
from conformance.results.io import load_run
from conformance.results.model import ClaimResult, Run
from conformance.tools.runs import RunFailed, run_claims

ITEMS = Path(__file__).resolve().with_name("fault_items.py")
ROWS = "mutation_rows"  # the user property that carries an item's rows to the controller


def runnable(fault, before: Run) -> list[ClaimId]:
    """The claims ``fault`` targets that ran unfaulted, when its framework is installed here; else none."""
    if not Environment().installed(fault.framework):
        return []
    return [t for t in fault.targets if before.claims[t].verdict != "skipped"]


def fault_rows(fault, before: Run, profile: str) -> list[dict]:
    """Plant ``fault`` in a run of the claims it targets; one row per claim: caught when its cases moved."""
    targets = runnable(fault, before)
    if not targets:
        return []
    after = run_claims(f"--hypothesis-profile={profile}", "--plant-fault", fault.name, "--claims", ",".join(targets),
                       topics={fault.topic})
    return [_row(fault, before.claims[claim_id], after.claims[claim_id]) for claim_id in targets]


def _row(fault, before: ClaimResult, after: ClaimResult) -> dict:
    """A fault is caught on a claim when its verdict or any of its cases' outcome classes moved."""
    cases = before.diff(after)
    moved = bool(cases.changed) or before.verdict != after.verdict
    return {"claim": before.id, "fault": fault.name, "description": fault.description,
            "before": before.verdict.value, "after": after.verdict.value, "caught": moved,
            "cases_moved": len(cases.changed_ids), "moved": cases.change_lines()}


def planted_rows(before: Run, profile: str, workers: int = 1) -> list[dict]:
    """Every fault's rows, in the catalog of faults' order."""
    if workers <= 1:
        return [row for fault in FAULTS.values() for row in fault_rows(fault, before, profile)]
    collector = Collector()
    with tempfile.TemporaryDirectory() as scratch:
        unfaulted = Path(scratch) / "unfaulted.json"
        unfaulted.write_text(json.dumps(before.to_json()), encoding="utf-8")
        code = pytest.main([str(ITEMS), "-q", "-p", "no:cacheprovider", "-p", "no:conformance.engine.plugin",
                            "-p", __name__, "--unfaulted", str(unfaulted), "--planting-profile", profile,
                            "-n", str(workers), "--dist", "worksteal"], plugins=[collector])
    if collector.failures or code not in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        raise RunFailed(f"the faults' pytest session exited {int(code)}: "
                        f"{collector.failures[0] if collector.failures else 'see its output above'}")
    return [row for name in FAULTS for row in collector.rows.get(name, [])]


class Collector:
    """In the process that runs the session: each fault's rows, as its item's report brings them."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict]] = {}
        self.failures: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.failures.append(f"{report.nodeid}: {str(report.longrepr).strip().splitlines()[-1]}")
        for name, value in report.user_properties:
            if name == ROWS:
                fault, rows = cast(tuple[str, list[dict]], value)  # as fault_items.py records them
                self.rows[fault] = rows


# The plugin side, in every process of that session (-p conformance.tools.fault_session).
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("planting", "the mutation run's faults")
    group.addoption("--unfaulted", type=Path, help="the unfaulted run's results (JSON) that each fault is diffed with")
    group.addoption("--planting-profile", default="ci", help="the Hypothesis profile of every planted run")


@pytest.fixture(scope="session")
def unfaulted(pytestconfig: pytest.Config) -> Run:
    path = pytestconfig.getoption("unfaulted")
    if path is None:
        pytest.skip("no --unfaulted results: run the faults through `python -m conformance.mutation`")
    return load_run(path)


@pytest.fixture(scope="session")
def planting_profile(pytestconfig: pytest.Config) -> str:
    return pytestconfig.getoption("planting_profile")

