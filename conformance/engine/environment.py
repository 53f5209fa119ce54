"""What is installed and which devices are present, without importing a framework needlessly."""

import importlib.metadata
import importlib.util
import os
import platform

import numpy as np

HIDE_CUDA_VARIABLE = "CONFORMANCE_HIDE_CUDA"
HIDE_MODULES_VARIABLE = "CONFORMANCE_HIDE_MODULES"
_DISTRIBUTIONS = {"torch": ("torch",), "tensorflow": ("tensorflow", "tensorflow-cpu", "tensorflow-gpu")}


def installed(module):
    hidden = os.environ.get(HIDE_MODULES_VARIABLE, "").split(",")
    return module not in hidden and importlib.util.find_spec(module) is not None


def version_of(module):
    for distribution in _DISTRIBUTIONS.get(module, (module,)):
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def cuda_hidden():
    return os.environ.get(HIDE_CUDA_VARIABLE, "") not in ("", "0")


def torch_cuda_devices():
    if cuda_hidden() or not installed("torch"):
        return []
    from strategies import cuda_device_names

    return cuda_device_names()


def tf_gpu_devices():
    if cuda_hidden() or not installed("tensorflow"):
        return []
    import tensorflow as tf

    return [device.name for device in tf.config.list_physical_devices("GPU")]


def cuda_devices(frameworks=("torch", "tf")):
    names = []
    if "torch" in frameworks:
        names += torch_cuda_devices()
    if "tf" in frameworks:
        names += [f"tf:{name}" for name in tf_gpu_devices()]
    return names


def env_name():
    return os.environ.get("TOX_ENV_NAME") or "local"


def report_name(kind):
    """reports/ file name for a ``kind`` of run ("mutation", "flake") in this env, without repeating the kind."""
    env = env_name()
    return f"{kind}.json" if env == kind else f"{kind}-{env.removeprefix(kind + '-')}.json"


def describe(profile, seed):
    return {
        "env": env_name(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "numpy": np.__version__,
        "torch": version_of("torch") if installed("torch") else None,
        "tensorflow": version_of("tensorflow") if installed("tensorflow") else None,
        "hypothesis": version_of("hypothesis"),
        "devices": ["cpu"] + cuda_devices(),
        "hypothesis_profile": profile,
        "hypothesis_seed": seed,
    }
