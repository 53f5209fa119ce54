"""Host <-> device copies, pinned and pageable, on every CUDA device; bandwidth against the bus's nominal peak.

Each timed call synchronises the device, so the time covers the whole copy.
Skipped with "no CUDA device" on machines without one.
"""

import shutil
import subprocess

import pytest

from conformance.engine.environment import Environment

SIZES = [2**20, 2**24, 2**28]
PCIE_GBPS_PER_LANE = {1: 0.25, 2: 0.5, 3: 0.985, 4: 1.969, 5: 3.938, 6: 7.563}


def nominal_peak_gbps(index):
    """PCIe link peak (GB/s per direction) from nvidia-smi, or None where it cannot be read."""
    if shutil.which("nvidia-smi") is None:
        return None
    query = subprocess.run(["nvidia-smi", f"--id={index}", "--format=csv,noheader,nounits",
                            "--query-gpu=pcie.link.gen.max,pcie.link.width.max"],
                           capture_output=True, text=True, timeout=30)
    try:
        generation, width = (int(x) for x in query.stdout.strip().split(","))
    except ValueError:
        return None
    return PCIE_GBPS_PER_LANE.get(generation, 0) * width or None


DEVICES = Environment().devices("torch", "cuda") or [None]


@pytest.mark.gpu
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s}B")
@pytest.mark.parametrize("memory", ["pinned", "pageable"])
@pytest.mark.parametrize("direction", ["host_to_device", "device_to_host"])
@pytest.mark.parametrize("device", DEVICES, ids=lambda d: d or "no-cuda")
def test_transfer(benchmark, device, direction, memory, size):
    if device is None:
        pytest.skip("no CUDA device")
    import torch

    host = torch.empty(size, dtype=torch.uint8, pin_memory=(memory == "pinned"))
    on_device = torch.empty(size, dtype=torch.uint8, device=device)

    def copy():
        if direction == "host_to_device":
            on_device.copy_(host, non_blocking=True)
        else:
            host.copy_(on_device, non_blocking=True)
        torch.cuda.synchronize(device)

    benchmark.group = f"{direction} {memory}"
    benchmark.extra_info.update(transfer=f"{direction} ({memory})", device=device, nbytes=size,
                                nominal_peak_gbps=nominal_peak_gbps(int(device.split(":")[1])))
    benchmark(copy)
