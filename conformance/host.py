"""This host: what a run may use (frameworks, devices), what it declares, and which machine this is, as one object
from the options. The plugin plans its run with it; the tools describe the machine their runs ran on with it.

Nothing here reads or writes environment variables: what a run hides (``--hide-module``,
``--hide-cuda``) and what it declares it provides (``--provides``) come from its options,
and every framework is known through the registry.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from pathlib import Path

from conformance import processes
from conformance.frameworks import FRAMEWORKS, NO_DEVICE

# What frameworks read from the environment and a run's verdicts can depend on; printed in the session header. Those
# that choose a framework's compiled code paths (its dispatch_variables) are recorded with the machine, too.
DISPATCH_VARIABLES = tuple(dict.fromkeys(name for fw in FRAMEWORKS.values() for name in fw.dispatch_variables))
FRAMEWORK_VARIABLES = ("CUDA_VISIBLE_DEVICES", "JAX_PLATFORMS", "JAX_ENABLE_X64", "XLA_FLAGS", "TF_CPP_MIN_LOG_LEVEL",
                       "OPENBLAS_CORETYPE", *DISPATCH_VARIABLES)
_PRESENT: dict[tuple[str, str], list[str]] = {}
_DISCOVERY_CRASHED: dict[str, str] = {}  # framework key -> how listing its devices crashed
_WORKER_MACHINES: list[dict] = []  # the machines of the pytest-xdist workers (adopt), where the cases ran


@dataclass(frozen=True)
class Environment:
    """The frameworks and devices a run may use. ``hidden``: framework keys to behave as if not installed;
    ``hide_cuda``: behave as if no CUDA device were present; ``provides``: what the run declares it has (framework
    keys and "cuda"), so that a missing one is an error, not a skip; ``contained``: list devices in a forked
    probe (this process never starts a framework's runtime, so that it can fork runners), else here."""

    hidden: frozenset[str] = field(default_factory=frozenset)
    hide_cuda: bool = False
    provides: frozenset[str] = field(default_factory=frozenset)
    contained: bool = True

    def installed(self, key: str) -> bool:
        return key == "numpy" or (key not in self.hidden and FRAMEWORKS[key].findable())

    @property
    def available(self) -> frozenset[str]:
        return frozenset(key for key in FRAMEWORKS if self.installed(key))

    def devices(self, key: str, kind: str) -> list[str]:
        """The devices of ``kind`` that ``key`` has here (none where it is not installed, or CUDA is hidden)."""
        fw = FRAMEWORKS[key]
        if kind not in fw.device_kinds or not self.installed(key) or (kind == "cuda" and self.hide_cuda):
            return []
        if kind == "cpu":
            return ["cpu"]
        if (key, kind) not in _PRESENT:  # the devices a process has do not change while it runs
            _PRESENT.update(self._discover(key))
        return list(_PRESENT[(key, kind)])

    def _discover(self, key: str) -> dict[tuple[str, str], list[str]]:
        """Every device of every kind but the CPU that framework ``key`` has. Under containment the framework is
        imported here (so that each runner forked later starts with it) and its runtime starts in a probe child."""
        fw = FRAMEWORKS[key]
        kinds = [kind for kind in fw.device_kinds if kind != "cpu"]
        asked = [kind for kind in kinds if kind != "cuda" or gpu_hardware()]  # no GPU: nothing to import to ask
        found: dict[str, list[str]] = {kind: [] for kind in kinds}
        if not asked:
            pass
        elif not self.contained:
            found.update({kind: fw.devices(kind) for kind in asked})
        else:
            fw.load()
            try:
                found.update(processes.probe(lambda: {kind: fw.devices(kind) for kind in asked}))
            except processes.ProbeCrashed as crash:
                _DISCOVERY_CRASHED[key] = f"listing {fw.module_name}'s devices crashed the process ({crash.how})"
        return {(key, kind): found[kind] for kind in kinds}

    @staticmethod
    def discovered() -> dict:
        """What this process found listing devices, and its machine, for a pytest-xdist controller (:meth:`adopt`)."""
        return {"present": [[key, kind, devices] for (key, kind), devices in _PRESENT.items()],
                "crashed": dict(_DISCOVERY_CRASHED), "machine": machine()}

    @staticmethod
    def adopt(found: dict) -> None:
        """A worker's devices and machine, as :meth:`discovered` gave them: the controller records the devices and
        the machine its workers ran the cases on (not its own: a worker may run elsewhere, ``--tx ssh=...``, or under
        an emulated CPU), without importing a framework and starting its runtime itself (JAX: 2 s at the end of
        interop's run)."""
        for key, kind, devices in found.get("present", []):
            _PRESENT.setdefault((key, kind), list(devices))
        for key, how in found.get("crashed", {}).items():
            _DISCOVERY_CRASHED.setdefault(key, how)
        if found.get("machine") and found["machine"] not in _WORKER_MACHINES:
            _WORKER_MACHINES.append(found["machine"])

    def expand(self, keys, kind: str) -> list[str]:
        """The devices of ``kind`` of any of the frameworks ``keys`` (the CPU needs no framework)."""
        if kind == "cpu":
            return ["cpu"]
        return sorted({device for key in keys for device in self.devices(key, kind)})

    def cuda_present(self) -> bool:
        return any(self.devices(key, "cuda") for key in FRAMEWORKS if "cuda" in FRAMEWORKS[key].device_kinds)

    def skip_reason(self, keys, device: str | None) -> tuple[str, bool] | None:
        """(why a case of frameworks ``keys`` on ``device`` cannot run here, whether that is an error), or None.

        A placeholder device (a kind with no device present) outranks a missing framework: on a machine without a
        GPU, a CUDA case says "no CUDA device" whichever framework it needs."""
        if device in NO_DEVICE and device != "cpu":
            crashed = [_DISCOVERY_CRASHED[key] for key in keys if key in _DISCOVERY_CRASHED]
            if crashed:
                return crashed[0], True
            if device == "cuda" and not self.cuda_present():
                return NO_DEVICE[device], "cuda" in self.provides
            missing = [key for key in keys if not self.installed(key)]
            if not missing:
                return NO_DEVICE[device], device == "cuda" and "cuda" in self.provides
        for key in keys:
            if not self.installed(key):  # never one the run declares: the plan stops such a run at once
                module = FRAMEWORKS[key].module_name
                return f"{module} not installed", False
        return None

    def versions(self) -> dict:
        return {fw.module_name: fw.version() if self.installed(fw.key) else None for fw in FRAMEWORKS.values()}

    def device_map(self) -> dict[str, list[str]]:
        """{framework: its devices here}, for every installed framework."""
        return {key: [d for kind in FRAMEWORKS[key].device_kinds for d in self.devices(key, kind)]
                for key in FRAMEWORKS if self.installed(key)}

    def describe(self, run_name: str, profile, seed) -> dict:
        """The run's environment. Its machine is where the cases ran: this process's, or its pytest-xdist workers'
        where they all ran on one kind (workers on several kinds: this process's, with theirs under "workers")."""
        here = machine()
        ran_on = _WORKER_MACHINES[0] if len(_WORKER_MACHINES) == 1 else dict(here, workers=list(_WORKER_MACHINES)) \
            if _WORKER_MACHINES else here
        return {"env": run_name, "python": platform.python_version(), "platform": platform.platform(),
                **self.versions(), "hypothesis": _version("hypothesis"), "devices": self.device_map(),
                "machine": ran_on, "hypothesis_profile": profile, "hypothesis_seed": seed}


def gpu_hardware() -> bool:
    """Whether this machine shows a GPU that a CUDA (or ROCm) build could use: NVIDIA's driver or device files, or
    AMD's KFD node. Without one no framework has a CUDA device, so none is imported to ask (elsewhere than Linux,
    every framework is asked)."""
    if platform.system() != "Linux":
        return True
    return (Path("/proc/driver/nvidia/gpus").is_dir() or any(Path("/dev").glob("nvidia[0-9]*"))
            or Path("/dev/kfd").exists())


def _version(distribution: str) -> str | None:
    import importlib.metadata

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def framework_variables() -> dict[str, str]:
    """The framework-read environment variables that are set, for the session header."""
    return {name: os.environ[name] for name in FRAMEWORK_VARIABLES if name in os.environ}


# The instruction-set features a framework's compiled code dispatches on (and crashes on, where it assumes one), as
# NumPy's runtime dispatch reads them from CPUID: what "the same class of CPU" means.
CPU_FEATURES = ("SSE42", "AVX", "F16C", "FMA3", "AVX2", "AVX512F", "AVX512CD", "AVX512BW", "AVX512DQ", "AVX512VL",
                "AVX512_SKX", "AVX512_ICL", "AVX512_SPR", "AVX512FP16", "ASIMD", "ASIMDHP", "SVE")


def machine() -> dict:
    """The machine's fingerprint: what a timing verdict depends on (model, cores), and what chooses the compiled code
    paths a crash can depend on: the CPU features, and the dispatch variables set of the frameworks installed here
    (TF_ENABLE_ONEDNN_OPTS does not make a torch env's crashes machine-dependent)."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), model)
    except OSError:
        pass
    found = {"cpu": model, "cores": os.cpu_count(), "arch": platform.machine(), "system": platform.system(),
             "features": cpu_features()}
    dispatch = {name: os.environ[name] for fw in FRAMEWORKS.values() if fw.findable()  # not an absent framework's
                for name in fw.dispatch_variables if name in os.environ}
    return {**found, "dispatch": dispatch} if dispatch else found


def cpu_features() -> list[str]:
    """The CPU_FEATURES this CPU has, as CPUID reports them to NumPy (an emulator's CPU model included)."""
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as found  # type: ignore[import-not-found]
    except ImportError:  # NumPy 1.x
        from numpy.core._multiarray_umath import __cpu_features__ as found  # type: ignore[no-redef]
    return [name.lower() for name in CPU_FEATURES if found.get(name)]
