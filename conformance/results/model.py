"""The results document as frozen, typed values: a case's result, a claim's result with its findings, a run.

``Run.from_json`` is the one validation (the schema and the document's consistency: a claim's verdict is the most
severe of its cases', the findings' counts add up, each case's dimensions make its id); ``to_json`` writes the
document back, key for key, so that every committed file reads back identical (selftests/test_results_model.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from conformance.ids import ClaimId
from conformance.results.diff import CaseDiff, diff
from conformance.results.verdicts import (CLAIM_VERDICTS, DECIDED, RAN, VERIFIED, Inconsistent, Malformed,
                                          UnusableInput, tally, worst)
from conformance.verdicts import Verdict

JSON = dict[str, Any]
Results = JSON  # a results document as plain data: what the engine assembles and Run.to_json writes
SCHEMA = "interop-conformance-results/3"


class _Typed:
    """In ClaimResult.details: the field's value lives in its typed attribute (verdict, cases, findings)."""

    def __repr__(self) -> str:
        return "TYPED"


TYPED = _Typed()


def _text(where: str, value: object, key: str) -> str:
    if not isinstance(value, str):
        raise Malformed(f"{where}: \"{key}\" must be text, not {value!r:.60}")
    return value


def _expect(where: str, obj: dict[str, Any], key: str, kind: type, prefix: str = "") -> None:
    if not isinstance(obj.get(key), kind):
        raise Malformed(f"{where}: \"{prefix}{key}\" must be a {kind.__name__}, not {obj.get(key)!r:.60}")


@dataclass(frozen=True)
class CaseResult:
    """One case: its dimensions, its verdict, its outcome class, and why (a skip's reason, what a refutation saw)."""

    id: str
    dims: Mapping[str, Any]
    verdict: Verdict
    outcome: str
    reason: str | None = None
    observed: str | None = None

    @property
    def decided(self) -> bool:
        return self.verdict in DECIDED

    @classmethod
    def from_json(cls, here: str, case_id: str, data: object) -> CaseResult:
        """``here``: the document and claim the case belongs to (``path: claim ID``), for the one-line errors."""
        if not (isinstance(data, dict) and data.get("verdict") in CLAIM_VERDICTS and isinstance(data.get("outcome"), str)
                and isinstance(data.get("dims"), dict)):
            raise Malformed(f"{here}: case {case_id!r} needs \"dims\", a \"verdict\" and an \"outcome\"")
        from conformance.domains import case_id as id_of  # the one place a case id is made from its dimensions

        if id_of(data["dims"]) != case_id:
            raise Inconsistent(f"{here}: case {case_id!r}: its \"dims\" make the id {id_of(data['dims'])!r}")
        reason, observed = data.get("reason"), data.get("observed")
        return cls(case_id, dict(data["dims"]), Verdict(data["verdict"]), data["outcome"],
                   None if reason is None else _text(here, reason, "reason"),
                   None if observed is None else _text(here, observed, "observed"))

    def to_json(self) -> JSON:
        out: JSON = {"dims": dict(self.dims), "verdict": self.verdict.value, "outcome": self.outcome}
        if self.reason is not None:
            out["reason"] = self.reason
        if self.observed is not None:
            out["observed"] = self.observed
        return out


@dataclass(frozen=True)
class Finding:
    """One kind of refutation of a claim: its outcome class, the case that shows it and how many cases have it; its
    other fields (the failing example's inputs, what was observed, the counterexample) stay as the document has them,
    with every field in the document's order (``fields``), so that it writes back key for key."""

    outcome: str
    case: str
    cases: int
    fields: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def from_json(cls, here: str, position: int, data: object) -> Finding:
        if not (isinstance(data, dict) and isinstance(data.get("outcome"), str) and isinstance(data.get("case"), str)
                and isinstance(data.get("cases"), int) and not isinstance(data.get("cases"), bool)):
            raise Malformed(f"{here}: \"findings[{position}]\" needs an \"outcome\", a \"case\" and a count of "
                            f"\"cases\", not {data!r:.60}")
        return cls(data["outcome"], data["case"], data["cases"], tuple(data.items()))

    def get(self, key: str, default: Any = None) -> Any:  # a field as the document has it: "inputs", "observed"...
        return next((value for name, value in self.fields if name == key), default)

    def to_json(self) -> JSON:
        typed = {"outcome": self.outcome, "case": self.case, "cases": self.cases}
        return {key: typed.get(key, value) for key, value in self.fields}


@dataclass(frozen=True)
class ClaimResult:
    """A claim's verdict over its cases and its findings; ``details`` keeps its other fields (statement, rerun line...)
    in the order the document has them (``verdict``, ``cases`` and ``findings`` hold their place there, their values
    are typed)."""

    id: ClaimId
    verdict: Verdict
    cases: Mapping[str, CaseResult]
    details: tuple[tuple[str, Any], ...] = ()
    findings: tuple[Finding, ...] = ()

    def detail(self, key: str, default: Any = None) -> Any:
        return next((value for name, value in self.details if name == key), default)

    @classmethod
    def from_json(cls, where: str, data: object, known: frozenset[str] | None = None, position: int = 0) -> ClaimResult:
        if not isinstance(data, dict):
            raise Malformed(f"{where}: claims[{position}] is not an object")
        _expect(where, data, "id", str, f"claims[{position}].")
        claim_id, here = data["id"], f"{where}: claim {data['id']}"
        if known is not None and claim_id not in known:
            raise Malformed(f"{where}: claims[{position}] names {claim_id!r}, which is not in the catalog")
        if data.get("verdict") not in CLAIM_VERDICTS:
            raise Malformed(f"{here} has verdict {data.get('verdict')!r:.60}, not one of {', '.join(CLAIM_VERDICTS)}")
        for key in ("observed", "counterexample", "reason", "rerun"):
            if data.get(key) is not None:
                _text(here, data[key], key)
        raw = data.get("cases", {})
        if not isinstance(raw, dict):
            raise Malformed(f"{here}: \"cases\" must map case ids to cases")
        cases = {name: CaseResult.from_json(here, name, case) for name, case in raw.items()}
        listed = data.get("findings") or []
        if not isinstance(listed, list):
            raise Malformed(f"{here}: \"findings\" must be a list, not {listed!r:.60}")
        findings = tuple(Finding.from_json(here, position, finding) for position, finding in enumerate(listed))
        typed = ("verdict", "cases") + (("findings",) if isinstance(data.get("findings"), list) else ())
        result = cls(ClaimId(claim_id), Verdict(data["verdict"]), cases,
                     tuple((k, TYPED if k in typed else v) for k, v in data.items() if k != "id"), findings)
        result.check(here)
        return result

    def diff(self, other: ClaimResult) -> CaseDiff:
        """The cases of this claim whose outcome class differs in ``other`` (a later run, a baseline's), or that only
        one of them decided."""
        return diff({cid: case.to_json() for cid, case in self.cases.items()},
                    {cid: case.to_json() for cid, case in other.cases.items()})

    @classmethod
    def merged(cls, entries: Sequence[tuple[str, ClaimResult]]) -> ClaimResult:
        """One claim's results from several runs (``(source, result)``) as one: the union of their cases, a decided
        case over a skip; two runs that decided one case differently are refused. A finding's count of cases is
        the merged run's, so the merged document stays consistent when two runs refuted the claim alike."""
        cases: dict[str, tuple[str, CaseResult]] = {}
        claim_id = entries[0][1].id
        for source, entry in entries:
            for case_id, case in entry.cases.items():
                held = cases.get(case_id)
                if held is None or (held[1].verdict not in RAN and case.verdict in RAN):
                    cases[case_id] = (source, case)
                elif case.verdict in RAN and (case.verdict, case.outcome) != (held[1].verdict, held[1].outcome):
                    raise UnusableInput(f"claim {claim_id} is {held[1].outcome} in {held[0]} but {case.outcome} in "
                                        f"{source} (case {case_id}): merge files of one version set only")
        ran = [entry for _, entry in entries if entry.verdict is not Verdict.SKIPPED]
        base = max(ran or [entries[0][1]], key=lambda entry: entry.verdict.severity)
        details = dict(base.details)
        details.setdefault("cases", TYPED)
        details["examples"] = sum(entry.detail("examples", 0) for _, entry in entries)
        verdict = Verdict(worst(case.verdict for _, case in cases.values())) if cases else base.verdict
        refuted = Counter(case.outcome for _, case in cases.values() if case.verdict == "refuted")
        findings: dict[str, Finding] = {}  # one per outcome class: the base run's first, then the others' new ones
        for finding in (f for entry in (base, *(e for _, e in entries)) for f in entry.findings):
            findings.setdefault(finding.outcome, replace(finding, cases=refuted[finding.outcome]))
        return cls(claim_id, verdict, {cid: case for cid, (_, case) in cases.items()}, tuple(details.items()),
                   tuple(f for f in findings.values() if f.cases))

    def check(self, here: str) -> None:
        """The document's consistency: the verdict is the most severe of the cases', the findings' counts add up."""
        if self.cases and self.verdict != worst(case.verdict for case in self.cases.values()):
            raise Inconsistent(f"{here}: \"verdict\" is {self.verdict.value!r}, but the most severe of its "
                               f"{len(self.cases)} cases is {worst(c.verdict for c in self.cases.values())!r}")
        refuted: dict[str, int] = {}
        for case in self.cases.values():
            if case.verdict == "refuted":
                refuted[case.outcome] = refuted.get(case.outcome, 0) + 1
        for position, finding in enumerate(self.findings):
            counted = refuted.get(finding.outcome, 0)
            if finding.cases != counted:
                raise Inconsistent(f"{here}: \"findings[{position}].cases\" says {finding.cases!r} refuted cases "
                                   f"{finding.outcome!r}, but {counted} cases are")

    def to_json(self) -> JSON:
        out: JSON = {"id": self.id}
        for key, value in self.details or (("verdict", TYPED), ("cases", TYPED)):
            out[key] = (value if value is not TYPED else self.verdict.value if key == "verdict" else
                        {name: c.to_json() for name, c in self.cases.items()} if key == "cases" else
                        [f.to_json() for f in self.findings])
        return out


@dataclass(frozen=True)
class Run:
    """A results file: what ran (``run``: complete, faults, selection, scope), where (``environment``), and every
    claim's result."""

    schema: str
    claims: Mapping[ClaimId, ClaimResult]
    header: tuple[tuple[str, Any], ...] = ()
    trailer: tuple[tuple[str, Any], ...] = field(default=())
    source: str = field(default="", compare=False)  # where it was read from, for the one-line errors

    def __iter__(self) -> Iterator[ClaimResult]:
        return iter(self.claims.values())

    def get(self, key: str, default: Any = None) -> Any:
        return next((value for name, value in self.header + self.trailer if name == key), default)

    @property
    def environment(self) -> JSON:
        env = self.get("environment", {})
        return env if isinstance(env, dict) else {}

    @property
    def complete(self) -> bool:
        run = self.get("run", {})
        return isinstance(run, dict) and run.get("complete") is True and not run.get("faults")

    def tally(self) -> dict[str, int]:
        """Claims per verdict, every verdict named, least to most severe (the terminal summary's counts)."""
        return tally(claim.verdict for claim in self)

    def verified(self) -> int:
        """How many claims the run decided either way (holds or refuted); none means the run checked nothing."""
        return sum(1 for claim in self if claim.verdict in VERIFIED)

    @classmethod
    def from_json(cls, where: str, data: object, known: frozenset[str] | None = None) -> Run:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise Malformed(f"{where}: not a results file (no \"schema\": \"{SCHEMA}\")")
        _expect(where, data, "catalog", str)
        _expect(where, data, "run", dict)
        _expect(where, data["run"], "complete", bool, "run.")
        _expect(where, data["run"], "faults", list, "run.")
        _expect(where, data, "environment", dict)
        _expect(where, data["environment"], "env", str, "environment.")
        _expect(where, data, "claims", list)
        claims: dict[ClaimId, ClaimResult] = {}
        for position, entry in enumerate(data["claims"]):
            claim = ClaimResult.from_json(where, entry, known, position)
            if claim.id in claims:
                raise Malformed(f"{where}: claim {claim.id} appears twice")
            claims[claim.id] = claim
        missing = sorted(set(known or ()) - set(claims))
        if missing:
            raise Malformed(f"{where}: lacks {len(missing)} catalog claim(s), e.g. {missing[0]}")
        keys = list(data)
        split = keys.index("claims")
        return cls(data["schema"], claims, tuple((k, data[k]) for k in keys[:split] if k != "schema"),
                   tuple((k, data[k]) for k in keys[split + 1:]), source=where)

    def merge(self, *others: Run) -> Run:
        """This run and ``others`` (files of one version set, made by different envs or machines) as one run; the
        outcome never depends on their order (``conformance.results.merge``)."""
        runs = sorted((self, *others), key=lambda run: str(run.environment.get("env")))
        environment: JSON = {}
        for run in runs:
            for key, value in run.environment.items():
                if environment.get(key) is None:
                    environment[key] = value
        environment["env"] = "+".join(str(run.environment.get("env")) for run in runs)
        header = (("catalog", runs[0].get("catalog")),
                  ("run", {"complete": all(run.get("run", {}).get("complete") for run in runs),
                           "faults": sorted({f for run in runs for f in run.get("run", {}).get("faults", [])}),
                           "selection": [s for run in runs for s in run.get("run", {}).get("selection", [])]}),
                  ("environment", environment))
        claims = {claim_id: ClaimResult.merged([(run.source, run.claims[claim_id]) for run in runs])
                  for claim_id in runs[0].claims}
        return Run(self.schema, claims, header, (("conversions", [row for run in runs for row in run.get(
            "conversions", [])]),), source="+".join(run.source for run in runs))

    def to_json(self) -> JSON:
        return {"schema": self.schema, **dict(self.header), "claims": [c.to_json() for c in self],
                **dict(self.trailer)}
