"""An overall time limit for a download, status line and headers included.

urllib's ``timeout`` bounds each read from the server, not the whole exchange: a server that
sends one byte a second is never "timed out". A :class:`Deadline` watches every connection a
download opens (redirects included) and shuts them down when its time is up, so whatever read
was waiting returns at once.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any
from urllib.request import BaseHandler, HTTPHandler, HTTPSHandler


class Deadline:
    """Closes a download's connections once its overall time is up: each read waits only
    ``timeout``, so a server sending its headers a byte a second held ``download()`` for
    100 s with a 3 s timeout before."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def handlers(self) -> list[BaseHandler]:
        """urllib handlers whose connections this deadline can close."""
        return [_watched(handler, self)() for handler in (HTTPHandler, HTTPSHandler)]

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _watched(handler: type[Any], deadline: Deadline) -> type[Any]:
    """``handler`` (urllib's HTTP or HTTPS handler) with its connections watched."""

    class Watched(handler):  # type: ignore[misc, valid-type]
        def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
            class Connection(http_class):  # type: ignore[misc, valid-type]
                def connect(self) -> None:
                    super().connect()
                    deadline.watch(self.sock)

            return super().do_open(Connection, req, **kwargs)

    return Watched


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # a read waiting on it returns at once
