"""Sourcing: who says what. Attributions (source, cue, content), quotations and source types.

An *attribution* ties a piece of content to the one it comes from through a *cue*: a reporting
verb ("riferiscono", "said"), a preposition ("secondo", "according to"), an agentless passive
("è stato riferito", "it was reported") or punctuation (a colon or a dash beside a quotation).
This is the attribution relation of the PARC corpora (Pareti 2016) and PolNeAR (Newell,
Margolin and Ruths 2018). The extractor is rule-based and runs on the blank spaCy pipeline of
:mod:`analysis.nlp` (no parser, no named-entity model): sources are noun phrases found by
walking from the cue over the tokens next to it, and names are told apart by capitalisation,
titles and the lexicons ``source_nouns_<lang>.csv``; cues come from
``reporting_verbs_<lang>.csv`` (the English one derived from PolNeAR train counts). English
cue and source spans follow PolNeAR's conventions (auxiliaries in the cue, appositions and
relative clauses in an inverted source); Italian ones follow the seed's hand annotation.

Quotations are found first, with every quote-mark style (``"..."``, ``“...”``, ``«...»``,
``‘...’``, ``'...'``). A quotation introduced by punctuation (colon, comma, dash, the start of
the sentence) or by a reporting verb is *direct*; one inside the running sentence is *partial*
(scare quotes, quoted fragments). A quote left open at a paragraph break ends there and is
continued by the next paragraph's quotation; an odd number of marks never raises.

References
----------
Pareti, S. (2016). PARC 3.0: A Corpus of Attribution Relations. LREC 2016.
Newell, E., Margolin, D. and Ruths, D. (2018). An Attribution Relations Corpus for Political
News. LREC 2018.
Krestel, R., Bergler, S. and Witte, R. (2008). Minding the Source: Automatic Tagging of Reported
Speech in Newspaper Articles. LREC 2008.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from spacy.attrs import IDX, IS_TITLE, IS_UPPER, LEMMA, LOWER, SENT_START, SPACY
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .evaluation import Scores, span_scores
from .lexicon import LEXICON_DIR, load_lexicon
from .nlp import ParsedArticle, normalise_apostrophes

#: Source types (design notes, after PARC source annotation).
SOURCE_TYPES = ("named_person", "named_organisation", "document", "anonymous",
                "vague_collective", "agentless", "dropped_subject")
#: Types that name who speaks; the others leave the reader unable to check the source.
NAMED_TYPES = ("named_person", "named_organisation", "document")

# Quote marks: one opening -> closing table for every style (spaCy keeps one set of quotes too).
QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb",
               "\u2018": "\u2019", "'": "'"}
#: Marks that open and close alike: only their context tells which they are.
SYMMETRIC_QUOTES = {'"', "'"}
#: Any quote mark, opening or closing (the quotation scan jumps from one to the next).
QUOTE_MARK_RE = re.compile("[" + re.escape("".join(sorted(set(QUOTE_PAIRS) |
                                                          set(QUOTE_PAIRS.values())))) + "]")
DASHES = {"-", "\u2013", "\u2014"}
# Punctuation that may introduce a direct quotation.
INTRODUCERS = {":", ",", ";"} | DASHES

# Closed-class words the noun-phrase walk needs (grammar, not vocabulary: kept here as spaCy
# keeps its stop words in code). Determiners may open a source phrase, these prepositions and
# conjunctions may join its parts ("agenzie di intelligence", "Putin e Kim").
DETERMINERS = {
    "it": {"il", "lo", "la", "i", "gli", "le", "l'", "un", "uno", "una", "un'", "alcuni",
           "alcune", "alcun", "alcuna", "diversi", "diverse", "molti", "molte", "entrambi",
           "entrambe", "questo", "questa", "questi", "queste", "quel", "quella", "quei", "quelle",
           "suo", "sua", "suoi", "sue", "altri", "altre", "tali", "vari", "varie", "numerosi",
           "numerose"},
    "en": {"the", "a", "an", "some", "several", "many", "most", "all", "few", "both", "this",
           "these", "those", "that", "his", "her", "their", "its", "our", "other", "another",
           "two", "three", "senior", "top", "former"},
}
NP_PREPOSITIONS = {
    "it": {"di", "del", "dello", "della", "dei", "degli", "delle", "dell'", "da", "dal",
           "dalla", "dai", "dagli", "dalle", "dall'", "tra", "fra", "per"},
    "en": {"of", "for", "at", "from", "to", "'s", "\u2019s", "'", "\u2019"},
}
# A relative pronoun as subject ("Ted Cruz, who said"): PolNeAR marks the pronoun as the source;
# its type is that of the phrase it refers to.
RELATIVES = {"it": set(), "en": {"who"}}
CONJUNCTIONS = {"it": {"e", "ed"}, "en": {"and"}}
POSSESSIVES = {"'s", "'"}
# Italian articles that are also object clitics before a verb ("lo riporta": reports it).
CLITICS = {"lo", "gli", "le"}
# Words that open a clause: a source phrase never runs across them.
CLAUSE_OPENERS = {
    "it": {"sebbene", "benché", "mentre", "quando", "perché", "poiché", "dopo", "dove", "se",
           "ma", "però", "tuttavia", "inoltre", "quindi", "così", "cioè", "oppure"},
    "en": {"while", "although", "though", "because", "when", "after", "before", "if", "but",
           "as", "since", "where", "so", "however", "whether", "who", "which"},
}
# Prepositions after which an "information" noun names its true source ("notizie da X").
FROM_WORDS = {"it": {"da", "dal", "dalla", "dai", "dagli", "dalle", "dall'"}, "en": {"from", "by"}}
# Auxiliaries and adverbs between a subject and its verb ("ha riferito", "has also said").
SKIP_LEFT = {
    "it": {"ha", "hanno", "aveva", "avevano", "avrebbe", "avrebbero", "abbia", "abbiano",
           "anche", "poi", "già", "non", "ieri", "oggi", "inoltre", "ancora", "pure", "ne",
           "lo", "gli", "le", "ci", "vi", "mi", "ti", "si"},
    "en": {"has", "have", "had", "also", "will", "would", "did", "does", "do", "not", "n't",
           "then", "again", "just", "once", "later", "never", "can", "could", "may", "might",
           "should", "must", "previously", "recently", "repeatedly", "often", "since",
           "already", "still", "now", "even", "first"},
}
ADVERB_ENDINGS = {"it": "mente", "en": "ly"}
GERUND_ENDINGS = {"it": ("ando", "endo"), "en": ("ing",)}
# English past participles that cannot open a source phrase (Italian ones can be nouns:
# "l'avvocato", "il deputato").
PARTICIPLE_FORMS = {"it": (), "en": ("ed",)}
# A passive cue ("was criticised by X", "è stato criticato da X") takes its agent as source.
PASSIVE_AUXILIARIES = {"it": {"essere", "stare", "venire"}, "en": {"be"}}
AGENT_MARKERS = {"it": {"da", "dal", "dalla", "dai", "dagli", "dalle", "dall'"}, "en": {"by"}}
# PolNeAR's verb cues take the auxiliaries and adverbs before the verb ("has also said"); the
# Italian hand annotation marks the verb alone.
CUE_TAKES_AUXILIARIES = {"it": False, "en": True}
# Modal verbs before an infinitive cue ("potrebbero temere"): the subject is further left.
MODAL_LEMMAS = {"it": {"potere", "dovere", "volere", "sapere"}, "en": set()}
# Italian past participles: without an auxiliary before them they are adjectives or nouns
# ("i provvedimenti annunciati", "la smentita"), not cues.
PARTICIPLE_ENDINGS = ("ato", "ata", "ati", "ate", "ito", "ita", "iti", "ite", "uto", "uta",
                      "uti", "ute", "etto", "etta", "esso", "essa", "essi", "osto", "osta",
                      "itto", "unto", "unta")
AUXILIARY_LEMMAS = {"avere", "essere", "stare", "venire"}
# Words before "secondo" that make it the ordinal ("il secondo modello", "in secondo piano").
ORDINAL_CONTEXT = {"it": {"al", "allo", "alla", "ai", "agli", "alle", "in", "nel", "nello",
                          "nella", "nei", "negli", "nelle", "a"}, "en": set()}
# Words that introduce the content clause.
COMPLEMENTISERS = {"it": {"che"}, "en": {"that"}}
# An infinitive cue ("cercato di rassicurare", "tried to reassure") shares the subject of the
# verb governing it.
INFINITIVE_MARKERS = {"it": {"di", "a"}, "en": {"to"}}
# Pronoun -> what it may stand for ("person" is resolved to the nearest named person).
PRONOUNS = {
    "it": {"lui": "person", "lei": "person", "egli": "person", "ella": "person",
           "loro": "plural", "essi": "plural", "esse": "plural", "io": "first", "noi": "first"},
    "en": {"he": "person", "she": "person", "him": "person", "her": "person", "they": "plural",
           "them": "plural", "i": "first", "we": "first"},
}
# "From the chairwoman: ..." introduces a source before a colon.
FROM_INTRO = {"it": {"da", "dal", "dalla", "dai", "dagli", "dalle"}, "en": {"from"}}
MAX_SOURCE_TOKENS = 12
# How far back (in tokens) a pronoun looks for the full name it stands for.
MAX_ANTECEDENT_TOKENS = 400
# Words after which a reporting verb is a noun ("the report", "Trump's remarks", "la conferma").
_NOUN_MARKERS = {lang: (words | POSSESSIVES) - CLITICS for lang, words in DETERMINERS.items()}
# Words before "secondo" / "according to" that make it no cue.
_NOT_BEFORE_PREPOSITION = {lang: DETERMINERS[lang] | NP_PREPOSITIONS[lang] | ORDINAL_CONTEXT[lang]
                           for lang in DETERMINERS}
_CLAUSE_WORDS = {lang: COMPLEMENTISERS[lang] | CLAUSE_OPENERS[lang] for lang in CLAUSE_OPENERS}
# A character of a word (``str.isalnum``).
_ALNUM = re.compile(r"[^\W_]")

# Cue patterns in spaCy's rule-based matching syntax, one dict per token (the part of it
# :func:`_token_test` reads). ``{"_": {"sourcing_verb": True}}`` stands for a reporting verb of
# the lexicon (its lemma), and the match must end on one (:func:`_is_reporting_verb`); the first
# token lists its words. Single-word verb cues are found apart, by their lemma ids
# (:func:`_cue_candidates`). Prepositional cues ("according to") and multi-word verb cues
# ("call for": first word by lemma, the rest as written) are added from the lexicon. Longer
# matches win (an agentless passive swallows its verb).
CUE_PATTERNS: dict[str, dict[str, list[list[dict[str, Any]]]]] = {
    "it": {
        "agentless": [
            # è stato riferito, sarebbe stata confermata
            [{"LOWER": {"IN": ["è", "era", "fu", "sarebbe", "sono", "erano", "furono"]}},
             {"LOWER": {"IN": ["stato", "stata", "stati", "state"]}},
             {"_": {"sourcing_verb": True}, "LOWER": {"REGEX": "[aiu]t[oaie]$"}}],
            # viene riferito, venne annunciato
            [{"LOWER": {"IN": ["viene", "venne", "veniva", "vengono"]}},
             {"_": {"sourcing_verb": True}, "LOWER": {"REGEX": "[aiu]t[oaie]$"}}],
            # si dice, si apprende, si ritiene
            [{"LOWER": "si"}, {"_": {"sourcing_verb": True}, "LOWER": {"REGEX": "[aei]$"}}],
        ],
    },
    "en": {
        "agentless": [
            # it was reported, it is said, it has been claimed
            [{"LOWER": "it"}, {"LOWER": {"IN": ["is", "was", "has", "had"]}},
             {"LOWER": "been", "OP": "?"}, {"_": {"sourcing_verb": True},
                                            "LOWER": {"REGEX": "(ed|said|told|thought)$"}}],
        ],
    },
}


@dataclass(frozen=True)
class TextSpan:
    """A stretch of the article: character offsets into ``article.text`` and its text."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        """The contract's ``{"start", "end", "text"}``."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Quote:
    """A quotation between quote marks (marks included in the offsets).

    ``kind`` is ``"direct"`` (introduced by punctuation, a cue or the sentence start) or
    ``"partial"`` (a fragment inside the running sentence); ``open_ended`` marks a quote whose
    closing mark never came before the paragraph break.
    """

    start: int
    end: int
    text: str
    kind: str
    sentence: int
    speaker: str | None = None
    open_ended: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The contract's quote record."""
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "speaker": self.speaker}


@dataclass
class Attribution:
    """One attribution relation: a source says (or writes, or believes) a content via a cue.

    Attributes
    ----------
    cue : TextSpan
        The reporting verb, preposition, agentless passive, colon or dash.
    source : TextSpan or None
        The source as written (a pronoun stays a pronoun); None for an agentless cue.
    source_type : str
        One of :data:`SOURCE_TYPES`.
    rule : str
        The rule that decided ``source_type`` (shown to readers next to the type).
    quote : str
        ``"direct"``, ``"partial"`` or ``"indirect"``.
    sentence : int
        Index into ``parsed.sentences``.
    cue_kind : str
        ``"verb"``, ``"preposition"``, ``"agentless"``, ``"colon"`` or ``"dash"``.
    content : TextSpan or None
        What is attributed, when it can be delimited.
    resolved : TextSpan or None
        For a pronoun source, the named person it was resolved to.
    """

    cue: TextSpan
    source: TextSpan | None
    source_type: str
    rule: str
    quote: str
    sentence: int
    cue_kind: str
    content: TextSpan | None = None
    resolved: TextSpan | None = None

    @property
    def source_text(self) -> str | None:
        """The source as a reader would name it: the antecedent of a pronoun, else as written."""
        span = self.resolved or self.source
        return None if span is None else span.text

    def as_dict(self) -> dict[str, Any]:
        """The contract's attribution record."""
        return {"source": None if self.source is None else self.source.as_dict(),
                "source_type": self.source_type, "cue": self.cue.as_dict(),
                "quote": self.quote, "sentence": self.sentence}


@dataclass
class SourcingProfile:
    """How an article sources its sentences.

    Shares are fractions in [0, 1]; ``unattributed`` lists the indices of sentences that carry
    no attribution (claims the article makes on its own authority).
    """

    sentences: int
    attributions: int
    attributed_share: float
    named_share: float
    unnamed_share: float
    distinct_sources: int
    direct_quote_share: float
    type_counts: dict[str, int] = field(default_factory=dict)
    unattributed: list[int] = field(default_factory=list)

    def as_series(self) -> pd.Series:
        """The scalar figures, rounded to 3 decimals, for a notebook table."""
        return pd.Series({
            "sentences": self.sentences, "attributions": self.attributions,
            "attributed share of sentences": round(self.attributed_share, 3),
            "named share of attributions": round(self.named_share, 3),
            "unnamed share of attributions": round(self.unnamed_share, 3),
            "distinct sources": self.distinct_sources,
            "direct-quote share of attributions": round(self.direct_quote_share, 3),
            "unattributed sentences": len(self.unattributed),
        }, dtype=object)


# --- lexicons ---------------------------------------------------------------------------------


@cache
def _verbs(lang: str) -> frozenset[str]:
    """Single-word reporting verbs (lemmas)."""
    table = _reporting(lang)
    verbs = table.loc[table["category"] != "preposition", "pattern"]
    return frozenset(v for v in verbs if " " not in v)


@cache
def _phrases(lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Multi-word cues of the lexicon as ``(kind, words)``: "preposition" or "verb"."""
    table = _reporting(lang)
    return tuple(("preposition" if row.category == "preposition" else "verb",
                  tuple(row.pattern.split()))
                 for row in table.itertuples() if " " in row.pattern or
                 row.category == "preposition")


@cache
def _reporting(lang: str) -> pd.DataFrame:
    if lang not in CUE_PATTERNS:
        raise ValueError(f"sourcing supports languages {sorted(CUE_PATTERNS)}, not {lang!r}")
    return load_lexicon(f"reporting_verbs_{lang}")


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
        """The tokens whose lemma is a reporting verb of the lexicon."""
        verbs = _anchors(self.lang).verbs
        return [i for i, key in self.anchor_words[1] if key in verbs]

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
                   _word_memo(doc.vocab, lang))

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
    # After a determiner or a possessive the word is a noun ("the report", "Trump's
    # remarks", "la conferma"), not a cue.
    return i == 0 or table.norm(i - 1) not in _NOUN_MARKERS[lang]


# --- token helpers ----------------------------------------------------------------------------
# Tokens are indices into the document (:class:`_TokenTable`); a phrase is a list of them and a
# sentence a ``range``.


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
    for token in tokens[start:]:
        role = _np_token(table, token)
        if role is None or len(phrase) >= MAX_SOURCE_TOKENS:
            break
        # English names end a phrase: "said Trump yesterday" stops before "yesterday".
        if lang == "en" and seen_name and role == "word" and not _is_name(table, token):
            break
        seen_name = seen_name or _is_name(table, token)
        phrase.append(token)
    if len(phrase) == 0 and start < len(tokens) and table.norm(tokens[start]) in PRONOUNS[lang]:
        phrase = [tokens[start]]
    return _trim_phrase(table, phrase)


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


def text_span(article_text: str, start: int, end: int) -> TextSpan | None:
    """The stretch ``start:end`` of the text without the spaces and punctuation (`` ,;:``)
    at its edges, or None when nothing else is left."""
    text = article_text[start:end]
    stripped = text.strip(" ,;:\n\t")
    if not stripped:
        return None
    start += len(text) - len(text.lstrip(" ,;:\n\t"))
    return TextSpan(start, start + len(stripped), stripped)


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


# --- quotations -------------------------------------------------------------------------------


def _opens(text: str, i: int) -> bool:
    """Is the symmetric mark at ``text[i]`` an opening one (space or punctuation before it,
    a word character after it)?"""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{:;,-\u2013\u2014/") and not after.isspace()


def _closes(text: str, i: int) -> bool:
    """Is the mark at ``text[i]`` a closing one (no letter right after it)?"""
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    return not before.isspace() and not after.isalnum()


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``(start, end, open_ended)`` of the quotations inside ``text[start:end]`` (one
    paragraph). A quotation still open at the end of the paragraph ends there, or, when
    quotations follow its opening mark, just before the first of them: an unbalanced mark
    (a stray ``«``) must not swallow the real quotations after it."""
    spans = []
    opener: str | None = None
    quote_start = 0
    for mark in QUOTE_MARK_RE.finditer(text, start, end):
        i, char = mark.start(), mark.group()
        if opener is None:
            if char in QUOTE_PAIRS and (char not in SYMMETRIC_QUOTES or _opens(text, i)) \
                    and (char != "\u2018" or _opens(text, i)):
                opener, quote_start = char, i
        elif char == QUOTE_PAIRS[opener] and (opener not in ("'", "\u2018") or _closes(text, i)):
            spans.append((quote_start, i + 1, False))
            opener = None
    if opener is not None and end - quote_start > 1:
        after = _quote_spans(text, quote_start + 1, end)
        stop = after[0][0] if after else end
        while stop > quote_start + 1 and text[stop - 1].isspace():
            stop -= 1
        spans += [(quote_start, stop, True), *after]
    return spans


def _paragraphs(parsed: ParsedArticle) -> list[tuple[int, int]]:
    text = parsed.article.text
    spans = []
    for region_start, region_end in parsed.article.content_spans():
        position = region_start
        for line in text[region_start:region_end].split("\n"):
            if line.strip():
                spans.append((position, position + len(line)))
            position += len(line) + 1
    return spans


def find_quotes(parsed: ParsedArticle) -> list[Quote]:
    """Find the quotations of an article, with every quote-mark style.

    Parameters
    ----------
    parsed : ParsedArticle

    Returns
    -------
    list of Quote
        In text order; ``speaker`` is filled in by :func:`find_attributions`.

    Examples
    --------
    >>> from analysis.corpus import parse_article
    >>> from analysis.nlp import parse
    >>> article = parse_article('Lei ha detto: «Partiamo domani».', id="x", language="it")
    >>> [(q.text, q.kind) for q in find_quotes(parse(article))]
    [('«Partiamo domani»', 'direct')]
    """
    return _find_quotes(parsed, _table(parsed), _sentence_finder(parsed))


def _table(parsed: ParsedArticle) -> _TokenTable:
    """The token table of a parsed article (built once per call of the public functions)."""
    return _TokenTable.build(parsed.doc, parsed.article.text, parsed.article.language)


def _find_quotes(parsed: ParsedArticle, table: _TokenTable,
                 sentence_of: Callable[[int], int | None]) -> list[Quote]:
    """:func:`find_quotes` on the article's token table and sentence finder
    (:func:`_sentence_finder`)."""
    text = parsed.article.text
    quotes = []
    for start, end in _paragraphs(parsed):
        for q_start, q_end, open_ended in _quote_spans(text, start, end):
            sentence = sentence_of(q_start)
            if sentence is None:
                continue
            kind = _quote_kind(parsed, table, sentence, q_start)
            quotes.append(Quote(q_start, q_end, text[q_start:q_end], kind, sentence,
                                open_ended=open_ended))
    return quotes


def _quote_kind(parsed: ParsedArticle, table: _TokenTable, sentence: int, start: int) -> str:
    """Direct when the quotation opens its sentence or follows punctuation or a cue."""
    sent = parsed.sentences[sentence]
    mark = table.token_at(start)
    i = (sent.end if mark < 0 else mark) - 1
    while i >= sent.start and (table.lex(i).is_space or table.ends[i] > start):
        i -= 1
    if i < sent.start:
        return "direct"
    last = table.word(i)
    if last in INTRODUCERS or last in QUOTE_PAIRS.values() or i in table.sent_starts \
            and table.lex(i).is_punct:
        return "direct"
    if _is_reporting_verb(table, i):
        return "direct"
    return "partial"


# --- attributions -----------------------------------------------------------------------------


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
    patterns: tuple[tuple[str, tuple[_TokenTest, ...]], ...]  # kind and token tests
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
    patterns = tuple((kind, tuple(_token_test(token, verbs) for token in pattern))
                     for kind, listed in CUE_PATTERNS[lang].items() for pattern in listed)
    if any(tests[-1].lemmas is not verbs or tests[-1].optional for _, tests in patterns):
        raise ValueError("a cue pattern must end on the reporting verb")
    listed = [test.lowers for _, tests in patterns for test in tests[:-1]]
    before_verb = None if None in listed or any(
        all(test.optional for test in tests[:-1]) for _, tests in patterns) else \
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


def _cue_candidates(table: _TokenTable) -> list[tuple[int, int, str]]:
    """Cue candidates ``(start, end, kind)`` (token indices): a one-token "verb" on every
    reporting verb (by lemma, :func:`_is_reporting_verb`), the matches of the patterns that end
    on one, and the phrase cues."""
    anchors = _anchors(table.lang)
    verbs = [i for i in table.verb_lemmas if i in table.reporting]
    found = [(i, i + 1, "verb") for i in verbs]
    for verb in verbs:  # the patterns end on a reporting verb, so they are matched leftwards
        if anchors.before_verb is None or verb > 0 and \
                int(table.lowers[verb - 1]) in anchors.before_verb:
            found += [(start, verb + 1, kind) for kind, tests in anchors.patterns
                      for start in _pattern_starts(table, tests, verb + 1)]
    lowers, lemmas = table.anchor_words
    found += [(start, start + len(phrase.ids), phrase.kind)
              for hits, phrases in ((lowers, anchors.by_lower), (lemmas, anchors.by_lemma))
              for start, key in hits for phrase in phrases.get(key, ()) if phrase.at(table, start)]
    return found


def _longest_first(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``spacy.util.filter_spans`` on ``(start, end, kind)`` triples: of overlapping spans the
    (first) longest wins; in text order."""
    kept: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    for span in sorted(spans, key=lambda s: (s[1] - s[0], -s[0]), reverse=True):
        if span[0] not in seen and span[1] - 1 not in seen:
            kept.append(span)
            seen.update(range(span[0], span[1]))
    return sorted(kept, key=lambda s: s[0])


def _cues(table: _TokenTable, sentence_of: Callable[[int], int | None]
          ) -> list[tuple[int, int, str, int]]:
    """``(start, end, kind, sentence index)`` of the cues inside the sentences (``start`` and
    ``end`` are token indices; ``sentence_of`` is the article's :func:`_sentence_finder`)."""
    cues = []
    for start, end, kind in _longest_first(_cue_candidates(table)):
        sentence = sentence_of(table.starts[start])
        if sentence is not None and _plausible_cue(table, start, end, kind):
            cues.append((start, end, kind, sentence))
    return sorted(cues, key=lambda c: c[0])


def _plausible_cue(table: _TokenTable, start: int, end: int, kind: str) -> bool:
    """Reject the ordinal "secondo" and Italian participles with no auxiliary before them."""
    lang = table.lang
    before = table.norm(start - 1) if start > 0 else ""
    if kind == "preposition":
        return before not in _NOT_BEFORE_PREPOSITION[lang]
    word = table.lower(end - 1)
    if kind != "verb" or lang != "it" or not word.endswith(PARTICIPLE_ENDINGS) \
            or word == table.lemma(end - 1):
        return True
    i = start - 1
    while i >= 0 and (table.norm(i) in SKIP_LEFT[lang] or
                      table.norm(i).endswith(ADVERB_ENDINGS[lang])) and \
            table.lemma(i) not in AUXILIARY_LEMMAS:
        i -= 1
    return i >= 0 and table.lemma(i) in AUXILIARY_LEMMAS


def _skip_left(table: _TokenTable, tokens: Sequence[int], end: int) -> int:
    """Index just after the subject: step left over auxiliaries and adverbs before a verb."""
    lang = table.lang
    i = end
    while i > 0:
        token = tokens[i - 1]
        lowered = table.norm(token)
        adverb = lowered.endswith(ADVERB_ENDINGS[lang]) and len(lowered) > 5 and not \
            _is_name(table, token)
        if lowered in SKIP_LEFT[lang] or adverb or table.lemma(token) in MODAL_LEMMAS[lang]:
            i -= 1
            continue
        break
    return i


def _is_boundary(table: _TokenTable, tokens: Sequence[int], i: int) -> bool:
    """Nothing usable left of position ``i``: sentence start, punctuation or a quote mark."""
    return i <= 0 or (table.lex(tokens[i - 1]).is_punct and
                      tokens[i - 1] not in table.inner_hyphens)


def _plausible_source(table: _TokenTable, source: Sequence[int]) -> bool:
    """A source phrase opens with a noun, a name, a determiner or a pronoun: one that opens
    with a verb form or an adverb ("expanded the teams", "writing a book", "potentially
    dividing") is a clause the phrase walk ran into."""
    if not source:
        return False
    lang = table.lang
    return table.word(source[0])[:1].isupper() or not table.norm(source[0]).endswith(
        (*GERUND_ENDINGS[lang], *PARTICIPLE_FORMS[lang], ADVERB_ENDINGS[lang])) or \
        _noun_category(table, source, 0)[0] is not None


def _verb_cue_span(table: _TokenTable, tokens: Sequence[int], cue_start: int, cue_end: int
                   ) -> tuple[int, int]:
    """A verb cue (positions in the sentence ``tokens``) as PolNeAR marks it: with the
    auxiliaries and adverbs before it ("has also said") and a colon right after it ("said:").
    Returns positions in ``tokens``."""
    start = _skip_left(table, tokens, cue_start)
    while start < cue_start and table.lemma(tokens[start]) in MODAL_LEMMAS[table.lang]:
        start += 1
    end = cue_end
    if end < len(tokens) and table.word(tokens[end]) == ":":
        end += 1
    return start, end


def _apposition(table: _TokenTable, tokens: Sequence[int], comma: int) -> list[int]:
    """"Anna Rossi, a spokeswoman for X, said": a clause-initial source phrase and the
    apposition up to the comma before the verb (included, as PolNeAR marks it). The nearest
    comma to the left whose phrase opens the clause and holds a name or a source noun wins."""
    for i in range(comma - 2, max(-1, comma - 3 * MAX_SOURCE_TOKENS), -1):
        token = tokens[i]
        word = table.word(token)
        if word != ",":
            if table.lex(token).is_punct and token not in table.inner_hyphens and word not in "()" \
                    or _is_reporting_verb(table, token):
                return []
            continue
        phrase = _left_phrase(table, tokens, i)
        first = phrase[0] - tokens[0] if phrase else -1
        # The phrase must open its clause (sentence start or punctuation before it).
        if phrase and _has_anchor(table, phrase) and (first == 0 or
                                                      table.lex(tokens[first - 1]).is_punct):
            return [*phrase, *tokens[i:comma + 1]]
    return []


def _passive_auxiliary(table: _TokenTable, tokens: Sequence[int], cue_start: int) -> int | None:
    """Index of the auxiliary that makes the cue passive ("was" in "was criticised"), if any."""
    lang = table.lang
    word = table.lower(tokens[cue_start])
    # Only a participle makes a passive: "is saying" is a progressive.
    participle = word.endswith(PARTICIPLE_ENDINGS) if lang == "it" else not word.endswith("ing")
    end = _skip_left(table, tokens, cue_start)
    if participle and end > 0 and table.lemma(tokens[end - 1]) in PASSIVE_AUXILIARIES[lang]:
        return end - 1
    return None


def _verb_source(table: _TokenTable, tokens: Sequence[int], cue_start: int, cue_end: int
                 ) -> tuple[list[int], bool]:
    """Source of a reporting verb: the subject before it, or the inverted subject after it
    ("..., riporta Reuters", "“...,” said Trump"). Returns the tokens and whether inverted."""
    lang = table.lang
    end = _skip_left(table, tokens, cue_start)
    if _passive_auxiliary(table, tokens, cue_start) is not None:
        # A passive ("was criticised by X"): the agent after "by" is the source, or none.
        if cue_end + 1 < len(tokens) and table.norm(tokens[cue_end]) in AGENT_MARKERS[lang]:
            agent = _right_phrase(table, tokens, cue_end + 1)
            return (agent, True) if _has_anchor(table, agent) else ([], True)
        return [], True
    if end > 1 and table.norm(tokens[end - 1]) in INFINITIVE_MARKERS[lang] and _np_token(
            table, tokens[end - 2]) == "word":
        end = _skip_left(table, tokens, end - 2)
    if end > 1 and table.norm(tokens[end - 1]) in CONJUNCTIONS[lang]:
        # "X criticised ... and said": the coordinated verb shares the sentence's subject.
        subject = _right_phrase(table, tokens, 0)
        if subject and (_has_anchor(table, subject) or _pronoun_type(table, subject[0])):
            return subject, False
    if end > 0 and table.word(tokens[end - 1]) == ",":
        apposition = _apposition(table, tokens, end - 1)
        if apposition:
            return apposition, False
    if not _is_boundary(table, tokens, end):
        return _left_phrase(table, tokens, end), False
    if cue_end < len(tokens) and table.norm(tokens[cue_end]) in COMPLEMENTISERS[lang]:
        return [], True
    inverted = _right_phrase(table, tokens, cue_end)
    # An inverted subject is a name, a source noun or a pronoun; anything else is the object.
    if inverted and (_has_anchor(table, inverted) or _pronoun_type(table, inverted[0])):
        return _with_apposition(table, tokens, inverted), True
    return [], True


def _with_apposition(table: _TokenTable, tokens: Sequence[int], phrase: list[int]) -> list[int]:
    """'"...," said Brian Fallon, a spokesman for Mrs. Clinton.': extend an inverted name with
    the apposition or relative clause after it ("said Jon Ralston, who runs a newsletter"), as
    PolNeAR marks it: to the sentence end, or to a comma that opens a new clause (a gerund, a
    complementiser, a quotation: "..., referring to ..."), the comma left out."""
    lang = table.lang
    after = phrase[-1] - tokens[0] + 1
    if after + 1 >= len(tokens) or table.word(tokens[after]) != "," or (
            _np_token(table, tokens[after + 1]) not in ("det", "word") and
            table.norm(tokens[after + 1]) not in RELATIVES[lang]):
        return phrase
    for i in range(after + 1, min(len(tokens), after + 3 * MAX_SOURCE_TOKENS)):
        token = tokens[i]
        word = table.word(token)
        if word == "," and _opens_clause(table, tokens, i + 1):
            return [*phrase, *tokens[after:i]]
        if table.lex(token).is_punct and token not in table.inner_hyphens and \
                word not in ",()'\u2019":
            return [*phrase, *tokens[after:i]] if table.is_sent_end(token) or word == "." or \
                word in QUOTE_PAIRS else phrase
        if i > after + 1 and (table.norm(token) in COMPLEMENTISERS[lang] or
                              _is_reporting_verb(table, token)):
            return phrase
    return phrase


def _opens_clause(table: _TokenTable, tokens: Sequence[int], i: int) -> bool:
    """Does ``tokens[i]`` open a new clause (the end of the sentence, a quotation, a gerund, a
    complementiser or a clause opener)?"""
    if i >= len(tokens):
        return True
    token = tokens[i]
    lowered = table.norm(token)
    return table.lex(token).is_punct or lowered in _CLAUSE_WORDS[table.lang] or \
        lowered.endswith(GERUND_ENDINGS[table.lang]) or _is_reporting_verb(table, token)



# --- attributions on the dependency parse -----------------------------------------------------
# With a trained pipeline the cue's content, its subject and its agent are read from the parse
# (Universal Dependencies relations, the same in both languages) instead of walking the words
# left and right of the verb.

#: A reporting verb's propositional content: a clausal complement or clausal subject.
CONTENT_RELATIONS = {"ccomp", "csubj", "csubj:pass"}
#: A clitic that stands for reported content ("lo riporta l'ANSA": the ANSA reports it).
CONTENT_CLITICS = {"it": {"lo"}, "en": set()}
#: A verb that shares the subject of the verb it depends on when it has none of its own: a
#: coordinated verb, an infinitive or gerund complement ("ha detto ... e ha aggiunto",
#: "ha ribadito, aggiungendo che").
SHARED_SUBJECT = {"conj", "xcomp", "advcl"}
#: What makes a clause passive or impersonal (no subject speaks): the passive auxiliary and
#: subject, and the impersonal "si" ("si dice che").
PASSIVE_RELATIONS = {"aux:pass", "nsubj:pass", "expl:pass"}
IMPERSONAL_RELATIONS = {"expl", "expl:impers", "expl:pass"}
IMPERSONAL_CLITICS = {"it": {"si"}, "en": set()}
#: The Italian hand annotation (``data/annotations/GUIDELINES.md``, 3.4 and 1.1 rule 5)
#: annotates a first-person cue inside a quotation ("«crediamo che…»") as a nested
#: attribution of the quoted speaker; PolNeAR does not mark them.
NESTED_FIRST_PERSON = {"it": True, "en": False}
#: The languages whose verb cues are read from the parse (the others walk the words).
PARSE_SOURCES = {"it": True, "en": False}
# Between a quotation and the verb that reports it: nothing but white space and punctuation.
_QUOTE_GLUE = re.compile(r"[\s,;:\u2013\u2014-]*")
# After a quotation that ends its sentence: closing punctuation only.
_SENTENCE_TAIL = re.compile(r"[\s.!?;]*")


@dataclass(frozen=True)
class _ParsedCue:
    """A verb cue read from the parse: its tokens, its source's tokens, and how the source was
    found (``"subject"``, ``"agent"``, ``"shared"`` from a governing verb, ``"relative"``
    through a relative pronoun, ``"agentless"`` or ``"dropped"`` when none is written)."""

    start: int
    end: int
    source: list[int]
    how: str
    inverted: bool


def _adjacent_quote(text: str, quotes: Sequence[Quote], start: int, end: int) -> bool:
    """Is a quotation right before ``start`` or right after ``end`` (character offsets), with
    only punctuation and white space between ("«…», ha detto", "ha detto: «…»")?"""
    for quote in quotes:
        if quote.end <= start and _QUOTE_GLUE.fullmatch(text, quote.end, start):
            return True
        if quote.start >= end and _QUOTE_GLUE.fullmatch(text, end, quote.start):
            return True
    return False


def _inside(quotes: Sequence[Quote], char: int) -> Quote | None:
    return next((q for q in quotes if q.start < char < q.end), None)


def _has_content(verb: Token, quotes: Sequence[Quote], lang: str) -> bool:
    """A reporting verb is a cue only with a content: a clausal complement, an infinitive
    complement with its marker ("ha promesso di", "promised to"), or a quotation it is linked
    to by the parse or stands next to (``data/annotations/GUIDELINES.md`` 3)."""
    doc = verb.doc
    own = _inside(quotes, verb.idx)  # a quotation holding the verb is not its content
    takes = _content_kinds(lang).get(verb.lemma_, "")
    for child in verb.children if takes != "quote" else ():
        if child.dep_ in CONTENT_RELATIONS:
            return True
        if child.dep_ == "xcomp" and any(
                c.dep_ == "mark" and c.lower_ in INFINITIVE_MARKERS[lang] for c in child.children):
            return True
        if child.dep_ in ("parataxis", "obj", "ccomp") and _inside(quotes, child.idx) not in \
                (None, own):
            return True
        if child.dep_ == "obj" and (child.lower_ in CONTENT_CLITICS[lang] or
                                    takes == "noun" and _content_noun(child, lang) or
                                    takes == "any" and _determined(child) or any(
                c.dep_ == "acl:relcl" and any(m.dep_ == "mark" and m.lower_ in
                                              COMPLEMENTISERS[lang] for m in c.children)
                for c in child.children)):
            # a noun stating content, or "rassicurare il mondo che …": a clause with a
            # complementiser (a relative clause has a pronoun) is the complement
            return True
    if verb.dep_ == "parataxis" and _inside(quotes, verb.head.idx) not in (None, own):
        return True
    if takes == "quote":
        return _beside_quote(verb, quotes)
    if _closes_sentence(verb):
        return True
    # The parser may miss a long complement clause: "che" or "di" + infinitive right after
    # the verb still opens one.
    after = verb.i + 1
    while after < len(doc) and doc[after].pos_ == "ADV":
        after += 1
    if after < len(doc) and (doc[after].lower_ in COMPLEMENTISERS[lang] or (
            doc[after].lower_ in INFINITIVE_MARKERS[lang] and after + 1 < len(doc)
            and "Inf" in doc[after + 1].morph.get("VerbForm"))):
        return True
    return _beside_quote(verb, quotes)


def _closes_sentence(verb: Token) -> bool:
    """"…, riporta Reuters." / "…, ha aggiunto.": a verb after a comma that ends its sentence
    with at most its subject reports the clause before it."""
    doc = verb.doc
    start = _cue_start(verb)
    if start == verb.sent.start or doc[start - 1].text != ",":
        return False
    rest = [t for t in doc[verb.i + 1 : verb.sent.end] if not (t.is_punct or t.is_space)]
    return all(t.head.i == verb.i and t.dep_ in ("nsubj", "obj") or
               t.head.i != verb.i and _governed_by(t, verb) for t in rest) and \
        sum(t.head.i == verb.i for t in rest) <= 1


def _governed_by(token: Token, verb: Token) -> bool:
    return any(a.i == verb.i for a in token.ancestors)


def _beside_quote(verb: Token, quotes: Sequence[Quote]) -> bool:
    """Does a quotation stand right before the verb phrase or right after it?"""
    # The verb phrase with an inverted subject ("«…» ha commentato Rossi, …"): the quotation
    # before the verb or after the subject.
    right = max([verb.i, *[c.right_edge.i for c in verb.children
                           if c.dep_ in ("nsubj", "obj") and c.i > verb.i]])
    return _adjacent_quote(verb.doc.text, quotes, verb.doc[_cue_start(verb)].idx,
                           verb.doc[right].idx + len(verb.doc[right]))


def _quoted_clause(verb: Token, quotes: Sequence[Quote]) -> bool:
    """Is the verb's complement clause a whole quotation ("ha detto che «…»", ``GUIDELINES.md``
    8, rule 2): a quotation opening right after the complementiser and running to the
    sentence's end?"""
    doc = verb.doc
    after = verb.i + 1
    if after + 1 >= len(doc) or doc[after].lower_ not in COMPLEMENTISERS[doc.lang_]:
        return False
    opening = doc[after].idx + len(doc[after])
    end = verb.sent.end_char
    return any(_QUOTE_GLUE.fullmatch(doc.text, opening, q.start) and
               (q.end >= end or _SENTENCE_TAIL.fullmatch(doc.text, q.end, end))
               for q in quotes)


def _finite(verb: Token) -> bool:
    """Is the verb finite, or its auxiliary ("ha confermato")? A gerund or an infinitive
    has no subject of its own."""
    return any("Fin" in t.morph.get("VerbForm") for t in (verb, *verb.children)
               if t is verb or t.dep_.startswith("aux"))


def _cue_start(verb: Token) -> int:
    """The first token of a verb cue: its first auxiliary before it ("ha poi aggiunto")."""
    return min([verb.i, *[c.i for c in verb.children if c.dep_.startswith("aux")
                          and c.i < verb.i]])


@cache
def _content_kinds(lang: str) -> dict[str, str]:
    """What content a reporting verb takes, from the lexicon's ``content`` column: ``"noun"``
    when a noun-phrase object may be the content ("ha annunciato tagli del 21%",
    ``GUIDELINES.md`` 8, rule 1), ``"any"`` when any object with an article is (confirming or
    denying a thing states that it is or is not so), ``"quote"`` when only a quotation is
    ("«…», ha proseguito": "ha proseguito a lavorare" reports nothing); verbs not listed take
    a clause, an infinitive or a quotation."""
    table = _reporting(lang)
    if "content" not in table.columns:
        return {}
    return dict(zip(table["pattern"], table["content"]))


@cache
def _content_nouns(lang: str) -> frozenset[str]:
    """Nouns of intention, plan, change and outcome (``analysis/lexicons/content_nouns_*``)."""
    path = LEXICON_DIR / f"content_nouns_{lang}.csv"
    return frozenset(load_lexicon(path.stem)["pattern"]) if path.is_file() else frozenset()


def _determined(noun: Token) -> bool:
    """A noun with an article or a number (not a bare noun of an idiom)."""
    return any(c.dep_ in ("det", "nummod") for c in noun.children)


def _content_noun(noun: Token, lang: str) -> bool:
    """Does a noun-phrase object state new content: a noun of the content lexicon, a noun
    with an infinitive after "di"/"per" ("l'intenzione di tagliare"), or a quantity ("oltre
    otto milioni di vendite")? Topic, product and attitude nouns do not."""
    if "Sing" in noun.morph.get("Number") and not _determined(noun):
        return False  # a bare singular noun makes an idiom: "dichiarare fallimento"
    if noun.lemma_.lower() in _content_nouns(lang) or noun.pos_ == "NUM":
        return True
    return any(c.dep_ == "nummod" for c in noun.children) or any(
        c.dep_ in ("acl", "nmod") and "Inf" in c.morph.get("VerbForm") for c in noun.children)


def _phrase(token: Token, after_verb: bool) -> list[int]:
    """The tokens of the noun phrase headed by ``token``: its subtree without its case marker
    ("dal governo" -> "governo"), without a relative or participial clause when it follows the
    verb (``GUIDELINES.md`` 3.2), trimmed of punctuation and of a parenthetical adverb at its
    end ("…Ignatiev, inoltre,")."""
    cut = {t.i for child in token.children
           if child.dep_ == "case" or after_verb and child.dep_ in ("acl", "acl:relcl")
           for t in child.subtree}
    tokens = [t.i for t in token.subtree if t.i not in cut]
    doc = token.doc
    # keep the contiguous run around the head
    lo = hi = token.i
    keep = set(tokens)
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    while True:
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
            hi -= 1
        # "…, inoltre," / "…, tuttavia,": an adverb set off by a comma ends the phrase before it
        if hi - 1 > lo and doc[hi].pos_ == "ADV" and doc[hi - 1].text == ",":
            hi -= 2
            continue
        return list(range(lo, hi + 1))


def _antecedent(pronoun: Token) -> list[int] | None:
    """The noun a relative pronoun stands for ("il ministro, che ha detto" -> "il ministro";
    "la difesa, secondo la quale" -> "la difesa"): the head of the relative clause, up to the
    clause."""
    clause = pronoun.head
    while clause.dep_ not in ("acl:relcl", "ROOT") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "acl:relcl":
        return None
    noun = clause.head
    start = noun.left_edge.i
    end = clause.left_edge.i
    doc = noun.doc
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return list(range(start, end)) if end > start else None


def _is_relative(token: Token) -> bool:
    return "Rel" in token.morph.get("PronType")


def _subjects(verb: Token, quotes: Sequence[Quote]) -> list[Token]:
    """The subject of a verb, as one or more tokens on one side of it: the parser may split a
    name and its apposition into two subjects ("Buzz Hargrove, il presidente…"). A "subject"
    inside a quotation is the quoted content; the speaker then follows the verb, whatever
    relation the parser gave it ("«…», ha dichiarato il presidente")."""
    children = [c for c in verb.children if not _inside(quotes, c.idx)]
    subjects = [c for c in children if c.dep_ == "nsubj"]
    start = verb.doc[_cue_start(verb)].idx
    quoted = any(c.dep_ == "nsubj" and _inside(quotes, c.idx) for c in verb.children) or any(
        q.end <= start and _QUOTE_GLUE.fullmatch(verb.doc.text, q.end, start) for q in quotes)
    if not subjects and (quoted or _closes_sentence(verb)):
        subjects = [c for c in children if c.dep_ == "obj" and c.i > verb.i
                    and c.pos_ in ("NOUN", "PROPN", "PRON")][:1]
    if not subjects:
        return []
    side = subjects[0].i > verb.i
    return [c for c in subjects if (c.i > verb.i) == side]


def _verb_source_parsed(verb: Token, lang: str, quotes: Sequence[Quote], depth: int = 0
                        ) -> tuple[list[int], str]:
    """The source of a verb from the parse and how it was found (:class:`_ParsedCue`)."""
    children = list(verb.children)
    subjects = _subjects(verb, quotes)
    if subjects:
        if len(subjects) == 1 and _is_relative(subjects[0]):
            antecedent = _antecedent(subjects[0])
            if antecedent:
                return antecedent, "relative"
        after = subjects[0].i > verb.i
        phrases = [_phrase(subject, after) for subject in subjects]
        return list(range(phrases[0][0], phrases[-1][-1] + 1)), "subject"
    agent = next((c for c in children if c.dep_ in ("obl:agent", "agent")), None)
    if agent is not None:
        if lang == "en" and agent.lower_ == "by" and list(agent.children):
            agent = next(iter(agent.children))  # English UD v1 style: "by" heads the agent
        return _phrase(agent, True), "agent"
    if any(c.dep_ in PASSIVE_RELATIONS for c in children) or any(
            c.dep_ in IMPERSONAL_RELATIONS and c.lower_ in IMPERSONAL_CLITICS[lang]
            for c in children):
        return [], "agentless"
    if verb.dep_ in SHARED_SUBJECT and verb.head.pos_ in ("VERB", "AUX") and depth < 4 and (
            verb.dep_ != "advcl" or set(verb.morph.get("VerbForm")) & {"Ger", "Inf", "Part"}):
        source, how = _verb_source_parsed(verb.head, lang, quotes, depth + 1)
        if source:
            return source, "shared"
    return [], "dropped"


def _parsed_cue(doc: Doc, i: int, quotes: Sequence[Quote], lang: str) -> _ParsedCue | None:
    """The verb cue at token ``i`` read from the parse, or None when the verb has no content
    or is not used as a verb (a participle modifying a noun, "i tagli annunciati")."""
    verb = doc[i]
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("acl", "amod") or \
            not _has_content(verb, quotes, lang):
        return None
    source, how = _verb_source_parsed(verb, lang, quotes)
    first_person = any("1" in t.morph.get("Person") for t in (verb, *verb.children)
                       if t is verb or t.dep_.startswith("aux"))
    if how == "dropped" and first_person and not (NESTED_FIRST_PERSON[lang] and
                                                  _inside(quotes, verb.idx)):
        return None  # the writer's own "credo che" is a hedge, not an attribution
    # The cue: the verb with its auxiliaries and what stands between them ("ha poi aggiunto").
    return _ParsedCue(_cue_start(verb), i + 1, source, how, bool(source) and source[0] > i)


def _content(table: _TokenTable, sent: Span, cue: TextSpan, source: list[int], kind: str,
             inverted: bool) -> TextSpan | None:
    """The attributed content: after the cue (and the source, for "secondo X, ..."), or the
    stretch before the cue when the cue follows its content ("..., said Trump")."""
    after = max([cue.end, *[table.ends[t] for t in source]])
    if kind == "preposition" and cue.start > sent.start_char + 1 or inverted:
        return text_span(table.text, sent.start_char, cue.start)
    return text_span(table.text, after, sent.end_char)


def quote_kind(content: TextSpan | None, sentence: int, quotes: Sequence[Quote]) -> str:
    """``"direct"`` when a direct quotation of the sentence overlaps the content, ``"partial"``
    when only a partial one does, else ``"indirect"``."""
    inside = [q for q in quotes if q.sentence == sentence and content is not None
              and q.start < content.end and content.start < q.end]
    if any(q.kind == "direct" for q in inside):
        return "direct"
    return "partial" if inside else "indirect"



def type_source(tokens: Sequence[Token], lang: str) -> tuple[str, str]:
    """Decide the type of a source phrase and the rule that decided it.

    The head of the phrase decides: the first content word in Italian (head-initial noun
    phrases: "fonti sudcoreane"), the last one before a preposition in English ("South Korean
    sources"). A head found in ``source_nouns_<lang>.csv`` gives its category; a role or
    title followed by a name, or a name, gives a named person or organisation.

    Parameters
    ----------
    tokens : sequence of Token
        The source phrase.
    lang : str

    Returns
    -------
    (source_type, rule)
    """
    if not tokens:
        return _NO_CONTENT_WORD
    # A table of the phrase and two tokens either side (what the type looks at: neighbours of
    # hyphens, the word before a capitalised one), not of the whole document.
    doc = tokens[0].doc
    indices = [t.i for t in tokens]
    start, end = max(0, min(indices) - 2), min(len(doc), max(indices) + 3)
    window = doc[start:end]
    return _type_source(_TokenTable.build(window, window.text_with_ws, lang),
                        [i - start for i in indices])


_NO_CONTENT_WORD = ("anonymous", "no content word in the source")


def _type_source(table: _TokenTable, tokens: list[int]) -> tuple[str, str]:
    """:func:`type_source` of a phrase given as token indices."""
    # An apposition ("Anna Rossi, a spokeswoman, ...") is typed by the phrase before it.
    comma = next((i for i, t in enumerate(tokens) if table.word(t) == ","), len(tokens))
    if 0 < comma < len(tokens) - 1:
        found = _type_source(table, tokens[:comma])
        appositive = [t for t in tokens[comma + 1 :] if table.word(t) != ","]
        # "Il vicepresidente della società, Mark Chandler": the name comes second.
        if found[0] in ("anonymous", "vague_collective") and appositive and all(
                _is_name(table, t) or t in table.inner_hyphens for t in appositive):
            return _type_source(table, appositive)
        return found
    lang = table.lang
    core = [t for t in tokens if _np_token(table, t) in ("word", "join")]
    cut = next((i for i, t in enumerate(core) if table.norm(t) in NP_PREPOSITIONS[lang]),
               len(core))
    core = core[:cut] or core
    if not core:
        return _NO_CONTENT_WORD
    if lang == "it":
        head = 0
    else:
        head = len(core) - 1
        while head > 0 and _noun_category(table, core, head - 1)[1] == 2:
            head -= 1
    category, _ = _noun_category(table, core, head)
    head_text = table.word(core[head])
    names = [t for t in core if _is_name(table, t) and _noun_category(table, (t,), 0)[0] is None]
    after_head = [t for t in core[head + 1 :] if _is_name(table, t)]
    if category in ("role", "title", "vague_collective") and (after_head or lang == "en" and
                                                              names and category == "title"):
        return "named_person", f"{category} noun with a name: {head_text}"
    if category == "title":
        return "named_person", f"title without a name (an identifiable office holder): " \
                               f"{head_text}"
    if category in ("organisation", "place"):
        return "named_organisation", f"organisation noun in the lexicon: {head_text}"
    if category == "role":
        return "anonymous", f"role noun without a name: {head_text}"
    if category == "information":
        return "anonymous", f"information without a named origin: {head_text}"
    if category is not None:
        return category, f"source noun in the lexicon ({category}): {head_text}"
    if _is_name(table, core[head]) or names:
        at = head if _is_name(table, core[head]) else core.index(names[-1])
        start = at
        while start > 0 and (_is_name(table, core[start - 1]) or
                             core[start - 1] in table.inner_hyphens):
            start -= 1
        run = map(table.word, core[start : at + 1])
        before = [_noun_category(table, core, i)[0] for i in range(start)]
        if {"role", "title"} & set(before):
            return "named_person", "name after a role or title noun"
        for i in range(start, at + 1):
            found, _ = _noun_category(table, core, i)
            if found in ("organisation", "place"):
                return "named_organisation", \
                    f"name holding an organisation word: {table.word(core[i])}"
        if any(word.isupper() and len(word) > 1 for word in run):
            return "named_organisation", "acronym"
        return "named_person", "capitalised name"
    return "anonymous", f"head not in the lexicon and not a name: {head_text}"


def _pronoun_type(table: _TokenTable, i: int) -> str | None:
    return PRONOUNS[table.lang].get(table.norm(i))


def _in_name(table: _TokenTable, i: int) -> bool:
    """Can token ``i`` be part of a full name (a name, or a hyphen inside one: "Song-kwon")?"""
    return _is_name(table, i) or i in table.inner_hyphens or i - 1 in table.inner_hyphens


def _capitals(parsed: ParsedArticle) -> list[int]:
    """Indices of the capitalised tokens of the article's sentences (where a full name may
    end); metadata lines such as the dateline's outlet are not antecedents."""
    doc = parsed.doc
    flags = doc.to_array([IS_TITLE, IS_UPPER])
    flags = (flags[:, 0] | flags[:, 1]) != 0
    inside = np.zeros(len(doc), dtype=bool)
    for sent in parsed.sentences:
        inside[sent.start:sent.end] = True
    return np.flatnonzero(flags & inside).tolist()


def _last_name_run(table: _TokenTable, before: int, capitals: list[int]) -> TextSpan | None:
    """The last run of two or more capitalised words (a full name) ending before token
    ``before``: jump leftwards from one capitalised token (``capitals``, sorted) to the
    previous one, no further than :data:`MAX_ANTECEDENT_TOKENS`."""
    stop = max(0, before - MAX_ANTECEDENT_TOKENS)
    k = bisect_left(capitals, before) - 1
    while k >= 0 and capitals[k] >= stop:
        end = capitals[k] + 1
        while end < before and _in_name(table, end):  # "Song-kwon": a hyphen, a small word
            end += 1
        i = capitals[k]
        while i >= 0 and _in_name(table, i):
            i -= 1
        run = list(range(i + 1, end))
        # A run opens with a name; leading titles and roles are not part of it ("Governor Ann
        # Lee" -> "Ann Lee").
        while run and (not _is_name(table, run[0]) or
                       _noun_category(table, run, 0)[0] in ("title", "role")):
            run = run[1:]
        if sum(_is_name(table, t) for t in run) >= 2:
            return table.span(run)
        k = min(k - 1, bisect_left(capitals, i + 1) - 1)
    return None


def _resolve(table: _TokenTable, pronoun: int, found: list[Attribution],
             capitals: Callable[[], list[int]]) -> TextSpan | None:
    """Nearest named person before token ``pronoun``: a named_person source already found,
    or a full name (:func:`_last_name_run`) in the text before it."""
    candidates = [a.source for a in found if a.source_type == "named_person"
                  and a.source is not None and a.resolved is None
                  and a.source.end <= table.starts[pronoun]]
    name = _last_name_run(table, pronoun, capitals())
    candidates += [name] if name is not None else []
    if not candidates:
        return None
    # The latest mention wins; of two ending together the shorter (the name, not the phrase).
    return max(candidates, key=lambda s: (s.end, s.start))


def _head_category(doc: Doc, head: Token, lang: str) -> str | None:
    """The source-noun category of a phrase's head noun (with the word after it: "casa
    automobilistica"), by form, lower case or lemma."""
    nouns = source_nouns(lang)
    following = doc[head.i + 1] if head.i + 1 < len(doc) else None
    keys = [(head.text, following.text), (head.lower_, following.lower_),
            (head.lemma_, following.lemma_)] if following is not None else []
    keys += [(head.text,), (head.lower_,), (head.lemma_,)]
    return next((nouns[key] for key in keys if key in nouns), None)


def _retype(doc: Doc, tokens: list[int], source_type: str, rule: str, capitals: list[int]
            ) -> tuple[str, str]:
    """Type a source phrase by its syntactic head (``GUIDELINES.md`` 3.4): an institution noun
    is an organisation, or a vague collective in the plural with no name ("enti di
    beneficenza"); a title or role with a name is that person; a group noun in the singular is
    one unnamed informant ("un esperto": anonymous, "gli esperti": a vague collective); a name
    holding an institution word ("… Corporation") is an organisation, and so is a one-word
    name that never ends a longer name before it ("Boeing", as against "Mulally" after "Alan
    Mulally"). Other phrases keep the word-based type."""
    lang = doc.lang_
    head = next((doc[i] for i in tokens if not tokens[0] <= doc[i].head.i <= tokens[-1]
                 or doc[i].head.i == i), doc[tokens[0]])
    plural = "Plur" in head.morph.get("Number")
    names = [doc[i] for i in tokens if doc[i].pos_ == "PROPN"]
    institution = [n for n in names if source_nouns(lang).get((n.text,)) == "organisation"]
    category = _head_category(doc, head, lang) if head.pos_ == "NOUN" else None
    if category in ("organisation", "place"):
        if plural and not names:
            return "vague_collective", f"institutions in the plural, none named: {head.text}"
        return "named_organisation", f"institution noun: {head.text}"
    if category in ("title", "role", "vague_collective") and names and not institution:
        return "named_person", f"{category} noun with a name: {head.text}"
    if category == "vague_collective":
        if plural:
            return "vague_collective", f"a group, unnamed: {head.text}"
        return "anonymous", f"one unnamed informant (singular): {head.text}"
    if head.pos_ != "PROPN":
        return source_type, rule
    if institution:
        return "named_organisation", f"name holding an institution word: {institution[0].text}"
    if len(names) == 1:
        earlier = [i for i in capitals if i < tokens[0] and doc[i].text == head.text]
        if not any(doc[i].dep_ == "flat:name" for i in earlier):
            return "named_organisation", f"a one-word name that is no surname: {head.text}"
    return source_type, rule


def _source_record(table: _TokenTable, tokens: list[int], found: list[Attribution],
                   capitals: Callable[[], list[int]]
                   ) -> tuple[TextSpan, str, str, TextSpan | None]:
    """Source span, type, rule and antecedent (for a pronoun) of a source phrase;
    ``capitals()`` gives the article's capitalised tokens (:func:`_capitals`, found once)."""
    span = table.span(tokens)
    if len(tokens) == 1 and _pronoun_type(table, tokens[0]):
        kind = _pronoun_type(table, tokens[0])
        if kind == "person":
            antecedent = _resolve(table, tokens[0], found, capitals)
            if antecedent is not None:
                return span, "named_person", f"pronoun resolved to {antecedent.text}", antecedent
            return span, "anonymous", "pronoun with no named person before it", None
        if kind == "plural":
            return span, "vague_collective", "plural pronoun", None
        return span, "named_person", "first person (the writer or the quoted speaker)", None
    if len(tokens) == 1 and table.norm(tokens[0]) in RELATIVES[table.lang]:
        before = list(range(max(0, tokens[0] - MAX_SOURCE_TOKENS), tokens[0]))
        while before and table.word(before[-1]) == ",":
            before.pop()
        antecedent_tokens = _left_phrase(table, before, len(before))
        if antecedent_tokens:
            source_type, rule = _type_source(table, antecedent_tokens)
            antecedent = table.span(antecedent_tokens)
            return span, source_type, f"relative pronoun for {antecedent.text}: {rule}", antecedent
    source_type, rule = _type_source(table, tokens)
    return span, source_type, rule, None


def source_typer(parsed: ParsedArticle
                 ) -> Callable[[int, int, Sequence[Attribution]],
                               tuple[TextSpan, str, str, TextSpan | None]]:
    """A function that types the source spans another extractor (the learned tagger) found in
    ``parsed`` as the rules type their own: a personal pronoun takes the nearest named person
    before it (a source of the earlier attributions, or a full name in the text), a relative
    pronoun its antecedent, any other phrase :func:`type_source`. The article's token table is
    built once, for all its spans.

    Parameters
    ----------
    parsed : ParsedArticle

    Returns
    -------
    callable
        ``(start, end, earlier) -> (source span, source type, rule, antecedent or None)``:
        ``start``/``end`` are character offsets of the span (widened to whole tokens),
        ``earlier`` the article's attributions before this one.
    """
    table = _table(parsed)
    capitals = cache(partial(_capitals, parsed))

    def record(start: int, end: int, earlier: Sequence[Attribution]
               ) -> tuple[TextSpan, str, str, TextSpan | None]:
        span = parsed.doc.char_span(start, end, alignment_mode="expand")
        return _source_record(table, list(range(span.start, span.end)), list(earlier), capitals)

    return record


def _punctuation_attributions(parsed: ParsedArticle, table: _TokenTable, quotes: list[Quote],
                              taken: set[int], sentence_of: Callable[[int], int | None]
                              ) -> list[tuple[int, list[int], str, int]]:
    """Speakers marked by punctuation: ``"..." - Commissioner X`` after a quotation, and
    ``From the chairwoman: ...`` / ``Name: "..."`` before a colon. Returns the token of the
    mark, the source, the cue kind and the sentence."""
    lang = table.lang
    found = []
    for quote in quotes:
        last = table.token_at(quote.end - 1)  # the closing mark's token
        after = range(last + 1, min(last + 3, len(table))) if last >= 0 else range(0)
        dash = next((t for t in after if table.word(t) in DASHES and
                     t not in table.inner_hyphens), None)
        if dash is None or dash in taken or sentence_of(table.starts[dash]) is None:
            continue
        tokens = range(dash + 1, min(dash + 1 + MAX_SOURCE_TOKENS, len(table)))
        source = _right_phrase(table, tokens, 0)
        if source and _has_anchor(table, source):
            found.append((dash, source, "dash", sentence_of(table.starts[dash])))
    text = parsed.article.text
    for index, sent in enumerate(parsed.sentences):
        if ":" not in text[sent.start_char : sent.end_char]:
            continue
        tokens = range(sent.start, min(sent.end, sent.start + MAX_SOURCE_TOKENS + 1))
        colon = next((i for i, t in enumerate(tokens) if table.word(t) == ":"), None)
        if colon is None or colon == 0 or colon > MAX_SOURCE_TOKENS or tokens[colon] in taken:
            continue
        head = tokens[:colon]
        if table.norm(head[0]) in FROM_INTRO[lang]:
            source = _right_phrase(table, head, 1)
        else:
            # "Sanders: ..." (a headline or a transcript): a short run of names before a colon.
            # A one-letter label ("Q:", "A:") marks an interview turn, not a source.
            short = len(head) <= 4 and len(table.word(head[0])) > 1
            source = list(head) if short and all(_is_name(table, t) for t in head) else []
        if source and len(source) == len(_trim_phrase(table, list(source))):
            found.append((tokens[colon], list(source), "colon", index))
    return found


def find_attributions(parsed: ParsedArticle, quotes: list[Quote] | None = None
                      ) -> list[Attribution]:
    """Find who says what in an article.

    Parameters
    ----------
    parsed : ParsedArticle
        An Italian or English article.
    quotes : list of Quote, optional
        The article's quotations (:func:`find_quotes` is called when omitted); their
        ``speaker`` is filled in from the attributions found.

    Returns
    -------
    list of Attribution
        In text order. Nested attributions ("X ha riferito che l'intelligence ritiene che...")
        give one record per cue.

    Raises
    ------
    ValueError
        When the article's language has no sourcing lexicons.

    Examples
    --------
    >>> from analysis.corpus import parse_article
    >>> from analysis.nlp import parse
    >>> article = parse_article("Secondo alcune fonti, la tregua reggerà.", id="x",
    ...                         language="it")
    >>> [(a.source.text, a.source_type, a.cue.text) for a in find_attributions(parse(article))]
    [('alcune fonti', 'anonymous', 'Secondo')]
    """
    lang = parsed.article.language
    _reporting(lang)  # validate the language once, where the call enters
    table, sentence_of = _table(parsed), _sentence_finder(parsed)
    return _find_attributions(parsed, table, _find_quotes(parsed, table, sentence_of)
                              if quotes is None else quotes, sentence_of)


def _find_attributions(parsed: ParsedArticle, table: _TokenTable, quotes: list[Quote],
                       sentence_of: Callable[[int], int | None]) -> list[Attribution]:
    """:func:`find_attributions` on the article's token table and sentence finder."""
    lang = table.lang
    found: list[Attribution] = []
    # (cue start, cue end, source, kind, sentence, inverted), cues as token indices
    raw: list[tuple[int, int, list[int], str, int, bool]] = []
    dropped: set[int] = set()  # cue starts whose subject is not written (:class:`_ParsedCue`)
    direct: set[int] = set()  # cue starts of verbs reporting a whole quotation
    on_parse = PARSE_SOURCES[lang] and parsed.doc.has_annotation("DEP")
    for cue_start, cue_end, kind, sentence in _cues(table, sentence_of):
        sent = parsed.sentences[sentence]
        tokens = range(sent.start, sent.end)
        start, end = cue_start - sent.start, cue_end - sent.start
        inverted = False
        if kind == "verb" and on_parse:
            read = _parsed_cue(parsed.doc, cue_start, quotes, lang)
            if read is None:
                continue
            if _beside_quote(parsed.doc[cue_start], quotes) or _quoted_clause(
                    parsed.doc[cue_start], quotes):
                direct.add(read.start)
            source, how = read.source, read.how
            if how in ("subject", "dropped") and not read.inverted:
                # A parser error may cut a long subject in two ("Il rappresentante
                # parlamentare sudcoreano Lee Song-kwon") or miss it ("quando Mosca e
                # Pyongyang hanno confermato"): the word walk's phrase before the verb that
                # ends where the parse's does and reaches further left, or that names a
                # source where the parse found none, wins.
                walked, backwards = _verb_source(table, tokens, read.start - sent.start,
                                                 cue_end - sent.start)
                if walked and not backwards and (
                        how == "subject" and walked[-1] == source[-1] and walked[0] < source[0]
                        or how == "dropped" and _finite(parsed.doc[cue_start])
                        and _has_anchor(table, walked)):
                    source, how = walked, "subject"
            if how == "dropped":
                dropped.add(read.start)
            raw.append((read.start, max(read.end, cue_end), source,
                        "agentless" if how == "agentless" else kind, sentence,
                        read.inverted))
            continue
        if kind == "agentless" and on_parse and not _has_content(parsed.doc[cue_end - 1],
                                                                   quotes, lang):
            continue  # "si teme per l'impatto": no content
        if kind == "agentless":
            source: list[int] = []
        elif kind == "preposition":
            source = _from_source(table, _right_phrase(table, tokens, end))
        else:
            source, inverted = _verb_source(table, tokens, start, end)
            gerund = lang == "en" and table.lower(cue_start).endswith("ing")
            if gerund and inverted:
                # ", saying that ..." shares the subject of the verb before it: the source of
                # an earlier cue of the sentence, else the phrase that opens the sentence.
                earlier = [r for r in raw if r[4] == sentence and r[2]]
                subject = _right_phrase(table, tokens, 0)
                source = earlier[-1][2] if earlier else subject if _has_anchor(table, subject) \
                    else []
        if kind != "agentless" and not _plausible_source(table, source):
            continue  # a cue with no source we can find is not reported
        if not NESTED_FIRST_PERSON[lang] and len(source) == 1 and \
                _pronoun_type(table, source[0]) == "first" and any(
                q.start < table.starts[cue_start] < q.end for q in quotes):
            continue  # "I think" inside a quotation is the speaker's wording, not a new source
        if kind == "verb" and CUE_TAKES_AUXILIARIES[lang]:
            start, end = _verb_cue_span(table, tokens, start, end)
            cue_start, cue_end = tokens[start], tokens[end - 1] + 1
        raw.append((cue_start, cue_end, source, kind, sentence, inverted))
    taken = {i for cue_start, cue_end, *_ in raw for i in range(cue_start, cue_end)}
    for token, source, kind, sentence in _punctuation_attributions(parsed, table, quotes, taken,
                                                                     sentence_of):
        raw.append((token, token + 1, source, kind, sentence, kind == "dash"))
    capitals = cache(partial(_capitals, parsed))
    by_sentence: dict[int, list[Quote]] = {}  # the quotations of each sentence, for quote_kind
    for quote in quotes:
        by_sentence.setdefault(quote.sentence, []).append(quote)
    for cue_start, cue_end, source, kind, sentence, inverted in sorted(raw, key=lambda r: r[0]):
        sent = parsed.sentences[sentence]
        cue = table.span(range(cue_start, cue_end))
        if kind == "dash":
            before = [q for q in quotes if q.end <= cue.start]
            content = TextSpan(before[-1].start, before[-1].end, before[-1].text)
        else:
            content = _content(table, sent, cue, source, kind, inverted)
        if source:
            span, source_type, rule, resolved = _source_record(table, source, found, capitals)
            if on_parse and resolved is None:
                source_type, rule = _retype(parsed.doc, source, source_type, rule, capitals())
        elif cue_start in dropped:
            span, source_type, rule = None, "dropped_subject", "no subject written"
            resolved = _speaker_before(found, quotes, cue.start)
        else:
            span, source_type, rule, resolved = None, "agentless", "agentless cue", None
        found.append(Attribution(
            cue=cue, source=span, source_type=source_type, rule=rule,
            quote="direct" if cue_start in direct else
            quote_kind(content, sentence, by_sentence.get(sentence, [])),
            sentence=sentence,
            cue_kind=kind, content=content, resolved=resolved))
    _name_speakers(found, quotes)
    return found


def _speaker_before(found: Sequence[Attribution], quotes: Sequence[Quote], char: int
                    ) -> TextSpan | None:
    """Who speaks a cue with no subject written ("«…» – ha sottolineato –", "…, ha aggiunto."):
    the speaker of the latest attribution before it (``GUIDELINES.md`` 3.4, dropped subject).
    Inside a quotation that has no earlier speaker the quotation's own speaker is found later
    (:func:`_name_speakers`)."""
    if _inside(quotes, char) is not None and not any(
            a.content is not None and a.content.start <= char < a.content.end for a in found):
        return None
    earlier = [a for a in found if a.cue.start < char and (a.resolved or a.source)]
    return (earlier[-1].resolved or earlier[-1].source) if earlier else None


def _name_speakers(attributions: Iterable[Attribution], quotes: list[Quote]) -> None:
    """Give each quotation the source of the attribution whose content holds it; a quotation
    continuing one left open at a paragraph break keeps that one's speaker."""
    for attribution in attributions:
        content = attribution.content
        for quote in quotes:
            if content is not None and quote.start < content.end and content.start < quote.end \
                    and quote.speaker is None:
                quote.speaker = attribution.source_text
    for previous, quote in zip(quotes, quotes[1:]):
        if previous.open_ended and quote.speaker is None:
            quote.speaker = previous.speaker
    # A first-person cue inside a quotation ("«crediamo che…», ha detto Rossi") is the
    # quotation's speaker's.
    attributions = list(attributions)
    for nested in attributions:
        quote = _inside(quotes, nested.cue.start)
        if nested.source_type != "dropped_subject" or nested.resolved is not None or quote is None:
            continue
        speaker = next((a for a in attributions if a is not nested and a.content is not None
                        and (a.resolved or a.source) is not None
                        and a.content.start < quote.end and quote.start < a.content.end), None)
        if speaker is not None:
            nested.resolved = speaker.resolved or speaker.source


def sourcing_profile(parsed: ParsedArticle, attributions: Sequence[Attribution]
                     ) -> SourcingProfile:
    """Summarise how an article sources its claims.

    Parameters
    ----------
    parsed : ParsedArticle
    attributions : sequence of Attribution
        From :func:`find_attributions`.

    Returns
    -------
    SourcingProfile
        Attributed share of sentences; named (:data:`NAMED_TYPES`) and unnamed shares of the
        attributions; distinct sources (case-folded, pronouns resolved, agentless cues not
        counted); share of attributions carrying a direct quotation; unattributed sentences.
    """
    n = len(parsed.sentences)
    attributed = {a.sentence for a in attributions}
    total = len(attributions)
    named = sum(a.source_type in NAMED_TYPES for a in attributions)
    names = {a.source_text.casefold() for a in attributions if a.source_text}
    # "Lee Song-kwon" (a resolved pronoun) and "il rappresentante ... Lee Song-kwon" are one.
    sources = {n for n in names if not any(o != n and o.endswith(" " + n) for o in names)}
    counts = {t: sum(a.source_type == t for a in attributions) for t in SOURCE_TYPES}
    return SourcingProfile(
        sentences=n, attributions=total,
        attributed_share=len(attributed) / n if n else 0.0,
        named_share=named / total if total else 0.0,
        unnamed_share=(total - named) / total if total else 0.0,
        distinct_sources=len(sources),
        direct_quote_share=sum(a.quote == "direct" for a in attributions) / total
        if total else 0.0,
        type_counts=counts,
        unattributed=[i for i in range(n) if i not in attributed])


def attribution_frame(attributions: Sequence[Attribution]) -> pd.DataFrame:
    """One row per attribution: sentence, source, resolved source, type, rule, cue, quote,
    content, offsets."""
    rows = [{"sentence": a.sentence, "source": a.source.text if a.source else None,
             "resolved": a.resolved.text if a.resolved else None, "source_type": a.source_type,
             "rule": a.rule, "cue": a.cue.text, "cue_kind": a.cue_kind, "quote": a.quote,
             "content": a.content.text if a.content else None,
             "source_start": a.source.start if a.source else None,
             "source_end": a.source.end if a.source else None,
             "cue_start": a.cue.start, "cue_end": a.cue.end}
            for a in attributions]
    return pd.DataFrame(rows, columns=["sentence", "source", "resolved", "source_type", "rule",
                                       "cue", "cue_kind", "quote", "content", "source_start",
                                       "source_end", "cue_start", "cue_end"])


def claim_ledger(parsed: ParsedArticle, attributions: Sequence[Attribution],
                 hedges: Sequence[Any] = ()) -> pd.DataFrame:
    """Each sentence as a claim, with who it is attributed to (or "unattributed") and whether
    it is hedged.

    A sentence with several attributions lists its sources joined by "; " (outermost first).
    ``hedges`` are hedge cues (``analysis.hedging.find_hedges(parsed, boosters=False)``): any
    record with ``sentence`` and ``text``; without them the ``hedged`` column is left empty.
    """
    by_sentence: dict[int, list[Attribution]] = {}
    for a in attributions:
        by_sentence.setdefault(a.sentence, []).append(a)
    cues: dict[int, list[str]] = {}
    for h in hedges:
        cues.setdefault(h.sentence, []).append(h.text)
    rows = []
    for i, sent in enumerate(parsed.sentences):
        found = by_sentence.get(i, [])
        rows.append({
            "sentence": i, "claim": sent.text,
            "source": "; ".join(a.source_text or "(agentless)" for a in found) or None,
            "source_type": "; ".join(a.source_type for a in found) or "unattributed",
            "cue": "; ".join(a.cue.text for a in found) or None,
            "hedged": bool(cues.get(i)) if hedges else None,
            "hedge cues": "; ".join(cues.get(i, [])) or None})
    return pd.DataFrame(rows, columns=["sentence", "claim", "source", "source_type", "cue",
                                       "hedged", "hedge cues"])


def analyse_sourcing(parsed: ParsedArticle) -> tuple[list[Attribution], list[Quote]]:
    """Quotations and attributions of one parsed article (quotes get their speakers).

    Returns empty lists for a language without sourcing lexicons.
    """
    if parsed.article.language not in CUE_PATTERNS:
        return [], []
    table, sentence_of = _table(parsed), _sentence_finder(parsed)
    quotes = _find_quotes(parsed, table, sentence_of)
    return _find_attributions(parsed, table, quotes, sentence_of), quotes


def sourcing_records(parsed: ParsedArticle) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The annotate contract's ``attributions`` and ``quotes`` lists for one article."""
    attributions, quotes = analyse_sourcing(parsed)
    return [a.as_dict() for a in attributions], [q.as_dict() for q in quotes]


# --- evaluation against PolNeAR (brat standoff) -----------------------------------------------


def read_brat_attributions(path: str | Path) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Source and cue spans ``(start, end)`` of one PolNeAR brat ``.ann`` file.

    Each ``E`` line ties an attribution's ``Source`` and ``Cue`` text-bound annotations;
    discontinuous spans are taken from their first to their last character.
    """
    spans: dict[str, tuple[int, int]] = {}
    sources, cues = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, *offsets = parts[1].replace(";", " ").split()
            spans[parts[0]] = (int(offsets[0]), int(offsets[-1]))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split())
            for role, bucket in (("Source", sources), ("Cue", cues)):
                if role in roles and roles[role] in spans:
                    bucket.append(spans[roles[role]])
    return sources, cues


def polnear_split(folder: str | Path, limit: int | None = None) -> list[tuple[str, str, Path]]:
    """``(name, text, annotation file)`` for the articles of one PolNeAR split folder.

    An article annotated by several annotators is scored against the first ``.ann`` file in
    name order.
    """
    folder = Path(folder)
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    items = [(name, (folder / "text" / f"{name}.txt").read_text(encoding="utf-8"), ann)
             for name, ann in sorted(chosen.items())]
    return items[:limit] if limit else items


SpanList = list[tuple[int, int]]


def rule_spans(parsed: ParsedArticle) -> tuple[SpanList, SpanList]:
    """The rule extractor's source and cue spans ``(start, end)`` for one parsed article."""
    attributions, _ = analyse_sourcing(parsed)
    return ([(a.source.start, a.source.end) for a in attributions if a.source is not None],
            [(a.cue.start, a.cue.end) for a in attributions])


def _polnear_parsed(items: Sequence[tuple[str, str, Path]]
                    ) -> tuple[list[str], list[ParsedArticle], list[tuple[SpanList, SpanList]]]:
    from .corpus import parse_article
    from .nlp import parse

    parsed = [parse(parse_article(text, id=name, format="plain", language="en"))
              for name, text, _ in items]
    return ([name for name, _, _ in items], parsed,
            [read_brat_attributions(ann) for _, _, ann in items])


def polnear_data(folder: str | Path, limit: int | None = None
                 ) -> tuple[list[str], list[ParsedArticle], list[tuple[SpanList, SpanList]]]:
    """Names, parsed articles and gold ``(sources, cues)`` of a PolNeAR split folder.

    Articles are plain English text; the gold is the first annotation file in name order
    (:func:`polnear_split`).
    """
    return _polnear_parsed(polnear_split(folder, limit))


def evaluate_spans(names: Sequence[str], parsed: Sequence[ParsedArticle],
                   gold: Sequence[tuple[SpanList, SpanList]],
                   extract: Callable[[ParsedArticle], tuple[SpanList, SpanList]] = rule_spans,
                   ) -> dict[str, Scores]:
    """Score a span extractor against gold spans: source and cue, overlap and exact.

    Parameters
    ----------
    names : sequence of str
        Document keys (article ids).
    parsed : sequence of ParsedArticle
    gold : sequence of (sources, cues)
        Character spans per article (:func:`polnear_data`).
    extract : callable
        ``extract(parsed) -> (sources, cues)``: the rules (:func:`rule_spans`, the default) or
        a learned tagger's ``predict_spans`` (:mod:`analysis.attribution_tagger`).

    Returns
    -------
    dict of str to Scores
        Keys ``"source overlap"``, ``"source exact"``, ``"cue overlap"``, ``"cue exact"``.
    """
    predicted: dict[str, list[tuple[str, int, int]]] = {"source": [], "cue": []}
    expected: dict[str, list[tuple[str, int, int]]] = {"source": [], "cue": []}
    for name, article, spans in zip(names, parsed, gold):
        for kind, found, wanted in zip(("source", "cue"), extract(article), spans):
            predicted[kind] += [(name, s, e) for s, e in found]
            expected[kind] += [(name, s, e) for s, e in wanted]
    return {f"{kind} {match}": span_scores(predicted[kind], expected[kind], match)
            for kind in ("source", "cue") for match in ("overlap", "exact")}


def evaluate_polnear(items: Sequence[tuple[str, str, Path]],
                     extract: Callable[[ParsedArticle], tuple[SpanList, SpanList]] = rule_spans,
                     ) -> dict[str, Scores]:
    """Source and cue span scores (overlap and exact) of an extractor (the rules by default)
    on PolNeAR articles ``(name, text, annotation file)`` from :func:`polnear_split`."""
    return evaluate_spans(*_polnear_parsed(items), extract)


def claim_scope(parsed: ParsedArticle, attributions: Sequence[Attribution], *,
                threshold: float = 0.75) -> pd.DataFrame:
    """Whose claim each sentence makes: its source's, or the reporter's with a reported clause.

    An attribution in a sentence does not make the whole sentence someone else's claim. In
    *I precedenti risalgono all'estate scorsa, quando Mosca e Pyongyang hanno confermato la
    cooperazione* ("the precedents go back to last summer, when Moscow and Pyongyang confirmed
    the cooperation") the main clause is the reporter's; only the subordinate clause is
    attributed. Without a dependency parse, the rule is the share of the sentence's words that
    the attributions cover (source, cue and content spans): at least ``threshold`` and the
    sentence is the source's claim; less, and the reporter asserts the rest.

    Parameters
    ----------
    parsed : ParsedArticle
    attributions : sequence of Attribution
        From :func:`analyse_sourcing` or :func:`find_attributions`.
    threshold : float
        Least covered share of words for the sentence to count as attributed.

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``sentence``, ``covered`` (share of its words inside an
        attribution, 3 decimals) and ``claim of``: ``"source"``, ``"reporter (a clause is
        attributed)"`` or ``"reporter"`` (no attribution).
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    for a in attributions:
        for part in (a.source, a.cue, a.content):
            if part is not None:
                spans.setdefault(a.sentence, []).append((part.start, part.end))
    rows = []
    for i, sent in enumerate(parsed.sentences):
        words = [t.idx for t in sent if not (t.is_punct or t.is_space)]
        inside = [any(s <= w < e for s, e in spans.get(i, ())) for w in words]
        covered = round(sum(inside) / len(words), 3) if words else 0.0
        claim = ("reporter" if i not in spans else
                 "source" if covered >= threshold else "reporter (a clause is attributed)")
        rows.append({"sentence": i, "covered": covered, "claim of": claim})
    return pd.DataFrame(rows, columns=["sentence", "covered", "claim of"])


def corpus_sourcing(parsed: Sequence[ParsedArticle]) -> pd.DataFrame:
    """One row of sourcing figures per article of a corpus, for distributions and comparisons.

    Parameters
    ----------
    parsed : sequence of ParsedArticle

    Returns
    -------
    pandas.DataFrame
        Columns ``article, outlet, year`` (of publication, or None) and the figures of
        :meth:`SourcingProfile.as_series`, in corpus order.
    """
    rows = []
    for p in parsed:
        profile = sourcing_profile(p, analyse_sourcing(p)[0])
        rows.append({"article": p.article.id, "outlet": p.article.outlet,
                     "year": p.article.year, **profile.as_series().to_dict()})
    return pd.DataFrame(rows)
