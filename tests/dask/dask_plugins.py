"""An extractor that kills the Dask worker running it, once: how the tests lose a worker.

Loaded by the workers as ``dask_plugins:kill_worker_once``. A page carrying
``<!-- warta-test: kill-worker FLAG -->`` makes it create the file FLAG and SIGKILL the Dask
worker process, unless FLAG already exists (so the retried task goes through).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
from datetime import datetime
from typing import Any

from warta import Article, extract

_KILL = re.compile(rb"<!-- warta-test: kill-worker (\S+) -->")


def kill_mark(flag: str) -> bytes:
    return f"<!-- warta-test: kill-worker {flag} -->".encode()


def kill_worker_once(
    page: bytes,
    url: str | None = None,
    *,
    crawled_at: datetime | None = None,
    headers: Any = None,
) -> Article:
    found = _KILL.search(page)
    if found is not None:
        try:
            fd = os.open(found.group(1).decode(), os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pass
        else:
            # In the task's watchdog process the Dask worker is the parent; without one
            # (a daemonic worker) the extractor runs in the Dask worker itself.
            in_watchdog = multiprocessing.current_process().name == "warta-worker"
            victim = os.getppid() if in_watchdog else os.getpid()
            os.write(fd, str(victim).encode())
            os.close(fd)
            os.kill(victim, signal.SIGKILL)
            os._exit(0)
    return extract(page, url, crawled_at=crawled_at, headers=headers)
