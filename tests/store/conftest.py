"""Store test fixtures, including a real PostgreSQL server started from Debian's binaries.

Without the binaries the PostgreSQL tests are skipped locally, but fail when ``CI`` is set:
CI installs them with scripts/ci_postgres.sh and must run these tests.
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
from pathlib import Path

import pytest

_SERVER_USER = "postgres"  # initdb refuses to run as root; Debian's package creates this user


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests must run in CI: {reason} (run scripts/ci_postgres.sh)")
    pytest.skip(f"no PostgreSQL server available: {reason}")


def _bin_dir() -> Path | None:
    def major(path: str) -> int:
        part = Path(path).parts[-3]
        return int(part) if part.isdigit() else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=major)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Server:
    def __init__(self, bin_dir: Path, base: Path, as_user: list[str]):
        self.bin_dir, self.base, self.as_user = bin_dir, base, as_user
        self.data = base / "data"
        self.port = _free_port()

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


@pytest.fixture(scope="session")
def pg_server() -> Iterator[_Server]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        _missing("initdb not found under /usr/lib/postgresql/*/bin or on PATH")
        raise AssertionError("unreachable")
    as_user: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="warta-pg-"))
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam(_SERVER_USER)
        except KeyError:
            shutil.rmtree(base)
            _missing(f"running as root and there is no {_SERVER_USER!r} user to run the server")
        os.chown(base, account.pw_uid, account.pw_gid)
        as_user = ["runuser", "-u", _SERVER_USER, "--"]
    server = _Server(bin_dir, base, as_user)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(base, ignore_errors=True)
        _missing(str(exc))
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_database(pg_server: _Server) -> Iterator[Callable[[], str]]:
    """A factory of fresh, empty databases on the test server (dropped at the end)."""
    import psycopg

    names = (f"warta_test_{n}" for n in itertools.count())
    made: list[str] = []

    def make() -> str:
        name = next(names)
        with psycopg.connect(pg_server.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        made.append(name)
        return pg_server.url(name)

    yield make
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as conn:
        for name in made:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_database: Callable[[], str]) -> str:
    """A fresh, empty database on the test server."""
    return pg_database()


@pytest.fixture(params=["sqlite", "postgres"])
def archive_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty archive target for each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.db")
    return str(request.getfixturevalue("pg_url"))
