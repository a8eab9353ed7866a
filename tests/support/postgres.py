"""A real PostgreSQL server for tests, started from Debian's binaries in a temporary folder.

Importable helpers (:func:`find_bin_dir`, :class:`PostgresServer`, :func:`running_server`)
and pytest fixtures built on them. A test folder's conftest.py makes the fixtures its own by
importing them::

    from support.postgres import pg_database, pg_server, pg_url  # noqa: F401

``pg_server`` (session) is the server, ``pg_database`` (session) a factory of fresh, empty
databases on it (dropped at the end), ``pg_url`` one fresh database per test. Without the
binaries the tests that use them are skipped locally, but fail when ``CI`` is set: CI installs
them with scripts/ci_postgres.sh and must run these tests.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SERVER_USER = "postgres"  # initdb refuses to run as root; Debian's package creates this user


class ServerUnavailable(Exception):
    """No server can be started here (no binaries, no user to run it as, or it failed)."""


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<major>/bin, else the folder of an initdb on PATH."""

    def major(path: str) -> int:
        part = Path(path).parts[-3]
        return int(part) if part.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=major)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One throwaway cluster on a free loopback port, trusting every local connection."""

    def __init__(self, bin_dir: Path, base: Path, as_user: list[str]):
        self.bin_dir, self.base, self.as_user = bin_dir, base, as_user
        self.data = base / "data"
        self.port = free_port()

    def run(self, tool: str, *args: str) -> None:
        cmd = [*self.as_user, str(self.bin_dir / tool), *args]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.base / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{tool} failed: {done.stderr or done.stdout}\n{tail}")

    def start(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                 "--encoding=UTF8", "--locale=C.UTF-8")  # fmt: skip
        # fsync off: the tests kill clients, never the server, so durability is not under test.
        options = (
            f"-k {self.base} -p {self.port} -h 127.0.0.1 -F "
            "-c full_page_writes=off -c max_connections=40"
        )
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"),
                 "-o", options, "-w", "-t", "60", "start")  # fmt: skip

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


@contextmanager
def running_server() -> Iterator[PostgresServer]:
    """A started server, stopped and removed on exit. Raises ServerUnavailable."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise ServerUnavailable("initdb not found under /usr/lib/postgresql/*/bin or on PATH")
    base = Path(tempfile.mkdtemp(prefix="warta-pg-"))
    try:
        server = PostgresServer(bin_dir, base, _server_user(base))
        server.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired, ServerUnavailable) as exc:
        shutil.rmtree(base, ignore_errors=True)
        raise ServerUnavailable(str(exc)) from exc
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


def _server_user(base: Path) -> list[str]:
    """The command prefix that runs the server's tools as SERVER_USER when we are root."""
    if os.geteuid() != 0:
        return []
    try:
        account = pwd.getpwnam(SERVER_USER)
    except KeyError as exc:
        raise ServerUnavailable(
            f"running as root and there is no {SERVER_USER!r} user to run the server"
        ) from exc
    os.chown(base, account.pw_uid, account.pw_gid)
    return ["runuser", "-u", SERVER_USER, "--"]


def database_factory(server: PostgresServer) -> tuple[Callable[[], str], Callable[[], None]]:
    """(make, drop_all): ``make()`` creates a fresh database and returns its URL; ``drop_all()``
    drops every database it made."""
    import psycopg

    names = (f"warta_test_{n}" for n in itertools.count())
    made: list[str] = []

    def make() -> str:
        name = next(names)
        with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        made.append(name)
        return server.url(name)

    def drop_all() -> None:
        with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
            for name in made:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return make, drop_all


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    try:
        with running_server() as server:
            yield server
    except ServerUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests must run in CI: {exc} (run scripts/ci_postgres.sh)")
        pytest.skip(f"no PostgreSQL server available: {exc}")


@pytest.fixture(scope="session")
def pg_database(pg_server: PostgresServer) -> Iterator[Callable[[], str]]:
    """A factory of fresh, empty databases on the test server (dropped at the end)."""
    make, drop_all = database_factory(pg_server)
    yield make
    drop_all()


@pytest.fixture
def pg_url(pg_database: Callable[[], str]) -> str:
    """A fresh, empty database on the test server."""
    return pg_database()
