"""Start the real UI on a free loopback port for tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from assistant import Assistant
from assistant.ui import build_ui, launch_options


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(assistant: Assistant, **overrides: Any) -> Iterator[str]:
    """Serve ``build_ui(assistant)`` on 127.0.0.1; yields the URL."""
    settings = assistant.settings.replace(ui_port=free_port(), **overrides)
    demo = build_ui(assistant)
    options = launch_options(settings)
    demo.launch(prevent_thread_lock=True, quiet=True, **options)
    try:
        yield f"http://127.0.0.1:{settings.ui_port}/"
    finally:
        demo.close()
