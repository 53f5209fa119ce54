"""The typed results model: every committed document reads back identical through it, and a document that
contradicts itself is refused by ``from_json``, the one validation."""

import ast
import json
from pathlib import Path

import pytest

from conformance.claims import CLAIMS
from conformance.results import Inconsistent, Run
from conformance.results.baseline import Baseline
from conformance.verdicts import VERDICT_NAMES, Verdict
from selftests.test_consistency import BROKEN
from selftests.helpers import results

ROOT = Path(__file__).resolve().parents[1]
RESULTS = sorted(p for folder in ("reports", "reports/history", "reports/cpu") for p in (ROOT / folder).glob("*.json")
                 if json.loads(p.read_text()).get("schema", "").startswith("interop-conformance-results"))
BASELINES = sorted((ROOT / "conformance" / "baselines").glob("*.json"))


@pytest.mark.parametrize("path", RESULTS + BASELINES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_committed_document_reads_back_identical(path):
    text = path.read_text()
    data = json.loads(text)
    model = (Baseline if "baselines" in path.parts else Run).from_json(str(path), data, frozenset(CLAIMS))
    back = model.to_json()
    assert back == data
    assert json.dumps(back) == json.dumps(data), "the keys come back in another order"


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_from_json_refuses_a_document_that_contradicts_itself(name):
    breaks, message = BROKEN[name]
    document = breaks(results())
    with pytest.raises(Inconsistent) as raised:
        Run.from_json("doc.json", document)
    assert "torch.tensor.copies" in str(raised.value)


def test_a_claim_s_findings_are_typed_and_a_malformed_one_is_refused_in_one_line():
    from conformance.results import Malformed
    from conformance.results.model import Finding

    refuted = [Run.from_json(str(p), json.loads(p.read_text())) for p in RESULTS if p.name == "torch.json"][0]
    findings = [f for claim in refuted.claims.values() for f in claim.findings]
    assert findings and all(isinstance(f, Finding) and isinstance(f.cases, int) and f.outcome and f.case
                            for f in findings)
    document = results()
    entry = next(c for c in document["claims"] if c["id"] == "torch.tensor.copies")
    entry["findings"] = [{"outcome": "copies", "case": "int8-cpu"}]  # no count of cases
    with pytest.raises(Malformed) as raised:
        Run.from_json("doc.json", document)
    assert 'claim torch.tensor.copies: "findings[0]" needs' in str(raised.value) and "\n" not in str(raised.value)


CLAIM = "torch.tensor.copies"
VERDICTS = ROOT / "conformance" / "results" / "verdicts.py"


def _is_verdict(node: ast.expr) -> bool:
    """A verdict spelt inline: ``"holds"``, ``Verdict.HOLDS`` or ``Verdict.HOLDS.value``."""
    if isinstance(node, ast.Constant):
        return node.value in VERDICT_NAMES
    if isinstance(node, ast.Attribute) and node.attr == "value":
        node = node.value
    return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Verdict"
            and node.attr in Verdict.__members__)


def verdict_literals(path: Path) -> list[str]:
    """Where ``path`` spells a set of verdicts inline: a tuple, list or set of two or more verdicts and nothing else
    (``("holds", "refuted")``, ``{Verdict.HOLDS, Verdict.REFUTED}``), or assigns DECIDED, VERIFIED, RAN or FAILING."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        collection = isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2
        if collection and all(map(_is_verdict, node.elts)):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        targets = (node.targets if isinstance(node, ast.Assign) else [node.target]
                   if isinstance(node, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id in ("DECIDED", "VERIFIED", "RAN", "FAILING") for t in targets):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_verdict_sets_are_defined_once():
    """decided, verified and ran, and every other set of verdicts, are spelt out only in
    conformance/results/verdicts.py: anywhere else a set of verdicts is one of those, by name."""
    spelled = [where for path in sorted((ROOT / "conformance").rglob("*.py")) if path != VERDICTS
               for where in verdict_literals(path)]
    assert spelled == []


def test_the_guard_sees_the_definitions_themselves():
    """The one file the guard leaves out is where it finds every set: an inline copy elsewhere would be seen too."""
    assert len(verdict_literals(VERDICTS)) >= 6  # DECIDED, VERIFIED and RAN: each assigned, and each a set literal
