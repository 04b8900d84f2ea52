"""Two versions of a story, sentence-aligned, and what changed between them.

A rewrite of a story (an agency's update, an aggregator's copy, a translation) can keep the
sentences and still change what a reader learns: a hedge stripped ("potrebbe inviare" becomes
"invierà"), a named source turned into "fonti", a date moved, a quotation trimmed. This module
aligns the sentences of an old and a new version and reports, per aligned pair, what the
workbook's detectors see differently.

Alignment: each sentence is a TF-IDF vector of its content lemmas (fitted on the sentences of
both versions); pairs whose cosine reaches a threshold may align. A monotone alignment (dynamic
programming over the similarity matrix, as in sentence alignment of parallel texts) keeps the
order of the story; pairs that only match outside it are reported as moved.

Across languages the lemmas differ, so without a translation only language-independent anchors
align sentences (digits, number words mapped to their value, resolved dates, capitalised
names), and only numbers, dates and sources are compared; a translation of the new version's
sentences supplied by the user brings hedges and quotes back in.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from spacy.tokens import Token

from .corpus import Article
from .display import colors_for, legend
from .hedging import find_hedges
from .language import SUPPORTED_LANGUAGES
from .lexicon import load_lexicon
from .nlp import ParsedArticle, content_terms, normalise_apostrophes, parse
from .sourcing import analyse_sourcing
from .timeline import find_times

#: The change types a comparison reports (the ``type`` of :class:`Change`).
CHANGE_TYPES = ("hedge_added", "hedge_removed", "source_added", "source_removed",
                "source_changed", "number_changed", "date_changed", "quote_changed",
                "sentence_added", "sentence_removed", "sentence_moved")
#: Colours of the change types in the side-by-side view.
CHANGE_COLORS = colors_for(CHANGE_TYPES)
#: Default cosine similarity two sentences need to be aligned.
THRESHOLD = 0.3

# Decimal and thousands separators per language, to read "1.500,5" (it) as "1,500.5" (en).
_SEPARATORS = {"it": (",", "."), "en": (".", ",")}
# A numeral: digits with optional thousands/decimal separators ("3.000", "1,5"); codes that
# mix letters and digits ("KC-30s", "A380") are names, not numbers.
_NUMERAL = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Change:
    """One difference between an old and a new sentence.

    Attributes
    ----------
    type : str
        One of :data:`CHANGE_TYPES`.
    old, new : str or None
        What the old and the new version say (None on the side where it is absent).
    old_start, old_end, new_start, new_end : int or None
        Character offsets of ``old`` in the old article's text and of ``new`` in the new
        article's text (None when absent, or when the text came from a translation).
    old_source_type, new_source_type : str or None
        For ``source_*`` changes, the source types on each side.
    """

    type: str
    old: str | None
    new: str | None
    old_start: int | None = None
    old_end: int | None = None
    new_start: int | None = None
    new_end: int | None = None
    old_source_type: str | None = None
    new_source_type: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """``{"type", "old", "new"}``, plus both source types for a ``source_*`` change."""
        record: dict[str, Any] = {"type": self.type, "old": self.old, "new": self.new}
        if self.type.startswith("source_"):
            record["old_source_type"] = self.old_source_type
            record["new_source_type"] = self.new_source_type
        return record


@dataclass
class AlignedPair:
    """One row of the alignment: an old sentence, a new sentence, or both.

    Attributes
    ----------
    old, new : int or None
        Sentence indices into ``parsed.sentences`` of each version (None: absent there).
    similarity : float
        TF-IDF cosine of the two sentences (0.0 when one side is absent).
    changes : list of Change
    """

    old: int | None
    new: int | None
    similarity: float
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The record of ``media-workbook compare --format json``."""
        return {"old": self.old, "new": self.new, "similarity": round(self.similarity, 3),
                "changes": [c.as_dict() for c in self.changes]}


@dataclass
class Comparison:
    """The result of :func:`compare`.

    Attributes
    ----------
    old, new : ParsedArticle
        The two versions.
    pairs : list of AlignedPair
        In reading order (the old version's, added sentences where the new one has them).
    similarity : numpy.ndarray
        The sentence similarity matrix the alignment was computed on (old rows, new columns).
    threshold : float
    cross_language : bool
        True when the versions are in different languages.
    """

    old: ParsedArticle
    new: ParsedArticle
    pairs: list[AlignedPair]
    similarity: np.ndarray
    threshold: float
    cross_language: bool

    def records(self) -> list[dict[str, Any]]:
        """The JSON records, one per aligned pair, in reading order."""
        return [pair.as_dict() for pair in self.pairs]

    def frame(self) -> pd.DataFrame:
        """A tidy table: one row per change (type, the two sentence indices, the similarity,
        what each version says); sentences that did not change do not appear."""
        columns = ["old", "new", "similarity", "type", "old_text", "new_text"]
        rows = [{"old": p.old, "new": p.new, "similarity": round(p.similarity, 3),
                 "type": c.type, "old_text": c.old, "new_text": c.new}
                for p in self.pairs for c in p.changes]
        return pd.DataFrame(rows, columns=columns).astype({"old": "Int64", "new": "Int64"})

    def counts(self) -> pd.Series:
        """How many changes of each type (every type listed, zeros included)."""
        found = Counter(c.type for p in self.pairs for c in p.changes)
        return pd.Series({t: found.get(t, 0) for t in CHANGE_TYPES}, name="changes")

    def html(self) -> str:
        """The side-by-side view: old and new sentences in two columns, changes highlighted.

        Every piece of article text is escaped with :func:`html.escape`.
        """
        return side_by_side(self)


# --- what each sentence says ---------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """One thing a sentence says (a hedge, a source, a number...), keyed for comparison."""

    key: Any
    text: str
    start: int | None
    end: int | None
    source_type: str | None = None
    names: frozenset[str] = frozenset()

    def same(self, other: _Item) -> bool:
        """The same thing said on both sides: equal keys, or, for sources, a shared name
        ("Lee Song-kwon" and "il rappresentante Lee Song-kwon" are one source)."""
        return self.key == other.key or bool(self.names & other.names)


@dataclass
class _Facts:
    """What the detectors find in one sentence."""

    terms: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    hedges: list[_Item] = field(default_factory=list)
    sources: list[_Item] = field(default_factory=list)
    numbers: list[_Item] = field(default_factory=list)
    dates: list[_Item] = field(default_factory=list)
    quotes: list[_Item] = field(default_factory=list)


@cache
def _number_words(lang: str) -> dict[str, str]:
    """Number words -> value, from the time lexicon's cardinal numbers. Values of 1 ("un",
    "a") double as indefinite articles and vague quantifiers ("qualche", "several", glossed
    "taken as") are no numbers: both are left out."""
    try:
        table = load_lexicon(f"time_{lang}")
    except FileNotFoundError:
        return {}
    rows = table[(table["kind"] == "number") & (table["value"] != "1")
                 & ~table["gloss"].str.contains("taken as")]
    return dict(zip(rows["pattern"], rows["value"]))


def _number_value(text: str, lang: str) -> str:
    """A number as a language-independent value: "3.000" (it) and "3,000" (en) -> "3000"."""
    words = _number_words(lang)
    lower = text.lower()
    if lower in words:
        return words[lower]
    decimal, thousands = _SEPARATORS.get(lang, (".", ","))
    plain = text.replace(thousands, "").replace(decimal, ".")
    try:
        value = float(plain)
    except ValueError:
        return lower
    return f"{value:g}" if value != int(value) else str(int(value))


def _is_name(token: Token) -> bool:
    """A capitalised word that is no stop word ("Reuters", "Lee"; not "Il", "The")."""
    return token.text[:1].isupper() and not token.is_stop and not token.is_punct


def _source_key(text: str | None, names: frozenset[str], source_type: str,
                cross_language: bool) -> tuple:
    # Across languages only names survive translation: a source without a name ("the
    # company", "alcune fonti") compares by its type alone.
    if cross_language:
        return (tuple(sorted(names)) if names else None, source_type)
    return (None if text is None else normalise_apostrophes(text).lower(), source_type)


def _facts(parsed: ParsedArticle, cross_language: bool = False) -> list[_Facts]:
    """Per sentence of ``parsed``: content terms, language-independent anchors, hedges,
    sources, numbers outside dates, dates, quotes (keyed for a cross-language comparison when
    ``cross_language``)."""
    lang = parsed.article.language
    facts = [_Facts() for _ in parsed.sentences]
    times = find_times(parsed)
    in_time = set()
    for t in times:
        in_time.update(range(t.start, t.end))
        # Across languages only a resolved date can be compared; within one, the wording too.
        if t.resolved is not None or not cross_language:
            key = t.resolved or normalise_apostrophes(t.text).lower()
            facts[t.sentence].dates.append(_Item(key, t.text, t.start, t.end))
    words = _number_words(lang)
    for index, sent in enumerate(parsed.sentences):
        facts[index].terms = content_terms(sent)
        for token in sent:
            is_number = _NUMERAL.fullmatch(token.text) or token.lower_ in words
            if token.idx in in_time or not is_number:
                continue
            facts[index].numbers.append(_Item(_number_value(token.text, lang), token.text,
                                              token.idx, token.idx + len(token)))
    hedges = find_hedges(parsed, boosters=False) if lang in SUPPORTED_LANGUAGES else []
    for hedge in hedges:
        # Keyed by the cue's lemmas: "starebbe" and "potrebbe" share a lexicon pattern (the
        # conditional ending) but are different hedges; "potrebbe" and "potrebbero" are one.
        cue = parsed.doc.char_span(hedge.start, hedge.end, alignment_mode="expand")
        facts[hedge.sentence].hedges.append(_Item(" ".join(t.lemma_ for t in cue), hedge.text,
                                                  hedge.start, hedge.end))
    attributions, quotes = analyse_sourcing(parsed)
    for a in attributions:
        span = a.source or a.cue
        named = a.resolved or a.source
        tokens = [] if named is None else parsed.doc.char_span(named.start, named.end,
                                                               alignment_mode="expand")
        names = frozenset(t.text.lower() for t in tokens if _is_name(t))
        facts[a.sentence].sources.append(_Item(
            _source_key(a.source_text, names, a.source_type, cross_language),
            a.source_text or a.cue.text, span.start, span.end, a.source_type, names))
    for q in quotes:
        facts[q.sentence].quotes.append(_Item(normalise_apostrophes(q.text), q.text, q.start,
                                              q.end))
    for index, sent in enumerate(parsed.sentences):
        # Names keep their spelling across languages; numbers and resolved dates their value.
        names = [t.text.lower() for t in sent if _is_name(t) and not t.is_sent_start]
        facts[index].anchors = (names + [f"#{n.key}" for n in facts[index].numbers]
                                + [f"@{d.key}" for d in facts[index].dates])
    return facts


def _translated_facts(translation: Sequence[str], lang: str) -> list[_Facts]:
    """Facts of a sentence-by-sentence translation, one :class:`_Facts` per given sentence
    (offsets dropped: they point into the translation, not into the new article)."""
    text = "\n".join(s.replace("\n", " ") for s in translation)
    parsed = parse(Article("translation", text, language=lang))
    line_starts = [m.start() for m in re.finditer(r"^", text, flags=re.MULTILINE)]
    merged = [_Facts() for _ in translation]
    for sent, facts in zip(parsed.sentences, _facts(parsed)):
        line = int(np.searchsorted(line_starts, sent.start_char, side="right")) - 1
        target = merged[line]
        target.terms += facts.terms
        target.hedges += [_Item(i.key, i.text, None, None) for i in facts.hedges]
        target.quotes += [_Item(i.key, i.text, None, None) for i in facts.quotes]
    return merged


# --- alignment -----------------------------------------------------------------------------


def similarity_matrix(old_terms: Sequence[Sequence[str]],
                      new_terms: Sequence[Sequence[str]]) -> np.ndarray:
    """TF-IDF cosine similarity of every old sentence (rows) with every new one (columns).

    Parameters
    ----------
    old_terms, new_terms : sequence of sequence of str
        The terms of each sentence (content lemmas, see :func:`analysis.nlp.content_terms`).
        The IDF is fitted on the sentences of both versions.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(old_terms), len(new_terms))``, values in [0, 1].
    """
    shape = (len(old_terms), len(new_terms))
    documents = [list(t) for t in old_terms] + [list(t) for t in new_terms]
    if 0 in shape or not any(documents):
        return np.zeros(shape)
    vectors = TfidfVectorizer(analyzer=lambda terms: terms).fit_transform(documents)
    return cosine_similarity(vectors[: shape[0]], vectors[shape[0]:]).reshape(shape)


def monotone_alignment(similarity: np.ndarray, threshold: float = THRESHOLD
                       ) -> list[tuple[int, int]]:
    """The order-preserving set of sentence pairs with the largest total similarity.

    Dynamic programming over the similarity matrix (the edit-distance recurrence with the
    similarity as the reward of a match and no cost for a gap); only pairs whose similarity
    reaches ``threshold`` may match.

    Parameters
    ----------
    similarity : numpy.ndarray
        Old sentences in rows, new ones in columns.
    threshold : float
        The least similarity of an aligned pair.

    Returns
    -------
    list of (int, int)
        ``(old, new)`` index pairs, increasing in both.

    References
    ----------
    Gale, W. A. and Church, K. W. (1993). A program for aligning sentences in bilingual
    corpora. *Computational Linguistics* 19(1), 75-102.

    Examples
    --------
    >>> monotone_alignment(np.array([[0.9, 0.0], [0.0, 0.8]]))
    [(0, 0), (1, 1)]
    """
    n_old, n_new = similarity.shape
    score = np.zeros((n_old + 1, n_new + 1))
    for i in range(1, n_old + 1):
        for j in range(1, n_new + 1):
            s = similarity[i - 1, j - 1]
            match = score[i - 1, j - 1] + s if s >= threshold else -np.inf
            score[i, j] = max(match, score[i - 1, j], score[i, j - 1])
    pairs = []
    i, j = n_old, n_new
    while i > 0 and j > 0:
        s = similarity[i - 1, j - 1]
        if s >= threshold and score[i, j] == score[i - 1, j - 1] + s:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i, j] == score[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _moved(similarity: np.ndarray, matched: list[tuple[int, int]], threshold: float
           ) -> list[tuple[int, int]]:
    """Pairs left out of the monotone alignment that still match: greedily, best first."""
    free_old = set(range(similarity.shape[0])) - {i for i, _ in matched}
    free_new = set(range(similarity.shape[1])) - {j for _, j in matched}
    candidates = sorted(((similarity[i, j], i, j) for i in free_old for j in free_new
                         if similarity[i, j] >= threshold), key=lambda c: (-c[0], c[1], c[2]))
    moved = []
    for _, i, j in candidates:
        if i in free_old and j in free_new:
            moved.append((i, j))
            free_old.discard(i)
            free_new.discard(j)
    return moved


# --- changes of one aligned pair ------------------------------------------------------------


def _difference(old: list[_Item], new: list[_Item]) -> tuple[list[_Item], list[_Item]]:
    """Items of ``old`` with no counterpart in ``new`` and of ``new`` with none in ``old``
    (each item matched at most once, greedily in text order; see :meth:`_Item.same`)."""
    unmatched_new = list(new)
    removed = []
    for item in old:
        match = next((n for n in unmatched_new if item.same(n)), None)
        if match is None:
            removed.append(item)
        else:
            unmatched_new.remove(match)
    return removed, unmatched_new


def _change(kind: str, old: _Item | None, new: _Item | None) -> Change:
    return Change(kind, None if old is None else old.text, None if new is None else new.text,
                  None if old is None else old.start, None if old is None else old.end,
                  None if new is None else new.start, None if new is None else new.end,
                  None if old is None else old.source_type,
                  None if new is None else new.source_type)


def _paired(kind: str, old: list[_Item], new: list[_Item], *, added: str | None = None,
            removed: str | None = None) -> list[Change]:
    """Changes from the items only one side has: paired in order as ``kind``; the surplus on
    one side as ``removed``/``added`` when given, else as ``kind`` with the other side None."""
    removed_items, added_items = _difference(old, new)
    changes = [_change(kind, a, b) for a, b in zip(removed_items, added_items)]
    n = min(len(removed_items), len(added_items))
    changes += [_change(removed or kind, a, None) for a in removed_items[n:]]
    changes += [_change(added or kind, None, b) for b in added_items[n:]]
    return changes


def _pair_changes(old: _Facts, new: _Facts, compare_wording: bool) -> list[Change]:
    removed, added = _difference(old.hedges, new.hedges) if compare_wording else ([], [])
    changes = [_change("hedge_removed", h, None) for h in removed]
    changes += [_change("hedge_added", None, h) for h in added]
    changes += _paired("source_changed", old.sources, new.sources, added="source_added",
                       removed="source_removed")
    changes += _paired("number_changed", old.numbers, new.numbers)
    changes += _paired("date_changed", old.dates, new.dates)
    if compare_wording:
        changes += _paired("quote_changed", old.quotes, new.quotes)
    return changes


# --- the public entry point ------------------------------------------------------------------


def compare(old: Article | ParsedArticle, new: Article | ParsedArticle, *,
            threshold: float = THRESHOLD, translation: Sequence[str] | None = None
            ) -> Comparison:
    """Align the sentences of two versions of a story and report what changed.

    Parameters
    ----------
    old, new : Article or ParsedArticle
        The earlier and the later version (parsed here when given as articles).
    threshold : float
        The least TF-IDF cosine of two sentences for them to align (0 < threshold <= 1).
    translation : sequence of str, optional
        When the versions are in different languages: a translation of each of ``new``'s
        sentences into ``old``'s language, one string per sentence of ``new`` (in order).
        It is used to align the sentences and to compare hedges and quotes. Without it, a
        cross-language comparison aligns on numbers, dates and names only and compares only
        numbers, dates and sources.

    Returns
    -------
    Comparison
        ``.pairs`` in reading order; ``.records()`` for JSON, ``.frame()`` for a table,
        ``.html()`` for the side-by-side view.

    Raises
    ------
    ValueError
        For a threshold outside (0, 1], a translation of a version in the old version's own
        language, or a translation whose length is not the number of sentences of ``new``.

    Examples
    --------
    >>> a = Article("a", "Il vertice potrebbe tenersi a Roma.", language="it")
    >>> b = Article("b", "Il vertice si terrà a Roma.", language="it")
    >>> [c.type for p in compare(a, b).pairs for c in p.changes]
    ['hedge_removed']
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
    old_parsed = old if isinstance(old, ParsedArticle) else parse(old)
    new_parsed = new if isinstance(new, ParsedArticle) else parse(new)
    cross = old_parsed.article.language != new_parsed.article.language
    if translation is not None and not cross:
        raise ValueError("translation is for versions in two languages; both are "
                         f"{old_parsed.article.language!r}")
    if translation is not None and len(translation) != len(new_parsed.sentences):
        raise ValueError(f"translation must give one string per sentence of the new version "
                         f"({len(new_parsed.sentences)}), not {len(translation)}")
    use_translation = translation is not None
    old_facts = _facts(old_parsed, cross_language=cross)
    new_facts = _facts(new_parsed, cross_language=cross)
    if use_translation:
        for facts, translated in zip(new_facts, _translated_facts(
                translation, old_parsed.article.language)):
            facts.terms, facts.hedges, facts.quotes = (translated.terms, translated.hedges,
                                                       translated.quotes)
    wording = not cross or use_translation
    field_name = "terms" if wording else "anchors"
    similarity = similarity_matrix([getattr(f, field_name) for f in old_facts],
                                   [getattr(f, field_name) for f in new_facts])
    matched = monotone_alignment(similarity, threshold)
    moved = _moved(similarity, matched, threshold)
    pairs = _reading_order(old_parsed, new_parsed, similarity, matched, moved)
    for pair in pairs:
        if pair.old is not None and pair.new is not None:
            pair.changes += _pair_changes(old_facts[pair.old], new_facts[pair.new], wording)
    return Comparison(old_parsed, new_parsed, pairs, similarity, threshold, cross)


def _reading_order(old: ParsedArticle, new: ParsedArticle, similarity: np.ndarray,
                   matched: list[tuple[int, int]], moved: list[tuple[int, int]]
                   ) -> list[AlignedPair]:
    """Aligned pairs in the old version's order, each added sentence after the pair before it
    in the new version; a moved sentence stands at its old place."""
    moved_old = dict(moved)
    moved_new = {j for _, j in moved}

    def sentence(parsed: ParsedArticle, index: int) -> _Item:
        span = parsed.sentences[index]
        return _Item(index, span.text, span.start_char, span.end_char)

    pairs: list[AlignedPair] = []

    def add_new(upto: int, start: int) -> None:
        for j in range(start, upto):
            if j not in moved_new:
                pairs.append(AlignedPair(None, j, 0.0, [
                    _change("sentence_added", None, sentence(new, j))]))

    i = j = 0
    for a, b in [*matched, (len(old.sentences), len(new.sentences))]:
        for k in range(i, a):
            if k in moved_old:
                m = moved_old[k]
                pairs.append(AlignedPair(k, m, float(similarity[k, m]), [
                    _change("sentence_moved", sentence(old, k), sentence(new, m))]))
            else:
                pairs.append(AlignedPair(k, None, 0.0, [
                    _change("sentence_removed", sentence(old, k), None)]))
        add_new(b, j)
        if a < len(old.sentences):
            pairs.append(AlignedPair(a, b, float(similarity[a, b])))
        i, j = a + 1, b + 1
    return pairs


# --- the side-by-side view -------------------------------------------------------------------


def _marked(text: str, offset: int, spans: list[tuple[int, int, str]]) -> str:
    """``text`` (starting at ``offset`` in its article) escaped, with ``spans`` wrapped in
    ``<mark>`` (overlapping spans: the first wins)."""
    out, cursor = [], 0
    for start, end, kind in sorted(spans):
        a, b = max(start - offset, cursor), min(end - offset, len(text))
        if a >= b:
            continue
        out.append(html.escape(text[cursor:a]))
        out.append(f'<mark title="{html.escape(kind)}" style="background:'
                   f'{CHANGE_COLORS[kind]}">{html.escape(text[a:b])}</mark>')
        cursor = b
    out.append(html.escape(text[cursor:]))
    return "".join(out)


_TD = "vertical-align:top;padding:3px 6px;border-bottom:1px solid #eee"


def _cell(parsed: ParsedArticle, index: int | None, changes: list[Change], side: str) -> str:
    if index is None:
        return f'<td style="{_TD};background:#f4f4f4"></td>'
    sent = parsed.sentences[index]
    spans = [(getattr(c, f"{side}_start"), getattr(c, f"{side}_end"), c.type) for c in changes
             if getattr(c, f"{side}_start") is not None and not c.type.startswith("sentence_")]
    whole = [c.type for c in changes if c.type.startswith("sentence_")]
    edge = f";border-left:4px solid {CHANGE_COLORS[whole[0]]}" if whole else ""
    return (f'<td style="{_TD}{edge}"><small>{index}</small> '
            f'{_marked(sent.text, sent.start_char, spans)}</td>')


def side_by_side(comparison: Comparison) -> str:
    """The comparison as an HTML table: old version left, new right, one row per aligned
    pair, changed words marked in the colour of their change type (see
    :data:`CHANGE_COLORS`), added, removed and moved sentences edged in theirs.

    Returns
    -------
    str
        Escaped HTML (article text never reaches the page unescaped); show it in a notebook
        with ``IPython.display.HTML``.
    """
    titles = [html.escape(c.article.title or c.article.id)
              for c in (comparison.old, comparison.new)]
    rows = []
    for pair in comparison.pairs:
        listed = "; ".join(html.escape(c.type) for c in pair.changes)
        rows.append(f"<tr>{_cell(comparison.old, pair.old, pair.changes, 'old')}"
                    f"{_cell(comparison.new, pair.new, pair.changes, 'new')}"
                    f'<td style="{_TD}"><small>{pair.similarity:.2f}</small></td>'
                    f'<td style="{_TD}"><small>{listed}</small></td></tr>')
    head = (f"<tr><th>Old: {titles[0]}</th><th>New: {titles[1]}</th><th>cosine</th>"
            f"<th>changes</th></tr>")
    return (f'<div class="mw-compare">{legend(CHANGE_COLORS)}'
            f'<table style="border-collapse:collapse;width:100%;text-align:left">'
            f"{head}{''.join(rows)}</table></div>")


def closest_article(parsed: Sequence[ParsedArticle], index: int) -> tuple[int | None, float]:
    """The article of a corpus most similar to article ``index``: a candidate second version.

    Each article is one document of content lemmas (as in chapter 02); the similarity is the
    TF-IDF cosine, with the IDF fitted on the corpus. A rewrite of the same story shares most
    of its content words, so the closest article is where to look for one; a low similarity
    says the corpus holds no other version of it.

    Parameters
    ----------
    parsed : sequence of ParsedArticle
        The corpus, parsed.
    index : int
        Position of the article to match.

    Returns
    -------
    (int or None, float)
        The position of the closest other article and its cosine similarity (ties go to the
        earlier article), or ``(None, 0.0)`` when the corpus has a single article.

    Raises
    ------
    IndexError
        When ``index`` is not a position in ``parsed``.
    """
    if not -len(parsed) <= index < len(parsed):
        raise IndexError(f"article {index} is not in a corpus of {len(parsed)} article(s)")
    index %= len(parsed)
    if len(parsed) < 2:
        return None, 0.0
    terms = [[t for sentence in p.sentences for t in content_terms(sentence)] for p in parsed]
    similarity = similarity_matrix(terms, terms)[index]
    similarity[index] = -1.0
    best = int(np.argmax(similarity))
    return best, round(float(similarity[best]), 3)


def compare_parallel(old: Sequence[Article], new: Sequence[Article], *,
                     threshold: float = THRESHOLD) -> tuple[pd.DataFrame, list[str]]:
    """Compare parallel versions (e.g. translations) article by article.

    Articles are paired by the last part of their id (``file:row`` ids from two tables of the
    same stories pair on ``row``); each pair is aligned with :func:`compare`.

    Parameters
    ----------
    old, new : sequence of Article
        The two sides; an article without a partner on the other side is left out.
    threshold : float
        Least TF-IDF cosine of two aligned sentences.

    Returns
    -------
    (pandas.DataFrame, list of str)
        One row per pair (``id``, sentences and attributions of each side, ``aligned`` pairs,
        how many of them ``on the diagonal``), sorted by id; and the type of every change
        reported on aligned pairs, moved sentences left out.
    """
    def key(article: Article) -> str:
        return article.id.rsplit(":", 1)[-1]

    first, second = {key(a): a for a in old}, {key(a): a for a in new}
    rows, found = [], []
    for name in sorted(first.keys() & second.keys()):
        a, b = parse(first[name]), parse(second[name])
        result = compare(a, b, threshold=threshold)
        pairs = [p for p in result.pairs if p.old is not None and p.new is not None]
        rows.append({"id": name, "old sentences": len(a.sentences),
                     "new sentences": len(b.sentences), "aligned": len(pairs),
                     "on the diagonal": sum(p.old == p.new for p in pairs),
                     "old attributions": len(analyse_sourcing(a)[0]),
                     "new attributions": len(analyse_sourcing(b)[0])})
        found += [c.type for p in pairs for c in p.changes if c.type != "sentence_moved"]
    return pd.DataFrame(rows), found
