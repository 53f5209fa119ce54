"""README, tox.ini, .ci/run and the CI workflow agree with each other and with the code."""

import configparser
import re
import subprocess

import yaml
from hypothesis import settings

import conformance.profiles  # noqa: F401 - registers the profiles this file checks
from selftests.helpers import ROOT

README = (ROOT / "README.md").read_text()
TESTS = "tox -e tf,torch,jax,array_api_strict,interop"
MAIN = TESTS + ",report"


def readme_commands() -> list[str]:
    return [line.strip() for line in README.splitlines() if line.startswith("    tox ")
            or line.startswith("    TF_VERSION")]


def tox_config():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "tox.ini")
    return parser


def tox_envs() -> set[str]:
    listed = subprocess.run(["python3", "-m", "tox", "list", "--no-desc"], cwd=ROOT, capture_output=True, text=True)
    names = set(listed.stdout.split()) if listed.returncode == 0 else set()
    for section in tox_config().sections():
        if section.startswith("testenv:") and "{" not in section:
            names.add(section.split(":", 1)[1])
    return names | history_envs()


def history_envs() -> set[str]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "conformance.yml").read_text())
    return set(workflow["jobs"]["history"]["strategy"]["matrix"]["env"])


def everything() -> str:
    return next(c for c in readme_commands() if ",selftest," in c)


def test_readme_gives_the_main_and_the_everything_command():
    assert readme_commands()[0] == MAIN
    assert everything().startswith(TESTS + ",selftest,hist-") and everything().endswith(",report")
    assert tox_config()["tox"]["env_list"].replace(" ", "") == MAIN.removeprefix("tox -e ")


def test_only_the_report_env_writes_the_report():
    """A command of several envs writes REPORT.md once, in its last env (it took 23 s a time in each of seven)."""
    config = tox_config()
    writers = [s for s in config.sections() if "conformance.report" in config[s].get("commands", "")]
    assert writers == ["testenv:report"]


def test_every_env_named_in_the_readme_exists():
    envs = tox_envs()
    for command in readme_commands():
        match = re.search(r"tox -([em]) (\S+)", command)
        if match and match.group(1) == "e":
            assert set(match.group(2).split(",")) <= envs, command


def test_ci_run_runs_the_readme_everything_command_verbatim():
    script = (ROOT / ".ci" / "run").read_text()
    extracted = subprocess.run(["bash", "-c", re.search(r"command=\$\((.*)\)", script).group(1)],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert extracted == everything() and "exec python3 -m $command" in script


def test_the_workflow_runs_ci_the_history_matrix_and_the_gpu_job_in_a_cuda_container():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "conformance.yml").read_text())
    assert "bash .ci/run" in [step.get("run", "") for step in workflow["jobs"]["cpu"]["steps"]]
    history = workflow["jobs"]["history"]
    assert history["steps"][-2]["run"] == "tox -e ${{ matrix.env }}"
    labelled = subprocess.run(["python3", "-m", "tox", "list", "-m", "history", "--no-desc"], cwd=ROOT,
                              capture_output=True, text=True)
    if labelled.returncode == 0:  # tox may first say that it runs in the tox it provisioned (tox-uv): lines with spaces
        assert {line for line in labelled.stdout.splitlines() if line and " " not in line} == history_envs()
    gpu = workflow["jobs"]["gpu"]
    assert "image" in gpu["container"] and "--gpus all" in gpu["container"]["options"]
    runs = " ".join(step.get("run", "") for step in gpu["steps"])
    assert "pytest --pyargs conformance --run gpu-container" in runs and "tox" not in runs
    assert "pytest --pyargs conformance --run gpu-h200" in README


def test_readme_profile_numbers_match_the_registered_profiles():
    for name in ("default", "ci", "thorough", "flake"):
        examples = settings.get_profile(name).max_examples
        assert re.search(rf"`{name}` \({examples} examples", README), name
    assert settings.get_profile("ci").derandomize


def test_readme_pins_match_tox():
    tox = (ROOT / "tox.ini").read_text()
    for package, version in re.findall(r"(numpy|torch|tensorflow-cpu|jax|hypothesis|pytest) (\d+(?:\.\d+)+),", README):
        assert re.search(rf"{package}(\[cpu\])?=={{env:\w+:{re.escape(version)}}}|{package}=={re.escape(version)}",
                         tox), (package, version)


def test_readme_lists_every_skip_reason_the_plugin_writes():
    from conformance.frameworks import NO_DEVICE

    engine = ROOT / "conformance" / "engine"
    reasons = re.findall(r'return \(?\(?"([a-z][^"{]*)', (engine / "enumeration.py").read_text())
    reasons += re.findall(r'reasons\[claim.id\] = f?"([a-z][^"{]*)', (engine / "collection.py").read_text())
    reasons += re.findall(r'return f"\{module\} ([a-z][^"{]*)"', (ROOT / "conformance" / "host.py").read_text())
    reasons += list(NO_DEVICE.values())
    assert len(reasons) >= 10
    for reason in reasons:
        assert reason.split(" (")[0].split(";")[0].rstrip(":; ") in " ".join(README.split()), reason


def test_readme_layout_names_every_module():
    for path in sorted((ROOT / "conformance").rglob("*.py")):
        name = path.name
        if name == "__init__.py" or name.startswith(("test_", "_")) or path.parent.name in (
                "claims", "faults", "report", "frameworks", "reproduce"):
            continue
        assert name in README, f"{path.relative_to(ROOT)} is missing from the README's layout"


def test_readme_options_match_the_plugin():
    plugin = (ROOT / "conformance" / "engine" / "plugin.py").read_text()
    options = re.findall(r'add\("(--[a-z-]+)"', plugin)
    assert len(options) >= 12
    for option in options:
        assert f"`{option}" in README, option


def test_pyproject_registers_the_plugin_and_the_tools():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["entry-points"]["pytest11"] == {"conformance.engine.plugin": "conformance.engine.plugin"}
    assert {"conformance-report", "conformance-compare", "conformance-mutation", "conformance-flake",
            "conformance-reproduce"} <= set(project["scripts"])


def test_every_label_named_in_the_readme_exists():
    config = tox_config()
    defined = {line.split("=")[0].strip() for line in config["tox"]["labels"].splitlines() if "=" in line}
    defined |= {line.split(":")[-1].strip() for section in config.sections() if config.has_option(section, "labels")
                for line in config[section]["labels"].splitlines() if line.strip()}
    named = {a or b for a, b in re.findall(r"tox -m ([\w-]+)|\(label `([\w-]+)`\)", README)}
    assert named and named <= defined


def test_tox_passes_the_frameworks_dispatch_variables_through():
    """`ATEN_CPU_CAPABILITY=default tox -e torch` must run torch's default kernels and record it: tox passes every
    dispatch variable to the envs, else the run would silently use the CPU's best kernels."""
    from conformance.host import DISPATCH_VARIABLES

    passed = tox_config()["testenv"]["pass_env"].split()
    assert DISPATCH_VARIABLES and set(DISPATCH_VARIABLES) <= set(passed)
