"""Precision and recall of span detectors against hand annotations.

Spans are ``(doc, start, end)`` triples (``doc`` is any hashable document key, e.g. an article
id), so one call scores a whole corpus. Matching is one-to-one and greedy in document order:
``"exact"`` needs identical offsets, ``"overlap"`` at least one shared character (the lenient
measure of the CoNLL-2010 and PARC evaluations).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import pandas as pd

MATCHES = ("exact", "overlap")
Span = tuple[Hashable, int, int]


@dataclass
class Scores:
    """Counts and scores of one comparison, with the errors listed."""

    tp: int
    fp: int
    fn: int
    matched: list[tuple[Span, Span]] = field(default_factory=list, repr=False)
    false_positives: list[Span] = field(default_factory=list, repr=False)
    false_negatives: list[Span] = field(default_factory=list, repr=False)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_row(self) -> dict[str, float | int]:
        """The counts and the three scores, rounded to 3 decimals, for a table."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3)}


def _same(a: Span, b: Span, match: str) -> bool:
    if a[0] != b[0]:
        return False
    if match == "exact":
        return a[1] == b[1] and a[2] == b[2]
    return a[1] < b[2] and b[1] < a[2]


def span_scores(predicted: Iterable[Span], gold: Iterable[Span], match: str = "overlap") -> Scores:
    """Score predicted spans against gold spans.

    Parameters
    ----------
    predicted, gold : iterable of (doc, start, end)
    match : {"exact", "overlap"}

    Returns
    -------
    Scores
        ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1`` and the lists of matched
        pairs, false positives and false negatives.

    Examples
    --------
    >>> s = span_scores([("a", 0, 5), ("a", 10, 12)], [("a", 1, 4), ("a", 20, 25)])
    >>> (s.tp, s.fp, s.fn)
    (1, 1, 1)
    """
    if match not in MATCHES:
        raise ValueError(f"match must be one of {MATCHES}, not {match!r}")
    predicted = sorted(set(predicted), key=lambda s: (str(s[0]), s[1], s[2]))
    remaining = sorted(set(gold), key=lambda s: (str(s[0]), s[1], s[2]))
    scores = Scores(0, 0, 0)
    for pred in predicted:
        hit = next((g for g in remaining if _same(pred, g, match)), None)
        if hit is None:
            scores.false_positives.append(pred)
            continue
        remaining.remove(hit)
        scores.matched.append((pred, hit))
    scores.false_negatives = remaining
    scores.tp = len(scores.matched)
    scores.fp = len(scores.false_positives)
    scores.fn = len(scores.false_negatives)
    return scores


def scores_table(rows: dict[str, Scores]) -> pd.DataFrame:
    """A table of several comparisons (index = the dict keys, e.g. categories)."""
    return pd.DataFrame.from_dict({name: s.as_row() for name, s in rows.items()}, orient="index")
