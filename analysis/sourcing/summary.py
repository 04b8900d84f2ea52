"""Summaries: an article's sourcing profile, its attribution table, the claim ledger, and one row
per article of a corpus."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..nlp import ParsedArticle
from .attributions import _find_attributions
from .quotations import _find_quotes
from .records import NAMED_TYPES, SOURCE_TYPES, Attribution, Quote, SourcingProfile
from .words import CUE_PATTERNS, _sentence_finder, _table


def sourcing_profile(parsed: ParsedArticle, attributions: Sequence[Attribution]
                     ) -> SourcingProfile:
    """Summarise how an article sources its claims.

    Parameters
    ----------
    parsed : ParsedArticle
    attributions : sequence of Attribution
        From :func:`find_attributions`.

    Returns
    -------
    SourcingProfile
        Attributed share of sentences; named (:data:`NAMED_TYPES`) and unnamed shares of the
        attributions; distinct sources (case-folded, pronouns resolved, agentless cues not
        counted); share of attributions carrying a direct quotation; unattributed sentences.
    """
    n = len(parsed.sentences)
    attributed = {a.sentence for a in attributions}
    total = len(attributions)
    named = sum(a.source_type in NAMED_TYPES for a in attributions)
    names = {a.source_text.casefold() for a in attributions if a.source_text}
    # "Lee Song-kwon" (a resolved pronoun) and "il rappresentante ... Lee Song-kwon" are one.
    sources = {n for n in names if not any(o != n and o.endswith(" " + n) for o in names)}
    counts = {t: sum(a.source_type == t for a in attributions) for t in SOURCE_TYPES}
    return SourcingProfile(
        sentences=n, attributions=total,
        attributed_share=len(attributed) / n if n else 0.0,
        named_share=named / total if total else 0.0,
        unnamed_share=(total - named) / total if total else 0.0,
        distinct_sources=len(sources),
        direct_quote_share=sum(a.quote == "direct" for a in attributions) / total
        if total else 0.0,
        type_counts=counts,
        unattributed=[i for i in range(n) if i not in attributed])


def attribution_frame(attributions: Sequence[Attribution]) -> pd.DataFrame:
    """One row per attribution: sentence, source, resolved source, type, rule, cue, quote,
    content, offsets."""
    rows = [{"sentence": a.sentence, "source": a.source.text if a.source else None,
             "resolved": a.resolved.text if a.resolved else None, "source_type": a.source_type,
             "rule": a.rule, "cue": a.cue.text, "cue_kind": a.cue_kind, "quote": a.quote,
             "content": a.content.text if a.content else None,
             "source_start": a.source.start if a.source else None,
             "source_end": a.source.end if a.source else None,
             "cue_start": a.cue.start, "cue_end": a.cue.end}
            for a in attributions]
    return pd.DataFrame(rows, columns=["sentence", "source", "resolved", "source_type", "rule",
                                       "cue", "cue_kind", "quote", "content", "source_start",
                                       "source_end", "cue_start", "cue_end"])


def claim_ledger(parsed: ParsedArticle, attributions: Sequence[Attribution],
                 hedges: Sequence[Any] = ()) -> pd.DataFrame:
    """Each sentence as a claim, with who it is attributed to (or "unattributed") and whether
    it is hedged.

    A sentence with several attributions lists its sources joined by "; " (outermost first).
    ``hedges`` are hedge cues (``analysis.hedging.find_hedges(parsed, boosters=False)``): any
    record with ``sentence`` and ``text``; without them the ``hedged`` column is left empty.
    """
    by_sentence: dict[int, list[Attribution]] = {}
    for a in attributions:
        by_sentence.setdefault(a.sentence, []).append(a)
    cues: dict[int, list[str]] = {}
    for h in hedges:
        cues.setdefault(h.sentence, []).append(h.text)
    rows = []
    for i, sent in enumerate(parsed.sentences):
        found = by_sentence.get(i, [])
        rows.append({
            "sentence": i, "claim": sent.text,
            "source": "; ".join(a.source_text or "(agentless)" for a in found) or None,
            "source_type": "; ".join(a.source_type for a in found) or "unattributed",
            "cue": "; ".join(a.cue.text for a in found) or None,
            "hedged": bool(cues.get(i)) if hedges else None,
            "hedge cues": "; ".join(cues.get(i, [])) or None})
    return pd.DataFrame(rows, columns=["sentence", "claim", "source", "source_type", "cue",
                                       "hedged", "hedge cues"])


def analyse_sourcing(parsed: ParsedArticle) -> tuple[list[Attribution], list[Quote]]:
    """Quotations and attributions of one parsed article (quotes get their speakers).

    Returns empty lists for a language without sourcing lexicons.
    """
    if parsed.article.language not in CUE_PATTERNS:
        return [], []
    table, sentence_of = _table(parsed), _sentence_finder(parsed)
    quotes = _find_quotes(parsed, table, sentence_of)
    return _find_attributions(parsed, table, quotes, sentence_of), quotes


def sourcing_records(parsed: ParsedArticle) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The annotate contract's ``attributions`` and ``quotes`` lists for one article."""
    attributions, quotes = analyse_sourcing(parsed)
    return [a.as_dict() for a in attributions], [q.as_dict() for q in quotes]


def claim_scope(parsed: ParsedArticle, attributions: Sequence[Attribution], *,
                threshold: float = 0.75) -> pd.DataFrame:
    """Whose claim each sentence makes: its source's, or the reporter's with a reported clause.

    An attribution in a sentence does not make the whole sentence someone else's claim. In
    *I precedenti risalgono all'estate scorsa, quando Mosca e Pyongyang hanno confermato la
    cooperazione* ("the precedents go back to last summer, when Moscow and Pyongyang confirmed
    the cooperation") the main clause is the reporter's; only the subordinate clause is
    attributed. Without a dependency parse, the rule is the share of the sentence's words that
    the attributions cover (source, cue and content spans): at least ``threshold`` and the
    sentence is the source's claim; less, and the reporter asserts the rest.

    Parameters
    ----------
    parsed : ParsedArticle
    attributions : sequence of Attribution
        From :func:`analyse_sourcing` or :func:`find_attributions`.
    threshold : float
        Least covered share of words for the sentence to count as attributed.

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``sentence``, ``covered`` (share of its words inside an
        attribution, 3 decimals) and ``claim of``: ``"source"``, ``"reporter (a clause is
        attributed)"`` or ``"reporter"`` (no attribution).
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    for a in attributions:
        for part in (a.source, a.cue, a.content):
            if part is not None:
                spans.setdefault(a.sentence, []).append((part.start, part.end))
    rows = []
    for i, sent in enumerate(parsed.sentences):
        words = [t.idx for t in sent if not (t.is_punct or t.is_space)]
        inside = [any(s <= w < e for s, e in spans.get(i, ())) for w in words]
        covered = round(sum(inside) / len(words), 3) if words else 0.0
        claim = ("reporter" if i not in spans else
                 "source" if covered >= threshold else "reporter (a clause is attributed)")
        rows.append({"sentence": i, "covered": covered, "claim of": claim})
    return pd.DataFrame(rows, columns=["sentence", "covered", "claim of"])


def corpus_sourcing(parsed: Sequence[ParsedArticle]) -> pd.DataFrame:
    """One row of sourcing figures per article of a corpus, for distributions and comparisons.

    Parameters
    ----------
    parsed : sequence of ParsedArticle

    Returns
    -------
    pandas.DataFrame
        Columns ``article, outlet, year`` (of publication, or None) and the figures of
        :meth:`SourcingProfile.as_series`, in corpus order.
    """
    rows = []
    for p in parsed:
        profile = sourcing_profile(p, analyse_sourcing(p)[0])
        rows.append({"article": p.article.id, "outlet": p.article.outlet,
                     "year": p.article.year, **profile.as_series().to_dict()})
    return pd.DataFrame(rows)
