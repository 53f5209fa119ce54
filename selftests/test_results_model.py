"""The typed results model: every committed document reads back identical through it, and a document that
contradicts itself is refused by ``from_json``, the one validation."""

import json
from pathlib import Path

import pytest

from conformance.claims import CLAIMS
from conformance.results import Inconsistent, Run
from conformance.results.baseline import Baseline
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


CLAIM = "torch.tensor.copies"



def test_verdict_sets_are_defined_once():
    """decided, verified and ran are spelt out only in conformance/results/verdicts.py."""
    spelled = [p for p in (ROOT / "conformance").rglob("*.py") if p.parent.name != "results"
               and any(f"{name} = (" in p.read_text() or f"{name}: frozenset" in p.read_text()
                       for name in ("DECIDED", "VERIFIED", "RAN"))]
    assert [str(p.relative_to(ROOT)) for p in spelled] == []
