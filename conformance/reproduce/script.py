"""The text of a standalone reproducer: versions, the failing input rebuilt, the documented operation and its check."""

from __future__ import annotations

import math
import re
import textwrap

import numpy as np

from conformance.claims import Claim
from conformance.frameworks import FRAMEWORKS
from conformance.frameworks._model import HELPERS

# Helpers a script may need; only those its code uses are written into it.
CHECK_HELPERS = {
    "values": '''def values(z):  # z's values as a host ndarray (conj and neg bits resolved)
    if hasattr(z, "resolve_conj"):
        return z.resolve_conj().resolve_neg().detach().cpu().numpy()
    return np.asarray(z.get() if hasattr(z, "get") else z.numpy() if hasattr(z, "numpy") else z)''',
    "writable": '''def writable(z):
    if isinstance(z, np.ndarray):
        return z.flags.writeable
    module = type(z).__module__.split(".")[0]
    return module in ("torch", "array_api_strict", "cupy") and not getattr(z, "requires_grad", False)''',
    "first": '''def first(z):  # the first element, read by z's own framework
    index = (0,) * len(z.shape)
    return z.detach()[index].item() if hasattr(z, "detach") else values(z)[index].item()''',
    "shares": '''def shares(x, y, independent=False):
    """A write through each writable one shows in the other (independent: in neither); else memory overlaps."""
    seen = []
    for w, r in ((x, y), (y, x)):
        if writable(w) and values(w).size:
            old = first(w)
            new = (not old) if isinstance(old, bool) else (0 if old != 0 else 1)
            w[(0,) * len(w.shape)] = new
            seen.append(first(r) == new)
    if seen:
        return not any(seen) if independent else all(seen)
    view = lambda z: np.asarray(memoryview(z)) if type(z).__module__.startswith("tensorflow") else np.asarray(z)
    return np.shares_memory(view(x), view(y)) != independent''',
    "device_of": '''def device_of(z):
    return str(sorted(z.devices(), key=str)) if hasattr(z, "devices") else str(getattr(z, "device", "cpu"))''',
}
NEEDS = {"shares": ("values", "first", "writable"), "first": ("values",), "writable": (), "values": (),
         "device_of": ()}


def values_lines(spec: dict) -> list[str]:
    """``a``: the failing example's values (a 1,024-element tile repeated over larger arrays, as drawn)."""
    dtype = np.dtype(spec["dtype"]).newbyteorder("=")
    shape, fill = tuple(spec["shape"]), _literal(spec.get("fill", 0), dtype)
    count = math.prod(shape)
    lines = [f"a = np.full({shape if count <= 1024 else (1024,)}, {fill}, {dtype.str!r})"]
    if spec.get("set"):
        positions = [int(i) for i in spec["set"]]
        lines.append(f"a.flat[{positions}] = {[_literal(v, dtype) for v in spec['set'].values()]}")
    if count > 1024:
        lines.append(f"a = np.resize(a, {shape})  # the drawn 1,024-element tile, repeated")
    if spec.get("more_differing"):
        lines.append(f"# {spec['more_differing']} more positions of the failing example differed from the fill")
    return lines


def _literal(value, dtype: np.dtype):
    if isinstance(value, list):
        return complex(*value)
    return bool(value) if dtype.kind == "b" else value


def input_lines(spec: dict) -> tuple[list[str], set[str]]:
    """(lines that build ``x`` from ``a``, the frameworks they use)."""
    fw = FRAMEWORKS[spec.get("framework") or "numpy"]
    device = spec.get("device") or "cpu"
    code = fw.settle_code(fw.layout(spec.get("layout") or fw.default_layout).code, device)
    context = fw.context_code(device)
    what = f"# x: a {spec.get('layout') or fw.default_layout} {fw.label} array on {device}"
    if context:
        return [what, f"with {context}:", f"    x = {code}"], {fw.key}
    return [what, f"x = {code}"], {fw.key}


def pattern_lines(dtype: str, shape: list) -> list[str]:
    """The conversion matrix's input values: 1, 2, ..., 5 repeated (0, 1 for bool)."""
    count = math.prod(shape)
    base = f"np.arange({count}) % 2" if dtype == "bool" else f"np.arange({count}) % 5 + 1"
    return [f"a = ({base}).astype({dtype!r}).reshape({tuple(shape)})"]


def operation(claim: Claim | None, dims: dict, code: str | None = None) -> str:
    """The recipe's code with its placeholders filled from the case: ``{dlpack}``, ``{function}``, ``{device}``."""
    code = code if code is not None else claim.reproduce.code
    consumer = FRAMEWORKS[dims.get("consumer") or dims.get("producer") or "numpy"]
    dlpack = consumer.dlpack
    code = re.sub(r"\{dlpack:([^}]*)\}", lambda m: dlpack.replace("(x)", f"(x, {m.group(1)})"), code)
    device_fw = FRAMEWORKS[dims.get("producer") or (claim.frameworks[0] if claim and claim.frameworks else "numpy")]
    return (code.replace("{dlpack}", dlpack).replace("{function}", str(dims.get("function")))
            .replace("{device}", device_fw.device_code(dims.get("device", "cpu"))))


def imports_for(code: str, frameworks: set[str]) -> list[str]:
    used = {key for key, fw in FRAMEWORKS.items() for name in fw.names if re.search(rf"\b{name}\.", code)}
    return [FRAMEWORKS[key].imports for key in FRAMEWORKS if key in used | frameworks and key != "numpy"]


def helpers_for(code: str) -> list[str]:
    wanted: list[str] = []
    for name in CHECK_HELPERS:
        if re.search(rf"\b{name}\(", code):
            for needed in NEEDS[name] + (name,):
                if needed not in wanted:
                    wanted.append(needed)
    layout = [h for h in ("placed", "read_only", "interleaved", "shifted") if re.search(rf"\b{h}\(", code)]
    blocks = [_helper(name) for name in layout] + [CHECK_HELPERS[name] for name in wanted]
    return [line for block in blocks for line in [*block.splitlines(), ""]]


def _helper(name: str) -> str:
    """One function of the layout helpers, as the suite defines it (without its docstring)."""
    found = re.search(rf"^def {name}\(.*?(?=^def |\Z)", HELPERS, re.M | re.S).group(0).strip()
    return "\n".join(line for line in found.splitlines() if not line.strip().startswith('"""'))


def body(setup: str, code: str, check: str, raises: str, allows: str) -> list[str]:
    """The documented operation and its judgement, as the function ``documented()``."""
    accepted = ", ".join(name for name in (raises, allows) if name) or "()"
    lines = ["def documented() -> bool:",
             '    """Whether the documented behaviour holds here; prints what it observed."""']
    lines += [f"    {line}" for line in setup.splitlines() if line] if setup else []
    lines += ["    try:", f"        y = {code}", "    except Exception as error:",
              f'        print(f"observed: {_escape(code)} raised {{type(error).__name__}}: {{error}}")',
              f"        return isinstance(error, ({accepted},))" if accepted != "()" else "        return False"]
    if raises:
        lines += [f'    print(f"observed: {_escape(code)} returned {{y!r:.200}} without raising {raises}")',
                  "    return False"]
    else:
        lines += [f"    holds = bool({check})",
                  f'    print(f"observed: {_escape(check)} is {{holds}}")',
                  f'    print(f"  where y = {_escape(code)}")', "    return holds"]
    return lines


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}").replace('"', "'")


def run_lines(crashes: bool) -> list[str]:
    if not crashes:
        return ["sys.exit(0 if documented() else 1)"]
    return ["# The operation crashes the process: run it in a forked child and report the signal.",
            "pid = os.fork()", "if pid == 0:", "    os._exit(0 if documented() else 1)",
            "_, status = os.waitpid(pid, 0)", "if os.WIFSIGNALED(status):",
            '    print("observed: the process crashed with", signal.Signals(os.WTERMSIG(status)).name)',
            "    sys.exit(1)", "sys.exit(os.WEXITSTATUS(status))"]


def compose(title: str, about: list[str], spec_lines: list[str], input_code: list[str], frameworks: set[str],
            setup: str, code: str, check: str, raises: str = "", allows: str = "", crashes: bool = False,
            device: str = "cpu") -> str:
    """A whole script: its docstring, imports, versions, helpers, the input, ``documented()`` and the exit."""
    everything = "\n".join(input_code + [setup, code, check])
    imports = imports_for(everything, frameworks)
    used = [fw for fw in FRAMEWORKS.values() if fw.imports in imports]
    versions = "".join(f', "| {fw.module_name}", {fw.names[0]}.__version__' for fw in used)
    about = [wrapped for line in about for wrapped in (textwrap.wrap(line, 110, break_on_hyphens=False) or [""])]
    header = ["#!/usr/bin/env python3", f'"""{title}', "", *about,
              "Exits 1 while the documented behaviour fails here (reproduced), 0 once it holds (fixed). Generated by",
              "`python -m conformance.reproduce` from the suite's results; do not edit.", '"""']
    lines = header + ["import sys"] + (["import os", "import signal"] if crashes else [])
    lines += ["", "import numpy as np"] + [line for block in imports for line in block.splitlines()]
    for key in sorted(frameworks):
        lines += FRAMEWORKS[key].script_setup(device)
    lines += ['print("python", sys.version.split()[0], "| numpy", np.__version__' + (f",\n      {versions[2:]})"
                                                                                if versions else ")"), ""]
    lines += helpers_for(everything)
    lines += spec_lines + input_code + [""] + body(setup, code, check, raises, allows) + [""]
    lines += run_lines(crashes)
    return "\n".join(lines) + "\n"


def claim_script(claim: Claim, entry: dict, finding: dict, environment: dict) -> str:
    spec = finding["inputs"][0]
    dims = entry["cases"][finding["case"]]["dims"]
    recipe = claim.reproduce
    code = operation(claim, dims)
    input_code, frameworks = input_lines(spec)
    about = [f"Claim `{claim.id}`: {claim.statement}", f"Source: {claim.source}"]
    about += [f"Documented: «{claim.quote}»"] if claim.quote else []
    about += [f"Observed: {finding['outcome']}, in {finding['cases']} case(s) of env {environment.get('env')} "
              f"({versions_line(environment)}); this input is case {finding['case']}.", ""]
    return compose(f"Reproducer: {claim.id} — {finding['outcome']}.", about, values_lines(spec), input_code,
                   frameworks, recipe.setup, code, recipe.check or "True", recipe.raises, recipe.allows,
                   finding["outcome"].startswith("crashes"), spec.get("device") or "cpu")


def matrix_script(row: dict, environment: dict, outcome: str) -> str:
    producer = FRAMEWORKS[row["producer"]]
    device = row.get("device", "cpu")
    layout = producer.layout(row["layout"])
    context = producer.context_code(device)
    code = producer.settle_code(layout.code, device)
    what = f"# x: a {row['layout']} {producer.label} array on {device}"
    input_code = [what] + ([f"with {context}:", f"    x = {code}"] if context else [f"x = {code}"])
    input_code.append(f"expected = {layout.reads_as}")
    about = [f"Conversion matrix: `{row['path']}` ({row['producer']} → {row['consumer']}) of a {row['dtype']} "
             f"{row['layout']} array, {row['size']}: it should give the array's values, sharing memory or copying.",
             "Sources: https://dmlc.github.io/dlpack/latest/python_spec.html; "
             "https://data-apis.org/array-api/latest/design_topics/data_interchange.html",
             f"Observed: {outcome}, in env {environment.get('env')} ({versions_line(environment)}).", ""]
    return compose(f"Reproducer: {row['path']} from {row['producer']} ({row['layout']}) — {outcome}.", about,
                   pattern_lines(row["dtype"], row["shape"]), input_code, {producer.key}, "", row["code"],
                   "np.array_equal(values(y), expected)", crashes=outcome.startswith("crashes"), device=device)


def versions_line(environment: dict) -> str:
    keys = ["python", "numpy"] + [fw.module_name for fw in FRAMEWORKS.values() if fw.key != "numpy"]
    return ", ".join(f"{k} {environment[k]}" for k in keys if environment.get(k))
