"""Start the web UI: settings from the environment, index refreshed, then serve.

python app.py            # http://127.0.0.1:7860 (ASSISTANT_UI_HOST / ASSISTANT_UI_PORT)
"""

from __future__ import annotations

import logging
import os
import sys


def main() -> int:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    logging.basicConfig(level=logging.WARNING, format="note: %(message)s")
    from assistant import Assistant, AssistantError, Settings
    from assistant.ui import build_ui, check_bind, launch_options

    try:
        settings = Settings.from_env()
        options = launch_options(settings)
        check_bind(settings)  # a port in use is said now, not after the index check
        assistant = Assistant.from_settings(settings, ensure_index=False)
        print("Checking the index against knowledge/ ...", flush=True)
        report = assistant.ingest(progress=True)
        for line in report.skipped:
            print(f"skipped: {line}", file=sys.stderr, flush=True)
        state = "up to date" if report.unchanged else f"{report.embedded} texts embedded"
        print(f"Index ready: {report.records} texts ({state}).", flush=True)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    build_ui(assistant).launch(**options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
