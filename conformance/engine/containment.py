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

import pickle
import time
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Literal

import pytest
from _pytest.runner import CallInfo

from conformance import processes
from conformance.engine import distributed
from conformance.engine import runner as runners
from conformance.engine.blackbox import REPORT, Blackbox
from conformance.engine.warmup import Warmup, load_now, loaded
from conformance.verdicts import Crashed

NOTES = pytest.StashKey[list]()  # the journal of a crashed attempt, for the plugin's outcome of the case


@dataclass
class Attempt:
    """What the parent saw of one run of an item: its reports, journal notes, and how it ended."""

    reports: list[pytest.TestReport] = field(default_factory=list)
    notes: list[tuple[str, Any]] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    ended: str | None = None  # None: the protocol finished; else the runner's death (SIGSEGV, exit 3, timeout)
    log: str = ""

    def phase_in_flight(self) -> Literal["setup", "call", "teardown"]:
        if not self.reports:
            return "setup"
        last = self.reports[-1]
        return "call" if last.when == "setup" and last.passed else "teardown"

    def unsettled_attempt(self) -> dict | None:
        """The matrix path this attempt started and never finished: the one that crashed."""
        done = {payload["key"] for kind, payload in self.notes if kind == "conversion"}
        started = [payload for kind, payload in self.notes if kind == "attempt" and payload["key"] not in done]
        return started[-1] if started else None


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
        settled: set[str] = set()
        earlier: list[dict] = []  # matrix rows observed by attempts that a crash ended
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
        if not runner.named(item) or settled:
            runner.send(item, nextitem, settled)
        if nextitem is not None and not settled and self.needs(nextitem) <= runner.has:
            runner.send(nextitem, _after(nextitem))  # the runner starts it while this process logs this one
        attempt = runner.receive(item, self.timeout)
        for fields in attempt.warnings:
            _rewarn(item, fields)
        return attempt

    def _become_runner(self) -> None:
        self.in_runner = True


class RunnerHandle:
    """The pytest process's handle on the runner of the moment: fork, name items, receive what they did, reap."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.box = Blackbox()
        self.pid: int | None = None
        self.connection: Any = None  # a multiprocessing Connection and the runner's log file; None while none runs
        self.log: Any = None
        self.has: frozenset[str] = frozenset()  # the frameworks imported when it was forked
        self.sent: list[int] = []  # items named to it and not done yet, in order
        self.overflow: list[tuple[bytes, bytes]] = []
        self.replaced = 0

    @property
    def alive(self) -> bool:
        return self.pid is not None

    def named(self, item: pytest.Item) -> bool:
        return self.alive and _index(item) in self.sent

    def start(self, session: pytest.Session, becoming) -> None:
        def body(connection) -> None:
            becoming()
            runners.serve(session, connection, self.box)

        self.has = loaded()
        self.pid, self.connection, self.log = processes.fork(body)

    def send(self, item: pytest.Item, nextitem: pytest.Item | None, settled: frozenset = frozenset()) -> None:
        self.connection.send(("run", _index(item), _index(nextitem) if nextitem is not None else None, settled))
        self.sent.append(_index(item))

    def receive(self, item: pytest.Item, timeout: float) -> Attempt:
        """What the runner did with ``item``: its reports, or its death and what its recorder kept."""
        index, attempt = _index(item), Attempt()
        deadline = time.monotonic() + timeout
        while True:
            try:
                if not self.connection.poll(max(deadline - time.monotonic(), 0)):
                    return self._ended(attempt, index, "timeout")
                message = self.connection.recv()
            except (EOFError, OSError):
                return self._ended(attempt, index, None)
            if message[0] == "overflow":
                self.overflow.append((message[1], message[2]))
            elif message[0] == "done":
                done, self.overflow = self.sent.pop(0), []
                if done == index:
                    attempt.reports = [runners.load_report(self.config, data) for data in message[2]]
                    attempt.warnings = message[3]
                    return attempt

    def _ended(self, attempt: Attempt, index: int, how: str | None) -> Attempt:
        """Gone (``how`` None: it closed its end by dying) or over time (``how`` "timeout")."""
        assert self.pid is not None, "only a runner that was started can end"
        ended = processes.death(self.pid, kill=how is not None)
        attempt.ended = how or ended
        attempt.log = processes.read_log(self.log)
        attempt.reports, attempt.notes = recovered(self.config, self.box.read(index) + self.overflow)
        self._close()
        self.replaced += 1
        return attempt

    def stop(self) -> None:
        """Let it finish and exit; one still busy with an item named ahead (the session stopped early) is killed."""
        if self.pid is None:  # none alive
            return
        try:
            self.connection.send(("stop",))
            ended = not self.sent and self.connection.poll(10.0)
        except OSError:
            ended = False
        processes.death(self.pid, kill=not ended)
        self._close()

    def _close(self) -> None:
        self.connection.close()
        self.log.close()
        self.pid = self.connection = self.log = None
        self.sent, self.overflow = [], []


_INDEX = pytest.StashKey[int]()


def _after(item: pytest.Item) -> pytest.Item | None:
    """The item after ``item`` in its session: the one its fixture teardown must keep."""
    items = item.session.items
    return items[_index(item) + 1] if _index(item) + 1 < len(items) else None


def _index(item: pytest.Item) -> int:
    """The item's position in its session's items (the runner, a fork of this process, has the same list)."""
    if _INDEX not in item.stash:
        for position, each in enumerate(item.session.items):
            each.stash[_INDEX] = position
    return item.stash[_INDEX]


def recovered(config: pytest.Config, records: list[tuple[bytes, bytes]]) -> tuple[list, list]:
    """(reports, journal notes) of the item in flight, from a dead runner's recorder."""
    reports, notes = [], []
    for kind, data in records:
        if kind == REPORT:
            reports.append(runners.load_report(config, data))
        else:
            notes.append(pickle.loads(data))
    return reports, notes


def report_death(item: pytest.Item, ended: str, attempt: Attempt, earlier: list) -> None:
    """The phase in flight gets the death as its outcome, through pytest's own report hook (so the plugin
    judges it as it judges any refutation); the phases that never ran are reported as passed teardown."""
    when = attempt.phase_in_flight()
    crash = Crashed(describe(ended, attempt.log, when), outcome_of(ended))
    item.stash[NOTES] = attempt.notes
    if earlier:
        item.user_properties.append(("conversions", earlier))
    try:
        raise crash
    except Crashed:
        excinfo = pytest.ExceptionInfo.from_current()
    now = time.time()
    call: CallInfo[None] = CallInfo(None, excinfo, start=now, stop=now, duration=0.0, when=when, _ispytest=True)
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
