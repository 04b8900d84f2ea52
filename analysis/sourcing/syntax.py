"""What the dependency parse tells about a reporting verb: its clause, its subject relations, its
finiteness (Universal Dependencies relations, the same in Italian and English)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..lexicon import closed_class

#: A reporting verb's propositional content: a clausal complement or clausal subject.
CONTENT_RELATIONS = {"ccomp", "csubj", "csubj:pass"}


#: The relations by which the parser hangs a name on the name before it ("a DW Briana
#: Pobiner", "al Corsera Giorgia Meloni": the medium's name and the speaker's as one).
NAME_RELATIONS = ("nmod", "flat", "flat:name")

#: The relation of a full name's later words to its first in each language's treebank (UD
#: Italian ISDT: "flat:name"; UD English EWT: "flat", which ISDT gives dates and numbers).
NAME_PART = {"it": "flat:name", "en": "flat"}


#: A clitic that stands for reported content ("lo riporta l'ANSA": the ANSA reports it).
CONTENT_CLITICS = closed_class("content_clitic")


#: "come" opening an as-clause and the "quanto" of "secondo quanto riporta X"
#: (:func:`analysis.sourcing.sources._as_clause`).
AS_MARKERS = closed_class("as_marker")
AS_PRONOUNS = closed_class("as_pronoun")


#: A verb whose passive subject holds a belief ("è convinto che") and a clitic standing for its
#: content ("ne è convinto Rossi").
BELIEF_PASSIVES = closed_class("belief_passive")
BELIEF_CLITICS = closed_class("belief_clitic")


#: "come" opening an indirect question that is the content ("spiegando come i media …").
HOW_COMPLEMENTISERS = closed_class("how_complementiser")


#: A modal whose first person (in the conditional, a polite form) asserts the verb after it
#: ("vorrei sottolineare che": I stress that; "posso dire che": I say), not a hypothetical.
POLITE_MODALS = closed_class("polite_modal")


#: A modal that makes the verb after it, in any mood, a possibility or a duty, not a report
#: ("possono ancora pensare che", "deve dire chiaramente", GUIDELINES.md 9.9).
UNREAL_MODALS = closed_class("unreal_modal")


#: "se", "dove", … opening an indirect question ("non si sa se …").
QUESTION_MARKERS = closed_class("question_marker")


#: How a gerund ends, by language.
GERUND_ENDINGS = {"it": ("ando", "endo"), "en": ("ing",)}


#: Pronouns written onto the end of a verb ("riferendosi", "definendolo").
ENCLITICS = closed_class("enclitic")
#: A gerund with enclitics at its end, for the languages that write them.
_ENCLITIC_GERUND = {lang: re.compile(rf"(?:{'|'.join(GERUND_ENDINGS[lang])})"
                                     rf"(?:{'|'.join(sorted(words))})+$")
                    for lang, words in ENCLITICS.items() if words}


def verb_forms(verb: Token) -> set[str]:
    """The verb's ``VerbForm`` in the parse, with ``Ger`` for a gerund that carries enclitic
    pronouns, which the trained morphology misses ("riferendosi", "definendolo": the
    treebanks split them into two words)."""
    forms = set(verb.morph.get("VerbForm"))
    pattern = _ENCLITIC_GERUND.get(verb.doc.lang_)
    if pattern is not None and verb.pos_ in ("VERB", "AUX") and pattern.search(verb.lower_):
        forms.add("Ger")
    return forms


#: The preposition that opens the charge of a verb of accusing, on the verb or on its object
#: ("accusa il governo di mentire", "ha accusato Putin di crimini di guerra").
CHARGE_MARKERS = closed_class("charge_marker")


def _charge(verb: Token) -> bool:
    """Has the verb of accusing a charge: an infinitive or a noun phrase that the bare
    preposition of :data:`CHARGE_MARKERS` opens, hung on the verb or on its object ("accusa la
    polizia di metodi brutali", "accusato di essere")? A contracted form ("accusa il
    presidente della Repubblica") is no charge."""
    markers = CHARGE_MARKERS[verb.doc.lang_]
    heads = [verb, *(c for c in verb.children if c.dep_ == "obj")]
    return any(d.dep_ in ("case", "mark") and d.lower_ in markers and d.i > verb.i
               for head in heads for c in head.children
               if c.dep_ in ("obl", "nmod", "acl", "xcomp", "advcl")
               for d in c.children)


def _negated_question(verb: Token) -> bool:
    """Is the verb negated with only indirect questions as its content ("non si sa se …",
    "non ha specificato dove …")? No content is then ascribed to anyone (``GUIDELINES.md`` 3
    and 9.9)."""
    return any("Neg" in c.morph.get("PronType") and c.dep_ == "advmod"
               for c in verb.children) and _questions_only(verb)


def _questions_only(verb: Token) -> bool:
    """Are the verb's clausal complements all indirect questions, opening with a question
    word as their first or second word ("sappiamo cosa si prova", "vogliamo sapere che cosa
    sia successo")?"""
    contents = [c for c in verb.children if c.dep_ in CONTENT_RELATIONS]
    markers = QUESTION_MARKERS[verb.doc.lang_]
    return bool(contents) and all(
        any(t.lower_ in markers for t in c.doc[c.left_edge.i:c.left_edge.i + 2])
        for c in contents)


#: A verb that shares the subject of the verb it depends on when it has none of its own: a
#: coordinated verb, an infinitive or gerund complement ("ha detto ... e ha aggiunto",
#: "ha ribadito, aggiungendo che").
SHARED_SUBJECT = {"conj", "xcomp", "advcl"}


#: What makes a clause passive or impersonal (no subject speaks): the passive auxiliary and
#: subject, and the impersonal "si" ("si dice che").
PASSIVE_RELATIONS = {"aux:pass", "nsubj:pass", "expl:pass"}


IMPERSONAL_RELATIONS = {"expl", "expl:impers", "expl:pass"}


IMPERSONAL_CLITICS = closed_class("impersonal_clitic")


#: The Italian hand annotation (``data/annotations/GUIDELINES.md``, 3.4 and 1.1 rule 5)
#: annotates a first-person cue inside a quotation ("«crediamo che…»") as a nested
#: attribution of the quoted speaker; PolNeAR does not mark them.
NESTED_FIRST_PERSON = {"it": True, "en": False}


#: The languages whose verb cues are read from the parse (the others walk the words).
PARSE_SOURCES = {"it": True, "en": False}


def _predicative(verb: Token) -> bool:
    """Has the verb an object and a predicative complement, which states the content of a
    judgement ("che Ankara considera estremisti", "considera la riforma una priorità",
    "considerare la donna come un oggetto"), where "considerare i costi" (take into account)
    has none?"""
    children = list(verb.children)
    objects = [c for c in children if c.dep_ == "obj"]
    marked = any(c.dep_ in ("obl", "xcomp") and any(
        d.dep_ in ("case", "mark") and d.lower_ in AS_MARKERS[verb.doc.lang_] for d in c.children)
        for c in children)
    # a second noun phrase the parser hung on the object ("considerare l'uomo un cancro")
    hung = any(c.dep_ in ("amod", "nmod") and c.pos_ == "NOUN" and c.i > o.i and
               not any(d.dep_ == "case" for d in c.children) and
               any(d.dep_ == "det" for d in c.children) for o in objects for c in o.children)
    return len(objects) >= 2 or bool(objects) and marked or hung or any(
        c.dep_ == "xcomp" and c.pos_ in ("ADJ", "NOUN") for c in children)


def _closes_sentence(verb: Token) -> bool:
    """"…, riporta Reuters." / "…, ha aggiunto.": a verb after a comma that ends its sentence
    with at most its subject (agreeing with it) reports the clause or quotation before it.
    Without the comma ("… ha rovinato l'Europa afferma Giuliani.", "… dicono sempre gli
    ucraini."), a finite verb does when a finite clause stands before it and its inverted
    subject (agreeing with it) after it, with at most a place, time or manner beside it
    ("dichiara il sindaco in un post su Telegram"), and no complementiser or relative pronoun
    before it ("ciò che afferma Giuliani")."""
    doc = verb.doc
    start = _cue_start(verb)
    if start == verb.sent.start:
        return False
    rest = [t for t in doc[verb.i + 1 : verb.sent.end] if not (t.is_punct or t.is_space)]
    own = [t for t in rest if t.head.i == verb.i]
    if not all(t.head.i == verb.i or _governed_by(t, verb) for t in rest):
        return False
    speakers = [t for t in own if t.dep_ in ("nsubj", "obj")]
    before = doc[verb.sent.start : start]
    if doc[start - 1].text == ",":
        # (a clause or a quotation before the comma, not an adverb: "Inoltre, sta emergendo
        # la possibilità")
        # (with a time, place or addressee beside a finite verb's inverted subject: "…, ha
        # annunciato, oggi, il portavoce")
        extra = [t for t in own if t not in speakers]
        return len(speakers) <= 1 and all(_agree(verb, s) for s in speakers) and (
            not extra or _finite(verb) and len(speakers) == 1 and speakers[0].pos_ in (
                "NOUN", "PROPN") and all(t.dep_ in ("obl", "advmod") and t.pos_ not in (
                    "VERB", "AUX") for t in extra)) and \
            any("Fin" in t.morph.get("VerbForm") or t.is_quote for t in before)
    return _finite(verb) and len(speakers) == 1 and \
        speakers[0].pos_ in ("NOUN", "PROPN", "ADJ") and _agree(verb, speakers[0]) and all(
            t.dep_ in ("obl", "advmod") and t.pos_ not in ("VERB", "AUX")
            for t in own if t is not speakers[0]) and not any(
            c.dep_ == "mark" or _is_relative(c) for c in verb.children if c.i < verb.i) and any(
            "Fin" in t.morph.get("VerbForm") for t in before)


def _finite_form(verb: Token) -> Token | None:
    """The finite word of a verb form: the verb itself or its finite auxiliary ("ha" of "ha
    confermato"); None for an infinitive, a gerund or a participle on its own."""
    return next((t for t in (verb, *(c for c in verb.children if c.dep_.startswith("aux")))
                 if "Fin" in t.morph.get("VerbForm")), None)


def _agree(verb: Token, subject: Token) -> bool:
    """Can ``subject`` be the subject of the finite ``verb`` by number ("apprenderanno la
    decisione": a plural verb, a singular noun, an object)? True when either has no number."""
    numbers = (_finite_form(verb) or verb).morph.get("Number"), subject.morph.get("Number")
    return not all(numbers) or numbers[0] == numbers[1]


def _person(verb: Token) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The person and number of a finite verb (or of its finite auxiliary), None when it has
    none (an infinitive, a gerund, a participle)."""
    finite = _finite_form(verb)
    if finite is None:
        return None
    return tuple(finite.morph.get("Person")), tuple(finite.morph.get("Number"))


def _governed_by(token: Token, verb: Token) -> bool:
    return any(a.i == verb.i for a in token.ancestors)


def _finite(verb: Token) -> bool:
    """Is the verb finite, or its auxiliary ("ha confermato")? A gerund or an infinitive
    has no subject of its own."""
    return _finite_form(verb) is not None


def _content_clitic(verb: Token, children: list[Token] | None = None) -> bool:
    """Does an object clitic before the verb stand for its content ("lo ha detto il ministro")?
    The parser may read a sentence's first "Lo" as an article and hang it on the verb as its
    determiner ("Lo riporta Interfax"): a verb has no determiner, so that is the clitic too."""
    clitics = CONTENT_CLITICS[verb.doc.lang_]
    children = list(verb.children) if children is None else children
    # with the subject before the verb the clitic is mostly a person ("i partiti che lo
    # sostengono", "ogni volta che gli Usa lo chiedono"); the content clitic comes with the
    # source after the verb ("Lo ha detto il ministro")
    return any(c.dep_ in ("obj", "det") and c.i < verb.i and c.lower_ in clitics
               for c in children) and not any(
        c.dep_ == "nsubj" and c.i < verb.i for c in children)


def _cue_start(verb: Token) -> int:
    """The first token of a verb cue: its first auxiliary or impersonal clitic before it ("ha
    poi aggiunto", "si legge")."""
    clitics = IMPERSONAL_CLITICS[verb.doc.lang_]
    return min([verb.i, *[c.i for c in verb.children if c.i < verb.i and (
        c.dep_.startswith("aux") or c.dep_ in IMPERSONAL_RELATIONS and c.lower_ in clitics)]])


def _determined(noun: Token) -> bool:
    """A noun with an article or a number (not a bare noun of an idiom)."""
    return any(c.dep_ in ("det", "nummod") for c in noun.children)


def _is_relative(token: Token) -> bool:
    return "Rel" in token.morph.get("PronType")


def _postposed(verb: Token) -> bool:
    """Is the verb a reporting clause after its content, set off by a comma or a dash ("La
    situazione è grave, ha dichiarato il presidente")? The parser hangs such a verb on the
    content's verb as a conjunct or parataxis, with no conjunction, and reads its inverted
    subject (which agrees with it: not "…, apprenderanno la decisione") as its subject or
    object."""
    doc = verb.doc
    start = _cue_start(verb)
    if verb.dep_ not in ("conj", "parataxis") or verb.head.i > verb.i or start == 0 or \
            doc[start - 1].text not in (",", "-", "\u2013", "\u2014"):
        return False
    return not any(c.dep_ == "cc" for c in verb.children) and any(
        c.dep_ in ("nsubj", "obj") and c.i > verb.i and c.pos_ in ("NOUN", "PROPN", "PRON")
        and _agree(verb, c) for c in verb.children)
