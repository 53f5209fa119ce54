"""README, tox.ini, .ci/run and the CI workflow agree with each other and with the code."""

import configparser
import re
import subprocess

import yaml
from hypothesis import settings

from selftests.helpers import ROOT

README = (ROOT / "README.md").read_text()


def readme_commands():
    return [line.strip() for line in README.splitlines() if line.startswith("    tox ")]


def tox_config():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "tox.ini")
    return parser


def tox_envs():
    return {section.split(":", 1)[1] for section in tox_config().sections() if section.startswith("testenv:")}


def tox_labels():
    config = tox_config()
    return {config[section]["labels"].strip() for section in config.sections() if "labels" in config[section]}


def test_readme_gives_the_main_and_the_everything_command():
    commands = readme_commands()
    assert commands[0] == "tox -e tf,torch"
    everything = [c for c in commands if c.startswith("tox -e tf,torch,")]
    assert len(everything) == 1
    assert "selftest" in everything[0]


def test_every_env_and_label_named_in_the_readme_exists():
    for command in readme_commands():
        option, names = re.match(r"tox -([em]) (\S+)", command).groups()
        known = tox_envs() if option == "e" else tox_labels()
        assert set(names.split(",")) <= known, command


def test_ci_run_runs_the_readme_everything_command_verbatim():
    script = (ROOT / ".ci" / "run").read_text()
    extracted = subprocess.run(["bash", "-c", re.search(r"command=\$\((.*)\)", script).group(1)],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert extracted == next(c for c in readme_commands() if c.startswith("tox -e tf,torch,"))
    assert 'exec python3 -m $command' in script


def test_workflow_jobs_run_the_readme_commands():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "conformance.yml").read_text())
    cpu_steps = [step.get("run", "") for step in workflow["jobs"]["cpu"]["steps"]]
    assert "tox -e tf,torch" in cpu_steps and "bash .ci/run" in cpu_steps
    gpu = workflow["jobs"]["gpu"]
    assert "gpu" in gpu["runs-on"]
    gpu_steps = [step.get("run", "") for step in gpu["steps"]]
    assert "tox -e gpu -- -m gpu" in gpu_steps and "tox -e gpu -- -m gpu" in readme_commands()
    for job in ("cpu", "gpu"):
        uploads = [s for s in workflow["jobs"][job]["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
        assert uploads and "REPORT.md" in uploads[0]["with"]["path"] and "reports/" in uploads[0]["with"]["path"]


def test_readme_profile_numbers_match_the_registered_profiles():
    for name in ("default", "ci", "thorough", "flake"):
        examples = settings.get_profile(name).max_examples
        assert re.search(rf"`{name}` \({examples} examples", README), name
    assert settings.get_profile("ci").derandomize


def test_readme_pins_match_tox():
    tox = (ROOT / "tox.ini").read_text()
    for package, version in re.findall(r"(numpy|torch|tensorflow-cpu|hypothesis|pytest) (\d+(?:\.\d+)+)", README):
        if package == "numpy" and version.startswith("1."):
            continue
        assert f"{package}=={version}" in tox, (package, version)
