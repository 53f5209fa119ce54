"""Earlier claim catalogs whose results files still count, claim by claim.

A results file names the catalog it was written under: a digest of the line each claim contributes (its id,
statement and domain). When claims change (a domain widened), a file of the catalog before still records faithfully
every claim that did not. ``catalogs.json`` keeps, for each earlier catalog, the line of each of its claims (they hash
to its digest: a selftest checks it). A file of a kept catalog is read with every claim whose line differs now, or
that it lacks, set aside (skipped, saying why: it was decided under another definition, or not at all), and the
others as recorded. A file of a catalog not kept there is refused, as any file of another catalog was before.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conformance.claims import CLAIMS

CATALOGS = Path(__file__).with_name("catalogs.json")
KEPT = ("statement", "source", "needs", "topic")  # what a set-aside claim keeps of its recorded entry
EARLIER_DEFINITION = "decided under an earlier definition of this claim"


def set_aside(entries: Iterable[tuple[str, str | None]]) -> list[str]:
    """The claims, of (claim id, reason) pairs read from results files, that a file of an earlier catalog set aside."""
    return sorted({claim for claim, reason in entries if (reason or "").startswith(EARLIER_DEFINITION)})


def claim_line(claim: Any) -> str:
    """What a claim contributes to its catalog's digest."""
    return f"{claim.id}\t{claim.statement}\t{sorted(claim.domain.as_dict().items())}"


def digest_of(lines: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def earlier() -> dict[str, dict[str, Any]]:
    """{digest: {"replaced": the date, "claims": {claim id: its line}}} of every earlier catalog kept."""
    kept: dict[str, dict[str, Any]] = json.loads(CATALOGS.read_text(encoding="utf-8"))
    return kept


def changed_since(digest: str) -> frozenset[str] | None:
    """The claims of the current catalog whose definition catalog ``digest`` did not have (None: not kept)."""
    kept = earlier().get(digest)
    if kept is None:
        return None
    return frozenset(c.id for c in CLAIMS.values() if kept["claims"].get(c.id) != claim_line(c))


def carried_over(data: dict[str, Any], changed: frozenset[str]) -> dict[str, Any]:
    """A results document of an earlier catalog, its claims in the current catalog's order: those in ``changed``
    (or missing) set aside as skipped with the reason, those since removed left out, the others as recorded."""
    recorded = {e["id"]: e for e in data["claims"] if isinstance(e, dict) and e.get("id") in CLAIMS}
    reason = f"{EARLIER_DEFINITION} (catalog {data['catalog']}), not the current one: rerun its env"
    claims = []
    for claim in CLAIMS.values():
        entry = recorded.get(claim.id)
        if entry is not None and claim.id not in changed:
            claims.append(entry)
            continue
        kept = ({key: entry[key] for key in KEPT if key in entry} if entry is not None else
                {"statement": claim.statement, "source": claim.source, "needs": list(claim.needs), "topic": claim.topic})
        claims.append({"id": claim.id, **kept, "verdict": "skipped", "examples": 0,
                       "reason": reason if entry is not None else "not in the catalog this file was written under",
                       "cases": {}})
    return {**data, "claims": claims}


def keep(today: str) -> str:
    """Keep the current catalog in ``catalogs.json`` (before a claim's statement or domain changes), so that the
    results files written under it keep counting, claim by claim; returns its digest."""
    lines = {c.id: claim_line(c) for c in sorted(CLAIMS.values(), key=lambda c: c.id)}
    digest = digest_of(lines.values())
    kept = dict(earlier())
    kept.setdefault(digest, {"replaced": today, "claims": lines})
    CATALOGS.write_text(json.dumps(kept, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    earlier.cache_clear()
    return digest


def main(argv: list[str] | None = None) -> int:
    """``python -m conformance.results.lineage --keep``: run it before changing a claim's statement or domain."""
    import argparse
    from datetime import date

    parser = argparse.ArgumentParser(prog="python -m conformance.results.lineage", description=main.__doc__)
    parser.add_argument("--keep", action="store_true", required=True,
                        help="keep the current catalog, so that its results files keep counting claim by claim")
    parser.parse_args(argv)
    print(f"lineage: catalog {keep(date.today().isoformat())} kept in {CATALOGS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
