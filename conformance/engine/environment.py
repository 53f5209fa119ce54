"""What is installed, which devices are present and which machine this is, without importing a framework needlessly."""

import importlib.metadata
import importlib.util
import os
import platform

import numpy as np

HIDE_CUDA_VARIABLE = "CONFORMANCE_HIDE_CUDA"
HIDE_MODULES_VARIABLE = "CONFORMANCE_HIDE_MODULES"
PROVIDES_VARIABLE = "CONFORMANCE_PROVIDES"
SCOPE_VARIABLE = "CONFORMANCE_SCOPE"
FRAMEWORK_MODULES = {"torch": "torch", "tf": "tensorflow", "jax": "jax"}
_DISTRIBUTIONS = {"torch": ("torch",), "tensorflow": ("tensorflow", "tensorflow-cpu", "tensorflow-gpu"),
                  "jax": ("jax",)}
VERSION_KEYS = ("numpy", "torch", "tensorflow", "jax")


def hidden_modules() -> list[str]:
    return [m for m in os.environ.get(HIDE_MODULES_VARIABLE, "").split(",") if m]


def installed(module: str) -> bool:
    return module not in hidden_modules() and importlib.util.find_spec(module) is not None


def version_of(module: str) -> str | None:
    for distribution in _DISTRIBUTIONS.get(module, (module,)):
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def provided() -> set[str]:
    """What this env declares it installs (tox sets CONFORMANCE_PROVIDES, e.g. "torch,tf"): missing means broken."""
    return {need for need in os.environ.get(PROVIDES_VARIABLE, "").split(",") if need}


def cross_framework_only() -> bool:
    """Whether this env checks only the claims that need two frameworks or more (tox's interop env)."""
    return os.environ.get(SCOPE_VARIABLE, "") == "cross-framework"


def cuda_hidden() -> bool:
    return os.environ.get(HIDE_CUDA_VARIABLE, "") not in ("", "0")


def torch_cuda_devices() -> list[str]:
    if cuda_hidden() or not installed("torch"):
        return []
    from strategies import cuda_device_names

    return cuda_device_names()


def tf_gpu_devices() -> list[str]:
    if cuda_hidden() or not installed("tensorflow"):
        return []
    import tensorflow as tf

    return [device.name for device in tf.config.list_physical_devices("GPU")]


def cuda_devices(frameworks=("torch", "tf")) -> list[str]:
    names = []
    if "torch" in frameworks:
        names += torch_cuda_devices()
    if "tf" in frameworks:
        names += [f"tf:{name}" for name in tf_gpu_devices()]
    return names


def env_name() -> str:
    return os.environ.get("TOX_ENV_NAME") or "local"


def machine() -> dict:
    """The machine's fingerprint: what a timing verdict depends on."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), model)
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "arch": platform.machine(), "system": platform.system()}


def same_machine(a: dict | None, b: dict | None) -> bool:
    keys = ("cpu", "cores", "arch")
    return bool(a) and bool(b) and all(a.get(k) == b.get(k) for k in keys)


def describe_machine(m: dict | None) -> str:
    return f"{m.get('cpu')}, {m.get('cores')} cores" if m else "unknown machine"


def versions() -> dict:
    found = {"numpy": np.__version__}
    for module in ("torch", "tensorflow", "jax"):
        found[module] = version_of(module) if installed(module) else None
    return found


def describe(profile, seed) -> dict:
    return {
        "env": env_name(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        **versions(),
        "hypothesis": version_of("hypothesis"),
        "devices": ["cpu"] + cuda_devices(),
        "machine": machine(),
        "hypothesis_profile": profile,
        "hypothesis_seed": seed,
    }
