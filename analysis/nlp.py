"""One cached spaCy blank pipeline per language, and articles parsed once into sentences.

The pipeline is ``spacy.blank(lang)`` plus three small steps: paragraph breaks start a new
sentence, spaCy's rule-based sentencizer splits the rest (its rule applied to token arrays:
:class:`ArraySentencizer`, the pipe named ``sentencizer``), and a lookup lemmatizer reads
spaCy's own tables from spacy-lookups-data (lower-casing and normalising apostrophes before
the look-up, so "Secondo" and "l’" find their entries; a verb form that is also a noun, such
as "governo", gets the noun, by ``lexicons/noun_readings.csv``). No model is downloaded.

Italian elisions ("l'intelligence", "dell'estate", "un'offensiva") are split by spaCy's
Italian tokenizer into the elided word and the noun; the elided articles and prepositions get
their lemma and stop-word flag from ``lexicons/elisions.csv``, for both apostrophes (' and ’).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property

import numpy
import pandas as pd
import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
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
    """Start a sentence after every line break (headlines and paragraphs end sentences).

    Line breaks live in white-space tokens (the tokenizer splits text at white space), so only
    those are read; the starts are written in one array (setting ``Token.is_sent_start`` checks
    the whole document for a dependency parse on every call).
    """
    spaces = numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist()
    after_breaks = [i + 1 for i in spaces if "\n" in doc[i].text]
    if not after_breaks:
        return doc
    starts = doc.to_array([SENT_START])
    starts[after_breaks] = 1
    return doc.from_array([SENT_START], starts)


def string_ids(strings: Iterable[str]) -> numpy.ndarray:
    """The sorted string ids (hashes) of ``strings``, a table for :func:`isin_ids`."""
    return numpy.unique(numpy.array([get_string_id(s) for s in strings], dtype=numpy.uint64))


def isin_ids(ids: numpy.ndarray, table: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(ids, table)`` for a sorted ``table`` (:func:`string_ids`): a binary search,
    which spares ``isin`` sorting both arrays on every call."""
    if not len(table):
        return numpy.zeros(ids.shape, dtype=bool)
    positions = numpy.searchsorted(table, ids)
    numpy.minimum(positions, len(table) - 1, out=positions)
    return table[positions] == ids


@cache
def _final_marks(marks: frozenset[str]) -> numpy.ndarray:
    """The string ids of a sentencizer's sentence-final marks (a table per set of marks)."""
    return string_ids(marks)


class ArraySentencizer(Sentencizer):
    """spaCy's rule-based ``Sentencizer``, its rule applied to token arrays.

    The rule: a sentence starts at the first token, and at the first token after a sentence-final
    mark (``punct_chars``) that is neither punctuation nor such a mark. spaCy's loop builds a
    ``Token`` for every token of the document; the same starts are read here from the
    ``ORTH`` and ``IS_PUNCT`` columns. As in spaCy, starts already set (by ``paragraph_breaks``)
    are kept unless ``overwrite``.
    """

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orths, punct, starts = doc.to_array([ORTH, IS_PUNCT, SENT_START]).T
        final = isin_ids(orths, _final_marks(frozenset(self.punct_chars)))
        words = numpy.flatnonzero(~final & (punct == 0))
        # a word starts a sentence when a final mark came after the previous word
        marks = numpy.cumsum(final)[words]
        after_mark = marks > numpy.concatenate(([0], marks[:-1]))
        guesses = numpy.zeros(len(doc), dtype=bool)
        guesses[0] = True
        guesses[words[after_mark]] = True
        unset = numpy.ones(len(doc), dtype=bool) if self.overwrite else starts == 0
        starts = starts.astype(numpy.int64)
        starts[unset] = numpy.where(guesses[unset], 1, -1)
        return doc.from_array([SENT_START], starts.astype(numpy.uint64))


@Language.factory("array_sentencizer", default_config={"punct_chars": None, "overwrite": False})
def make_array_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None,
                           overwrite: bool) -> ArraySentencizer:
    """An :class:`ArraySentencizer` (the configuration of spaCy's ``sentencizer``)."""
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite)


@cache
def _elisions(lang: str) -> dict[str, tuple[str, bool]]:
    table = load_lexicon("elisions", language=lang)
    return {row.pattern: (row.lemma, row.stop == "1") for row in table.itertuples()}


@cache
def _lemma_table(lang: str, name: str = "lemma_lookup") -> Mapping[str, str]:
    from spacy.lookups import load_lookups

    try:
        lookups = load_lookups(lang, [name], strict=True)
    except ValueError:  # spacy-lookups-data has no such table for this language
        return {}
    return lookups.get_table(name)  # a spaCy Table: .get() hashes the string


@cache
def _noun_reading(lang: str) -> Callable[[str, str], str | None]:
    """A function ``(form, lemma) -> noun lemma or None``: the noun or adjective reading of a
    form to which the lookup table gave a verb lemma (``lexicons/noun_readings.csv``).

    spacy-lookups-data's Italian table gives one lemma per form, and for forms that are both a
    verb form and a noun it gives the verb: "governo" (I govern / the government) -> governare,
    "ministro" -> ministrare, "manifestanti" (protesting / protesters) -> manifestare. In news the
    noun reading of a first or second person singular ("armi": you arm / weapons) or of a present
    participle is by far the likelier, so such a form gets the noun lemma when
    spacy-lookups-data's own noun or adjective table gives that lemma for it. Other verb forms
    (third persons, past participles) keep the verb.
    """
    rules = [(row.pattern, row.verb_ending, row.lemma_ending)
             for row in load_lexicon("noun_readings", language=lang).itertuples()]
    headwords = [_lemma_table(lang, f"lemma_lookup_{pos}") for pos in ("noun", "adj")
                 if rules]  # languages without rules never look up a headword

    def noun_reading(form: str, lemma: str) -> str | None:
        for ending, verb, lemma_ending in rules:
            if lemma.endswith(verb) and form == lemma[: -len(verb)] + ending:
                noun = form[: -len(ending)] + lemma_ending
                if any(table.get(form) == noun for table in headwords):
                    return noun
        return None

    return noun_reading


@Language.factory("lookup_lemmas", default_config={})
def make_lookup_lemmas(nlp: Language, name: str):
    """Lemmas from spacy-lookups-data, looked up as written, then lower-cased.

    A token's lemma depends only on its form and on whether it starts a sentence, so each
    (form, sentence start) pair is looked up once and remembered (as string ids, one memo per
    pipeline); a document's lemmas are then written in one array.
    """
    table = _lemma_table(nlp.lang)
    elisions = _elisions(nlp.lang)
    noun_reading = _noun_reading(nlp.lang)
    vocab = nlp.vocab
    memos: tuple[dict[int, int], dict[int, int]] = ({}, {})  # inside, at a sentence start

    def lemma_of(orth: int, sent_start: bool) -> str:
        lexeme = vocab[orth]
        if lexeme.is_space or lexeme.is_punct:
            return lexeme.orth_
        key = normalise_apostrophes(lexeme.orth_)
        lower = key.lower()
        if lower in elisions:
            return elisions[lower][0]
        # A capitalised word inside a sentence is a name ("Ucraina", "Reuters"): look it up
        # only as written, so the lower-cased table cannot turn it into an adjective.
        is_name = lexeme.orth_[:1].isupper() and not sent_start
        lemma = table.get(key) or (None if is_name else table.get(lower))
        if isinstance(lemma, list):  # some tables (French) list the candidates
            lemma = lemma[0] if lemma else None
        lemma = (lemma or lower).lower()
        return noun_reading(lower, lemma) or lemma

    def remember(orth: int, sent_start: bool) -> int:
        lemma = memos[sent_start][orth] = vocab.strings.add(lemma_of(orth, sent_start))
        return lemma

    def lemmatise(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orths, starts = doc.to_array([ORTH, SENT_START]).T
        lemmas = numpy.empty_like(orths)
        for sent_start in (False, True):  # each distinct form looked up once per document
            where = (starts == 1) == sent_start
            forms, inverse = numpy.unique(orths[where], return_inverse=True)
            memo = memos[sent_start]
            found = [memo.get(orth) or remember(orth, sent_start) for orth in forms.tolist()]
            lemmas[where] = numpy.array(found, dtype=numpy.uint64)[inverse]
        return doc.from_array([LEMMA], lemmas)

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
    nlp.add_pipe("array_sentencizer", name="sentencizer")
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
        """Index of the sentence holding character offset ``char``, or None (a binary search:
        the sentences do not overlap)."""
        starts, indices = self._sentence_starts
        position = bisect_right(starts, char) - 1
        if position < 0:
            return None
        index = indices[position]
        return index if char < self.sentences[index].end_char else None

    @cached_property
    def _sentence_starts(self) -> tuple[list[int], list[int]]:
        """The sentences' start offsets in text order, and their indices (the first one where
        two regions share a sentence)."""
        first: dict[int, int] = {}
        for index, sent in enumerate(self.sentences):
            first.setdefault(sent.start_char, index)
        starts = sorted(first)
        return starts, [first[start] for start in starts]

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


def _sentences(doc: Doc) -> list[Span]:
    """The document's sentences in text order, white space trimmed from both ends (sentences of
    white space alone dropped), read from the token arrays."""
    if not len(doc):
        return []
    starts, spaces = doc.to_array([SENT_START, IS_SPACE]).T
    bounds = (numpy.flatnonzero(starts[1:] == 1) + 1).tolist()
    words = numpy.flatnonzero(spaces == 0)
    firsts = numpy.searchsorted(words, [0, *bounds]).tolist()  # first word of each sentence
    ends = numpy.searchsorted(words, [*bounds, len(doc)]).tolist()  # one past its last word
    words = words.tolist()
    # ``Span(doc, ...)`` is ``doc[...]`` without the slice normalisation (Python code)
    return [Span(doc, words[first], words[end - 1] + 1) for first, end in zip(firsts, ends)
            if first < end]


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
    found = _sentences(doc)
    sentences: list[Span] = []
    n_headline = 0
    for region_index, (start, end) in enumerate(regions):
        inside = [s for s in found if s.start_char >= start and s.end_char <= end]
        sentences += inside
        if region_index == 0 and len(regions) == 2:
            n_headline += len(inside)
    return ParsedArticle(article, doc, sentences, n_headline)


def content_terms(span: Span | Doc, *, lemmatise: bool = True) -> list[str]:
    """The content words of a span: lemmas (or lower-cased forms), stop words and
    punctuation, numbers and single characters removed."""
    return [
        (t.lemma_ if lemmatise else normalise_apostrophes(t.lower_))
        for t in span
        if not (t.is_stop or t.is_punct or t.is_space or t.like_num or len(t.text) < 2)
    ]
