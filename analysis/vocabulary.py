"""Which words carry an article: TF-IDF over documents, and keyness against the language.

Two questions, two methods:

- **TF-IDF** (Spärck Jones 1972; Salton and Buckley 1988) weighs a term by how often it occurs
  in one document and how few documents of the collection use it. The documents are the
  articles of a corpus, or the paragraphs or sentences of one article (:func:`text_units`).
  Terms are content lemmas (``analysis.nlp.content_terms``: stop words, punctuation and numbers
  removed) and their n-grams inside a sentence.
- **Keyness** (Dunning 1993; Rayson and Garside 2000) compares an article's word counts with a
  reference corpus: here the wordfreq frequencies of the article's language (Speer 2022). It
  gives the signed log-likelihood G2 of quanteda's ``textstat_keyness(measure = "lr")`` (its
  2x2 table and sign; see :data:`CORRECTIONS` on Williams's correction) and Hardie's (2014)
  log ratio, an effect size.
  wordfreq lists surface forms, not lemmas, so keyness counts lower-cased surface forms.

References
----------
Spärck Jones, K. (1972). A statistical interpretation of term specificity and its application
in retrieval. Journal of Documentation 28(1). doi:10.1108/eb026526
Salton, G. and Buckley, C. (1988). Term-weighting approaches in automatic text retrieval.
Information Processing & Management 24(5). doi:10.1016/0306-4573(88)90021-0
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
Computational Linguistics 19(1). https://aclanthology.org/J93-1003
Rayson, P. and Garside, R. (2000). Comparing corpora using frequency profiling. Workshop on
Comparing Corpora. doi:10.3115/1117729.1117730
Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches to
Social Science. https://cass.lancs.ac.uk/log-ratio-an-informal-introduction/
Speer, R. (2022). rspeer/wordfreq: v3.0. Zenodo. doi:10.5281/zenodo.7199437
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import chi2
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.tokens import Span

from .errors import check_choice
from .nlp import ParsedArticle, content_terms, normalise_apostrophes

#: The units a document can be split into for term weighting.
UNITS = ("article", "paragraph", "sentence")
#: Notional size (tokens) of the wordfreq reference corpus. wordfreq publishes relative
#: frequencies, not counts; its "large" lists are built from billions of tokens and stop at
#: 1e-8 (Zipf 1), so 1e9 tokens turns the rarest listed word into a count of 10. G2 grows with
#: this number (p-values shrink); the log ratio does not depend on it.
REFERENCE_SIZE = 1_000_000_000
#: Corrections of G2: none, or Williams's (1976), which quanteda applies to "lr" by default.
#: Williams's divisor grows like N / (6 (a + b) c) when the reference dwarfs the target, so
#: against a notional 1e9-token reference it erases the statistic of every rare term: keyness
#: against wordfreq therefore uses no correction.
CORRECTIONS = ("none", "williams")
#: Hardie (2014): add 0.5 to a zero frequency before taking the log ratio.
ZERO_ADJUSTMENT = 0.5

NO_DOCUMENTS = "no documents given: pass at least one parsed article"
NO_SENTENCES = "article {id!r} has no sentences to analyse"
NO_TERMS = "the documents contain no content terms (after removing stop words and punctuation)"
BAD_NGRAMS = "ngram_range must be (low, high) with 1 <= low <= high, not {value!r}"
MIXED_LANGUAGES = "keyness needs articles of one language; got {languages}"
NO_WORDLIST = "wordfreq has no frequency list for language {language!r} (article {id})"


def _check_ngram_range(ngram_range: tuple[int, int]) -> None:
    low, high = ngram_range
    if not 1 <= low <= high:
        raise ValueError(BAD_NGRAMS.format(value=ngram_range))


# --- documents -----------------------------------------------------------------------------


@dataclass
class TextUnit:
    """A document for term weighting: a whole article, or one of its paragraphs or sentences.

    Attributes
    ----------
    article : str
        The article's id.
    unit : {"article", "paragraph", "sentence"}
    index : int
        Position of the unit in its article (0 for a whole article).
    start, end : int
        Character span in ``article.text``.
    sentence : int
        Index (into ``parsed.sentences``) of the unit's first sentence.
    terms : list of list of str
        The content terms of each of the unit's sentences (n-grams never cross sentences).
    text : str
        The unit's text.
    """

    article: str
    unit: str
    index: int
    start: int
    end: int
    sentence: int
    terms: list[list[str]] = field(repr=False)
    text: str = field(repr=False)

    @property
    def label(self) -> str:
        """A short unique name: the article id, or ``id:p3`` / ``id:s3`` for parts."""
        if self.unit == "article":
            return self.article
        return f"{self.article}:{self.unit[0]}{self.index}"


def _paragraphs(parsed: ParsedArticle) -> list[list[int]]:
    """Group sentence indices into paragraphs: a line break between two sentences splits."""
    groups: list[list[int]] = []
    text = parsed.article.text
    for i, sent in enumerate(parsed.sentences):
        gap = text[parsed.sentences[i - 1].end_char : sent.start_char] if i else "\n"
        if "\n" in gap:
            groups.append([])
        groups[-1].append(i)
    return groups


def _unit(parsed: ParsedArticle, unit: str, index: int, members: list[int],
          lemmatise: bool) -> TextUnit:
    sents: list[Span] = [parsed.sentences[i] for i in members]
    start, end = sents[0].start_char, sents[-1].end_char
    return TextUnit(
        article=parsed.article.id, unit=unit, index=index, start=start, end=end,
        sentence=members[0], terms=[content_terms(s, lemmatise=lemmatise) for s in sents],
        text=parsed.article.text[start:end],
    )


def text_units(
    parsed: ParsedArticle | Iterable[ParsedArticle],
    unit: str = "article",
    *,
    lemmatise: bool = True,
) -> list[TextUnit]:
    """Split parsed articles into the documents to weigh or model.

    Parameters
    ----------
    parsed : ParsedArticle or iterable of them
    unit : {"article", "paragraph", "sentence"}
        One document per article, per paragraph (sentences between line breaks; a headline is
        its own paragraph) or per sentence.
    lemmatise : bool
        Lemmas (default) or lower-cased surface forms as terms.

    Returns
    -------
    list of TextUnit
        In article order, then text order. Units without any content term are kept (their
        rows are empty) so positions stay aligned with the text.

    Raises
    ------
    ValueError
        When ``unit`` is unknown, no article is given or an article has no sentence.
    """
    check_choice(unit, UNITS, "unit")
    articles = [parsed] if isinstance(parsed, ParsedArticle) else list(parsed)
    if not articles:
        raise ValueError(NO_DOCUMENTS)
    units = []
    for p in articles:
        if not p.sentences:
            raise ValueError(NO_SENTENCES.format(id=p.article.id))
        if unit == "article":
            groups = [list(range(len(p.sentences)))]
        elif unit == "paragraph":
            groups = _paragraphs(p)
        else:
            groups = [[i] for i in range(len(p.sentences))]
        units += [_unit(p, unit, i, g, lemmatise) for i, g in enumerate(groups)]
    return units


def ngrams(sentences: Sequence[Sequence[str]], ngram_range: tuple[int, int] = (1, 1)) -> list[str]:
    """The n-grams (joined by a space) of each sentence's terms, never crossing sentences.

    Examples
    --------
    >>> ngrams([["corea", "nord"], ["truppa"]], (1, 2))
    ['corea', 'nord', 'truppa', 'corea nord']
    """
    low, high = ngram_range
    grams = []
    for n in range(low, high + 1):
        for terms in sentences:
            grams += [" ".join(terms[i : i + n]) for i in range(len(terms) - n + 1)]
    return grams


def unit_analyzer(ngram_range: tuple[int, int]):
    """A scikit-learn ``analyzer`` reading the n-grams of a :class:`TextUnit`."""
    _check_ngram_range(ngram_range)
    return partial(_unit_ngrams, ngram_range=ngram_range)


def _unit_ngrams(unit: TextUnit, ngram_range: tuple[int, int]) -> list[str]:
    return ngrams(unit.terms, ngram_range)


def check_units(units: Sequence[TextUnit]) -> list[TextUnit]:
    """Return ``units`` as a list; raise ValueError when empty or without any content term."""
    units = list(units)
    if not units:
        raise ValueError(NO_DOCUMENTS)
    if not any(terms for u in units for terms in u.terms):
        raise ValueError(NO_TERMS)
    return units


def unit_frame(units: Sequence[TextUnit]) -> pd.DataFrame:
    """One row per unit: label, article, unit, index, sentence, start, end, text."""
    return pd.DataFrame(
        [{"document": u.label, "article": u.article, "unit": u.unit, "index": u.index,
          "sentence": u.sentence, "start": u.start, "end": u.end, "text": u.text} for u in units],
        columns=["document", "article", "unit", "index", "sentence", "start", "end", "text"],
    )


# --- TF-IDF --------------------------------------------------------------------------------


class TermWeights:
    """TF-IDF weights of content terms and their n-grams over a set of text units.

    A thin wrapper around scikit-learn's ``TfidfVectorizer`` with the workbook's analyzer:
    the terms are already lemmatised, stop words removed, by ``analysis.nlp``.

    Parameters
    ----------
    ngram_range : (int, int)
        Smallest and largest n-gram length.
    min_df, max_df : int or float
        Passed to ``TfidfVectorizer`` (document-frequency limits).
    sublinear_tf : bool
        Use ``1 + log(tf)`` instead of raw counts.

    Attributes
    ----------
    units_ : list of TextUnit
        The fitted documents.
    vectorizer_ : TfidfVectorizer
    matrix_ : scipy.sparse.csr_matrix
        Units x terms, each row L2-normalised.

    Examples
    --------
    >>> from analysis import load_article, parse, SEED_PATH
    >>> weights = TermWeights().fit(text_units(parse(load_article(SEED_PATH)), "sentence"))
    >>> weights.matrix_.shape[0]
    18
    """

    def __init__(self, *, ngram_range: tuple[int, int] = (1, 1), min_df: int | float = 1,
                 max_df: int | float = 1.0, sublinear_tf: bool = False) -> None:
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf

    def fit(self, units: Sequence[TextUnit]) -> TermWeights:
        """Learn the vocabulary and inverse document frequencies of ``units``."""
        self.units_ = check_units(units)
        self.vectorizer_ = TfidfVectorizer(
            analyzer=unit_analyzer(self.ngram_range), min_df=self.min_df, max_df=self.max_df,
            sublinear_tf=self.sublinear_tf,
        )
        self.matrix_ = self.vectorizer_.fit_transform(self.units_)
        return self

    def top_terms(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` heaviest terms of every unit, as a tidy table.

        Returns
        -------
        pandas.DataFrame
            Columns ``document, article, index, sentence, start, end, rank, term, tfidf``;
            within a document by weight (descending) then term, so ties are stable.
        """
        terms = self.vectorizer_.get_feature_names_out()
        rows = []
        for unit, row in zip(self.units_, sparse.csr_matrix(self.matrix_), strict=True):
            pairs = sorted(zip(row.data, terms[row.indices], strict=True),
                           key=lambda p: (-p[0], p[1]))
            rows += [
                {"document": unit.label, "article": unit.article, "index": unit.index,
                 "sentence": unit.sentence, "start": unit.start, "end": unit.end,
                 "rank": rank, "term": term, "tfidf": float(weight)}
                for rank, (weight, term) in enumerate(pairs[:n], start=1)
            ]
        return pd.DataFrame(rows, columns=["document", "article", "index", "sentence", "start",
                                           "end", "rank", "term", "tfidf"])


# --- keyness -------------------------------------------------------------------------------


def _word_tokens(sent: Span) -> list:
    return [t for t in sent if not (t.is_punct or t.is_space)]


def _is_edge(token) -> bool:
    """Can an n-gram start or end on this token? Not on a stop word, number or single letter."""
    return not (token.is_stop or token.like_num or len(token.text) < 2)


def _surface(parsed: ParsedArticle, first, last) -> str:
    text = parsed.article.text[first.idx : last.idx + len(last)]
    return normalise_apostrophes(" ".join(text.split())).lower()


def keyness_counts(
    parsed: Iterable[ParsedArticle], ngram_range: tuple[int, int] = (1, 1)
) -> tuple[Counter, int]:
    """Count candidate key terms (surface forms) and the word tokens of the articles.

    Unigrams are the content words of ``content_terms(..., lemmatise=False)``. A longer n-gram
    is a run of adjacent word tokens inside one sentence, with no punctuation inside, that
    neither starts nor ends with a stop word or number (so "corea del nord" is a candidate
    and "del nord" is not). The total counts every word token, stop words included, because
    the reference frequencies are shares of all words.

    Returns
    -------
    (Counter, int)
        Term counts and the number of word tokens.
    """
    _check_ngram_range(ngram_range)
    low, high = ngram_range
    counts: Counter = Counter()
    total = 0
    for p in parsed:
        for sent in p.sentences:
            total += len(_word_tokens(sent))
            if low == 1:
                counts.update(content_terms(sent, lemmatise=False))
            for run in _runs(sent):
                for n in range(max(low, 2), high + 1):
                    counts.update(
                        _surface(p, run[i], run[i + n - 1])
                        for i in range(len(run) - n + 1)
                        if _is_edge(run[i]) and _is_edge(run[i + n - 1])
                    )
    return counts, total


def _runs(sent: Span) -> list[list]:
    """Maximal runs of word tokens between punctuation marks."""
    runs: list[list] = [[]]
    for token in sent:
        if token.is_punct or token.is_space:
            runs.append([])
        else:
            runs[-1].append(token)
    return [r for r in runs if r]


def log_likelihood(
    a: np.ndarray, b: np.ndarray, c: float, d: float, correction: str = "none"
) -> np.ndarray:
    """Signed log-likelihood G2 of a term in a target against a reference.

    Parameters
    ----------
    a, b : array
        Frequency of each term in the target and in the reference.
    c, d : float
        Size (tokens) of the target and of the reference.
    correction : {"none", "williams"}
        Williams's correction divides G2 by
        ``q = 1 + (N/(a+b) + N/(N-a-b) - 1) (N/c + N/d - 1) / (6N)`` (as quanteda).

    Returns
    -------
    numpy.ndarray
        G2, positive where the term is more frequent in the target than expected, negative
        where less (quanteda's sign convention). Zero cells contribute 0 (``0 log 0 = 0``).
    """
    check_choice(correction, CORRECTIONS, "correction")
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n = c + d
    observed = np.stack([a, b, c - a, d - b])
    expected = np.stack([(a + b) * c / n, (a + b) * d / n,
                         (n - a - b) * c / n, (n - a - b) * d / n])
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    g2 = 2 * cells.sum(axis=0)
    if correction == "williams":
        q = 1 + (n / (a + b) + n / (n - a - b) - 1) * (n / c + n / d - 1) / (6 * n)
        g2 = g2 / q
    return np.where(a >= expected[0], g2, -g2)


def log_ratio(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Hardie's (2014) log ratio: ``log2`` of the ratio of relative frequencies.

    A zero frequency is replaced by :data:`ZERO_ADJUSTMENT` first. 1 means twice as frequent
    in the target as in the reference, 0 equally frequent.
    """
    a = np.where(np.asarray(a, dtype=float) == 0, ZERO_ADJUSTMENT, a)
    b = np.where(np.asarray(b, dtype=float) == 0, ZERO_ADJUSTMENT, b)
    return np.log2((a / c) / (b / d))


def reference_frequency(term: str, language: str) -> float:
    """wordfreq's frequency of ``term`` (a word or a phrase) in ``language``; 0 when unlisted.

    For a phrase wordfreq combines its words' frequencies as ``1/f = 1/f1 + 1/f2 + ...``,
    an estimate that is usually above the phrase's true frequency: n-gram keyness is
    therefore conservative.
    """
    from wordfreq import word_frequency

    return word_frequency(term, language)


def keyness(
    parsed: ParsedArticle | Iterable[ParsedArticle],
    *,
    ngram_range: tuple[int, int] = (1, 1),
    min_count: int = 2,
    reference_size: float = REFERENCE_SIZE,
    correction: str = "none",
) -> pd.DataFrame:
    """Keyness of an article's (or a corpus's) terms against wordfreq's frequencies.

    Parameters
    ----------
    parsed : ParsedArticle or iterable of them
        The target; several articles are pooled (they must share one language).
    ngram_range : (int, int)
        Term lengths in words (see :func:`keyness_counts`).
    min_count : int
        Leave out terms seen fewer times in the target (a single occurrence of a rare name is
        "key" by any measure and says little).
    reference_size : float
        Notional reference size in tokens (see :data:`REFERENCE_SIZE`).
    correction : {"none", "williams"}
        Correction of G2 (see :data:`CORRECTIONS`).

    Returns
    -------
    pandas.DataFrame
        Columns ``term, n (words), count, per_million (target), ref_per_million, g2, p,
        log_ratio``, sorted by G2 (descending) then term. ``p`` is the chi-squared (1 df) tail
        probability of G2 and does not correct for testing many terms.

    Raises
    ------
    ValueError
        For no articles, mixed languages, a language without a wordfreq list, or articles
        without any candidate term.
    """
    from wordfreq import available_languages

    articles = [parsed] if isinstance(parsed, ParsedArticle) else list(parsed)
    if not articles:
        raise ValueError(NO_DOCUMENTS)
    languages = sorted({p.article.language for p in articles})
    if len(languages) > 1:
        raise ValueError(MIXED_LANGUAGES.format(languages=languages))
    language = languages[0]
    if language not in available_languages():
        raise ValueError(NO_WORDLIST.format(language=language, id=articles[0].article.id))
    counts, total = keyness_counts(articles, ngram_range)
    counts = {term: k for term, k in counts.items() if k >= min_count}
    if not counts:
        raise ValueError(NO_TERMS + f" occurring at least {min_count} times")
    terms = sorted(counts)
    a = np.array([counts[t] for t in terms], dtype=float)
    ref = np.array([reference_frequency(t, language) for t in terms])
    b = ref * reference_size
    g2 = log_likelihood(a, b, total, reference_size, correction)
    table = pd.DataFrame({
        "term": terms,
        "n": [len(t.split()) for t in terms],
        "count": a.astype(int),
        "per_million": a / total * 1e6,
        "ref_per_million": ref * 1e6,
        "g2": g2,
        "p": chi2.sf(np.abs(g2), df=1),
        "log_ratio": log_ratio(a, b, total, reference_size),
    })
    return table.sort_values(["g2", "term"], ascending=[False, True], ignore_index=True)

