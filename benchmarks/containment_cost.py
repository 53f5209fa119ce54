"""What containment costs: each main-job env's pytest run with and without it, interleaved, in one invocation.

    python benchmarks/containment_cost.py [--repeat 3] [--envs tf,torch,jax,array_api_strict,interop]

Run after the envs are built (``tox run-parallel --notest`` or the main job). For each env it reads the pytest
command from tox.ini and times, ``--repeat`` times in turn:

- ``contained``: the whole run, as the main job runs it (containment on, the default);
- ``off``: ``--containment off``, without the cases that crash (a crash would end an uncontained run): the cases
  and matrix items whose outcome was a crash in the first contained run are deselected;
- ``contained, same cases``: containment on, with the same deselection.

It prints each median and two ratios: ``same cases / off`` (what the mechanism costs on identical work) and
``contained / off`` (with the crashing cases and the replacement runners they cost). Results go to a temporary
directory; nothing under reports/ is written. Timing here is a measurement, never a test.
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN = ("tf", "torch", "jax", "array_api_strict", "interop")


def pytest_command(env: str) -> list[str]:
    """The env's pytest command line as tox.ini gives it (its first command), with tox's substitutions made."""
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(ROOT / "tox.ini")
    first = ini[f"testenv:{env}"]["commands"].strip().splitlines()[0]
    line = first.replace("{[main]pytest}", ini["main"]["pytest"].replace("\\\n", " ").replace("\n", " "))
    line = line.replace("{env_name}", env).replace("{env:HYPOTHESIS_PROFILE:ci}", "ci").replace("{posargs}", "")
    words = shlex.split(line)
    assert words[0] == "pytest", line
    return [str(ROOT / ".tox" / env / "bin" / "python"), "-m", *words]


def timed(command: list[str], results: Path) -> tuple[float, dict]:
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # tox does not pass it either: runs read their bytecode
    started = time.monotonic()
    done = subprocess.run([*command, "--results", str(results), "-q"], cwd=ROOT, env=environment,
                          capture_output=True, text=True)
    seconds = time.monotonic() - started
    if done.returncode not in (0, 1) or not results.exists():
        sys.exit(f"containment_cost: {' '.join(command)} exited {done.returncode}:\n{done.stdout[-3000:]}")
    return seconds, json.loads(results.read_text())


def crashed(document: dict) -> list[str]:
    """The node ids to leave out of an uncontained run: cases and matrix items where a crash was observed."""
    ids = []
    for claim in document["claims"]:
        test = claim.get("test", "").split("[")[0]
        ids += [f"{test}[{cid}]" for cid, case in claim.get("cases", {}).items()
                if case["outcome"].startswith(("crashes", "exits", "times out")) and test]
    matrix = "conformance/tests/test_conversion_matrix.py::test_observe_conversions"
    for row in document.get("conversions", []):
        if "crashes" in row.get("outcomes", {}):
            ids.append(f"{matrix}[{row['layout']}-{row['size']}-{row['producer']}-{row['device']}]")
    return sorted(set(ids))


def measure(env: str, repeat: int, scratch: Path) -> dict:
    command = pytest_command(env)
    first, document = timed(command, scratch / f"{env}-first.json")
    deselect = [f"--deselect={nodeid}" for nodeid in crashed(document)]
    times: dict[str, list[float]] = {"contained": [], "off": [], "contained, same cases": []}
    for _ in range(repeat):
        for label, extra in (("contained", []), ("off", ["--containment", "off", *deselect]),
                             ("contained, same cases", deselect)):
            times[label].append(timed([*command, *extra], scratch / f"{env}.json")[0])
    medians = {label: statistics.median(values) for label, values in times.items()}
    return {"env": env, "crashing_items": len(deselect), "seconds": times, "median": medians,
            "mechanism": medians["contained, same cases"] / medians["off"],
            "with_crashes": medians["contained"] / medians["off"], "first": first}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--envs", default=",".join(MAIN))
    args = parser.parse_args(argv)
    envs = [e for e in args.envs.split(",") if e]
    unknown = [e for e in envs if e not in MAIN or not (ROOT / ".tox" / e / "bin" / "python").exists()]
    if unknown or args.repeat < 1:
        print(f"containment_cost: {unknown[0] if unknown else '--repeat'}: not a built main-job env "
              "(build them with tox run-parallel --notest) or a repeat below 1", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        rows = [measure(env, args.repeat, Path(scratch)) for env in envs]
    print("| env | crashing items | off (s) | contained, same cases (s) | contained (s) | mechanism | with crashes |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        m = r["median"]
        print(f"| {r['env']} | {r['crashing_items']} | {m['off']:.1f} | {m['contained, same cases']:.1f} | "
              f"{m['contained']:.1f} | {r['mechanism']:.2f}× | {r['with_crashes']:.2f}× |")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
