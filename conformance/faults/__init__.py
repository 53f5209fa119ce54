"""Planted faults, by topic: each breaks (or, for a refuted claim, supplies) one documented behaviour.

A fault is planted by monkeypatching a framework for one pytest session
(``pytest --plant-fault NAME``); nothing in the frameworks is edited. Each fault
names the claims it targets: under the fault their verdicts must change, or the
claim's test cannot fail. ``faults/<topic>.py`` breaks ``test_<topic>.py``.
``python -m conformance.mutation`` plants them all.
"""

import importlib
import pkgutil

from conformance.faults._registry import CRASH_BY_DTYPE, CRASH_SIGNALS, FAULTS, Fault, crash_for, fault, wrap

for _info in pkgutil.iter_modules(__path__):
    if not _info.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_info.name}")

__all__ = ["CRASH_BY_DTYPE", "CRASH_SIGNALS", "FAULTS", "Fault", "crash_for", "fault", "wrap"]
