"""Topics over corpora too large for memory: hashed TF-IDF and mini-batch NMF, streamed.

The corpus is read in partitions (:func:`analysis.scale.iter_partitions`): the first pass
hashes each article's content lemmas (scikit-learn's ``HashingVectorizer``, a fixed number of
columns, so no vocabulary grows with the corpus), counts document frequencies and spills the
sparse counts of each partition to disk; the second pass weights them by inverse document
frequency and fits ``MiniBatchNMF`` with ``partial_fit``; the third gives each article its topic
shares. Memory is bounded by the partition size and the number of hash columns, not by the
corpus size. Topics are then summarised by outlet and month.

References
----------
Weinberger, K. et al. (2009). Feature hashing for large scale multitask learning. ICML.
https://doi.org/10.1145/1553374.1553516
Mairal, J., Bach, F., Ponce, J., & Sapiro, G. (2010). Online learning for matrix factorization
and sparse coding. JMLR 11, 19-60.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import MiniBatchNMF
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from .nlp import content_terms, parse
from .scale import DEFAULT_PARTITION_SIZE, LoadOptions, iter_partitions

META_COLUMNS = ["id", "outlet", "published"]


def _identity(terms: list[str]) -> list[str]:
    return terms


@dataclass
class _Batch:
    counts: Path
    meta: pd.DataFrame


class StreamingTopics:
    """NMF topics over a corpus streamed from disk in partitions.

    Parameters
    ----------
    n_topics : int
        Number of topics.
    n_features : int
        Hash columns (a power of two); fixes the memory of the model.
    min_df : int
        Terms in fewer documents are ignored.
    max_df : float
        Terms in a larger share of documents are ignored.
    partition_size : int
        Articles per partition (the unit of memory).
    epochs : int
        Passes of ``partial_fit`` over the corpus.
    random_state : int
        Seed of the NMF initialisation: the same corpus gives the same topics.

    Attributes
    ----------
    columns_ : ndarray of int
        The hash columns kept (within ``min_df`` and ``max_df``); the model uses only these.
    components_ : ndarray of shape (n_topics, len(columns_))
    idf_ : ndarray of shape (len(columns_),)
    terms_ : ndarray of object, shape (n_features,)
        A readable term for each hash column (the first seen; collisions are rare at 2**18
        columns for a news vocabulary, and a column's term is then one of those it holds).
    n_documents_ : int
    """

    def __init__(self, n_topics: int = 10, *, n_features: int = 2**18, min_df: int = 2,
                 max_df: float = 0.5, partition_size: int = DEFAULT_PARTITION_SIZE,
                 epochs: int = 2, random_state: int = 0) -> None:
        self.n_topics = n_topics
        self.n_features = n_features
        self.min_df = min_df
        self.max_df = max_df
        self.partition_size = partition_size
        self.epochs = epochs
        self.random_state = random_state

    def _hasher(self) -> HashingVectorizer:
        return HashingVectorizer(analyzer=_identity, n_features=self.n_features,
                                 alternate_sign=False, norm=None)

    def _hash_pass(self, corpus: str | Path, options: LoadOptions, workdir: Path) -> list[_Batch]:
        hasher = self._hasher()
        self.df_ = np.zeros(self.n_features, dtype=np.int64)
        self.terms_ = np.full(self.n_features, None, dtype=object)
        batches = []
        for partition in iter_partitions(corpus, self.partition_size):
            articles = partition.load(options).articles
            if not articles:
                continue
            docs = [content_terms(parse(a).doc) for a in articles]
            counts = hasher.transform(docs).tocsr()
            self.df_ += np.asarray((counts > 0).sum(axis=0)).ravel()
            self._name_columns(hasher, docs)
            path = workdir / f"{partition.name}.npz"
            sparse.save_npz(path, counts)
            meta = pd.DataFrame([{"id": a.id, "outlet": a.outlet,
                                  "published": a.published_iso} for a in articles],
                                columns=META_COLUMNS)
            batches.append(_Batch(path, meta))
        self.n_documents_ = int(sum(len(b.meta) for b in batches))
        if self.n_documents_ == 0:
            raise ValueError(f"{corpus}: no readable articles to model")
        return batches

    def _name_columns(self, hasher: HashingVectorizer, docs: list[list[str]]) -> None:
        unnamed = self.terms_ == None  # noqa: E711 - element-wise test on an object array
        if not unnamed.any():
            return
        terms = sorted({t for doc in docs for t in doc})
        columns = hasher.transform([[t] for t in terms]).tocsr().indices
        for term, column in zip(terms, columns):
            if unnamed[column]:
                self.terms_[column] = term
                unnamed[column] = False

    def _weights(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """TF-IDF rows (l2-normalised) over the kept columns only."""
        return normalize(counts.tocsc()[:, self.columns_].multiply(self.idf_).tocsr())

    def fit_transform(self, corpus: str | Path, *, language: str = "auto",
                      metadata: str | Path | None = None,
                      columns: dict[str, str] | None = None) -> pd.DataFrame:
        """Fit the topics on a corpus (folder or table) and return each article's shares.

        Returns
        -------
        pandas.DataFrame
            ``id, outlet, published`` and one column per topic (``topic_0``...): the article's
            topic weights normalised to sum to 1 (0 for an article with no modelled term).
        """
        options = LoadOptions(language, columns, None if metadata is None else str(metadata))
        with tempfile.TemporaryDirectory(prefix="streaming-topics-") as tmp:
            batches = self._hash_pass(corpus, options, Path(tmp))
            keep = (self.df_ >= self.min_df) & (self.df_ <= self.max_df * self.n_documents_)
            self.columns_ = np.flatnonzero(keep)
            if not len(self.columns_):
                raise ValueError(f"{corpus}: no term is in at least {self.min_df} documents "
                                 f"and at most {self.max_df:.0%} of them")
            self.idf_ = np.log((1 + self.n_documents_) / (1 + self.df_[self.columns_])) + 1
            self.model_ = MiniBatchNMF(n_components=self.n_topics, init="random",
                                       random_state=self.random_state, batch_size=1024)
            for _ in range(self.epochs):
                for batch in batches:
                    self.model_.partial_fit(self._weights(sparse.load_npz(batch.counts)))
            self.components_ = self.model_.components_
            frames = []
            for batch in batches:
                shares = normalize(self.model_.transform(
                    self._weights(sparse.load_npz(batch.counts))), norm="l1")
                topics = pd.DataFrame(shares, columns=[f"topic_{k}"
                                                       for k in range(self.n_topics)])
                frames.append(pd.concat([batch.meta.reset_index(drop=True), topics], axis=1))
        return pd.concat(frames, ignore_index=True)

    def topic_terms(self, n_terms: int = 10) -> pd.DataFrame:
        """Tidy table: topic, rank, term, weight (rounded), top ``n_terms`` per topic."""
        rows = []
        for k, weights in enumerate(self.components_):
            order = np.argsort(-weights, kind="stable")[:n_terms]
            rows += [{"topic": k, "rank": r, "term": self.terms_[self.columns_[c]],
                      "weight": round(float(weights[c]), 4)} for r, c in enumerate(order)]
        return pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])


def topic_shares(doc_topics: pd.DataFrame,
                 by: tuple[str, ...] = ("outlet", "month")) -> pd.DataFrame:
    """Mean topic share per group (default: per outlet per month), one row per group and topic.

    Parameters
    ----------
    doc_topics : DataFrame
        The output of :meth:`StreamingTopics.fit_transform`.
    by : tuple of str
        Grouping columns; ``"month"`` is derived from ``published`` (``YYYY-MM``).

    Returns
    -------
    pandas.DataFrame
        The group columns, ``topic``, ``share`` (rounded to 4 places) and ``articles``.
    """
    frame = doc_topics.assign(month=doc_topics["published"].astype("string").str.slice(0, 7))
    topic_columns = [c for c in frame.columns if c.startswith("topic_")]
    groups = frame.groupby(list(by), dropna=False, sort=True)
    means = groups[topic_columns].mean().round(4)
    sizes = groups.size().rename("articles")
    long = means.reset_index().melt(id_vars=list(by), var_name="topic", value_name="share")
    long["topic"] = long["topic"].str.removeprefix("topic_").astype(int)
    return long.merge(sizes.reset_index(), on=list(by)).sort_values(
        [*by, "topic"], ignore_index=True)
