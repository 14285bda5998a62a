"""How candidate sentences are ranked: their own similarity to the question, plus what their
context, their words and the kind of answer they hold add, minus a penalty for headlines.

With several documents on one event, every sentence is similar to every question (0.81-0.90
with multilingual-e5-small); what separates the sentence that answers is its context (a
sentence after "Adil Mammadov said" needs that subject), the question's own words, and
whether it holds what is asked (a number for "how many"). A headline is context for its
document, rarely the answer. The weights are fitted on the calibration suites
(``benchmarks/calibrate.py``) and are :class:`~assistant.settings.Settings` fields.

    >>> weights = Weights(context=0.2, lexical=0.05, answer_type=0.02, title=0.05)
    >>> round(combine(0.85, 0.80, 0.5, True, False, weights), 3)
    1.055
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    """What each signal adds to a sentence's own cosine similarity."""

    context: float  # times the best similarity of its title or previous sentence
    lexical: float  # times its BM25 score as a share of the best
    answer_type: float  # when it holds an answer of the asked kind
    title: float  # taken off a document's title


def combine(
    dense: float, context: float, lexical: float, typed: bool, is_title: bool, weights: Weights
) -> float:
    """The score a candidate is ranked by."""
    return (
        dense
        + weights.context * context
        + weights.lexical * lexical
        + weights.answer_type * typed
        - weights.title * is_title
    )
