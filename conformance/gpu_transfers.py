"""Host <-> device transfers on every CUDA device: the raw copies first, then every public path that crosses the bus.

- ``test_copy``: torch's ``copy_`` between a pinned or a pageable host buffer and the device. The pinned copy of
  the same size, direction and device is the in-run baseline that the report divides every path by.
- ``test_path``: every conversion the registry declares that crosses the bus, at the same sizes (float32):
  host -> device: each framework's own upload (its first layout's code, in its device context) and every path
  that takes an ndarray and lands on a CUDA device; device -> host: every path that takes a framework's CUDA
  array and lands on the host (``.cpu()``, ``.numpy(force=True)``, ``np.from_dlpack(x, device="cpu")``,
  ``cupy.asnumpy``, ``jax.device_get``, ...).
  A path that raises, or that does not cross the bus, is skipped with what it did.

Each timed call waits for the devices it touches (``Framework.synchronize``), so the time covers the whole copy.
The report gives GB/s, the ratio to the pinned copy and the share of the bus's nominal peak (PCIe, read from
nvidia-smi). Everything is skipped with "no CUDA device" on machines without one.

It ships in the package, so an installed suite runs it from any directory with ``pytest --pyargs
conformance.gpu_transfers --benchmark-only`` (pytest-benchmark: the ``bench`` extra); named neither ``test_*`` nor
``bench_*``, it is never collected with the claims. ``benchmarks/bench_gpu_transfers.py`` collects it in the repository.
"""

import shutil
import subprocess

import numpy as np
import pytest

from conformance.host import Environment
from conformance.frameworks import FRAMEWORKS, framework_of
from conformance.matrix import evaluate, paths_from

SIZES = [2**20, 2**24, 2**28]
ROUNDS = 7  # device -> host paths time a fresh source array each round (see test_path)
PCIE_GBPS_PER_LANE = {1: 0.25, 2: 0.5, 3: 0.985, 4: 1.969, 5: 3.938, 6: 7.563}
ENVIRONMENT = Environment()
CUDA = {key: ENVIRONMENT.devices(key, "cuda") for key, fw in FRAMEWORKS.items() if "cuda" in fw.device_kinds}
NO_CUDA = pytest.param(None, None, None, None, id="no-cuda")


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


def _crossings():
    """(direction, framework key, path or None for the framework's own upload, device) for each crossing here."""
    available = ENVIRONMENT.available
    found = []
    for key, devices in CUDA.items():
        for device in devices:
            found.append(pytest.param("host_to_device", key, None, device, id=f"host_to_device-{key} upload-{device}"))
            found += [pytest.param("host_to_device", key, path, device, id=f"host_to_device-{path.name}-{device}")
                      for path in paths_from("numpy", available) if path.consumer == key]
            found += [pytest.param("device_to_host", key, path, device, id=f"device_to_host-{path.name}-{device}")
                      for path in paths_from(key, available, on_device=True)]
    return found or [NO_CUDA]


def _describe(benchmark, direction, device, size, transfer, **extra):
    benchmark.group = f"{direction} {device} {size}B"
    benchmark.extra_info.update(transfer=transfer, direction=direction, device=device, nbytes=size,
                                nominal_peak_gbps=nominal_peak_gbps(int(device.split(":")[1])), **extra)


@pytest.mark.gpu
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s}B")
@pytest.mark.parametrize("memory", ["pinned", "pageable"])
@pytest.mark.parametrize("direction", ["host_to_device", "device_to_host"])
@pytest.mark.parametrize("device", CUDA.get("torch") or [None], ids=lambda d: d or "no-cuda")
def test_copy(benchmark, device, direction, memory, size):
    if device is None:
        pytest.skip("no CUDA device")
    torch = FRAMEWORKS["torch"].load()
    host = torch.empty(size, dtype=torch.uint8, pin_memory=(memory == "pinned"))
    on_device = torch.empty(size, dtype=torch.uint8, device=device)

    def copy():
        if direction == "host_to_device":
            on_device.copy_(host, non_blocking=True)
        else:
            host.copy_(on_device, non_blocking=True)
        torch.cuda.synchronize(device)

    _describe(benchmark, direction, device, size, f"copy ({memory})", memory=memory, baseline=memory == "pinned")
    benchmark(copy)


@pytest.mark.gpu
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s}B")
@pytest.mark.parametrize("direction, key, path, device", _crossings())
def test_path(benchmark, direction, key, path, device, size):
    if device is None:
        pytest.skip("no CUDA device")
    fw = FRAMEWORKS[key]
    values = np.arange(size // 4, dtype=np.float32)
    if direction == "host_to_device":
        name = f"{key} upload: {fw.layouts[0].code}" if path is None else path.name

        def upload():
            if path is None:
                return fw.build(values, device=device)[0]
            with fw.on(device):
                return evaluate(path.code, values)
        convert = upload  # takes nothing
    else:
        source = fw.build(values, device=device)[0]
        name = f"{path.name} from {key}"

        def download(x=source):
            return evaluate(path.code, x)
        convert = download  # takes the device array (a fresh one each round)

    try:
        result = convert()
    except Exception as error:  # the conversion matrix records what raises; here it has no time to measure
        pytest.skip(f"{name} raises {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
    landed = framework_of(result).address_space(result)
    if (landed == "host") == (direction == "host_to_device"):
        pytest.skip(f"{name} lands on {landed}: it does not cross the bus {direction.replace('_', ' ')}")

    def timed(*x):
        out = convert(*x)
        framework_of(out).synchronize(out)

    def fresh():
        x = fw.build(values, device=device)[0]
        fw.synchronize(x)
        return (x,), {}

    _describe(benchmark, direction, device, size, name, path=True)
    if direction == "host_to_device":
        benchmark(timed)
    else:  # np.asarray and jax.device_get keep the host copy inside a JAX array: converting it again is free
        benchmark.pedantic(timed, setup=fresh, rounds=ROUNDS, warmup_rounds=1)
