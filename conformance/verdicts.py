"""The verdict vocabulary, in one ordered definition used by the plugin, results, report and compare."""

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
    def verified(self) -> bool:
        """Whether the run decided the claim either way; skipped, inconclusive and error are unverified."""
        return self in (Verdict.HOLDS, Verdict.REFUTED)

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]

    def __str__(self) -> str:
        return self.value


_SYMBOLS = {Verdict.SKIPPED: "⏭️ skipped", Verdict.HOLDS: "✅ holds", Verdict.INCONCLUSIVE: "❔ inconclusive",
            Verdict.REFUTED: "❌ refuted", Verdict.ERROR: "💥 error"}
VERDICT_NAMES = tuple(v.value for v in Verdict)


def most_severe(verdicts) -> Verdict:
    return max((Verdict(v) for v in verdicts), key=lambda v: v.severity, default=Verdict.SKIPPED)


class Inconclusive(Exception):
    """Raised by a test whose measurement cannot decide its claim either way (an interval straddles the threshold)."""
