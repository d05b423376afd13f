"""Peak memory of a process tree, sampled from /proc while it runs.

Why not only ``getrusage``: a parallel build runs in a pool of worker processes, and
``ru_maxrss`` of the children is the peak of the largest single one, not of the whole
build. Sampling the proportional set size (PSS, shared pages split between sharers) of the
process and all its descendants gives the memory the build really holds; ``ru_maxrss`` is
kept too, as the figure ``/usr/bin/time -v`` would print.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

__all__ = ["TreeSampler", "run_measured"]


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler:
    """Sample the PSS of ``pid`` and its descendants every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = sum(_pss_kb(p) for p in _tree(self.pid))
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(cmd: list[str], cwd: Path, timeout: float,
                 quiet: bool = False) -> tuple[int, float, int, int]:
    """Run ``cmd``; returns (exit code, wall seconds, peak tree PSS KB, max single RSS KB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL if quiet else None)
    with TreeSampler(proc.pid) as sampler:
        try:
            _, status, usage = os.wait4(proc.pid, 0) if timeout <= 0 else _wait(proc, timeout)
        finally:
            if proc.poll() is None:
                proc.kill()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, time.perf_counter() - started, sampler.peak_kb, usage.ru_maxrss


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int, os.struct_rusage]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return pid, status, usage
        time.sleep(0.1)
    proc.kill()
    return os.wait4(proc.pid, 0)
