"""The records of sourcing: text spans, quotations, attributions and an article's sourcing profile,
with the source types (after PARC 3.0 source annotation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

#: Source types (design notes, after PARC source annotation).
SOURCE_TYPES = ("named_person", "named_organisation", "document", "anonymous",
                "vague_collective", "agentless", "dropped_subject")


#: Types that name who speaks; the others leave the reader unable to check the source.
NAMED_TYPES = ("named_person", "named_organisation", "document")


@dataclass(frozen=True)
class TextSpan:
    """A stretch of the article: character offsets into ``article.text`` and its text."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        """The contract's ``{"start", "end", "text"}``."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Quote:
    """A quotation between quote marks (marks included in the offsets).

    ``kind`` is ``"direct"`` (introduced by punctuation, a cue or the sentence start) or
    ``"partial"`` (a fragment inside the running sentence); ``open_ended`` marks a quote whose
    closing mark never came before the paragraph break.
    """

    start: int
    end: int
    text: str
    kind: str
    sentence: int
    speaker: str | None = None
    open_ended: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The contract's quote record."""
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "speaker": self.speaker}


@dataclass
class Attribution:
    """One attribution relation: a source says (or writes, or believes) a content via a cue.

    Attributes
    ----------
    cue : TextSpan
        The reporting verb, preposition, agentless passive, colon or dash.
    source : TextSpan or None
        The source as written (a pronoun stays a pronoun); None for an agentless cue.
    source_type : str
        One of :data:`SOURCE_TYPES`.
    rule : str
        The rule that decided ``source_type`` (shown to readers next to the type).
    quote : str
        ``"direct"``, ``"partial"`` or ``"indirect"``.
    sentence : int
        Index into ``parsed.sentences``.
    cue_kind : str
        ``"verb"``, ``"preposition"``, ``"agentless"``, ``"noun"``, ``"colon"`` or ``"dash"``.
    content : TextSpan or None
        What is attributed, when it can be delimited.
    resolved : TextSpan or None
        For a pronoun source, the named person it was resolved to.
    """

    cue: TextSpan
    source: TextSpan | None
    source_type: str
    rule: str
    quote: str
    sentence: int
    cue_kind: str
    content: TextSpan | None = None
    resolved: TextSpan | None = None

    @property
    def source_text(self) -> str | None:
        """The source as a reader would name it: the antecedent of a pronoun, else as written."""
        span = self.resolved or self.source
        return None if span is None else span.text

    def as_dict(self) -> dict[str, Any]:
        """The contract's attribution record."""
        return {"source": None if self.source is None else self.source.as_dict(),
                "source_type": self.source_type, "cue": self.cue.as_dict(),
                "quote": self.quote, "sentence": self.sentence}


@dataclass
class SourcingProfile:
    """How an article sources its sentences.

    Shares are fractions in [0, 1]; ``unattributed`` lists the indices of sentences that carry
    no attribution (claims the article makes on its own authority).
    """

    sentences: int
    attributions: int
    attributed_share: float
    named_share: float
    unnamed_share: float
    distinct_sources: int
    direct_quote_share: float
    type_counts: dict[str, int] = field(default_factory=dict)
    unattributed: list[int] = field(default_factory=list)

    def as_series(self) -> pd.Series:
        """The scalar figures, rounded to 3 decimals, for a notebook table."""
        return pd.Series({
            "sentences": self.sentences, "attributions": self.attributions,
            "attributed share of sentences": round(self.attributed_share, 3),
            "named share of attributions": round(self.named_share, 3),
            "unnamed share of attributions": round(self.unnamed_share, 3),
            "distinct sources": self.distinct_sources,
            "direct-quote share of attributions": round(self.direct_quote_share, 3),
            "unattributed sentences": len(self.unattributed),
        }, dtype=object)


def text_span(article_text: str, start: int, end: int) -> TextSpan | None:
    """The stretch ``start:end`` of the text without the spaces and punctuation (`` ,;:``)
    at its edges, or None when nothing else is left."""
    text = article_text[start:end]
    stripped = text.strip(" ,;:\n\t")
    if not stripped:
        return None
    start += len(text) - len(text.lstrip(" ,;:\n\t"))
    return TextSpan(start, start + len(stripped), stripped)


SpanList = list[tuple[int, int]]
