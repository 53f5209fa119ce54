"""Run a check in a forked child, so that a crash in a framework becomes an observation, not a dead run."""

import faulthandler
import json
import os
import signal
import sys

from conformance.frameworks import FRAMEWORKS
from conformance.verdicts import UNCLASSIFIED, Refuted


def run_isolated(check, what: str) -> None:
    """Run ``check()`` in a forked child; re-raise its refutation here (with its outcome class), or refute with the
    signal that killed it (outcome ``crashes SIGSEGV``, ...)."""
    __tracebackhide__ = True
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _prepare_child(read_end)
        code, message = 0, {}
        try:
            check()
        except AssertionError as exc:
            code, message = 1, {"message": str(exc), "outcome": getattr(exc, "outcome", None)}
        except BaseException as exc:
            code, message = 2, {"message": f"{type(exc).__name__}: {exc}"}
        os.write(write_end, json.dumps(message).encode()[:8000])
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read().decode(errors="replace")
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        raise Refuted(f"{what}: the process crashed with {name}", f"crashes {name}")
    code = os.WEXITSTATUS(status)
    message = json.loads(payload) if payload else {}
    if code == 1:
        raise Refuted(message.get("message", ""), message.get("outcome") or UNCLASSIFIED)
    if code:
        raise RuntimeError(f"{what}: the isolated check broke: {message.get('message', payload)}")


CHILD_SECONDS = 60


def _prepare_child(read_end: int) -> None:
    """In the child: no crash dump and no stderr (a framework's abort prints pages), each loaded framework told it
    is in a forked child (PyTorch keeps one thread: a pool inherited across fork can deadlock), and an alarm
    that ends a hung child, so that a hang is observed as SIGALRM rather than stalling the run."""
    faulthandler.disable()
    os.close(read_end)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    for fw in FRAMEWORKS.values():
        if fw.module_name in sys.modules:
            fw.in_forked_child(sys.modules[fw.module_name])
    signal.alarm(CHILD_SECONDS)


def guarded(array, check, what: str) -> None:
    """Run ``check()`` here, or in a forked child when ``array`` is unaligned: PyTorch crashes copying, or
    writing through, unaligned complex128 data (see torch.from_numpy.unaligned and torch.tensor.copies)."""
    __tracebackhide__ = True
    if getattr(array, "flags", None) is not None and not array.flags.aligned:
        run_isolated(check, what)
    else:
        check()


def value_in_child(compute, what: str):
    """``compute()``'s JSON-able result, computed in a forked child; a crash raises ChildCrashed naming the signal."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _prepare_child(read_end)
        try:
            payload, code = json.dumps(compute()).encode(), 0
        except BaseException as exc:
            payload, code = f"{type(exc).__name__}: {exc}".encode(), 2
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        raise ChildCrashed(signal.Signals(os.WTERMSIG(status)).name)
    if os.WEXITSTATUS(status):
        raise RuntimeError(f"{what}: the isolated computation broke: {payload.decode(errors='replace')}")
    return json.loads(payload)


def stream_from_child(produce, what: str) -> tuple[list, str | None]:
    """Run the generator ``produce()`` in a forked child, which sends each JSON-able item as it is made; returns
    (the items received, the name of the signal that killed the child, or None)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _prepare_child(read_end)
        code = 0
        with os.fdopen(write_end, "w") as pipe:
            try:
                for item in produce():
                    pipe.write(json.dumps(item) + "\n")
                    pipe.flush()
            except BaseException as exc:
                pipe.write(json.dumps({"broke": f"{type(exc).__name__}: {exc}"}) + "\n")
                code = 2
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        items = [json.loads(line) for line in pipe if line.strip()]
    _, status = os.waitpid(pid, 0)
    if os.WEXITSTATUS(status) == 2 and not os.WIFSIGNALED(status):
        raise RuntimeError(f"{what}: the isolated computation broke: {items[-1]['broke']}")
    return items, signal.Signals(os.WTERMSIG(status)).name if os.WIFSIGNALED(status) else None


class ChildCrashed(Exception):
    """The forked child died from a signal (its name is the message)."""
