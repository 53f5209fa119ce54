"""Containment: every test item runs in the runner (``engine/runner.py``), so that nothing a framework does ends the run.

No list says what may crash: every case of every claim, every path of the conversion
matrix and every read-back of a result runs in the runner. When a framework kills it
(SIGSEGV, SIGABRT from a fatal error or an uncaught C++ exception, SIGBUS, SIGILL, SIGFPE,
SIGKILL from the OOM killer, an exit of its own) or a case outlives ``--case-timeout``,
the case in flight gets that outcome (``crashes SIGSEGV``, ``exits 3``, ``times out``),
with the Python stack at the crash and the input it was running, recorded through the
journal; a new runner takes the next item. A matrix case that crashed on one path runs
again for its other paths, so that a crash costs only the path it happened in.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field

import pytest
from _pytest.runner import CallInfo

from conformance.engine import runner as runners
from conformance.verdicts import Crashed

NOTES = pytest.StashKey[list]()  # the journal of a crashed attempt, for the plugin's outcome of the case


@dataclass
class Attempt:
    """What the parent saw of one run of an item: phases reported, journal notes, and how it ended."""

    phases: list[str] = field(default_factory=list)
    notes: list[tuple[str, object]] = field(default_factory=list)
    ended: str | None = None  # None: the protocol finished; else the runner's death (SIGSEGV, exit 3, timeout)
    log: str = ""

    def phase_in_flight(self, reports: dict) -> str:
        if not self.phases:
            return "setup"
        setup = reports.get("setup")
        if self.phases[-1] == "setup" and setup is not None and setup.passed:
            return "call"
        return "teardown"

    def unsettled_attempt(self) -> dict | None:
        """The matrix path this attempt started and never finished: the one that crashed."""
        done = {payload["key"] for kind, payload in self.notes if kind == "conversion"}
        started = [payload for kind, payload in self.notes if kind == "attempt" and payload["key"] not in done]
        return started[-1] if started else None


class Containment:
    """The pytest process's side: hands each item to the runner, logs what comes back, turns a death into outcomes."""

    def __init__(self, config: pytest.Config, timeout: float):
        self.config = config
        self.timeout = timeout
        self.in_runner = False
        self.pid: int | None = None
        self.connection = None
        self.log = None
        self.index: dict[int, int] = {}
        self.replaced = 0

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None):
        if self.in_runner:
            return None  # pytest's own protocol, in the runner
        item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        self._contain(item, nextitem)
        item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
        return True

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.in_runner or self.pid is None:
            return
        try:
            self.connection.send(("stop",))
            ended = self.connection.poll(10.0)
        except OSError:
            ended = False
        runners.death(self.pid, kill=not ended)
        self._close()

    def _contain(self, item: pytest.Item, nextitem: pytest.Item | None) -> None:
        reports: dict[str, pytest.TestReport] = {}
        settled: set[str] = set()
        earlier: list[dict] = []  # matrix rows observed by attempts that a crash ended
        while True:
            attempt = self._attempt(item, nextitem, frozenset(settled), reports, earlier)
            if attempt.ended is None:
                return
            crashed = attempt.unsettled_attempt() if _is_observation(item) else None
            if crashed is not None and crashed["key"] not in settled:
                settled |= {payload["key"] for kind, payload in attempt.notes if kind == "attempt"}
                earlier += [payload["record"] for kind, payload in attempt.notes if kind == "conversion"]
                earlier.append({**crashed["record"], "outcome": "crashes", "exception": attempt.ended})
                continue  # the other paths of this case, in the new runner
            report_death(item, attempt, reports, earlier)
            return

    def _attempt(self, item, nextitem, settled: frozenset, reports: dict, earlier: list) -> Attempt:
        if self.pid is None:
            self._start(item.session)
        attempt = Attempt()
        self.connection.send(("run", self.index[id(item)], self.index.get(id(nextitem)), settled))
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                if not self.connection.poll(max(remaining, 0)):
                    return self._ended(attempt, "timeout")
                message = self.connection.recv()
            except (EOFError, OSError):
                return self._ended(attempt, None)
            kind = message[0]
            if kind == "done":
                return attempt
            if kind == "note":
                attempt.notes.append((message[1], message[2]))
            elif kind in ("report", "serialized"):
                report = message[1] if kind == "report" else self.config.hook.pytest_report_from_serializable(
                    config=self.config, data=message[1])
                attempt.phases.append(report.when)
                if report.when == "call" and earlier:
                    found = getattr(report, "conformance", None) or {}
                    report.conformance = {**found, "conversions": earlier + found.get("conversions", [])}
                if report.when not in reports:  # a resumed attempt's setup was logged by the first attempt
                    reports[report.when] = report
                    item.ihook.pytest_runtest_logreport(report=report)
            elif kind == "warning":
                _rewarn(item, message[1])

    def _ended(self, attempt: Attempt, how: str | None) -> Attempt:
        """The runner is gone (``how`` None: it closed its end by dying) or over time (``how`` "timeout")."""
        ended = runners.death(self.pid, kill=how is not None)
        attempt.ended = how or ended
        attempt.log = runners.read_log(self.log)
        self._close()
        self.replaced += 1
        return attempt

    def _start(self, session: pytest.Session) -> None:
        self.index = {id(item): position for position, item in enumerate(session.items)}

        def body(connection) -> None:
            self.in_runner = True
            runners.serve(session, connection)

        self.pid, self.connection, self.log = runners.fork(body)

    def _close(self) -> None:
        self.connection.close()
        self.log.close()
        self.pid = self.connection = self.log = None


def report_death(item: pytest.Item, attempt: Attempt, reports: dict, earlier: list) -> None:
    """The phase in flight gets the death as its outcome, through pytest's own report hook (so the plugin
    judges it as it judges any refutation); the phases that never ran are reported as passed teardown."""
    when = attempt.phase_in_flight(reports)
    crash = Crashed(describe(attempt.ended, attempt.log, when), outcome_of(attempt.ended))
    item.stash[NOTES] = attempt.notes
    if earlier:
        item.user_properties.append(("conversions", earlier))
    try:
        raise crash
    except Crashed:
        excinfo = pytest.ExceptionInfo.from_current()
    now = time.time()
    call = CallInfo(None, excinfo, start=now, stop=now, duration=0.0, when=when, _ispytest=True)
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
