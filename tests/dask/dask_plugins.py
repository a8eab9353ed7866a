"""An extractor that kills the Dask worker running it, once: how the tests lose a worker.

Loaded by the workers as ``dask_plugins:kill_worker_once``. ``WARTA_TEST_KILL`` (set before the
test cluster starts, so every worker has it) is ``FLAG|TEXT``: the first page whose URL contains
TEXT makes it create the file FLAG and SIGKILL the Dask worker process; once FLAG exists (the
retried task), pages are extracted as usual.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from datetime import datetime
from typing import Any

from warta import Article, extract

KILL_ENV = "WARTA_TEST_KILL"
KILL_URL = "malaymail.com"  # a page of the second of the three WARCs of the test input


def kill_worker_once(
    page: bytes,
    url: str | None = None,
    *,
    crawled_at: datetime | None = None,
    headers: Any = None,
) -> Article:
    flag, _, text = os.environ.get(KILL_ENV, "").partition("|")
    if flag and text and text in (url or ""):
        try:
            fd = os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
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
