"""Run a check in a forked child, so that a crash in a framework becomes an observation, not a dead run."""

import faulthandler
import json
import os
import signal
import sys


def run_isolated(check, what: str) -> None:
    """Run ``check()`` in a forked child; re-raise its AssertionError here, or report the signal that killed it."""
    __tracebackhide__ = True
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        _prepare_child(read_end)
        code, message = 0, ""
        try:
            check()
        except AssertionError as exc:
            code, message = 1, str(exc)
        except BaseException as exc:
            code, message = 2, f"{type(exc).__name__}: {exc}"
        os.write(write_end, message.encode()[:4000])
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode(errors="replace")
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        raise AssertionError(f"{what}: the process crashed with {signal.Signals(os.WTERMSIG(status)).name}")
    code = os.WEXITSTATUS(status)
    if code == 1:
        raise AssertionError(message)
    if code:
        raise RuntimeError(f"{what}: the isolated check broke: {message}")


CHILD_SECONDS = 60


def _prepare_child(read_end: int) -> None:
    """In the child: no crash dump and no stderr (a framework's abort prints pages), one torch thread (a pool
    inherited across fork can deadlock), and an alarm
    that ends a hung child, so that a hang is observed as SIGALRM rather than stalling the run."""
    faulthandler.disable()
    os.close(read_end)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)
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
