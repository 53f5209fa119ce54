"""pytest-benchmark hooks: each benchmark file records the versions and devices, and keeps statistics only."""

from conformance.host import Environment


def pytest_benchmark_update_machine_info(config, machine_info):
    described = Environment().describe("bench", None, None)
    machine_info["interop"] = {key: value for key, value in described.items()
                               if key in ("numpy", "torch", "tensorflow", "jax", "array_api_strict", "cupy", "devices",
                                          "machine")}


def pytest_benchmark_update_json(config, benchmarks, output_json):
    """Keep each benchmark's statistics but not its raw samples (megabytes per run)."""
    for bench in output_json["benchmarks"]:
        bench["stats"].pop("data", None)
