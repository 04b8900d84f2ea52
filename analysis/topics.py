"""Topics: NMF and LDA over text units, NPMI coherence, and choosing the number of topics.

A topic model describes each document as a mixture of a few topics and each topic as a
weighting of terms. Two classic models from scikit-learn:

- **NMF** (Lee and Seung 1999) factorises the TF-IDF matrix into two non-negative matrices;
  initialised with NNDSVDa (Boutsidis and Gallopoulos 2008), which is deterministic.
- **LDA** (Blei, Ng and Jordan 2003) is a generative model of term counts, fitted here by
  batch variational Bayes with a fixed ``random_state``.

Either way the same input gives the same topics on every run. A topic is judged by the
coherence of its top terms: the mean normalised pointwise mutual information (NPMI; Bouma
2009) of each pair of them, counted over the documents the model was fitted on, the measure
Röder, Both and Hinneburg (2015) found among the best at matching human judgements.

References
----------
Lee, D. D. and Seung, H. S. (1999). Learning the parts of objects by non-negative matrix
factorization. Nature 401. doi:10.1038/44565
Boutsidis, C. and Gallopoulos, E. (2008). SVD based initialization: A head start for
nonnegative matrix factorization. Pattern Recognition 41(4). doi:10.1016/j.patcog.2007.09.010
Blei, D. M., Ng, A. Y. and Jordan, M. I. (2003). Latent Dirichlet Allocation. Journal of
Machine Learning Research 3. https://jmlr.org/papers/v3/blei03a.html
Bouma, G. (2009). Normalized (pointwise) mutual information in collocation extraction.
Proceedings of GSCL. https://svn.spraakdata.gu.se/repos/gerlof/pub/www/Docs/npmi-pfd.pdf
Röder, M., Both, A. and Hinneburg, A. (2015). Exploring the space of topic coherence
measures. WSDM. doi:10.1145/2684822.2685324
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from .errors import check_choice
from .vocabulary import TextUnit, check_units, unit_analyzer

METHODS = ("nmf", "lda")
RANDOM_STATE = 0
#: Iterations: NMF's coordinate descent and LDA's batch variational Bayes converge well
#: within these on news-sized inputs (no ConvergenceWarning on the seed or MEANTIME).
MAX_ITER = {"nmf": 2000, "lda": 200}
#: How many top terms of a topic enter its coherence (Röder et al. use 10).
COHERENCE_TERMS = 10

TOO_MANY_TOPICS = (
    "n_topics={k} is too many for {n_docs} document(s) and {n_terms} distinct term(s): "
    "use at most {limit}"
)
NOT_FITTED = "this TopicModel is not fitted yet: call fit(units) first"
BAD_RANGE = "ks must hold at least one number of topics the data allow, not {ks!r}"


class TooManyTopics(ValueError):
    """More topics were asked for than the documents or the vocabulary allow."""


# --- coherence -----------------------------------------------------------------------------


def npmi(presence: sparse.spmatrix | np.ndarray, i: int, j: int) -> float:
    """Normalised PMI of terms ``i`` and ``j`` from their document co-occurrence.

    ``NPMI = log(p(i, j) / (p(i) p(j))) / -log p(i, j)``, with probabilities the shares of
    documents holding the terms. It is 1 for terms that always occur together, 0 for
    independent ones and -1 for terms never seen together (Bouma 2009). Terms that occur in
    every document together have ``p(i, j) = 1``: they co-occur perfectly, NPMI 1.

    Parameters
    ----------
    presence : matrix
        Documents x terms; non-zero where a term occurs in a document.
    i, j : int
        Column indices of the two terms.
    """
    columns = sparse.csc_matrix(presence)[:, [i, j]] > 0
    n_docs = columns.shape[0]
    both = columns[:, 0].multiply(columns[:, 1]).sum() / n_docs
    p_i = columns[:, 0].sum() / n_docs
    p_j = columns[:, 1].sum() / n_docs
    if both == 0:
        return -1.0
    if both == 1:
        return 1.0
    return float(np.log(both / (p_i * p_j)) / -np.log(both))


def coherence(presence: sparse.spmatrix | np.ndarray, term_indices: Sequence[int]) -> float:
    """Mean NPMI over every pair of ``term_indices`` (a topic's top terms).

    The same value as averaging :func:`npmi` over the pairs, computed at once: the topic's
    columns are cut out of ``presence`` once and their co-occurrence counts are one small
    matrix product (``X.T @ X``), instead of one sparse slice per pair (about 90 times faster
    on a 20,000-term matrix; ``tests/test_topics.py`` holds the two equal).

    Parameters
    ----------
    presence : matrix
        Documents x terms; non-zero where a term occurs in a document.
    term_indices : sequence of int
        Column indices of the topic's top terms.

    Returns
    -------
    float
        The mean NPMI over every pair, NaN for fewer than two terms.
    """
    indices = list(term_indices)
    if len(indices) < 2:
        return float("nan")
    columns = (sparse.csc_matrix(presence)[:, indices] > 0).astype(np.float64)
    n_docs = columns.shape[0]
    together = np.asarray((columns.T @ columns).todense()) / n_docs  # p(i, j); p(i) on the diagonal
    p_single = np.diag(together)
    first, second = np.triu_indices(len(indices), k=1)
    both = together[first, second]
    values = np.empty_like(both)
    never = both == 0  # never together: -1
    always = both == 1  # in every document together: 1
    rest = ~(never | always)
    values[never], values[always] = -1.0, 1.0
    values[rest] = (np.log(both[rest] / (p_single[first][rest] * p_single[second][rest]))
                    / -np.log(both[rest]))
    return float(np.mean(values))


# --- the model -----------------------------------------------------------------------------


class TopicModel:
    """NMF or LDA over text units, with tidy tables of topics and documents.

    Parameters
    ----------
    n_topics : int
    method : {"nmf", "lda"}
        NMF is fitted on TF-IDF weights, LDA on raw counts (its generative model is of counts).
    ngram_range : (int, int)
        Term lengths (content lemmas and their n-grams, see ``analysis.vocabulary``).
    min_df, max_df : int or float
        Document-frequency limits of the vocabulary.
    random_state : int
        Fixes LDA's initialisation (NMF's NNDSVDa start is deterministic anyway).

    Attributes
    ----------
    units_ : list of TextUnit
    terms_ : numpy.ndarray of str
        The vocabulary, in column order.
    matrix_ : scipy.sparse matrix
        Units x terms as the model saw it (TF-IDF for NMF, counts for LDA).
    model_ : NMF or LatentDirichletAllocation
    document_topics_ : numpy.ndarray
        Units x topics, each row summing to 1 (0 for a unit without terms).
    """

    def __init__(self, n_topics: int = 5, *, method: str = "nmf",
                 ngram_range: tuple[int, int] = (1, 1), min_df: int | float = 1,
                 max_df: int | float = 1.0, random_state: int = RANDOM_STATE) -> None:
        self.n_topics = n_topics
        self.method = method
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.random_state = random_state

    def fit(self, units: Sequence[TextUnit]) -> TopicModel:
        """Build the vocabulary of ``units`` and fit the model.

        Raises
        ------
        ValueError
            For an unknown method, no units, units without terms, or more topics than the
            documents or terms allow.
        """
        check_choice(self.method, METHODS, "method")
        self.units_ = check_units(units)
        vectorizer = TfidfVectorizer if self.method == "nmf" else CountVectorizer
        self.vectorizer_ = vectorizer(analyzer=unit_analyzer(self.ngram_range),
                                      min_df=self.min_df, max_df=self.max_df)
        self.matrix_ = self.vectorizer_.fit_transform(self.units_)
        self.terms_ = self.vectorizer_.get_feature_names_out()
        n_docs, n_terms = self.matrix_.shape
        limit = min(n_docs, n_terms)
        if not 1 <= self.n_topics <= limit:
            raise TooManyTopics(TOO_MANY_TOPICS.format(k=self.n_topics, n_docs=n_docs,
                                                    n_terms=n_terms, limit=limit))
        self.model_ = self._estimator()
        weights = self.model_.fit_transform(self.matrix_)
        totals = weights.sum(axis=1, keepdims=True)
        self.document_topics_ = np.divide(weights, totals, out=np.zeros_like(weights),
                                          where=totals > 0)
        return self

    def _estimator(self) -> NMF | LatentDirichletAllocation:
        if self.method == "nmf":
            return NMF(n_components=self.n_topics, init="nndsvda",
                       max_iter=MAX_ITER["nmf"], random_state=self.random_state)
        return LatentDirichletAllocation(
            n_components=self.n_topics, learning_method="batch", max_iter=MAX_ITER["lda"],
            random_state=self.random_state,
        )

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise ValueError(NOT_FITTED)

    def _top_indices(self, topic: int, n: int) -> list[int]:
        weights = self.model_.components_[topic]
        # Heaviest first; ties broken by the term itself so the order is stable.
        order = sorted(range(len(weights)), key=lambda i: (-weights[i], self.terms_[i]))
        return [i for i in order[:n] if weights[i] > 0]

    def topic_terms(self, n: int = 10) -> pd.DataFrame:
        """The ``n`` heaviest terms of each topic.

        Returns
        -------
        pandas.DataFrame
            Columns ``topic, rank, term, weight``; the weights of a topic are scaled to sum to
            1 over its whole vocabulary, so topics (and models) compare.
        """
        self._check_fitted()
        rows = []
        for topic, weights in enumerate(self.model_.components_):
            total = weights.sum()
            rows += [
                {"topic": topic, "rank": rank, "term": self.terms_[i],
                 "weight": float(weights[i] / total)}
                for rank, i in enumerate(self._top_indices(topic, n), start=1)
            ]
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])

    def topic_labels(self, n: int = 3) -> list[str]:
        """A short label per topic: its number and top ``n`` terms (``"0: guerra, truppa"``)."""
        self._check_fitted()
        return [f"{t}: " + ", ".join(self.terms_[i] for i in self._top_indices(t, n))
                for t in range(self.n_topics)]

    def document_topics(self) -> pd.DataFrame:
        """Each unit's share of each topic, as a tidy table.

        Returns
        -------
        pandas.DataFrame
            Columns ``document, article, index, sentence, start, end, topic, share``; one row
            per unit and topic, shares of a unit summing to 1.
        """
        self._check_fitted()
        rows = [
            {"document": u.label, "article": u.article, "index": u.index,
             "sentence": u.sentence, "start": u.start, "end": u.end, "topic": topic,
             "share": float(share)}
            for u, shares in zip(self.units_, self.document_topics_, strict=True)
            for topic, share in enumerate(shares)
        ]
        return pd.DataFrame(rows, columns=["document", "article", "index", "sentence", "start",
                                           "end", "topic", "share"])

    def coherence(self, n: int = COHERENCE_TERMS) -> pd.DataFrame:
        """NPMI coherence of each topic's top ``n`` terms over the fitted units.

        Returns
        -------
        pandas.DataFrame
            Columns ``topic, npmi, terms`` (the top terms joined by ", ").
        """
        self._check_fitted()
        rows = []
        for topic in range(self.n_topics):
            top = self._top_indices(topic, n)
            rows.append({"topic": topic, "npmi": coherence(self.matrix_, top),
                         "terms": ", ".join(self.terms_[i] for i in top)})
        return pd.DataFrame(rows, columns=["topic", "npmi", "terms"])


# --- choosing k ----------------------------------------------------------------------------


@dataclass
class KChoice:
    """The number of topics chosen by coherence, and the scores behind the choice.

    Attributes
    ----------
    k : int
        The k with the highest mean coherence (the smallest such k on a tie).
    scores : pandas.DataFrame
        One row per k tried: ``k, npmi`` (mean over topics), ``min_npmi``, ``max_npmi``.
    """

    k: int
    scores: pd.DataFrame


def pick_k(units: Sequence[TextUnit], ks: Iterable[int] = range(2, 9), *,
           n_terms: int = COHERENCE_TERMS, **model_args) -> KChoice:
    """Fit one model per k in ``ks`` and keep the k whose topics are most coherent.

    Parameters
    ----------
    units : sequence of TextUnit
    ks : iterable of int
        Candidate numbers of topics; those the data do not allow (below 1, or more than the
        documents or terms) are skipped.
    n_terms : int
        Top terms per topic entering the coherence.
    **model_args
        Passed to :class:`TopicModel` (``method``, ``ngram_range``, ...).

    Returns
    -------
    KChoice

    Raises
    ------
    ValueError
        When no k in ``ks`` can be fitted.
    """
    units = check_units(units)
    ks = sorted({int(k) for k in ks})
    rows = []
    for k in ks:
        try:
            model = TopicModel(k, **model_args).fit(units)
        except TooManyTopics:
            continue
        scores = model.coherence(n_terms)["npmi"]
        rows.append({"k": k, "npmi": scores.mean(), "min_npmi": scores.min(),
                     "max_npmi": scores.max()})
    if not rows:
        raise ValueError(BAD_RANGE.format(ks=ks))
    table = pd.DataFrame(rows, columns=["k", "npmi", "min_npmi", "max_npmi"])
    # Round before comparing so that float noise cannot decide between equal scores.
    best = table.loc[table["npmi"].round(9).idxmax(), "k"]
    return KChoice(int(best), table)
