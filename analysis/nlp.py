"""One cached spaCy blank pipeline per language, and articles parsed once into sentences.

The pipeline is ``spacy.blank(lang)`` plus two small steps: spaCy's rule-based sentencizer,
which here also starts a sentence after every line break (its rule applied to token arrays:
:class:`ArraySentencizer`, the pipe named ``sentencizer``), and a lookup lemmatizer reads
spaCy's own tables from spacy-lookups-data (lower-casing and normalising apostrophes before
the look-up, so "Secondo" and "l’" find their entries; a verb form that is also a noun, such
as "governo", gets the noun, by ``lexicons/noun_readings.csv``). No model is downloaded.

Italian elisions ("l'intelligence", "dell'estate", "un'offensiva") are split by spaCy's
Italian tokenizer into the elided word and the noun; the elided articles and prepositions get
their lemma and stop-word flag from ``lexicons/elisions.csv``, for both apostrophes (' and ’).
The articulated prepositions ("della", "dei", "nel": a preposition joined to an article) get
their preposition as lemma from ``lexicons/articulated_prepositions.csv``, where the lookup
table has none or a wrong one ("dei" -> dio, "god"; "dai" -> dare, "to give").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import numpy
import pandas as pd
import spacy
from spacy.attrs import FLAG19, IS_PUNCT, IS_SPACE, LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .corpus import Article
from .lexicon import load_lexicon

#: One set of apostrophes for all patterns (as spaCy's ``ELISION`` class).
APOSTROPHES = "'\u2019"
_FALLBACK_LANGUAGE = "xx"  # spaCy's multi-language tokenizer, for undetermined text


def normalise_apostrophes(text: str) -> str:
    """Replace typographic apostrophes with ``'`` (for look-ups, never for offsets)."""
    return text.replace("\u2019", "'")


def _is_line_break(text: str) -> bool:
    """Whether a token is white space holding a line break (a lexeme flag of
    :class:`ArraySentencizer`)."""
    return "\n" in text and text.isspace()


def lexeme_flag(vocab: Vocab, getter: Callable[[str], bool]) -> int:
    """The attribute id of the boolean lexeme flag ``getter`` (registered once per vocabulary).

    A flag is computed once per distinct form, when its lexeme is made, and read for a whole
    document with ``Doc.to_array`` like spaCy's own ``IS_*`` flags. New flags take the bits
    spaCy leaves free for them (``FLAG19`` to ``FLAG63``).
    """
    for flag, registered in vocab.lex_attr_getters.items():
        if registered is getter:
            return flag
    free = next(bit for bit in range(FLAG19, 64) if bit not in vocab.lex_attr_getters)
    return vocab.add_flag(getter, free)


@cache
def _is_final_mark(marks: frozenset[str]) -> Callable[[str], bool]:
    """The lexeme flag getter of a sentencizer's sentence-final marks (one per set of marks)."""
    return marks.__contains__


class ArraySentencizer(Sentencizer):
    """spaCy's rule-based ``Sentencizer``, its rule applied to token arrays, and optionally a
    sentence start after every line break.

    The rule: a sentence starts at the first token, and at the first token after a sentence-final
    mark (``punct_chars``) that is neither punctuation nor such a mark. spaCy's loop builds a
    ``Token`` for every token of the document; the same starts are read here from the
    ``IS_PUNCT`` column and a lexeme flag of the marks (:func:`lexeme_flag`). As in spaCy,
    starts already set are kept unless ``overwrite``. With ``line_breaks``, the token after
    every white-space token holding a line break starts a sentence whatever was set before
    (headlines and paragraphs end sentences); the line breaks are read with the other columns.
    """

    def __init__(self, name: str = "sentencizer", *, line_breaks: bool = False,
                 **config: Any) -> None:
        super().__init__(name, **config)
        self.line_breaks = line_breaks

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        attrs = [SENT_START, IS_PUNCT,
                 lexeme_flag(doc.vocab, _is_final_mark(frozenset(self.punct_chars)))]
        if self.line_breaks:
            attrs.append(lexeme_flag(doc.vocab, _is_line_break))
        columns = doc.to_array(attrs)
        punct, final = columns[:, 1], columns[:, 2]
        # the marks and the words in order (flags are 0 or 1: a mark, or no punctuation); a
        # word starts a sentence when a mark precedes it
        kept = (final >= punct).nonzero()[0]
        kinds = final[kept]
        starts = numpy.full(len(doc), -1, dtype=numpy.int64)  # SENT_START: 1 yes, -1 no
        starts[0] = 1
        starts[kept[1:][kinds[:-1] > kinds[1:]]] = 1
        if not self.overwrite:  # starts already set (0: unset) are kept
            given = columns[:, 0].view(numpy.int64)
            starts = numpy.where(given == 0, starts, given)
        if self.line_breaks:
            starts[columns[:-1, 3].nonzero()[0] + 1] = 1
        return doc.from_array([SENT_START], starts.view(numpy.uint64))


@Language.factory("array_sentencizer",
                  default_config={"punct_chars": None, "overwrite": False, "line_breaks": False})
def make_array_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None,
                           overwrite: bool, line_breaks: bool) -> ArraySentencizer:
    """An :class:`ArraySentencizer` (the configuration of spaCy's ``sentencizer``, and
    ``line_breaks``)."""
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite,
                            line_breaks=line_breaks)


#: Lexicons of function words whose lemma and stop-word flag are fixed, not looked up.
FIXED_FORMS = ("elisions", "articulated_prepositions")


@cache
def _fixed_forms(lang: str) -> dict[str, tuple[str, bool]]:
    """Form -> (lemma, stop word) of the :data:`FIXED_FORMS` lexicons for ``lang``."""
    return {row.pattern: (row.lemma, row.stop == "1") for name in FIXED_FORMS
            for row in load_lexicon(name, language=lang).itertuples()}


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


#: Slots of a pipeline's lemma cache for each context (inside a sentence, at its start): a power of
#: two, as a form's slot is given by the low bits of its string id (a hash).
LEMMA_CACHE_SLOTS = 1 << 17


@Language.factory("lookup_lemmas", default_config={})
def make_lookup_lemmas(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Lemmas from spacy-lookups-data, looked up as written, then lower-cased.

    A token's lemma depends only on its form and on whether it starts a sentence, so each
    (form, sentence start) pair is looked up once and remembered (as string ids, one memo per
    pipeline); a document's lemmas are then written in one array. They are read for the whole
    document at once from a direct-mapped cache of the memo: :data:`LEMMA_CACHE_SLOTS` slots per
    context, each holding a form and its lemma (the first form to come keeps its slot; a form
    that finds another one there is looked up in the memo; 0, the id of the empty string, which
    no token has, marks an empty slot).
    """
    table = _lemma_table(nlp.lang)
    fixed = _fixed_forms(nlp.lang)
    noun_reading = _noun_reading(nlp.lang)
    vocab = nlp.vocab
    memos: tuple[dict[int, int], dict[int, int]] = ({}, {})  # inside, at a sentence start
    slot_mask = numpy.uint64(LEMMA_CACHE_SLOTS - 1)
    cached_forms = numpy.zeros(2 * LEMMA_CACHE_SLOTS, dtype=numpy.uint64)  # inside, then starts
    cached_lemmas = numpy.zeros_like(cached_forms)

    def lemma_of(orth: int, sent_start: bool) -> str:
        lexeme = vocab[orth]
        if lexeme.is_space or lexeme.is_punct:
            return lexeme.orth_
        key = normalise_apostrophes(lexeme.orth_)
        lower = key.lower()
        if lower in fixed:
            return fixed[lower][0]
        # A capitalised word inside a sentence is a name ("Ucraina", "Reuters"): look it up
        # only as written, so the lower-cased table cannot turn it into an adjective.
        is_name = lexeme.orth_[:1].isupper() and not sent_start
        lemma = table.get(key) or (None if is_name else table.get(lower))
        if isinstance(lemma, list):  # some tables (French) list the candidates
            lemma = lemma[0] if lemma else None
        lemma = (lemma or lower).lower()
        return noun_reading(lower, lemma) or lemma

    def remembered(orth: int, sent_start: bool) -> int:
        memo = memos[sent_start]
        lemma = memo.get(orth)
        if lemma is None:
            lemma = memo[orth] = vocab.strings.add(lemma_of(orth, sent_start))
        return lemma

    def lemmatise(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orths, starts = doc.to_array([ORTH, SENT_START]).T
        at_start = starts == 1
        slots = (orths & slot_mask) + at_start * numpy.uint64(LEMMA_CACHE_SLOTS)
        lemmas = cached_lemmas[slots]
        uncached = (cached_forms[slots] != orths).nonzero()[0]
        for i, orth, slot, sent_start in zip(uncached.tolist(), orths[uncached].tolist(),
                                             slots[uncached].tolist(), at_start[uncached].tolist()):
            lemmas[i] = remembered(orth, sent_start)
            if not cached_forms[slot]:  # the first form to come keeps its slot
                cached_forms[slot], cached_lemmas[slot] = orth, lemmas[i]
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
        Pipes: ``sentencizer`` (with line breaks), ``lookup_lemmas``.
    """
    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError):
        nlp = spacy.blank(_FALLBACK_LANGUAGE)
    nlp.add_pipe("array_sentencizer", name="sentencizer", config={"line_breaks": True})
    nlp.add_pipe("lookup_lemmas")
    for form, (_, stop) in _fixed_forms(nlp.lang).items():
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
    starts[0] = 1  # the first token starts the first sentence
    words = (spaces == 0).nonzero()[0]
    # each sentence's first word, and one past its last word (the next sentence's first word)
    firsts = words.searchsorted((starts == 1).nonzero()[0])
    ends = numpy.empty_like(firsts)
    ends[:-1], ends[-1] = firsts[1:], len(words)
    kept = firsts < ends
    firsts, ends = words[firsts[kept]].tolist(), (words[ends[kept] - 1] + 1).tolist()
    # ``Span(doc, ...)`` is ``doc[...]`` without the slice normalisation (Python code)
    return [Span(doc, first, end) for first, end in zip(firsts, ends)]


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
    # the sentences neither overlap nor are empty: their starts and their ends both ascend, and
    # the sentences within a region are a run of them, found by binary search
    starts = [s.start_char for s in found]
    ends = [s.end_char for s in found]
    sentences: list[Span] = []
    n_headline = 0
    for region_index, (start, end) in enumerate(regions):
        inside = found[bisect_left(starts, start):bisect_right(ends, end)]
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
