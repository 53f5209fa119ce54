"""pytest plugin: claim tests -> one outcome per case -> one verdict per claim -> a results file, checked case by case
against the run's baseline. Registered through the ``pytest11`` entry point ``conformance.engine.plugin``.

Hooks only; the rules live in plain-function modules beside it (plan, enumeration, collection, unrunnable, outcomes,
evidence, record, baseline). Every option lives in the plan, kept in ``config.stash``; no environment variables.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import cast

import pytest
from hypothesis import settings

import conformance.profiles  # noqa: F401 - registers the Hypothesis profiles before Hypothesis loads one
from conformance.claims import CLAIMS
from conformance.engine import (collection, containment, distributed, enumeration, evidence, fixtures, outcomes, record,
                                unrunnable)
from conformance.engine.gathered import Gathered
from conformance.host import framework_variables
from conformance.engine.plan import PLAN_KEY, SCOPES, Plan, UsageProblem, make_plan, plan_of

_EXAMPLES = pytest.StashKey[int]()
_RECORDS = pytest.StashKey[list]()
_INDEX = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance")
    add = group.addoption
    add("--run", metavar="NAME", help="this run's name: a complete run writes reports/NAME.json and is checked "
        "against conformance/baselines/NAME.json; without it, a local trial writes reports/scratch/local.json")
    add("--scope", default="all", metavar="SCOPE",
        help="which claims get verdicts: " + "; ".join(f"{k}: {v}" for k, v in SCOPES.items()))
    add("--provides", metavar="KEYS", help="what this run declares it has (framework keys, 'cuda'): one that is "
        "missing is an error, not a skip")
    add("--results", metavar="PATH", help="where to write the results file (default: reports/NAME.json for a "
        "complete run, reports/scratch/NAME.json for any other)")
    add("--claims", metavar="IDS", help="comma-separated claim ids: run only their tests")
    add("--baseline", metavar="NAME|PATH", help="expected outcomes: a shipped baseline's name (torch), a path, or "
        "'none' (default: conformance/baselines/NAME.json for --run NAME, if it exists)")
    add("--update-baseline", action="store_true", help="write this complete run's outcomes as the baseline")
    add("--accept-changes", action="store_true", help="list the cases that changed outcome, but do not fail on them")
    add("--plant-fault", metavar="NAME", action="append", default=[],
        help="plant a fault from conformance/faults/ (self-tests, mutation run)")
    add("--show-refuted", action="store_true",
        help="report refuted cases as failures with Hypothesis's full output")
    add("--shrink", action="store_true", help="add Hypothesis's shrink phase to the profile")
    add("--hide-cuda", action="store_true", help="behave as if no CUDA device were present")
    add("--hide-module", metavar="NAME", action="append", default=[],
        help="behave as if framework module NAME (torch, tensorflow, jax, ...) were not installed")
    add("--containment", default="on", choices=("on", "off"),
        help="on (default): every case runs in a runner process forked from this one and replaced when a framework "
        "kills it, so that a crash is the case's outcome; off: cases run in this process (a crash ends the run)")
    add("--case-timeout", type=float, default=300.0, metavar="SECONDS",
        help="a contained case still running after this long is killed, with the outcome 'times out' (default 300)")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "claim(id): the catalog claim this test checks")
    config.addinivalue_line("markers", "observation: records outcomes of the conversion matrix, without a verdict")
    config.addinivalue_line("markers", "gpu: a case on a CUDA device (skipped with \"no CUDA device\" without one)")
    settings.load_profile("default")
    try:
        plan = make_plan(config)
    except UsageProblem as problem:
        pytest.exit(str(problem), returncode=2)
    config.stash[PLAN_KEY] = plan
    config.pluginmanager.register(fixtures, "conformance-fixtures")
    config.pluginmanager.register(Planting(plan), "conformance-faults")
    gathered = Gathered()
    config.pluginmanager.register(Cases(plan, gathered), "conformance-cases")
    config.pluginmanager.register(Verdicts(plan, gathered), "conformance-verdicts")
    config.pluginmanager.register(unrunnable.SetAside(plan, gathered, _INDEX), "conformance-set-aside")
    if plan.environment.contained and not config.option.collectonly:
        config.pluginmanager.register(containment.Containment(config, config.getoption("case_timeout")),
                                      "conformance-containment")


def pytest_report_header(config: pytest.Config) -> list[str]:
    plan = plan_of(config)
    frameworks = ", ".join(f"{k} {v}" for k, v in plan.environment.versions().items() if v)
    variables = ", ".join(f"{k}={v}" for k, v in framework_variables().items()) or "none set"
    return [f"conformance: run {plan.run_name!r}, scope {plan.scope}, provides "
            f"{', '.join(sorted(plan.environment.provides)) or 'nothing declared'}; {frameworks}",
            f"conformance: framework environment variables: {variables}"]


class Planting:
    """The session's setting: the shrink phase when asked for, and the planted faults, undone at the end."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.monkeypatch = pytest.MonkeyPatch()
        self.cleanups: list = []

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if session.config.getoption("shrink"):
            from hypothesis import Phase

            settings.register_profile("shrinking", settings(settings.default, phases=list(Phase)))
            settings.load_profile("shrinking")
        for fault in self.plan.faults:
            cleanup = fault.plant(self.monkeypatch)
            if cleanup:
                self.cleanups.append(cleanup)

    def pytest_unconfigure(self) -> None:
        self.monkeypatch.undo()
        for cleanup in reversed(self.cleanups):
            cleanup()


class Cases:
    """Claim tests in: their cases enumerated, checked against the run's scope and devices, run in device context."""

    def __init__(self, plan: Plan, gathered: Gathered):
        self.plan = plan
        self.gathered = gathered

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        enumeration.parametrize(metafunc, self.plan.environment)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        module = Path(report.nodeid.split("::")[0])
        if report.failed and module.name.startswith("test_") and module.name in collection.topic_modules():
            self.gathered.failed_modules[module.name] = outcomes.first_lines(report.longreprtext, 1)

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        claim_items = [item for item in items if collection.is_claim_test(item)]
        errors = collection.integrity_errors(claim_items, {Path(str(i.path)).name for i in claim_items},
                                             whole_modules=not any("::" in arg for arg in config.args))
        if errors:
            pytest.exit("; ".join(errors), returncode=2)
        enumeration.mark_gpu_cases(items)
        self.gathered.collected = {collection.claim_id(i) for i in claim_items}  # each names one (checked above)
        if self.plan.claims is not None:
            dropped = [i for i in claim_items if collection.claim_of(i) not in self.plan.claims]
            config.hook.pytest_deselected(items=dropped)
            items[:] = [i for i in items if i not in dropped]
        for index, item in enumerate(items):  # every xdist worker collects the same items in the same order
            item.stash[_INDEX] = index

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.gathered.deselected |= {collection.claim_id(i) for i in items if collection.is_claim_test(i)}

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if collection.is_claim_test(item) or collection.is_observation(item):
            problem = enumeration.setup_problem(item, self.plan)
            if problem is not None:
                reason, is_error = problem
                if is_error:
                    pytest.fail(reason, pytrace=False)
                pytest.skip(reason)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, None, None]:
        handle = getattr(getattr(item, "obj", None), "hypothesis", None)
        original, counter = getattr(handle, "inner_test", None), [0]
        if handle is not None and original is not None:
            handle.inner_test = _counting(original, counter)
        try:
            with evidence.collecting() as records, contextlib.ExitStack() as stack:
                enumeration.device_contexts(item, stack, self.plan.environment)
                return (yield)
        finally:
            if handle is not None and original is not None:
                handle.inner_test = original
            item.stash[_EXAMPLES] = counter[0] if original is not None else 1
            item.stash[_RECORDS] = records + evidence.case_dimensions(enumeration.case_of(item), item.stash[_EXAMPLES])


class Verdicts:
    """Outcomes in (from this process or the xdist workers), verdicts and the results file out."""

    def __init__(self, plan: Plan, gathered: Gathered):
        self.plan = plan
        self.gathered = gathered
        self.summary: list = []

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]):
        """The one report hook: a case's outcome, and a refutation that is a finding shown as an expected failure
        (built without rendering its traceback, which pytest would otherwise do for every refuted case)."""
        outcome, quiet = self._outcome(item, call), False
        saved = call.excinfo
        if outcome and (outcome["verdict"] == "inconclusive" or (
                outcome["verdict"] == "refuted" and self._tolerated(item, outcome))):
            call.excinfo, quiet = None, True
        try:
            report = yield
        finally:
            call.excinfo = saved
        if quiet and outcome and outcome["verdict"] == "refuted":  # quiet only with an outcome
            report.outcome, report.wasxfail = "skipped", f"refuted: {outcome['observed'].splitlines()[0]}"
        elif quiet and outcome:
            report.outcome = "skipped"
            report.longrepr = (str(item.path), item.location[1] or 0, f"inconclusive: {outcome['observed']}")
        if outcome is not None:
            report.conformance = {"claim": collection.claim_of(item), "index": item.stash.get(_INDEX, 0),
                                  "outcome": outcome}
        elif collection.is_observation(item) and call.when == "call":
            report.conformance = {"conversions": [r for name, value in item.user_properties if name == "conversions"
                                                  for r in cast(list, value)]}  # containment records a list
        if distributed.is_worker(item.config) and getattr(report, "conformance", None):
            report.conformance = distributed.wire(report.conformance)
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Gather outcomes where the run concludes: in this process, or in pytest-xdist's controller."""
        found = distributed.unwire(getattr(report, "conformance", None))
        if "outcome" in found:
            self.gathered.tests.setdefault(found["claim"], []).append((found["index"], found["outcome"]))
        self.gathered.conversions += found.get("conversions", [])
        if report.when == "teardown":
            self.gathered.finished.add(report.nodeid)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        sent = distributed.received(node)
        self.gathered.collected |= set(sent["collected"])
        self.gathered.deselected |= set(sent["deselected"])
        self.gathered.failed_modules.update(sent["failed_modules"])
        self.gathered.set_aside += [tuple(entry) for entry in sent.get("set_aside", [])]
        self.gathered.to_run.update({entry[0]: tuple(entry) for entry in sent.get("to_run", [])})
        self.plan.environment.adopt(sent.get("devices", {}))

    def _outcome(self, item: pytest.Item, call: pytest.CallInfo[None]) -> dict | None:
        if not collection.is_claim_test(item):
            return None
        exc = call.excinfo.value if call.excinfo is not None else None
        records = item.stash.get(_RECORDS, []) if call.when == "call" else []
        examples = item.stash.get(_EXAMPLES, 0) if call.when == "call" else 0
        if containment.NOTES in item.stash:  # a crash ended the case: its evidence came through the journal
            records, examples = evidence.from_journal(item.stash[containment.NOTES], enumeration.case_of(item))
        return outcomes.of_item(item, call.when, exc, records, examples)

    def _tolerated(self, item: pytest.Item, outcome: dict) -> bool:
        return self.plan.tolerates_refutation(collection.claim_id(item), outcome["case"], outcome.get("outcome", ""))

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        got = self.gathered
        if distributed.is_worker(session.config):
            distributed.send(session.config, got.collected, got.deselected, got.failed_modules, got.set_aside,
                             self.plan.environment.discovered(), list(got.to_run.values()))
            return
        if not got.collected or session.config.option.collectonly:
            return
        stopped, by_user = record.stop_reason(exitstatus, session)
        stopped = got.account_for_unfinished(stopped, by_user)
        tests = got.in_collection_order()
        run = record.Session(tests, {}, self.plan.faults, self.plan.selection, stopped, got.conversions, got.started)
        run.not_run = collection.not_run_reasons(tests, got.deselected, got.collected, got.failed_modules, stopped)
        compared = {c for c in CLAIMS if c in got.collected and c not in got.deselected}
        self.summary, failed = record.conclude(run, self.plan, compared)
        if failed:
            session.exitstatus = max(int(session.exitstatus), int(pytest.ExitCode.TESTS_FAILED))

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if self.summary:
            terminalreporter.section("claim verdicts")
            for line, markup in self.summary:
                terminalreporter.write_line(line, **markup)


def _counting(inner_test, counter):
    @functools.wraps(inner_test)
    def counted(*args, **kwargs):
        counter[0] += 1
        evidence.mark_example(counter[0])
        return inner_test(*args, **kwargs)
    return counted
