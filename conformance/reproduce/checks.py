"""What a reproducer does after building ``x``: the call, then a comparison written for that one recipe.

Each recipe's ``check`` names one kind of expectation (shared memory, a copy, the values, the dtype, the device, an
exception, ...); the lines written for it use only what that kind needs, read and write elements in the frameworks
at hand, and end in ``sys.exit("expected ...; got ...")`` (exit status 1) while the documented behaviour fails.
"""

from __future__ import annotations

import builtins
import re
import signal

KINDS = {"shares(x,y)": "shares", "shares(x,y,independent=True)": "copy", "yisx": "same",
         "not(shares(x,y)andwritable(y))": "no_writable_alias", "device_of(y)==device_of(x)": "device",
         "y==float(a.item())": "element", "np.array_equal(values(y),values(x))andshares(x,y)": "shares",
         "device_of(y)==device_of(x)andnp.array_equal(values(y),values(x))": "device_values"}
WRITABLE = {"numpy", "torch", "array_api_strict", "cupy"}
CRASH_VERBS = {"SIGSEGV": "segfaults", "SIGABRT": "aborts", "SIGILL": "dies on an illegal instruction",
               "SIGBUS": "dies with a bus error", "SIGFPE": "dies with a floating-point exception"}
PREFIXES = (("torch.", "torch"), ("jnp.", "jax"), ("jax.", "jax"), ("xp.", "array_api_strict"), ("tf.", "tf"),
            ("cupy.", "cupy"), ("np.", "numpy"))


def kind_of(recipe) -> str:
    if recipe.raises:
        return "raises"
    check = recipe.check.replace(" ", "")
    if check in KINDS:
        return KINDS[check]
    if check.startswith("str(y.dtype)") and check.endswith("x.dtype.name"):  # y has x's dtype, in its own terms
        return "dtype"
    if check.startswith("np.array_equal(values(y)"):
        return "values"
    return "other"


def result_framework(code: str, consumer: str | None) -> str:
    """The framework whose array the operation returns (NumPy for ``.numpy()`` and ``np.``), as far as the code
    says; else the case's consumer."""
    if re.search(r"\.numpy\(", code):
        return "numpy"
    for prefix, key in PREFIXES:
        if code.startswith(prefix):
            return key
    return consumer or "numpy"


def index_text(ndim: int) -> str:
    return "()" if ndim == 0 else ", ".join(["0"] * ndim)


def read(framework: str, name: str, index: str) -> str:
    """A Python scalar: element ``index`` of ``name``, read through its own framework."""
    if framework == "tf":
        return f"np.asarray(memoryview({name}))[{index}].item()"
    if framework in ("array_api_strict", "jax"):  # jax: y[0] may be computed once and kept
        return f"np.asarray({name})[{index}].item()"
    return f"{name}[{index}].item()"


def exception_name(name: str, frameworks: set[str]) -> str:
    if hasattr(builtins, name):
        return name
    if "tf" in frameworks and name.endswith("Error") and not name.startswith("Jax"):
        return f"tf.errors.{name}"
    if "jax" in frameworks:
        return f"jax.errors.{name}"
    return "Exception"


def found_exception(name: str) -> str:
    """The clause that catches the exception a finding recorded: by its name where Python has it; otherwise any
    exception (the message names its type), since a framework's exception moves between modules across its releases
    (JAX's XlaRuntimeError is not in jax.errors before 0.8)."""
    return name if hasattr(builtins, name) else "Exception"


def crash_signal(outcome: str) -> str | None:
    found = re.match(r"crashes (SIG\w+)", outcome)
    return found.group(1) if found else None


def exit_code(sig: str) -> int:
    return 128 + int(signal.Signals[sig])


EXPECTS = {"shares": "shared memory", "copy": "a copy", "same": "x itself", "no_writable_alias":
           "no writable alias of the read-only x", "device": "y on x's device", "element": "the element",
           "dtype": "x's dtype", "values": "x's values", "device_values": "y on x's device with x's values",
           "other": "the documented result"}


def call_lines(code: str, kind: str, outcome: str, raises: str, allows: str, frameworks: set[str]) -> list[str]:
    """``y = code``, caught only where the recorded outcome is an exception (or the recipe allows one)."""
    caught = re.match(r"raises (\w+)", outcome)
    if kind == "raises":
        lines = ["try:", f"    y = {code}", f"except {exception_name(raises, frameworks)}:", "    sys.exit(0)"]
        if caught and caught.group(1) != raises:
            lines += [f"except {found_exception(caught.group(1))} as error:",
                      f'    sys.exit(f"expected {raises}; got {{type(error).__name__}}: {{error}}")']
        return lines + [f'sys.exit(f"expected {raises}; {_plain(code)} returned {{y!r}}")']
    if not caught and not allows:
        return [f"y = {code}"]
    lines = ["try:", f"    y = {code}"]
    if allows:
        lines += [f"except {exception_name(allows, frameworks)}:  # also allowed by the documentation", "    sys.exit(0)"]
    if caught:
        lines += [f"except {found_exception(caught.group(1))} as error:",
                  f'    sys.exit(f"expected {EXPECTS[kind]}; {_plain(code)} raised {{type(error).__name__}}: '
                  '{error}")']
    return lines


def _plain(code: str) -> str:
    return code.replace("{", "{{").replace("}", "}}").replace('"', "'")


def check_lines(kind: str, check: str, x_fw: str, y_fw: str, ndim: int, dtype_kind: str, reads_as: str,
                x_writable: bool) -> list[str]:
    """The comparison, in the terms of the frameworks of ``x`` and ``y``."""
    if kind == "device_values":  # y on x's device, then with x's values
        return [line for part in ("device", "values") for line in check_lines(
            part, check, x_fw, y_fw, ndim, dtype_kind, reads_as, x_writable)]
    index = index_text(ndim)
    one = "True" if dtype_kind == "b" else "1"
    if kind in ("shares", "copy"):
        if "tf" in (x_fw, y_fw) or not ((x_writable and x_fw in WRITABLE) or y_fw in WRITABLE):
            view = {n: f"np.asarray(memoryview({n}))" if fw == "tf" else f"np.asarray({n})"
                    for n, fw in (("x", x_fw), ("y", y_fw))}
            if kind == "shares":
                return [f"if not np.shares_memory({view['y']}, {view['x']}):",
                        '    sys.exit(f"expected shared memory; y is a {type(y).__name__} that shares none of '
                        'x\'s memory")']
            return [f"if np.shares_memory({view['y']}, {view['x']}):",
                    '    sys.exit("expected a copy; y shares memory with x")']
        w, r = ("y", "x") if y_fw in WRITABLE else ("x", "y")  # write through the result first, as a user would
        r_fw = y_fw if r == "y" else x_fw
        lines = [f"before = {read(r_fw, r, index)}", f"{w}[{index}] = {one}", f"after = {read(r_fw, r, index)}"]
        if kind == "shares":
            return lines + ["if after == before:", f'    sys.exit(f"expected shared memory; writing {w}[{index}] = '
                            f'{one} left {r}[{index}] at {{before}}")']
        return lines + ["if after != before:", f'    sys.exit(f"expected a copy; writing {w}[{index}] = {one} '
                        f'changed {r}[{index}] from {{before}} to {{after}}")']
    if kind == "no_writable_alias":
        return [f"before = {read(x_fw, 'x', index)}", "try:", f"    y[{index}] = {one}",
                "except Exception:  # refused: y is read-only", "    sys.exit(0)",
                f"if {read(x_fw, 'x', index)} != before:",
                f'    sys.exit(f"expected no writable alias of the read-only x; writing y[{index}] = {one} changed '
                f'x[{index}] from {{before}} to {{{read(x_fw, "x", index)}}}")']
    if kind == "values":
        got = "np.asarray(y.cpu())" if y_fw == "torch" else "np.asarray(y)"
        return [f"expected, got = {reads_as}, {got}", "if not np.array_equal(got, expected):",
                '    sys.exit(f"expected {expected.ravel()[:4]} (shape {expected.shape}); '
                'got {got.ravel()[:4]} (shape {got.shape})")']
    if kind == "dtype":
        return ['if str(y.dtype).split(".")[-1] != x.dtype.name:',
                '    sys.exit(f"expected dtype {x.dtype.name}; got {y.dtype}")']
    if kind == "device":
        where = "devices()" if x_fw == "jax" else "device"
        return [f"if y.{where} != x.{where}:", f'    sys.exit(f"expected y on {{x.{where}}}; got {{y.{where}}}")']
    if kind == "same":
        return ["if y is not x:", '    sys.exit("expected x itself; got a new array")']
    if kind == "element":
        return ["if y != float(a.item()):", '    sys.exit(f"expected {float(a.item())}; got {y!r}")']
    check = check.replace("values(", "np.asarray(")
    return [f"if not ({check}):", f'    sys.exit(f"expected {_plain(check)}; got y = {{y!r:.200}}")']


def title(kind: str, outcome: str, code: str, described: str, raises: str) -> str:
    """The problem, in words: 'torch.from_numpy segfaults on an unaligned complex128 array'."""
    found = re.fullmatch(r"([\w.]+\.[\w]+)\(x\)", code)
    callee = found.group(1) if found else code
    sig = crash_signal(outcome)
    if sig:
        return f"{callee} {CRASH_VERBS.get(sig, f'crashes with {sig}')} on {described}"
    if outcome == "no exception":
        return f"{code} on {described} returns instead of raising {raises}"
    if outcome.startswith("raises ") and kind == "raises":
        return f"{code} on {described} raises {outcome[7:]}, not {raises}"
    if outcome.startswith("raises "):
        return f"{callee} raises {outcome[7:]} on {described}"
    if outcome == "copies":
        return f"{callee} copies {described} instead of sharing its memory"
    if outcome == "shares memory":
        return f"{code} shares memory with x" if code.startswith("x.") else f"{callee} of {described} shares its memory"
    words = {"wrong values": "gives wrong values", "wrong dtype": "changes its dtype", "writable alias":
             "returns a writable alias of it", "wrong device": "puts the result on another device"}
    return f"{callee} of {described} {words.get(outcome, outcome)}"
