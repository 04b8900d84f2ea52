"""The word table: closed-class words, the lexicons (reporting verbs, source nouns) compiled into
look-ups, and the word walks that find noun phrases without a parse."""

from __future__ import annotations

import json
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from spacy.attrs import IDX, LEMMA, LOWER, SENT_START, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..language import SUPPORTED_LANGUAGES, check_language
from ..lexicon import (
    LEXICON_DIR,
    NOT_A_CUE,
    closed_class,
    closed_class_values,
    load_lexicon,
    reporting_verbs,
)
from ..nlp import ParsedArticle, normalise_apostrophes
from .records import TextSpan
from .syntax import PARSE_SOURCES


@lru_cache(maxsize=16)
def _doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document (spaCy joins the tokens' texts again on every
    read, which made the walks from one verb to its quotations scan the whole article)."""
    return doc.text


# Quote marks: one opening -> closing table for every style (spaCy keeps one set of quotes too).
QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb",
               "\u2018": "\u2019", "'": "'"}


#: A closing mark that a careless page gives a quotation opened by another style (an opening
#: straight quote closed by a curly one, or the reverse).
MIXED_CLOSERS = {'"': "\u201d", "\u201c": '"'}


#: Marks that open and close alike: only their context tells which they are.
SYMMETRIC_QUOTES = {'"', "'"}


#: Any quote mark, opening or closing (the quotation scan jumps from one to the next).
QUOTE_MARK_RE = re.compile("[" + re.escape("".join(sorted(set(QUOTE_PAIRS) |
                                                          set(QUOTE_PAIRS.values())))) + "]")


DASHES = {"-", "\u2013", "\u2014"}


# Punctuation that may introduce a direct quotation.
INTRODUCERS = {":", ",", ";"} | DASHES


# Closed-class words the noun-phrase walk and the cue checks need, read from
# ``analysis/lexicons/closed_class.csv`` (one class each, described in ``closed_classes.csv``).
# Determiners may open a source phrase, these prepositions and conjunctions may join its parts
# ("agenzie di intelligence", "Putin e Kim").
DETERMINERS = closed_class("determiner")
NP_PREPOSITIONS = closed_class("np_preposition")
# A relative pronoun as subject ("Ted Cruz, who said"): PolNeAR marks the pronoun as the source;
# its type is that of the phrase it refers to.
RELATIVES = closed_class("relative")
CONJUNCTIONS = closed_class("conjunction")
POSSESSIVES = closed_class("possessive")
# Italian articles that are also object clitics before a verb ("lo riporta": reports it).
CLITICS = closed_class("clitic")
# Words that open a clause: a source phrase never runs across them.
CLAUSE_OPENERS = closed_class("clause_opener")
# Prepositions after which an "information" noun names its true source ("notizie da X").
FROM_WORDS = closed_class("from_word")
# Auxiliaries and adverbs between a subject and its verb ("ha riferito", "has also said").
SKIP_LEFT = closed_class("skip_left")
# A passive cue ("was criticised by X", "è stato criticato da X") takes its agent as source.
PASSIVE_AUXILIARIES = closed_class("passive_auxiliary")
AGENT_MARKERS = closed_class("agent_marker")
# Modal verbs before an infinitive cue ("potrebbero temere"): the subject is further left.
MODAL_LEMMAS = closed_class("modal")
# Auxiliaries that make an Italian past participle a verb form ("ha annunciato").
AUXILIARY_LEMMAS = closed_class("auxiliary")
# Words before "secondo" that make it the ordinal ("il secondo modello", "in secondo piano").
ORDINAL_CONTEXT = closed_class("ordinal_context")
# Words that introduce the content clause.
COMPLEMENTISERS = closed_class("complementiser")
# An infinitive cue ("cercato di rassicurare", "tried to reassure") shares the subject of the
# verb governing it.
INFINITIVE_MARKERS = closed_class("infinitive_marker")
# Pronoun -> what it may stand for ("person" is resolved to the nearest named person).
PRONOUNS = closed_class_values("pronoun")
# A possessive that is the source of a cue noun ("la nostra speranza"), typed as a pronoun.
POSSESSIVE_SOURCES = closed_class_values("possessive_source")
# "From the chairwoman: ..." introduces a source before a colon.
FROM_INTRO = closed_class("from_intro")
# Connectives that, alone before a colon opening a quotation, carry on the quoting of the
# speaker before ("E ancora: «…»", "Ad esempio: «…»"): no source is written.
CONTINUATIONS = closed_class("continuation")
# A negation as the whole subject ("nessuno ha detto", "no one said"): nobody is reported.
NEGATIVE_SUBJECTS = closed_class("negation")


ADVERB_ENDINGS = {"it": "mente", "en": "ly"}


# English past participles that cannot open a source phrase (Italian ones can be nouns:
# "l'avvocato", "il deputato").
PARTICIPLE_FORMS = {"it": (), "en": ("ed",)}


# A verb cue found by the word walk takes the auxiliaries and adverbs before it ("has also
# said"), as PolNeAR's cues do. Italian cues are read from the parse, which adds the auxiliaries
# itself (cues._parsed_cue, GUIDELINES 3.1); the walk leaves them alone.
CUE_TAKES_AUXILIARIES = {"it": False, "en": True}


MAX_SOURCE_TOKENS = 12


# How far back (in tokens) a pronoun looks for the full name it stands for.
MAX_ANTECEDENT_TOKENS = 400


# Words after which a reporting verb is a noun ("the report", "Trump's remarks", "la conferma").
_NOUN_MARKERS = {lang: (words | POSSESSIVES[lang]) - CLITICS[lang]
                 for lang, words in DETERMINERS.items()}


# Words before "secondo" / "according to" that make it no cue.
_NOT_BEFORE_PREPOSITION = {lang: DETERMINERS[lang] | NP_PREPOSITIONS[lang] | ORDINAL_CONTEXT[lang]
                           for lang in DETERMINERS}


_CLAUSE_WORDS = {lang: COMPLEMENTISERS[lang] | CLAUSE_OPENERS[lang] for lang in CLAUSE_OPENERS}


# A character of a word (``str.isalnum``).
_ALNUM = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class CuePattern:
    """A row of ``analysis/lexicons/cue_patterns.jsonl``: the kind of cue it finds, its tokens in
    spaCy's rule-based matching syntax, and what must follow a match for it to count
    (``followed_by``: None, or "infinitive", an infinitive after its marker: the raised passive
    "are said to be", where "was announced on Monday" reports a fact)."""

    kind: str
    tokens: tuple[dict[str, Any], ...]
    followed_by: str | None = None


#: What may follow a cue pattern (:attr:`CuePattern.followed_by`).
FOLLOWERS = ("infinitive",)


def _load_cue_patterns() -> dict[str, list[CuePattern]]:
    """Cue patterns in spaCy's rule-based matching syntax (``analysis/lexicons/
    cue_patterns.jsonl``: language, kind, pattern, gloss, reference, and an optional
    ``followed_by``, :class:`CuePattern`), by language.
    One dict per token (the part of it :func:`_token_test` reads); ``{"_": {"sourcing_verb":
    true}}`` stands for a reporting verb of the lexicon (its lemma), and the match must end on
    one (:func:`_is_reporting_verb`); the first token lists its words. Single-word verb cues are
    found apart, by their lemma ids (:func:`_cue_candidates`). Prepositional cues ("according
    to") and multi-word verb cues ("call for": first word by lemma, the rest as written) are
    added from the reporting-verb lexicon. Longer matches win (an agentless passive swallows
    its verb)."""
    path = LEXICON_DIR / "cue_patterns.jsonl"
    patterns: dict[str, list[CuePattern]] = {lang: [] for lang in SUPPORTED_LANGUAGES}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        missing = {"language", "kind", "pattern", "gloss", "reference"} - set(row)
        if missing or row["language"] not in patterns:
            raise ValueError(f"{path}: line {number}: missing {sorted(missing)} or unsupported "
                             f"language {row.get('language')!r}")
        followed_by = row.get("followed_by")
        if followed_by is not None and followed_by not in FOLLOWERS:
            raise ValueError(f"{path}: line {number}: followed_by {followed_by!r} is none of "
                             f"{FOLLOWERS}")
        patterns[row["language"]].append(
            CuePattern(row["kind"], tuple(row["pattern"]), followed_by))
    return patterns


CUE_PATTERNS = _load_cue_patterns()


def _verbs(lang: str) -> frozenset[str]:
    """Single-word reporting verbs (lemmas) of a supported language."""
    _reporting(lang)  # checks the language
    return reporting_verbs(lang)


@cache
def _phrases(lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Multi-word cues of the lexicon as ``(kind, words)``: "preposition" or "verb", or
    :data:`NOT_A_CUE` for a fixed expression that holds a reporting verb without reporting
    ("vale a dire", "vuol dire": it blocks the cue it overlaps)."""
    table = _reporting(lang)
    return tuple((row.category if row.category in ("preposition", NOT_A_CUE) else "verb",
                  tuple(row.pattern.split()))
                 for row in table.itertuples() if " " in row.pattern or
                 row.category == "preposition")


@cache
def _reporting(lang: str) -> pd.DataFrame:
    check_language(lang, "sourcing")
    return load_lexicon(f"reporting_verbs_{lang}")


@cache
def _categories(lang: str) -> dict[str, str]:
    """Each cue of the reporting lexicon -> its ``category`` (``speech``, ``thought``,
    ``request`` (whose object is the one asked and whose infinitive is the content,
    ``GUIDELINES.md`` 9.1), ``preposition``, …)."""
    table = _reporting(lang)
    return dict(zip(table["pattern"], table["category"]))


@cache
def source_nouns(lang: str) -> dict[tuple[str, ...], str]:
    """Source-noun patterns as token tuples -> category (lower-case patterns match lemmas)."""
    table = load_lexicon(f"source_nouns_{lang}")
    return {tuple(row.pattern.split()): row.category for row in table.itertuples()}


@cache
def _noun_firsts(lang: str) -> frozenset[str]:
    """The first words of the source-noun patterns."""
    return frozenset(words[0] for words in source_nouns(lang))


class _Word(NamedTuple):
    """What a word form tells the walks, wherever it stands (:func:`_describe`)."""

    lower: str  # lower case
    norm: str  # lower case, typographic apostrophes normalised (for the word sets)
    capitalised: bool  # its first character is upper case
    is_word: bool  # it holds a letter or a digit
    is_punct: bool  # the lexeme's flags
    is_space: bool
    is_stop: bool
    # its part in a source phrase (:func:`_np_token`) as far as the form decides it: "word",
    # "det", "join", None, or "stop" (a stop word: a word only as a name or a source noun)
    role: str | None
    common: bool  # a stop word, a determiner or a pronoun (no name when sentence-initial)
    noun_first: bool  # it (or its lower case) opens a source-noun pattern


#: Word forms described are forgotten when a memo reaches this size, which bounds its memory on
#: open-ended vocabularies while the frequent words stay cheap.
_MEMO_SIZE = 1 << 16


@cache
def _word_memo(vocab: Vocab, lang: str) -> dict[str, _Word]:
    """The word forms of ``vocab`` described so far for ``lang`` (:func:`_describe`)."""
    return {}


def _describe(vocab: Vocab, lang: str, text: str) -> _Word:
    """What the word form ``text`` tells (its lexeme in ``vocab``); remembered in the memo."""
    lexeme = vocab[text]
    norm = normalise_apostrophes(lexeme.lower_)
    is_word = _ALNUM.search(text) is not None
    role: str | None = "stop" if lexeme.is_stop else "word"
    if lexeme.is_punct or lexeme.is_space or not is_word and norm not in NP_PREPOSITIONS[lang]:
        role = None
    elif norm in DETERMINERS[lang]:
        role = "det"
    elif norm in NP_PREPOSITIONS[lang] or norm in CONJUNCTIONS[lang]:
        role = "join"
    elif norm in PRONOUNS[lang] or norm in COMPLEMENTISERS[lang] or norm in CLAUSE_OPENERS[lang]:
        role = None
    firsts = _noun_firsts(lang)
    word = _Word(lexeme.lower_, norm, text[:1].isupper(), is_word, lexeme.is_punct, lexeme.is_space,
                 lexeme.is_stop, role,
                 lexeme.is_stop or norm in DETERMINERS[lang] or norm in PRONOUNS[lang],
                 norm in firsts or text in firsts)
    memo = _word_memo(vocab, lang)
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[text] = word
    return word


#: A role of :func:`_np_token` not worked out yet.
_UNSEEN = "unseen"


@dataclass(eq=False)
class _TokenTable:
    """The token features of one document, read from its ``Doc`` once.

    The phrase walks and cue checks below take tokens as indices into the document and read
    these columns instead of building a spaCy ``Token`` on every ``doc[i]``. Only what every
    token needs is read for the whole document (one ``Doc.to_array``); sparse flags are kept as
    sets of token indices; what a word form tells (:class:`_Word`) is looked up for the few
    tokens a walk reaches (about one in ten), and kept, with the lemmas and the walks' verdicts
    on a token (``roles``, ``names``), as they are first worked out: the walks revisit tokens.
    """

    lang: str
    text: str  # the document's text: token i is ``text[starts[i]:ends[i]]``
    vocab: Vocab
    lowers: np.ndarray  # LOWER and LEMMA string ids
    lemmas: np.ndarray
    # character offsets (machine integers: a document's thousands of them are read a few at a
    # time, and Python integers would be built and freed for every one)
    starts: array[int]
    ends: array[int]
    sent_starts: set[int]  # tokens that open a spaCy sentence
    inner_hyphens: set[int]  # hyphens inside a word ("Song-kwon"), not dashes
    by_hyphens: set[int]  # inner hyphens and the words beside them
    memo: dict[str, _Word]  # the word forms described so far (:func:`_word_memo`)
    doc: Doc | Span  # what the table was read from (its parse, where a check needs it)
    words: list[_Word | None] = field(init=False)  # :meth:`lex`, as found
    lemma_strings: list[str | None] = field(init=False)  # :meth:`lemma`, as found
    roles: list[str | None] = field(init=False)  # :func:`_np_token` (:data:`_UNSEEN` before)
    names: list[bool | None] = field(init=False)  # :func:`_is_name`, as found

    def __post_init__(self) -> None:
        n = len(self.starts)
        self.words, self.lemma_strings, self.names = [None] * n, [None] * n, [None] * n
        self.roles = [_UNSEEN] * n

    @cached_property
    def anchor_words(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """``(token, string id)`` of the tokens whose lower case, then of those whose lemma,
        is a word of the cue anchors (:class:`_Anchors`), in order."""
        n = len(self)
        hits = _anchors(self.lang).words.find(np.concatenate([self.lowers, self.lemmas]))
        split = bisect_left(hits, (n, 0))
        return hits[:split], [(at - n, key) for at, key in hits[split:]]

    @cached_property
    def verb_lemmas(self) -> list[int]:
        """The tokens whose lemma is a reporting verb of the lexicon, in lower case: a
        title-case headline capitalises the lemma too ("Clinton Says …": "Say")."""
        verbs = _anchors(self.lang).verbs
        found = {i for i, key in self.anchor_words[1] if key in verbs}
        found.update(i for i, _ in self.anchor_words[0] if i not in found
                     and get_string_id(self.lemma(i).lower()) in verbs)
        return sorted(found)

    @cached_property
    def reporting(self) -> set[int]:
        """:func:`_reporting_tokens`, worked out once."""
        return _reporting_tokens(self)

    @classmethod
    def build(cls, doc: Doc | Span, text: str, lang: str) -> _TokenTable:
        """The table of ``doc``, whose text is ``text`` (passed in: ``doc.text`` rebuilds it
        token by token), or of a span of a document (token indices and character offsets then
        count from the span's start; ``text`` is its ``text_with_ws``)."""
        n = len(doc)
        columns = [LOWER, LEMMA, IDX, SPACY, SENT_START]
        values = doc.to_array(columns).reshape(n, len(columns))
        lowers, lemmas = values[:, 0], values[:, 1]
        starts = values[:, 2].astype(np.int64) - (doc.start_char if isinstance(doc, Span) else 0)
        space_after = values[:, 3] == 1
        # Token i ends where token i + 1 starts, less the white space after it.
        ends = np.append(starts[1:], len(text)) - space_after
        # An inner hyphen has a word right before and right after it.
        inner = np.flatnonzero(lowers[1:-1] == get_string_id("-")) + 1
        inner = inner[~space_after[inner - 1] & ~space_after[inner]].tolist()
        return cls(lang, text, doc.vocab, lowers, lemmas, array("q", starts.tobytes()),
                   array("q", ends.tobytes()), set(np.flatnonzero(values[:, 4] == 1).tolist()),
                   set(inner),
                   {i + shift for i in inner for shift in (-1, 0, 1)},
                   _word_memo(doc.vocab, lang), doc)

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, i: int) -> str:
        """The text of token ``i``."""
        return self.text[self.starts[i] : self.ends[i]]

    def lex(self, i: int) -> _Word:
        """What the form of token ``i`` tells (its lexeme flags among it: the walks reach few
        tokens, so they are not read for the whole document)."""
        word = self.words[i]
        if word is None:
            text = self.word(i)
            word = self.words[i] = self.memo.get(text) or _describe(self.vocab, self.lang, text)
        return word

    def lower(self, i: int) -> str:
        return (self.words[i] or self.lex(i)).lower

    def norm(self, i: int) -> str:
        """Lower case with typographic apostrophes normalised (for the word sets)."""
        return (self.words[i] or self.lex(i)).norm

    def lemma(self, i: int) -> str:
        lemma = self.lemma_strings[i]
        if lemma is None:
            lemma = self.lemma_strings[i] = self.vocab.strings[int(self.lemmas[i])]
        return lemma

    def is_sent_end(self, i: int) -> bool:
        return i + 1 == len(self.starts) or i + 1 in self.sent_starts

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Start and end of the spaCy sentence holding token ``i`` (``Token.sent``)."""
        start, end = i, i + 1
        while start > 0 and start not in self.sent_starts:
            start -= 1
        while end < len(self.starts) and end not in self.sent_starts:
            end += 1
        return start, end

    def token_at(self, char: int) -> int:
        """Index of the token whose text or trailing white space holds character offset
        ``char``, -1 outside the text (``Doc.char_span``'s look-up: the tokens and their
        white space tile the text)."""
        return bisect_right(self.starts, char) - 1 if char < len(self.text) else -1

    def span(self, tokens: Sequence[int]) -> TextSpan:
        """The stretch of text from the first to the last of ``tokens``."""
        start, end = self.starts[tokens[0]], self.ends[tokens[-1]]
        return TextSpan(start, end, self.text[start:end])


def _title_case(table: _TokenTable, start: int, end: int) -> bool:
    words = [w for w in map(table.word, range(start, end)) if w.isalpha()]
    return len(words) > 2 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _is_reporting_verb(table: _TokenTable, i: int) -> bool:
    """Is token ``i`` a reporting verb used as a verb (:func:`_reporting_tokens`)?"""
    return i in table.reporting


def _reporting_tokens(table: _TokenTable) -> set[int]:
    """The tokens that are reporting verbs of the lexicon (by lemma or as written) used as
    verbs: not capitalised English names, not nouns after a determiner."""
    lang = table.lang
    if lang not in CUE_PATTERNS:
        return set()
    verbs = _anchors(lang).verbs
    found = set(table.verb_lemmas)
    found.update(i for i, key in table.anchor_words[0] if key in verbs)
    return {i for i in found if _used_as_verb(table, i)}


def _used_as_verb(table: _TokenTable, i: int) -> bool:
    """Is the reporting verb at token ``i`` used as a verb?"""
    lang = table.lang
    # A capitalised English cue is a name ("United States"), not a verb, unless the sentence
    # is a title-case headline ("Clinton Says Russians Hacked DNC").
    if lang == "en" and table.word(i)[:1].isupper() and i not in table.sent_starts and \
            not _title_case(table, *table.sentence_bounds(i)):
        return False
    # An English word the tagger reads as a noun ("the worst single-day decline", "lessened
    # fears") is none either, unless "that" follows: a verb the tagger misread ("Automotive
    # News reports that") or a noun with its content ("claims that").
    if lang == "en" and table.doc[i].pos_ == "NOUN" and not (
            i + 1 < len(table) and table.norm(i + 1) in COMPLEMENTISERS[lang]):
        return False
    # After a determiner or a possessive the word is a noun ("the report", "Trump's
    # remarks", "la conferma"), not a cue, unless the parse reads a finite verb after an
    # indefinite pronoun ("alcuni sostengono", "molti ritengono"), or the tagger a verb after
    # an English one ("some say", "many believe").
    return i == 0 or table.norm(i - 1) not in _NOUN_MARKERS[lang] or (
        PARSE_SOURCES[lang] and table.doc.has_annotation("MORPH")
        and table.doc[i].morph.get("VerbForm") == ["Fin"]) or (
        lang == "en" and table.doc[i].pos_ == "VERB" and _pronoun_type(table, i - 1) is not None)


def _noun_category(table: _TokenTable, tokens: Sequence[int], i: int) -> tuple[str | None, int]:
    """Category of a source-noun pattern starting at ``tokens[i]`` and its length in tokens."""
    first, lang = tokens[i], table.lang
    firsts = _noun_firsts(lang)
    if not table.lex(first).noun_first and table.lemma(first) not in firsts:
        return None, 0  # no pattern starts with this word (most words)
    nouns = source_nouns(lang)
    for length in (2, 1):
        window = tokens[i : i + length]
        if len(window) < length:
            continue
        exact = tuple(map(table.word, window))
        lemmas = tuple(map(table.lemma, window))
        lowers = tuple(map(table.norm, window))
        for key in (exact, lemmas, lowers):
            if key in nouns and (key is exact or key[0].islower()):
                return nouns[key], length
    return None, 0


def _is_name(table: _TokenTable, i: int) -> bool:
    """A capitalised word that is not a common word capitalised by its position."""
    name = table.names[i]
    if name is None:
        name = table.names[i] = _looks_like_name(table, i)
    return name


def _looks_like_name(table: _TokenTable, i: int) -> bool:
    """:func:`_is_name`, worked out."""
    word = table.lex(i)
    if not word.capitalised or not word.is_word:
        return False
    # A common word capitalised by its position (sentence start, after a quote mark) is none.
    return not ((i in table.sent_starts or (i > 0 and table.word(i - 1) in QUOTE_PAIRS)) and
                (word.common or _noun_category(table, (i,), 0)[0] is not None))


def _np_token(table: _TokenTable, i: int) -> str | None:
    """How a token may take part in a source phrase: "word", "join", "det" or None (stop)."""
    role = table.roles[i]
    if role is _UNSEEN:
        role = table.roles[i] = _np_role(table, i)
    return role


def _np_role(table: _TokenTable, i: int) -> str | None:
    """:func:`_np_token`, worked out: the role its form gives (:func:`_describe`), unless it
    stands by an inner hyphen or is an abbreviated name ("Sen.")."""
    if i in table.by_hyphens or (table.word(i).endswith(".") and _is_name(table, i)):
        return "word"
    word = table.lex(i)
    if word.role == "join":
        # A capitalised particle before a name belongs to it ("Di Maio", "De Luca").
        return "word" if word.capitalised and i not in table.sent_starts and \
            i + 1 < len(table) and _is_name(table, i + 1) else "join"
    if word.role == "stop":
        # spaCy's stop lists hold nouns a source needs ("ministro", "governo"): a source noun
        # of the lexicon is a word whatever the stop list says.
        return "word" if _is_name(table, i) or _noun_category(table, (i,), 0)[0] is not None \
            else None
    return word.role


def _trim_phrase(table: _TokenTable, tokens: list[int]) -> list[int]:
    """Drop joining words and stray determiners from the ends of a phrase."""
    while tokens and _np_token(table, tokens[-1]) in ("join", "det"):
        tokens = tokens[:-1]
    while tokens and _np_token(table, tokens[0]) == "join":
        tokens = tokens[1:]
    return tokens


def _has_anchor(table: _TokenTable, tokens: Sequence[int]) -> bool:
    """True when a phrase holds a name or a source noun (what makes a conjunct a source)."""
    return any(_is_name(table, t) or _noun_category(table, tokens, i)[0]
               for i, t in enumerate(tokens))


def _left_phrase(table: _TokenTable, tokens: Sequence[int], end: int) -> list[int]:
    """The noun phrase ending just before ``tokens[end]`` (walking leftwards)."""
    lang = table.lang
    if end > 0 and (_pronoun_type(table, tokens[end - 1]) or table.norm(tokens[end - 1]) in
                    RELATIVES[lang]):
        return [tokens[end - 1]]
    phrase: list[int] = []
    i = end - 1
    while i >= 0 and len(phrase) < MAX_SOURCE_TOKENS:
        token = tokens[i]
        role = _np_token(table, token)
        if role is None:
            break
        if role == "join" and table.norm(token) in CONJUNCTIONS[lang]:
            # Coordinate sources ("Mosca e Pyongyang"): keep the left conjunct only when it
            # holds a name or a source noun itself, else the walk has left the subject.
            j = i - 1
            while j >= 0 and _np_token(table, tokens[j]) in ("word", "det"):
                j -= 1
            if not _has_anchor(table, tokens[j + 1 : i]):
                break
        phrase.insert(0, token)
        i -= 1
    return _trim_phrase(table, phrase)


def _right_phrase(table: _TokenTable, tokens: Sequence[int], start: int) -> list[int]:
    """The noun phrase starting at ``tokens[start]`` (walking rightwards)."""
    lang = table.lang
    phrase: list[int] = []
    seen_name = False
    for k, token in enumerate(tokens[start:], start):
        role = _np_token(table, token)
        if role is None or len(phrase) >= MAX_SOURCE_TOKENS:
            break
        # English names end a phrase: "said Trump yesterday" stops before "yesterday", unless
        # common words lead to another name ("said Republican political consultant Chris").
        if lang == "en" and seen_name and role == "word" and not _is_name(table, token) and \
                not _name_follows(table, tokens, k):
            break
        # (a possessive leads on to its noun: the name before it does not end the phrase)
        seen_name = (seen_name or _is_name(table, token)) and \
            table.norm(token) not in POSSESSIVES[lang]
        phrase.append(token)
    if len(phrase) == 0 and start < len(tokens) and table.norm(tokens[start]) in PRONOUNS[lang]:
        phrase = [tokens[start]]
    return _trim_phrase(table, phrase)


def _name_follows(table: _TokenTable, tokens: Sequence[int], k: int) -> bool:
    """Whether the common words from ``tokens[k]`` on lead, as words of a noun phrase, to a
    name within :data:`MAX_SOURCE_TOKENS` tokens."""
    for token in tokens[k : k + MAX_SOURCE_TOKENS]:
        if _is_name(table, token):
            return True
        if _np_token(table, token) != "word":
            return False
    return False


def _with_name_apposition(table: _TokenTable, tokens: Sequence[int], phrase: list[int]
                          ) -> list[int]:
    """The phrase with a name set off by commas right after it when its head is a title or a
    role ("secondo la portavoce del ministero, Maria Rossi, …": the apposition belongs to the
    source, ``GUIDELINES.md`` 3.2)."""
    if not phrase or _noun_category(table, phrase, _first_content(table, phrase))[0] not in \
            ("title", "role"):
        return phrase
    comma = tokens.index(phrase[-1]) + 1
    if comma >= len(tokens) or table.word(tokens[comma]) != ",":
        return phrase
    end = comma + 1
    while end < len(tokens) and (_is_name(table, tokens[end]) or
                                 tokens[end] in table.inner_hyphens):
        end += 1
    if end == comma + 1 or end >= len(tokens) or table.word(tokens[end]) != ",":
        return phrase
    return [*phrase, *tokens[comma:end]]


def _from_source(table: _TokenTable, tokens: list[int]) -> list[int]:
    """"informazioni ricevute da fonti X" / "reports from X": the source is X."""
    if not tokens or _noun_category(table, tokens, _first_content(table, tokens))[0] != \
            "information":
        return tokens
    for i, token in enumerate(tokens):
        if table.norm(token) in FROM_WORDS[table.lang] and i + 1 < len(tokens):
            return _trim_phrase(table, tokens[i + 1 :])
    return tokens


def _first_content(table: _TokenTable, tokens: Sequence[int]) -> int:
    for i, token in enumerate(tokens):
        if _np_token(table, token) == "word":
            return i
    return 0


def _sentence_finder(parsed: ParsedArticle) -> Callable[[int], int | None]:
    """``parsed.sentence_of`` by binary search (it scans every sentence on each call)."""
    order = sorted(range(len(parsed.sentences)), key=lambda k: parsed.sentences[k].start_char)
    starts = [parsed.sentences[k].start_char for k in order]

    def sentence_of(char: int) -> int | None:
        at = bisect_right(starts, char) - 1
        if at < 0 or char >= parsed.sentences[order[at]].end_char:
            return None
        return order[at]

    return sentence_of


def _table(parsed: ParsedArticle) -> _TokenTable:
    """The token table of a parsed article (built once per call of the public functions)."""
    return _TokenTable.build(parsed.doc, parsed.article.text, parsed.article.language)


#: The low bits of a string id that :class:`_IdSet` flags (a table of 16 KB: small enough to
#: stay in the processor's cache).
_LOW_BITS = np.uint64(0x3FFF)


@dataclass(frozen=True)
class _IdSet:
    """A set of string ids, to find in a column of them with a few numpy operations: a table
    of 2**14 flags, set at the low bits of the ids, picks the few entries that may be one of
    them (string ids are hashes: one in 16,384 others shares an id's low bits), and those are
    then checked exactly."""

    ids: frozenset[int]
    flags: np.ndarray

    @classmethod
    def of(cls, ids: Iterable[int]) -> _IdSet:
        """The set of ``ids`` with its table of flags."""
        ids = frozenset(ids)
        flags = np.zeros(int(_LOW_BITS) + 1, dtype=bool)
        flags[[i & int(_LOW_BITS) for i in ids]] = True
        return cls(ids, flags)

    def find(self, column: np.ndarray) -> list[tuple[int, int]]:
        """``(index, id)`` of the entries of ``column`` (string ids) in the set, in order."""
        hits = np.flatnonzero(self.flags[column & _LOW_BITS])
        return [(i, value) for i, value in zip(hits.tolist(), column[hits].tolist())
                if value in self.ids]


@dataclass(frozen=True)
class _TokenTest:
    """One token of a cue pattern: the LOWER and LEMMA ids it allows (None: any), a regular
    expression its lower case must match, and whether it may be left out."""

    lowers: frozenset[int] | None
    lemmas: frozenset[int] | None
    regex: re.Pattern[str] | None
    optional: bool

    def passes(self, table: _TokenTable, i: int) -> bool:
        """Does token ``i`` of ``table`` pass the test?"""
        return (self.lowers is None or int(table.lowers[i]) in self.lowers) and \
            (self.lemmas is None or int(table.lemmas[i]) in self.lemmas) and \
            (self.regex is None or self.regex.search(table.lower(i)) is not None)


def _token_test(spec: dict[str, Any], verbs: frozenset[int]) -> _TokenTest:
    """One token of a :data:`CUE_PATTERNS` pattern, in the part of the spaCy ``Matcher`` syntax
    they use: ``LOWER`` as a string, ``{"IN": [...]}`` or ``{"REGEX": ...}`` (searched, as the
    ``Matcher`` does), the reporting verb ``"_"`` (a lemma in ``verbs``) and ``"OP": "?"``."""
    lower = spec.get("LOWER", {})
    lower = {"IN": [lower]} if isinstance(lower, str) else lower
    if set(spec) - {"LOWER", "_", "OP"} or set(lower) - {"IN", "REGEX"} or \
            spec.get("OP", "?") != "?":
        raise ValueError(f"unsupported cue pattern token: {spec}")
    return _TokenTest(frozenset(map(get_string_id, lower["IN"])) if "IN" in lower else None,
                      verbs if "_" in spec else None,
                      re.compile(lower["REGEX"]) if "REGEX" in lower else None,
                      spec.get("OP") == "?")


@dataclass(frozen=True)
class _Phrase:
    """A phrase cue of the lexicon: its kind, whether its first word is read by its lemma (a
    verb: "called for") or as written (a preposition: "according to"), and its words' string
    ids (the words after the first as written)."""

    kind: str
    by_lemma: bool
    ids: tuple[int, ...]

    def at(self, table: _TokenTable, start: int) -> bool:
        """Do the words after the first follow token ``start``?"""
        end = start + len(self.ids)
        return end <= len(table) and table.lowers[start + 1 : end].tolist() == \
            list(self.ids[1:])


@dataclass(frozen=True)
class _Anchors:
    """The words that anchor the cues of a language, by string id: reporting-verb lemmas (and
    lower-case forms, :func:`_reporting_tokens`), the patterns of :data:`CUE_PATTERNS` (each
    ends on a reporting verb, and is matched leftwards from one) and the lexicon's phrase cues,
    by their first word (as written or by its lemma)."""

    verbs: frozenset[int]  # reporting-verb lemmas
    # kind, token tests and what must follow a match (:attr:`CuePattern.followed_by`)
    patterns: tuple[tuple[str, tuple[_TokenTest, ...], str | None], ...]
    # LOWER ids of the words before the verb in the patterns: a match longer than the verb
    # alone has one of them right before it (None: a pattern word not listed)
    before_verb: frozenset[int] | None
    by_lower: dict[int, list[_Phrase]]  # phrases by the LOWER id of their first word
    by_lemma: dict[int, list[_Phrase]]  # phrases by the LEMMA id of their first word
    words: _IdSet  # all of the above: what the LOWER and LEMMA columns are searched for


@cache
def _anchors(lang: str) -> _Anchors:
    """The anchors of ``lang`` (reporting verbs, the patterns, phrase cues)."""
    verbs = frozenset(map(get_string_id, _verbs(lang)))
    patterns = tuple((row.kind, tuple(_token_test(token, verbs) for token in row.tokens),
                      row.followed_by) for row in CUE_PATTERNS[lang])
    if any(tests[-1].lemmas is not verbs or tests[-1].optional for _, tests, _ in patterns):
        raise ValueError("a cue pattern must end on the reporting verb")
    listed = [test.lowers for _, tests, _ in patterns for test in tests[:-1]]
    before_verb = None if None in listed or any(
        all(test.optional for test in tests[:-1]) for _, tests, _ in patterns) else \
        frozenset().union(*listed)
    by_lower: dict[int, list[_Phrase]] = {}
    by_lemma: dict[int, list[_Phrase]] = {}
    for kind, words in _phrases(lang):
        phrase = _Phrase(kind, kind == "verb", tuple(map(get_string_id, words)))
        (by_lemma if phrase.by_lemma else by_lower).setdefault(phrase.ids[0], []).append(phrase)
    return _Anchors(verbs, patterns, before_verb, by_lower, by_lemma,
                    _IdSet.of(verbs | by_lower.keys() | by_lemma.keys()))


def _pattern_starts(table: _TokenTable, tests: Sequence[_TokenTest], end: int) -> list[int]:
    """Where the tokens before ``end`` can match ``tests`` (every way an optional token
    allows), in order."""
    starts = {end}
    for test in reversed(tests):
        passed = {start - 1 for start in starts if start > 0 and test.passes(table, start - 1)}
        starts = passed | starts if test.optional else passed
    return sorted(starts)


def _pronoun_type(table: _TokenTable, i: int) -> str | None:
    norm = table.norm(i)
    return PRONOUNS[table.lang].get(norm) or POSSESSIVE_SOURCES[table.lang].get(norm)
