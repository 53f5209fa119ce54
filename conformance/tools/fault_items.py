"""The mutation run's items: one per planted fault (``python -m conformance.mutation -n 2`` runs them, with
``conformance.tools.fault_session`` as their plugin, shared among pytest-xdist workers). Collected only when named."""

import pytest

from conformance.faults import FAULTS
from conformance.results.model import Run
from conformance.tools.fault_session import ROWS, fault_rows, runnable


@pytest.mark.parametrize("name", list(FAULTS))
def test_fault(name: str, unfaulted: Run, planting_profile: str, record_property) -> None:
    fault = FAULTS[name]
    if not runnable(fault, unfaulted):
        pytest.skip(f"{fault.framework} not installed here, or no claim it targets ran unfaulted")
    record_property(ROWS, (name, fault_rows(fault, unfaulted, planting_profile)))
