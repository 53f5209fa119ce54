"""Containment: every test item runs in the runner (``engine/runner.py``), so that nothing a framework does ends the run.

No list says what may crash: every case of every claim, every path of the conversion matrix and every read-back of a
result runs in the runner. When a framework kills it (SIGSEGV, SIGABRT from a fatal error or an uncaught C++
exception, SIGBUS, SIGILL, SIGFPE, SIGKILL from the OOM killer, an exit of its own) or a case outlives
``--case-timeout``, the case in flight gets that outcome (``crashes SIGSEGV``, ``exits 3``, ``times out``), with the
Python stack at the crash and the input it was running, recorded through the journal; a new runner takes the next
item. A matrix case that crashed on one path runs again for its other paths, so that a crash costs only the path it
happened in.
"""

from __future__ import annotations

import time
import warnings
from typing import Callable, Literal

import pytest
from _pytest.runner import CallInfo

from conformance.engine import distributed
from conformance.engine.handle import Attempt, RunnerHandle, after
from conformance.engine.warmup import Warmup, load_now, loaded
from conformance.verdicts import Crashed

NOTES = pytest.StashKey[list]()  # the journal of a crashed attempt, for the plugin's outcome of the case


class Containment:
    """The pytest process's side: hands each item to the runner (and the next one with it, so that the runner never
    waits while this process logs), logs what comes back, turns a runner's death into outcomes."""

    def __init__(self, config: pytest.Config, timeout: float):
        self.timeout = timeout
        self.in_runner = False
        self.runner = RunnerHandle(config)
        self.warmup = Warmup(())
        self.needs: Callable[[pytest.Item], frozenset] = lambda item: frozenset()  # the frameworks it needs (set later)

    def prepare(self, warmup: Warmup, needs) -> None:
        """After collection: the frameworks to import while the first runner works, and what each item needs. (An
        item that would be skipped before anything runs never gets here: ``unrunnable`` sets it aside.)"""
        self.warmup, self.needs = warmup, needs

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None):
        if self.in_runner:
            return None  # pytest's own protocol, in the runner
        item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        self._contain(item, nextitem)
        item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
        return True

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.in_runner:
            self.runner.stop()

    def _contain(self, item: pytest.Item, nextitem: pytest.Item | None) -> None:
        logged: set[str] = set()
        try:
            self._attempts(item, nextitem, logged)
        except Exception as problem:  # noqa: BLE001 - the machinery's own failure: this case's error, not the run's end
            self.runner.abandon()
            report_failure(item, problem, logged)

    def _attempts(self, item: pytest.Item, nextitem: pytest.Item | None, logged: set[str]) -> None:
        settled: set[str] = set()
        earlier: list[dict] = []  # matrix rows observed by attempts that a crash ended
        lost = 0  # runners that died before they began the item
        while True:
            attempt = self._attempt(item, nextitem, frozenset(settled))
            for report in attempt.reports:
                if report.when == "call" and earlier:
                    found = distributed.unwire(getattr(report, "conformance", None))
                    merged = {**found, "conversions": earlier + found.get("conversions", [])}
                    # the plugin's own report attribute, as a worker sends it
                    report.conformance = (  # type: ignore[attr-defined]
                        distributed.wire(merged) if distributed.is_worker(item.config) else merged)
                if report.when not in logged:  # a resumed attempt's setup was logged by the first attempt
                    logged.add(report.when)
                    item.ihook.pytest_runtest_logreport(report=report)
            if attempt.ended is None:
                return
            if not attempt.began and not lost:  # not this item's death: it runs in a new runner
                lost += 1
                warnings.warn(pytest.PytestWarning(
                    f"containment: a runner died ({attempt.ended}) before it began this item, after the item before "
                    f"it had ended; the item ran in a new runner"))
                continue
            crashed = attempt.unsettled_attempt() if _is_observation(item) else None
            if crashed is not None and crashed["key"] not in settled:
                settled |= {payload["key"] for kind, payload in attempt.notes if kind == "attempt"}
                earlier += [payload["record"] for kind, payload in attempt.notes if kind == "conversion"]
                earlier.append({**crashed["record"], "outcome": "crashes", "exception": attempt.ended})
                continue  # the other paths of this case, in the new runner
            report_death(item, attempt.ended, attempt, earlier)
            return

    def _attempt(self, item: pytest.Item, nextitem: pytest.Item | None, settled: frozenset) -> Attempt:
        runner = self.runner
        if runner.alive and not runner.sent and not self.needs(item) <= runner.has:
            runner.stop()  # forked before the frameworks this item needs were imported: a warm one replaces it
        if not runner.alive:
            self.warmup.finish()  # never fork while the warm-up thread runs; the first fork happens before it starts
            load_now(self.needs(item) - loaded())  # so that the runner starts with what this item needs
            runner.start(item.session, self._become_runner)
            self.warmup.begin()
        # A send to a runner that has died fails (False); the receive below reads its death either way.
        named = (runner.named(item) and not settled) or runner.send(item, nextitem, settled)
        if named and nextitem is not None and not settled and self.needs(nextitem) <= runner.has:
            runner.send(nextitem, after(nextitem))  # the runner starts it while this process logs this one
        attempt = runner.receive(item, self.timeout)
        for fields in attempt.warnings:
            _rewarn(item, fields)
        return attempt

    def _become_runner(self) -> None:
        self.in_runner = True


def report_death(item: pytest.Item, ended: str, attempt: Attempt, earlier: list) -> None:
    """The phase in flight gets the death as its outcome, through pytest's own report hook (so the plugin
    judges it as it judges any refutation); the phases that never ran are reported as passed teardown."""
    when = attempt.phase_in_flight()
    crash = Crashed(describe(ended, attempt.log, when), outcome_of(ended))
    item.stash[NOTES] = attempt.notes
    if earlier:
        item.user_properties.append(("conversions", earlier))
    _report(item, crash, when)


def report_failure(item: pytest.Item, problem: Exception, logged: set[str]) -> None:
    """The containment machinery itself failed on this item (a framework's crash is a death, not this): the first
    phase not yet logged gets the exception, an error of this case alone, and the session goes on with the next."""
    phases: tuple[Literal["setup", "call", "teardown"], ...] = ("setup", "call", "teardown")
    when = next((phase for phase in phases if phase not in logged), None)
    if when is None:  # the item was over: what failed was handing on the next one, which gets a new runner
        warnings.warn(pytest.PytestWarning(f"containment: {type(problem).__name__}: {problem} (after this item)"))
        return
    _report(item, problem, when)


def _report(item: pytest.Item, exception: BaseException, when: Literal["setup", "call", "teardown"]) -> None:
    """``exception`` as the outcome of phase ``when``, through pytest's own report hooks; the phases after it are
    reported as a passed teardown."""
    try:
        raise exception
    except BaseException:  # noqa: BLE001 - only to take its traceback
        excinfo = pytest.ExceptionInfo.from_current()
    now = time.time()
    call: CallInfo[None] = CallInfo(None, excinfo, start=now, stop=now, duration=0.0, when=when,
                                    _ispytest=True)
    report = item.ihook.pytest_runtest_makereport(item=item, call=call)
    item.ihook.pytest_runtest_logreport(report=report)
    if when != "teardown":
        item.ihook.pytest_runtest_logreport(report=pytest.TestReport(
            item.nodeid, item.location, {k: 1 for k in item.keywords}, "passed", None, "teardown", [], 0.0))


def _is_observation(item: pytest.Item) -> bool:
    return item.get_closest_marker("observation") is not None


def outcome_of(ended: str) -> str:
    """The outcome class of a runner's death: ``crashes SIGSEGV``, ``exits 3`` or ``times out``."""
    if ended == "timeout":
        return "times out"
    if ended.startswith("exit "):
        return f"exits {ended.split()[1]}"
    return f"crashes {ended}"


def describe(ended: str, log: str, when: str) -> str:
    """One observation: how the process ended, then what faulthandler saw (the fatal error and the innermost
    frames of the Python stack)."""
    if ended == "timeout":
        head = f"the case did not finish in its time limit ({when}); its process was killed"
    elif ended.startswith("exit "):
        head = f"the process exited with code {ended.split()[1]} during {when}"
    else:
        head = f"the process crashed with {ended} during {when}"
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith("Fatal Python error")][:1]
    frames = [line for line in lines if line.startswith("File ")][:4]
    return "\n".join([head, *fatal, *(f"  {frame}" for frame in frames)])


def _rewarn(item: pytest.Item, fields: dict) -> None:
    message = warnings.WarningMessage(fields["category"](fields["message"]), fields["category"], fields["filename"],
                                      fields["lineno"])
    item.ihook.pytest_warning_recorded.call_historic(kwargs=dict(warning_message=message, when="runtest",
                                                                 nodeid=fields["nodeid"], location=None))
