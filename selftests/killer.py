"""A pytest plugin for the containment self-tests: kills the process in every int8 case (uint8 included), one way.

``-p selftests.killer --kill HOW``: HOW is one of KILLS. It stands in for a framework that dies in ways the planted
faults of ``conformance/faults/`` do not show (a fatal Python error, SIGBUS, SIGFPE, the OOM killer's SIGKILL, an exit
of its own, a hang). ``--kill-in PHASE``: in the case's ``call`` (default), its ``setup``, or ``after`` it, once the
runner has handed its reports back and before it begins the next item (a death that is no case's).
``--slow-parent SECONDS``: the pytest process takes that long to log each case, so that the runner, which runs the
next case meanwhile, dies before the pytest process names the one after it.
"""

import ctypes
import os
import signal
import time

import pytest

KILLS = {
    "fatal-error": (lambda: ctypes.pythonapi.Py_FatalError(b"planted by selftests.killer"), "crashes SIGABRT"),
    "sigbus": (lambda: signal.raise_signal(signal.SIGBUS), "crashes SIGBUS"),
    "sigfpe": (lambda: signal.raise_signal(signal.SIGFPE), "crashes SIGFPE"),
    "sigkill": (lambda: signal.raise_signal(signal.SIGKILL), "crashes SIGKILL"),
    "exit": (lambda: os._exit(3), "exits 3"),
    "hang": (lambda: time.sleep(600), "times out"),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--kill", choices=sorted(KILLS), help="how to kill the process in each int8 case's call")
    parser.addoption("--kill-in", choices=("setup", "call", "after"), default="call")
    parser.addoption("--slow-parent", type=float, default=0.0)


def _in_runner(config: pytest.Config) -> bool:
    containment = config.pluginmanager.get_plugin("conformance-containment")
    return bool(containment is not None and containment.in_runner)


def _kill(item: pytest.Item, phase: str) -> None:
    how = item.config.getoption("kill")
    if how and "int8-" in item.nodeid and item.config.getoption("kill_in") == phase and _in_runner(item.config):
        KILLS[how][0]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _kill(item, "setup")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    _kill(item, "call")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    forwarder = item.config.pluginmanager.get_plugin("conformance-forwarder")
    if forwarder is None or item.config.getoption("kill_in") != "after" or "int8-" not in item.nodeid:
        return
    finish = forwarder.finish

    def finish_then_die(index: int) -> None:
        finish(index)
        _kill(item, "after")
    forwarder.finish = finish_then_die


def pytest_configure(config: pytest.Config) -> None:
    _CONFIG[:] = [config]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    config = _CONFIG[0]
    if report.when == "teardown" and config.getoption("slow_parent") and not _in_runner(config):
        time.sleep(config.getoption("slow_parent"))


_CONFIG: list[pytest.Config] = []
