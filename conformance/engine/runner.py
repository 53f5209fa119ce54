"""The runner: a persistent process that runs test items for the pytest process, replaced when it dies.

The pytest process imports the frameworks but never starts their runtimes (no array is
made in it, no device is listed in it), so it stays a process with no threads of theirs:
forking it is safe, and a fork starts warm, with every module already imported and every
item collected. JAX and TensorFlow start their thread pools in the runner, on its first
array. A runner serves items until the session ends or a framework kills it; the pytest
process then forks a new one (``conformance.processes.fork``), which costs milliseconds, not a new interpreter.

Messages, pickled over one socket pair: the parent sends ``("run", index, next_index,
settled)`` and ``("stop",)``; the runner answers with ``("report", data)`` per test phase,
``("note", kind, payload)`` as the case writes its journal, ``("warning", fields)`` and
``("done",)`` when the item's protocol is over.
"""

from __future__ import annotations

import pickle
import sys
from multiprocessing.connection import Connection

import pytest

from conformance import journal
from conformance.engine.blackbox import NOTE, REPORT, Blackbox


class Forwarder:
    """In the runner: every report and warning of the item in flight goes to the recorder and, once the item is done,
    to the parent in one message, instead of to this process's reporters."""

    def __init__(self, config: pytest.Config, connection: Connection, box: Blackbox):
        self.config = config
        self.connection = connection
        self.box = box
        self.reports: list[bytes] = []
        self.warnings: list[dict] = []
        self.live = False  # registering replays the parent's warnings (a historic hook): those are not sent back

    def record(self, kind: bytes, data: bytes) -> None:
        if not self.box.write(kind, data):
            self.connection.send(("overflow", kind, data))

    def note(self, kind: str, payload: object) -> None:
        self.record(NOTE, pickle.dumps((kind, payload), pickle.HIGHEST_PROTOCOL))

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        try:
            data = pickle.dumps(report, pickle.HIGHEST_PROTOCOL)
        except Exception:  # a longrepr or attribute that does not pickle: pytest's own serialization, as xdist's
            data = pickle.dumps(self.config.hook.pytest_report_to_serializable(config=self.config, report=report),
                                pickle.HIGHEST_PROTOCOL)
        self.reports.append(data)
        self.record(REPORT, data)

    def pytest_warning_recorded(self, warning_message, when: str, nodeid: str, location) -> None:
        if self.live:
            self.warnings.append({"message": str(warning_message.message),
                                  "category": _picklable(warning_message.category),
                                  "filename": warning_message.filename, "lineno": warning_message.lineno,
                                  "nodeid": nodeid})

    def finish(self, index: int) -> None:
        self.connection.send(("done", index, self.reports, self.warnings))
        self.reports, self.warnings = [], []


def _picklable(category: type) -> type:
    try:
        pickle.dumps(category)
        return category
    except Exception:
        return UserWarning


def load_report(config: pytest.Config, data: bytes) -> pytest.TestReport:
    report = pickle.loads(data)
    return report if isinstance(report, pytest.TestReport) else config.hook.pytest_report_from_serializable(
        config=config, data=report)


# Plugins that report to the user or to pytest-xdist's controller: in a runner they would speak a second time.
SILENCED = ("TerminalReporter", "WorkerInteractor")


def _settle_fixtures(session: pytest.Session, item: pytest.Item) -> None:
    """Tear down what the previous item left set up and ``item`` does not share: the next item named with it was a
    guess (pytest-xdist hands a worker its items one by one, and items skipped in the parent never come here)."""
    try:
        session._setupstate.teardown_exact(item)
    except Exception:  # noqa: BLE001 - a finalizer's failure belongs to the item that set it up, which was reported
        pass


def serve(session: pytest.Session, connection: Connection, box: Blackbox) -> None:
    """The runner's loop: run each item the parent names, with pytest's own protocol, until told to stop. The parent
    may name the next item before this one is done; they run in the order named."""
    manager = session.config.pluginmanager
    for plugin in list(manager.get_plugins()):
        if type(plugin).__name__ in SILENCED:
            manager.unregister(plugin)
    forwarder = Forwarder(session.config, connection, box)
    manager.register(forwarder, "conformance-forwarder")
    forwarder.live = True
    journal.attach(forwarder.note)
    items = session.items
    while True:
        message = connection.recv()
        if message[0] == "stop":
            sys.stdout.flush()
            return
        _, index, next_index, settled = message
        item = items[index]
        box.start(index)
        _settle_fixtures(session, item)
        with journal.resuming(settled):
            item.ihook.pytest_runtest_protocol(item=item, nextitem=items[next_index] if next_index is not None
                                               else None)
        forwarder.finish(index)
