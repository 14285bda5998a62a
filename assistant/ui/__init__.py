"""The web UI: ``build_ui(assistant)``, and ``launch_options``/``check_bind`` to serve it."""

from .app import build_ui
from .serving import check_bind, launch_options

__all__ = ["build_ui", "check_bind", "launch_options"]
