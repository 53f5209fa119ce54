"""pytest plugin: claim tests -> one verdict per claim -> a results file, checked against the env's baseline.

Hooks only; the rules live in plain-function modules beside it (plan, collection,
outcomes, evidence, record, results, baseline). A test's outcome becomes a
verdict: passed -> holds, AssertionError -> refuted, Inconclusive -> inconclusive,
skipped -> skipped (with its reason), anything else -> error.
"""

import functools
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conformance.claims import CLAIMS
from conformance.engine import baseline as baselines
from conformance.engine import collection, environment, evidence, outcomes, record
from conformance.engine.plan import UsageProblem, make_plan
from conformance.engine.results import nothing_verified, write_json
from conformance.verdicts import Verdict

_EXAMPLES = pytest.StashKey[int]()
_EVIDENCE = pytest.StashKey[list]()
_PLAN = pytest.StashKey[object]()


def pytest_addoption(parser):
    group = parser.getgroup("conformance")
    group.addoption("--results", metavar="PATH", help="where to write the results file (default: reports/<tox env>"
                    ".json for a complete run, reports/scratch/<env>.json for any other)")
    group.addoption("--claims", metavar="IDS", help="comma-separated claim ids: run only their tests")
    group.addoption("--baseline", metavar="PATH", help="expected verdicts (default: conformance/baselines/<env>.json "
                    "if it exists); 'none' to compare with nothing")
    group.addoption("--update-baseline", action="store_true", help="write this complete run's verdicts as the baseline")
    group.addoption("--plant-fault", metavar="NAME", action="append", default=[],
                    help="plant a fault from conformance/faults/ (self-tests, mutation run)")
    group.addoption("--show-refuted", action="store_true",
                    help="report refuted claims as failures with Hypothesis's full output (for reproducers)")
    group.addoption("--shrink", action="store_true",
                    help="add Hypothesis's shrink phase to the profile, for a minimal counterexample")
    group.addoption("--hide-cuda", action="store_true", help="behave as if no CUDA device were present")
    group.addoption("--hide-module", metavar="NAME", action="append", default=[],
                    help="behave as if framework module NAME (torch, tensorflow, jax) were not installed")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    config.addinivalue_line("markers", "claim(id): the catalog claim this test checks")
    config.addinivalue_line("markers", "observation: records outcomes of the conversion matrix, without a verdict")
    config.addinivalue_line("markers", 'gpu: needs a CUDA device; skipped with the reason "no CUDA device" without one')
    monkeypatch = pytest.MonkeyPatch()
    config.add_cleanup(monkeypatch.undo)
    if config.getoption("hide_cuda"):
        monkeypatch.setenv(environment.HIDE_CUDA_VARIABLE, "1")
    if config.getoption("hide_module"):
        monkeypatch.setenv(environment.HIDE_MODULES_VARIABLE, ",".join(config.getoption("hide_module")))
    try:
        plan = make_plan(config)
    except UsageProblem as problem:
        pytest.exit(str(problem), returncode=2)
    plugin = ConformancePlugin(plan, monkeypatch)
    config.stash[_PLAN] = plan
    config.pluginmanager.register(plugin, "conformance-verdicts")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item, call):
    """A refutation taken as a finding gets a report without a rendered traceback (see outcomes.refutation_report)."""
    exc = call.excinfo.value if call.when == "call" and call.excinfo is not None else None
    if (isinstance(exc, AssertionError) and collection.is_claim_test(item)
            and item.config.stash[_PLAN].tolerates_refutation(collection.claim_of(item))):
        return outcomes.refutation_report(item, call, f"refuted: {outcomes.first_lines(str(exc), 1)}")
    return None


class ConformancePlugin:
    def __init__(self, plan, monkeypatch):
        self.plan = plan
        self.tests: dict[str, list] = {}
        self.collected: set[str] = set()
        self.deselected: set[str] = set()
        self.failed_modules: dict[str, str] = {}
        self.monkeypatch = monkeypatch
        self.cleanups: list = []
        self.summary: list = []
        self.conversions: list = []
        self.started = datetime.now(timezone.utc).isoformat(timespec="seconds")

    def pytest_collectreport(self, report):
        module = Path(report.nodeid.split("::")[0])
        if report.failed and module.parent.name == collection.CONFORMANCE_DIR.name and module.name.startswith("test_"):
            self.failed_modules[module.name] = outcomes.first_lines(report.longreprtext, 1)

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, session, config, items):
        claim_items = [item for item in items if collection.is_claim_test(item)]
        errors = collection.integrity_errors(claim_items, {Path(str(i.path)).name for i in claim_items},
                                             whole_modules=not any("::" in arg for arg in config.args))
        if errors:
            pytest.exit("; ".join(errors), returncode=2)
        for item in claim_items:
            if "cuda" in CLAIMS[collection.claim_of(item)].needs and item.get_closest_marker("gpu") is None:
                item.add_marker(pytest.mark.gpu)
        self.collected = {collection.claim_of(i) for i in claim_items}
        if self.plan.claims is not None:
            dropped = [i for i in claim_items if collection.claim_of(i) not in self.plan.claims]
            config.hook.pytest_deselected(items=dropped)
            items[:] = [i for i in items if i not in dropped]

    def pytest_deselected(self, items):
        self.deselected |= {collection.claim_of(i) for i in items if collection.is_claim_test(i)}

    def pytest_sessionstart(self, session):
        if session.config.getoption("shrink"):
            from hypothesis import Phase, settings

            settings.register_profile("shrinking", settings(settings.default, phases=list(Phase)))
            settings.load_profile("shrinking")
        for fault in self.plan.faults:
            cleanup = fault.plant(self.monkeypatch)
            if cleanup:
                self.cleanups.append(cleanup)

    def pytest_unconfigure(self, config):
        self.monkeypatch.undo()
        for cleanup in reversed(self.cleanups):
            cleanup()

    def pytest_runtest_setup(self, item):
        if collection.is_claim_test(item):
            _check_needs(item, CLAIMS[collection.claim_of(item)].needs)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        handle = getattr(getattr(item, "obj", None), "hypothesis", None)
        original, counter = getattr(handle, "inner_test", None), [0]
        if original is not None:
            handle.inner_test = _counting(original, counter)
        with evidence.collecting() as records:
            try:
                yield
            finally:
                if original is not None:
                    handle.inner_test = original
        item.stash[_EXAMPLES] = counter[0] if original is not None else 1
        item.stash[_EVIDENCE] = records + evidence.case_input(item, item.stash[_EXAMPLES])

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = (yield).get_result()
        if collection.is_observation(item) and call.when == "call":
            self.conversions += [r for name, value in item.user_properties if name == "conversions" for r in value]
        if not collection.is_claim_test(item):
            return
        outcome = outcomes.test_outcome(report, call, item.stash.get(_EXAMPLES, 0), item.stash.get(_EVIDENCE, []),
                                        dict(item.user_properties))
        if outcome is None:
            return
        self.tests.setdefault(collection.claim_of(item), []).append(outcome)
        if outcome["outcome"] == Verdict.INCONCLUSIVE.value:
            report.outcome, report.longrepr = "skipped", (str(item.path), item.location[1] or 0,
                                                          f"inconclusive: {outcome['observed']}")

    def pytest_sessionfinish(self, session, exitstatus):
        if not self.collected or session.config.option.collectonly:
            return
        stopped = record.stop_reason(exitstatus == pytest.ExitCode.INTERRUPTED, session)
        run = record.Session(self.tests, {}, self.plan.faults, self.plan.selection, stopped,
                             self.plan.profile, self.plan.seed, self.conversions, self.started)
        run.not_run = collection.not_run_reasons(self.tests, self.deselected, self.collected, self.failed_modules,
                                                 stopped)
        results = record.assemble(run)
        path, why = record.destination(results, self.plan)
        write_json(path, results)
        check = None
        if self.plan.baseline is not None:
            compared = {c for c in CLAIMS if c in self.collected and c not in self.deselected}
            check = baselines.check(results, self.plan.baseline, compared)
        self.summary = record.summary_lines(results, path, why, check, getattr(self.plan.baseline, "path", None))
        if self.plan.update_baseline and not baselines.record_baseline(results, environment.env_name()):
            self.summary.append(("--update-baseline refused: only a complete run with verdicts is recorded",
                                 {"red": True}))
        if (check and check.failed) or nothing_verified(results) or any(
                e["verdict"] == Verdict.ERROR.value for e in results["claims"]):
            session.exitstatus = max(int(session.exitstatus), int(pytest.ExitCode.TESTS_FAILED))

    def pytest_terminal_summary(self, terminalreporter):
        if self.summary:
            terminalreporter.section("claim verdicts")
            for line, markup in self.summary:
                terminalreporter.write_line(line, **markup)


def _counting(inner_test, counter):
    @functools.wraps(inner_test)
    def counted(*args, **kwargs):
        counter[0] += 1
        return inner_test(*args, **kwargs)
    return counted


def _check_needs(item, needs):
    frameworks = [n for n in needs if n in environment.FRAMEWORK_MODULES]
    if environment.cross_framework_only() and len(frameworks) < 2:
        pytest.skip("a single-framework claim: its verdict comes from the tf, torch and jax envs; "
                    "this env checks the cross-framework claims")
    provided = environment.provided()
    for need in needs:
        module = environment.FRAMEWORK_MODULES.get(need)
        if module and not environment.installed(module):
            if need in provided:
                pytest.fail(f"{module} cannot be found, but this env declares it ({environment.PROVIDES_VARIABLE})",
                            pytrace=False)
            pytest.skip(f"{module} not installed")
    if item.get_closest_marker("gpu") and not environment.cuda_devices(frameworks or ["torch"]):
        if "cuda" in provided:
            pytest.fail(f"no CUDA device, but this env declares one ({environment.PROVIDES_VARIABLE})", pytrace=False)
        pytest.skip("no CUDA device")
