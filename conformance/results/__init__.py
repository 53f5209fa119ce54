"""The typed results model: ``Run.from_json`` validates a results document once; ``to_json`` writes it back.

The verdict sets (decided, verified, ran) are defined in :mod:`conformance.results.verdicts` and nowhere else.
"""

from conformance.results.model import SCHEMA, CaseResult, ClaimResult, Run
from conformance.results.verdicts import DECIDED, RAN, VERIFIED, Inconsistent, Malformed

__all__ = ["SCHEMA", "CaseResult", "ClaimResult", "Run", "DECIDED", "RAN", "VERIFIED", "Inconsistent", "Malformed"]
