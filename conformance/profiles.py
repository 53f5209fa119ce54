"""The Hypothesis profiles: registered here, so that both pytest (via conftest) and the CLI tools know them.

Examples are per enumerated case: every dtype, layout, input kind and size class
is its own case, so these numbers buy depth within a case, not coverage of the
finite dimensions. Only ``thorough`` shrinks: a refuted case re-runs
multi-megabyte examples hundreds of times to shrink, and a run starts each case
from its simplest input anyway. ``--shrink`` (in every reproducer line) adds the
shrink phase to whichever profile runs.
"""

from typing import Any

from hypothesis import HealthCheck, Phase, settings

PROFILES = ("default", "ci", "thorough", "flake")
_COMMON: dict[str, Any] = dict(deadline=None, print_blob=True, report_multiple_bugs=False,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                      HealthCheck.differing_executors, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])
_NO_SHRINK: dict[str, Any] = dict(phases=[Phase.explicit, Phase.reuse, Phase.generate])

settings.register_profile("default", max_examples=3, **_NO_SHRINK, **_COMMON)
settings.register_profile("ci", max_examples=2, derandomize=True, database=None, **_NO_SHRINK, **_COMMON)
settings.register_profile("thorough", max_examples=100, **_COMMON)
settings.register_profile("flake", max_examples=2, database=None, **_NO_SHRINK, **_COMMON)
