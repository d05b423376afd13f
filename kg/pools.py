"""Process pools for the build and for validation, whose workers never outlive the parent.

Workers are spawned, not forked: a forked worker would inherit the store's build lock.
But a spawned pool worker whose parent is killed (SIGKILL, OOM killer) is not told: it
holds its task queue's pipe open itself, so it would wait on it forever, an orphan
holding memory. So each worker asks the kernel to kill it when its parent dies (Linux
``prctl(PR_SET_PDEATHSIG)``), and also watches its parent's id once a second, which covers
other systems and the case where the thread that spawned it, not the process, ends.

Example::

    with worker_pool(2) as pool:
        results = list(pool.map(work, items))
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

__all__ = ["worker_pool"]

_SPAWN = multiprocessing.get_context("spawn")
_PR_SET_PDEATHSIG = 1
_WATCH_EVERY = 1.0


def _watch(parent: int) -> None:
    while True:
        time.sleep(_WATCH_EVERY)
        if os.getppid() != parent:
            os._exit(1)


def _die_with_parent(parent: int) -> None:
    """Pool initializer: end this worker as soon as ``parent`` is gone."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # the watcher below still applies
    if os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="marsad-parent-watch").start()


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of ``jobs`` spawned worker processes that end when this process ends."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=_SPAWN,
                               initializer=_die_with_parent, initargs=(os.getpid(),))
