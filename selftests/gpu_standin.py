"""A pytest plugin (``-p selftests.gpu_standin``) for the GPU stand-in run: every framework's CUDA devices are the CPU.

A GPU claim's cases then run here, on the CPU, through the whole plugin (the runner, crash containment, evidence):
what the CUDA case would build (each layout, dtype and size class) is built, and every framework call its test
makes is made. Verdicts of such a run mean nothing (a CPU tensor is no CUDA tensor); whether each case ends in a
verdict rather than an error is what it shows. Never loaded by a conformance run.
"""

from conformance.host import Environment

_devices = Environment.devices


def _cpu_for_cuda(self: Environment, key: str, kind: str) -> list[str]:
    return _devices(self, key, "cpu") if kind == "cuda" and self.installed(key) else _devices(self, key, kind)


Environment.devices = _cpu_for_cuda  # type: ignore[method-assign]
