"""A loopback HTTP server for tests that can be told to misbehave.

    with LoopbackServer() as server:
        server.add("/a.html", b"<html>...</html>", headers={"Content-Type": "text/html"})
        server.add_sequence("/flaky", [Reply(500), Reply(500), Reply(200, body=b"ok")])
        server.add("/slow", b"late", delay=3.0)
        server.add("/cut", b"short", truncate_to=2)          # Content-Length says 5, sends 2
        server.add("/loop", redirect("/loop"))              # a redirect to itself
        server.add("/bomb", gzip_bomb(64 * 1024 * 1024))    # inflates to 64 MB
        url = server.url("/a.html")
        server.hits("/flaky")                                # what reached the server, when

It binds 127.0.0.1 on an ephemeral port, serves each request in its own daemon thread and
never touches any other address. ``server.url(path, host="localhost")`` names the same server
under another host name, to test per-host behaviour.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass(frozen=True)
class Reply:
    """One response. ``truncate_to`` sends only that many body bytes then closes."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    truncate_to: int | None = None


@dataclass(frozen=True)
class Hit:
    """A request as the server saw it."""

    time: float  # time.monotonic() when the request line arrived
    method: str
    path: str
    headers: dict[str, str]


Handler = Callable[[Hit], Reply]


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status, b"", {"Location": location})


def gzip_bomb(inflated_size: int) -> Reply:
    """A small gzip body that claims to be HTML and inflates to ``inflated_size`` bytes."""
    body = gzip.compress(b"<html>" + b" " * inflated_size, compresslevel=9)
    return Reply(200, body, {"Content-Type": "text/html", "Content-Encoding": "gzip"})


def billion_laughs(root: str = "rss") -> bytes:
    """An XML entity-expansion bomb: a safe parser refuses it, a naive one blows up."""
    entities = ['<!ENTITY lol "lol">']
    for level in range(1, 10):
        refs = f"&lol{level - 1 if level > 1 else ''};" * 10
        entities.append(f'<!ENTITY lol{level} "{refs}">')
    dtd = "<!DOCTYPE " + root + " [\n" + "\n".join(entities) + "\n]>"
    return f'<?xml version="1.0"?>\n{dtd}\n<{root}>&lol9;</{root}>\n'.encode()


class LoopbackServer:
    """A threading HTTP server on 127.0.0.1; use as a context manager."""

    def __init__(self) -> None:
        self._routes: dict[str, Handler] = {}
        self._hits: list[Hit] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(self))
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(self, path: str, reply: Reply | bytes | Handler, **kwargs: object) -> None:
        """Serve ``path``: bytes (plus Reply keyword arguments), a Reply, or a function of a Hit."""
        if isinstance(reply, bytes):
            reply = Reply(body=reply, **kwargs)  # type: ignore[arg-type]
        if isinstance(reply, Reply):
            fixed = reply
            self._routes[path] = lambda hit: fixed
        else:
            self._routes[path] = reply

    def add_sequence(self, path: str, replies: Sequence[Reply]) -> None:
        """Answer successive requests with successive replies; the last one repeats."""
        count = {"n": 0}

        def answer(hit: Hit) -> Reply:
            with self._lock:
                index = min(count["n"], len(replies) - 1)
                count["n"] += 1
            return replies[index]

        self._routes[path] = answer

    def hits(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [h for h in self._hits if path is None or h.path == path]

    def _record(self, hit: Hit) -> Reply:
        with self._lock:
            self._hits.append(hit)
        route = self._routes.get(hit.path) or self._routes.get(hit.path.split("?", 1)[0])
        return route(hit) if route else Reply(404, b"not found", {"Content-Type": "text/plain"})

    def __enter__(self) -> LoopbackServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def _handler_class(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, send_body: bool) -> None:
            hit = Hit(time.monotonic(), self.command, self.path, dict(self.headers.items()))
            reply = server._record(hit)
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                names = {k.lower() for k in reply.headers}
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if "content-length" not in names:
                    self.send_header("Content-Length", str(len(reply.body)))
                if reply.truncate_to is not None:
                    self.send_header("Connection", "close")
                self.end_headers()
                if send_body:
                    self.wfile.write(reply.body[: reply.truncate_to])
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first: that is often the point of the test
            if reply.truncate_to is not None:
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output quiet

    return _Handler
