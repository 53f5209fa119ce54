"""pytest plugin: claim markers -> one verdict per claim -> reports/<env>.json, checked against a baseline.

A claim test is any test in ``conformance/test_*.py``; each carries
``@pytest.mark.claim("<id>")`` naming a catalog entry. Its outcome becomes a
verdict: passed -> holds, AssertionError -> refuted (with Hypothesis's shrunk
example and the assertion's message), skipped -> skipped (with the reason),
any other exception -> error. A claim's verdict combines its tests: error over
refuted over holds; skipped only if every test skipped.
"""

import functools
import json
import os
import random
from pathlib import Path

import pytest

from conformance import environment, faults
from conformance.claims import CLAIMS, FRAMEWORK_MODULES
from conformance.results import (SCHEMA, UnusableInput, baseline_document, catalog_digest, diff,
                                 load_baseline)

BASELINE_DIR = Path(__file__).parent / "baselines"
_ORDER = {"error": 3, "refuted": 2, "holds": 1, "skipped": 0}


def pytest_addoption(parser):
    group = parser.getgroup("conformance")
    group.addoption("--results", metavar="PATH", help="where to write the results file "
                    "(default: reports/<tox env name, or 'local'>.json)")
    group.addoption("--claims", metavar="IDS", help="comma-separated claim ids: run only their tests")
    group.addoption("--baseline", metavar="PATH", help="expected verdicts (default: "
                    "conformance/baselines/<env>.json if it exists); 'none' to compare with nothing")
    group.addoption("--update-baseline", action="store_true",
                    help="write this run's observed verdicts as the env's baseline")
    group.addoption("--plant-fault", metavar="NAME", action="append", default=[],
                    help="run with a fault from conformance/faults.py planted (self-tests, mutation run)")
    group.addoption("--hide-cuda", action="store_true", help="behave as if no CUDA device were present")
    group.addoption("--hide-module", metavar="NAME", action="append", default=[],
                    help="behave as if framework module NAME (torch, tensorflow) were not installed")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    config.addinivalue_line("markers", "claim(id): the catalog claim this test checks")
    config.addinivalue_line("markers", 'gpu: needs a CUDA device; skipped with the reason "no CUDA device" when none is present')
    if config.getoption("hide_cuda"):
        os.environ[environment.HIDE_CUDA_VARIABLE] = "1"
    if config.getoption("hide_module"):
        os.environ[environment.HIDE_MODULES_VARIABLE] = ",".join(config.getoption("hide_module"))
    if config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(random.randrange(2**32))
    config.pluginmanager.register(ConformancePlugin(config), "conformance-verdicts")


class ConformancePlugin:
    def __init__(self, config):
        self.config = config
        self.conformance_dir = Path(__file__).parent
        self.tests = {}
        self.unselected = {}
        self.monkeypatch = pytest.MonkeyPatch()
        self.cleanups = []
        self.expected = None
        self.baseline_path = None
        self.flips = []

    def _refuse(self, message):
        """Stop the session with a one-line usage error; a refused run writes no results file."""
        self.tests.clear()
        raise pytest.UsageError(message)

    # --- collection: every test names a known claim, every claim has a test -----------------
    def _claim_of(self, item):
        marker = item.get_closest_marker("claim")
        return marker.args[0] if marker and marker.args else None

    def _is_claim_test(self, item):
        path = Path(str(item.path))
        return path.parent == self.conformance_dir and path.name.startswith("test_")

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, session, config, items):
        claim_items = [item for item in items if self._is_claim_test(item)]
        if not claim_items:
            return
        unnamed = [item.nodeid for item in claim_items if self._claim_of(item) is None]
        if unnamed:
            self._refuse(f"claim tests without @pytest.mark.claim: {', '.join(unnamed)}")
        unknown = sorted({self._claim_of(i) for i in claim_items} - set(CLAIMS))
        if unknown:
            self._refuse(f"tests name claims that are not in the catalog: {', '.join(unknown)}")
        modules = {Path(str(i.path)).name for i in claim_items}
        all_modules = {p.name for p in self.conformance_dir.glob("test_*.py")}
        covered = {self._claim_of(i) for i in claim_items}
        if modules == all_modules and set(CLAIMS) - covered:
            self._refuse(
                f"catalog claims without a test: {', '.join(sorted(set(CLAIMS) - covered))}")
        for claim_id in set(CLAIMS) - covered:
            self.unselected[claim_id] = "not collected in this run"
        for item in claim_items:
            self.tests.setdefault(self._claim_of(item), [])
            if item.get_closest_marker("gpu") is None and "cuda" in CLAIMS[self._claim_of(item)].needs:
                item.add_marker(pytest.mark.gpu)
        wanted = config.getoption("claims")
        if wanted:
            ids = {w.strip() for w in wanted.split(",") if w.strip()}
            bad = sorted(ids - set(CLAIMS))
            if bad:
                self._refuse(f"--claims names unknown claim ids: {', '.join(bad)}")
            keep = [i for i in items if not self._is_claim_test(i) or self._claim_of(i) in ids]
            dropped = [i for i in items if i not in keep]
            if dropped:
                config.hook.pytest_deselected(items=dropped)
                items[:] = keep
        self._load_baseline()

    @pytest.hookimpl(trylast=True)
    def pytest_collection_finish(self, session):
        if self.tests and self.unselected and self.config.getoption("update_baseline"):
            self._refuse("--update-baseline records every claim's verdict, but this run leaves out "
                         f"{len(self.unselected)} claim(s); run all of conformance/ without -k, -m or --claims")

    def pytest_deselected(self, items):
        for item in items:
            if self._is_claim_test(item) and self._claim_of(item):
                self.unselected.setdefault(self._claim_of(item), "deselected in this run")

    def _load_baseline(self):
        option = self.config.getoption("baseline")
        if option == "none" or self.config.getoption("update_baseline"):
            return
        path = Path(option) if option else BASELINE_DIR / f"{environment.env_name()}.json"
        if option is None and not path.exists():
            return
        try:
            self.expected = load_baseline(path)
        except UnusableInput as exc:
            self._refuse(str(exc))
        self.baseline_path = path

    # --- running ------------------------------------------------------------------------
    def pytest_sessionstart(self, session):
        for name in self.config.getoption("plant_fault"):
            try:
                cleanup = faults.plant(name, self.monkeypatch)
            except KeyError as exc:
                self._refuse(exc.args[0])
            if cleanup:
                self.cleanups.append(cleanup)

    def pytest_unconfigure(self, config):
        self.monkeypatch.undo()
        for cleanup in reversed(self.cleanups):
            cleanup()

    def pytest_runtest_setup(self, item):
        claim_id = self._claim_of(item) if self._is_claim_test(item) else None
        if claim_id is None:
            return
        needs = CLAIMS[claim_id].needs
        for need in needs:
            module = FRAMEWORK_MODULES.get(need)
            if module and not environment.installed(module):
                pytest.skip(f"{module} not installed")
        if item.get_closest_marker("gpu") and not environment.cuda_devices(
                [n for n in needs if n in FRAMEWORK_MODULES] or ["torch"]):
            pytest.skip("no CUDA device")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        handle = getattr(getattr(item, "obj", None), "hypothesis", None)
        counter = {"examples": 0}
        original = getattr(handle, "inner_test", None)
        if original is not None:
            @functools.wraps(original)
            def counted(*args, **kwargs):
                counter["examples"] += 1
                return original(*args, **kwargs)
            handle.inner_test = counted
        try:
            yield
        finally:
            if original is not None:
                handle.inner_test = original
        item.stash[_EXAMPLES] = counter["examples"] if original is not None else 1

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = (yield).get_result()
        claim_id = self._claim_of(item) if self._is_claim_test(item) else None
        if claim_id is None:
            return
        result = None
        if report.skipped and not hasattr(report, "wasxfail"):
            result = {"outcome": "skipped", "reason": _skip_reason(report)}
        elif report.when == "call" and report.passed:
            result = {"outcome": "holds", "examples": item.stash.get(_EXAMPLES, 1)}
        elif report.failed and report.when == "call" and isinstance(call.excinfo.value, AssertionError):
            exc = call.excinfo.value
            result = {"outcome": "refuted", "examples": item.stash.get(_EXAMPLES, 1),
                      "observed": _first_lines(str(exc)),
                      "counterexample": _counterexample(exc)}
            if self.config.getoption("update_baseline"):
                report.outcome = "skipped"
                report.wasxfail = f"refuted, recorded into the baseline: {_first_lines(str(exc), 1)}"
            elif self.expected and self.expected.get(claim_id) == "refuted":
                report.outcome = "skipped"
                report.wasxfail = f"refuted, as the baseline expects: {_first_lines(str(exc), 1)}"
        elif report.failed:
            exc = call.excinfo.value if call.excinfo else None
            result = {"outcome": "error",
                      "observed": f"{type(exc).__name__}: {_first_lines(str(exc))}" if exc else report.longreprtext[-500:]}
        if result is not None:
            result["nodeid"] = item.nodeid
            if item.user_properties:
                result["measured"] = dict(item.user_properties)
            self.tests[claim_id].append(result)

    # --- verdicts, results file, baseline --------------------------------------------------
    def verdicts(self):
        profile = self.config.getoption("hypothesis_profile", None) or os.environ.get("HYPOTHESIS_PROFILE") or "default"
        seed = self.config.getoption("hypothesis_seed", None)
        entries = []
        for claim_id, claim in CLAIMS.items():
            entry = {"id": claim_id, "statement": claim.statement, "source": claim.source,
                     "needs": list(claim.needs)}
            tests = self.tests.get(claim_id, [])
            if claim_id in self.unselected and not tests:
                entry.update(verdict="skipped", reason=self.unselected[claim_id], examples=0)
            elif not tests:
                entry.update(verdict="skipped", reason="no test ran", examples=0)
            else:
                worst = max(tests, key=lambda t: _ORDER[t["outcome"]])
                entry["verdict"] = worst["outcome"]
                entry["examples"] = sum(t.get("examples", 0) for t in tests)
                skipped = [t for t in tests if t["outcome"] == "skipped"]
                if entry["verdict"] == "skipped":
                    entry["reason"] = "; ".join(sorted({t["reason"] for t in skipped}))
                elif skipped:
                    entry["unverified_parts"] = [f"{t['nodeid']}: {t['reason']}" for t in skipped]
                measured = {k: v for t in tests for k, v in t.get("measured", {}).items()}
                if measured:
                    entry["measured"] = measured
                if worst["outcome"] in ("refuted", "error"):
                    entry["observed"] = worst.get("observed")
                    entry["counterexample"] = worst.get("counterexample")
                    entry["test"] = worst["nodeid"]
                    entry["reproducer"] = (f"python -m pytest '{worst['nodeid']}' -p no:cacheprovider "
                                           f"--hypothesis-profile={profile} --hypothesis-seed={seed}")
            entries.append(entry)
        return {"schema": SCHEMA, "catalog": catalog_digest(),
                "environment": environment.describe(profile, seed), "claims": entries}

    def results_path(self):
        option = self.config.getoption("results")
        if option:
            return Path(option)
        return Path(str(self.config.rootpath)) / "reports" / f"{environment.env_name()}.json"

    def pytest_sessionfinish(self, session, exitstatus):
        if not self.tests or self.config.option.collectonly:
            return
        results = self.verdicts()
        path = self.results_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.written = (path, results)
        if self.config.getoption("update_baseline"):
            BASELINE_DIR.mkdir(exist_ok=True)
            target = BASELINE_DIR / f"{environment.env_name()}.json"
            target.write_text(json.dumps(baseline_document(results), indent=2) + "\n", encoding="utf-8")
        if self.expected is not None:
            observed = {e["id"]: e["verdict"] for e in results["claims"] if e["id"] not in self.unselected}
            expected = {k: v for k, v in self.expected.items() if k in observed}
            missing = sorted(set(observed) - set(self.expected))
            self.flips = [c for c in diff(expected, observed) if c.is_flip]
            self.coverage = [c for c in diff(expected, observed) if not c.is_flip]
            self.missing = missing
            if self.flips or missing:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        written = getattr(self, "written", None)
        if not written:
            return
        path, results = written
        counts = {v: 0 for v in _ORDER}
        for entry in results["claims"]:
            counts[entry["verdict"]] += 1
        tr = terminalreporter
        tr.section("claim verdicts")
        tr.write_line(", ".join(f"{n} {v}" for v, n in counts.items()) + f"  ->  {path}")
        if self.expected is None:
            tr.write_line("no baseline compared (none for this env, or --baseline none)")
            return
        if self.flips:
            tr.write_line(f"VERDICT FLIPS against {self.baseline_path}:", red=True, bold=True)
            for change in self.flips:
                tr.write_line(f"  {change.id}: expected {change.old}, observed {change.new}", red=True)
        if self.missing:
            tr.write_line(f"claims with no expected verdict in {self.baseline_path} "
                          f"(record them with --update-baseline): {', '.join(self.missing)}", red=True)
        for change in self.coverage:
            tr.write_line(f"  coverage: {change.id}: expected {change.old}, observed {change.new}")
        if not self.flips and not self.missing:
            tr.write_line(f"every verdict matches {self.baseline_path}", green=True)


_EXAMPLES = pytest.StashKey[int]()


def _skip_reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return longrepr[2].removeprefix("Skipped: ")
    return str(longrepr)


def _counterexample(exc):
    """Hypothesis's notes on the failing example, without the framework-module fixtures."""
    lines = "\n".join(getattr(exc, "__notes__", [])).splitlines()
    return "\n".join(line for line in lines if "=<module '" not in line) or None


def _first_lines(text, n=6):
    lines = [line for line in str(text).splitlines() if line.strip()]
    return "\n".join(lines[:n])[:800]
