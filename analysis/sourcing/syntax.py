"""What the dependency parse tells about a reporting verb: its clause, its subject relations, its
finiteness (Universal Dependencies relations, the same in Italian and English)."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import closed_class

#: A reporting verb's propositional content: a clausal complement or clausal subject.
CONTENT_RELATIONS = {"ccomp", "csubj", "csubj:pass"}


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


def _finite(verb: Token) -> bool:
    """Is the verb finite, or its auxiliary ("ha confermato")? A gerund or an infinitive
    has no subject of its own."""
    return any("Fin" in t.morph.get("VerbForm") for t in (verb, *verb.children)
               if t is verb or t.dep_.startswith("aux"))


def _cue_start(verb: Token) -> int:
    """The first token of a verb cue: its first auxiliary before it ("ha poi aggiunto")."""
    return min([verb.i, *[c.i for c in verb.children if c.dep_.startswith("aux")
                          and c.i < verb.i]])


def _determined(noun: Token) -> bool:
    """A noun with an article or a number (not a bare noun of an idiom)."""
    return any(c.dep_ in ("det", "nummod") for c in noun.children)


def _is_relative(token: Token) -> bool:
    return "Rel" in token.morph.get("PronType")


def _postposed(verb: Token) -> bool:
    """Is the verb a reporting clause after its content, set off by a comma or a dash ("La
    situazione è grave, ha dichiarato il presidente")? The parser hangs such a verb on the
    content's verb as a conjunct or parataxis, with no conjunction, and reads its inverted
    subject as its subject or object."""
    doc = verb.doc
    start = _cue_start(verb)
    if verb.dep_ not in ("conj", "parataxis") or verb.head.i > verb.i or start == 0 or \
            doc[start - 1].text not in (",", "-", "\u2013", "\u2014"):
        return False
    return not any(c.dep_ == "cc" for c in verb.children) and any(
        c.dep_ in ("nsubj", "obj") and c.i > verb.i and c.pos_ in ("NOUN", "PROPN", "PRON")
        for c in verb.children)
