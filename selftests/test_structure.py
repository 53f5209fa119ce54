"""The house rules, checked: no import circle, no environment variable written or read by the suite itself, no
machinery module over 300 lines and no class over 120."""

import ast
from pathlib import Path

import pytest

from selftests.helpers import ROOT

PACKAGES = ("conformance", "strategies")


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The suite's modules ``path`` imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        found |= {name for name in names if name in known}
    return found


def test_the_suite_has_no_import_circle():
    known = modules()
    graph = {name: imports_of(path, set(known)) - {name} for name, path in known.items()}
    for name in graph:  # a package's __init__ importing its own submodules is how it registers them, not a circle
        graph[name] = {m for m in graph[name] if not m.startswith(name + ".")}
    circles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert circles == [], " ; ".join(" -> ".join(c) for c in circles)


def test_the_suite_reads_and_writes_no_environment_variable():
    offenders = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "putenv", "setenv", "unsetenv"):
                offenders.append(f"{name}:{node.lineno} {node.attr}")
    allowed = {"conformance.host"}  # prints the framework-read variables in the session header
    assert [o for o in offenders if o.split(":")[0] not in allowed] == []


@pytest.mark.parametrize("name", sorted(n for n in modules() if not n.split(".")[-1].startswith("test_")
                                        and ".claims." not in n and ".faults." not in n))
def test_no_machinery_module_over_300_lines_and_no_class_over_120(name):
    path = modules()[name]
    assert len(path.read_text().splitlines()) <= 300, name
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno - node.lineno + 1 <= 120, f"{name}.{node.name}"



# Each module's layer, lowest first: a module imports only from its own layer or below.
LAYERS = (
    ("strategies", "conformance.verdicts", "conformance.ids", "conformance.journal", "conformance.profiles",
     "conformance.upstream"),  # words
    ("conformance.frameworks",),  # what knows each framework's API
    ("conformance.processes", "conformance.host"),  # forked children; this host: its frameworks, devices and machine
    ("conformance.dimensions", "conformance.domains", "conformance.claims"),  # the catalog: claims, their dimensions
    ("conformance.results",),  # the results model
    ("conformance.engine", "conformance.faults"),  # the pytest plugin; planted faults
    ("conformance.",),  # the tools (compare, report, reproduce, ...) and the tests' helpers
)


def layer_of(name: str) -> int:
    if name == "conformance":
        return 0  # the package itself: a docstring
    if name.split(".")[-1].startswith("test_"):
        return len(LAYERS)
    return next(i for i, prefixes in enumerate(LAYERS) for p in prefixes if name == p or name.startswith(
        p if p.endswith(".") else p + ".") or name == p.rstrip("."))


def test_no_module_imports_one_from_a_layer_above_it():
    known = modules()
    upward = [f"{name} -> {imported}" for name, path in sorted(known.items())
              for imported in sorted(imports_of(path, set(known)))
              if not imported.startswith(name + ".") and layer_of(imported) > layer_of(name)]
    assert upward == []


# The plugin is conformance.engine; the tools read, write and compare results through conformance.results. A module
# outside engine/, faults/ and tests/ imports from engine/ only to do what the plugin itself does, each listed here
# with why: {importer: the engine modules it may import}.
PLUGIN_USERS = {
    # runs pytest sessions over the plugin's test modules, and reads back the results file each session wrote
    "conformance.tools.runs": {"conformance.engine.collection"},
    # the tests' helper: notes each input a test builds as evidence, which the plugin collects per case
    "conformance.inputs": {"conformance.engine.evidence"},
}


def engine_imports(path: Path) -> set[str]:
    """The engine modules ``path`` imports (``from conformance.engine import evidence`` is conformance.engine.evidence)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[:2] == ["conformance", "engine"]}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "conformance.engine":
                found |= {f"conformance.engine.{a.name}" for a in node.names}
            elif node.module.startswith("conformance.engine."):
                found.add(node.module)
    return found


def test_only_the_plugin_and_its_users_import_the_engine():
    plugin_side = ("conformance.engine", "conformance.faults", "conformance.tests")
    found = {name: engine_imports(path) for name, path in modules().items()
             if not any(name == p or name.startswith(p + ".") for p in plugin_side)}
    unlisted = [f"{name} -> {imported}" for name, imports in sorted(found.items())
                for imported in sorted(imports - PLUGIN_USERS.get(name, set()))]
    assert unlisted == [], f"import it from conformance.results (or below), or list it in PLUGIN_USERS: {unlisted}"
    stale = [f"{name} -> {imported}" for name, allowed in sorted(PLUGIN_USERS.items())
             for imported in sorted(allowed - found.get(name, set()))]
    assert stale == [], f"PLUGIN_USERS lists imports that are gone, remove them: {stale}"
