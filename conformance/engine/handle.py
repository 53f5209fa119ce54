"""The pytest process's side of the runner (``engine/runner.py``): fork it, name items to it, receive what they did,
and read back its death: the signal or exit, the log of its last moments, and what its flight recorder kept of the
item in flight (``engine/blackbox.py``). ``engine/containment.py`` decides what a death means for the item.
"""

from __future__ import annotations

import pickle
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest

from conformance import processes
from conformance.engine import runner as runners
from conformance.engine.blackbox import REPORT, Blackbox
from conformance.engine.warmup import loaded


@dataclass
class Attempt:
    """What the parent saw of one run of an item: its reports, journal notes, and how it ended."""

    reports: list[pytest.TestReport] = field(default_factory=list)
    notes: list[tuple[str, Any]] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    ended: str | None = None  # None: the protocol finished; else the runner's death (SIGSEGV, exit 3, timeout)
    log: str = ""
    began: bool = True  # whether the runner had begun the item when it died (False: it died before, or between items)

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
        return self.alive and index_of(item) in self.sent

    def start(self, session: pytest.Session, becoming) -> None:
        def body(connection) -> None:
            becoming()
            runners.serve(session, connection, self.box)

        self.has = loaded()
        self.box.start(-1)  # no item begun yet: what the last runner left is not this one's
        self.pid, self.connection, self.log = processes.fork(body)

    def send(self, item: pytest.Item, nextitem: pytest.Item | None, settled: frozenset = frozenset()) -> bool:
        """Name ``item`` to the runner; False where the runner has died already (it closed its end of the pipe, so
        the write fails): the ``receive`` that follows reads its death. A runner may die at any moment, also while
        this process is still logging the item before (a crash in the item it was handed ahead)."""
        try:
            self.connection.send(("run", index_of(item), index_of(nextitem) if nextitem is not None else None,
                                  settled))
        except OSError:  # BrokenPipeError, ConnectionResetError
            return False
        self.sent.append(index_of(item))
        return True

    def receive(self, item: pytest.Item, timeout: float) -> Attempt:
        """What the runner did with ``item``: its reports, or its death and what its recorder kept."""
        index, attempt = index_of(item), Attempt()
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
        attempt.began = self.box.began(index)
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

    def abandon(self) -> None:
        """Kill the runner, whatever it is doing (this process lost track of it)."""
        if self.pid is not None:
            processes.death(self.pid, kill=True)
            self._close()

    def _close(self) -> None:
        self.connection.close()
        self.log.close()
        self.pid = self.connection = self.log = None
        self.sent, self.overflow = [], []


INDEX = pytest.StashKey[int]()


def after(item: pytest.Item) -> pytest.Item | None:
    """The item after ``item`` in its session: the one its fixture teardown must keep."""
    items = item.session.items
    return items[index_of(item) + 1] if index_of(item) + 1 < len(items) else None


def index_of(item: pytest.Item) -> int:
    """The item's position in its session's items (the runner, a fork of this process, has the same list)."""
    if INDEX not in item.stash:
        for position, each in enumerate(item.session.items):
            each.stash[INDEX] = position
    return item.stash[INDEX]


def recovered(config: pytest.Config, records: list[tuple[bytes, bytes]]) -> tuple[list, list]:
    """(reports, journal notes) of the item in flight, from a dead runner's recorder."""
    reports, notes = [], []
    for kind, data in records:
        if kind == REPORT:
            reports.append(runners.load_report(config, data))
        else:
            notes.append(pickle.loads(data))
    return reports, notes
