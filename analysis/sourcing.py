"""Sourcing: who says what. Attributions (source, cue, content), quotations and source types.

An *attribution* ties a piece of content to the one it comes from through a *cue*: a reporting
verb ("riferiscono", "said"), a preposition ("secondo", "according to"), an agentless passive
("è stato riferito", "it was reported") or punctuation (a colon or a dash beside a quotation).
This is the attribution relation of the PARC corpora (Pareti 2016) and PolNeAR (Newell,
Margolin and Ruths 2018). The extractor is rule-based and runs on the blank spaCy pipeline of
:mod:`analysis.nlp` (no parser, no named-entity model): sources are noun phrases found by
walking from the cue over the tokens next to it, and names are told apart by capitalisation,
titles and the lexicons ``source_nouns_<lang>.csv``; cues come from
``reporting_verbs_<lang>.csv``.

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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .evaluation import Scores, span_scores
from .lexicon import load_lexicon
from .nlp import ParsedArticle, normalise_apostrophes

#: Source types (design notes, after PARC source annotation).
SOURCE_TYPES = ("named_person", "named_organisation", "document", "anonymous",
                "vague_collective", "agentless")
#: Types that name who speaks; the others leave the reader unable to check the source.
NAMED_TYPES = ("named_person", "named_organisation", "document")

# Quote marks: one opening -> closing table for every style (spaCy keeps one set of quotes too).
QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb",
               "\u2018": "\u2019", "'": "'"}
#: Marks that open and close alike: only their context tells which they are.
SYMMETRIC_QUOTES = {'"', "'"}
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
    "en": {"the", "a", "an", "some", "several", "many", "both", "this", "these", "those", "that",
           "his", "her", "their", "its", "our", "other", "another", "two", "three", "senior",
           "top", "former"},
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
           "should", "must", "previously", "recently", "repeatedly", "often"},
}
ADVERB_ENDINGS = {"it": "mente", "en": "ly"}
# A passive cue ("was criticised by X", "è stato criticato da X") takes its agent as source.
PASSIVE_AUXILIARIES = {"it": {"essere", "stare", "venire"}, "en": {"be"}}
AGENT_MARKERS = {"it": {"da", "dal", "dalla", "dai", "dagli", "dalle", "dall'"}, "en": {"by"}}
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

# Matcher patterns (spaCy rule-based matching), one dict per token. ``_.sourcing_verb`` is true
# on a reporting verb of the lexicon; prepositional cues are added from the lexicon as LOWER
# sequences. Longer matches win (an agentless passive swallows its verb).
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
        "verb": [[{"_": {"sourcing_verb": True}}]],
    },
    "en": {
        "agentless": [
            # it was reported, it is said, it has been claimed
            [{"LOWER": "it"}, {"LOWER": {"IN": ["is", "was", "has", "had"]}},
             {"LOWER": "been", "OP": "?"}, {"_": {"sourcing_verb": True},
                                            "LOWER": {"REGEX": "(ed|said|told|thought)$"}}],
        ],
        "verb": [[{"_": {"sourcing_verb": True}}]],
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
    table = _reporting(lang)
    return frozenset(table.loc[table["category"] != "preposition", "pattern"])


@cache
def _reporting(lang: str) -> pd.DataFrame:
    if lang not in CUE_PATTERNS:
        raise ValueError(f"sourcing supports languages {sorted(CUE_PATTERNS)}, not {lang!r}")
    return load_lexicon(f"reporting_verbs_{lang}")


@cache
def _source_nouns(lang: str) -> dict[tuple[str, ...], str]:
    """Source-noun patterns as token tuples -> category (lower-case patterns match lemmas)."""
    table = load_lexicon(f"source_nouns_{lang}")
    return {tuple(row.pattern.split()): row.category for row in table.itertuples()}


def _title_case(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha]
    return len(words) > 2 and sum(t.text[:1].isupper() for t in words) >= 0.6 * len(words)


def _is_reporting_verb(token: Token) -> bool:
    lang = token.doc.lang_
    if lang not in CUE_PATTERNS:
        return False
    verbs = _verbs(lang)
    if token.lemma_ not in verbs and token.lower_ not in verbs:
        return False
    # A capitalised English cue is a name ("United States"), not a verb, unless the sentence
    # is a title-case headline ("Clinton Says Russians Hacked DNC").
    if lang == "en" and token.text[:1].isupper() and not token.is_sent_start and \
            not _title_case(token.sent):
        return False
    # After a determiner or a possessive the word is a noun ("the report", "Trump's
    # remarks", "la conferma"), not a cue.
    previous = token.nbor(-1) if token.i > 0 else None
    return previous is None or _norm(previous) not in (DETERMINERS[lang] | POSSESSIVES) - CLITICS


if not Token.has_extension("sourcing_verb"):
    Token.set_extension("sourcing_verb", getter=_is_reporting_verb)


@cache
def _matcher(lang: str) -> Matcher:
    from .nlp import get_nlp

    matcher = Matcher(get_nlp(lang).vocab)
    for kind, patterns in CUE_PATTERNS[lang].items():
        matcher.add(kind, patterns)
    table = _reporting(lang)
    preps = table.loc[table["category"] == "preposition", "pattern"]
    matcher.add("preposition", [[{"LOWER": w} for w in p.split()] for p in preps])
    return matcher


# --- token helpers ----------------------------------------------------------------------------


def _norm(token: Token) -> str:
    return normalise_apostrophes(token.lower_)


def _noun_category(tokens: Sequence[Token], i: int) -> tuple[str | None, int]:
    """Category of a source-noun pattern starting at ``tokens[i]`` and its length in tokens."""
    nouns = _source_nouns(tokens[i].doc.lang_)
    for length in (2, 1):
        window = tokens[i : i + length]
        if len(window) < length:
            continue
        exact = tuple(t.text for t in window)
        lemmas = tuple(t.lemma_ for t in window)
        lowers = tuple(_norm(t) for t in window)
        for key in (exact, lemmas, lowers):
            if key in nouns and (key is exact or key[0].islower()):
                return nouns[key], length
    return None, 0


def _is_word(token: Token) -> bool:
    return any(c.isalnum() for c in token.text)


def _is_inner_hyphen(token: Token) -> bool:
    """A hyphen inside a word ("Song-kwon"), not a dash between phrases."""
    return token.text == "-" and not token.nbor(-1).whitespace_ and not token.whitespace_ \
        if 0 < token.i < len(token.doc) - 1 else False


def _is_name(token: Token) -> bool:
    """A capitalised word that is not a common word capitalised by its position."""
    if not token.text[:1].isupper() or not _is_word(token):
        return False
    lang = token.doc.lang_
    if token.is_sent_start or (token.i > 0 and token.nbor(-1).text in QUOTE_PAIRS):
        category, _ = _noun_category([token], 0)
        lowered = _norm(token)
        if token.is_stop or lowered in DETERMINERS.get(lang, ()) or category is not None \
                or lowered in PRONOUNS.get(lang, {}):
            return False
    return True


def _np_token(token: Token, lang: str) -> str | None:
    """How a token may take part in a source phrase: "word", "join", "det" or None (stop)."""
    lowered = _norm(token)
    if _is_inner_hyphen(token) or (token.text.endswith(".") and _is_name(token)) or \
            (token.i > 0 and _is_inner_hyphen(token.nbor(-1))) or \
            (token.i + 1 < len(token.doc) and _is_inner_hyphen(token.nbor(1))):
        return "word"
    if token.is_punct or token.is_space or not _is_word(token) and lowered not in \
            NP_PREPOSITIONS[lang]:
        return None
    if lowered in DETERMINERS[lang]:
        return "det"
    if lowered in NP_PREPOSITIONS[lang] or lowered in CONJUNCTIONS[lang]:
        # A capitalised particle before a name belongs to it ("Di Maio", "De Luca").
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if token.text[:1].isupper() and not token.is_sent_start and following is not None \
                and _is_name(following):
            return "word"
        return "join"
    if lowered in PRONOUNS[lang] or lowered in COMPLEMENTISERS[lang] or \
            lowered in CLAUSE_OPENERS[lang]:
        return None
    # spaCy's stop lists hold nouns a source needs ("ministro", "governo"): a source noun of
    # the lexicon is a word whatever the stop list says.
    if token.is_stop and not _is_name(token) and _noun_category([token], 0)[0] is None:
        return None
    return "word"


def _trim_phrase(tokens: list[Token], lang: str) -> list[Token]:
    """Drop joining words and stray determiners from the ends of a phrase."""
    while tokens and _np_token(tokens[-1], lang) in ("join", "det"):
        tokens = tokens[:-1]
    while tokens and _np_token(tokens[0], lang) == "join":
        tokens = tokens[1:]
    return tokens


def _has_anchor(tokens: Sequence[Token]) -> bool:
    """True when a phrase holds a name or a source noun (what makes a conjunct a source)."""
    return any(_is_name(t) or _noun_category(tokens, i)[0] for i, t in enumerate(tokens))


def _left_phrase(tokens: Sequence[Token], end: int, lang: str) -> list[Token]:
    """The noun phrase ending just before ``tokens[end]`` (walking leftwards)."""
    if end > 0 and (_pronoun_type(tokens[end - 1], lang) or _norm(tokens[end - 1]) in
                    RELATIVES[lang]):
        return [tokens[end - 1]]
    phrase: list[Token] = []
    i = end - 1
    while i >= 0 and len(phrase) < MAX_SOURCE_TOKENS:
        token = tokens[i]
        role = _np_token(token, lang)
        if role is None:
            break
        if role == "join" and _norm(token) in CONJUNCTIONS[lang]:
            # Coordinate sources ("Mosca e Pyongyang"): keep the left conjunct only when it
            # holds a name or a source noun itself, else the walk has left the subject.
            j = i - 1
            while j >= 0 and _np_token(tokens[j], lang) in ("word", "det"):
                j -= 1
            if not _has_anchor(tokens[j + 1 : i]):
                break
        phrase.insert(0, token)
        i -= 1
    return _trim_phrase(phrase, lang)


def _right_phrase(tokens: Sequence[Token], start: int, lang: str) -> list[Token]:
    """The noun phrase starting at ``tokens[start]`` (walking rightwards)."""
    phrase: list[Token] = []
    seen_name = False
    for token in tokens[start:]:
        role = _np_token(token, lang)
        if role is None or len(phrase) >= MAX_SOURCE_TOKENS:
            break
        # English names end a phrase: "said Trump yesterday" stops before "yesterday".
        if lang == "en" and seen_name and role == "word" and not _is_name(token):
            break
        seen_name = seen_name or _is_name(token)
        phrase.append(token)
    if len(phrase) == 0 and start < len(tokens) and _norm(tokens[start]) in PRONOUNS[lang]:
        phrase = [tokens[start]]
    return _trim_phrase(phrase, lang)


def _from_source(tokens: list[Token], lang: str) -> list[Token]:
    """"informazioni ricevute da fonti X" / "reports from X": the source is X."""
    if not tokens or _noun_category(tokens, _first_content(tokens, lang))[0] != "information":
        return tokens
    for i, token in enumerate(tokens):
        if _norm(token) in FROM_WORDS[lang] and i + 1 < len(tokens):
            return _trim_phrase(tokens[i + 1 :], lang)
    return tokens


def _first_content(tokens: Sequence[Token], lang: str) -> int:
    for i, token in enumerate(tokens):
        if _np_token(token, lang) == "word":
            return i
    return 0


def _span(doc: Doc, tokens: Sequence[Token]) -> TextSpan:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return TextSpan(start, end, doc.text[start:end])


def _text_span(doc: Doc, start: int, end: int) -> TextSpan | None:
    text = doc.text[start:end]
    stripped = text.strip(" ,;:\n\t")
    if not stripped:
        return None
    start += len(text) - len(text.lstrip(" ,;:\n\t"))
    return TextSpan(start, start + len(stripped), stripped)


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
    paragraph). A quotation still open at the end of the paragraph ends there."""
    spans = []
    opener: str | None = None
    quote_start = 0
    for i in range(start, end):
        char = text[i]
        if opener is None:
            if char in QUOTE_PAIRS and (char not in SYMMETRIC_QUOTES or _opens(text, i)) \
                    and (char != "\u2018" or _opens(text, i)):
                opener, quote_start = char, i
        elif char == QUOTE_PAIRS[opener] and (opener not in ("'", "\u2018") or _closes(text, i)):
            spans.append((quote_start, i + 1, False))
            opener = None
    if opener is not None and end - quote_start > 1:
        spans.append((quote_start, end, True))
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
    text = parsed.article.text
    lang = parsed.article.language
    quotes = []
    for start, end in _paragraphs(parsed):
        for q_start, q_end, open_ended in _quote_spans(text, start, end):
            sentence = parsed.sentence_of(q_start)
            if sentence is None:
                continue
            kind = _quote_kind(parsed, sentence, q_start, lang)
            quotes.append(Quote(q_start, q_end, text[q_start:q_end], kind, sentence,
                                open_ended=open_ended))
    return quotes


def _quote_kind(parsed: ParsedArticle, sentence: int, start: int, lang: str) -> str:
    """Direct when the quotation opens its sentence or follows punctuation or a cue."""
    sent = parsed.sentences[sentence]
    before = [t for t in sent if t.idx + len(t) <= start and not t.is_space]
    if not before:
        return "direct"
    last = before[-1]
    if last.text in INTRODUCERS or last.text in QUOTE_PAIRS.values() or last.is_sent_start \
            and last.is_punct:
        return "direct"
    if lang in CUE_PATTERNS and last._.sourcing_verb:
        return "direct"
    return "partial"


# --- attributions -----------------------------------------------------------------------------


def _cues(parsed: ParsedArticle) -> list[tuple[Span, str, int]]:
    """``(cue span, kind, sentence index)`` of the matcher's cues inside the sentences."""
    lang = parsed.article.language
    matches = _matcher(lang)(parsed.doc, as_spans=True)
    cues = []
    for span in filter_spans(matches):
        sentence = parsed.sentence_of(span.start_char)
        if sentence is not None and _plausible_cue(span, lang):
            cues.append((span, span.label_, sentence))
    return sorted(cues, key=lambda c: c[0].start)


def _plausible_cue(span: Span, lang: str) -> bool:
    """Reject the ordinal "secondo" and Italian participles with no auxiliary before them."""
    previous = span.doc[span.start - 1] if span.start > 0 else None
    before = _norm(previous) if previous is not None else ""
    if span.label_ == "preposition":
        return before not in DETERMINERS[lang] | NP_PREPOSITIONS[lang] | ORDINAL_CONTEXT[lang]
    word = span[-1]
    if span.label_ != "verb" or lang != "it" or not word.lower_.endswith(PARTICIPLE_ENDINGS) \
            or word.lower_ == word.lemma_:
        return True
    i = span.start - 1
    while i >= 0 and (_norm(span.doc[i]) in SKIP_LEFT[lang] or
                      _norm(span.doc[i]).endswith(ADVERB_ENDINGS[lang])) and \
            span.doc[i].lemma_ not in AUXILIARY_LEMMAS:
        i -= 1
    return i >= 0 and span.doc[i].lemma_ in AUXILIARY_LEMMAS


def _skip_left(tokens: Sequence[Token], end: int, lang: str) -> int:
    """Index just after the subject: step left over auxiliaries and adverbs before a verb."""
    i = end
    while i > 0:
        token = tokens[i - 1]
        lowered = _norm(token)
        adverb = lowered.endswith(ADVERB_ENDINGS[lang]) and len(lowered) > 5 and not \
            _is_name(token)
        if lowered in SKIP_LEFT[lang] or adverb or token.lemma_ in MODAL_LEMMAS[lang]:
            i -= 1
            continue
        break
    return i


def _is_boundary(tokens: Sequence[Token], i: int) -> bool:
    """Nothing usable left of position ``i``: sentence start, punctuation or a quote mark."""
    return i <= 0 or (tokens[i - 1].is_punct and not _is_inner_hyphen(tokens[i - 1]))


def _apposition(tokens: Sequence[Token], comma: int, lang: str) -> list[Token]:
    """"Anna Rossi, a spokeswoman for X, said": a clause-initial source phrase and the
    apposition up to the comma before the verb (included, as PolNeAR marks it). The nearest
    comma to the left whose phrase opens the clause and holds a name or a source noun wins."""
    for i in range(comma - 2, max(-1, comma - 3 * MAX_SOURCE_TOKENS), -1):
        token = tokens[i]
        if token.text != ",":
            if token.is_punct and not _is_inner_hyphen(token) and token.text not in "()" \
                    or token._.sourcing_verb:
                return []
            continue
        phrase = _left_phrase(tokens, i, lang)
        first = phrase[0].i - tokens[0].i if phrase else -1
        # The phrase must open its clause (sentence start or punctuation before it).
        if phrase and _has_anchor(phrase) and (first == 0 or tokens[first - 1].is_punct):
            return [*phrase, *tokens[i:comma + 1]]
    return []


def _passive_auxiliary(tokens: Sequence[Token], cue_start: int, lang: str) -> int | None:
    """Index of the auxiliary that makes the cue passive ("was" in "was criticised"), if any."""
    word = tokens[cue_start].lower_
    # Only a participle makes a passive: "is saying" is a progressive.
    participle = word.endswith(PARTICIPLE_ENDINGS) if lang == "it" else not word.endswith("ing")
    end = _skip_left(tokens, cue_start, lang)
    if participle and end > 0 and tokens[end - 1].lemma_ in PASSIVE_AUXILIARIES[lang]:
        return end - 1
    return None


def _verb_source(tokens: Sequence[Token], cue_start: int, cue_end: int,
                 lang: str) -> tuple[list[Token], bool]:
    """Source of a reporting verb: the subject before it, or the inverted subject after it
    ("..., riporta Reuters", "“...,” said Trump"). Returns the tokens and whether inverted."""
    end = _skip_left(tokens, cue_start, lang)
    if _passive_auxiliary(tokens, cue_start, lang) is not None:
        # A passive ("was criticised by X"): the agent after "by" is the source, or none.
        if cue_end + 1 < len(tokens) and _norm(tokens[cue_end]) in AGENT_MARKERS[lang]:
            agent = _right_phrase(tokens, cue_end + 1, lang)
            return (agent, True) if _has_anchor(agent) else ([], True)
        return [], True
    if end > 1 and _norm(tokens[end - 1]) in INFINITIVE_MARKERS[lang] and _np_token(
            tokens[end - 2], lang) == "word":
        end = _skip_left(tokens, end - 2, lang)
    if end > 1 and _norm(tokens[end - 1]) in CONJUNCTIONS[lang]:
        # "X criticised ... and said": the coordinated verb shares the sentence's subject.
        subject = _right_phrase(tokens, 0, lang)
        if subject and (_has_anchor(subject) or _pronoun_type(subject[0], lang)):
            return subject, False
    if end > 0 and tokens[end - 1].text == ",":
        apposition = _apposition(tokens, end - 1, lang)
        if apposition:
            return apposition, False
    if not _is_boundary(tokens, end):
        return _left_phrase(tokens, end, lang), False
    if cue_end < len(tokens) and _norm(tokens[cue_end]) in COMPLEMENTISERS[lang]:
        return [], True
    inverted = _right_phrase(tokens, cue_end, lang)
    # An inverted subject is a name, a source noun or a pronoun; anything else is the object.
    if inverted and (_has_anchor(inverted) or _pronoun_type(inverted[0], lang)):
        return _with_apposition(tokens, inverted, lang), True
    return [], True


def _with_apposition(tokens: Sequence[Token], phrase: list[Token], lang: str) -> list[Token]:
    """'"...," said Brian Fallon, a spokesman for Mrs. Clinton, ...': extend an inverted name
    with the apposition after it, up to the next comma (included) or the sentence end."""
    after = phrase[-1].i - tokens[0].i + 1
    if after + 1 >= len(tokens) or tokens[after].text != "," or \
            _np_token(tokens[after + 1], lang) not in ("det", "word"):
        return phrase
    for i in range(after + 1, min(len(tokens), after + 3 * MAX_SOURCE_TOKENS)):
        token = tokens[i]
        if token.text == ",":
            return [*phrase, *tokens[after : i + 1]]
        if token.is_punct and not _is_inner_hyphen(token) and token.text not in "()'\u2019":
            return [*phrase, *tokens[after:i]] if token.is_sent_end or token.text == "." \
                else phrase
        if _norm(token) in COMPLEMENTISERS[lang] | CLAUSE_OPENERS[lang] or token._.sourcing_verb:
            return phrase
    return phrase


def _content(doc: Doc, sent: Span, cue: Span, source: list[Token], kind: str,
             inverted: bool) -> TextSpan | None:
    """The attributed content: after the cue (and the source, for "secondo X, ..."), or the
    stretch before the cue when the cue follows its content ("..., said Trump")."""
    after = max([cue.end_char, *[t.idx + len(t) for t in source]])
    if kind == "preposition" and cue.start_char > sent.start_char + 1 or inverted:
        return _text_span(doc, sent.start_char, cue.start_char)
    return _text_span(doc, after, sent.end_char)


def _kind_of_content(content: TextSpan | None, sentence: int, quotes: list[Quote]) -> str:
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
    # An apposition ("Anna Rossi, a spokeswoman, ...") is typed by the phrase before it.
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), len(tokens))
    if 0 < comma < len(tokens) - 1:
        found = type_source(tokens[:comma], lang)
        appositive = [t for t in tokens[comma + 1 :] if t.text != ","]
        # "Il vicepresidente della società, Mark Chandler": the name comes second.
        if found[0] in ("anonymous", "vague_collective") and appositive and all(
                _is_name(t) or _is_inner_hyphen(t) for t in appositive):
            return type_source(appositive, lang)
        return found
    core = [t for t in tokens if _np_token(t, lang) in ("word", "join")]
    cut = next((i for i, t in enumerate(core) if _norm(t) in NP_PREPOSITIONS[lang]), len(core))
    core = core[:cut] or core
    if not core:
        return "anonymous", "no content word in the source"
    if lang == "it":
        head = 0
    else:
        head = len(core) - 1
        while head > 0 and _noun_category(core, head - 1)[1] == 2:
            head -= 1
    category, _ = _noun_category(core, head)
    names = [t for t in core if _is_name(t) and _noun_category([t], 0)[0] is None]
    after_head = [t for t in core[head + 1 :] if _is_name(t)]
    if category in ("role", "title", "vague_collective") and (after_head or lang == "en" and
                                                              names and category == "title"):
        return "named_person", f"{category} noun with a name: {core[head].text}"
    if category == "title":
        return "named_person", f"title without a name (an identifiable office holder): " \
                               f"{core[head].text}"
    if category in ("organisation", "place"):
        return "named_organisation", f"organisation noun in the lexicon: {core[head].text}"
    if category == "role":
        return "anonymous", f"role noun without a name: {core[head].text}"
    if category == "information":
        return "anonymous", f"information without a named origin: {core[head].text}"
    if category is not None:
        return category, f"source noun in the lexicon ({category}): {core[head].text}"
    if _is_name(core[head]) or names:
        at = head if _is_name(core[head]) else core.index(names[-1])
        start = at
        while start > 0 and (_is_name(core[start - 1]) or _is_inner_hyphen(core[start - 1])):
            start -= 1
        run = core[start : at + 1]
        before = [_noun_category(core, i)[0] for i in range(start)]
        if {"role", "title"} & set(before):
            return "named_person", "name after a role or title noun"
        for i in range(start, at + 1):
            found, _ = _noun_category(core, i)
            if found in ("organisation", "place"):
                return "named_organisation", f"name holding an organisation word: {core[i].text}"
        if any(t.text.isupper() and len(t.text) > 1 for t in run):
            return "named_organisation", "acronym"
        return "named_person", "capitalised name"
    return "anonymous", f"head not in the lexicon and not a name: {core[head].text}"


def _pronoun_type(token: Token, lang: str) -> str | None:
    return PRONOUNS[lang].get(_norm(token))


def _name_runs(doc: Doc) -> list[TextSpan]:
    """Runs of two or more capitalised words (full names), for resolving pronouns."""
    runs, run = [], []
    for token in doc:
        if _is_name(token) or (run and (_is_inner_hyphen(token) or _is_inner_hyphen(
                token.nbor(-1)))):
            run.append(token)
            continue
        # Leading titles and roles are not part of the name ("Governor Ann Lee" -> "Ann Lee").
        while run and _noun_category(run, 0)[0] in ("title", "role"):
            run = run[1:]
        if len([t for t in run if _is_name(t)]) >= 2:
            runs.append(_span(doc, run))
        run = []
    return runs


def _resolve(pronoun: Token, found: list[Attribution], names: list[TextSpan]
             ) -> TextSpan | None:
    """Nearest named person before ``pronoun``: a named_person source already found, or a
    full name (:func:`_name_runs`) in the text before it."""
    candidates = [a.source for a in found if a.source_type == "named_person"
                  and a.source is not None and a.resolved is None and a.source.end <= pronoun.idx]
    candidates += [n for n in names if n.end <= pronoun.idx]
    if not candidates:
        return None
    # The latest mention wins; of two ending together the shorter (the name, not the phrase).
    return max(candidates, key=lambda s: (s.end, s.start))


def _source_record(parsed: ParsedArticle, tokens: list[Token], found: list[Attribution],
                   names: list[TextSpan]) -> tuple[TextSpan, str, str, TextSpan | None]:
    """Source span, type, rule and antecedent (for a pronoun) of a source phrase."""
    lang = parsed.article.language
    span = _span(parsed.doc, tokens)
    if len(tokens) == 1 and _pronoun_type(tokens[0], lang):
        kind = _pronoun_type(tokens[0], lang)
        if kind == "person":
            antecedent = _resolve(tokens[0], found, names)
            if antecedent is not None:
                return span, "named_person", f"pronoun resolved to {antecedent.text}", antecedent
            return span, "anonymous", "pronoun with no named person before it", None
        if kind == "plural":
            return span, "vague_collective", "plural pronoun", None
        return span, "named_person", "first person (the writer or the quoted speaker)", None
    if len(tokens) == 1 and _norm(tokens[0]) in RELATIVES[lang]:
        before = list(parsed.doc[max(0, tokens[0].i - MAX_SOURCE_TOKENS) : tokens[0].i])
        while before and before[-1].text == ",":
            before.pop()
        antecedent_tokens = _left_phrase(before, len(before), lang)
        if antecedent_tokens:
            source_type, rule = type_source(antecedent_tokens, lang)
            antecedent = _span(parsed.doc, antecedent_tokens)
            return span, source_type, f"relative pronoun for {antecedent.text}: {rule}", antecedent
    source_type, rule = type_source(tokens, lang)
    return span, source_type, rule, None


def _punctuation_attributions(parsed: ParsedArticle, quotes: list[Quote],
                              taken: set[int]) -> list[tuple[Token, list[Token], str, int]]:
    """Speakers marked by punctuation: ``"..." - Commissioner X`` after a quotation, and
    ``From the chairwoman: ...`` / ``Name: "..."`` before a colon."""
    doc, lang = parsed.doc, parsed.article.language
    found = []
    for quote in quotes:
        after = [t for t in doc if t.idx >= quote.end][:2]
        dash = next((t for t in after if t.text in DASHES and not _is_inner_hyphen(t)), None)
        if dash is None or dash.i in taken or parsed.sentence_of(dash.idx) is None:
            continue
        tokens = list(doc[dash.i + 1 : dash.i + 1 + MAX_SOURCE_TOKENS])
        source = _right_phrase(tokens, 0, lang)
        if source and _has_anchor(source):
            found.append((dash, source, "dash", parsed.sentence_of(dash.idx)))
    for index, sent in enumerate(parsed.sentences):
        tokens = list(sent)
        colon = next((i for i, t in enumerate(tokens) if t.text == ":"), None)
        if colon is None or colon == 0 or colon > MAX_SOURCE_TOKENS or tokens[colon].i in taken:
            continue
        head = tokens[:colon]
        if _norm(head[0]) in FROM_INTRO[lang]:
            source = _right_phrase(head, 1, lang)
        else:
            # "Sanders: ..." (a headline or a transcript): a short run of names before a colon.
            short = len(head) <= 4
            source = head if short and all(_is_name(t) for t in head) else []
        if source and len(source) == len(_trim_phrase(list(source), lang)):
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
    quotes = find_quotes(parsed) if quotes is None else quotes
    doc = parsed.doc
    found: list[Attribution] = []
    raw: list[tuple[Span, list[Token], str, int, bool]] = []
    for cue, kind, sentence in _cues(parsed):
        sent = parsed.sentences[sentence]
        tokens = list(sent)
        start, end = cue.start - sent.start, cue.end - sent.start
        inverted = False
        if kind == "agentless":
            source: list[Token] = []
        elif kind == "preposition":
            source = _from_source(_right_phrase(tokens, end, lang), lang)
        else:
            source, inverted = _verb_source(tokens, start, end, lang)
            gerund = lang == "en" and cue[0].lower_.endswith("ing")
            if gerund and inverted:
                # ", saying that ..." shares the subject of the verb before it: the source of
                # an earlier cue of the sentence, else the phrase that opens the sentence.
                earlier = [r for r in raw if r[3] == sentence and r[1]]
                subject = _right_phrase(tokens, 0, lang)
                source = earlier[-1][1] if earlier else subject if _has_anchor(subject) else []
        if kind != "agentless" and not source:
            continue  # a cue with no source we can find is not reported
        if len(source) == 1 and _pronoun_type(source[0], lang) == "first" and any(
                q.start < cue.start_char < q.end for q in quotes):
            continue  # "I think" inside a quotation is the speaker's wording, not a new source
        raw.append((cue, source, kind, sentence, inverted))
    taken = {t.i for cue, *_ in raw for t in cue}
    for token, source, kind, sentence in _punctuation_attributions(parsed, quotes, taken):
        raw.append((doc[token.i : token.i + 1], source, kind, sentence, kind == "dash"))
    names = _name_runs(doc)
    for cue, source, kind, sentence, inverted in sorted(raw, key=lambda r: r[0].start):
        sent = parsed.sentences[sentence]
        if kind == "dash":
            before = [q for q in quotes if q.end <= cue.start_char]
            content = TextSpan(before[-1].start, before[-1].end, before[-1].text)
        else:
            content = _content(doc, sent, cue, source, kind, inverted)
        if source:
            span, source_type, rule, resolved = _source_record(parsed, source, found, names)
        else:
            span, source_type, rule, resolved = None, "agentless", "agentless cue", None
        found.append(Attribution(
            cue=TextSpan(cue.start_char, cue.end_char, cue.text), source=span,
            source_type=source_type, rule=rule,
            quote=_kind_of_content(content, sentence, quotes), sentence=sentence,
            cue_kind=kind, content=content, resolved=resolved))
    _name_speakers(found, quotes)
    return found


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
    quotes = find_quotes(parsed)
    return find_attributions(parsed, quotes), quotes


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


def evaluate_polnear(items: Sequence[tuple[str, str, Path]]) -> dict[str, Scores]:
    """Source and cue span scores (overlap and exact) of the extractor on PolNeAR articles."""
    from .corpus import parse_article
    from .nlp import parse

    predicted: dict[str, list[tuple[str, int, int]]] = {"source": [], "cue": []}
    gold: dict[str, list[tuple[str, int, int]]] = {"source": [], "cue": []}
    for name, text, ann in items:
        article = parse_article(text, id=name, format="plain", language="en")
        attributions, _ = analyse_sourcing(parse(article))
        predicted["cue"] += [(name, a.cue.start, a.cue.end) for a in attributions]
        predicted["source"] += [(name, a.source.start, a.source.end) for a in attributions
                                if a.source is not None]
        sources, cues = read_brat_attributions(ann)
        gold["source"] += [(name, s, e) for s, e in sources]
        gold["cue"] += [(name, s, e) for s, e in cues]
    return {f"{kind} {match}": span_scores(predicted[kind], gold[kind], match)
            for kind in ("source", "cue") for match in ("overlap", "exact")}
