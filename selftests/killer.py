"""A pytest plugin for the containment self-tests: kills the process in the call of every int8 case, one way.

``-p selftests.killer --kill HOW``: HOW is one of KILLS. It stands in for a framework that dies in ways the planted
faults of ``conformance/faults/`` do not show (a fatal Python error, SIGBUS, SIGFPE, the OOM killer's SIGKILL, an exit
of its own, a hang).
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


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    how = item.config.getoption("kill")
    if how and "int8-" in item.nodeid:
        KILLS[how][0]()
