"""WUF13 Assistant: grounded, cited answers about the 13th World Urban Forum (Baku, 2026).

>>> from assistant import ask
>>> answer = ask("When is WUF13?")  # doctest: +SKIP
>>> answer.text, answer.citations[0].quote  # doctest: +SKIP
"""

from .assistant import Assistant, ask
from .errors import (
    AssistantError,
    ConfigError,
    EmbedderError,
    IngestError,
    QuestionError,
    StoreError,
)
from .settings import Settings
from .storage.ingest import IngestReport
from .values import Answer, Citation, Delta, Timings, Turn

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
