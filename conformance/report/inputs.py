"""What the report reads: complete results files (as typed runs), and the other tools' outputs, each recognised by
its schema."""

from pathlib import Path

from conformance.results.describe import describe_run
from conformance.results.io import load_run, read_json
from conformance.results.model import SCHEMA, Run
from conformance.results.verdicts import Inconsistent, UnusableInput

ENV_ORDER = ["tf", "torch", "jax", "array_api_strict", "interop", "gpu", "latest"]


def _env_key(name: str):
    return (ENV_ORDER.index(name) if name in ENV_ORDER else len(ENV_ORDER), name)


def load_reports(directory: Path) -> tuple[dict[str, Run], dict[str, dict[str, dict]], list[str]]:
    """({env: run} of complete runs, {kind: {name: data}} of other outputs, [notes on what was left out])."""
    from conformance import flake, mutation

    tools = {mutation.MUTATION_SCHEMA: mutation.check_output, flake.FLAKE_SCHEMA: flake.check_output}
    runs: dict[str, Run] = {}
    left_out: list[str] = []
    extras: dict[str, dict[str, dict]] = {}  # {kind (a schema, or "benchmarks"): {name: data}}
    for path in sorted(Path(directory).glob("*.json")):
        data = read_json(path)
        schema = data.get("schema") if isinstance(data, dict) else None
        if schema == SCHEMA:
            try:
                run = load_run(path)
            except Inconsistent:
                raise
            except UnusableInput as exc:  # another catalog's file: left out, with the reason
                left_out.append(str(exc))
                continue
            problem = _not_publishable(path, run)
            if problem:
                left_out.append(problem)
                continue
            runs[path.stem] = run
        elif schema in tools:
            extras.setdefault(schema, {})[path.stem] = tools[schema](path, data)
        elif isinstance(data, dict) and "benchmarks" in data and "machine_info" in data:
            extras.setdefault("benchmarks", {})[path.stem] = data
    return dict(sorted(runs.items(), key=lambda kv: _env_key(kv[0]))), extras, left_out


def _not_publishable(path: Path, run: Run) -> str:
    if not run.get("run", {}).get("complete"):
        return f"{path.name}: a {describe_run(run)}; only complete runs are published"
    if run.environment.get("env") != path.stem:
        return f"{path.name}: written by env {run.environment.get('env')!r}, not {path.stem!r}"
    return ""


def load_reproducers(directory: Path) -> dict[str, list[dict]]:
    """{claim id: [{"outcome", "script", "issue", ...}]} from the reproducers' index, with paths relative to the
    report; any other field of an entry (who must act on it, once the index records that) comes along."""
    index = Path(directory) / "INDEX.json"
    if not index.exists():
        return {}
    data = read_json(index)
    if not isinstance(data, dict) or not isinstance(data.get("reproducers"), list):
        raise UnusableInput(f"{index}: not a reproducer index (no \"reproducers\" list)")
    found: dict[str, list[dict]] = {}
    for item in data["reproducers"]:
        found.setdefault(item["claim"], []).append(
            {**item, "script": f"{directory.name}/{item['script']}", "issue": f"{directory.name}/{item['issue']}"})
    return found
