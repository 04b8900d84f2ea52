"""One cached spaCy blank pipeline per language, and articles parsed once into sentences.

The pipeline is ``spacy.blank(lang)`` plus three small steps: paragraph breaks start a new
sentence, spaCy's rule-based ``sentencizer`` splits the rest, and a lookup lemmatizer reads
spaCy's own tables from spacy-lookups-data (lower-casing and normalising apostrophes before
the look-up, so "Secondo" and "l’" find their entries). No model is downloaded.

Italian elisions ("l'intelligence", "dell'estate", "un'offensiva") are split by spaCy's
Italian tokenizer into the elided word and the noun; the elided articles and prepositions get
their lemma and stop-word flag from ``lexicons/elisions.csv``, for both apostrophes (' and ’).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .corpus import Article
from .lexicon import load_lexicon

#: One set of apostrophes for all patterns (as spaCy's ``ELISION`` class).
APOSTROPHES = "'\u2019"
_FALLBACK_LANGUAGE = "xx"  # spaCy's multi-language tokenizer, for undetermined text


def normalise_apostrophes(text: str) -> str:
    """Replace typographic apostrophes with ``'`` (for look-ups, never for offsets)."""
    return text.replace("\u2019", "'")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break (headlines and paragraphs end sentences)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@cache
def _elisions(lang: str) -> dict[str, tuple[str, bool]]:
    table = load_lexicon("elisions", language=lang)
    return {row.pattern: (row.lemma, row.stop == "1") for row in table.itertuples()}


@cache
def _lemma_table(lang: str) -> Mapping[str, str]:
    from spacy.lookups import load_lookups

    try:
        lookups = load_lookups(lang, ["lemma_lookup"], strict=True)
    except ValueError:  # spacy-lookups-data has no lookup table for this language
        return {}
    return lookups.get_table("lemma_lookup")  # a spaCy Table: .get() hashes the string


@Language.factory("lookup_lemmas", default_config={})
def make_lookup_lemmas(nlp: Language, name: str):
    """Lemmas from spacy-lookups-data, looked up as written, then lower-cased."""
    table = _lemma_table(nlp.lang)
    elisions = _elisions(nlp.lang)

    def lemmatise(doc: Doc) -> Doc:
        for token in doc:
            if token.is_space or token.is_punct:
                token.lemma_ = token.text
                continue
            key = normalise_apostrophes(token.text)
            lower = key.lower()
            if lower in elisions:
                token.lemma_ = elisions[lower][0]
            else:
                # A capitalised word inside a sentence is a name ("Ucraina", "Reuters"): look it
                # up only as written, so the lower-cased table cannot turn it into an adjective.
                is_name = token.text[:1].isupper() and not token.is_sent_start
                lemma = table.get(key) or (None if is_name else table.get(lower))
                if isinstance(lemma, list):  # some tables (French) list the candidates
                    lemma = lemma[0] if lemma else None
                token.lemma_ = (lemma or lower).lower()
        return doc

    return lemmatise


@cache
def get_nlp(lang: str) -> Language:
    """Return the cached blank pipeline for ``lang`` (built on first use).

    Parameters
    ----------
    lang : str
        An ISO 639-1 code spaCy knows; anything else gets spaCy's multi-language tokenizer.

    Returns
    -------
    spacy.language.Language
        Pipes: ``paragraph_breaks``, ``sentencizer``, ``lookup_lemmas``.
    """
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError):
        nlp = spacy.blank(_FALLBACK_LANGUAGE)
    nlp.add_pipe("paragraph_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lookup_lemmas")
    for form, (_, stop) in _elisions(nlp.lang).items():
        for variant in {form, form.replace("'", "\u2019")}:
            for cased in (variant, variant.capitalize()):
                nlp.vocab[cased].is_stop = stop
    for word in list(nlp.Defaults.stop_words):
        if "'" in word:
            nlp.vocab[word.replace("'", "\u2019")].is_stop = True
    return nlp


@dataclass
class ParsedArticle:
    """An article parsed once: the spaCy ``Doc`` over its whole text, and its sentences.

    Attributes
    ----------
    article : Article
    doc : spacy.tokens.Doc
        Built from ``article.text``: token offsets are offsets into the original text.
    sentences : list of spacy.tokens.Span
        The headline's sentences first (when the headline is in the text), then the body's;
        metadata lines (dateline, source line) are left out. Trailing white space is trimmed.
    n_headline : int
        How many of ``sentences`` belong to the headline.
    """

    article: Article
    doc: Doc
    sentences: list[Span]
    n_headline: int

    def sentence_of(self, char: int) -> int | None:
        """Index of the sentence holding character offset ``char``, or None."""
        for index, sent in enumerate(self.sentences):
            if sent.start_char <= char < sent.end_char:
                return index
        return None

    def sentence_frame(self) -> pd.DataFrame:
        """One row per sentence: index, start, end, part (headline/body), text."""
        return pd.DataFrame(
            [
                {"sentence": i, "start": s.start_char, "end": s.end_char,
                 "part": "headline" if i < self.n_headline else "body", "text": s.text}
                for i, s in enumerate(self.sentences)
            ],
            columns=["sentence", "start", "end", "part", "text"],
        )

    def token_frame(self) -> pd.DataFrame:
        """One row per token of the sentences: text, lemma, stop word, punctuation, offsets."""
        rows = [
            {"sentence": i, "token": t.text, "lemma": t.lemma_, "is_stop": t.is_stop,
             "is_punct": t.is_punct, "start": t.idx, "end": t.idx + len(t)}
            for i, sent in enumerate(self.sentences)
            for t in sent
            if not t.is_space
        ]
        return pd.DataFrame(rows, columns=["sentence", "token", "lemma", "is_stop", "is_punct",
                                           "start", "end"])


def _trim(span: Span) -> Span | None:
    tokens = [t for t in span if not t.is_space]
    if not tokens:
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def parse(article: Article) -> ParsedArticle:
    """Parse an article once with the pipeline of its language.

    Parameters
    ----------
    article : Article

    Returns
    -------
    ParsedArticle
    """
    doc = get_nlp(article.language)(article.text)
    regions = article.content_spans()
    sentences: list[Span] = []
    n_headline = 0
    for region_index, (start, end) in enumerate(regions):
        for sent in doc.sents:
            trimmed = _trim(sent)
            if trimmed is None or trimmed.start_char < start or trimmed.end_char > end:
                continue
            sentences.append(trimmed)
            if region_index == 0 and len(regions) == 2:
                n_headline += 1
    return ParsedArticle(article, doc, sentences, n_headline)


def content_terms(span: Span | Doc, *, lemmatise: bool = True) -> list[str]:
    """The content words of a span: lemmas (or lower-cased forms), stop words and
    punctuation, numbers and single characters removed."""
    return [
        (t.lemma_ if lemmatise else normalise_apostrophes(t.lower_))
        for t in span
        if not (t.is_stop or t.is_punct or t.is_space or t.like_num or len(t.text) < 2)
    ]
