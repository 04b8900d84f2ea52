"""Hedging: the cues that mark how sure a text is of what it says, sentence by sentence.

A *hedge* (Lakoff 1973; Hyland 1998, 2005) withholds full commitment to a proposition: the
Italian reportive conditional ("la Corea del Nord *starebbe* fornendo...", the *condizionale
giornalistico*), modal verbs, epistemic adverbs, possibility words, belief and appearance verbs,
expectations, evidentials, approximators, agentless reporting, conditions and open questions.
*Boosters* ("clearly", "ufficialmente") do the opposite and are counted apart, as the contrast.

The cues come from two lexicons kept as data (``lexicons/hedges_it.csv``,
``lexicons/hedges_en.csv``), read by two spaCy ``PhraseMatcher`` objects, one on lemmas
(``kind=lemma``) and one on lower-cased forms (``kind=form``; multi-word rows are phrases), and
a token ``Matcher`` for the few rows with a ``_`` wildcard (any one token); plus one morphology
rule: Italian conditional endings (``kind=suffix``: -rebbe, -rebbero, ...) on a word the parse
puts in the conditional mood (``Mood=Cnd``). Rows of category ``none`` are fixed expressions
that contain a cue word without being a cue ("il prima possibile", "would like"): they block the
cue they overlap. A few rows carry a ``context`` the next words must satisfy (see :data:`CONTEXTS`).

References
----------
Lakoff, G. (1973). Hedges. *Journal of Philosophical Logic* 2(4), 458-508.
doi:10.1007/BF00262952
Hyland, K. (1998). *Hedging in Scientific Research Articles*. Benjamins. doi:10.1075/pbns.54
Farkas, R. et al. (2010). The CoNLL-2010 shared task: learning to detect hedges and their scope
in natural language text. *CoNLL-2010 Shared Task*, 1-12.
Squartini, M. (2004). Disentangling evidentiality and epistemic modality in Romance. *Lingua*
114(7), 873-895. doi:10.1016/S0024-3841(03)00064-0
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import matplotlib.pyplot as plt
import numpy
import pandas as pd
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .display import PALETTE
from .language import SUPPORTED_LANGUAGES, check_language
from .lexicon import NOT_A_CUE, closed_class, load_lexicon, reporting_verbs
from .nlp import APOSTROPHES, ParsedArticle, get_nlp
from .sourcing.sources import _names_a_time, _provides_for
from .sourcing.syntax import IMPERSONAL_CLITICS, _is_relative, _predicative, verb_forms
from .sourcing.words import AGENT_MARKERS, AUXILIARY_LEMMAS, PASSIVE_AUXILIARIES, source_nouns

#: Hedge categories, in the order tables and legends show them.
CATEGORIES = (
    "conditional", "modal", "epistemic_adverb", "possibility", "belief", "expectation",
    "evidential", "approximator", "agentless", "condition",
)
BOOSTER = "booster"
#: One-line description of each category (for legends and tables).
CATEGORY_LABELS = {
    "conditional": "conditional / reportive mood",
    "modal": "modal verb",
    "epistemic_adverb": "epistemic adverb",
    "possibility": "possibility noun or adjective",
    "belief": "belief or appearance verb",
    "expectation": "expectation",
    "evidential": "evidential (signs, indications, no confirmation)",
    "approximator": "approximator",
    "agentless": "agentless reporting",
    "condition": "condition or open question",
    BOOSTER: "booster (the contrast)",
}
#: A fixed colour per category, so every figure and highlight uses the same one.
CATEGORY_COLORS = {c: PALETTE[i] for i, c in enumerate((*CATEGORIES, BOOSTER))}

#: Sentence labels, from most to least certain, and the rule behind each.
LABELS = ("certain", "hedged", "strongly hedged")
LABEL_RULES = {
    "certain": "no hedge cue",
    "hedged": "one hedge cue",
    "strongly hedged": "two or more hedge cues",
}

# --- contexts: what must follow (or precede) a cue for it to count ---------------------------
#: ``that``: a che/that clause follows within two tokens (credere che, fear that), or past a
#: short adjunct (:func:`_that_clause`: "indicated on Monday that"), or a subjunctive or
#: conditional clause without "che" (:func:`_clause_without_che`: "credo sia importante"), or
#: the verb is set off after its claim (:func:`_parenthetical`: "…, credo."): without any the
#: verb is not epistemic (credere in, pensare a, suggerire di, prevedere = "provide for").
#: ``that_subj``: as ``that``, and the clause's verb is a subjunctive (temere che + congiuntivo,
#: Serianni 1989, XIV: verbs of fearing and doubting select the subjunctive when they take a
#: proposition, with or without "che"; "teme per la sua vita" takes none). ``to_that``: "to"
#: or "that" follows (appear to, it appears that; not "appeared in the film"). ``num``: a
#: number is next to the word, possibly across one article or preposition (circa 300, 300
#: circa, intorno ai 300).
#: ``possibility``: a modal in the conditional mood by the parse (potrebbe, "may": an
#: epistemic modal, apart from the reportive conditional), or a present of possibility before
#: an infinitive with no object (:func:`_possibility`: "i titoli possono finire", securities
#: may end up), where "può vendere telefoni" (is able to sell) is an ability and "non può",
#: "possiamo", "si può", "ha potuto" and the future "potranno iscriversi" (will be able or
#: allowed to) are none. ``cnd_event``: in the conditional and before such an
#: infinitive (dovrebbe arrivare, "is expected to arrive", where "dovrebbe smettere di tassare"
#: is advice), or before a passive one that says when ("dovrebbe essere completata a
#: ottobre"; "dovrebbero essere puniti" is advice, :func:`_timed`). ``event``: before such an
#: active infinitive, in any mood ("the plant should reopen", is expected to; "the government
#: should stop taxing fuel" is advice).
#: ``conjecture``: a perfect follows ("would have expired", a guess about the past) or the cue
#: is the consequence of a condition frame ("if it fails, they would cut jobs"): plain "would"
#: in news is the future of a reported plan ("Fiat would begin with a 20% share").
#: ``inf``: an infinitive follows after its marker ("rischiano di fallire"). ``quantity``: a
#: number after the cue, not a year ("fino a 300", not "fino al 2025"; "more than 40").
#: ``expect``: "that" follows and the verb's subject is no text that lays down terms
#: ("l'accordo prevedeva che": provided for, GUIDELINES.md 8.6 and 9.6), or the verb's object
#: is a noun and its subject a name or people (:func:`_forecast_object`: "Visco
#: prevede due anni di recessione", "il 74% prevede un rallentamento"; "il decreto prevede due
#: anni di carcere" lays down terms). ``negated``: the verb is negated, on itself or on the
#: word it is the subject or complement of ("non escludono che", "non è da escludere", "non è
#: possibile escluderlo": not ruled out, a possibility; the hedge's span takes the negation in,
#: GUIDELINES.md 2.2). ``perfect``: a modal outside the conditional before a perfect
#: infinitive ("it must have been a mistake", "deve essersi trattato", "possono avere
#: alimentato": an inference or a guess about the past, where "must pay" is a duty and "può
#: vendere" an ability). ``open_subjunctive``: a subjunctive of possibility ("il rischio che
#: possa vincere") in no clause of purpose, manner or degree, no indirect question and no wish
#: (:func:`_closed_subjunctive`: "affinché possa restare", "per quanto possa sembrare", "come
#: possa essere", "auspichiamo che possa"). ``prenominal``: a
#: participle before its noun ("la prevista diminuzione": expected; "i tagli previsti" may be
#: planned, "è previsto per" is a schedule). ``epistemic_reading``: an adjective of possibility
#: read as a guess, not as what can be done (:func:`_epistemic_adjective`). ``predicative``: an
#: object and a predicative complement ("che Ankara considera estremisti": a judgement; "considerare
#: i costi", take into account, is none).
#: ``impersonal``: the verb has no subject in the parse ("si dice che", it is said; "Rossi si
#: dice convinto" is Rossi speaking).
#: ``seeming``: the verb has a predicate ("appare più dolce", "appare importante che": seems;
#: "appare all'orizzonte" is seen).
#: ``agentless_passive``: a passive participle with no agent whose subject is an expletive or a
#: clause, or which takes an infinitive or a predicate ("it was announced that", "is said to
#: have", "were reported killed"; "the deal was announced on Monday" reports a fact, and "was
#: announced by the ministry" names its source, :func:`_agentless_passive`).
#: ``as_predicate``: the verb gives its object a predicate introduced by "as"
#: (:func:`_as_predicate`: "are seen by investors as a risk", "see themselves as"; "saw the
#: film" is no belief).
#: ``verb``: the cue's first word is tagged as a verb ("the data point to", not "347 points
#: to a level"). ``clause``: the cue governs a complement clause ("we don't know what
#: caused it"; "they don't know the facts" is no uncertainty). ``timed``: a modal before a
#: verb that says when it will happen, whatever its objects ("the deal should be completed in
#: October", "should take a couple of months": is expected to; "should have been taken years
#: ago", a perfect, and "we should", are no forecast). ``volitive`` (a blocking row's context:
#: blocking rows read contexts too): the conditional of a wish of the speaker or addressee, or of
#: a subject that is no noun ("vorrei", "il partito che vorrebbe"); with a noun as subject it
#: reports what someone wants ("la Cina vorrebbe conquistare"). ``weighing`` (a blocking row's
#: context): the verb gives its object no predicate, neither a noun or adjective
#: (:func:`_predicative`) nor an infinitive after its marker ("we will consider other options"
#: weighs an option to act; "would consider him a friend", "would consider him to be right" are
#: judgements). ``not_offered``: the noun is no object of a verb of having or giving (the
#: nearest verb above it, :data:`OPPORTUNITY_VERBS`): "offre a Chrysler la possibilità di
#: sopravvivere", "non hanno ancora la possibilità di", an opportunity; "valuta la possibilità
#: di", "non esclude la possibilità" weigh a possibility. ``evidence``: "that" follows, or an
#: existential clause introduces the noun in the few words before it ("ci sono crescenti
#: segnali di un'intensificazione"; "inviano segnali di nervosismo" sends a message).
#: ``inference``: the verb's subject, or that of the verb a subjectless gerund hangs on, is no
#: speaker (:func:`_speaker_subject`): "the data suggest", "volume was low, suggesting" infer
#: from evidence; "Maher suggested", "Cuban complained …, suggesting" are someone speaking.
CONTEXTS = ("", "that", "that_subj", "to_that", "num", "possibility", "cnd_event", "event",
            "conjecture", "inf", "quantity", "expect", "prenominal", "epistemic_reading",
            "predicative", "impersonal", "seeming", "agentless_passive", "as_predicate",
            "verb", "clause", "timed", "volitive", "negated", "perfect", "open_subjunctive",
            "weighing", "not_offered", "evidence", "inference")
#: A figure written with its magnitude, which spaCy's ``like_num`` misses ("140bn", "5mila").
_MAGNITUDE = re.compile(r"\d[\d.,]*(?:bn|mn|tn|m|k|mila)", re.IGNORECASE)
_YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")
# the closed classes of ``analysis/lexicons/closed_class.csv`` that the contexts read
_INFINITIVE_MARKERS = closed_class("infinitive_marker")
_THAT = closed_class("complementiser")
_TO_THAT = {lang: _INFINITIVE_MARKERS[lang] | _THAT[lang] for lang in _THAT}
#: "as" before a predicate ("seen as a risk"); the pronoun subject of an impersonal passive
#: ("it is feared that")
PREDICATIVE_MARKERS = closed_class("predicative_marker")
EXPLETIVES = closed_class("expletive")
#: Negations that turn a booster into its opposite ("non ha confermato"): such boosters are
#: dropped (the negated phrases that are hedges, "nessuna conferma", are lexicon rows).
NEGATIONS = closed_class("negation")
_WINDOW = 8  # tokens after "che" searched for the clause's verb
_ADJUNCT = 4  # tokens an adjunct may put between a verb and its "che"/"that" ("on Monday")
#: Endings of an Italian verb's lemma (the infinitive): a word the tagger puts in the
#: conditional with a lemma that is no verb ("aerei" -> "aereo") is a noun.
INFINITIVE_ENDINGS = ("are", "ere", "ire", "rre")
#: Verbs of denial: a modal in their complement is what the speaker rules out, not a hedge
#: (GUIDELINES.md 2.3).
DENIAL_LEMMAS = closed_class("denial_verb")
#: Words that take an indirect question (chiedersi se, vedremo se, non è chiaro se): a "se"
#: clause on them is whether, whatever relation the parser gave it.
QUESTION_GOVERNORS = closed_class("question_governor")
#: Words after which a subjunctive is asked for by purpose, manner, degree or an indirect
#: question ("affinché possa", "per quanto possa", "come possa"), and words of wishing whose
#: complement takes one ("auspichiamo che possa"): no guess (:func:`_closed_subjunctive`).
SUBJUNCTIVE_OPENERS = closed_class("subjunctive_opener")
WISH_WORDS = closed_class("wish_word")
_OPENER_WINDOW = 4  # words before a subjunctive searched for such an opener
#: Clitics after which "se" is the pronoun of a clitic pair ("se la prendono", "se ne va").
SE_CLITICS = closed_class("se_clitic")
#: Modals whose participle after a conditional auxiliary is a missed obligation or a wish
#: ("avrebbe dovuto", "avrebbe voluto": GUIDELINES.md 2.3), not a hedge.
COUNTERFACTUAL_MODALS = closed_class("counterfactual_modal")
#: Modals of possibility: their conditional under a past reporting verb is still a guess.
POSSIBILITY_MODALS = closed_class("possibility_modal")
#: The pronoun of an existential clause ("ci sono", "there are") and how many words before a
#: noun of evidence it may stand ("ci sono crescenti segnali di").
EXISTENTIALS = closed_class("existential")
_EXISTENTIAL_WINDOW = 4
#: Verbs of having or giving whose object "possibilità" is an opportunity.
OPPORTUNITY_VERBS = closed_class("opportunity_verb")
#: Modals that are a language's conditional where its parse has no conditional mood (English
#: "would", "could", "might"): in the consequence of a condition frame they are conditions.
CONDITIONAL_MODALS = closed_class("conditional_modal")
_PERFECT_AUXILIARIES = closed_class("perfect_auxiliary")
#: Categories of cues read from the verb's mood: in the consequence of a "se" clause they are
#: conditions (GUIDELINES.md 2.1, ``condition``).
MOOD_CATEGORIES = frozenset({"conditional", "modal", "expectation"})
#: Categories of verbs whose subject holds the belief: with a negated subject no one holds it.
HOLDER_CATEGORIES = frozenset({"belief", "expectation"})
#: Categories of ``source_nouns_<lang>.csv`` that name people, who forecast what a verb of
#: expectation takes as object (:func:`_forecast_object`); a document or an organisation may
#: lay down or plan what it names.
FORECASTER_CATEGORIES = frozenset({"anonymous", "role", "title", "vague_collective"})
# A sentence whose words are mostly capitalised is a headline in title case: capitals there
# do not mark names.
_TITLE_CASE_SHARE = 0.6
_OPENERS = frozenset({":", "-", "\u2013", "\u2014"})


@dataclass(frozen=True)
class Hedge:
    """One hedge (or booster) cue.

    Attributes
    ----------
    start, end : int
        Character offsets into ``article.text`` (``text[start:end]`` is the cue).
    text : str
        The cue as written.
    category : str
        One of :data:`CATEGORIES`, or ``"booster"``.
    sentence : int
        Index into ``parsed.sentences``.
    pattern : str
        The lexicon pattern (or conditional ending) that matched.
    gloss : str
        English gloss of the lexicon row.
    """

    start: int
    end: int
    text: str
    category: str
    sentence: int
    pattern: str
    gloss: str

    @property
    def is_booster(self) -> bool:
        """True for a booster, False for a hedge."""
        return self.category == BOOSTER

    def to_record(self) -> dict[str, Any]:
        """The cue as the annotate contract's ``hedges`` item."""
        return {"start": self.start, "end": self.end, "text": self.text,
                "category": self.category, "sentence": self.sentence}


@dataclass(frozen=True)
class SentenceCertainty:
    """How hedged one sentence is, and the rule that gave its label."""

    sentence: int
    start: int
    end: int
    part: str
    hedges: int
    boosters: int
    categories: str
    label: str
    rule: str


@dataclass(frozen=True)
class HedgingProfile:
    """Per-article hedging figures.

    Attributes
    ----------
    words, sentences : int
        Words (tokens that are not punctuation) and sentences of headline and body.
    hedges, boosters, hedged_sentences : int
    hedges_per_100_words : float
    share_hedged : float
        Share of sentences with at least one hedge cue.

        The three ratios are unrounded: round them once, where they are shown (rounded here
        too, a figure read differently in two places: 3.925 shown as 3.92 and as 3.93).
    boosters_per_hedge : float or None
        None when the article has no hedge.
    by_category : dict
        Cue counts per category (boosters included), in :data:`CATEGORIES` order.
    """

    words: int
    sentences: int
    hedges: int
    boosters: int
    hedged_sentences: int
    hedges_per_100_words: float
    share_hedged: float
    boosters_per_hedge: float | None
    by_category: dict[str, int]


# --- the lexicon as Matcher patterns --------------------------------------------------------


def _variants(pattern: str) -> list[list[str]]:
    """The words of a lexicon pattern, once per apostrophe when it has one."""
    return [v.split() for v in sorted({pattern.replace(APOSTROPHES[0], a) for a in APOSTROPHES})]


@dataclass(frozen=True)
class _Row:
    pattern: str
    category: str
    context: str
    gloss: str


@dataclass(frozen=True)
class _Anchor:
    """The last word (not a wildcard) of a wildcard pattern: what it is and where."""

    attr: str  # "LOWER" or "LEMMA"
    word: int  # string id
    offset: int  # its position in the pattern
    length: int  # the pattern's length in tokens


@dataclass(frozen=True)
class _Lexicon:
    """A language's hedge lexicon compiled: phrase matchers on lower-cased forms and lemmas
    (hash look-ups, one pass over the tokens), a token Matcher for the few patterns with a
    ``_`` wildcard (with the anchors where it runs), and the conditional endings as one
    regular expression."""

    rows: tuple[_Row, ...]
    matchers: tuple[PhraseMatcher, ...]
    wildcards: Matcher
    anchors: tuple[_Anchor, ...]
    conditional: re.Pattern[str] | None
    by_suffix: dict[str, int]
    modal_lemmas: frozenset[str]  # lemmas with rows read in the conditional (context cnd)
    reporting_lemmas: frozenset[str]  # verbs whose past tense makes a future in the past
    frames: frozenset[str]  # one-word condition frames ("se", "qualora", "altrimenti")


@cache
def _lexicon(lang: str) -> _Lexicon:
    check_language(lang, "hedging")
    table = load_lexicon(f"hedges_{lang}", language=lang)
    vocab = get_nlp(lang).vocab
    phrases = {"form": PhraseMatcher(vocab, attr="LOWER"),
               "lemma": PhraseMatcher(vocab, attr="LEMMA")}
    wildcards = Matcher(vocab)
    anchors: dict[_Anchor, None] = {}  # in lexicon order, without repeats
    by_suffix = {}
    for index, row in table.iterrows():
        key, variants = str(index), _variants(row["pattern"])
        attr = "LEMMA" if row["kind"] == "lemma" else "LOWER"
        if row["kind"] == "suffix":
            by_suffix[row["pattern"]] = index
        elif "_" in row["pattern"].split():
            wildcards.add(key, [[{} if w == "_" else {attr: w} for w in v] for v in variants])
            for words in variants:
                offset = max(i for i, w in enumerate(words) if w != "_")
                anchors[_Anchor(attr, vocab.strings.add(words[offset]), offset, len(words))] = None
        else:
            docs = [Doc(vocab, words=v, lemmas=v) for v in variants]
            phrases[row["kind"]].add(key, docs)
    rows = tuple(_Row(r.pattern, r.category, r.context, r.gloss) for r in table.itertuples())
    suffixes = sorted(by_suffix, key=len, reverse=True)
    # A whole word ending in one of the suffixes (group 1), searched in the text.
    conditional = (re.compile(rf"\b\w+({'|'.join(suffixes)})\b", re.IGNORECASE)
                   if suffixes else None)
    matchers = tuple(m for m in phrases.values() if len(m))
    modal = frozenset(table.loc[(table["kind"] == "lemma") &
                                table["context"].isin(["possibility", "cnd_event"]), "pattern"])
    frames = frozenset(table.loc[(table["category"] == "condition") &
                                 ~table["pattern"].str.contains(" "), "pattern"])
    return _Lexicon(rows, matchers, wildcards, tuple(anchors), conditional, by_suffix, modal,
                    reporting_verbs(lang), frames)


# --- contexts -------------------------------------------------------------------------------


def is_subjunctive(token: Token) -> bool:
    """Whether a verb form is a subjunctive, by its mood in the parse (``Mood=Sub``).

    Examples
    --------
    >>> from analysis.nlp import get_nlp
    >>> [is_subjunctive(t) for t in get_nlp("it")("Temo che piova.")]
    [False, False, True, False]
    """
    return "Sub" in token.morph.get("Mood")


def _context_holds(context: str, doc: Doc, start: int, end: int, lang: str) -> bool:
    after = range(end, min(end + 2, len(doc)))  # the two tokens after the cue
    if context == "that":
        cue = doc[start:end]
        return any(doc[i].lower_ in _THAT[lang] for i in after) or _that_clause(cue) or \
            _clause_without_che(cue) or _parenthetical(cue)
    if context == "evidence":
        # "ci sono (crescenti) segnali di una ripresa": evidence said to exist, in the few words
        # before the noun; or a "che" clause ("un segnale che la ripresa è vicina")
        before = doc[max(doc[start].sent.start, start - _EXISTENTIAL_WINDOW):start]
        return _context_holds("that", doc, start, end, lang) or any(
            t.lower_ in EXISTENTIALS[lang] and t.i + 1 < start and doc[t.i + 1].lemma_ in
            AUXILIARY_LEMMAS[lang] for t in before)
    if context == "inference":
        return not _speaker_subject(doc[start], lang)
    if context == "that_subj":
        that = next((i for i in after if doc[i].lower_ in _THAT[lang]), None)
        if that is None:
            return _clause_without_che(doc[start:end])
        if lang != "it":
            return True
        return any(is_subjunctive(t) for t in doc[that + 1 : that + 1 + _WINDOW])
    if context == "to_that":
        return end < len(doc) and doc[end].lower_ in _TO_THAT[lang]
    if context in ("num", "quantity"):
        # the number before ("300 circa", "il 30% circa") or after ("oltre 500", "oltre il 7%");
        # a quantity's number comes after, and is no year ("fino al 2025" is until a year, "two
        # over American soil" no amount over anything)
        before = () if context == "quantity" else (start - 2, start - 1) \
            if start > 0 and doc[start - 1].text in "%" else (start - 1,)
        numbers = [doc[i] for i in (*before, end, end + 1)
                   if 0 <= i < len(doc) and (doc[i].like_num or doc[i].pos_ == "NUM"
                                             or _MAGNITUDE.fullmatch(doc[i].text))]
        if context == "quantity":
            numbers = [n for n in numbers if not _YEAR.fullmatch(n.text)]
        return bool(numbers)
    conditional = "Cnd" in doc[start].morph.get("Mood")
    if context == "possibility":
        return conditional or _possibility(doc[start], lang)
    if context == "inf":
        return end + 1 < len(doc) and doc[end].lower_ in _INFINITIVE_MARKERS[lang] and \
            "Inf" in doc[end + 1].morph.get("VerbForm")
    if context == "conjecture":
        # "would (not) have expired"; "if it fails, they would cut jobs" (a condition)
        return _perfect_after(doc, end, lang) or \
            _consequence(doc[start], _lexicon(lang).frames)
    if context in ("cnd_event", "event"):
        modal = doc[start]
        if not (conditional or context == "event") or _personal(modal):
            return False
        # in the conditional, any infinitive counts when a time is given ("dovrebbe essere
        # completata entro maggio", "dovrebbe raggiungere i 400 milioni entro il 2050", as
        # English "should" with a time): "dovrebbero essere puniti", "dovrebbe smettere di
        # tassare" are advice
        return _before_event(modal) or context == "cnd_event" and _timed(modal, lang)
    if context == "prenominal":
        # an attributive participle before its noun ("la prevista diminuzione", "a claimed
        # seven hours")
        word = doc[start]
        return word.head.i > word.i and word.head.pos_ == "NOUN" and all(
            doc[i].pos_ in ("ADJ", "ADV", "VERB", "NUM") for i in range(end, word.head.i))
    if context == "epistemic_reading":
        return _epistemic_adjective(doc, start, end, lang)
    if context == "predicative":
        return _predicative(doc[start])
    if context == "weighing":
        verb = doc[end - 1]
        return not _predicative(verb) and not any(
            c.dep_ == "xcomp" and any(m.dep_ == "mark" and m.lower_ in _INFINITIVE_MARKERS[lang]
                                      for m in c.children) for c in verb.children)
    if context == "impersonal":
        verb = next((t for t in doc[start:end] if t.pos_ in ("VERB", "AUX")), doc[end - 1])
        return not any(c.dep_.startswith("nsubj") for c in verb.children)
    if context == "seeming":  # (an intransitive verb: an "object" or an adjective after it,
        # whatever relation the parse gives it, is a predicate misread)
        return any(c.dep_ in ("xcomp", "obj") or c.pos_ == "ADJ" and c.i > start
                   for c in doc[start].children)
    if context == "expect":
        return (_context_holds("that", doc, start, end, lang) or
                _forecast_object(doc[start], lang)) \
            and not _provides_for(doc[start], lang)
    if context == "negated":
        return _negation(doc[start], lang) is not None
    if context == "open_subjunctive":
        return not _closed_subjunctive(doc[start], lang)
    if context == "perfect":  # "must (not) have been", "possono avere alimentato"; "può
        # essere stato" (may have been), where "può essere utilizzato" is a passive
        participle = next((t for t in doc[end + 1:end + 4] if "Part" in t.morph.get("VerbForm")),
                          None)
        return not conditional and participle is not None and (
            _perfect_after(doc, end, lang) or participle.lemma_ in PASSIVE_AUXILIARIES[lang])
    if context == "agentless_passive":
        return _agentless_passive(doc[start], lang)
    if context == "as_predicate":
        return _as_predicate(doc[start], lang)
    if context == "clause":
        # a complement clause, or an indirect question the parser read as a free relative
        # ("don't know what they will do": "what" the object, with a relative clause)
        # (not an infinitive: "non so nuotare", "don't know how to swim" is ability)
        return any(child.i >= end and (child.dep_ == "ccomp" and "Inf" not in child.morph.get(
            "VerbForm") or child.dep_ == "obj" and {
            "Int", "Rel"} & set(child.morph.get("PronType")) and any(
                c.dep_ == "acl:relcl" for c in child.children))
            for word in doc[start:end] for child in word.children)
    if context == "volitive":
        # a wish of the speaker or the addressee ("vorrei", "vorresti"), or of a subject that
        # is no noun ("il partito che vorrebbe"): "la Cina vorrebbe conquistare" reports what
        # a named actor wants, a reportive conditional
        verb = doc[start]
        subjects = [c for c in _clause(verb).children if c.dep_.startswith("nsubj")]
        return _first_or_second_person(verb) or not any(
            s.pos_ in ("NOUN", "PROPN") for s in subjects)
    if context == "verb":
        return doc[start].pos_ == "VERB"
    if context == "timed":
        return _timed(doc[start], lang)
    if context == "not_offered":
        noun = doc[start]
        verb = next((a for a in noun.ancestors if a.pos_ == "VERB"), None)
        return not (noun.dep_ == "obj" and verb is not None
                    and verb.lemma_.lower() in OPPORTUNITY_VERBS[lang])
    return True


@cache
def _people_nouns(lang: str) -> frozenset[str]:
    """One-word source nouns that name people (analista, esperto, ministro, analyst): the
    categories of :data:`FORECASTER_CATEGORIES` in ``source_nouns_<lang>.csv``."""
    return frozenset(words[0] for words, category in source_nouns(lang).items()
                     if len(words) == 1 and category in FORECASTER_CATEGORIES)


def _forecast_object(verb: Token, lang: str) -> bool:
    """Does a verb of expectation take a noun as object with a name, a share of people or a
    noun of people as subject, read through a relative pronoun ("Visco prevede due anni di
    recessione", "il 74% prevede un rallentamento", "gli analisti, che prevedevano perdite")?
    Such a subject forecasts; a text or a body laying down terms ("il decreto prevede", "il
    governo prevede una spesa") provides for what it names."""
    subjects = [verb.head if _is_relative(c) and verb.dep_ == "acl:relcl" else c
                for c in verb.children if c.dep_ == "nsubj"]
    # (an infinitive with an article is a noun: "prevedono il perdurare della crisi")
    return any(c.dep_ == "obj" and c.pos_ == "NOUN" or c.dep_ in ("obj", "xcomp")
               and "Inf" in c.morph.get("VerbForm") and any(d.dep_ == "det" for d in c.children)
               for c in verb.children) and any(
        s.pos_ == "PROPN" or s.text == "%" or s.lemma_.lower() in _people_nouns(lang)
        for s in subjects)


def _negation(verb: Token, lang: str) -> Token | None:
    """The negation of a verb: a negative word before it among its dependents ("non
    escludono", "nessuno esclude"), or among those of the word it is the subject or complement
    of ("non è possibile escluderlo"). None when the verb is not negated."""
    holders = (verb, verb.head) if verb.dep_ in ("csubj", "xcomp") else (verb,)
    return next((c for holder in holders for c in holder.children
                 if c.i < verb.i and c.lower_ in NEGATIONS[lang]), None)


def _closed_subjunctive(modal: Token, lang: str) -> bool:
    """Is a subjunctive modal in a clause whose subjunctive the grammar asks for, not a guess:
    after a word of purpose, manner or degree or an interrogative in the few words before it
    (:data:`_OPENER_WINDOW`, no punctuation between: "affinché possa restare", "in modo che
    possa", "per quanto cinico possa sembrare", "non capisco come Draghi possa"), or in the
    complement of a word of wishing ("auspichiamo che possa", "nella speranza che possa")?
    (:data:`SUBJUNCTIVE_OPENERS`, :data:`WISH_WORDS`)"""
    if not is_subjunctive(modal):
        return False
    doc = modal.doc
    before = list(doc[max(modal.sent.start, modal.i - _OPENER_WINDOW):modal.i])
    after_punctuation = before[max((i + 1 for i, t in enumerate(before) if t.is_punct),
                                   default=0):]
    if any(t.lower_ in SUBJUNCTIVE_OPENERS[lang] for t in after_punctuation):
        return True
    clause = _clause(modal)
    return clause.dep_ in ("ccomp", "acl", "xcomp") and \
        clause.head.lemma_.lower() in WISH_WORDS[lang]


def _personal(modal: Token) -> bool:
    """Is a modal, its verb or their subject in the first or second person ("dovremmo", "how
    we should respond": advice to the speaker or reader)? An English modal has no person of its
    own."""
    verb = modal.head if modal.dep_ == "aux" else modal
    return any(_first_or_second_person(t) for t in (modal, verb, *(
        c for c in verb.children if c.dep_.startswith("nsubj"))))


#: Relations of a dependent clause.
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "csubj", "parataxis"})


def _timed(modal: Token, lang: str) -> bool:
    """Is a modal the auxiliary of a verb with a time word or a year after it or in an adjunct
    of the verb put before it, the verb neither perfect nor in the first or second person
    ("should be completed in October", "should take a couple of months", "by 2050, output
    should reach")?"""
    verb = modal.head
    if modal.dep_ != "aux" or _personal(modal) or any(
            c.dep_ == "aux" and c.lower_ in _PERFECT_AUXILIARIES[lang] and c.i > modal.i
            for c in verb.children):
        return False
    # (not inside a clause of its own: "dovrebbe sapere che oggi …" says no when)
    words = [t for c in verb.children if c.i > modal.i and c.dep_ not in _CLAUSAL
             or c.i < modal.i and c.dep_ == "obl" for t in c.subtree]
    return _names_a_time(words) or any(_YEAR.fullmatch(t.text) for t in words)


def _introduced_by(clause: Token, words: frozenset[str]) -> bool:
    """Does a dependent open with one of ``words`` as its marker or preposition?"""
    return any(c.dep_ in ("mark", "case") and c.lower_ in words and c.i < clause.i
               for c in clause.children)


def _as_predicate(verb: Token, lang: str) -> bool:
    """Does a verb give its object a predicate with "as", the judgement of a belief verb: in the
    passive ("is seen by many as the least desirable"), with a pronoun object ("see themselves
    as") or with its object moved ("what they see as distinct groups")? A noun object with an
    "as" phrase is mostly an event and its circumstance ("saw large drops as a result of",
    "saw action as the fleet approached"), and is left out."""
    children = list(verb.children)
    objects = [c for c in children if c.dep_ == "obj"]
    judged = any(c.dep_ == "aux:pass" for c in children) or all(
        o.pos_ == "PRON" for o in objects)
    return judged and verb.pos_ == "VERB" and any(
        child.i > verb.i and _introduced_by(child, PREDICATIVE_MARKERS[lang])
        and not _clause_of_its_own(child) for child in children)


def _clause_of_its_own(word: Token) -> bool:
    """Is a word a finite verb or the head of a clause with its own subject?"""
    return "Fin" in word.morph.get("VerbForm") or any(
        c.dep_.startswith("nsubj") for c in word.children)


def _that_clause(cue: Span) -> bool:
    """Does the cue govern a clause marked by "che"/"that" a short adjunct after it ("indicated
    on Monday that", whether the parser reads the clause as a complement or an adverbial)? A
    relative "che"/"that" is a pronoun, not a marker, and a "che" further away is mostly one."""
    that = _THAT[cue.doc.lang_]
    return any(mark.dep_ == "mark" and mark.lower_ in that and mark.head.i > mark.i
               and mark.head.head in cue for mark in cue.doc[cue.end:cue.end + _ADJUNCT + 1])


def _clause_without_che(cue: Span) -> bool:
    """Does a complement clause in the subjunctive or the conditional follow the cue with no
    "che" ("credo sia importante", "temono si tratti di", "non credo si fermerebbero": Serianni
    1989, XIV, the complementiser may be left out before those moods)? The parser may read such
    a clause as an infinitival complement (``xcomp``), which a finite mood shows it is not."""
    return any(child.dep_ in ("ccomp", "xcomp") and child.i <= cue.end + 2 and not any(
        c.dep_ == "mark" for c in child.children) and any(
        {"Sub", "Cnd"} & set(t.morph.get("Mood")) for t in (child, *child.children)
        if t is child or t.dep_ in ("aux", "cop")) for word in cue for child in word.children)


def _parenthetical(cue: Span) -> bool:
    """Is the cue a finite verb set off after what it qualifies, closing its sentence ("…,
    credo.", "…, crede l'autore.")? Its claim is the sentence before it."""
    verb = cue[-1]
    doc = cue.doc
    before = doc[cue.start - 1] if cue.start > verb.sent.start else None
    rest = [t for t in doc[verb.i + 1:verb.sent.end] if not t.is_punct]
    return before is not None and before.text in _OPENERS | {","} and \
        "Fin" in verb.morph.get("VerbForm") and all(t in verb.subtree for t in rest) and \
        not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


def _agentless_passive(verb: Token, lang: str) -> bool:
    """Is a verb a passive participle with no agent, whose subject is an expletive or a
    clause, or which takes an infinitive or a predicate: "it was announced that", "it is
    feared (that)", "are said to have", "were reported killed"? "The deal was announced on
    Monday" reports a fact, and "was announced by the ministry" names its source."""
    children = list(verb.children)
    if not any(c.dep_ == "aux:pass" for c in children):
        return False
    if any(c.dep_.startswith("obl") and _introduced_by(c, AGENT_MARKERS[lang])
           for c in children):
        return False
    if any(c.dep_.startswith(("expl", "csubj")) for c in children):
        return True
    # "it is feared (that) ... may be happening", "is said to have", "were reported killed"
    # ("as it is commonly understood": "it" is a referring pronoun with no clause to stand for)
    complement = ("xcomp", "ccomp", "advcl") if any(
        c.dep_ == "nsubj:pass" and c.lower_ in EXPLETIVES[lang] for c in children) else ("xcomp",)
    return any(c.dep_ in complement and c.i > verb.i for c in children)


def _epistemic_adjective(doc: Doc, start: int, end: int, lang: str) -> bool:
    """Is an adjective of possibility a guess: before its noun ("una possibile sconfitta"),
    before a "che" clause ("è possibile che"), or, not negated, the predicate of a noun
    ("un'escalation è possibile") or of an infinitive in the present ("a luglio è possibile
    inviare truppe")? "Non è possibile ignorarlo" (it cannot be done), "sarà possibile
    costruire" (it will be feasible) and "i mezzi possibili" (the means available) say what can
    be done."""
    word = doc[start]
    # the noun after the adjective, past any other adjectives ("una possibile terza guerra"),
    # whatever head the parse gave it
    noun = next((t for t in doc[end:] if t.pos_ not in ("ADJ", "ADV")), None)
    if _context_holds("that", doc, start, end, lang) or (
            word.pos_ == "ADJ" and noun is not None and noun.pos_ in ("NOUN", "PROPN")):
        return True
    copula = next((c for c in word.children if c.dep_ == "cop"), None)
    if copula is None or any(c.lower_ in NEGATIONS[lang] for c in word.children):
        return False
    # "un'escalation è possibile": an event said to be possible
    if any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in word.children):
        return True
    return "Pres" in copula.morph.get("Tense") and "Ind" in copula.morph.get("Mood") and \
        end < len(doc) and "Inf" in doc[end].morph.get("VerbForm")


def _speaker_subject(verb: Token, lang: str) -> bool:
    """Is the subject of the verb someone who speaks: a name, a personal pronoun of a person
    or a noun of people (:func:`_people_nouns`: "Maher suggested", "analysts suggest")? A
    gerund or infinitive with no subject takes that of the verb it hangs on ("Cuban
    complained …, suggesting") or the noun it modifies ("accused Trump of suggesting"); data,
    a report or a trend is no speaker ("the data suggest", "volume was low, suggesting":
    Hyland 2005, evidence)."""
    clause = verb
    while not (subjects := [c for c in clause.children if c.dep_.startswith("nsubj")]):
        if clause.dep_ == "acl" and clause.head.pos_ in ("NOUN", "PROPN"):
            subjects = [clause.head]  # "accused Trump of suggesting": Trump suggests
            break
        if clause.dep_ not in ("advcl", "xcomp", "conj") or clause.head is clause:
            return False
        clause = clause.head
    subject = subjects[0]
    if subject.pos_ == "PRON":
        return "Prs" in subject.morph.get("PronType") and \
            "Neut" not in subject.morph.get("Gender")
    # (a name the tagger took for a common noun is still capitalised inside its sentence)
    return subject.pos_ == "PROPN" or subject.is_title and not subject.is_sent_start or \
        subject.lemma_.lower() in _people_nouns(lang)


def _first_or_second_person(verb: Token) -> bool:
    """Is a verb in the first or second person ("possiamo", "dovremmo": we can, we should; an
    ability or advice to the speaker or reader)? The singular present subjunctive ("possa") is
    read as a first person as often as a third, and counts as a third."""
    morph = verb.morph
    return bool({"1", "2"} & set(morph.get("Person"))) and not (
        "Sub" in morph.get("Mood") and "Sing" in morph.get("Number"))


def _possibility(modal: Token, lang: str) -> bool:
    """Is a modal outside the conditional one of possibility ("i titoli possono finire",
    securities may end up; "il rischio che possa scoppiare")? It must be a finite present in
    the third person, before an event (:func:`_before_event`), neither negated nor impersonal:
    "non può restare" (cannot), "possiamo contare" (we can), "si può ordinare" (one can order),
    "ha potuto", "poteva" (was able to) and "potranno iscriversi" (will be allowed to) are
    abilities and permissions (GUIDELINES.md 2.3), and "affinché possa restare" a subjunctive
    the grammar asks for (:func:`_closed_subjunctive`)."""
    morph = modal.morph
    if not ("Fin" in morph.get("VerbForm") and "Pres" in morph.get("Tense")) or \
            _first_or_second_person(modal) or _closed_subjunctive(modal, lang):
        return False
    # "può essere dannoso" (may be harmful): a copula is a state, which only a guess can
    # qualify
    copular = any(c.dep_ == "cop" and "Inf" in c.morph.get("VerbForm") and c.i > modal.i
                  for c in modal.head.children)
    if not (copular or _before_event(modal)):
        return False
    before = [c for c in (*modal.children, *modal.head.children) if c.i < modal.i]
    return not any(c.lower_ in NEGATIONS[lang] or c.lower_ in IMPERSONAL_CLITICS.get(lang, ())
                   for c in before)


def _before_event(modal: Token) -> bool:
    """Is a modal the auxiliary of an active infinitive with no object or complement, something
    that happens rather than something done ("possono finire", "dovrebbe arrivare"; not "può
    vendere telefoni", "dovrebbe smettere di tassare")? A passive ("dovrebbe essere completata",
    "possono essere memorizzate 75 ore") is left to :func:`_timed`."""
    infinitive = modal.head if modal.dep_ == "aux" else None
    return infinitive is not None and "Inf" in infinitive.morph.get("VerbForm") and not any(
        c.dep_ in ("obj", "ccomp", "xcomp") for c in infinitive.children)


# --- detection ------------------------------------------------------------------------------


def _sentence_index(parsed: ParsedArticle) -> list[int | None]:
    """Token index -> sentence index (None outside headline and body)."""
    index: list[int | None] = [None] * len(parsed.doc)
    for s, sent in enumerate(parsed.sentences):
        index[sent.start : sent.end] = [s] * len(sent)
    return index


def _starts_clause(token: Token) -> bool:
    """Sentence-initial, or right after an opening quote, bracket, dash or colon."""
    if token.is_sent_start:
        return True
    before = token.doc[token.i - 1]
    return before.is_left_punct or before.is_quote or before.text in _OPENERS


def _title_case(sent: Span) -> bool:
    """Whether most words of a sentence are capitalised (a headline in title case)."""
    words = [t for t in sent if t.is_alpha]
    capitals = sum(1 for t in words if t.is_title and not _starts_clause(t))
    return capitals >= _TITLE_CASE_SHARE * max(len(words) - 1, 1)


def _is_name(doc: Doc, start: int, end: int, sent: Span, title_case: dict[int, bool]) -> bool:
    """A capitalised word inside a sentence is a name ("May", "Hope"), unless it opens a
    clause or the sentence is in title case (``doc[start:end]``: the words, ``sent``: their
    sentence; ``title_case``: :func:`_title_case` of the sentences by start, filled in as
    needed)."""
    if not any(doc[i].is_title and not _starts_clause(doc[i]) for i in range(start, end)):
        return False
    if sent.start not in title_case:
        title_case[sent.start] = _title_case(sent)
    return not title_case[sent.start]


def _conditional_forms(parsed: ParsedArticle, lexicon: _Lexicon) -> list[tuple[int, int, int]]:
    """Words in the conditional mood: the endings are searched in the text (one regular
    expression), then each hit's mood is read from the parse (whose ``mood_forms`` pipe gives
    the endings only the conditional has, -rebbe, -rebbero, -remmo, that mood whatever the
    morphologizer read)."""
    doc = parsed.doc
    found = []
    # the article's text is the document's (``Doc.text`` would rebuild it token by token)
    for match in lexicon.conditional.finditer(parsed.article.text):
        span = doc.char_span(match.start(), match.end())
        if span is None or len(span) != 1:
            continue
        token = span[0]
        # a verb in the conditional mood by the parse (foreste, "forests", only ends like one),
        # not a modal with a row of its own (potrebbe, dovrebbe)
        index = lexicon.by_suffix[match.group(1).lower()]
        if "Cnd" in token.morph.get("Mood") \
                and token.pos_ in ("VERB", "AUX") and token.lemma_.endswith(INFINITIVE_ENDINGS) \
                and token.lemma_ not in lexicon.modal_lemmas:
            found.append((token.i, token.i + 1, index))
    return found


def _clause(token: Token) -> Token:
    """The verb heading a token's clause (an auxiliary's verb, a copula's predicate)."""
    return token.head if token.dep_ in ("aux", "aux:pass", "cop") else token


def _future_in_the_past(token: Token, lexicon: _Lexicon) -> bool:
    """A conditional in the complement of a reporting verb in a past tense ("disse che non ci
    sarebbe stato un accordo", "said he would visit"), or in a second complement joined to it:
    the future seen from the past, not a hedge. A modal of possibility is none: "ha detto che la
    guerra potrebbe durare anni" would be "può durare" in direct speech, still a guess."""
    clause = _clause(token)
    doc, lang = token.doc, token.doc.lang_
    if any(t.lemma_ in POSSIBILITY_MODALS[lang] for t in (
            token, *(c for c in clause.children if c.dep_ == "aux"))):  # "avrebbe potuto"
        return False
    complement = clause  # (a second "che" clause joined to the first: "… e che avrebbe posto")
    while complement.dep_ == "conj" and complement.head is not complement and any(
            c.dep_ == "cc" and c.i + 1 < len(doc) and doc[c.i + 1].lower_ in _THAT.get(lang, ())
            for c in complement.children):
        complement = complement.head
    if complement.dep_ == "ccomp" and complement.head.lemma_ in lexicon.reporting_lemmas:
        return _past(complement.head)
    # the parse hung the clause elsewhere: a compound conditional or a copula ("sarebbe
    # avanzata", "sarebbe stata in grado") in a "che" clause after a past reporting verb of
    # the same sentence ("aveva assicurato ai dirigenti che la NATO non sarebbe avanzata")
    # (only a conditional auxiliary or copula of the closed class, essere or avere: a verb the
    # parser hung on another word as its auxiliary, "amplierebbe pericolosamente", is a
    # misparse; English "would" is none, and only the parse's complement above decides it)
    if clause is token or token.lemma_ not in AUXILIARY_LEMMAS[lang]:
        return False
    before = doc[token.sent.start:token.i]
    that = [t.i for t in before if t.lower_ in _THAT.get(lang, ())]
    # (a colon or semicolon after the "che" opens a clause of its own: "aveva scritto che …:
    # il motivo sarebbe stato")
    return bool(that) and not any(t.text in (":", ";") for t in doc[that[-1]:token.i]) and any(
        t.lemma_ in lexicon.reporting_lemmas and _past(t) for t in doc[token.sent.start:that[-1]])


def _perfect_after(doc: Doc, end: int, lang: str) -> bool:
    """Does a perfect auxiliary follow within two tokens ("would (not) have expired")?"""
    return any(t.lower_ in _PERFECT_AUXILIARIES[lang] for t in doc[end:end + 2])


def _no_frame(frame: Token, lang: str) -> bool:
    """Is a condition word no frame at all: the pronoun of a clitic pair after a noun, a
    pronoun or a negation ("gli italiani se le pagano", "non se lo possono permettere"; "Se
    la vedi" opens its clause), or "se non" before a word that is no verb ("in Italia, se non
    in Europa", "se non subito": if not, or even; "se non continuano" is a condition)?"""
    doc = frame.doc
    before = doc[frame.i - 1] if frame.i > 0 else None
    rest = doc[frame.i + 1:frame.sent.end]
    if len(rest) > 1 and rest[0].lower_ in SE_CLITICS[lang]:  # (and a verb: "se la Russia")
        return rest[1].pos_ in ("VERB", "AUX") and before is not None and (
            before.pos_ in ("NOUN", "PROPN", "PRON") or before.lower_ in NEGATIONS[lang])
    clause = next((rest[:i] for i, t in enumerate(rest) if t.is_punct), rest)
    # (a clitic after "non" starts a clause whatever the tagger read: "se non lo fossimo")
    return len(rest) > 1 and rest[0].lower_ in NEGATIONS[lang] and rest[1].pos_ != "PRON" \
        and not any(t.pos_ in ("VERB", "AUX") for t in clause)


def _indirect_question(frame: Token) -> bool:
    """Does a condition word open a complement clause, an indirect question ("don't know if",
    "ha chiesto se", "non è chiaro se": whether, GUIDELINES.md 2.3), not a condition? The
    parser may hang the clause on a word of asking, knowing or seeing as an adverbial
    ("vedremo se prevarrà", "è giusto chiedersi se": :data:`QUESTION_GOVERNORS`). Not after a
    punctuation mark or an adverb ("only if", "solo se"), nor on a conditional ("sarebbe
    sorprendente se …": a hypothetical, whatever relation the parser gave it)."""
    before = frame.doc[frame.i - 1] if frame.i > 0 else None
    governor = frame.head.head
    complement = frame.head.dep_ in ("ccomp", "csubj", "obj") or frame.head.dep_ == "advcl" \
        and governor.lemma_.lower() in QUESTION_GOVERNORS[frame.doc.lang_]
    # (the parser may read "if" before a noun as a preposition: "don't know if freedom …")
    return frame.dep_ in ("mark", "case") and complement and \
        governor.i < frame.i and before is not None and not before.is_punct and \
        before.pos_ != "ADV" and not any(
            _conditional(t, frame.doc.lang_) for t in (governor, *governor.children)
            if t is governor or t.dep_ in ("aux", "aux:pass", "cop"))


def _past(verb: Token) -> bool:
    """Is a verb in a past tense (a participle, a past or imperfect indicative), or a gerund
    (whose time is its governor's: "sostenendo che", "dicendogli che")?"""
    form = verb_forms(verb)
    if "Ger" in form:
        return True
    return bool({"Past", "Imp"} & set(verb.morph.get("Tense"))) and (
        "Part" in form or "Ind" in verb.morph.get("Mood"))


def _counterfactual_modal(token: Token, lang: str) -> bool:
    """A conditional auxiliary before the participle of a modal of obligation or will
    ("avrebbe dovuto", "avrebbe voluto"): what should have happened or was wished."""
    return any(sibling.dep_ == "aux" and sibling.i == token.i + 1
               and sibling.lemma_ in COUNTERFACTUAL_MODALS[lang]
               and "Part" in sibling.morph.get("VerbForm") for sibling in token.head.children)


def _denied(token: Token, lang: str) -> bool:
    """Is a modal in the complement of a verb of denial that is not negated ("escludono che il
    giudice possa decidere": they rule it out; "non escludono" or "nessuno esclude che possa"
    hedges)?"""
    clause = _clause(token)
    verb = clause.head
    # negated by an adverb ("non escludono") or by its subject ("nessuno esclude")
    return clause.dep_ == "ccomp" and verb.lemma_ in DENIAL_LEMMAS[lang] and not any(
        child.lower_ in NEGATIONS[lang] for child in verb.children)


def _held_by_nobody(token: Token, lang: str) -> bool:
    """Is the subject of a belief or expectation verb negated ("no one is predicting",
    "nessuno crede che")? Then the sentence says the belief is held by no one. A verb of
    seeming does not say what its subject believes ("nessuno sembra essere consapevole": its
    infinitive complement is the hedged claim)."""
    verb = _clause(token)
    if any(c.dep_ == "xcomp" for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(s.lower_ in NEGATIONS[lang] or any(
        c.dep_ == "det" and c.lower_ in NEGATIONS[lang] for c in s.children) for s in subjects)


def _conditional(token: Token, lang: str) -> bool:
    """Is a verb in the conditional: its mood in the parse (``Mood=Cnd``: "sarebbe"), or one
    of the modals that play the conditional in a language without that mood ("would")?"""
    return "Cnd" in token.morph.get("Mood") or token.lower_ in CONDITIONAL_MODALS.get(lang, ())


def _consequence(token: Token, frames: frozenset[str]) -> bool:
    """Is a conditional the consequence of a condition frame (one-word ``condition`` rows of
    the lexicon): a hypothetical clause it governs ("se piovesse, la partita sarebbe
    rinviata") or a frame adverb or conjunction on its clause ("altrimenti non avremmo …")?
    Then it is a condition, not an epistemic hedge."""
    clause = _clause(token)
    lang = token.doc.lang_
    if any(child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in frames
                                         and not _no_frame(m, lang) for m in child.children)
           or child.dep_ in ("advmod", "cc") and child.lower_ in frames
           for child in clause.children):
        return True
    # a hypothetical period wherever the parse hangs its protasis: a frame before a
    # subjunctive in the same sentence ("Se ciò accadesse, sarebbe un colpo")
    return any(m.dep_ == "mark" and m.lower_ in frames and is_subjunctive(m.head)
               and m.head is not clause for m in token.sent)


def _wildcard_matches(doc: Doc, lexicon: _Lexicon) -> list[tuple[int, int, int]]:
    """The wildcard Matcher's ``(key, start, end)`` matches, the Matcher run only on the windows
    around the patterns' anchor words (it reads every token it is given, and a pattern of fixed
    length is found whole in the window around its anchor)."""
    if not lexicon.anchors or not len(doc):
        return []
    columns = {attr: doc.to_array(attr) for attr in {a.attr for a in lexicon.anchors}}
    windows: list[list[int]] = []
    for start, end in sorted((i - a.offset, i - a.offset + a.length) for a in lexicon.anchors
                             for i in numpy.flatnonzero(columns[a.attr] == a.word).tolist()):
        start, end = max(0, start), min(len(doc), end)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(end, windows[-1][1])
        else:
            windows.append([start, end])
    return [(key, window_start + start, window_start + end)
            for window_start, window_end in windows
            for key, start, end in lexicon.wildcards(doc[window_start:window_end])]


def _matches(parsed: ParsedArticle, lexicon: _Lexicon) -> list[tuple[int, int, int]]:
    """``(start, end, row)`` of every lexicon match and every conditional verb form."""
    doc = parsed.doc
    strings = doc.vocab.strings
    matches = [match for matcher in lexicon.matchers for match in matcher(doc)]
    matches += _wildcard_matches(doc, lexicon)
    found = [(start, end, int(strings[key])) for key, start, end in matches]
    if lexicon.conditional is not None:
        found += _conditional_forms(parsed, lexicon)
    return found


def find_hedges(parsed: ParsedArticle, *, boosters: bool = True) -> list[Hedge]:
    """Find the hedge cues (and boosters) of an article's headline and body.

    Candidates are checked one by one (inside one sentence, not a name, context satisfied,
    a booster not negated); then overlapping candidates are resolved longest first, and the
    fixed expressions of category ``none`` remove the cues they overlap.

    Parameters
    ----------
    parsed : ParsedArticle
        The article parsed once by :func:`analysis.parse`; its language must be one of
        :data:`analysis.language.SUPPORTED_LANGUAGES`.
    boosters : bool
        Also return boosters (category ``"booster"``).

    Returns
    -------
    list of Hedge
        In text order; offsets into ``parsed.article.text``.

    Raises
    ------
    ValueError
        When the article's language has no hedge lexicon.

    Examples
    --------
    >>> from analysis import Article, parse
    >>> text = "La Corea del Nord potrebbe inviare truppe, forse a luglio."
    >>> [(h.text, h.category) for h in find_hedges(parse(Article("x", text, language="it")))]
    [('potrebbe', 'conditional'), ('forse', 'epistemic_adverb')]
    """
    lang = parsed.article.language
    lexicon = _lexicon(lang)
    doc = parsed.doc
    sentence_of = _sentence_index(parsed)
    negations = NEGATIONS[lang]
    title_case: dict[int, bool] = {}
    kept = []
    for start, end, index in _matches(parsed, lexicon):
        row = lexicon.rows[index]
        sentence = sentence_of[start]
        if sentence is None or sentence_of[end - 1] != sentence:
            continue
        if row.category != NOT_A_CUE and _is_name(doc, start, end, parsed.sentences[sentence],
                                                  title_case) \
                or not _context_holds(row.context, doc, start, end, lang):
            continue
        if row.category == BOOSTER:
            first = parsed.sentences[sentence].start
            if any(t.lower_ in negations for t in doc[max(first, start - 3):start]):
                continue
        if row.context == "negated":  # "non è da escludere": the span takes the negation in
            start = min(start, _negation(doc[start], lang).i)
        kept.append(Span(doc, start, end, label=index))
    # Blockers first: at equal length filter_spans keeps the earlier span of the list.
    kept.sort(key=lambda span: lexicon.rows[span.label].category != NOT_A_CUE)
    hedges = []
    text = parsed.article.text  # the document's (``Span.text`` rebuilds it token by token)
    for span in filter_spans(kept):
        row = lexicon.rows[span.label]
        # Boosters take part in the overlap resolution even when left out ("senza dubbio"
        # must not leave its "dubbio" behind as a hedge).
        if row.category != NOT_A_CUE and (boosters or row.category != BOOSTER):
            start, end = span.start_char, span.end_char
            category = row.category
            if category == "condition" and (_indirect_question(doc[span.start])
                                            or _no_frame(doc[span.start], lang)):
                continue  # "asked if", "non so se": whether; "se la prendono": a pronoun
            if category == "conditional" and _future_in_the_past(doc[span.start], lexicon) \
                    and not (row.context == "conjecture" and _perfect_after(doc, span.end, lang)):
                # "ha detto che avrebbe chiuso", "said he would visit": reported; "concluded
                # that it would have been an insult" is a guess about the past, reported
                continue
            if category == "conditional" and _counterfactual_modal(doc[span.start], lang):
                continue  # "avrebbe dovuto essere intrapresa": should have been
            if category in MOOD_CATEGORIES and _denied(doc[span.start], lang):
                continue  # "escludono che possa": the speakers deny it, they do not hedge
            if category in HOLDER_CATEGORIES and _held_by_nobody(doc[span.start], lang):
                continue  # "no one is predicting failures": no belief is reported
            if category in MOOD_CATEGORIES and _conditional(doc[span.start], lang) \
                    and _consequence(doc[span.start], lexicon.frames):
                category = "condition"
            hedges.append(Hedge(start, end, text[start:end], category,
                                sentence_of[span.start], row.pattern, row.gloss))
    return sorted(hedges, key=lambda h: h.start)


def hedge_records(parsed: ParsedArticle) -> list[dict[str, Any]] | None:
    """The annotate contract's ``hedges`` value: hedge cues only (boosters left out).

    Returns None for an article whose language has no hedge lexicon (not analysed).
    """
    if parsed.article.language not in SUPPORTED_LANGUAGES:
        return None
    return [h.to_record() for h in find_hedges(parsed, boosters=False)]


# --- sentences and articles -----------------------------------------------------------------


def _label(n_hedges: int) -> str:
    return LABELS[min(n_hedges, 2)]


def sentence_certainty(
    parsed: ParsedArticle, hedges: list[Hedge] | None = None
) -> list[SentenceCertainty]:
    """Label every sentence certain, hedged or strongly hedged (see :data:`LABEL_RULES`).

    Parameters
    ----------
    parsed : ParsedArticle
    hedges : list of Hedge, optional
        The article's cues, when already found (else :func:`find_hedges` is called).

    Returns
    -------
    list of SentenceCertainty
        One per sentence of ``parsed.sentences``; boosters are counted but do not cancel hedges.
    """
    hedges = find_hedges(parsed) if hedges is None else hedges
    per_sentence: dict[int, list[Hedge]] = {}
    for h in hedges:
        per_sentence.setdefault(h.sentence, []).append(h)
    result = []
    for i, sent in enumerate(parsed.sentences):
        cues = per_sentence.get(i, [])
        hedge_cues = [h.category for h in cues if not h.is_booster]
        label = _label(len(hedge_cues))
        result.append(SentenceCertainty(
            sentence=i, start=sent.start_char, end=sent.end_char,
            part="headline" if i < parsed.n_headline else "body",
            hedges=len(hedge_cues), boosters=len(cues) - len(hedge_cues),
            categories=", ".join(sorted(set(hedge_cues))), label=label, rule=LABEL_RULES[label],
        ))
    return result


def certainty_frame(certainties: list[SentenceCertainty]) -> pd.DataFrame:
    """The sentence labels as a table (one row per sentence)."""
    return pd.DataFrame([asdict(c) for c in certainties],
                        columns=list(SentenceCertainty.__dataclass_fields__))


def hedging_profile(parsed: ParsedArticle, hedges: list[Hedge] | None = None) -> HedgingProfile:
    """Per-article figures: hedges per 100 words, share of hedged sentences, boosters vs hedges.

    Parameters
    ----------
    parsed : ParsedArticle
    hedges : list of Hedge, optional
        The article's cues, when already found.

    Returns
    -------
    HedgingProfile
    """
    hedges = find_hedges(parsed) if hedges is None else hedges
    words = sum(1 for s in parsed.sentences for t in s if not (t.is_punct or t.is_space))
    n_hedges = sum(1 for h in hedges if not h.is_booster)
    n_boosters = len(hedges) - n_hedges
    hedged = len({h.sentence for h in hedges if not h.is_booster})
    counts = Counter(h.category for h in hedges)
    return HedgingProfile(
        words=words,
        sentences=len(parsed.sentences),
        hedges=n_hedges,
        boosters=n_boosters,
        hedged_sentences=hedged,
        hedges_per_100_words=100 * n_hedges / words if words else 0.0,
        share_hedged=hedged / len(parsed.sentences) if parsed.sentences else 0.0,
        boosters_per_hedge=n_boosters / n_hedges if n_hedges else None,
        by_category={c: counts[c] for c in (*CATEGORIES, BOOSTER) if counts[c]},
    )


def hedge_frame(hedges: list[Hedge]) -> pd.DataFrame:
    """The cues as a table: sentence, offsets, text, category, pattern and English gloss."""
    columns = ["sentence", "start", "end", "text", "category", "pattern", "gloss"]
    return pd.DataFrame([{c: getattr(h, c) for c in columns} for h in hedges], columns=columns)


def plot_certainty(certainties: list[SentenceCertainty], *, title: str,
                   ax: plt.Axes | None = None) -> plt.Axes:
    """Hedge and booster cues per sentence, one horizontal bar each, coloured by label.

    Parameters
    ----------
    certainties : list of SentenceCertainty
    title : str

    Returns
    -------
    matplotlib.axes.Axes
    """
    colours = dict(zip(LABELS, (PALETTE[2], PALETTE[0], PALETTE[5])))
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(3, 0.3 * len(certainties) + 1)))
    names = [f"{'H' if c.part == 'headline' else 'S'}{c.sentence}" for c in certainties]
    ax.barh(names, [c.hedges for c in certainties],
            color=[colours[c.label] for c in certainties])
    ax.barh(names, [-c.boosters for c in certainties], color=CATEGORY_COLORS[BOOSTER])
    certain = [n for n, c in zip(names, certainties) if c.label == LABELS[0]]
    ax.scatter([0] * len(certain), certain, color=colours[LABELS[0]], zorder=3)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_title(title)
    ax.set_xlabel("cues in the sentence (boosters to the left, hedges to the right)")
    ax.set_ylabel("sentence (H = headline)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[label]) for label in LABELS]
    handles.append(plt.Rectangle((0, 0), 1, 1, color=CATEGORY_COLORS[BOOSTER]))
    ax.legend(handles, [*LABELS, BOOSTER], loc="lower right", fontsize=8)
    ax.grid(axis="y", visible=False)
    return ax


def headline_body_hedging(parsed: ParsedArticle, hedges: list[Hedge] | None = None
                          ) -> pd.DataFrame:
    """Hedging of the headline against the body, wherever the headline is.

    In a ``.txt`` article the headline is the first sentences of the text; a table (``.csv``,
    ``.jsonl``) gives it in its ``title`` column, outside the text: it is then parsed and
    searched on its own, so that a table's articles are not read as "no headline".

    Parameters
    ----------
    parsed : ParsedArticle
    hedges : list of Hedge, optional
        The article's cues, when already found.

    Returns
    -------
    pandas.DataFrame
        Index ``part`` (``headline``, ``body``); columns ``sentences, hedges, boosters,
        hedged_sentences, share_hedged`` (3 decimals) and ``from`` (``text``, ``title`` or
        ``none``). A missing headline has zero sentences.
    """
    from .corpus import Article
    from .nlp import parse

    hedges = find_hedges(parsed) if hedges is None else hedges
    rows = {}
    table = certainty_frame(sentence_certainty(parsed, hedges))
    parts = {"headline": table[table["part"] == "headline"],
             "body": table[table["part"] != "headline"]}
    where = "text" if parsed.n_headline else ("title" if (parsed.article.title or "").strip()
                                               else "none")
    if where == "title":
        title = parse(Article(f"{parsed.article.id} (title)", parsed.article.title.strip(),
                              language=parsed.article.language))
        parts["headline"] = certainty_frame(sentence_certainty(title))
    for name, rows_of in parts.items():
        n = len(rows_of)
        hedged = int((rows_of["label"] != LABELS[0]).sum())
        rows[name] = {"sentences": n, "hedges": int(rows_of["hedges"].sum()),
                      "boosters": int(rows_of["boosters"].sum()), "hedged_sentences": hedged,
                      "share_hedged": round(hedged / n, 3) if n else 0.0,
                      "from": where if name == "headline" else "text"}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("part")


def corpus_hedging(parsed: list[ParsedArticle]) -> pd.DataFrame:
    """One row of hedging figures per article of a corpus, for distributions and comparisons.

    Parameters
    ----------
    parsed : list of ParsedArticle
        Articles in a supported language (:data:`analysis.language.SUPPORTED_LANGUAGES`;
        others are left out).

    Returns
    -------
    pandas.DataFrame
        Columns ``article, outlet, published, language, words, hedges, boosters,
        hedges_per_100_words, share_hedged`` (3 decimals), in corpus order.
    """
    rows = []
    for p in parsed:
        if p.article.language not in SUPPORTED_LANGUAGES:
            continue
        profile = hedging_profile(p)
        rows.append({"article": p.article.id, "outlet": p.article.outlet,
                     "published": p.article.published_iso, "language": p.article.language,
                     "words": profile.words, "hedges": profile.hedges,
                     "boosters": profile.boosters,
                     "hedges_per_100_words": round(profile.hedges_per_100_words, 3),
                     "share_hedged": round(profile.share_hedged, 3)})
    return pd.DataFrame(rows, columns=["article", "outlet", "published", "language", "words",
                                       "hedges", "boosters", "hedges_per_100_words",
                                       "share_hedged"])
