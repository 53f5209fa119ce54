"""A pytest plugin for the self-tests: the pytest process itself breaks (an internal error) when it comes to the first
item whose node id holds ``--break-at TEXT``, as a bug in the suite's machinery or in a plugin would. The items after
it never run; the run must say so and never pass for a complete one."""

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--break-at", default=None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item):
    at = item.config.getoption("break_at")
    containment = item.config.pluginmanager.get_plugin("conformance-containment")
    if at and at in item.nodeid and not (containment is not None and containment.in_runner):
        raise RuntimeError(f"planted by selftests.breaker at {item.nodeid}")
    return (yield)
