"""The verdict vocabulary, in one ordered definition used by the plugin, results, report and compare. Which verdicts
decide, verify or ran a claim are sets of these names, defined once in conformance.results.verdicts."""

from enum import Enum


class Verdict(str, Enum):
    """What a run concluded about a claim. Declared from least to most severe:
    a claim's verdict is the most severe of its tests' outcomes."""

    SKIPPED = "skipped"
    HOLDS = "holds"
    INCONCLUSIVE = "inconclusive"
    REFUTED = "refuted"
    ERROR = "error"

    @property
    def severity(self) -> int:
        return list(Verdict).index(self)

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]

    def __str__(self) -> str:
        return self.value

    def __hash__(self) -> int:
        """Hashed as its name in the documents (``"holds"``), as it compares: a verdict finds its entry in a set or a
        mapping of verdict names, and a name finds a verdict's (an Enum hashes its member's Python name otherwise)."""
        return hash(self.value)


_SYMBOLS = {Verdict.SKIPPED: "⏭️ skipped", Verdict.HOLDS: "✅ holds", Verdict.INCONCLUSIVE: "❔ inconclusive",
            Verdict.REFUTED: "❌ refuted", Verdict.ERROR: "💥 error"}
VERDICT_NAMES = tuple(v.value for v in Verdict)


def most_severe(verdicts) -> Verdict:
    return max((Verdict(v) for v in verdicts), key=lambda v: v.severity, default=Verdict.SKIPPED)


class Inconclusive(Exception):
    """Raised by a test whose measurement cannot decide its claim either way (an interval straddles the threshold)."""


class Refuted(AssertionError):
    """A counterexample, with the kind of failure it is: the case's outcome class.

    Outcome classes name what happened, never the values it happened with, so that two runs of a case can be
    compared: ``copies``, ``shares memory``, ``raises ValueError``, ``no exception``, ``crashes SIGSEGV``,
    ``wrong values``, ``wrong dtype``, ``wrong shape``, ``wrong value``, ``wrong type``, ``wrong device``,
    ``writable alias``, ``slower``."""

    def __init__(self, message: str, outcome: str):
        super().__init__(message)
        self.outcome = outcome


class Crashed(Refuted):
    """A case whose process died (a signal, an exit of its own) or outlived its time limit: the outcome class is
    ``crashes SIGSEGV``, ``exits 3`` or ``times out``. Raised in the pytest process on the case's behalf, by
    containment, once the runner that ran it is gone."""


HOLDS = "holds"
UNCLASSIFIED = "fails (unclassified)"


def outcome_class(exc: BaseException | None, verdict: Verdict) -> str:
    """The outcome class of a test phase that ended with ``exc`` (None: passed) and was judged ``verdict``."""
    if verdict is Verdict.HOLDS:
        return HOLDS
    if verdict is Verdict.REFUTED:
        return getattr(exc, "outcome", None) or UNCLASSIFIED
    if verdict is Verdict.ERROR:
        return f"error {type(exc).__name__}" if exc is not None else "error"
    return verdict.value


def raised(exc: BaseException) -> str:
    """The outcome class of a call that raised ``exc``."""
    return f"raises {type(exc).__name__}"
