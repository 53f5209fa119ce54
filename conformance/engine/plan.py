"""The run's plan, read from the options and checked before anything runs: bad input is one line and exit 2."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import settings

from conformance.claims import CLAIMS
from conformance.engine.baseline import shipped_baselines
from conformance.host import Environment, machine
from conformance.engine.results import is_canonical
from conformance.frameworks import FRAMEWORKS, by_module
from conformance.ids import ClaimId
from conformance.results.baseline import Baseline
from conformance.results.environment import case_frameworks, same_cpu_class, same_machine
from conformance.results.io import check_writable
from conformance.results.verdicts import UnusableInput
from conformance.results.io import BASELINE_DIR, load_baseline

SCOPES = {"all": "every claim and the conversion matrix",
          "single-framework": "the claims that need at most one framework besides NumPy",
          "cross-framework": "the claims that need two frameworks or more, and the conversion matrix"}
LOCAL = "local"


class UsageProblem(Exception):
    """A bad option or input file; its message is the one line the user sees."""


@dataclass
class Plan:
    root: Path
    run_name: str = LOCAL
    scope: str = "all"
    environment: Environment = field(default_factory=Environment)
    claims: set[str] | None = None
    faults: list = field(default_factory=list)
    results: Path | None = None
    baseline: Baseline | None = None
    baseline_path: Path | None = None  # where ``baseline`` was read
    update_baseline: bool = False
    accept_changes: bool = False
    show_refuted: bool = False
    selection: list[str] = field(default_factory=list)
    profile: str = "default"
    seed: str = ""
    machine: dict = field(default_factory=machine)

    @property
    def named(self) -> bool:
        """A run with a name (``--run``) can be complete; an unnamed one is a local trial."""
        return self.run_name != LOCAL

    def tolerates_refutation(self, claim_id: ClaimId, case_id: str, outcome: str = "") -> bool:
        """A refutation is a finding; pytest shows it as a failure only where the baseline expected this case to
        hold (on any versions, unless the changes are accepted), for a machine-dependent claim on this machine, and
        for a crash on this class of CPU (README: Outcomes that depend on the CPU)."""
        if self.show_refuted:
            return False
        if self.baseline is None:  # nothing expected to hold
            return True
        expected, claim = self.baseline.expected_outcome(claim_id, case_id), CLAIMS[claim_id]
        if expected != "holds" or self.accept_changes or self.update_baseline:
            return True
        if claim.machine_dependent and not same_machine(self.baseline.machine, self.machine):
            return True
        runs = case_frameworks(claim.frameworks, self.baseline.dims(claim_id, case_id))  # the case's frameworks
        return outcome.startswith("crashes") and not same_cpu_class(self.baseline.machine, self.machine, runs)


PLAN_KEY = pytest.StashKey[Plan]()


def plan_of(config: pytest.Config) -> Plan:
    return config.stash[PLAN_KEY]


def make_plan(config: pytest.Config) -> Plan:
    option = config.getoption
    plan = Plan(root=Path(str(config.invocation_params.dir)), update_baseline=option("update_baseline"),
                accept_changes=option("accept_changes"), show_refuted=option("show_refuted"))
    plan.run_name = _run_name(option("run"))
    plan.scope = option("scope")
    if plan.scope not in SCOPES:
        raise UsageProblem(f"--scope {plan.scope!r} is not one of {', '.join(SCOPES)}")
    plan.environment = Environment(hidden=frozenset(_hidden(option("hide_module"))), hide_cuda=option("hide_cuda"),
                                   provides=frozenset(_provides(option("provides"))),
                                   contained=option("containment") == "on")
    _check_provided(plan.environment)
    if option("case_timeout") <= 0:
        raise UsageProblem(f"--case-timeout {option('case_timeout')}: give a number of seconds above 0")
    plan.profile = option("hypothesis_profile", None) or "default"
    if option("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(random.randrange(2**32))
    plan.seed = str(config.option.hypothesis_seed)
    _check_profile(plan.profile)
    plan.claims = _parse_claims(option("claims"))
    plan.faults = _faults(option("plant_fault"), plan.environment)
    plan.selection = _selection(config, plan)
    if option("results"):
        plan.results = Path(option("results"))
        problem = check_writable(plan.results)
        if problem:
            raise UsageProblem(f"--results {problem}")
        if (plan.faults or plan.selection) and is_canonical(plan.results, plan.root):
            raise UsageProblem(f"--results {plan.results}: a partial or faulted run never writes under reports/ "
                               "(only under reports/scratch/ or outside reports/)")
    if plan.update_baseline and (plan.faults or plan.selection or not plan.named):
        what = ("plants faults" if plan.faults else "selects " + "; ".join(plan.selection) if plan.selection
                else "has no name (--run NAME)")
        raise UsageProblem(f"--update-baseline records a complete, named run without planted faults; this run {what}")
    plan.baseline_path, plan.baseline = _baseline(option("baseline"), plan.update_baseline, plan.run_name)
    return plan


def _run_name(name: str | None) -> str:
    if name is None:
        return LOCAL
    if not name or any(c in name for c in "/\\") or name.startswith(".") or name == LOCAL:
        raise UsageProblem(f"--run {name!r}: a run name is a file name (no slashes, not '{LOCAL}'), e.g. torch or gpu")
    return name


def _check_profile(profile: str) -> None:
    try:
        settings.get_profile(profile)
    except Exception:
        raise UsageProblem(f"--hypothesis-profile={profile!r} is not a registered profile") from None


def _hidden(names: list[str]) -> list[str]:
    known = sorted(fw.module_name for fw in FRAMEWORKS.values() if fw.key != "numpy")
    unknown = [name for name in names if name not in known]
    if unknown:
        raise UsageProblem(f"--hide-module {unknown[0]!r} is not a framework module; known: {', '.join(known)}")
    return [fw.key for fw in map(by_module, names) if fw is not None]  # each is known: none is left out


def _provides(text: str | None) -> list[str]:
    names = [part.strip() for part in (text or "").split(",") if part.strip()]
    unknown = [name for name in names if name not in FRAMEWORKS and name != "cuda"]
    if unknown:
        raise UsageProblem(f"--provides {unknown[0]!r} is not a framework key or 'cuda'; known: "
                           f"{', '.join(k for k in FRAMEWORKS if k != 'numpy')}, cuda")
    return names


def _check_provided(environment: Environment) -> None:
    """A framework the run declares must be here, or the run stops at once (one line, exit 2) rather than erring in
    every case. One that is installed but fails to import makes each case that needs it an error."""
    for key in sorted(environment.provides - {"cuda"}):
        module = FRAMEWORKS[key].module_name
        if key in environment.hidden:
            raise UsageProblem(f"--provides {key}: {module} is hidden by --hide-module, so this run cannot have it")
        if not environment.installed(key):
            raise UsageProblem(f"--provides {key}: {module} is not installed here; install it, or leave it out of "
                               "--provides")


def _parse_claims(text: str | None) -> set[str] | None:
    if text is None:
        return None
    ids = {part.strip() for part in text.split(",") if part.strip()}
    if not ids:
        raise UsageProblem(f"--claims {text!r} names no claim")
    unknown = sorted(ids - set(CLAIMS))
    if unknown:
        raise UsageProblem(f"--claims names unknown claim ids: {', '.join(unknown)}")
    return ids


def _faults(names: list[str], environment: Environment) -> list:
    from conformance.faults import FAULTS

    chosen = []
    for name in names:
        if name not in FAULTS:
            raise UsageProblem(f"--plant-fault: unknown fault {name!r}; see conformance/faults/")
        fault = FAULTS[name]
        if not environment.installed(fault.framework):
            raise UsageProblem(f"--plant-fault {name}: it patches {fault.module}, which is not installed here")
        chosen.append(fault)
    return chosen


def _selection(config: pytest.Config, plan: Plan) -> list[str]:
    """What makes this run a subset of the claims, as far as the options tell before collection."""
    option = config.option
    chosen = [f"-k {option.keyword}"] if option.keyword else []
    chosen += [f"-m {option.markexpr}"] if option.markexpr else []
    chosen += [f"--claims {','.join(sorted(plan.claims))}"] if plan.claims else []
    chosen += [f"--maxfail {option.maxfail}"] if option.maxfail else []
    chosen += [f"--deselect {', '.join(option.deselect)}"] if getattr(option, "deselect", None) else []
    chosen += ["--last-failed"] if getattr(option, "lf", False) else []
    chosen += ["--stepwise"] if getattr(option, "stepwise", False) else []
    chosen += [f"simulated: --hide-module {name}" for name in option.hide_module]
    chosen += ["simulated: --hide-cuda"] if option.hide_cuda else []
    conformance = Path(__file__).resolve().parent.parent
    named = [arg for arg in config.args if "::" in arg or _inside(arg, conformance)]
    return chosen + ([f"paths {' '.join(named)}"] if named else [])


def _inside(arg: str, conformance: Path) -> bool:
    path = Path(arg).resolve()
    return path.is_relative_to(conformance) and path != conformance


def _baseline(option: str | None, update: bool, run_name: str) -> tuple[Path | None, Baseline | None]:
    """``--baseline`` as (its file, the baseline read from it): 'none', a shipped baseline's name (``torch``:
    conformance/baselines/torch.json) or a path; without it, the run's own shipped baseline if there is one. A run
    that updates its baseline compares with the old one where it loads (an older format is simply replaced)."""
    if option == "none":
        return None, None
    path = _baseline_path(option) if option else BASELINE_DIR / f"{run_name}.json"
    if option is None and not path.exists():
        return None, None
    try:
        return Path(path), load_baseline(path)
    except UnusableInput as exc:
        if update and option is None:
            return None, None
        raise UsageProblem(f"--baseline {exc}" if option else str(exc)) from None


def _baseline_path(option: str) -> Path:
    """A bare name (no path separator, no .json) names a baseline the package ships; anything else is a path."""
    if any(sep in option for sep in "/\\") or option.endswith(".json"):
        return Path(option)
    shipped = shipped_baselines()
    if option not in shipped:
        raise UsageProblem(f"--baseline {option!r}: no shipped baseline of that name; shipped: {', '.join(shipped)} "
                           f"(or give a file's path, e.g. ./{option}.json)")
    return shipped[option]
