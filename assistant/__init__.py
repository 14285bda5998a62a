"""WUF13 Assistant: grounded, cited answers about the 13th World Urban Forum (Baku, 2026).

>>> from assistant import ask
>>> answer = ask("When is WUF13?")  # doctest: +SKIP
>>> answer.text, answer.citations[0].quote  # doctest: +SKIP
"""

from .core import Assistant, ask
from .errors import (
    AssistantError,
    ConfigError,
    EmbedderError,
    IngestError,
    QuestionError,
    StoreError,
)
from .ingest import IngestReport
from .models import Answer, Citation, Delta, Timings, Turn
from .settings import Settings

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "Citation",
    "ConfigError",
    "Delta",
    "EmbedderError",
    "IngestError",
    "IngestReport",
    "QuestionError",
    "Settings",
    "StoreError",
    "Timings",
    "Turn",
    "ask",
]
