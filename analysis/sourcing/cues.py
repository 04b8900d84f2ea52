"""Cues: the reporting verbs, prepositions and agentless forms of the lexicon, and the verb cues
read from the parse, accepted only with a content (``data/annotations/GUIDELINES.md`` 3)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from ..lexicon import LEXICON_DIR, closed_class, load_lexicon
from ..nlp import PARTICIPLE_ENDINGS
from .quotations import _beside_quote, _inciso, _inside, _quote_opens
from .records import Quote
from .sources import (
    OCCASION_PREPOSITIONS,
    _as_clause,
    _gerund_on_noun,
    _head_category,
    _lookup_lemma,
    _names_a_time,
    _phrase,
    _provides_for,
    _verb_source_parsed,
)
from .syntax import (
    AS_MARKERS,
    AS_PRONOUNS,
    BELIEF_CLITICS,
    BELIEF_PASSIVES,
    CONTENT_RELATIONS,
    HOW_COMPLEMENTISERS,
    NESTED_FIRST_PERSON,
    PASSIVE_RELATIONS,
    POLITE_MODALS,
    UNREAL_MODALS,
    _charge,
    _closes_sentence,
    _content_clitic,
    _cue_start,
    _determined,
    _finite_form,
    _governed_by,
    _is_relative,
    _negated_question,
    _postposed,
    _predicative,
    _questions_only,
)
from .words import (
    _NOT_BEFORE_PREPOSITION,
    ADVERB_ENDINGS,
    AUXILIARY_LEMMAS,
    COMPLEMENTISERS,
    DETERMINERS,
    INFINITIVE_MARKERS,
    MAX_SOURCE_TOKENS,
    MODAL_LEMMAS,
    NOT_A_CUE,
    QUOTE_PAIRS,
    SKIP_LEFT,
    _anchors,
    _categories,
    _doc_text,
    _is_name,
    _pattern_starts,
    _reporting,
    _TokenTable,
)


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
            found += [(start, verb + 1, kind) for kind, tests, followed_by in anchors.patterns
                      if followed_by is None or _infinitive_follows(table, verb + 1)
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
        if kind != NOT_A_CUE and sentence is not None and _plausible_cue(table, start, end, kind):
            cues.append((start, end, kind, sentence))
    return sorted(cues, key=lambda c: c[0])


def _infinitive_follows(table: _TokenTable, i: int) -> bool:
    """Is token ``i`` an infinitive marker with its infinitive after it ("are said | to be")?"""
    return i < len(table.starts) and table.norm(i) in INFINITIVE_MARKERS[table.lang] and \
        _infinitive_after(table.doc, i)


def _plausible_cue(table: _TokenTable, start: int, end: int, kind: str) -> bool:
    """Reject the ordinal "secondo" and Italian participles with no auxiliary before them."""
    lang = table.lang
    before = table.norm(start - 1) if start > 0 else ""
    if kind == "preposition":
        if speaker_preposition(table, start):
            # "Per il ministro, la crisi è finita": only opening a sentence (or its quotation),
            # before a noun phrase with an article or a name; the source's type decides the
            # rest (:func:`allowed_sources`)
            opens = start in table.sent_starts or start - 1 in table.sent_starts and \
                table.word(start - 1) in QUOTE_PAIRS
            return opens and end < len(table.starts) and (
                table.norm(end) in DETERMINERS[lang] or _is_name(table, end))
        return before not in _NOT_BEFORE_PREPOSITION[lang] and \
            not _in_accordance(table.doc[end - 1], lang)
    word = table.lower(end - 1)
    if kind != "verb" or lang != "it" or not word.endswith(PARTICIPLE_ENDINGS) \
            or word == table.lemma(end - 1) or before in AS_MARKERS[lang] | AS_PRONOUNS[lang]:
        return True  # "come affermato dagli esperti", "secondo quanto riportato"
    verb = table.doc[end - 1]
    if table.doc.doc.has_annotation("DEP") and (any(
            c.dep_.startswith("aux") and c.i < verb.i and c.lemma_ in AUXILIARY_LEMMAS[lang]
            for c in verb.children) or _agent_participle(verb, lang)):
        return True  # the parse's auxiliary, past any adverb ("ha quindi aggiunto"), or agent
    i = start - 1
    while i >= 0 and (table.norm(i) in SKIP_LEFT[lang] or
                      table.norm(i).endswith(ADVERB_ENDINGS[lang])) and \
            table.lemma(i) not in AUXILIARY_LEMMAS[lang]:
        i -= 1
    return i >= 0 and table.lemma(i) in AUXILIARY_LEMMAS[lang]


#: Nouns that a preposition cue follows rather than cites: "secondo il protocollo", "secondo le
#: abitudini" (in accordance with), "secondo i prezzi di borsa" (at).
ACCORDANCE_NOUNS = closed_class("accordance_noun")


def _in_accordance(preposition: Token, lang: str) -> bool:
    """Is the preposition's noun, in the parse, one it follows rather than cites?"""
    return preposition.doc.has_annotation("DEP") and preposition.dep_ == "case" and \
        preposition.head.lemma_ in ACCORDANCE_NOUNS[lang]


#: Verbs of state: an infinitive of theirs after a verb of thinking states a belief ("pensa di
#: essere", "pensava di poter vincere"); another infinitive is a plan ("pensa di tornare").
STATE_VERBS = closed_class("state_verb")


def _infinitive_only(verb: Token, lang: str, states: frozenset[str]) -> bool:
    """Are the verb's complements all infinitives after their marker, none of them (or a modal
    before it) a verb of ``states``? ("sta pensando di colpire": a plan; "ha dimostrato di
    poter costruire": shown by deeds; "pensa di essere" states a belief)"""
    complements = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    # (a finite word on the infinitive makes it a clause: "come siano stati loro a provocare")
    return bool(complements) and all(_marked_infinitive(c, lang) and not any(
        a.dep_ in ("aux", "cop") and "Fin" in a.morph.get("VerbForm") for a in c.children)
        for c in complements) and \
        not any(t.lemma_ in states for c in complements
                for t in (c, *(a for a in c.children if a.dep_ == "aux")))


#: Participles whose agent is no speaker: "sostenuto dagli Stati Uniti" (supported by),
#: "escluso dal voto" (left out of), "garantito da ipoteca" (secured by), "previsto dal
#: contratto" (provided for by).
NOT_SPEAKING_PARTICIPLES = closed_class("not_speaking_participle")


def _agent_participle(verb: Token, lang: str) -> bool:
    """Is the verb a past participle with no auxiliary whose agent the parse names, a reduced
    passive reporting the noun it stands by ("l'invasione, ritenuta dal Cremlino
    «un'operazione speciale»", "i numeri riportati dal Giornale", "la telefonata, smentita da
    Palazzo Chigi")? The noun is its content and the agent its source."""
    return "Part" in verb.morph.get("VerbForm") and "Past" in verb.morph.get("Tense") and \
        verb.lemma_ not in NOT_SPEAKING_PARTICIPLES[lang] and \
        not any(c.dep_.startswith("aux") for c in verb.children) and \
        any(c.dep_ == "obl:agent" for c in verb.children)


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


def _indicative(verb: Token) -> bool:
    """Is the verb (or its finite auxiliary) in the indicative: a main clause's verb the parser
    may hang on the noun before it as a modifier ("voci riferiscono che …")?"""
    finite = _finite_form(verb)
    return finite is not None and "Ind" in finite.morph.get("Mood")


def _marked_infinitive(verb: Token, lang: str) -> bool:
    """Is the verb an infinitive after its marker ("di tagliare", "a riprovare")?"""
    return "Inf" in verb.morph.get("VerbForm") and any(
        c.dep_ == "mark" and c.lower_ in INFINITIVE_MARKERS[lang] for c in verb.children)


def _has_content(verb: Token, quotes: Sequence[Quote], lang: str) -> bool:
    """A reporting verb is a cue only with a content: a clausal complement, an infinitive
    complement with its marker ("ha promesso di", "promised to"), or a quotation it is linked
    to by the parse or stands next to (``data/annotations/GUIDELINES.md`` 3)."""
    doc = verb.doc
    if _negated_question(verb):
        return False
    own = _inside(quotes, verb.idx)  # a quotation holding the verb is not its content...
    if _inciso(verb, own):
        return True  # ... unless the verb is a reporting clause set off inside it
    takes = _content_kinds(lang).get(verb.lemma_, "")
    if verb.lemma_ in BELIEF_PASSIVES[lang] and any(c.lower_ in BELIEF_CLITICS[lang]
                                                    for c in verb.children):
        return True  # "Ne è convinto Rossi"
    if takes == "charge" and _charge(verb):
        return True  # "accusa il governo di mentire"; else a clause or a quotation, as any verb
    if takes == "predicative":  # "che Ankara considera estremisti"
        return _predicative(verb) or _quoted_predicate(verb, quotes)
    if takes in ("state", "clause") and _infinitive_only(
            verb, lang, STATE_VERBS[lang] if takes == "state" else frozenset()):
        return False  # "sta pensando di colpire": a plan; "ha dimostrato di poter": deeds
    if takes == "declarative":  # "sanno che …"; "sappiamo cosa si prova" asks, "lo sa" refers
        return any(c.dep_ in CONTENT_RELATIONS for c in verb.children) and \
            not _questions_only(verb) or _beside_quote(verb, quotes)
    passive_content = takes in ("noun", "any")  # not "è prevista la chiusura": a schedule
    request = _categories(lang).get(verb.lemma_) == "request"
    if takes == "forecast":
        # "l'accordo prevede": provides for; "prevede di tagliare": a plan, as for the hedges
        if _provides_for(verb, lang) or _infinitive_only(verb, lang, frozenset()):
            return False
        takes = "noun"
    for child in verb.children if takes != "quote" else ():
        if child.dep_ in CONTENT_RELATIONS:
            return True
        if (child.dep_ == "xcomp" or child.dep_ == "advcl" and request) and \
                _marked_infinitive(child, lang):
            return True  # (the parser may read a request's infinitive as an adverbial clause)
        if child.dep_ == "obj" and request and any(
                c.dep_ in ("acl", "xcomp") and _marked_infinitive(c, lang)
                for c in child.children):
            return True  # "ha invitato gli acquirenti a riprovare": the parser hangs it on them
        if child.dep_ in ("parataxis", "obj", "ccomp") and _inside(quotes, child.idx) not in \
                (None, own):
            return True
        if child.dep_ == "nsubj:pass" and passive_content and (
                takes == "noun" and _content_noun(child, lang)
                or takes == "any" and _determined(child)):
            # the passive's subject: "la presa è stata confermata da Kiselev" (GUIDELINES.md
            # 8.1 and 8.3)
            return True
        if child.dep_ == "obj" and (takes == "noun" and _content_noun(child, lang) or
                                    takes == "any" and _determined(child) or any(
                c.dep_ == "acl:relcl" and any(m.dep_ == "mark" and m.lower_ in
                                              COMPLEMENTISERS[lang] for m in c.children)
                for c in child.children)):
            # a noun stating content, or "rassicurare il mondo che …": a clause with a
            # complementiser (a relative clause has a pronoun) is the complement
            return True
    if takes != "quote" and _content_clitic(verb):
        return True
    if verb.dep_ == "parataxis" and _inside(quotes, verb.head.idx) not in (None, own):
        return True
    if _postposed(verb) or _as_clause(verb, lang) or _agent_participle(verb, lang):
        return True
    if _closes_sentence(verb):
        return True  # "…, conclude Vandiver.": a verb that takes only a quotation, too
    if takes == "quote":
        return _beside_quote(verb, quotes)
    # The parser may miss a long complement clause: "che" or "di" + infinitive right after
    # the verb still opens one, and so does a colon ("Rossi scrive: …").
    after = _past_occasion(verb, lang)
    if after < len(doc) and (
            doc[after].lower_ in COMPLEMENTISERS[lang] or doc[after].text == ":"
            or doc[after].lower_ in INFINITIVE_MARKERS[lang] and _infinitive_after(doc, after)
            or doc[after].lower_ in HOW_COMPLEMENTISERS[lang] and takes != "quote"
            and _categories(lang).get(verb.lemma_) not in ("thought", "attitude")
            and _finite_before_punctuation(doc, after + 1, verb.sent.end)):
        return True  # … and so does "come" + a finite clause ("ricordando come … abbia")
    # a colon after the verb's own phrase ("ha detto ai giornalisti: …", "I dati parlano
    # chiaro: …"), the verb active ("è prevista la chiusura di: …" is a schedule)
    colon = next((t.i for t in doc[verb.i + 1 : verb.sent.end] if t.text == ":"), None)
    if colon is not None and colon + 1 < verb.sent.end and not any(
            c.dep_ in PASSIVE_RELATIONS for c in verb.children) and all(
            _governed_by(t, verb) and "Fin" not in t.morph.get("VerbForm")
            for t in doc[verb.i + 1 : colon]):
        return True
    return _beside_quote(verb, quotes)


#: The lexicon categories of verbs of saying, which may name whom they were said to before
#: their complement.
SAYING_CATEGORIES = ("speech", "announcement", "argument", "writing", "warning", "admission",
                     "confirmation", "denial")


def _quoted_predicate(verb: Token, quotes: Sequence[Quote]) -> bool:
    """Is a quotation the predicative complement of the verb's object ("ha definito la guerra
    «un'aggressione criminale»", "l'ha definita una «operazione militare speciale»"): an object
    or object clitic, and a quotation opening after the verb in its sentence with no finite
    verb and no punctuation mark before it?"""
    if not any(c.dep_ == "obj" for c in verb.children):
        return False
    doc = verb.doc
    for token in doc[verb.i + 1 : min(verb.sent.end, verb.i + MAX_SOURCE_TOKENS)]:
        if any(q.start == token.idx for q in quotes):
            return True
        if token.is_punct or "Fin" in token.morph.get("VerbForm"):
            return False
    return False


def _infinitive_after(doc: Doc, marker: int) -> bool:
    """Does an infinitive follow the marker at token ``marker``, past adverbs and an opening
    quotation mark ("di non averne traccia", "di “non essere più disponibile”")?"""
    i = marker + 1
    while i < len(doc) and (doc[i].pos_ == "ADV" or doc[i].is_quote or doc[i].is_left_punct):
        i += 1
    return i < len(doc) and "Inf" in doc[i].morph.get("VerbForm")


def _past_occasion(verb: Token, lang: str) -> int:
    """The first token after the verb that is neither an adverb, nor a time word, nor part of a
    phrase telling to whom or where the words were said ("ha dichiarato a Global Times che",
    "ha detto ieri, in un'intervista, che"): the parser may read the *che* after a name as a
    relative pronoun."""
    doc = verb.doc
    after = verb.i + 1
    # (past adverbs and a bare time word: "ha dichiarato lunedì che", which the parser may
    # read as the verb's object, with the clause a relative on it)
    while after < len(doc) and (doc[after].pos_ == "ADV" or _names_a_time((doc[after],))):
        after += 1
    if after >= len(doc) or doc[after].lemma_ not in OCCASION_PREPOSITIONS[lang] or \
            _categories(lang).get(verb.lemma_) not in SAYING_CATEGORIES:
        return after  # ("si pensi a Carola Rackete che entra": think of)
    for i in range(after + 1, min(verb.sent.end, after + MAX_SOURCE_TOKENS)):
        token = doc[i]
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.lower_ in INFINITIVE_MARKERS[lang] and _infinitive_after(doc, i):
            return i  # "ha raccontato oggi al Corriere di aver passato …"
        if token.lower_ in COMPLEMENTISERS[lang] or token.text == ":":
            # after a name (or a capitalised word: the parser may take "Repubblica" for a
            # noun), or a complementiser after a comma; a relative pronoun or a
            # noun's clause after a common noun is no complement ("ha risposto alla domanda
            # che …", "riferendosi al fatto che …")
            return i if doc[i - 1].pos_ == "PROPN" or doc[i - 1].is_title or \
                doc[i - 1].text == "," and not _is_relative(token) else after
    return after


def _finite_before_punctuation(doc: Doc, start: int, end: int) -> bool:
    """Is there a finite verb from ``start`` before the next punctuation mark (or ``end``)?"""
    for token in doc[start:end]:
        if token.is_punct:
            return False
        if "Fin" in token.morph.get("VerbForm"):
            return True
    return False


#: The source types a cue whose lexicon ``content`` restricts them may have: "per" is
#: "according to" only before a person or a group of people ("Per l'immunologo, …"; "Per i
#: bambini" or "Per il 2023" is "for"), and a threat is made by someone ("la crisi minaccia di
#: …" is no speech act).
RESTRICTED_SOURCES = {"speaker": ("named_person", "vague_collective"),
                      "agent": ("named_person", "named_organisation", "vague_collective",
                                "dropped_subject")}


def speaker_preposition(table: _TokenTable, cue: int) -> bool:
    """Is the cue at token ``cue`` a preposition that cites only a speaker ("per": the
    lexicon's content ``speaker``)?"""
    return _content_kinds(table.lang).get(table.norm(cue)) == "speaker"


def allowed_sources(table: _TokenTable, start: int, end: int, kind: str
                    ) -> tuple[str, ...] | None:
    """The source types the cue from token ``start`` to ``end`` may have
    (:data:`RESTRICTED_SOURCES`), None when any may: a preposition by its form, a verb by its
    lemma."""
    key = table.norm(start) if kind == "preposition" else table.lemma(end - 1)
    return RESTRICTED_SOURCES.get(_content_kinds(table.lang).get(key, ""))


@cache
def _content_kinds(lang: str) -> dict[str, str]:
    """What content a reporting verb takes, from the lexicon's ``content`` column: ``"noun"``
    when a noun-phrase object may be the content ("ha annunciato tagli del 21%",
    ``GUIDELINES.md`` 8, rule 1), ``"any"`` when any object with an article is (confirming or
    denying a thing states that it is or is not so), ``"quote"`` when only a quotation is
    ("«…», ha proseguito": "ha proseguito a lavorare" reports nothing), ``"forecast"`` as
    ``"noun"`` unless the subject is a text that lays down terms ("l'accordo prevede che"
    provides for: :func:`_provides_for`) or the content is only an infinitive ("prevede di
    tagliare": a plan), ``"predicative"`` when only an object with a
    predicative complement is ("che Ankara considera estremisti": :func:`_predicative`),
    ``"speaker"`` for a preposition that cites only a person opening a sentence ("Per il
    ministro, …"), ``"declarative"`` for a verb of knowing whose content is only a clause that
    states something or a quotation ("sanno che …"; "sappiamo cosa si prova" asks, "chi mi
    conosce lo sa" refers back), ``"state"`` for a verb of thinking whose infinitive is a content
    only when it is a verb of state ("pensa di essere"; "pensa di tornare" is a plan:
    :func:`_infinitive_only`), ``"clause"`` for one whose content is a clause or a quotation,
    never an infinitive ("i dati dimostrano che …"; "ha dimostrato di poter costruire" shows
    by deeds), ``"charge"`` for a verb of accusing, whose charge is a content too ("accusa il
    governo di mentire": :func:`_charge`), ``"agent"`` for a verb only someone can be the
    source of ("minacciare di": :data:`RESTRICTED_SOURCES`); verbs not listed take a clause,
    an infinitive or a quotation."""
    table = _reporting(lang)
    if "content" not in table.columns:
        return {}
    return dict(zip(table["pattern"], table["content"]))


@cache
def _nouns(kind: str, lang: str) -> frozenset[str]:
    """The nouns of ``analysis/lexicons/<kind>_nouns_<lang>.csv``: ``content`` (intention,
    plan, change and outcome) or ``cue`` (saying, asking and attitude); empty for a language
    without the file."""
    path = LEXICON_DIR / f"{kind}_nouns_{lang}.csv"
    return frozenset(load_lexicon(path.stem)["pattern"]) if path.is_file() else frozenset()


def _content_noun(noun: Token, lang: str) -> bool:
    """Does a noun-phrase object state new content: a noun of the content lexicon (by its
    lemma or, where the trained lemmatizer errs on a plural, its look-up lemma), a noun with an
    infinitive after "di"/"per" ("l'intenzione di tagliare"), or a quantity ("oltre otto
    milioni di vendite", "tagli del 21%"), or a noun with a complement clause ("la notizia che
    …")? Topic, product and attitude nouns do not."""
    if "Sing" in noun.morph.get("Number") and not _determined(noun):
        return False  # a bare singular noun makes an idiom: "dichiarare fallimento"
    nouns = _nouns("content", lang)
    if noun.lemma_.lower() in nouns or _lookup_lemma(noun, lang) in nouns or noun.pos_ == "NUM":
        return True
    return any(c.dep_ == "nummod" for c in noun.children) or any(
        c.dep_ in ("acl", "nmod") and "Inf" in c.morph.get("VerbForm") for c in noun.children
    ) or any(c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ in COMPLEMENTISERS[lang]
                                     for m in c.children) for c in noun.children
             ) or any(c.dep_ == "nmod" and (c.pos_ == "NUM" or any(g.dep_ == "nummod"
                                                           for g in c.children))
             for c in noun.children)


#: "di" before the speaker of a cue noun ("le affermazioni di Carlo Maria Martini").
OF_WORDS = closed_class("of_word")


def _noun_cues(doc: Doc, quotes: Sequence[Quote], lang: str) -> list[_ParsedCue]:
    """Nouns that credit a content to a source (``GUIDELINES.md`` 10.4): a noun of the
    lexicon with a source (:func:`_noun_source`) and a content: a *che*-clause on the noun
    ("informazioni che c'era stato un attacco") or on the copula it is the subject of ("la
    nostra speranza è che …"), *di* + an infinitive ("l'offerta del presidente di negoziare"), a
    *secondo cui* clause ("le affermazioni russe secondo cui …"), a quotation or colon right
    after its phrase ("le seguenti
    affermazioni di Carlo Maria Martini: «…»"), or a quotation just before the copular
    sentence it is the predicate of ("«…». È l'annuncio fatto oggi dalla presidente")."""
    nouns = _nouns("cue", lang)
    found = []
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in nouns:
            continue
        source, how = _noun_source(noun, lang)
        if source and _noun_content(noun, quotes, lang):
            found.append(_ParsedCue(noun.i, noun.i + 1, source, how, False))
    return found


def _noun_source(noun: Token, lang: str) -> tuple[list[int], str]:
    """The source of a cue noun: the agent of a participle on it ("l'annuncio fatto dalla
    presidente"), a person or institution after *di* ("le affermazioni di Carlo Maria
    Martini"), or a possessive ("la nostra speranza"); else none."""
    for child in noun.children:
        if child.dep_ == "acl" and "Part" in child.morph.get("VerbForm"):
            agent = next((c for c in child.children if c.dep_ == "obl:agent"), None)
            if agent is not None:
                return _phrase(agent, True), "agent"
        if child.dep_ == "nmod" and child.i > noun.i and any(
                c.dep_ == "case" and c.lemma_ in OF_WORDS[lang] for c in child.children) and (
                child.pos_ == "PROPN" or _head_category(noun.doc, child, lang) is not None):
            return _phrase(child, True), "subject"
        if child.dep_ == "det:poss":
            return [child.i], "subject"
    return [], "dropped"


def _noun_content(noun: Token, quotes: Sequence[Quote], lang: str) -> bool:
    """Has a cue noun a content (:func:`_noun_cues`)?"""
    doc = noun.doc
    clauses = [*noun.children, *(noun.head.children if noun.dep_ == "nsubj" else ())]
    if any(c.dep_ in ("acl", "ccomp", "csubj") and any(
            m.dep_ == "mark" and m.lower_ in COMPLEMENTISERS[lang] for m in c.children)
            for c in clauses if c.i > noun.i):
        return True
    if any(c.dep_ in ("acl", "nmod") and c.i > noun.i and _marked_infinitive(c, lang)
           or c.dep_ == "acl:relcl" and any(
               g.dep_ == "obl" and any(h.dep_ == "case" and _categories(lang).get(h.lower_)
                                       == "preposition" for h in g.children)
               for g in c.children)
           for c in noun.children):
        return True  # "l'offerta del presidente di negoziare", "le affermazioni secondo cui"
    text = _doc_text(doc)
    after = noun.right_edge.i + 1
    if after < len(doc) and (doc[after].text == ":" or
                             _quote_opens(text, quotes, doc[after].idx)):
        return True
    sentence = noun.sent
    return noun.dep_ == "ROOT" and any(c.dep_ == "cop" for c in noun.children) and any(
        q.end <= sentence.start_char and not text[q.end:sentence.start_char].strip(" .\n")
        for q in quotes)


def _parsed_cue(doc: Doc, i: int, quotes: Sequence[Quote], lang: str) -> _ParsedCue | None:
    """The verb cue at token ``i`` read from the parse, or None when the verb has no content,
    is not used as a verb (a participle modifying a noun, "i tagli annunciati") or is only
    hypothetical (a modal in the conditional, or *potere* and *dovere* in any mood, unless a
    first person says it: no one is reported, ``GUIDELINES.md`` 9.9)."""
    verb = doc[i]
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("acl", "amod") and not (
            _gerund_on_noun(verb) or _as_clause(verb, lang) or _indicative(verb)
            or _agent_participle(verb, lang)) or \
            not _has_content(verb, quotes, lang):
        return None
    if any(c.dep_.startswith("aux") and c.lemma_ in MODAL_LEMMAS[lang]
           and ("Cnd" in c.morph.get("Mood") or c.lemma_ in UNREAL_MODALS[lang]) and not (
               c.lemma_ in POLITE_MODALS[lang] and "1" in c.morph.get("Person"))
           for c in verb.children):
        # "gli investitori potrebbero temere che", "possono pensare che", "deve dire": a
        # hypothetical attitude, a possibility or a duty; "vorrei sottolineare che", "posso
        # dire che" are the speaker's way of saying it
        return None
    if "Inf" in verb.morph.get("VerbForm") and verb.head.pos_ in ("ADJ", "ADV") and \
            verb.dep_ in ("csubj", "ccomp", "advcl"):
        # an infinitive hung on an evaluation ("è difficile sostenere che", "sarebbe folle
        # pensare che", "è bene precisare che", "pronti a confermare"): nobody has said it
        return None
    source, how = _verb_source_parsed(verb, lang, quotes)
    first_person = any("1" in t.morph.get("Person") for t in (verb, *verb.children)
                       if t is verb or t.dep_.startswith("aux"))
    if how == "dropped" and first_person and not (NESTED_FIRST_PERSON[lang] and
                                                  _inside(quotes, verb.idx)):
        return None  # the writer's own "credo che" is a hedge, not an attribution
    # The cue: the verb with its auxiliaries and what stands between them ("ha poi aggiunto").
    return _ParsedCue(_cue_start(verb), i + 1, source, how, bool(source) and source[0] > i)
