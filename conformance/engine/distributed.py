"""Running under pytest-xdist (``-n 2``): what a worker hands its controller, and how the controller takes it in.

Each case's outcome travels on its own test report (``report.conformance``), which xdist sends to the controller
like any report attribute. What a worker collected and deselected, the topic modules that failed to collect, and
the cases it set aside at collection (skipped, with their outcome: ``unrunnable``), the devices it found and the items
it was to run travel in ``config.workeroutput`` when the worker ends. Only the controller (or a run without xdist)
concludes: it writes the results file and checks the baseline; a worker never writes under reports/.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

KEY = "conformance"


def is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def send(config: pytest.Config, collected: set[str], deselected: set[str], failed_modules: dict[str, str],
         set_aside: list | None = None, devices: dict | None = None, to_run: list | None = None) -> None:
    output = config.workeroutput  # type: ignore[attr-defined]  # pytest-xdist sets it on a worker's config
    output[KEY] = {"collected": sorted(collected), "deselected": sorted(deselected),
                   "failed_modules": dict(failed_modules), "set_aside": list(set_aside or []),
                   "devices": devices or {}, "to_run": [list(entry) for entry in to_run or []]}


def received(node) -> dict:
    """What a finished worker sent (empty where it sent nothing: it crashed before the end)."""
    return getattr(node, "workeroutput", {}).get(KEY, {"collected": [], "deselected": [], "failed_modules": {}})


def wire(payload: dict) -> dict:
    """A case's payload as a worker sends it on its test report: as JSON text, since execnet cannot carry every value
    a finding holds (an int64 input below -2**31 raises in its serializer and kills the worker, losing the run)."""
    return {"json": json.dumps(payload)}


def unwire(payload: Any) -> dict:
    """The payload of a test report, whether it came from a worker (:func:`wire`) or from this process."""
    if isinstance(payload, dict) and set(payload) == {"json"}:
        return json.loads(payload["json"])
    return payload or {}
