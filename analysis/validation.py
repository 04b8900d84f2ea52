"""Every detector scored against hand annotations, in one place.

The seed's hand annotations (``data/annotations/seed_*.csv``) are read from their files and the
detectors' output is scored against them with :func:`analysis.evaluation.span_scores`; a
category confusion table and an error list (what the detector missed, what it invented) go
with each score. Outside the seed, the judged samples (``*_sample.csv``: each found cue judged
correct or not, unmarked sentences read for misses) give precision, and the research corpora
beside the checkout give the rest: the Szeged Uncertainty Corpus for English hedge cues
(Szarvas et al. 2012, doi:10.1162/COLI_a_00098) and SemEval-2023 Task 3 frame labels for the
frame classifier (Piskorski et al. 2023, doi:10.18653/v1/2023.semeval-1.317). PolNeAR is scored
by :func:`analysis.sourcing.evaluate_polnear`; :func:`polnear_agreement` measures how far its own
annotators agree.

Nothing here holds a figure: every number is computed from an annotation file or a corpus.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path

import pandas as pd
from sklearn.model_selection import KFold

from .corpus import Article
from .evaluation import Scores, span_scores
from .framing import MFC_FRAMES, FrameClassifier
from .hedging import BOOSTER, find_hedges
from .nlp import ParsedArticle, parse
from .paths import ANNOTATIONS_DIR
from .sourcing import find_attributions, read_brat_attributions
from .timeline import find_times

#: A span with a category: ``(doc, start, end, category)``.
Labelled = tuple[Hashable, int, int, str]
#: The confusion table's name for "no span on this side" (a miss or an invention).
NO_SPAN = "(none)"
#: The seed's document key in every span.
SEED = "seed"
#: Characters of context either side of an error.
CONTEXT = 30
#: Szeged cue types, shortened (the ``type`` attribute of ``<ccue>``).
SZEGED_TYPES = {
    "speculation_modal_probable_": "modal/probable",
    "speculation_hypo_doxastic _": "doxastic",
    "speculation_hypo_condition _": "condition",
    "speculation_hypo_investigation _": "investigation",
}
#: Our hedge categories the Szeged scheme does not annotate (left out of its scores).
SZEGED_UNSCORED = ("approximator", BOOSTER)


# --- generic: confusion and error lists ----------------------------------------------------


def _spans(labelled: Sequence[Labelled]) -> list[tuple[Hashable, int, int]]:
    return [(doc, start, end) for doc, start, end, _ in labelled]


def _labels(labelled: Sequence[Labelled]) -> dict[tuple[Hashable, int, int], str]:
    return {(doc, start, end): label for doc, start, end, label in labelled}


def category_confusion(predicted: Sequence[Labelled], gold: Sequence[Labelled],
                       match: str = "overlap") -> pd.DataFrame:
    """Gold categories (rows) against found categories (columns), spans matched one-to-one.

    A gold span nothing matched is counted in the column ``(none)`` (missed); a found span
    that matches no gold span in the row ``(none)`` (invented).

    Parameters
    ----------
    predicted, gold : sequence of (doc, start, end, category)
    match : {"exact", "overlap"}

    Returns
    -------
    pandas.DataFrame
        Counts, rows and columns sorted with ``(none)`` last.

    Examples
    --------
    >>> category_confusion([("a", 0, 5, "x"), ("a", 9, 12, "y")], [("a", 1, 4, "z")])
    ... # doctest: +NORMALIZE_WHITESPACE
    found   x  y
    gold
    z       1  0
    (none)  0  1
    """
    scores = span_scores(_spans(predicted), _spans(gold), match)
    found, truth = _labels(predicted), _labels(gold)
    pairs = [(truth[g], found[p]) for p, g in scores.matched]
    pairs += [(truth[g], NO_SPAN) for g in scores.false_negatives]
    pairs += [(NO_SPAN, found[p]) for p in scores.false_positives]
    table = pd.crosstab(pd.Series([g for g, _ in pairs], name="gold", dtype=object),
                        pd.Series([f for _, f in pairs], name="found", dtype=object))

    def order(labels: pd.Index) -> list[str]:
        return sorted(labels, key=lambda label: (label == NO_SPAN, label))

    return table.reindex(index=order(table.index), columns=order(table.columns), fill_value=0)


def _context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    snippet = f"{text[max(0, start - width):start]}[{text[start:end]}]{text[end:end + width]}"
    return " ".join(snippet.split())


def error_table(scores: Scores, texts: Mapping[Hashable, str],
                gold_labels: Mapping[tuple[Hashable, int, int], str] | None = None,
                found_labels: Mapping[tuple[Hashable, int, int], str] | None = None
                ) -> pd.DataFrame:
    """The errors of one comparison: gold spans missed and found spans invented.

    Parameters
    ----------
    scores : Scores
        From :func:`span_scores`.
    texts : mapping
        Document key -> its text (to show each span in context).
    gold_labels, found_labels : mapping, optional
        ``(doc, start, end)`` -> category of the gold and of the found spans.

    Returns
    -------
    pandas.DataFrame
        ``error`` ("missed" or "invented"), ``doc``, ``start``, ``end``, ``text``,
        ``category`` and ``context`` (the span in brackets), in document order.
    """
    rows = [{"error": error, "doc": doc, "start": start, "end": end,
             "text": texts[doc][start:end], "category": (labels or {}).get((doc, start, end), ""),
             "context": _context(texts[doc], start, end)}
            for error, spans, labels in (("missed", scores.false_negatives, gold_labels),
                                         ("invented", scores.false_positives, found_labels))
            for doc, start, end in spans]
    columns = ["error", "doc", "start", "end", "text", "category", "context"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["doc", "start", "error"], key=lambda c: c.astype(str),
                             kind="stable").reset_index(drop=True)


def frequent_errors(errors: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` most frequent missed and invented words of an :func:`error_table`.

    Returns
    -------
    pandas.DataFrame
        ``error``, ``text`` (lower-cased, spaces normalised) and ``count``, per error kind the
        most frequent first (ties in alphabetical order).
    """
    words = errors.assign(text=errors["text"].map(lambda t: " ".join(t.lower().split())))
    counts = words.groupby(["error", "text"]).size().rename("count").reset_index()
    counts = counts.sort_values(["error", "count", "text"], ascending=[True, False, True],
                                kind="stable")
    return counts.groupby("error", sort=True).head(n).reset_index(drop=True)


def compare_spans(predicted: Sequence[Labelled], gold: Sequence[Labelled],
            texts: Mapping[Hashable, str]) -> tuple[dict[str, Scores], pd.DataFrame, pd.DataFrame]:
    """Overlap and exact scores, the category confusion (overlap) and the overlap errors.

    Returns
    -------
    (scores, confusion, errors)
        ``scores`` maps ``"overlap"`` and ``"exact"`` to :class:`Scores`.
    """
    scores = {match: span_scores(_spans(predicted), _spans(gold), match)
              for match in ("overlap", "exact")}
    return (scores, category_confusion(predicted, gold),
            error_table(scores["overlap"], texts, _labels(gold), _labels(predicted)))


# --- the seed's hand annotations -------------------------------------------------------------


def _read(path: str | Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def seed_hedge_gold(path: str | Path = ANNOTATIONS_DIR / "seed_hedges.csv") -> list[Labelled]:
    """The hand-annotated hedge cues and boosters of the seed, ``(seed, start, end, category)``."""
    return [(SEED, int(r.start), int(r.end), r.category) for r in _read(path).itertuples()]


def seed_attribution_gold(path: str | Path = ANNOTATIONS_DIR / "seed_attributions.csv"
                          ) -> dict[str, list[Labelled]]:
    """The seed's hand-annotated attributions: ``"source"`` and ``"cue"`` spans.

    Both carry the annotated source type as category (an agentless cue has no source span but
    its cue is typed ``agentless``), so matching cues compares the types.
    """
    rows = list(_read(path).itertuples())
    return {"source": [(SEED, int(r.source_start), int(r.source_end), r.source_type)
                       for r in rows if r.source_start],
            "cue": [(SEED, int(r.cue_start), int(r.cue_end), r.source_type) for r in rows]}


def seed_time_gold(path: str | Path = ANNOTATIONS_DIR / "seed_times.csv") -> pd.DataFrame:
    """The seed's hand-annotated time expressions with their value and flag."""
    table = _read(path)
    table[["start", "end"]] = table[["start", "end"]].astype(int)
    table["anomaly"] = table["anomaly"] == "1"
    return table


def hedge_spans(parsed: ParsedArticle, doc: Hashable = SEED) -> list[Labelled]:
    """The detector's hedge cues and boosters as labelled spans."""
    return [(doc, h.start, h.end, h.category) for h in find_hedges(parsed, boosters=True)]


def attribution_spans(parsed: ParsedArticle, doc: Hashable = SEED) -> dict[str, list[Labelled]]:
    """The extractor's source and cue spans, each labelled with the source type."""
    found = find_attributions(parsed)
    return {"source": [(doc, a.source.start, a.source.end, a.source_type)
                       for a in found if a.source is not None],
            "cue": [(doc, a.cue.start, a.cue.end, a.source_type) for a in found]}


def validate_seed_hedges(parsed: ParsedArticle, gold: Sequence[Labelled]
                         ) -> tuple[dict[str, Scores], pd.DataFrame, pd.DataFrame]:
    """Hedges and boosters of ``parsed`` against ``gold``: scores, confusion, errors.

    ``scores`` has ``"hedges, overlap"``, ``"hedges, exact"``, ``"boosters, overlap"`` and
    ``"boosters, exact"``; confusion and errors cover hedges and boosters together.
    """
    found = hedge_spans(parsed)
    texts = {SEED: parsed.article.text}
    scores = {}
    for name, boosters in (("hedges", False), ("boosters", True)):
        mine = [s for s in found if (s[3] == BOOSTER) == boosters]
        theirs = [s for s in gold if (s[3] == BOOSTER) == boosters]
        for match, s in compare_spans(mine, theirs, texts)[0].items():
            scores[f"{name}, {match}"] = s
    _, confusion, errors = compare_spans(found, gold, texts)
    return scores, confusion, errors


def validate_seed_sourcing(parsed: ParsedArticle, gold: Mapping[str, Sequence[Labelled]]
                           ) -> tuple[dict[str, Scores], pd.DataFrame, pd.DataFrame]:
    """Source and cue spans against ``gold``; the type confusion is over matched cues.

    Returns
    -------
    (scores, confusion, errors)
        ``scores`` has ``"source overlap"``, ``"source exact"``, ``"cue overlap"``,
        ``"cue exact"``; ``errors`` lists missed and invented sources and cues (column
        ``span``).
    """
    found = attribution_spans(parsed)
    texts = {SEED: parsed.article.text}
    scores, errors = {}, []
    for kind in ("source", "cue"):
        kind_scores, _, kind_errors = compare_spans(found[kind], gold[kind], texts)
        scores.update({f"{kind} {match}": s for match, s in kind_scores.items()})
        errors.append(kind_errors.assign(span=kind))
    confusion = category_confusion(found["cue"], gold["cue"])
    return scores, confusion, pd.concat(errors, ignore_index=True)


def validate_seed_times(parsed: ParsedArticle, gold: pd.DataFrame
                        ) -> tuple[dict[str, Scores], pd.DataFrame, pd.DataFrame]:
    """Time expressions against ``gold`` (:func:`seed_time_gold`).

    Returns
    -------
    (scores, resolution, errors)
        ``resolution`` has one row per matched expression: the gold and found values and
        flags and whether each agrees.
    """
    times = find_times(parsed)
    found = [(SEED, t.start, t.end, "time") for t in times]
    truth = [(SEED, r.start, r.end, "time") for r in gold.itertuples()]
    scores, _, errors = compare_spans(found, truth, {SEED: parsed.article.text})
    by_span = {(t.start, t.end): t for t in times}
    by_gold = {(r.start, r.end): r for r in gold.itertuples()}
    rows = []
    for p, g in scores["overlap"].matched:
        t, r = by_span[p[1:]], by_gold[g[1:]]
        rows.append({"text": r.text, "gold value": r.resolved, "found value": t.resolved,
                     "value agrees": t.resolved == r.resolved, "gold flag": r.anomaly,
                     "found flag": t.anomaly, "flag agrees": t.anomaly == r.anomaly})
    return scores, pd.DataFrame(rows), errors


# --- judged samples outside the seed ---------------------------------------------------------


def judged_hedges(path: str | Path) -> dict[str, pd.DataFrame]:
    """Precision and misses of the hedge detector from a judged sample file.

    The file has rows ``sample`` = ``precision_*`` (a found cue judged ``tp`` or ``fp``) and
    ``recall_*`` (an unmarked sentence, ``fn`` when it hid a cue).

    Returns
    -------
    dict
        ``"by round"`` and ``"by category"``: cues judged, correct and precision;
        ``"unmarked"``: sentences read and those with a missed cue, by round; ``"errors"``:
        the false positives and misses with the judge's note.
    """
    sample = _read(path)
    hits = sample[sample["sample"].str.startswith("precision")]
    unmarked = sample[sample["sample"].str.startswith("recall")]

    def precision(by: str) -> pd.DataFrame:
        table = hits.groupby(by)["judgement"].agg(
            cues="size", correct=lambda j: int((j == "tp").sum()))
        table["precision"] = (table["correct"] / table["cues"]).round(3)
        return table

    errors = sample.loc[sample["judgement"].isin(["fp", "fn"]),
                        ["sample", "judgement", "category", "context", "note"]]
    return {
        "by round": precision("sample"),
        "by category": precision("category").sort_values(["cues", "correct"], ascending=False,
                                                         kind="stable"),
        "unmarked": unmarked.groupby("sample")["judgement"].agg(
            sentences="size", with_missed_cue=lambda j: int((j == "fn").sum())),
        "errors": errors.reset_index(drop=True),
    }


def judged_attributions(path: str | Path) -> dict[str, object]:
    """Precision of the attribution extractor from a judged sample file.

    Returns
    -------
    dict
        ``"summary"`` (a Series: judged, precision that it is an attribution, share with the
        right source span, share with an overlapping one, source-type accuracy on the true
        attributions), ``"error kinds"`` (counts) and ``"errors"`` (the judged errors).
    """
    sample = _read(path)
    true = sample[sample["is_attribution"] == "yes"]
    summary = pd.Series({
        "judged": len(sample),
        "precision: is an attribution": round(len(true) / len(sample), 3),
        "source span right (exact or agentless)": round(
            true["source_span"].isin(["exact", "none"]).sum() / len(sample), 3),
        "source span overlapping the right one": round(
            true["source_span"].isin(["exact", "partial", "none"]).sum() / len(sample), 3),
        "source-type accuracy (true attributions)": round(
            (true["type_correct"] == "yes").mean(), 3),
    }, dtype=object)
    errors = sample[sample["error_kind"] != ""]
    return {"summary": summary,
            "error kinds": errors["error_kind"].value_counts().sort_index(),
            "errors": errors[["cue", "source", "source_type", "error_kind", "error"]
                             ].reset_index(drop=True)}


# --- the Szeged Uncertainty Corpus -------------------------------------------------------------


def read_szeged(path: str | Path) -> list[tuple[Article, list[Labelled]]]:
    """One English article per Szeged document (sentences joined by newlines) and its cues.

    Each gold cue is ``(doc, start, end, type)`` with character offsets into the article's
    text and the shortened type of :data:`SZEGED_TYPES`. Document keys are
    ``"<position>:<DocID>"``.
    """
    documents = []
    for number, document in enumerate(ET.parse(path).getroot().iter("Document")):
        doc_id = f"{number}:{document.findtext('DocID')}"
        text, gold = "", []
        for sentence in document.iter("Sentence"):
            if text:
                text += "\n"
            text += sentence.text or ""
            for child in sentence:
                start = len(text)
                text += child.text or ""
                if child.tag == "ccue":
                    kind = SZEGED_TYPES.get(child.get("type", ""), child.get("type", ""))
                    gold.append((doc_id, start, len(text), kind))
                text += child.tail or ""
        documents.append((Article(doc_id, text, language="en"), gold))
    return documents


def validate_szeged(documents: Sequence[tuple[Article, list[Labelled]]]
                    ) -> dict[str, pd.DataFrame]:
    """English hedge cues against the Szeged annotation.

    Approximators and boosters (:data:`SZEGED_UNSCORED`) have no counterpart in the scheme
    and are left out of the scored cues.

    Returns
    -------
    dict
        ``"scores"`` (overlap and exact), ``"confusion"`` (Szeged type against our category,
        overlap), ``"precision by category"``, ``"recall by type"`` and ``"errors"``.
    """
    predicted: list[Labelled] = []
    gold: list[Labelled] = []
    for article, cues in documents:
        predicted += [s for s in hedge_spans(parse(article), article.id)
                      if s[3] not in SZEGED_UNSCORED]
        gold += cues
    texts = {article.id: article.text for article, _ in documents}
    scores, confusion, errors = compare_spans(predicted, gold, texts)
    by_category = {}
    for category in sorted({s[3] for s in predicted}):
        s = span_scores(_spans([p for p in predicted if p[3] == category]), _spans(gold))
        by_category[category] = {"cues": s.tp + s.fp, "overlap gold": s.tp,
                                 "precision": round(s.precision, 3)}
    by_type = {}
    for kind in sorted({g[3] for g in gold}):
        s = span_scores(_spans(predicted), _spans([g for g in gold if g[3] == kind]))
        by_type[kind] = {"gold cues": s.tp + s.fn, "found": s.tp,
                         "recall": round(s.recall, 3)}
    return {"scores": pd.DataFrame.from_dict({m: s.as_row() for m, s in scores.items()},
                                             orient="index"),
            "confusion": confusion,
            "precision by category": pd.DataFrame.from_dict(by_category, orient="index"),
            "recall by type": pd.DataFrame.from_dict(by_type, orient="index"),
            "errors": errors}


def polnear_agreement(folder: str | Path) -> dict[str, Scores]:
    """How well PolNeAR's annotators agree: the ceiling for any extractor scored on one of them.

    For every article of a split folder annotated more than once, the second annotation file (in
    name order) is scored against the first, source and cue spans, by overlap and exact match.

    Parameters
    ----------
    folder : path
        A PolNeAR split folder with ``attributions/NAME_ANNOTATOR.ann`` files.

    Returns
    -------
    dict of str -> Scores
        ``"source overlap"``, ``"source exact"``, ``"cue overlap"``, ``"cue exact"``.
    """
    files: dict[str, list[Path]] = {}
    for ann in sorted(Path(folder, "attributions").glob("*.ann")):
        files.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    first: dict[str, list[tuple[str, int, int]]] = {"source": [], "cue": []}
    second: dict[str, list[tuple[str, int, int]]] = {"source": [], "cue": []}
    for name, anns in files.items():
        if len(anns) < 2:
            continue
        for spans, ann in ((first, anns[0]), (second, anns[1])):
            sources, cues = read_brat_attributions(ann)
            spans["source"] += [(name, s, e) for s, e in sources]
            spans["cue"] += [(name, s, e) for s, e in cues]
    return {f"{kind} {match}": span_scores(second[kind], first[kind], match)
            for kind in ("source", "cue") for match in ("overlap", "exact")}


# --- frames: the classifier against SemEval labels --------------------------------------------


def frame_cross_validation(texts: Sequence[str], labels: Sequence[Sequence[str]], *,
                           folds: int = 5, random_state: int = 0,
                           **settings: object) -> tuple[list[list[str]], pd.DataFrame]:
    """Out-of-fold frame predictions of :class:`FrameClassifier` and per-frame scores.

    Parameters
    ----------
    texts, labels : sequences
        The labelled articles (e.g. :func:`analysis.framing.read_semeval`).
    folds : int
        Outer folds; each fold's model is fitted on the other folds only.
    random_state : int
        Seed of the fold split and of the classifier.
    **settings
        Passed to :class:`FrameClassifier` (e.g. ``Cs=(3.0,)`` for a fast run).

    Returns
    -------
    (predicted, table)
        ``table`` has one row per Media Frames dimension: ``labelled``, ``predicted``,
        ``tp``, ``precision``, ``recall``, ``f1``, then a ``micro`` row over all frames.
    """
    predicted: list[list[str]] = [[] for _ in texts]
    for train, test in KFold(folds, shuffle=True, random_state=random_state).split(texts):
        model = FrameClassifier(random_state=random_state, **settings)
        model.fit([texts[i] for i in train], [labels[i] for i in train])
        for i, frames in zip(test, model.predict([texts[i] for i in test])):
            predicted[i] = list(frames)
    rows = {}
    for frame in (*MFC_FRAMES, "micro"):
        gold = {(i, f) for i, fs in enumerate(labels) for f in fs if frame in ("micro", f)}
        found = {(i, f) for i, fs in enumerate(predicted) for f in fs if frame in ("micro", f)}
        s = Scores(len(gold & found), len(found - gold), len(gold - found))
        rows[frame] = {"labelled": len(gold), "predicted": len(found), **s.as_row()}
    table = pd.DataFrame.from_dict(rows, orient="index").drop(columns=["fp", "fn"])
    return predicted, table


# --- which article the hand annotations describe --------------------------------------------


def is_seed(article: Article | ParsedArticle) -> bool:
    """Is ``article`` the seed, the one article the hand annotations of the seed describe?

    The chapters score their detectors against ``data/annotations/seed_*.csv`` only when the
    article they study is the seed: on any other article those offsets mean nothing, and the
    scores would be zeros that look like a verdict. The test compares the text as read with the
    seed's (``analysis.paths.SEED_PATH``), so the seed counts wherever it was loaded from.

    Parameters
    ----------
    article : Article or ParsedArticle

    Returns
    -------
    bool

    Examples
    --------
    >>> from analysis import Article, SEED_PATH, load_article
    >>> is_seed(load_article(SEED_PATH)), is_seed(Article("other", "Un altro testo."))
    (True, False)
    """
    from .corpus import load_article
    from .paths import SEED_PATH

    text = getattr(article, "article", article).text
    return text == load_article(SEED_PATH).text


def bootstrap_interval(values: Sequence[float], *, n_resamples: int = 2000, level: float = 0.95,
                       random_state: int = 0) -> tuple[float, float, float]:
    """The mean of ``values`` and its percentile bootstrap interval (Efron and Tibshirani 1993).

    Each resample draws as many articles as there are, with replacement; the interval is the
    middle ``level`` share of the resampled means. It says how far the mean could move with
    another sample of articles like these, not whether the detector is right.

    Parameters
    ----------
    values : sequence of float
        One figure per article (hedges per 100 words, share of named sources, ...).
    n_resamples : int
    level : float
        Coverage of the interval, in (0, 1).
    random_state : int
        Fixes the resamples, so that the interval is the same on every run.

    Returns
    -------
    (float, float, float)
        Mean, lower and upper bound, rounded to 3 decimals; NaN for no value, and the value
        itself three times for one.

    Examples
    --------
    >>> bootstrap_interval([1.0, 1.0, 1.0])
    (1.0, 1.0, 1.0)
    """
    import numpy as np

    data = np.asarray([v for v in values if v == v], dtype=float)  # NaN != NaN: dropped
    if data.size == 0:
        return float("nan"), float("nan"), float("nan")
    rng = np.random.default_rng(random_state)
    means = data[rng.integers(0, data.size, size=(n_resamples, data.size))].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return round(float(data.mean()), 3), round(float(low), 3), round(float(high), 3)


def group_intervals(table: pd.DataFrame, value: str, by: str, *, min_articles: int = 2,
                    random_state: int = 0) -> pd.DataFrame:
    """Mean of ``value`` per group of articles (outlet, year, ...) with bootstrap intervals.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per article.
    value, by : str
        The column to average and the column to group by.
    min_articles : int
        Groups with fewer articles are left out (an interval from one article means nothing).
    random_state : int

    Returns
    -------
    pandas.DataFrame
        Columns ``<by>, articles, mean, low, high``, sorted by group.
    """
    rows = []
    for group, rows_of in table.dropna(subset=[by]).groupby(by, sort=True):
        if len(rows_of) < min_articles:
            continue
        mean, low, high = bootstrap_interval(rows_of[value], random_state=random_state)
        rows.append({by: group, "articles": len(rows_of), "mean": mean, "low": low,
                     "high": high})
    return pd.DataFrame(rows, columns=[by, "articles", "mean", "low", "high"])


def choose_article(articles: Sequence[Article], article_id: str | None = None,
                   index: int = 0) -> Article:
    """The article a chapter reads closely: the one with ``article_id``, else the one at ``index``.

    Parameters
    ----------
    articles : sequence of Article
        A loaded corpus.
    article_id : str, optional
        An article's ``id`` (the first column of the corpus table in chapter 01).
    index : int
        Position of the article when no id is given.

    Raises
    ------
    ValueError
        When no article has ``article_id`` (the message names a few that exist), or ``index``
        is outside the corpus.
    """
    if article_id is not None:
        for article in articles:
            if article.id == article_id:
                return article
        ids = ", ".join(repr(a.id) for a in list(articles)[:5])
        raise ValueError(f"article_id {article_id!r} is not in the corpus; its ids begin "
                         f"{ids}{', ...' if len(articles) > 5 else ''}")
    if not -len(articles) <= index < len(articles):
        raise ValueError(f"ARTICLE = {index} is outside a corpus of {len(articles)} article(s)")
    return articles[index]


def type_accuracy(confusion: pd.DataFrame) -> tuple[int, int]:
    """Agreements and matched items of a category confusion table (:func:`category_confusion`).

    Only items both sides matched count: the row and the column ``(none)`` (missed or invented
    items) are left out.

    Parameters
    ----------
    confusion : pandas.DataFrame
        Gold categories as rows, found categories as columns.

    Returns
    -------
    (int, int)
        Items whose category agrees, and items matched on both sides; the accuracy is their
        ratio (undefined when nothing matched).
    """
    matched = confusion.drop(index="(none)", columns="(none)", errors="ignore")
    agree = sum(int(matched.loc[t, t]) for t in matched.index if t in matched.columns)
    return agree, int(matched.to_numpy().sum())


def evidence_row(detector: str, language: str, text: str, gold: str, *,
                 scores: Scores | None = None, precision: float | None = None,
                 recall: float | None = None, f1: float | None = None,
                 n: int | None = None) -> dict[str, object]:
    """One row of the table of evidence (chapter 10): what was measured, on what, how well.

    Parameters
    ----------
    detector, language, text, gold : str
        What is scored, in which language, on which text, against which kind of gold.
    scores : Scores, optional
        Span scores; when given they set precision, recall, F1 (3 decimals) and ``n``, the
        gold items (true positives and misses).
    precision, recall, f1 : float, optional
        For evidence without full scores (a judged sample has precision only).
    n : int, optional
        Items the figure rests on.

    Returns
    -------
    dict
        Keys ``detector, language, text, gold, precision, recall, f1, n``.
    """
    if scores is not None:
        precision, recall, f1 = (round(scores.precision, 3), round(scores.recall, 3),
                                 round(scores.f1, 3))
        n = scores.tp + scores.fn
    return {"detector": detector, "language": language, "text": text, "gold": gold,
            "precision": precision, "recall": recall, "f1": f1, "n": n}


def last_judged_round(judged: Mapping[str, pd.DataFrame]) -> dict[str, object]:
    """Precision and size of the last round of a judged sample (:func:`judged_hedges`).

    Returns
    -------
    dict
        ``precision`` and ``n`` (the cues judged), to pass to :func:`evidence_row`.
    """
    latest = judged["by round"].iloc[-1]
    return {"precision": latest["precision"], "n": int(latest["cues"])}
