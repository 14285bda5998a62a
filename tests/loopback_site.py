"""A small web site on 127.0.0.1 for download tests: subclass :class:`Page`, serve it with
:func:`serving`."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Page(BaseHTTPRequestHandler):
    """A handler with a helper to send a whole body, and no request log."""

    def send_body(self, body: bytes, kind: str, *, encoding: str = "") -> None:
        """``body`` whole; with ``encoding`` (``gzip``), as compressed bytes already are."""
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@contextmanager
def serving(handler: type[Page]) -> Iterator[str]:
    """Serve ``handler`` on a free loopback port; yields the site's base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
