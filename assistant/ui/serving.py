"""How the UI is served: safely bound, checked before start-up, with its CSS and script."""

from __future__ import annotations

import errno
import ipaddress
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..settings import Settings

STATIC = Path(__file__).with_name("static")


def static(name: str) -> str:
    """The text of ``ui/static/<name>`` (the page's CSS or script)."""
    return (STATIC / name).read_text(encoding="utf-8")


def launch_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``Blocks.launch``; refuses an unsafe bind with a clear message."""
    auth = tuple(settings.ui_auth.split(":", 1)) if settings.ui_auth else None
    if not _is_loopback(settings.ui_host) and auth is None and not settings.ui_allow_public:
        raise ConfigError(
            f"Refusing to serve the UI on {settings.ui_host!r} without a password: anyone on the "
            "network could use it. Set ASSISTANT_UI_AUTH=user:password, or bind 127.0.0.1, or "
            "set ASSISTANT_UI_ALLOW_PUBLIC=1 if you really mean it."
        )
    return {
        "server_name": settings.ui_host,
        "server_port": settings.ui_port,
        "auth": auth,
        "share": False,
        "css": static("ui.css"),
        "head": f"<script>\n{static('ui.js')}</script>",
        "footer_links": ["api"],
    }


def check_bind(settings: Settings) -> None:
    """Raise :class:`ConfigError` now, naming the host or port, if the UI could not listen
    there (port in use, address this machine does not have), before any slow start-up work."""
    import socket

    host, port = settings.ui_host, settings.ui_port
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(
            f"ASSISTANT_UI_HOST={host!r} is not a host name or address this machine can use "
            f"({exc}). Use 127.0.0.1, or an address of this machine."
        ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"Port {port} on {host} is already in use. Set ASSISTANT_UI_PORT to a free "
                    "port, or stop the program using it."
                ) from None
            raise ConfigError(
                f"Cannot listen on {host}:{port} ({exc.strerror}). Set ASSISTANT_UI_HOST to an "
                "address of this machine (127.0.0.1 for this machine only) and ASSISTANT_UI_PORT "
                "to a free port above 1023."
            ) from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
