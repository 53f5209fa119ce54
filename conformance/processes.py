"""Forked children, for what must not run in the pytest process: the runner that runs test items
(``engine/runner.py``) and the probe that lists a framework's devices (``conformance.host``).

A child runs a body and exits without the parent's exit handlers; faulthandler writes its Python stack to a log when
a signal kills it; its death is read back as an outcome word (``SIGSEGV``, ``exit 3``). A fork is refused once the
process runs more threads than it had when the suite loaded: a framework's runtime started here, and a fork could
deadlock in the child.
"""

from __future__ import annotations

import faulthandler
import gc
import os
import signal
import tempfile
import threading
import traceback
import warnings
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from typing import BinaryIO

import numpy  # noqa: F401  # before the baseline below: NumPy's OpenBLAS pool is part of every process here

RUNNER_BROKE = 70  # the runner's own exit code when the runner machinery itself failed (EX_SOFTWARE)


def thread_count() -> int:
    """The process's OS threads (framework runtimes start OS threads that Python's threading does not list)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


# The threads the process had when the suite loaded (NumPy's OpenBLAS pool), before any framework was imported.
BASELINE_THREADS = thread_count()


class UnsafeFork(RuntimeError):
    """The pytest process has started threads since the session began, so a fork of it could deadlock."""


def fork(body) -> tuple[int, Connection, BinaryIO]:
    """Fork a child that runs ``body(connection)`` and exits; returns (pid, the parent's end, the child's crash log:
    faulthandler writes the Python stack there when the child dies of a signal)."""
    running = thread_count()
    if running > BASELINE_THREADS:
        raise UnsafeFork(f"containment: this process runs {running} threads ({BASELINE_THREADS} when the suite loaded): "
                         "a framework started its runtime outside a contained case, so forking could deadlock")
    parent_end, child_end = Pipe()
    log = tempfile.TemporaryFile()
    gc.freeze()  # what the parent holds stays out of the child's collections: no copy-on-write of every object
    with warnings.catch_warnings():
        # Python 3.12 warns on fork in any process with several OS threads; the only ones here are OpenBLAS's,
        # started when NumPy loads, and OpenBLAS re-creates its pool in a forked child (pthread_atfork).
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        code = RUNNER_BROKE
        try:
            parent_end.close()
            faulthandler.enable(file=log, all_threads=True)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            body(child_end)
            code = 0
        except BaseException:
            log.write(traceback.format_exc().encode())
            log.flush()
        finally:
            os._exit(code)  # never run the parent's exit handlers (JAX's and TF's clean-up, pytest's) twice
    child_end.close()
    return pid, parent_end, log


def death(pid: int, kill: bool = False) -> str:
    """Reap the child; what ended it, as an outcome word: ``SIGSEGV``..., ``exit 3``, or ``exit 0``."""
    if kill:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return signal.Signals(os.WTERMSIG(status)).name
    return f"exit {os.WEXITSTATUS(status)}"


def read_log(log) -> str:
    log.seek(0)
    return log.read().decode(errors="replace")


@dataclass
class ProbeCrashed(Exception):
    """A probe's child died (its signal or exit) before it answered."""

    how: str
    log: str

    def __str__(self) -> str:
        return f"crashed with {self.how}"


def probe(compute, timeout: float = 120.0):
    """``compute()``'s picklable result, computed in a forked child (for what starts a framework's runtime, such as
    listing its devices, which the pytest process must never do); raises ProbeCrashed when the child dies."""
    def body(connection: Connection) -> None:
        connection.send(compute())

    pid, connection, log = fork(body)
    try:
        if connection.poll(timeout):
            result = connection.recv()
            death(pid)
            return result
        raise EOFError
    except (EOFError, OSError):
        raise ProbeCrashed(death(pid, kill=True), read_log(log)) from None
    finally:
        connection.close()
        log.close()
