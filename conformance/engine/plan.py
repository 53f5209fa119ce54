"""The run's plan, read from the options and checked before anything runs: bad input is one line and exit 2."""

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import settings

from conformance.claims import CLAIMS
from conformance.engine import environment
from conformance.engine.baseline import BASELINE_DIR, Baseline, load_baseline, version_difference
from conformance.engine.results import UnusableInput, check_writable, is_canonical


class UsageProblem(Exception):
    """A bad option or input file; its message is the one line the user sees."""


@dataclass
class Plan:
    root: Path
    claims: set[str] | None = None
    faults: list = field(default_factory=list)
    results: Path | None = None
    baseline: Baseline | None = None
    update_baseline: bool = False
    show_refuted: bool = False
    selection: list[str] = field(default_factory=list)
    profile: str = "default"
    seed: str = ""
    versions_differ: str = ""

    def tolerates_refutation(self, claim_id: str) -> bool:
        """A refutation is a finding; it fails the run only where the baseline expected the claim to hold
        on these versions and, for a machine-dependent claim, on this machine."""
        if self.show_refuted:
            return False
        expected = self.baseline.expected.get(claim_id) if self.baseline else None
        return expected != "holds" or bool(self.versions_differ) or (
            CLAIMS[claim_id].machine_dependent and not environment.same_machine(self.baseline.machine,
                                                                                environment.machine()))


def make_plan(config) -> Plan:
    option = config.getoption
    plan = Plan(root=Path(str(config.rootpath)), update_baseline=option("update_baseline"),
                show_refuted=option("show_refuted"))
    plan.profile = option("hypothesis_profile", None) or os.environ.get("HYPOTHESIS_PROFILE") or "default"
    if option("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(random.randrange(2**32))
    plan.seed = str(config.option.hypothesis_seed)
    _check_profile(plan.profile)
    _check_hidden_modules(option("hide_module"))
    plan.claims = _parse_claims(option("claims"))
    plan.faults = _faults(option("plant_fault"))
    plan.selection = _selection(config, plan)
    if option("results"):
        plan.results = Path(option("results"))
        problem = check_writable(plan.results)
        if problem:
            raise UsageProblem(f"--results {problem}")
        if (plan.faults or plan.selection) and is_canonical(plan.results, plan.root):
            raise UsageProblem(f"--results {plan.results}: a partial or faulted run never writes under reports/ "
                               "(only under reports/scratch/ or outside reports/)")
    if plan.update_baseline and (plan.faults or plan.selection):
        raise UsageProblem("--update-baseline records a complete run without planted faults; this run "
                           f"{'plants faults' if plan.faults else 'selects ' + '; '.join(plan.selection)}")
    plan.baseline = _baseline(option("baseline"), plan.update_baseline)
    if plan.baseline is not None:
        plan.versions_differ = version_difference(plan.baseline.versions, environment.versions())
    return plan


def _check_profile(profile: str) -> None:
    try:
        settings.get_profile(profile)
    except Exception:
        raise UsageProblem(f"--hypothesis-profile={profile!r} is not a registered profile") from None


def _check_hidden_modules(names: list[str]) -> None:
    known = sorted(environment.FRAMEWORK_MODULES.values())
    unknown = [name for name in names if name not in known]
    if unknown:
        raise UsageProblem(f"--hide-module {unknown[0]!r} is not a framework module; known: {', '.join(known)}")


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


def _faults(names: list[str]) -> list:
    from conformance.faults import FAULTS

    chosen = []
    for name in names:
        if name not in FAULTS:
            raise UsageProblem(f"--plant-fault: unknown fault {name!r}; see conformance/faults/")
        fault = FAULTS[name]
        if not environment.installed(fault.module):
            raise UsageProblem(f"--plant-fault {name}: it patches {fault.module}, which is not installed here")
        chosen.append(fault)
    return chosen


def _selection(config, plan: Plan) -> list[str]:
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
    conformance = (plan.root / "conformance").resolve()
    named = [arg for arg in config.args if "::" in arg or Path(arg).resolve().is_relative_to(conformance)
             and Path(arg).resolve() != conformance]
    return chosen + ([f"paths {' '.join(named)}"] if named else [])


def _baseline(option: str | None, update: bool) -> Baseline | None:
    if option == "none" or update:
        return None
    path = Path(option) if option else BASELINE_DIR / f"{environment.env_name()}.json"
    if option is None and not path.exists():
        return None
    try:
        return load_baseline(path)
    except UnusableInput as exc:
        raise UsageProblem(str(exc)) from None
