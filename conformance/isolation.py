"""Run a check in a forked child, so that a crash in a framework becomes an observation, not a dead run."""

import faulthandler
import os
import signal


def run_isolated(check, what):
    """Run ``check()`` in a forked child; re-raise its AssertionError here, or report the signal that killed it."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        faulthandler.disable()
        os.close(read_end)
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
