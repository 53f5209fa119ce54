"""What every command-line tool of the suite shares: input checks that run first, and one-line failures."""

import sys
from pathlib import Path

from conformance import profiles
from conformance.results.io import check_writable
from conformance.results.verdicts import UnusableInput


def check_profile(profile: str) -> None:
    if profile not in profiles.PROFILES:
        raise UnusableInput(f"--profile {profile!r} is not a registered Hypothesis profile "
                            f"({', '.join(profiles.PROFILES)})")


def check_output_path(path: Path) -> None:
    problem = check_writable(Path(path))
    if problem:
        raise UnusableInput(f"--output {problem}")


def fail(tool: str, problem: Exception) -> int:
    """Print the problem as one line and return exit status 2."""
    message = str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
    print(f"{tool}: {message}", file=sys.stderr)
    return 2
