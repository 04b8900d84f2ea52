"""Hand annotations of hedges and attributions (``data/annotations/GUIDELINES.md``).

The gold standard of the MEANTIME Italian articles is stored as JSONL, one article a line, with
character offsets into the article's ``text`` (GUIDELINES section 1). This module reads those
files into dataclasses, checks every span against the article text, and measures the agreement
of two independent passes as GUIDELINES section 4.4 defines it:

- span precision, recall and F1 for hedges and attribution cues, ``exact`` (same offsets) and
  ``overlap`` (at least one shared character, pairs matched one-to-one, greedily by largest
  overlap);
- source spans on the attributions whose cues matched by overlap (two null sources match);
- Cohen's kappa on hedge ``category``, attribution ``kind`` and ``source_type`` over the pairs
  matched by overlap.

The first pass is the reference and the second the prediction (F1 is symmetric).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .evaluation import Scores, span_scores
from .nlp import ParsedArticle
from .sourcing import Attribution

HEDGE_CATEGORIES = ("epistemic", "approximator", "condition")
KINDS = ("direct", "mixed", "indirect")
SOURCE_TYPES = ("named_person", "named_organisation", "document", "anonymous",
                "vague_collective", "agentless", "dropped_subject")
#: Source types whose ``source`` is null (GUIDELINES 3.4).
NULL_SOURCE_TYPES = ("dropped_subject", "agentless")
AGREEMENT_COLUMNS = ("layer", "match", "n_a", "n_b", "tp", "fp", "fn", "precision", "recall",
                     "f1", "pairs", "observed", "kappa")


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, int | str]:
        """The span as stored in the JSONL files."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class HedgeRecord:
    """One hedge cue with its category (GUIDELINES section 2)."""

    start: int
    end: int
    text: str
    category: str
    note: str | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    def as_dict(self) -> dict[str, object]:
        """The record as stored in the JSONL files (``note`` only when there is one)."""
        out: dict[str, object] = {"start": self.start, "end": self.end, "text": self.text,
                                  "category": self.category}
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class AttributionRecord:
    """One attribution: cue, source (``None`` when dropped or agentless), kind and type."""

    cue: Span
    source: Span | None
    kind: str
    source_type: str
    resolved_source: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The record as stored in the JSONL files (``note`` only when there is one)."""
        out: dict[str, object] = {
            "cue": self.cue.as_dict(),
            "source": self.source.as_dict() if self.source else None,
            "kind": self.kind, "source_type": self.source_type,
            "resolved_source": self.resolved_source}
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class ArticleAnnotation:
    """The annotation of one article by one annotator (one JSONL line)."""

    id: str
    annotator: str
    hedges: list[HedgeRecord] = field(default_factory=list)
    attributions: list[AttributionRecord] = field(default_factory=list)

    def attribution_spans(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The ``(start, end)`` character spans of the attributions' sources (those that have
        one) and cues, in record order: the gold of a span tagger
        (:meth:`analysis.sourcing.tagger.AttributionTagger.fit`)."""
        return ([(r.source.start, r.source.end) for r in self.attributions if r.source],
                [(r.cue.start, r.cue.end) for r in self.attributions])

    def as_dict(self) -> dict[str, object]:
        """The article's line as a dict, records sorted as GUIDELINES section 1 asks."""
        return {"id": self.id, "annotator": self.annotator,
                "hedges": [h.as_dict() for h in sorted(self.hedges,
                                                       key=lambda h: (h.start, h.end))],
                "attributions": [a.as_dict() for a in sorted(
                    self.attributions, key=lambda a: (a.cue.start, a.cue.end))]}


# --- reading ------------------------------------------------------------------------------


def read_texts(corpus: str | Path) -> dict[str, str]:
    """Article ``text`` by ``id`` from a corpus JSONL file (e.g. ``meantime_it.jsonl``)."""
    with Path(corpus).open(encoding="utf-8") as handle:
        return {row["id"]: row["text"] for row in map(json.loads, handle) if row}


def _span(raw: object, what: str, text: str | None) -> Span:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{what} is not an object")
    try:
        start, end, string = raw["start"], raw["end"], raw["text"]
    except KeyError as missing:
        raise ValueError(f"{what} has no {missing.args[0]!r}") from None
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(string, str)):
        raise ValueError(f"{what}: start and end must be integers and text a string")
    if not 0 <= start < end:
        raise ValueError(f"{what}: bad offsets {start}:{end}")
    if end - start != len(string):
        raise ValueError(f"{what}: {start}:{end} is not the length of {string!r}")
    if text is not None and text[start:end] != string:
        raise ValueError(f"{what}: text[{start}:{end}] is {text[start:end]!r}, "
                         f"not {string!r}")
    return Span(start, end, string)


def _choice(value: object, allowed: Sequence[str], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what} {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def parse_article(raw: Mapping[str, object], text: str | None = None) -> ArticleAnnotation:
    """One JSONL record as an :class:`ArticleAnnotation`, checked against ``text`` if given.

    Parameters
    ----------
    raw : mapping
        The decoded JSON object (GUIDELINES section 1).
    text : str, optional
        The article's text; every span must then satisfy ``text[start:end] == span text``.

    Raises
    ------
    ValueError
        Naming the record (hedge or attribution number, counted from 1) and the problem.
    """
    for key in ("id", "annotator", "hedges", "attributions"):
        if key not in raw:
            raise ValueError(f"missing key {key!r}")
    hedges = []
    for number, h in enumerate(raw["hedges"], start=1):  # type: ignore[arg-type]
        what = f"hedge {number}"
        span = _span(h, what, text)
        category = _choice(h.get("category"), HEDGE_CATEGORIES, f"{what} category")
        hedges.append(HedgeRecord(span.start, span.end, span.text, category, h.get("note")))
    attributions = []
    for number, a in enumerate(raw["attributions"], start=1):  # type: ignore[arg-type]
        what = f"attribution {number}"
        if not isinstance(a, Mapping):
            raise ValueError(f"{what} is not an object")
        cue = _span(a.get("cue"), f"{what} cue", text)
        source = None if a.get("source") is None else _span(a["source"], f"{what} source",
                                                            text)
        kind = _choice(a.get("kind"), KINDS, f"{what} kind")
        source_type = _choice(a.get("source_type"), SOURCE_TYPES, f"{what} source_type")
        if (source is None) != (source_type in NULL_SOURCE_TYPES):
            raise ValueError(f"{what}: source must be null exactly when the type is "
                             f"{' or '.join(NULL_SOURCE_TYPES)} (type {source_type}, "
                             f"source {source.text if source else None!r})")
        attributions.append(AttributionRecord(cue, source, kind, source_type,
                                              a.get("resolved_source"), a.get("note")))
    return ArticleAnnotation(str(raw["id"]), str(raw["annotator"]), hedges, attributions)


def load_annotations(paths: str | Path | Iterable[str | Path],
                     corpus: str | Path | Mapping[str, str] | None = None
                     ) -> dict[str, ArticleAnnotation]:
    """Read annotation JSONL files into one dict by article id.

    Parameters
    ----------
    paths : path or iterable of paths
        ``meantime_it.<annotator>.jsonl`` files; an article may occur in only one of them.
    corpus : path or mapping, optional
        The corpus JSONL (or a mapping ``id -> text``). When given, every article must be in
        it and every span must satisfy ``text[start:end] == span text``.

    Returns
    -------
    dict of str to ArticleAnnotation
        In file and line order.

    Raises
    ------
    ValueError
        On the first bad line: bad JSON, a missing key, an unknown label, offsets that do not
        point at the span's text, an article missing from the corpus, or an article given
        twice. The message names the file, the line and the problem.

    Examples
    --------
    >>> from analysis.paths import ANNOTATIONS_DIR
    >>> gold = load_annotations(ANNOTATIONS_DIR / "meantime_it.gold.jsonl")  # doctest: +SKIP
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    texts = read_texts(corpus) if isinstance(corpus, (str, Path)) else corpus
    out: dict[str, ArticleAnnotation] = {}
    where_from: dict[str, str] = {}
    for path in map(Path, paths):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{where}: not JSON ({error})") from None
                if not isinstance(raw, Mapping) or "id" not in raw:
                    raise ValueError(f"{where}: not an object with an 'id'")
                article = str(raw["id"])
                text = None
                if texts is not None:
                    text = texts.get(article)
                    if text is None:
                        raise ValueError(f"{where}: article {article!r} is not in the corpus")
                if article in out:
                    raise ValueError(f"{where}: article {article!r} already read from "
                                     f"{where_from[article]}")
                try:
                    out[article] = parse_article(raw, text)
                except ValueError as error:
                    raise ValueError(f"{where} ({article}): {error}") from None
                where_from[article] = where
    return out


def write_annotations(articles: Iterable[ArticleAnnotation], path: str | Path) -> None:
    """Write articles as JSONL (one line each, UTF-8, records sorted by start)."""
    lines = [json.dumps(a.as_dict(), ensure_ascii=False) for a in articles]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- matching -----------------------------------------------------------------------------


def overlap_scores(predicted: Iterable[tuple[Hashable, int, int]],
                   gold: Iterable[tuple[Hashable, int, int]]) -> Scores:
    """Overlap matching, one-to-one, greedily by largest overlap (GUIDELINES 4.4).

    :func:`analysis.evaluation.span_scores` matches overlapping spans greedily in document
    order; the guidelines ask for the pairs sharing the most characters first (ties: the
    earlier gold span, then the earlier predicted span). The result is a
    :class:`~analysis.evaluation.Scores` like ``span_scores``'s, matched pairs as
    ``(predicted, gold)``.
    """
    predicted = sorted(set(predicted), key=lambda s: (str(s[0]), s[1], s[2]))
    gold = sorted(set(gold), key=lambda s: (str(s[0]), s[1], s[2]))
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = min(p[2], g[2]) - max(p[1], g[1])
            if p[0] == g[0] and shared > 0:
                candidates.append((-shared, j, i))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, j, i in sorted(candidates):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((predicted[i], gold[j]))
    pairs.sort(key=lambda pg: (str(pg[1][0]), pg[1][1], pg[1][2]))
    scores = Scores(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
    scores.matched = pairs
    scores.false_positives = [p for i, p in enumerate(predicted) if i not in used_p]
    scores.false_negatives = [g for j, g in enumerate(gold) if j not in used_g]
    return scores


def _scores(predicted: list, gold: list, match: str) -> Scores:
    return span_scores(predicted, gold, "exact") if match == "exact" else overlap_scores(
        predicted, gold)


def _common(a: Mapping[str, ArticleAnnotation],
            b: Mapping[str, ArticleAnnotation]) -> list[str]:
    return [article for article in a if article in b]


def matched_hedges(a: Mapping[str, ArticleAnnotation], b: Mapping[str, ArticleAnnotation],
                   match: str = "overlap") -> list[tuple[str, HedgeRecord, HedgeRecord]]:
    """Pairs ``(article, hedge of a, hedge of b)`` matched on the articles both contain."""
    out = []
    for article in _common(a, b):
        by_a = {(article, h.start, h.end): h for h in a[article].hedges}
        by_b = {(article, h.start, h.end): h for h in b[article].hedges}
        for pb, pa in _scores(list(by_b), list(by_a), match).matched:
            out.append((article, by_a[pa], by_b[pb]))
    return out


def matched_attributions(a: Mapping[str, ArticleAnnotation],
                         b: Mapping[str, ArticleAnnotation], match: str = "overlap"
                         ) -> list[tuple[str, AttributionRecord, AttributionRecord]]:
    """Pairs ``(article, attribution of a, of b)`` whose cues match, on common articles."""
    out = []
    for article in _common(a, b):
        by_a = {(article, r.cue.start, r.cue.end): r for r in a[article].attributions}
        by_b = {(article, r.cue.start, r.cue.end): r for r in b[article].attributions}
        for pb, pa in _scores(list(by_b), list(by_a), match).matched:
            out.append((article, by_a[pa], by_b[pb]))
    return out


def source_scores(pairs: Sequence[tuple[str, AttributionRecord, AttributionRecord]],
                  match: str = "overlap") -> Scores:
    """Source spans of matched attributions (a = reference); two null sources match.

    Each pair is its own document, so a source can only match its partner's source. A null
    source against a span counts only the span (a false positive or a false negative).
    """
    gold, predicted, both_null = [], [], 0
    for number, (_, ra, rb) in enumerate(pairs):
        if ra.source is None and rb.source is None:
            both_null += 1
        if ra.source is not None:
            gold.append((number, ra.source.start, ra.source.end))
        if rb.source is not None:
            predicted.append((number, rb.source.start, rb.source.end))
    scores = span_scores(predicted, gold, match)
    scores.tp += both_null
    return scores


def kappa(labels_a: Sequence[str], labels_b: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences (NaN when empty or when only one label occurs)."""
    from sklearn.metrics import cohen_kappa_score

    if not labels_a or len(set(labels_a) | set(labels_b)) < 2:
        return float("nan")
    return float(cohen_kappa_score(list(labels_a), list(labels_b)))


def confusion(labels_a: Sequence[str], labels_b: Sequence[str]) -> pd.DataFrame:
    """Confusion matrix of matched labels: rows = first pass, columns = second pass."""
    return pd.crosstab(pd.Series(list(labels_a), name="a"), pd.Series(list(labels_b), name="b"))


def _span_row(layer: str, match: str, scores: Scores, n_a: int, n_b: int) -> dict:
    return {"layer": layer, "match": match, "n_a": n_a, "n_b": n_b, **scores.as_row()}


def _kappa_row(layer: str, labels_a: list[str], labels_b: list[str]) -> dict:
    same = sum(x == y for x, y in zip(labels_a, labels_b))
    return {"layer": layer, "match": "overlap", "pairs": len(labels_a),
            "observed": round(same / len(labels_a), 3) if labels_a else float("nan"),
            "kappa": round(kappa(labels_a, labels_b), 3)}


def agreement(a: Mapping[str, ArticleAnnotation],
              b: Mapping[str, ArticleAnnotation]) -> pd.DataFrame:
    """Agreement of two annotation passes over the articles both contain (GUIDELINES 4.4).

    Parameters
    ----------
    a, b : mapping of article id to ArticleAnnotation
        The reference pass and the compared pass (e.g. from :func:`load_annotations`).

    Returns
    -------
    pandas.DataFrame
        One row per measure, columns ``layer``, ``match``, ``n_a``, ``n_b`` (spans per pass),
        ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1`` for the span rows
        (``hedge``, ``cue``, ``source``; ``exact`` and ``overlap``), and ``pairs`` (matched
        pairs), ``observed`` (share of equal labels) and ``kappa`` for the label rows
        (``hedge category``, ``attribution kind``, ``source type``; pairs matched by
        overlap). Columns that do not apply to a row are NaN.

    Examples
    --------
    >>> one = ArticleAnnotation("x", "A", [HedgeRecord(0, 5, "forse", "epistemic")])
    >>> two = ArticleAnnotation("x", "B", [HedgeRecord(0, 5, "forse", "epistemic")])
    >>> table = agreement({"x": one}, {"x": two}).set_index(["layer", "match"])
    >>> float(table.loc[("hedge", "exact"), "f1"])
    1.0
    """
    common = _common(a, b)
    rows = []
    n_hedges = (sum(len(a[i].hedges) for i in common), sum(len(b[i].hedges) for i in common))
    n_cues = (sum(len(a[i].attributions) for i in common),
              sum(len(b[i].attributions) for i in common))
    for match in ("exact", "overlap"):
        ha = [(i, h.start, h.end) for i in common for h in a[i].hedges]
        hb = [(i, h.start, h.end) for i in common for h in b[i].hedges]
        rows.append(_span_row("hedge", match, _scores(hb, ha, match), *n_hedges))
    for match in ("exact", "overlap"):
        ca = [(i, r.cue.start, r.cue.end) for i in common for r in a[i].attributions]
        cb = [(i, r.cue.start, r.cue.end) for i in common for r in b[i].attributions]
        rows.append(_span_row("cue", match, _scores(cb, ca, match), *n_cues))
    pairs = matched_attributions(a, b, "overlap")
    n_sources = (sum(ra.source is not None for _, ra, _ in pairs),
                 sum(rb.source is not None for _, _, rb in pairs))
    for match in ("exact", "overlap"):
        rows.append(_span_row("source", match, source_scores(pairs, match), *n_sources))
    hedge_pairs = matched_hedges(a, b, "overlap")
    rows.append(_kappa_row("hedge category", [x.category for _, x, _ in hedge_pairs],
                           [y.category for _, _, y in hedge_pairs]))
    rows.append(_kappa_row("attribution kind", [x.kind for _, x, _ in pairs],
                           [y.kind for _, _, y in pairs]))
    rows.append(_kappa_row("source type", [x.source_type for _, x, _ in pairs],
                           [y.source_type for _, _, y in pairs]))
    table = pd.DataFrame(rows, columns=list(AGREEMENT_COLUMNS))
    counts = ["n_a", "n_b", "tp", "fp", "fn", "pairs"]
    table[counts] = table[counts].astype("Int64")
    return table


# --- the detectors, scored against the annotations -------------------------------------------

#: The detector's hedge categories (``analysis.hedging.CATEGORIES``) in the guidelines' three.
HEDGE_CATEGORY_OF = {"approximator": "approximator", "condition": "condition"}
#: The detector's quote kinds in the guidelines' attribution kinds.
KIND_OF = {"direct": "direct", "partial": "mixed", "indirect": "indirect"}


def detector_annotation(parsed: ParsedArticle,
                        attributions: Callable[[ParsedArticle], list[Attribution]] | None = None
                        ) -> ArticleAnnotation:
    """What the workbook's detectors find in an article, as an annotation (annotator
    ``"detectors"``) to score against a hand annotation with :func:`agreement`.

    Hedges without boosters, their categories mapped to the guidelines' (every category but
    approximators and conditions is ``epistemic``); attributions with their cue, source, kind
    (a partial quote is ``mixed``) and source type, from the rules
    (:func:`analysis.sourcing.find_attributions`) or from ``attributions``, another extractor
    with the same signature (a learned tagger's
    :meth:`~analysis.sourcing.tagger.AttributionTagger.attributions`).
    """
    from .hedging import find_hedges
    from .sourcing import find_attributions

    hedges = [HedgeRecord(h.start, h.end, h.text, HEDGE_CATEGORY_OF.get(h.category, "epistemic"))
              for h in find_hedges(parsed, boosters=False)]
    records = [
        AttributionRecord(Span(a.cue.start, a.cue.end, a.cue.text),
                          Span(a.source.start, a.source.end, a.source.text) if a.source else None,
                          KIND_OF.get(a.quote, "indirect"), a.source_type)
        for a in (attributions or find_attributions)(parsed)]
    return ArticleAnnotation(parsed.article.id, "detectors", hedges, records)


def detector_scores(gold: Mapping[str, ArticleAnnotation],
                    predicted: Mapping[str, ArticleAnnotation]) -> pd.DataFrame:
    """Precision and recall of the detectors against hand annotations.

    Parameters
    ----------
    gold, predicted : mapping of article id to ArticleAnnotation
        The hand annotation and :func:`detector_annotation` of the same articles.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`agreement` (gold as ``a``), then ``epistemic hedge`` rows (both sides
        restricted to the ``epistemic`` category), then ``source exactly right``: of the gold
        attributions with a source span, the share whose cue the detectors found with exactly
        that source span (``recall`` column; ``n_a`` gold sources, ``tp`` right).
    """
    table = agreement(gold, predicted)
    narrow = agreement(_epistemic(gold), _epistemic(predicted))
    narrow = narrow[narrow["layer"] == "hedge"].assign(layer="epistemic hedge")
    pairs = matched_attributions(gold, predicted, "overlap")
    n_gold = sum(r.source is not None for key in _common(gold, predicted)
                 for r in gold[key].attributions)
    right = sum(g.source is not None and p.source is not None
                and (g.source.start, g.source.end) == (p.source.start, p.source.end)
                for _, g, p in pairs)
    exact = pd.DataFrame([{"layer": "source exactly right", "match": "exact", "n_a": n_gold,
                           "tp": right, "recall": round(right / n_gold, 3) if n_gold else None}])
    return pd.concat([table, narrow, exact], ignore_index=True)


def _epistemic(annotations: Mapping[str, ArticleAnnotation]) -> dict[str, ArticleAnnotation]:
    """The annotations with their ``epistemic`` hedges only (no attributions)."""
    return {key: ArticleAnnotation(key, value.annotator,
                                   [h for h in value.hedges if h.category == "epistemic"])
            for key, value in annotations.items()}


#: The splits of a split file (``meantime_it_split.json``, ``semeval_it_split.json``) that are
#: scored, where the file has them: ``dev`` to work against; ``test`` and ``test2`` to ``test5``
#: (each annotated before any detector ran on it) only reported, never tuned on.
SPLITS = ("dev", "test", "test2", "test3", "test4", "test5")


@dataclass
class AnnotatedEvaluation:
    """The detectors run on the hand-annotated articles, for scores and errors per split.

    Attributes
    ----------
    texts : dict
        Article id -> text.
    gold, predicted : dict
        Article id -> the hand annotation and :func:`detector_annotation`.
    split : dict
        Split name -> article ids (:data:`SPLITS` of ``meantime_it_split.json``).
    parsed : dict
        Article id -> the parsed article (kept by :func:`evaluate_annotated`, so that
        :meth:`with_attributions` scores another extractor without parsing again).
    """

    texts: dict[str, str]
    gold: dict[str, ArticleAnnotation]
    predicted: dict[str, ArticleAnnotation]
    split: dict[str, list[str]]
    parsed: dict[str, ParsedArticle] = field(default_factory=dict, repr=False)

    def with_attributions(self, attributions: Callable[[ParsedArticle], list[Attribution]]
                          ) -> AnnotatedEvaluation:
        """The same articles, gold and splits, with another attribution extractor's output
        (a learned tagger's :meth:`~analysis.sourcing.tagger.AttributionTagger.attributions`),
        from the parses kept here.

        Raises
        ------
        ValueError
            When this evaluation kept no parses (it was built without :func:`evaluate_annotated`).
        """
        missing = [key for key in self.gold if key not in self.parsed]
        if missing:
            raise ValueError(f"this evaluation kept no parse of {len(missing)} of its "
                             f"{len(self.gold)} articles (first: {missing[0]!r}); build it with "
                             "evaluate_annotated() to score another extractor")
        predicted = {key: detector_annotation(self.parsed[key], attributions) for key in self.gold}
        return AnnotatedEvaluation(self.texts, self.gold, predicted, self.split, self.parsed)

    def _pick(self, annotations: Mapping[str, ArticleAnnotation], split: str
              ) -> dict[str, ArticleAnnotation]:
        return {key: annotations[key] for key in self.split[split]}

    def table(self, split: str) -> pd.DataFrame:
        """:func:`detector_scores` of one split."""
        return detector_scores(self._pick(self.gold, split), self._pick(self.predicted, split))

    def scores(self, split: str, layer: str) -> Scores:
        """Overlap scores of one layer, ``"epistemic hedge"`` or ``"cue"`` (attribution cues),
        with the matched, missed and invented spans (for :func:`evidence_row` and
        :func:`error_table` of :mod:`analysis.validation`)."""
        gold, predicted = self._pick(self.gold, split), self._pick(self.predicted, split)
        if layer == "epistemic hedge":
            spans = {side: [(k, h.start, h.end) for k, a in _epistemic(annotations).items()
                            for h in a.hedges]
                     for side, annotations in (("gold", gold), ("found", predicted))}
        elif layer == "cue":
            spans = {side: [(k, r.cue.start, r.cue.end) for k, a in annotations.items()
                            for r in a.attributions]
                     for side, annotations in (("gold", gold), ("found", predicted))}
        else:
            raise ValueError(f"layer must be 'epistemic hedge' or 'cue', not {layer!r}")
        return overlap_scores(spans["found"], spans["gold"])

    def errors(self, split: str, layer: str, per_kind: int | None = None) -> pd.DataFrame:
        """The missed and invented spans of one layer in one split, each in its context
        (:func:`analysis.validation.error_table`); with ``per_kind``, only the first that many
        of each kind of error, in document order.

        Returns
        -------
        pandas.DataFrame
            Columns ``error`` ("missed" or "invented"), ``text`` and ``context``.
        """
        from .validation import error_table

        table = error_table(self.scores(split, layer), self.texts)
        if per_kind is not None:
            table = table.groupby("error").head(per_kind)
        return table[["error", "text", "context"]]

    def summary(self) -> pd.DataFrame:
        """The headline figures of every split side by side: epistemic hedges and attribution
        cues (precision, recall, F1 by overlap), the share of hand-annotated sources found
        exactly, and Cohen's kappa of source type and attribution kind on matched pairs."""
        columns = {}
        for name in self.split:
            table = self.table(name).set_index(["layer", "match"])
            figures = {}
            for layer, label in (("epistemic hedge", "epistemic hedges"),
                                 ("cue", "attribution cues")):
                row = table.loc[(layer, "overlap")]
                for measure in ("precision", "recall", "f1"):
                    figures[f"{label}: {measure}"] = row[measure]
            figures["sources exactly right (share)"] = \
                table.loc[("source exactly right", "exact"), "recall"]
            for layer in ("source type", "attribution kind"):
                figures[f"{layer}: kappa"] = table.loc[(layer, "overlap"), "kappa"]
            columns[f"{name} ({len(self.split[name])} articles)"] = pd.Series(figures,
                                                                               dtype=float)
        return pd.DataFrame(columns).round(3)


#: The summary rows (:meth:`AnnotatedEvaluation.summary`) that compare attribution extractors.
ATTRIBUTION_ROWS = ("attribution cues: precision", "attribution cues: recall",
                    "attribution cues: f1", "sources exactly right (share)")


def side_by_side(evaluations: Mapping[str, AnnotatedEvaluation],
                 rows: Sequence[str] = ATTRIBUTION_ROWS, skip: Sequence[str] = ("dev",)
                 ) -> pd.DataFrame:
    """Several evaluations' summaries side by side, for example the rules and a learned
    tagger on the same annotated articles.

    Parameters
    ----------
    evaluations : mapping of label to AnnotatedEvaluation
    rows : sequence of str
        Rows of :meth:`AnnotatedEvaluation.summary` to keep (the attribution rows by default).
    skip : sequence of str
        Splits left out (by default ``dev``, which a learned extractor was trained on).

    Returns
    -------
    pandas.DataFrame
        One column per label and split, named ``"<label>, <split> (<n> articles)"``.
    """
    summaries = {label: evaluation.summary() for label, evaluation in evaluations.items()}
    return pd.DataFrame({f"{label}, {column}": summary.loc[list(rows), column]
                         for label, summary in summaries.items()
                         for column in summary.columns if not column.startswith(tuple(skip))})


def annotated_articles(corpus: str | Path, gold: str | Path | Iterable[str | Path]
                       ) -> tuple[dict[str, ParsedArticle], dict[str, ArticleAnnotation]]:
    """The hand-annotated articles of a corpus, parsed, with their annotation.

    Parameters
    ----------
    corpus : path
        Read in place with :func:`analysis.corpus.load_corpus` (a JSONL file or a folder of
        text files).
    gold : path or paths
        Annotation files (:func:`load_annotations`) of articles of that corpus.

    Returns
    -------
    (parsed, annotations)
        Two dicts keyed by article id, in the annotation file's order.

    Raises
    ------
    ValueError
        When an annotated article is not in the corpus, or a span does not point at its text.
    """
    from .corpus import load_corpus
    from .nlp import parse

    articles = {a.id: a for a in load_corpus(corpus, progress=False)}
    annotations = load_annotations(gold, {key: a.text for key, a in articles.items()})
    return {key: parse(articles[key]) for key in annotations}, annotations


def evaluate_annotated(corpus: str | Path,
                       gold: str | Path | None = None,
                       split: str | Path | None = None,
                       attributions: Callable[[ParsedArticle], list[Attribution]] | None = None
                       ) -> AnnotatedEvaluation:
    """Run the detectors on the hand-annotated articles of a corpus.

    Parameters
    ----------
    corpus : path
        The corpus the annotation describes, read in place with
        :func:`analysis.corpus.load_corpus`: ``meantime_it.jsonl``, or a folder of text files
        (SemEval-2023's Italian articles, whose ids are the file stems).
    gold, split : path, optional
        The adjudicated annotation and the dev/test split; by default
        ``data/annotations/meantime_it.gold.jsonl`` and ``meantime_it_split.json``
        (``semeval_it.gold.jsonl`` and ``semeval_it_split.json`` for SemEval).
    attributions : callable, optional
        The attribution extractor to score instead of the rules (:func:`detector_annotation`).

    Returns
    -------
    AnnotatedEvaluation
        With the splits of :data:`SPLITS` that the split file has.

    Raises
    ------
    ValueError
        When an annotated article is not in the corpus, or a span does not point at its text
        (:func:`load_annotations`).
    """
    from .paths import ANNOTATIONS_DIR

    gold = ANNOTATIONS_DIR / "meantime_it.gold.jsonl" if gold is None else gold
    split = ANNOTATIONS_DIR / "meantime_it_split.json" if split is None else split
    parts = json.loads(Path(split).read_text(encoding="utf-8"))
    parsed, annotations = annotated_articles(corpus, gold)
    predicted = {key: detector_annotation(p, attributions) for key, p in parsed.items()}
    return AnnotatedEvaluation({key: p.article.text for key, p in parsed.items()}, annotations,
                               predicted, {name: list(parts[name]) for name in SPLITS
                                           if name in parts}, parsed)
