"""Containment: a framework that kills the process costs the case it happened in, never the run.

Crash faults (``conformance/faults/``) kill the process three ways, by dtype: int8 reads a null pointer (SIGSEGV),
int16 aborts (SIGABRT), int32 raises SIGILL. They sit in a claim's body, in a JAX consumer's path of the conversion
matrix and in the read-back of a result; each case that meets one must get that crash as its outcome, every other case
the outcome it has without the fault, and the run must write a complete results document.
"""

import subprocess
import sys

import pytest

from conformance.claims import CLAIMS
from conformance.faults import CRASH_BY_DTYPE, CRASH_SIGNALS
from selftests.helpers import ROOT, entry, run_conformance
from selftests.killer import KILLS

pytest.importorskip("torch")
pytest.importorskip("jax")
SIGNAL_OF = {dtype: f"crashes {CRASH_SIGNALS[how]}" for dtype, how in CRASH_BY_DTYPE.items()}
JAX_NARROWS = {"int64": "int32", "uint64": "uint32", "float64": "float32", "complex128": "complex64"}  # without x64


def _cases(document: dict, claim_id: str) -> dict:
    return entry(document, claim_id)["cases"]


@pytest.mark.parametrize("fault, claim_id, module", [
    ("torch-from-numpy-crashes", "torch.from_numpy.shares_memory", "conformance/tests/test_torch_memory.py"),
    ("jax-read-back-crashes", "jax.array.copies", "conformance/tests/test_jax.py"),
])
def test_a_crash_in_a_claim_body_or_a_read_back_is_the_outcome_of_its_case_alone(tmp_path, fault, claim_id, module):
    _, _, clean = run_conformance(tmp_path / "clean", "--claims", claim_id, paths=(module,))
    code, output, faulted = run_conformance(tmp_path / "faulted", "--claims", claim_id, "--plant-fault", fault,
                                            paths=(module,))
    assert faulted is not None and {e["id"] for e in faulted["claims"]} == set(CLAIMS), output
    before, after = _cases(clean, claim_id), _cases(faulted, claim_id)
    assert before.keys() == after.keys()
    crashed = {}
    for case_id, case in after.items():
        dtype = case["dims"]["dtype"]
        dtype = JAX_NARROWS.get(dtype, dtype) if fault.startswith("jax") else dtype  # the dtype the fault sees
        if dtype not in SIGNAL_OF:
            assert case["outcome"] == before[case_id]["outcome"], case_id
        elif case["outcome"] != before[case_id]["outcome"]:
            assert case["outcome"] == SIGNAL_OF[dtype], (case_id, case)
            crashed[case_id] = case
    assert {c["outcome"] for c in crashed.values()} == set(SIGNAL_OF.values())
    findings = {f["outcome"]: f for f in entry(faulted, claim_id)["findings"]}
    for signal_outcome in SIGNAL_OF.values():
        finding = findings[signal_outcome]
        assert finding["inputs"] and finding["inputs"][0]["dtype"], finding  # the input it crashed on, for a reproducer
        assert "crash_for" in finding["observed"], finding  # the Python stack at the crash


def _rows(document: dict) -> dict:
    return {(r["path"], r["dtype"], r["layout"], r["size"]): r for r in document["conversions"]}


def test_a_crash_in_a_jax_consumers_matrix_path_costs_only_that_path(tmp_path):
    case = ("-k", "test_observe_conversions and contiguous-0-d-torch-cpu")
    paths = ("conformance/tests/test_conversion_matrix.py",)
    _, _, clean = run_conformance(tmp_path / "clean", *case, paths=paths)
    _, output, faulted = run_conformance(tmp_path / "faulted", *case, "--plant-fault", "jax-from-dlpack-crashes-on-torch",
                                         paths=paths)
    before, after = _rows(clean), _rows(faulted)
    assert before.keys() == after.keys() and len(after) > 50, output
    for key, row in after.items():
        path, dtype = key[0], key[1]
        if path == "jnp.from_dlpack" and dtype in SIGNAL_OF:
            assert row["outcomes"] == {"crashes": 1} and row["exceptions"] == [SIGNAL_OF[dtype].split()[1]], row
        else:
            assert row["outcomes"] == before[key]["outcomes"], key


@pytest.mark.parametrize("how", sorted(KILLS))
def test_every_way_a_process_dies_becomes_the_outcome_of_the_case_in_flight(tmp_path, how):
    claim_id = "torch.from_numpy.shares_memory"
    timeout = ("--case-timeout", "3") if how == "hang" else ()
    code, output, document = run_conformance(tmp_path, "--claims", claim_id, "-p", "selftests.killer", "--kill", how,
                                             *timeout, paths=("conformance/tests/test_torch_memory.py",))
    assert document is not None, output
    outcomes = {case["dims"]["dtype"]: case["outcome"] for case in _cases(document, claim_id).values()}
    assert outcomes["int8"] == KILLS[how][1], output
    assert outcomes["float32"] == "holds"


def test_a_runner_that_dies_while_the_pytest_process_still_logs_the_case_before_costs_its_own_case_alone(tmp_path):
    """The runner runs the next case while the pytest process logs the one before; when it dies in that case before
    the pytest process names the case after it, naming it fails (a broken pipe). That is the runner's death, read back
    as the outcome of the case it died in, never an internal error that ends the run with the cases after unrun."""
    claim_id = "torch.from_numpy.shares_memory"
    code, output, document = run_conformance(tmp_path, "--claims", claim_id, "-p", "selftests.killer", "--kill",
                                             "sigkill", "--kill-in", "setup", "--slow-parent", "0.3",
                                             paths=("conformance/tests/test_torch_memory.py",))
    assert "INTERNALERROR" not in output and document is not None, output[-3000:]
    assert document["run"]["stopped"] is None, document["run"]
    cases = _cases(document, claim_id)
    killed = {k: c for k, c in cases.items() if c["dims"]["dtype"] in ("int8", "uint8")}
    assert killed and all("SIGKILL" in c.get("observed", "") for c in killed.values()), killed
    others = [c for k, c in cases.items() if k not in killed]
    assert others and all(c["outcome"] == "holds" for c in others), output[-3000:]
    assert len(cases) == len(_cases(run_conformance(tmp_path / "clean", "--claims", claim_id, paths=(
        "conformance/tests/test_torch_memory.py",))[2], claim_id))


def test_a_runner_that_dies_between_two_cases_costs_no_case(tmp_path):
    """A runner that dies after it handed back a case and before it began the next (no case was in flight) is
    replaced, and the next case runs in the new runner, with a warning that says so."""
    claim_id = "torch.from_numpy.shares_memory"
    code, output, document = run_conformance(tmp_path, "--claims", claim_id, "-p", "selftests.killer", "--kill",
                                             "sigkill", "--kill-in", "after", "-W", "default",
                                             paths=("conformance/tests/test_torch_memory.py",))
    assert document is not None and code == 0, output[-3000:]
    outcomes = {c["outcome"] for c in _cases(document, claim_id).values()}
    assert outcomes == {"holds"}, output[-3000:]
    assert "a runner died (SIGKILL) before it began this item" in output, output[-3000:]


@pytest.mark.parametrize("workers", [(), ("-n", "2")], ids=["one process", "xdist"])
def test_a_session_that_breaks_off_is_never_a_complete_run_and_its_unrun_cases_are_errors(tmp_path, workers,
                                                                                         monkeypatch):
    """An internal error (here planted in the pytest process) ends the session with items unrun. The results say
    the run stopped, it never passes for a complete one (so it never lands in reports/), and every case that never
    ran is an error of its claim: no claim holds on the cases that happened to run before the break."""
    claim_id = "torch.from_numpy.shares_memory"
    if workers:  # xdist's workers take the sys.path this process started with, without the checkout
        from xdist import workermanage
        monkeypatch.setattr(workermanage, "_sys_path", [str(ROOT), *workermanage._sys_path])
    code, output, document = run_conformance(tmp_path, "--claims", claim_id, "-p", "selftests.breaker",
                                             "--break-at", "int16-", *workers,
                                             paths=("conformance/tests/test_torch_memory.py",))
    assert code != 0 and document is not None, output[-3000:]
    assert document["run"]["complete"] is False and "internal error" in document["run"]["stopped"], document["run"]
    claim = entry(document, claim_id)
    outcomes = {c["outcome"] for c in claim["cases"].values()}
    assert claim["verdict"] == "error" and "error NotRun" in outcomes and "holds" in outcomes, outcomes
    _, _, clean = run_conformance(tmp_path / "clean", "--claims", claim_id,
                                  paths=("conformance/tests/test_torch_memory.py",))
    assert claim["cases"].keys() == _cases(clean, claim_id).keys()  # every case is accounted for


def test_without_containment_the_same_crash_ends_the_run(tmp_path):
    """What the tests above would see without the mechanism: the process dies and no results are written."""
    target = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "pytest", str(ROOT / "conformance" / "tests" / "test_torch_memory.py"), "-q",
                          "-p", "no:cacheprovider", "--claims", "torch.from_numpy.shares_memory", "--plant-fault",
                          "torch-from-numpy-crashes", "--containment", "off", "--hypothesis-profile=ci",
                          "--results", str(target)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode < 0 and not target.exists(), run.stdout[-2000:]
