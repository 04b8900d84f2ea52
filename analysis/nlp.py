"""One cached spaCy pipeline per language, and articles parsed once into sentences.

Italian and English are parsed by the workbook's own pipelines, trained here from the Universal
Dependencies treebanks (``models/``, ``make models``; licences and accuracy in
``models/README.md``): parts of speech and morphological features (mood, tense, verb form,
person, number...), lemmas and a dependency parse, from one shared token-to-vector layer. No
model is downloaded. In front of them runs spaCy's rule-based sentencizer, which here also starts
a sentence after every line break (its rule applied to token arrays: :class:`ArraySentencizer`,
the pipe named ``sentencizer``); the parser respects the sentences it sets. Other languages get
spaCy's blank tokenizer, the sentencizer and lemmas from spacy-lookups-data (``lookup_lemmas``).

Italian elisions ("l'intelligence", "dell'estate", "un'offensiva") are split by spaCy's Italian
tokenizer into the elided word and the noun; the elided articles and prepositions get their
stop-word flag from ``lexicons/elisions.csv``, for both apostrophes (' and ’).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import numpy
import pandas as pd
import spacy
from spacy.attrs import FLAG19, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .corpus import Article
from .lexicon import load_lexicon
from .paths import MODELS_DIR

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


def _is_opening_quote(text: str) -> bool:
    """Quote marks that only ever open a quotation (« and the typographic opening marks)."""
    return text in ("\u00ab", "\u201c", "\u201e")


def _is_straight_quote(text: str) -> bool:
    """The straight double quote, which opens and closes quotations alike."""
    return text == '"'


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
    Unlike spaCy's rule, an opening quote mark (« “ „) after a sentence-final mark starts the
    next sentence instead of closing the one before, and so does a straight quote (") written
    as one opens: after a space and before a word (``said. "We``, not ``disaster." He``).
    """

    def __init__(self, name: str = "sentencizer", *, line_breaks: bool = False,
                 **config: Any) -> None:
        super().__init__(name, **config)
        self.line_breaks = line_breaks

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        attrs = [SENT_START, IS_PUNCT,
                 lexeme_flag(doc.vocab, _is_final_mark(frozenset(self.punct_chars))),
                 lexeme_flag(doc.vocab, _is_opening_quote),
                 lexeme_flag(doc.vocab, _is_straight_quote), SPACY]
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
        # An opening quote mark after the final mark opens the next sentence (spaCy's rule
        # keeps it with the sentence before: 'pronta. «Non…' would split after «); so does a
        # straight quote with a space before it and none after it.
        opening = (columns[:, 3] == 1) | (
            (columns[:, 4] == 1) & (columns[:, 5] == 0)
            & numpy.concatenate(([False], columns[:-1, 5] == 1)))
        moved = numpy.flatnonzero(starts == 1)
        moved = moved[moved > 1]
        while True:
            back = moved[opening[moved - 1] & (starts[moved - 1] != 1)]
            back = back[back > 1]
            if not len(back):
                break
            starts[back] = -1
            starts[back - 1] = 1
            moved = back - 1
        if not self.overwrite:  # starts already set (0: unset) are kept
            given = columns[:, 0].view(numpy.int64)
            starts = numpy.where(given == 0, starts, given)
        if self.line_breaks:
            starts[columns[:-1, 6].nonzero()[0] + 1] = 1
        return doc.from_array([SENT_START], starts.view(numpy.uint64))


@Language.factory("array_sentencizer",
                  default_config={"punct_chars": None, "overwrite": False, "line_breaks": False})
def make_array_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None,
                           overwrite: bool, line_breaks: bool) -> ArraySentencizer:
    """An :class:`ArraySentencizer` (the configuration of spaCy's ``sentencizer``, and
    ``line_breaks``)."""
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite,
                            line_breaks=line_breaks)


@Language.component("apostrophe_norms")
def apostrophe_norms(doc: Doc) -> Doc:
    """Give a word written with the typographic apostrophe (*l’*, *dell’*, *un’*) the norm of
    its form with ``'``, the one the treebanks write, so that the trained pipeline reads it as
    the word it learned (it took *L’agenzia*'s *L’* for a name, *l’annuncio*'s for a verb). The
    text and the offsets are untouched."""
    if "\u2019" in doc.text:
        for token in doc:
            if "\u2019" in token.text:
                token.norm_ = normalise_apostrophes(token.norm_)
    return doc


#: Elided Italian forms ("l'", "dell'", "un'"), with the stop-word flag spaCy's list lacks for some.
STOP_FORMS = "elisions"


@cache
def _stop_forms(lang: str) -> dict[str, bool]:
    """Form -> stop word, from the :data:`STOP_FORMS` lexicon for ``lang``."""
    return {row.pattern: row.stop == "1"
            for row in load_lexicon(STOP_FORMS, language=lang).itertuples()}


@Language.factory("lookup_lemmas", default_config={})
def make_lookup_lemmas(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Lemmas from spacy-lookups-data, looked up as written, then lower-cased (languages without
    a trained pipeline).

    A capitalised word inside a sentence is taken for a name and looked up only as written, so
    the lower-cased table cannot turn it into an adjective. Each (form, sentence start) pair is
    looked up once per pipeline and remembered.
    """
    table = _lookup_dict(nlp.lang, "lemma_lookup")
    vocab = nlp.vocab
    memo: dict[tuple[int, bool], int] = {}

    def lemma_of(orth: int, sent_start: bool) -> int:
        key = (orth, sent_start)
        if key not in memo:
            lexeme = vocab[orth]
            form = normalise_apostrophes(lexeme.orth_)
            is_name = form[:1].isupper() and not sent_start
            lemma = table.get(form) or (None if is_name else table.get(form.lower()))
            memo[key] = vocab.strings.add((lemma or form).lower())
        return memo[key]

    def lemmatise(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lemmas = [lemma_of(orth, start == 1)
                  for orth, start in doc.to_array([ORTH, SENT_START]).tolist()]
        return doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))

    return lemmatise


def trained_pipeline(lang: str) -> Path | None:
    """The folder of the workbook's trained pipeline for ``lang``
    (``models/<lang>_media_workbook``), or None when there is none (see ``models/README.md``)."""
    path = MODELS_DIR / f"{lang}_media_workbook"
    return path if (path / "meta.json").is_file() else None


@cache
def _lookup_dict(lang: str, table: str) -> dict[str, str]:
    """A spacy-lookups-data table as a plain dict of strings, read once (empty when there is
    none)."""
    import spacy_lookups_data
    import srsly

    path = spacy_lookups_data.get_file(f"{lang}_{table}.json.gz")
    if not path.is_file():
        return {}
    # some tables (French) list the candidate lemmas of a form: the first one is taken
    return {key: value if isinstance(value, str) else value[0]
            for key, value in srsly.read_gzip_json(path).items() if value}


@cache
def _known_words(lang: str) -> frozenset[str]:
    """Every form and every lemma of spacy-lookups-data's lemma table for ``lang``."""
    table = _lookup_dict(lang, "lemma_lookup")
    return frozenset(table) | frozenset(table.values())


#: Quote marks that open a quotation: the word after one that opens a sentence is capitalised
#: as a first word is.
OPENING_QUOTES = frozenset({"\u00ab", "\u201c", "\u201e", '"'})
#: Parts of speech whose lemma :func:`make_lemma_fallback` checks.
FALLBACK_POS = ("NOUN", "VERB", "AUX", "ADJ")
#: Italian past participles: without an auxiliary before them they are adjectives or nouns
#: ("i provvedimenti annunciati", "la smentita"), not cues, and rule 7 of
#: :func:`make_lemma_fallback` leaves them as tagged.
PARTICIPLE_ENDINGS = ("ato", "ata", "ati", "ate", "ito", "ita", "iti", "ite", "uto", "uta",
                      "uti", "ute", "etto", "etta", "esso", "essa", "essi", "osto", "osta",
                      "itto", "unto", "unta")
#: Italian present participles, adjectives far more often than verbs (*senziente*, *rilevante*).
PRESENT_PARTICIPLE_ENDINGS = ("ante", "ente", "anti", "enti")
#: spacy-lookups-data's tables by part of speech (Italian) that give the lemma of a sentence's
#: first word tagged as a name, in the order they are tried.
FIRST_WORD_TABLES = ("pron", "det", "adp", "aux", "verb", "noun", "adj", "adv")


@Language.factory("lemma_fallback", default_config={})
def make_lemma_fallback(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Checks of the trained lemmatizer's lemmas, with spacy-lookups-data's tables as fallback.

    The trained (edit-tree) lemmatizer reads a word in context (*indica* is the verb
    *indicare*, not *indire*), but it copies letters it has not learned to change, so:

    1. an elided form written with the typographic apostrophe (*l’*, *dell’*) takes its lemma
       from ``lexicons/elisions.csv`` (the treebanks write only the straight one);
    2. the first word of a sentence (or of a quotation opening it, or opened after a colon:
       *ha commentato: "Ritengo…*), capitalised there, gets a lower-case lemma unless it is a
       name (``PROPN``) or written in capitals (the lemmatizer copied the capital: *Fonti* for
       *fonte*, or moved it: *Sarebbe* for *eSsere*);
    3. a noun, verb, auxiliary or adjective (:data:`FALLBACK_POS`) whose lemma the lookup table
       does not know, as a form or as a lemma, while it knows the form, takes the table's lemma
       (on a form it never saw the lemmatizer can build a word that does not exist: *ritengono*
       -> *ritenge*); so does a verb, or a capitalised first word, left as it was written,
       where the table of its part of speech (Italian) says otherwise (*sottolineano*). The
       table of the word's part of speech is used where spacy-lookups-data has one;
    4. a verb whose trained lemma its part of speech's table (Italian) knows as an inflected
       form of the lemma it gives the word itself takes that lemma (*prevedono* -> *prevede*,
       a form of *prevedere*);
    5. the first word of a sentence tagged as a name, which a table of one part of speech
       lists (Italian: :data:`FIRST_WORD_TABLES`, closed classes first), takes that table's
       lemma: the tagger, trained on few sentences, takes a capitalised word it never saw for a
       name (*Temono*, "they fear"; *Lui*, "he"), and the detectors read lemmas;
    6. such a first word found first in the verb or auxiliary table, and in no noun or
       adjective table, is re-tagged ``VERB`` or ``AUX`` (*Prevediamo di…* opening a
       quotation); the parser does not read the tags, so only the part of speech changes
       (the features stay empty);
    7. a word inside a sentence tagged as a noun or an adjective that the verb table (Italian)
       lists and no noun or adjective table does, and that is no participle and has more than
       two letters (*anni fa*, "years ago", is an adjective in the treebanks), is
       re-tagged ``VERB`` with the verb table's lemma (its features stay as tagged): the tagger
       reads some verbs it saw rarely as nouns or adjectives after a name or a noun
       (*L'immunologo afferma che*, *come riporta Ukrinform*), and the detectors look for
       verbs.

    Each (form, part of speech, lemma) is decided once per pipeline.
    """
    known = _known_words(nlp.lang)
    general = _lookup_dict(nlp.lang, "lemma_lookup")
    strings = nlp.vocab.strings
    by_pos = {strings.add(pos): _lookup_dict(nlp.lang, f"lemma_lookup_{pos.lower()}")
              for pos in FALLBACK_POS}
    elided = {normalise_apostrophes(row.pattern): row.lemma
              for row in load_lexicon(STOP_FORMS, language=nlp.lang).itertuples()}
    propn = strings.add("PROPN")
    verbs = {strings.add("VERB"), strings.add("AUX")}
    first_word = [(strings.add(pos.upper()), table) for pos, table in (
        (pos, _lookup_dict(nlp.lang, f"lemma_lookup_{pos}")) for pos in FIRST_WORD_TABLES)
        if table]
    nominal = [table for pos, table in first_word if strings[pos] in ("NOUN", "ADJ")]
    noun_or_adjective = {pos for pos, _ in first_word if strings[pos] in ("NOUN", "ADJ")}
    verb_table = next((table for pos, table in first_word if strings[pos] == "VERB"), {})
    memo: dict[tuple[int, int, int, bool], tuple[int, int]] = {}

    def retagged(form: str, pos: int, lemma: str, first: bool) -> tuple[str, int]:
        """The lemma (:func:`checked`) and part of speech: only rules 6 and 7 change the part
        of speech, of a first word the verb or auxiliary table lists first and no noun or
        adjective table lists ("Prevediamo"), and of a noun or adjective inside a sentence
        that only the verb table lists ("afferma")."""
        plain = normalise_apostrophes(form).lower()
        if not first and pos in noun_or_adjective and len(plain) > 2 and plain in verb_table \
                and not any(plain in table for table in nominal) and \
                not plain.endswith(PARTICIPLE_ENDINGS + PRESENT_PARTICIPLE_ENDINGS):
            return verb_table[plain], strings.add("VERB")
        lemma = checked(form, pos, lemma, first)
        if first and pos == propn and "\u2019" not in form:
            tag = next((tag for tag, table in first_word if plain in table), None)
            if tag in verbs and not any(plain in table for table in nominal):
                return lemma, tag
        return lemma, pos

    def checked(form: str, pos: int, lemma: str, first: bool) -> str:
        plain = normalise_apostrophes(form).lower()
        if "\u2019" in form and plain in elided:
            return elided[plain]
        if first and pos == propn and first_word:
            return next((table[plain] for _, table in first_word if plain in table), lemma)
        # the capital copied to the lemma's first letter (Fonti -> Fonte), or moved into it
        # by an edit tree built on another word (Sarebbe -> eSsere)
        recased = (first and pos != propn and not form.isupper() and form[:1].isupper()
                   and lemma != lemma.lower())
        if recased:
            lemma = lemma.lower()
        if pos not in by_pos:
            return lemma
        table = by_pos[pos] or general
        copied = lemma == plain and by_pos[pos] and (recased or pos in verbs)
        if lemma.lower() not in known or copied:
            return table.get(plain, lemma)
        if pos in verbs and by_pos[pos] and table.get(lemma, lemma) != lemma and \
                table.get(plain) == table.get(lemma):
            return table[plain]  # an inflected form of the form's own lemma: prevedono -> prevede
        return lemma

    def fall_back(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        out = []
        # the token before is a quote mark that opens the sentence ("«Temono…") or follows a
        # colon ('ha commentato: "Ritengo…'): a quotation's first word is capitalised there
        opened = colon = False
        for orth, lemma, pos, start in doc.to_array([ORTH, LEMMA, POS, SENT_START]).tolist():
            first = start == 1 or opened
            key = (orth, pos, lemma, first)
            if key not in memo:
                new_lemma, new_pos = retagged(strings[orth], pos, strings[lemma], first)
                memo[key] = (strings.add(new_lemma), new_pos)
            out.append(memo[key])
            opened = (start == 1 or colon) and strings[orth] in OPENING_QUOTES
            colon = strings[orth] == ":"
        return doc.from_array([LEMMA, POS], numpy.array(out, dtype=numpy.uint64))

    return fall_back


#: Verb forms with one mood whatever their context (Italian: *sia*, *fosse*, *sarebbe*).
MOOD_FORMS = "mood_forms"
#: Letters an ending of :data:`MOOD_FORMS` needs before it (*sa-rebbe*).
MOOD_STEM = 2


@cache
def mood_forms(lang: str) -> tuple[dict[str, str], tuple[tuple[str, str], ...],
                                   tuple[tuple[str, str, str], ...]]:
    """The :data:`MOOD_FORMS` lexicon for ``lang``: mood by word form, (ending, mood), and
    (infinitive ending, ending on its stem, mood) of the ``paradigm`` rows."""
    table = load_lexicon(MOOD_FORMS, language=lang)
    forms = {row.pattern: row.mood for row in table.itertuples() if row.match == "form"}
    endings = tuple((row.pattern, row.mood) for row in table.itertuples()
                    if row.match == "ending")
    paradigms = tuple((row.lemma, row.pattern, row.mood) for row in table.itertuples()
                      if row.match == "paradigm")
    return forms, endings, paradigms


@Language.factory("mood_forms", default_config={})
def make_mood_forms(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Give a verb or auxiliary whose form has only one mood that mood (``lexicons/
    mood_forms.csv``): the morphologizer learned from treebanks that disagree. VIT, a third of
    the Italian training words, annotates the present subjunctive as indicative (the table's
    subjunctives are Ind 126 times and Sub 79 times in its dev and test files), where ISDT and
    ParTUT, and Italian grammar, have Sub; so the pipeline read *che sia* as indicative. The
    forms are the irregular subjunctives and conditionals no other mood shares, and the
    conditional endings *-rebbe*, *-rebbero* and *-remmo*, and the regular imperfect
    subjunctive read from the verb's lemma (``paradigm`` rows: *lasciare* -> *lasciasse*,
    *accadere* -> *accadesse*, which the morphologizer reads as a past indicative; the strong
    past *disse*, *lesse*, *scrisse* is no stem of its lemma plus such an ending); a finite mood
    also makes the verb finite (``VerbForm=Fin``). The other features stay as tagged. Each word
    form is looked up once per pipeline and lemma."""
    forms, endings, paradigms = mood_forms(nlp.lang)
    strings = nlp.vocab.strings
    verbs = {strings.add("VERB"), strings.add("AUX")}
    memo: dict[tuple[int, int], str | None] = {}

    def mood_of(lower: int, lemma: int) -> str | None:
        if (lower, lemma) not in memo:
            word, infinitive = strings[lower], strings[lemma].lower()
            memo[lower, lemma] = forms.get(word) or next(
                (mood for ending, mood in endings
                 if word.endswith(ending) and len(word) >= len(ending) + MOOD_STEM), None) or next(
                (mood for infinitive_ending, ending, mood in paradigms
                 if infinitive.endswith(infinitive_ending) and len(infinitive) >= len(
                     infinitive_ending) + MOOD_STEM
                 and word == infinitive[:-len(infinitive_ending)] + ending), None)
        return memo[lower, lemma]

    def set_moods(doc: Doc) -> Doc:
        for i, (lower, lemma, pos) in enumerate(doc.to_array([LOWER, LEMMA, POS]).tolist()):
            mood = mood_of(lower, lemma) if pos in verbs else None
            if mood is not None and doc[i].morph.get("Mood") != [mood]:
                doc[i].set_morph({**doc[i].morph.to_dict(), "Mood": mood, "VerbForm": "Fin"})
        return doc

    return set_moods


def load_trained(path: str | Path) -> Language:
    """A trained pipeline as the workbook runs it: the rule-based ``sentencizer`` (with line
    breaks) and ``apostrophe_norms`` in front, the ``lemma_fallback`` after the trained
    lemmatizer, and ``mood_forms`` last where the language has forms of one mood."""
    nlp = spacy.load(path)
    nlp.add_pipe("array_sentencizer", name="sentencizer", first=True,
                 config={"line_breaks": True})
    nlp.add_pipe("apostrophe_norms", after="sentencizer")
    nlp.add_pipe("lemma_fallback", after="trainable_lemmatizer")
    if any(mood_forms(nlp.lang)):
        nlp.add_pipe("mood_forms")
    return nlp


@cache
def get_nlp(lang: str) -> Language:
    """Return the cached pipeline for ``lang`` (loaded on first use, never downloaded).

    Italian and English get the workbook's trained pipeline (``models/``, :func:`load_trained`):
    parts of speech and morphology (``morphologizer``), lemmas (``trainable_lemmatizer``, with
    ``lemma_fallback``) and a dependency parse (``parser``), with the rule-based
    ``sentencizer`` in front of them. Other languages get spaCy's blank pipeline with the
    sentencizer and lemmas from spacy-lookups-data (``lookup_lemmas``); a language spaCy does
    not know gets its multi-language tokenizer.

    Parameters
    ----------
    lang : str
        An ISO 639-1 code.

    Returns
    -------
    spacy.language.Language
    """
    path = trained_pipeline(lang)
    if path is not None:
        nlp = load_trained(path)
    else:
        try:
            nlp = spacy.blank(lang)
        except (ImportError, KeyError):
            nlp = spacy.blank(_FALLBACK_LANGUAGE)
        nlp.add_pipe("array_sentencizer", name="sentencizer", config={"line_breaks": True})
        nlp.add_pipe("lookup_lemmas")
    for form, stop in _stop_forms(nlp.lang).items():
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
        """One row per token of the sentences: text, lemma, part of speech, morphological
        features, dependency relation and head (the head's index in the document), stop word,
        punctuation, offsets."""
        rows = [
            {"sentence": i, "token": t.text, "lemma": t.lemma_, "pos": t.pos_,
             "morph": str(t.morph), "dep": t.dep_, "head": t.head.i, "is_stop": t.is_stop,
             "is_punct": t.is_punct, "start": t.idx, "end": t.idx + len(t)}
            for i, sent in enumerate(self.sentences)
            for t in sent
            if not t.is_space
        ]
        return pd.DataFrame(rows, columns=["sentence", "token", "lemma", "pos", "morph", "dep",
                                           "head", "is_stop", "is_punct", "start", "end"])


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

    Raises
    ------
    ValueError
        A text longer than the pipeline's ``max_length`` (a million characters), naming the
        article.
    """
    nlp = get_nlp(article.language)
    if len(article.text) > nlp.max_length:
        raise ValueError(f"{article.path or article.id}: {len(article.text):,} characters, more "
                         f"than the {nlp.max_length:,} the parser takes in one article; split it "
                         "into smaller articles (by chapter or section) and load those")
    doc = nlp(article.text)
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


#: Parts of speech of content words (Universal Dependencies tags).
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})


def content_terms(span: Span | Doc, *, lemmatise: bool = True) -> list[str]:
    """The content words of a span: lemmas (or forms), lower-cased.

    Where the pipeline tags parts of speech, only nouns, names, verbs, adjectives and adverbs
    (:data:`CONTENT_POS`) count; stop words, punctuation, numbers and single characters are
    removed in every language.
    """
    doc = span if isinstance(span, Doc) else span.doc
    tagged = doc.has_annotation("POS")
    return [
        normalise_apostrophes(t.lemma_ if lemmatise else t.text).lower()
        for t in span
        if not (t.is_stop or t.is_punct or t.is_space or t.like_num or len(t.text) < 2)
        and (not tagged or t.pos_ in CONTENT_POS)
    ]


#: The scores of :func:`pipeline_scores`, in the order they are shown.
SCORE_NAMES = ("upos", "morph", "mood", "verbform", "tense", "person", "number", "lemma", "uas",
               "las", "sents_f")


def pipeline_scores(languages: tuple[str, ...] = ("it", "en")) -> pd.DataFrame:
    """The held-out scores of the trained pipelines, as recorded in their ``meta.json``.

    Parameters
    ----------
    languages : tuple of str
        Languages whose pipeline is shown (a language without one is left out).

    Returns
    -------
    pandas.DataFrame
        One row per language and held-out set (``test``: the UD test treebank, ``news_test``:
        PUD news and Wikipedia sentences), one column per score in :data:`SCORE_NAMES`
        (accuracies between 0 and 1; sentence boundaries with the workbook's sentencizer).
    """
    rows = []
    for lang in languages:
        path = trained_pipeline(lang)
        if path is None:
            continue
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        for name, scores in meta["performance_held_out"].items():
            rows.append({"language": lang, "set": name,
                         **{score: scores["rules"].get(score) for score in SCORE_NAMES}})
    return pd.DataFrame(rows, columns=["language", "set", *SCORE_NAMES])
