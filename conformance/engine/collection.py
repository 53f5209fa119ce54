"""Collection rules: every claim test names a catalog claim of its own topic, every claim has exactly one test."""

from pathlib import Path

from conformance.claims import CLAIMS, TOPICS
from conformance.ids import ClaimId

CONFORMANCE_DIR = Path(__file__).resolve().parent.parent
TESTS_DIR = CONFORMANCE_DIR / "tests"  # the test modules, apart from the library modules they use


def claim_of(item) -> ClaimId | None:
    marker = item.get_closest_marker("claim")
    return ClaimId(marker.args[0]) if marker and marker.args else None


def claim_id(item) -> ClaimId:
    """The claim a claim test names (a run with a claim test that names none stops at collection)."""
    claim = claim_of(item)
    if claim is None:
        raise LookupError(f"{item.nodeid} names no claim")
    return claim


_KIND = "conformance_kind"


def _kind(item) -> str:
    """"claim", "observation" or "other": what an item is to the suite, worked out once per item."""
    kind = getattr(item, _KIND, None)
    if kind is None:
        path = Path(item.path)
        inside = path.parent == TESTS_DIR and path.name.startswith("test_")
        kind = "other" if not inside else "observation" if item.get_closest_marker("observation") else "claim"
        setattr(item, _KIND, kind)
    return kind


def is_observation(item) -> bool:
    return _kind(item) == "observation"


def is_claim_test(item) -> bool:
    return _kind(item) == "claim"


def test_module(topic: str) -> str:
    return f"test_{topic}.py"


def topic_modules() -> set[str]:
    return {test_module(topic) for topic in TOPICS}


def integrity_errors(claim_items: list, collected_modules: set[str], whole_modules: bool = True) -> list[str]:
    """Why these items break the catalog's rules; empty when they keep them. Claims without a test are looked
    for only in modules collected whole (not when the run names single tests)."""
    unnamed = [item.nodeid for item in claim_items if claim_of(item) is None]
    if unnamed:
        return [f"claim tests without @pytest.mark.claim: {', '.join(unnamed)}"]
    errors = []
    unknown = sorted({claim_id(i) for i in claim_items} - set(CLAIMS))
    if unknown:
        errors.append(f"tests name claims that are not in the catalog: {', '.join(unknown)}")
    misplaced = sorted({f"{claim_id(i)} (topic {CLAIMS[claim_id(i)].topic}) in {Path(str(i.path)).name}"
                        for i in claim_items if claim_id(i) in CLAIMS
                        and Path(str(i.path)).name != test_module(CLAIMS[claim_id(i)].topic)})
    if misplaced:
        errors.append(f"claims tested outside their topic's test module: {', '.join(misplaced)}")
    tests: dict[ClaimId, set[str]] = {}
    for item in claim_items:
        tests.setdefault(claim_id(item), set()).add(item.originalname if hasattr(item, "originalname") else item.name)
    several = sorted(f"{claim} ({', '.join(sorted(names))})" for claim, names in tests.items() if len(names) > 1)
    if several:
        errors.append(f"claims with more than one test (a claim's cases are one test's parameters): "
                      f"{', '.join(several)}")
    covered = {claim_of(i) for i in claim_items}
    untested = sorted(c.id for c in CLAIMS.values() if whole_modules and test_module(c.topic) in collected_modules
                      and c.id not in covered)
    untested += sorted(c.id for c in CLAIMS.values() if not (TESTS_DIR / test_module(c.topic)).exists())
    if untested:
        errors.append(f"catalog claims without a test: {', '.join(untested)}")
    return errors


def not_run_reasons(outcomes: dict, deselected: set[str], collected: set[str], failed_modules: dict[str, str],
                    stopped: str | None) -> dict[str, str]:
    """Why each claim without a test outcome has none."""
    reasons = {}
    for claim in CLAIMS.values():
        if outcomes.get(claim.id):
            continue
        module = test_module(claim.topic)
        if module in failed_modules:
            reasons[claim.id] = f"error: {module} failed to collect: {failed_modules[module]}"
        elif claim.id in deselected:
            reasons[claim.id] = "deselected in this run (-k, -m or --claims)"
        elif claim.id not in collected:
            reasons[claim.id] = "not collected in this run (the run named other test paths)"
        elif stopped:
            reasons[claim.id] = f"not run: the session stopped early ({stopped})"
        else:
            reasons[claim.id] = "no test ran"
    return reasons
