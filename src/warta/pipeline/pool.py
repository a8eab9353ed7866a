"""Worker processes with a watchdog: a page that hangs or kills its worker cannot stop a run.

Each worker is a process with its own pipe and at most one task at a time, so the parent
always knows which page a worker is on and since when. A task past its deadline gets its
worker killed (SIGKILL) and replaced; a worker that dies (segfault, out of memory, os._exit)
is replaced too. Either way the task's result is a failure carrying a clear reason, and the
other tasks go on. Results come back in input order, which keeps runs repeatable.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from warta.errors import WartaError

T = TypeVar("T")
R = TypeVar("R")

_CONTEXT = "spawn"  # no fork: the parent may run threads (progress display, drivers)


_MAX_FAILED_STARTS = 3


class WorkerError(WartaError):
    """Worker processes cannot be started at all (the run cannot go on)."""


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a task produced no result: ``kind`` is "timeout", "crash" or "exception"."""

    kind: str
    reason: str


_READY = "ready"


def _serve(conn: Connection, function: Callable[[Any], Any]) -> None:
    """A worker's loop: get ready, then receive a task, send its result; stop at end of input.

    Readiness is announced so the time a worker spends importing and warming up (which can be
    seconds on a loaded machine) never counts against a page's time limit.
    """
    prepare = getattr(function, "prepare", None)
    if callable(prepare):
        prepare()
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            result: Any = function(task)
        except Exception as exc:  # the function's own failure: report it, keep serving
            result = Failure("exception", f"{type(exc).__name__}: {exc}")
        conn.send(result)


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    seq: int | None = None  # the task it is on
    started: float = 0.0
    ready: bool = False


class WorkerPool(Generic[T, R]):
    """``map`` over tasks in ``jobs`` processes, each task limited to ``timeout`` seconds."""

    def __init__(self, function: Callable[[T], R], jobs: int, timeout: float) -> None:
        self._function = function
        self._jobs = max(1, jobs)
        self._timeout = timeout
        self._context: Any = multiprocessing.get_context(_CONTEXT)
        self._workers: list[_Worker] = []
        self.replaced = 0  # workers killed or lost and started again
        self._failed_starts = 0

    def __enter__(self) -> WorkerPool[T, R]:
        self._workers = [self._start() for _ in range(self._jobs)]
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 2.0
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []

    def _hello(self, worker: _Worker) -> None:
        """Take a starting worker's ready message; one that died starting is started again."""
        try:
            worker.ready = worker.conn.recv() == _READY
            self._failed_starts = 0
        except (EOFError, OSError):
            self._failed_starts += 1
            if self._failed_starts > _MAX_FAILED_STARTS:
                code = worker.process.exitcode
                raise WorkerError(f"extraction workers cannot start (exit code {code})") from None
            self._replace(worker)

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_serve, args=(child, self._function), daemon=True, name="warta-worker"
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _replace(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._start()
        self.replaced += 1

    def map(self, tasks: Iterable[T], window: int = 0) -> Iterator[R | Failure]:
        """Results (or Failures) in task order. At most ``window`` tasks are held at once."""
        window = max(window, 4 * self._jobs)
        source = iter(tasks)
        results: dict[int, R | Failure] = {}
        sent = emitted = 0
        exhausted = False
        while True:
            while not exhausted and sent - emitted < window and self._idle() is not None:
                task = next(source, None)
                if task is None:
                    exhausted = True
                    break
                self._send(self._idle(), sent, task)  # type: ignore[arg-type]
                sent += 1
            while emitted in results:
                yield results.pop(emitted)
                emitted += 1
            if exhausted and emitted == sent:
                return
            results.update(self._collect())

    def _idle(self) -> _Worker | None:
        return next((w for w in self._workers if w.ready and w.seq is None), None)

    def _send(self, worker: _Worker, seq: int, task: T) -> None:
        worker.seq, worker.started = seq, time.monotonic()
        # A dead worker fails the send: _collect then sees its closed pipe and reports it.
        with contextlib.suppress(OSError):
            worker.conn.send(task)

    def _collect(self) -> dict[int, R | Failure]:
        """Wait for a worker to become ready, or a busy one to finish, time out or die."""
        starting = [w for w in self._workers if not w.ready]
        busy = [w for w in self._workers if w.seq is not None]
        if not busy and not starting:
            return {}
        now = time.monotonic()
        deadlines = [w.started + self._timeout for w in busy]
        wait_for = max(0.0, min(deadlines) - now) if deadlines else None
        ready = set(wait([w.conn for w in starting + busy], timeout=wait_for))
        for worker in starting:
            if worker.conn in ready:
                self._hello(worker)
        done: dict[int, R | Failure] = {}
        for worker in busy:
            seq = worker.seq
            assert seq is not None
            if worker.conn in ready:
                try:
                    done[seq] = worker.conn.recv()
                    worker.seq = None
                    continue
                except (EOFError, OSError):
                    worker.process.join(1.0)
                    code = worker.process.exitcode
                    done[seq] = Failure("crash", f"the page crashed its worker (exit code {code})")
            elif time.monotonic() - worker.started >= self._timeout:
                done[seq] = Failure(
                    "timeout", f"extraction took longer than {self._timeout:g} s and was stopped"
                )
            else:
                continue
            self._replace(worker)
        return done
