"""Frames: which frames an article uses, by lexicon and by a trainable classifier.

Two complementary methods, in Italian and English:

* **Dictionary method.** Frame lexicons (``lexicons/frames_<lang>.csv``: ``pattern, language,
  frame, family, gloss, reference``) for the 14 issue-generic dimensions of the Media Frames
  Corpus (family ``mfc``) and the five generic news frames of Semetko and Valkenburg (family
  ``generic``). :func:`find_frame_cues` returns every cue hit with its offsets and sentence;
  :func:`frame_profile` turns hits into a normalised profile; every score is traceable to the
  words behind it (:func:`frame_table`).
* **Supervised method.** :class:`FrameClassifier`, TF-IDF and a one-vs-rest logistic
  regression whose regularisation and decision threshold are chosen by cross-validation inside
  ``fit``. Train it on labelled articles (:func:`read_labelled`, :func:`read_semeval`).

References
----------
Entman, R. M. (1993). Framing: Toward clarification of a fractured paradigm. Journal of
Communication 43(4), 51-58. doi:10.1111/j.1460-2466.1993.tb01304.x
Semetko, H. A., & Valkenburg, P. M. (2000). Framing European politics: A content analysis of
press and television news. Journal of Communication 50(2), 93-109.
doi:10.1111/j.1460-2466.2000.tb02843.x
Boydstun, A. E., Card, D., Gross, J. H., Resnik, P., & Smith, N. A. (2014). Tracking the
development of media frames within and across policy issues. APSA annual meeting.
Card, D., Boydstun, A. E., Gross, J. H., Resnik, P., & Smith, N. A. (2015). The Media Frames
Corpus. ACL 2015. doi:10.3115/v1/P15-2072
Piskorski, J., Stefanovitch, N., Da San Martino, G., & Nakov, P. (2023). SemEval-2023 Task 3.
SemEval 2023. doi:10.18653/v1/2023.semeval-1.317
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

import joblib
import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.utils.validation import check_is_fitted
from spacy.attrs import IDX, LEMMA, LENGTH, ORTH
from spacy.vocab import Vocab

from .language import SUPPORTED_LANGUAGES, check_language
from .lexicon import load_lexicon
from .nlp import ParsedArticle, normalise_apostrophes

#: The 14 issue-generic frame dimensions of the Media Frames Corpus (SemEval-2023 Task 3 names).
MFC_FRAMES = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)
#: The five generic news frames of Semetko and Valkenburg (2000).
GENERIC_FRAMES = (
    "conflict",
    "human_interest",
    "attribution_of_responsibility",
    "morality",
    "economic_consequences",
)
FAMILIES = {"mfc": MFC_FRAMES, "generic": GENERIC_FRAMES}
#: A pattern element ending in this character matches every word that starts with the stem.
PREFIX = "*"
# A pattern element with a capital letter ("NATO", "Nato") matches only that exact form, so
# acronyms do not match their lower-case homographs (Italian "nato", "born").


# --- the dictionary method ---------------------------------------------------------------


@dataclass
class FrameCue:
    """One lexicon hit: the words that cue a frame, where they are, and why they count.

    Attributes
    ----------
    start, end : int
        Character offsets into ``article.text``.
    text : str
        The words as written.
    frame : str
        A name of :data:`MFC_FRAMES` or :data:`GENERIC_FRAMES`.
    family : str
        ``"mfc"`` or ``"generic"``.
    pattern : str
        The lexicon pattern that matched (``*`` marks a stem).
    gloss : str
        The pattern's English gloss.
    sentence : int
        Index into ``parsed.sentences``.
    """

    start: int
    end: int
    text: str
    frame: str
    family: str
    pattern: str
    gloss: str
    sentence: int


@dataclass(frozen=True)
class _Entry:
    elements: tuple[str, ...]
    frame: str
    family: str
    pattern: str
    gloss: str


def frame_lexicon(language: str) -> pd.DataFrame:
    """The frame lexicon of ``language`` (``"it"`` or ``"en"``) as a table.

    Returns
    -------
    pandas.DataFrame
        Columns ``pattern, language, frame, family, gloss, reference``.

    Raises
    ------
    ValueError
        For a language without a frame lexicon.
    """
    check_language(language, "the frame lexicon")
    return load_lexicon(f"frames_{language}", language=language)


@dataclass
class _Index:
    """A family's entries keyed by their first element: whole words, and stems (``*``)."""

    words: dict[str, list[_Entry]]
    stems: dict[str, list[_Entry]]

    @cached_property
    def stem_prefixes(self) -> frozenset[str]:
        """Every prefix of every stem: a word whose prefix is not one matches no longer stem."""
        return frozenset(stem[:size] for stem in self.stems for size in range(1, len(stem) + 1))

    def candidates(self, key: tuple[str, str, str]) -> list[_Entry]:
        """Entries whose first element matches the token ``key`` (:func:`_element_matches`),
        most specific first: more words, then whole words before stems, then longer stems."""
        found = {id(e): e for form in set(key) for e in self.words.get(form, ())}
        for form in set(key[:2]):
            for size in range(1, len(form) + 1):
                prefix = form[:size]
                if prefix not in self.stem_prefixes:
                    break
                for entry in self.stems.get(prefix, ()):
                    found[id(entry)] = entry
        matching = [e for e in found.values() if _element_matches(e.elements[0], key)]
        return sorted(matching, key=lambda e: (-len(e.elements), e.pattern.endswith(PREFIX),
                                               -len(e.pattern), e.pattern))


@cache
def _indexes(language: str) -> dict[str, _Index]:
    """The lexicon of ``language`` indexed per family."""
    indexes = {family: _Index({}, {}) for family in FAMILIES}
    for row in frame_lexicon(language).itertuples():
        elements = tuple(normalise_apostrophes(row.pattern).split())
        entry = _Entry(elements, row.frame, row.family, row.pattern, row.gloss)
        index = indexes[row.family]
        first = elements[0]
        table, key = (index.stems, first[:-1]) if first.endswith(PREFIX) else (index.words, first)
        table.setdefault(key, []).append(entry)
    return indexes


def _element_matches(element: str, keys: tuple[str, str, str]) -> bool:
    """Does a pattern element match a token, given the token's (lemma, lower form, form)?"""
    if not element.islower():
        return element == keys[2]
    if element.endswith(PREFIX):
        return any(key.startswith(element[:-1]) for key in keys[:2])
    return element in keys[:2]


#: Token look-ups remembered per language; the memo is emptied when it reaches this size, which
#: bounds its memory on open-ended vocabularies while the frequent words stay cheap.
_MEMO_SIZE = 1 << 16


class _Looked(NamedTuple):
    """What a token contributes to matching."""

    keys: tuple[str, str, str]  # lemma, lower form, form
    candidates: tuple[list[_Entry], ...]  # each family's, in :data:`FAMILIES` order
    # bit ``f`` set when family ``f`` has candidates; -1 for punctuation and spaces, which
    # matching skips
    families: int


#: A token's memo key: its form and lemma string ids as one 16-byte string (hashed faster than
#: a pair of integers).
_PAIR = np.dtype((np.void, 16))


@dataclass
class _Memo:
    """Look-ups of the tokens already seen, keyed by their (form, lemma) string ids
    (:data:`_PAIR`).

    The stop word, punctuation and space flags are the form's in ``vocab``: the memo holds one
    vocabulary's look-ups and is emptied when a document of another vocabulary comes.
    """

    vocab: Vocab | None = None
    looked: dict[bytes, _Looked] = field(default_factory=dict)


@cache
def _memo(language: str) -> _Memo:
    """The memo of ``language``'s look-ups."""
    return _Memo()


def _look_up(vocab: Vocab, language: str, key: bytes) -> _Looked:
    """A token's keys and candidates, given its memo key (:data:`_PAIR`); remembered in the
    memo."""
    orth, lemma = np.frombuffer(key, dtype=np.uint64).tolist()
    lexeme, strings = vocab[orth], vocab.strings
    form = normalise_apostrophes(strings[orth])
    lower = normalise_apostrophes(strings[orth].lower())
    # a stop word is matched by its form only: the lookup tables are least reliable on function
    # words (they gave "dei", "of the", the lemma "dio", "god")
    keys = (lower if lexeme.is_stop else strings[lemma].lower(), lower, form)
    indexes = _indexes(language)
    candidates = tuple(indexes[family].candidates(keys) for family in FAMILIES)
    families = -1 if lexeme.is_punct or lexeme.is_space else sum(
        1 << f for f, c in enumerate(candidates) if c)
    found = _Looked(keys, candidates, families)
    memo = _memo(language).looked
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[key] = found
    return found


def _match_family(
    looked: Sequence[_Looked], family: int, hits: Sequence[int],
    sentences: Iterable[tuple[int, int, int, int]],
) -> list[tuple[int, int, _Entry, int]]:
    """Greedy left-to-right matching, longest pattern first, sentence by sentence:
    ``(first, last, entry, sentence)`` tuples.

    ``looked`` are the words' look-ups (:func:`_look_up`), ``hits`` the ascending positions
    whose candidates for ``family`` (its index in :data:`FAMILIES`) are not empty;
    ``sentences`` are ``(sentence, low, high, end)``: the sentence's hits are
    ``hits[low:high]`` and its words end before position ``end``. A word belongs to at most
    one cue of a family ("sicurezza alimentare" is a health cue, not also a security one), but
    may carry one cue of each family.
    """
    found = []
    for sentence, low, high, end in sentences:
        free = 0  # the first position not inside a cue already found
        for position in hits[low:high]:
            if position < free:
                continue
            for entry in looked[position].candidates[family]:
                # the candidates match their first element already
                size = len(entry.elements)
                if size == 1 or position + size <= end and all(
                    _element_matches(element, looked[position + offset].keys)
                    for offset, element in enumerate(entry.elements[1:], start=1)
                ):
                    found.append((position, position + size - 1, entry, sentence))
                    free = position + size
                    break
    return found


def find_frame_cues(parsed: ParsedArticle) -> list[FrameCue]:
    """Every frame-lexicon hit in the article's headline and body sentences.

    Tokens are matched by lemma or by lower-cased form (apostrophes normalised; stop words by
    form only); a pattern element ending in ``*`` matches by prefix, one written with capitals
    only that exact form. Punctuation and spaces are skipped, so a
    multi-word pattern matches across them only where the words are adjacent.

    Parameters
    ----------
    parsed : ParsedArticle
        An Italian or English article.

    Returns
    -------
    list of FrameCue
        In text order, both families.

    Raises
    ------
    ValueError
        For a language without a frame lexicon.

    Examples
    --------
    >>> from analysis import parse
    >>> from analysis.corpus import parse_article
    >>> article = parse_article("Troops and missiles.", id="x", language="en")
    >>> [(c.text, c.frame) for c in find_frame_cues(parse(article))]
    [('Troops', 'Security_and_defense'), ('missiles', 'Security_and_defense')]
    """
    check_language(parsed.article.language, "the frame lexicon")
    text = parsed.article.text
    starts, lengths = parsed.doc.to_array([IDX, LENGTH]).T.tolist()
    cues = []
    for first, last, entry, sentence in _lexicon_hits(parsed):
        start, end = starts[first], starts[last] + lengths[last]
        cues.append(FrameCue(start, end, text[start:end], entry.frame, entry.family,
                             entry.pattern, entry.gloss, sentence))
    return sorted(cues, key=lambda c: (c.start, c.family))


def _lexicon_hits(parsed: ParsedArticle) -> Iterator[tuple[int, int, _Entry, int]]:
    """The lexicon hits of :func:`find_frame_cues`, family by family and sentence by sentence:
    ``(first, last, entry, sentence)``, the indices of the first and last token in
    ``parsed.doc`` and of the sentence in ``parsed.sentences``."""
    language = parsed.article.language
    doc = parsed.doc
    memo = _memo(language)
    if memo.vocab is not doc.vocab:
        memo.vocab, memo.looked = doc.vocab, {}
    keys = doc.to_array([ORTH, LEMMA]).view(_PAIR).ravel().tolist()
    every = [memo.looked.get(key) or _look_up(doc.vocab, language, key) for key in keys]
    families = np.fromiter((found.families for found in every), dtype=np.int64,
                           count=len(every))
    # punctuation and spaces are skipped: positions count words, ``tokens`` maps them back
    tokens = np.flatnonzero(families >= 0)
    families = families[tokens]
    looked = list(map(every.__getitem__, tokens.tolist()))
    bounds = np.searchsorted(tokens, [(s.start, s.end) for s in parsed.sentences]).reshape(-1, 2)
    tokens = tokens.tolist()
    for f in range(len(FAMILIES)):
        hits = np.flatnonzero(families & (1 << f))
        # each sentence's hits are hits[low:high]; only sentences with hits are visited
        limits = np.searchsorted(hits, bounds)
        sentences = np.flatnonzero(limits[:, 0] < limits[:, 1])
        rows = np.column_stack((sentences, limits[sentences], bounds[sentences, 1])).tolist()
        for first, last, entry, index in _match_family(looked, f, hits.tolist(), rows):
            yield tokens[first], tokens[last], entry, index


def frame_profile(
    cues: Iterable[FrameCue], *, sentences: Iterable[int] | None = None
) -> dict[str, float]:
    """The normalised frame profile: each frame's share of its family's cue hits.

    Parameters
    ----------
    cues : iterable of FrameCue
        From :func:`find_frame_cues`.
    sentences : iterable of int, optional
        Count only hits in these sentences (e.g. the headline's).

    Returns
    -------
    dict
        Every frame of both families -> a score in [0, 1]; within a family the scores sum to 1
        (or are all 0 when the family has no hit). Rounded to 4 decimals.
    """
    keep = None if sentences is None else set(sentences)
    return _profile(Counter(c.frame for c in cues if keep is None or c.sentence in keep))


def _profile(counts: Counter[str]) -> dict[str, float]:
    """Hits per frame -> the profile of :func:`frame_profile`."""
    profile = {}
    for frames in FAMILIES.values():
        total = sum(counts[f] for f in frames)
        profile.update({f: round(counts[f] / total, 4) if total else 0.0 for f in frames})
    return profile


def frame_scores(parsed: ParsedArticle) -> dict[str, float]:
    """The contract's ``frames`` object: :func:`frame_profile` of the whole article.

    Languages without a frame lexicon give an empty object.
    """
    if parsed.article.language not in SUPPORTED_LANGUAGES:
        return {}
    # the hits are counted as they are found: the profile needs no cue records
    return _profile(Counter(entry.frame for _, _, entry, _ in _lexicon_hits(parsed)))


def frame_table(cues: Iterable[FrameCue]) -> pd.DataFrame:
    """One row per frame of both families: hits, score and the words that produced them.

    Returns
    -------
    pandas.DataFrame
        Columns ``family, frame, hits, score, words`` (``words``: the cue texts with their
        counts, most frequent first), sorted by family, then score descending, then frame.
    """
    cues = list(cues)
    profile = frame_profile(cues)
    rows = []
    for family, frames in FAMILIES.items():
        for frame in frames:
            words = Counter(c.text.lower() for c in cues if c.frame == frame)
            rows.append({
                "family": family,
                "frame": frame,
                "hits": sum(words.values()),
                "score": profile[frame],
                "words": ", ".join(f"{w} ({n})" for w, n in
                                   sorted(words.items(), key=lambda item: (-item[1], item[0]))),
            })
    table = pd.DataFrame(rows, columns=["family", "frame", "hits", "score", "words"])
    return table.sort_values(["family", "score", "frame"], ascending=[False, False, True],
                             ignore_index=True)


def compare_profiles(a: dict[str, float], b: dict[str, float]) -> pd.DataFrame:
    """Two profiles side by side, with their difference and the cosine similarity per family.

    Parameters
    ----------
    a, b : dict
        Frame profiles from :func:`frame_profile`.

    Returns
    -------
    pandas.DataFrame
        Columns ``family, frame, a, b, difference`` (``b - a``) and ``cosine`` (the family's
        cosine similarity, repeated on its rows; 0 when a profile of that family is empty).
    """
    rows = []
    for family, frames in FAMILIES.items():
        x = np.array([a.get(f, 0.0) for f in frames])
        y = np.array([b.get(f, 0.0) for f in frames])
        norm = np.linalg.norm(x) * np.linalg.norm(y)
        cosine = round(float(x @ y / norm), 3) if norm else 0.0
        rows += [{"family": family, "frame": f, "a": xi, "b": yi,
                  "difference": round(yi - xi, 4), "cosine": cosine}
                 for f, xi, yi in zip(frames, x, y)]
    return pd.DataFrame(rows, columns=["family", "frame", "a", "b", "difference", "cosine"])


def lexicon_precision(
    cues_by_article: dict[str, list[FrameCue]], labels: dict[str, Sequence[str]]
) -> pd.DataFrame:
    """Judge the MFC lexicon on labelled articles: how often a frame's hits fall in articles
    labelled with that frame, against how often that frame is labelled at all.

    Parameters
    ----------
    cues_by_article : dict
        Article id -> its cues (:func:`find_frame_cues`).
    labels : dict
        Article id -> its gold frame labels (MFC names).

    Returns
    -------
    pandas.DataFrame
        One row per MFC frame: ``hits``, ``precision`` (share of the frame's hits that lie in
        articles labelled with it), ``prevalence`` (share of articles labelled with it: the
        precision of hits scattered at random), ``lift`` (precision / prevalence) and
        ``top3_recall`` (share of articles labelled with the frame where it is among the three
        highest-scoring MFC frames). Sorted by frame order.
    """
    rows = []
    ids = [i for i in cues_by_article if i in labels]
    for frame in MFC_FRAMES:
        labelled = {i for i in ids if frame in labels[i]}
        hits = [i for i in ids for c in cues_by_article[i] if c.frame == frame]
        in_top3 = [i for i in labelled if frame in top_frames(cues_by_article[i], 3)]
        precision = sum(i in labelled for i in hits) / len(hits) if hits else 0.0
        prevalence = len(labelled) / len(ids) if ids else 0.0
        rows.append({
            "frame": frame,
            "hits": len(hits),
            "precision": round(precision, 3),
            "prevalence": round(prevalence, 3),
            "lift": round(precision / prevalence, 2) if prevalence else 0.0,
            "top3_recall": round(len(in_top3) / len(labelled), 3) if labelled else 0.0,
        })
    return pd.DataFrame(rows)


def top_frames(cues: Iterable[FrameCue], n: int, family: str = "mfc") -> list[str]:
    """The ``n`` highest-scoring frames of ``family`` with at least one hit (ties by name)."""
    profile = frame_profile(cues)
    ranked = sorted((f for f in FAMILIES[family] if profile[f] > 0),
                    key=lambda f: (-profile[f], f))
    return ranked[:n]


# --- the supervised method ---------------------------------------------------------------


def _decide(proba: np.ndarray, threshold: float, min_labels: int) -> np.ndarray:
    """Indicator matrix: labels at or above ``threshold``, and at least the top ``min_labels``."""
    chosen = (proba >= threshold).astype(int)
    if min_labels and proba.shape[1]:
        top = np.argsort(-proba, axis=1, kind="stable")[:, :min_labels]
        np.put_along_axis(chosen, top, 1, axis=1)
    return chosen


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label frame classifier: TF-IDF and one-vs-rest logistic regression.

    ``fit`` chooses the inverse regularisation strength ``C`` and one decision threshold
    shared by all frames by ``cv``-fold cross-validation (the pair with the best micro-F1 on
    the out-of-fold probabilities), then refits on all the data.

    Parameters
    ----------
    Cs : sequence of float
        Candidate values of ``C`` for :class:`~sklearn.linear_model.LogisticRegression`.
    thresholds : sequence of float
        Candidate decision thresholds on the per-frame probability.
    cv : int
        Folds of the internal cross-validation.
    min_labels : int
        Every article gets at least this many labels (its most probable ones).
    ngram_range : tuple of int
        Word n-grams of the TF-IDF vocabulary.
    min_df : int
        Terms must occur in at least this many training articles.
    random_state : int
        Seed of the fold split (the solver is deterministic).

    Attributes
    ----------
    classes_ : numpy.ndarray
        The frame names, in column order of :meth:`predict_proba`.
    best_C_, threshold_ : float
        The chosen values.
    cv_results_ : pandas.DataFrame
        ``C, threshold, micro_f1, macro_f1`` for every candidate pair.
    cv_micro_f1_, cv_macro_f1_ : float
        The cross-validated scores of the chosen pair (optimistic: they also chose it; nest
        the whole ``fit`` in an outer cross-validation for an unbiased figure).
    pipeline_ : sklearn.pipeline.Pipeline
        The refitted TF-IDF + one-vs-rest model.

    Examples
    --------
    >>> texts = ["tax budget jobs", "army troops war", "tax jobs wages", "war army missile"]
    >>> model = FrameClassifier(cv=2, min_df=1).fit(texts, [["Economic"], ["Security_and_defense"],
    ...                                           ["Economic"], ["Security_and_defense"]])
    >>> model.predict(["troops and war"])
    [['Security_and_defense']]
    """

    def __init__(
        self,
        Cs: Sequence[float] = (1.0, 3.0, 10.0),
        thresholds: Sequence[float] = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6),
        cv: int = 3,
        min_labels: int = 1,
        ngram_range: tuple[int, int] = (1, 1),
        min_df: int = 2,
        random_state: int = 0,
    ) -> None:
        self.Cs = Cs
        self.thresholds = thresholds
        self.cv = cv
        self.min_labels = min_labels
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.random_state = random_state

    def _pipeline(self, C: float) -> Pipeline:
        return Pipeline([
            ("tfidf", TfidfVectorizer(sublinear_tf=True, ngram_range=self.ngram_range,
                                      min_df=self.min_df, max_df=0.9)),
            # balanced class weights: most frames are in a minority of articles
            ("model", OneVsRestClassifier(LogisticRegression(
                C=C, class_weight="balanced", solver="liblinear",
                random_state=self.random_state))),
        ])

    def fit(self, texts: Sequence[str], label_lists: Sequence[Sequence[str]]) -> FrameClassifier:
        """Choose ``C`` and the threshold by cross-validation, then fit on all articles.

        Parameters
        ----------
        texts : sequence of str
        label_lists : sequence of sequences of str
            The frames of each text (at least one article per frame is needed).

        Returns
        -------
        FrameClassifier
            ``self``.

        Raises
        ------
        ValueError
            When the lengths differ or there are fewer articles than folds.
        """
        texts = list(texts)
        label_lists = [list(labels) for labels in label_lists]
        if len(texts) != len(label_lists):
            raise ValueError(f"texts and label_lists differ in length: {len(texts)} != "
                             f"{len(label_lists)}")
        if len(texts) < self.cv:
            raise ValueError(f"cv={self.cv} folds need at least {self.cv} articles, "
                             f"got {len(texts)}")
        binarizer = MultiLabelBinarizer()
        y = binarizer.fit_transform(label_lists)
        self.classes_ = binarizer.classes_
        folds = KFold(self.cv, shuffle=True, random_state=self.random_state)
        rows = []
        with warnings.catch_warnings():
            # a frame absent from (or present in) every training fold gets a constant model
            warnings.filterwarnings("ignore", message="Label .* is present in all")
            for C in self.Cs:
                proba = cross_val_predict(self._pipeline(C), texts, y, cv=folds,
                                          method="predict_proba")
                for threshold in self.thresholds:
                    chosen = _decide(proba, threshold, self.min_labels)
                    rows.append({
                        "C": C, "threshold": threshold,
                        "micro_f1": round(f1_score(y, chosen, average="micro", zero_division=0), 4),
                        "macro_f1": round(f1_score(y, chosen, average="macro", zero_division=0), 4),
                    })
            self.cv_results_ = pd.DataFrame(rows)
            best = self.cv_results_.sort_values(["micro_f1", "macro_f1"], ascending=False,
                                                kind="stable").iloc[0]
            self.best_C_ = float(best["C"])
            self.threshold_ = float(best["threshold"])
            self.cv_micro_f1_ = float(best["micro_f1"])
            self.cv_macro_f1_ = float(best["macro_f1"])
            self.pipeline_ = self._pipeline(self.best_C_).fit(texts, y)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Per-frame probabilities, shape ``(len(texts), len(classes_))``."""
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.predict_proba(list(texts))

    def predict(self, texts: Sequence[str]) -> list[list[str]]:
        """The frames of each text: those at or above ``threshold_`` (at least ``min_labels``).

        Returns
        -------
        list of list of str
            Frame names in ``classes_`` order; an empty input gives an empty list.
        """
        texts = list(texts)
        if not texts:
            return []
        chosen = _decide(self.predict_proba(texts), self.threshold_, self.min_labels)
        return [[str(c) for c, on in zip(self.classes_, row) if on] for row in chosen]

    def top_terms(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` terms with the largest positive weight for each frame.

        Returns
        -------
        pandas.DataFrame
            Columns ``frame, rank, term, weight`` (weights rounded to 3 decimals).
        """
        check_is_fitted(self, "pipeline_")
        vocabulary = self.pipeline_["tfidf"].get_feature_names_out()
        rows = []
        for frame, estimator in zip(self.classes_, self.pipeline_["model"].estimators_):
            if not hasattr(estimator, "coef_"):  # a frame in every (or no) training article
                continue
            weights = estimator.coef_.ravel()
            order = np.argsort(-weights, kind="stable")[:n]
            rows += [{"frame": str(frame), "rank": r + 1, "term": str(vocabulary[i]),
                      "weight": round(float(weights[i]), 3)} for r, i in enumerate(order)]
        return pd.DataFrame(rows, columns=["frame", "rank", "term", "weight"])

    def save(self, path: str | Path) -> None:
        """Save the fitted classifier with joblib (load it with :meth:`load`)."""
        check_is_fitted(self, "pipeline_")
        joblib.dump(self, path)

    @classmethod
    def load(cls, path: str | Path) -> FrameClassifier:
        """Load a classifier saved with :meth:`save` (only load files you trust: pickle)."""
        model = joblib.load(path)
        if not isinstance(model, cls):
            raise ValueError(f"{path}: holds a {type(model).__name__}, not a {cls.__name__}")
        return model


def _split_labels(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value or "").replace(";", ",").split(",")
            if part.strip()]


def read_labelled(path: str | Path) -> tuple[list[str], list[list[str]]]:
    """Read labelled articles from a CSV or JSONL file with the fields ``text`` and ``labels``.

    ``labels`` is a JSON list (JSONL) or a string of names separated by commas or semicolons.

    Returns
    -------
    (texts, label_lists)

    Raises
    ------
    ValueError
        When a record lacks ``text`` or ``labels``; the message names the file and line.
    """
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                   if line.strip()]
    else:
        records = pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")
    texts, label_lists = [], []
    for number, record in enumerate(records, start=1):
        if "text" not in record or "labels" not in record:
            raise ValueError(f"{path}: record {number} needs the fields 'text' and 'labels'; "
                             f"it has {sorted(record)}")
        texts.append(str(record["text"]))
        label_lists.append(_split_labels(record["labels"]))
    return texts, label_lists


def read_semeval(folder: str | Path) -> tuple[list[str], list[str], list[list[str]]]:
    """Read a SemEval-2023 Task 3 subtask-2 folder (``labels.tsv`` and ``text/article<ID>.txt``).

    Returns
    -------
    (ids, texts, label_lists)
        Sorted by id.
    """
    folder = Path(folder)
    labels = {}
    for line in (folder / "labels.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            article_id, _, names = line.partition("\t")
            labels[article_id.strip()] = _split_labels(names)
    ids = sorted(labels)
    texts = [(folder / "text" / f"article{i}.txt").read_text(encoding="utf-8") for i in ids]
    return ids, texts, [labels[i] for i in ids]


def headline_body_profiles(
    parsed: ParsedArticle, cues: Sequence[FrameCue] | None = None
) -> tuple[dict[str, float], dict[str, float], str]:
    """The frame profiles of an article's headline and of its body, wherever the headline is.

    In a ``.txt`` article the headline is the first sentences of the text
    (``parsed.n_headline``). A table (``.csv``, ``.jsonl``) gives it apart, in its ``title``
    column, and the text is the body alone: the title is then parsed as a text of its own, so
    that the comparison is not "an empty headline against the body".

    Parameters
    ----------
    parsed : ParsedArticle
    cues : sequence of FrameCue, optional
        The article's cues (:func:`find_frame_cues`), computed when not given.

    Returns
    -------
    (dict, dict, str)
        The headline's profile, the body's profile (:func:`frame_profile`), and where the
        headline came from: ``"text"``, ``"title"`` or ``"none"`` (no headline at all).
    """
    from .corpus import Article
    from .nlp import parse

    cues = find_frame_cues(parsed) if cues is None else cues
    body = frame_profile(cues, sentences=range(parsed.n_headline, len(parsed.sentences)))
    if parsed.n_headline:
        return frame_profile(cues, sentences=range(parsed.n_headline)), body, "text"
    title = (parsed.article.title or "").strip()
    if not title:
        return frame_profile([]), body, "none"
    headline = parse(Article(f"{parsed.article.id} (title)", title,
                             language=parsed.article.language))
    return frame_profile(find_frame_cues(headline)), body, "title"


def plot_frame_profile(profile: dict[str, float], *, title: str):
    """The two families of a frame profile side by side, frames without a hit left out.

    Parameters
    ----------
    profile : dict
        From :func:`frame_profile`.
    title : str
        The figure's title ("Figure 1: ...").

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    from .display import barh

    fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
    for ax, (family, frames) in zip(axes, FAMILIES.items(), strict=True):
        scores = pd.Series({f: profile[f] for f in frames if profile[f] > 0}, dtype=float)
        name = "Media Frames dimensions" if family == "mfc" else "Generic news frames"
        if scores.empty:
            ax.set_title(f"{name}: no cue")
            ax.set_axis_off()
            continue
        barh(scores.sort_values(ascending=False, kind="stable"), ax=ax, title=name,
             xlabel="share of the family's cue hits", ylabel="frame")
    fig.suptitle(title, fontweight="bold")
    return fig


def frame_evidence(parsed: ParsedArticle, cues: Sequence[FrameCue], frames: Sequence[str], *,
                   chars: int = 90) -> pd.DataFrame:
    """For each frame, the sentence with most of its cues, and the words that cued it.

    Parameters
    ----------
    parsed : ParsedArticle
    cues : sequence of FrameCue
    frames : sequence of str
        The frames to show (e.g. :func:`top_frames`); frames without a cue are left out.
    chars : int
        Sentences are cut to this many characters.

    Returns
    -------
    pandas.DataFrame
        Columns ``frame, sentence, cues, text``; ties go to the earlier sentence.
    """
    rows = []
    for frame in frames:
        hits = [c for c in cues if c.frame == frame]
        if not hits:
            continue
        counts = Counter(c.sentence for c in hits)
        sentence = min(counts, key=lambda s: (-counts[s], s))
        text = parsed.sentences[sentence].text
        rows.append({"frame": frame, "sentence": sentence,
                     "cues": ", ".join(c.text for c in hits if c.sentence == sentence),
                     "text": text[:chars] + ("..." if len(text) > chars else "")})
    return pd.DataFrame(rows, columns=["frame", "sentence", "cues", "text"])


def corpus_frames(parsed: Sequence[ParsedArticle]) -> pd.DataFrame:
    """Every article's frame profile and its dominant frame of each family.

    Parameters
    ----------
    parsed : sequence of ParsedArticle

    Returns
    -------
    pandas.DataFrame
        One row per article: ``article, outlet, year``, ``dominant_mfc``, ``dominant_generic``
        (None for a family without a cue), then one column per frame (its profile score).
    """
    rows = []
    for p in parsed:
        profile = frame_profile(find_frame_cues(p))
        dominant = {}
        for family, frames in FAMILIES.items():
            best = max(frames, key=lambda f: (profile[f], -frames.index(f)))
            dominant[f"dominant_{family}"] = best if profile[best] > 0 else None
        rows.append({"article": p.article.id, "outlet": p.article.outlet,
                     "year": p.article.year, **dominant, **profile})
    return pd.DataFrame(rows)


def held_out_scores(texts: Sequence[str], labels: Sequence[Sequence[str]], *,
                    test_size: float = 0.2, min_df: int | float = 2,
                    random_state: int = 0) -> tuple[dict[str, object], FrameClassifier]:
    """Fit a :class:`FrameClassifier` on part of labelled articles, score it on the rest.

    The held-out articles are scored with micro-F1 (every article-frame decision counts alike)
    and macro-F1 over the 14 Media Frames dimensions (every frame counts alike).

    Parameters
    ----------
    texts : sequence of str
    labels : sequence of sequence of str
        The frames of each article.
    test_size : float
        Share of the articles held out.
    min_df : int or float
        Passed to :class:`FrameClassifier` (1 for a tiny set).
    random_state : int
        Fixes the split and the classifier's folds.

    Returns
    -------
    (dict, FrameClassifier)
        ``train, test, C, threshold, cv_micro_f1 (in fit), held-out micro_f1, held-out
        macro_f1`` (3 decimals), and the fitted model.
    """
    from sklearn.model_selection import train_test_split

    train_x, test_x, train_y, test_y = train_test_split(
        list(texts), list(labels), test_size=test_size, random_state=random_state)
    model = FrameClassifier(min_df=min_df, random_state=random_state).fit(train_x, train_y)
    binarizer = MultiLabelBinarizer(classes=list(MFC_FRAMES))
    gold, predicted = binarizer.fit_transform(test_y), binarizer.transform(model.predict(test_x))
    return {"train": len(train_x), "test": len(test_x), "C": model.best_C_,
            "threshold": model.threshold_,
            "cv_micro_f1 (in fit)": round(model.cv_micro_f1_, 3),
            "held-out micro_f1": round(f1_score(gold, predicted, average="micro",
                                                zero_division=0), 3),
            "held-out macro_f1": round(f1_score(gold, predicted, average="macro",
                                                zero_division=0), 3)}, model
