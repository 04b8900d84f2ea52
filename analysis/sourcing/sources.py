"""Sources and their types: the source phrase of a cue (from the parse, or by the word walk), its
type, and the named person a pronoun stands for."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache, partial

import numpy as np
from spacy.attrs import IS_TITLE, IS_UPPER, ORTH
from spacy.tokens import Doc, Token

from ..lexicon import closed_class, load_lexicon, reporting_verbs
from ..nlp import PARTICIPLE_ENDINGS, ParsedArticle, _lookup_dict
from .quotations import _inciso, _inside, _quote_before
from .records import Attribution, Quote, TextSpan
from .syntax import (
    AS_MARKERS,
    AS_PRONOUNS,
    BELIEF_PASSIVES,
    CONTENT_RELATIONS,
    GERUND_ENDINGS,
    IMPERSONAL_CLITICS,
    IMPERSONAL_RELATIONS,
    NAME_PART,
    NAME_RELATIONS,
    PASSIVE_RELATIONS,
    SHARED_SUBJECT,
    _agree,
    _closes_sentence,
    _content_clitic,
    _cue_start,
    _determined,
    _finite,
    _is_relative,
    _person,
    _postposed,
    verb_forms,
)
from .words import (
    _CLAUSE_WORDS,
    ADVERB_ENDINGS,
    AGENT_MARKERS,
    COMPLEMENTISERS,
    CONJUNCTIONS,
    DASHES,
    INFINITIVE_MARKERS,
    MAX_ANTECEDENT_TOKENS,
    MAX_SOURCE_TOKENS,
    MODAL_LEMMAS,
    NP_PREPOSITIONS,
    PARTICIPLE_FORMS,
    PASSIVE_AUXILIARIES,
    QUOTE_PAIRS,
    RELATIVES,
    SKIP_LEFT,
    _categories,
    _has_anchor,
    _is_name,
    _is_reporting_verb,
    _left_phrase,
    _noun_category,
    _np_token,
    _pronoun_type,
    _right_phrase,
    _table,
    _TokenTable,
    source_nouns,
)

#: The longest parenthesis (in tokens, brackets included) read as part of a source before its
#: verb ("(D-Wash.)", "(R-Fla.)", "(D)").
MAX_PARENTHESIS = 8


def _skip_left(table: _TokenTable, tokens: Sequence[int], end: int, times: bool = True) -> int:
    """Index just after the subject: step left over auxiliaries and adverbs before a verb (and
    over the auxiliary of a progressive: "is still hoping", "has been underscoring"), and with
    ``times`` over a time adverbial ("on June 18": :func:`_time_before`)."""
    lang = table.lang
    progressive = end < len(tokens) and table.norm(tokens[end]).endswith(GERUND_ENDINGS[lang])
    i = end
    while i > 0:
        token = tokens[i - 1]
        lowered = table.norm(token)
        adverb = lowered.endswith(ADVERB_ENDINGS[lang]) and len(lowered) > 5 and not \
            _is_name(table, token)
        if lowered in SKIP_LEFT[lang] or adverb or table.lemma(token) in MODAL_LEMMAS[lang] or \
                progressive and table.lemma(token) in PASSIVE_AUXILIARIES[lang]:
            i -= 1
            continue
        time = _time_before(table, tokens, i) if times else i
        if time < i:
            i = time
            continue
        break
    return i


#: How many tokens a time adverbial between a subject and its verb may take ("on June 18").
MAX_TIME_TOKENS = 4


def _time_before(table: _TokenTable, tokens: Sequence[int], end: int) -> int:
    """Start of a time adverbial that ends at ``end`` ("today", "on June 18", "last week":
    words of :data:`TIME_OPENERS`, numbers and at least one time word of
    :func:`_time_words`), else ``end``."""
    lang = table.lang
    times = _time_words(lang)
    start, timed = end, False
    for i in range(end - 1, max(-1, end - 1 - MAX_TIME_TOKENS), -1):
        token = tokens[i]
        if table.norm(token) in times or table.lemma(token).lower() in times:
            start, timed = i, True
        elif table.doc[token].like_num:
            continue
        elif table.norm(token) in TIME_OPENERS[lang] and timed:
            start = i
            break
        else:
            break
    return start if timed else end


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
    start = _skip_left(table, tokens, cue_start, times=False)
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
            # brackets, apostrophes, "&" and the quotation marks of a title may stand inside
            if table.lex(token).is_punct and token not in table.inner_hyphens and \
                    word not in APPOSITION_MARKS and word not in QUOTE_PAIRS \
                    or _is_reporting_verb(table, token):
                return []
            continue
        phrase = _parenthesised(table, tokens, i) or _left_phrase(table, tokens, i)
        first = tokens.index(phrase[0]) if phrase else -1
        if phrase and all(table.doc[t].pos_ in CONNECTIVE_TAGS or
                          table.norm(t) in PARENTHETICALS[table.lang] for t in tokens[i + 1:comma]):
            # "Nasdaq, meanwhile, says": a parenthetical adverb, not an apposition
            return phrase if _has_anchor(table, phrase) else []
        # The phrase must open its clause (sentence start, punctuation or a connective before
        # it: "And America Rising, a conservative committee, called").
        if phrase and _has_anchor(table, phrase) and (
                first == 0 or table.lex(tokens[first - 1]).is_punct or
                table.doc[tokens[first - 1]].pos_ in CONNECTIVE_TAGS):
            return [*phrase, *tokens[i:comma + 1]]
    return []


#: Adverbs set off by commas between a subject and its verb ("Nasdaq, meanwhile, says").
PARENTHETICALS = closed_class("parenthetical")

#: Words that open a time adverbial before a verb ("on", "last", "earlier").
TIME_OPENERS = closed_class("time_opener")

#: Punctuation that may stand inside an apposition before a verb, besides quotation marks.
APPOSITION_MARKS = ("(", ")", "'", "\u2019", "&")

#: The parts of speech of connectives and adverbs, which open no source phrase.
CONNECTIVE_TAGS = ("ADV", "CCONJ", "SCONJ", "PUNCT")


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
    parenthesised = _parenthesised(table, tokens, end)
    if parenthesised:
        return parenthesised, False
    if not _is_boundary(table, tokens, end):
        return _left_phrase(table, tokens, end), False
    if cue_end < len(tokens) and table.norm(tokens[cue_end]) in COMPLEMENTISERS[lang]:
        return [], True
    inverted = _right_phrase(table, tokens, cue_end)
    # An inverted subject is a name, a source noun or a pronoun; anything else is the object,
    # unless the verb follows a quotation, which is its object ("“…,” said the man").
    if inverted and (_has_anchor(table, inverted) or _pronoun_type(table, inverted[0]) or
                     end > 0 and table.word(tokens[end - 1]) in QUOTE_PAIRS.values()):
        return _with_apposition(table, tokens, inverted), True
    return [], True


def _parenthesised(table: _TokenTable, tokens: Sequence[int], end: int) -> list[int]:
    """"Rep. Jim McDermott (D-Wash.) said", "Sen. Jack Reed (D-R.I.), said": a name and the
    short parenthesis after it (a party, a state, an age) before the verb, the comma after it
    included, as PolNeAR marks it; else nothing."""
    closing = end - 2 if end > 1 and table.word(tokens[end - 1]) == "," else end - 1
    if closing < 2 or table.word(tokens[closing]) != ")":
        return []
    opening = next((j for j in range(closing - 1, max(0, closing - MAX_PARENTHESIS - 1), -1)
                    if table.word(tokens[j]) == "("), None)
    phrase = _left_phrase(table, tokens, opening) if opening else []
    return [*phrase, *tokens[opening:end]] if phrase and _has_anchor(table, phrase) else []


def _with_apposition(table: _TokenTable, tokens: Sequence[int], phrase: list[int]) -> list[int]:
    """'"...," said Brian Fallon, a spokesman for Mrs. Clinton.': extend an inverted name with
    the apposition or relative clause after it ("said Jon Ralston, who runs a newsletter"), as
    PolNeAR marks it: to the sentence end, or to a comma that opens a new clause (a gerund, a
    complementiser, a quotation: "..., referring to ..."), the comma left out."""
    lang = table.lang
    after = tokens.index(phrase[-1]) + 1
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


def _phrase(token: Token, after_verb: bool) -> list[int]:
    """The tokens of the noun phrase headed by ``token``: its subtree without its case marker
    ("dal governo" -> "governo"), without a relative or participial clause when it follows the
    verb (``GUIDELINES.md`` 3.2), without an adverb the parser hung on it from before
    ("ha detto infine Taalas") or an adjunct or a time before it ("Dall'inizio della guerra,
    il presidente"), without where the words appeared ("il portavoce su Twitter"),
    without a gerund's clause ("Reuters, citando un funzionario,"), trimmed of punctuation, of
    a parenthetical adverb ("…Ignatiev, inoltre,") and of a bare time word at its end
    ("Giuseppe Conte mercoledì")."""
    # where the words appeared is no part of a speaker ("il portavoce su Twitter"); of a text it
    # says which one ("un articolo su Science", "uno studio sull'impatto")
    media = frozenset() if _head_category(token.doc, token, token.doc.lang_) == "document" \
        else MEDIUM_PREPOSITIONS[token.doc.lang_]
    occasion = OCCASION_PREPOSITIONS[token.doc.lang_] if after_verb else frozenset()
    # (also on an apposition; a bare noun or adjective read as a clause is a modifier: "il
    # leader turco")
    clauses = {c.i for t in token.subtree for c in t.children
               if after_verb and c.dep_ in ("acl", "acl:relcl") and not (
                   c.pos_ in ("NOUN", "ADJ") and not list(c.children))}
    cut = {t.i for child in token.children
           if child.dep_ == "case"
           # a verb coordinated with the head is a clause of its own, no part of the phrase (a
           # participle may be: "l'articolo pubblicato ieri e scritto da …")
           or child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
           and "Part" not in verb_forms(child)
           or child.dep_ == "advmod" and child.i < token.i  # "ha detto infine Taalas"
           # an adjunct or a time the parser hung on the head from before ("Dall'inizio della
           # guerra, il presidente", "Il giorno dopo Alberto Stefani")
           or child.i < token.i and (child.left_edge.dep_ == "case"
                                     or _names_a_time(child.subtree))
           or child.i > token.i and child.left_edge.dep_ == "case" and (
               child.left_edge.lemma_ in media  # (the parser may hang it on an adjective)
               or child.left_edge.lemma_ in occasion and _occasion(child)
               and _portfolio_holder(token, child) is None)
           for t in child.subtree} | {t.i for i in clauses for t in token.doc[i].subtree}
    # a gerund's clause modifies a verb, never a noun ("Reuters, citando un funzionario")
    cut |= {t.i for g in token.subtree if g.i != token.i and "Ger" in verb_forms(g)
            for t in g.subtree}
    tokens = [t.i for t in token.subtree if t.i not in cut]
    doc = token.doc
    # keep the contiguous run around the head
    lo = hi = token.i
    keep = set(tokens)
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    # a name the parser broke off ("il primo ministro svedese Magdalena | Andersson")
    if doc[hi].pos_ == "PROPN":
        hi = _name_end(doc[hi])
    while True:
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        while hi > lo and (doc[hi].is_punct and doc[hi].pos_ != "SYM" or doc[hi].is_space) \
                and not (doc[hi].text == ")" and any(doc[k].text == "(" for k in range(lo, hi))):
            hi -= 1  # a closing bracket stays when its opening one is in ("General Motors (GM)"),
            # and a symbol ("il 47%")
        # "…, inoltre," / "…, tuttavia,": an adverb set off by a comma ends the phrase before it
        if hi - 1 > lo and doc[hi].pos_ == "ADV" and doc[hi - 1].text == ",":
            hi -= 2
            continue
        # a bare time word at its end is when, not who ("Giuseppe Conte mercoledì"; not
        # "sindaco da marzo" or "un sondaggio degli scorsi giorni", with a preposition of its
        # own, nor a name such as "Marzo")
        if hi > lo and _names_a_time((doc[hi],)) and doc[hi].pos_ != "PROPN" and \
                doc[hi - 1].pos_ != "ADP" and not any(c.dep_ == "case" for c in doc[hi].children):
            hi -= 1
            continue
        return list(range(lo, hi + 1))


def _role_apposition(doc: Doc, source: list[int], lang: str) -> list[int]:
    """A name after its cue with the role set off by a comma after it ("ha affermato Maxim
    Oreshkin, consigliere di Putin", "secondo Eurostat, l'agenzia statistica del blocco"), which
    the parser may hang elsewhere: the source with that noun phrase (its relative and
    participial clauses left out, ``GUIDELINES.md`` 3.2) when its head is a source noun of a
    speaker (not a text: "secondo l'ambasciata, quelle dichiarazioni …" goes on with the
    content) and a punctuation mark or such a clause closes it."""
    end = source[-1]
    if end + 2 >= doc[end].sent.end or doc[end + 1].text != ",":
        return source
    named = _name_after_role(doc, source, lang)
    if named is not None:
        return named
    if doc[end].pos_ != "PROPN":
        return source
    head = next((t for t in doc[end + 2 : min(end + 5, doc[end].sent.end)]
                 if t.pos_ not in ("DET", "ADJ")), None)
    if head is None or head.pos_ != "NOUN" or head.dep_.startswith("nsubj") or \
            _head_category(doc, head, lang) in (None, "document"):
        return source  # ("Secondo la DARPA, il programma …": the content's subject)
    role = _phrase(head, True)
    # (up to its first comma: a second apposition the parser hung on it may be the content,
    # "Secondo Mario Rossi, fondatore di X, il piano fallirà")
    role = role[:next((k for k, i in enumerate(role) if doc[i].text == ","), len(role))]
    after = role[-1] + 1
    # closed by a punctuation mark, or by the relative or participial clause left out ("Joseph
    # Schmidhuber, un economista che ha studiato …")
    closed = after >= doc[end].sent.end or doc[after].is_punct or doc[after] in head.subtree
    return list(range(source[0], role[-1] + 1)) if role[0] == end + 2 and closed else source


def _name_after_role(doc: Doc, source: list[int], lang: str) -> list[int] | None:
    """A role after its cue with the name set off by a comma after it ("ha detto la premier,
    Kaja Kallas, precisando …", "per il viceministro dell'Interno, Mario Rossi, …"): the source
    with the name, when the phrase's head is a source noun of a speaker and a punctuation mark
    or the sentence's end closes the name ("Secondo il ministro, Rossi ha sbagliato" goes on
    with the content). None when there is no such name."""
    head = _phrase_head(doc, source)
    if head.pos_ != "NOUN" or _head_category(doc, head, lang) in (None, "document"):
        return None
    end, sent_end = source[-1] + 2, doc[source[-1]].sent.end
    while end < sent_end and doc[end].pos_ == "PROPN" and doc[end].text not in DASHES:
        end += 1
    closed = end >= sent_end or doc[end].is_punct
    return list(range(source[0], end)) if end > source[-1] + 2 and closed else None


#: The source-noun categories of an office, which may name its portfolio ("il sottosegretario
#: alla Difesa").
OFFICE_CATEGORIES = ("title", "role")


def _portfolio_holder(office: Token, phrase: Token) -> Token | None:
    """The holder's name after an office's portfolio ("il sottosegretario alla Difesa Mario
    Rossi", "il segretario al Tesoro Wally Adeyemo"): a phrase after an office noun is its
    portfolio, not the addressee ("il ministro a Repubblica"), when a name follows the phrase's
    noun, hung on it or on the office noun right after it, with no preposition of its own and
    no punctuation before it. None when no name follows."""
    if _head_category(office.doc, office, office.doc.lang_) not in OFFICE_CATEGORIES:
        return None
    end = phrase.right_edge.i
    return next((name for name in (*phrase.subtree, *office.children)
                 if name.pos_ == "PROPN" and name.is_title and name.dep_ in NAME_RELATIONS
                 and not any(d.dep_ == "case" for d in name.children)
                 and (phrase.i < name.i <= end or name.i == end + 1)
                 and not any(t.is_punct for t in office.doc[phrase.i : name.i])), None)


def _occasion(noun: Token) -> bool:
    """Is the noun after an occasion preposition a name or a determined noun ("a Repubblica",
    "nel suo libro", "in un'intervista"), not a bare noun of a title ("specialista in terapia
    intensiva")?"""
    return noun.pos_ == "PROPN" or _determined(noun) or any(
        c.dep_ == "case" and "Def" in c.morph.get("Definite") for c in noun.children)


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
    while start < noun.i and noun.doc[start].dep_ == "case" and noun.doc[start].head.i == noun.i:
        start += 1  # "al progetto": no preposition (GUIDELINES.md 3.2)
    end = clause.left_edge.i
    doc = noun.doc
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return list(range(start, end)) if end > start else None


def _names_a_time(tokens: Iterable[Token]) -> bool:
    """Is one of the tokens a time word (:func:`_time_words`), which never speaks?"""
    return any({t.lower_, t.lemma_.lower()} & _time_words(t.doc.lang_) for t in tokens)


@cache
def _time_words(lang: str) -> frozenset[str]:
    """Weekdays, seasons, "oggi"-like words, calendar units (``time_<lang>.csv``) and month names
    (``months.csv``, abbreviations left out): never a speaker."""
    time = load_lexicon(f"time_{lang}")
    months = load_lexicon("months", language=lang)
    return frozenset(time.loc[time["kind"].isin(["weekday", "deictic", "season", "unit"]),
                              "pattern"]
                     ) | frozenset(months.loc[~months["gloss"].str.contains("abbr"), "pattern"])


def _subjects(verb: Token, quotes: Sequence[Quote]) -> list[Token]:
    """The subject of a verb, as one or more tokens on one side of it: the parser may split a
    name and its apposition into two subjects ("Buzz Hargrove, il presidente…"). A "subject"
    inside a quotation is the quoted content; the speaker then follows the verb, whatever
    relation the parser gave it ("«…», ha dichiarato il presidente")."""
    own = _inside(quotes, verb.idx)
    inciso = _inciso(verb, own)
    # a day, month or season the parser took for a subject ("ha annunciato venerdì che …");
    # words inside a quotation are its content, unless the verb and its own content clause
    # stand in the same quotation (a speaker quoting someone: «i russi ci hanno detto che …»);
    # of a reporting clause set off by dashes ("«… – aggiunge Rossi – …»"), only the words
    # after the verb can be its subject
    nested = own is not None and any(c.dep_ in CONTENT_RELATIONS for c in verb.children)
    children = [c for c in verb.children
                if (c.i > verb.i if inciso else _inside(quotes, c.idx) is None
                    or nested and _inside(quotes, c.idx) is own)
                and not _names_a_time((c, *c.children))  # also "la scorsa settimana"
                and c.text not in DASHES]  # (the tagger may take a dash for a name)
    believer = verb.lemma_ in BELIEF_PASSIVES[verb.doc.lang_]  # "il ministro è convinto che"
    # (a noun after "a", "in", "su" is no subject: "dice Gudkov a Repubblica")
    lang = verb.doc.lang_
    occasion = OCCASION_PREPOSITIONS[lang] | MEDIUM_PREPOSITIONS[lang]
    subjects = [c for c in children if (c.dep_ == "nsubj" or believer and c.dep_ == "nsubj:pass")
                and not any(d.dep_ == "case" and d.lemma_ in occasion for d in c.children)]
    quoted = any(c.dep_ == "nsubj" and _inside(quotes, c.idx) for c in verb.children) or \
        _quote_before(verb, quotes)
    # "Lo ha annunciato il ministro": with a clitic standing for the content, the phrase
    # after the verb is its subject
    clitic = _content_clitic(verb, children)
    # (a gerund or an infinitive has no inverted subject: the noun after it is its object,
    # "…, dichiarando le sue dimissioni")
    if not subjects and not {"Ger", "Inf"} & verb_forms(verb) and (
            quoted or _closes_sentence(verb) or _postposed(verb) or inciso or clitic
            or _as_clause(verb, verb.doc.lang_) or _speaker_before_colon(verb)):
        # the first "object" after the verb (or a name without a preposition hung on it by
        # another relation: "ha dichiarato giovedì Stoltenberg"),
        # and a name the parser made a second one right after it or after a comma ("ha
        # dichiarato il ministro dell'Economia Rainer Bruederle", "ha sottolineato il
        # segretario generale, Mario Rossi")
        # (an "object" with a preposition is an adjunct the parser misread: "ha dichiarato
        # senza mezzi termini il Ceo")
        objects = [c for c in children if c.i > verb.i and (
            c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN", "PRON")
            or c.dep_ in ("flat:name", "obl", "nmod") and c.pos_ == "PROPN")
            and not any(d.dep_ == "case" for d in c.children) and c.left_edge.dep_ != "case"]
        subjects = objects[:1] + [o for o in objects[1:2] if o.pos_ == "PROPN" and (
            o.left_edge.i == objects[0].right_edge.i + 1 or
            o.left_edge.i == objects[0].right_edge.i + 2
            and verb.doc[o.left_edge.i - 1].text == ",")]
        if not subjects or subjects[0].dep_ != "obj":
            # a name the parser glued to a time or a medium before it ("disse l'anno scorso
            # Draghi", "ha dichiarato al Washington Post Silja Voeneky")
            subjects = _glued_name(verb) or subjects
    if not subjects and _finite(verb):
        # A full noun phrase or pronoun before a finite verb, read as its object or a
        # determiner ("Molti ritengono che…"), is its subject: a fronted object comes back as
        # a clitic ("Il prezzo, lo ritengono alto").
        subjects = [c for c in children if c.dep_ in ("obj", "det") and c.i < verb.i
                    and c.pos_ in ("NOUN", "PROPN", "PRON") and "Yes" not in
                    c.morph.get("Clitic") and not any(
                        d.dep_ == "obj" and "Yes" in d.morph.get("Clitic")
                        for d in children)][-1:]
    if not subjects:
        return []
    name = _name_before_subject(verb, subjects[0], children)
    if name is not None:
        subjects = [name, *subjects]
    # a verb closing its sentence after its content: of a subject on either side (the parser
    # took the content's first noun for one), the one after it speaks
    side = subjects[0].i > verb.i or subjects[-1].i > verb.i and _closes_sentence(verb)
    return [c for c in subjects if (c.i > verb.i) == side]


def _name_before_subject(verb: Token, first: Token, children: Sequence[Token]) -> Token | None:
    """A name the parser hung on the verb by another relation that is the first part of its
    subject ``first``: before the comma of the subject's apposition ("Buzz Hargrove, il
    presidente di …, dichiara"), or, after the verb, a first name right before the subject's
    surname ("ha dichiarato Keith Springer")."""
    edge = first.left_edge.i
    if first.i < verb.i and edge >= 2 and verb.doc[edge - 1].text == ",":
        ends, placed = (edge - 2, edge - 1), lambda c: c.i < first.i
    elif first.i > verb.i and first.pos_ == "PROPN":
        ends, placed = (edge - 1,), lambda c: c.is_title and c.i > verb.i
    else:
        return None
    return next((c for c in children if c.pos_ == "PROPN" and c.right_edge.i in ends
                 and placed(c) and not any(d.dep_ == "case" for d in c.children)), None)


def _speaker_before_colon(verb: Token) -> bool:
    """"E conclude Repubblica: «…»", "prosegue l'articolo: «…»": a name or a source noun after
    the verb, agreeing with it, whose phrase ends at a colon, is the verb's inverted subject
    (the parser read it as the object), and what follows the colon the content."""
    doc = verb.doc
    return any(c.i > verb.i and c.dep_ == "obj" and _agree(verb, c) and (
        c.pos_ == "PROPN" or _head_category(doc, c, doc.lang_) is not None)
        and c.right_edge.i + 1 < verb.sent.end and doc[c.right_edge.i + 1].text == ":"
        for c in verb.children)


def _glued_name(verb: Token) -> list[Token]:
    """A name after a phrase that follows the verb and that the parser hung on that phrase's
    head, with no preposition of its own: on a time ("disse l'anno scorso Draghi") or on a name
    after a preposition ("ha detto al Corsera Giorgia Meloni"). Such a name starts a phrase of
    its own, the verb's inverted subject; a name on a common noun ("ha scritto al ministro
    Rossi") is that noun's apposition."""
    for phrase in verb.children:
        if phrase.i < verb.i or not (phrase.pos_ == "PROPN" and phrase.dep_ == "obl"
                                     or _names_a_time(phrase.subtree)):
            continue
        names = [name for name in phrase.children if name.i > phrase.i and name.pos_ == "PROPN"
                 and name.dep_ in NAME_RELATIONS
                 and not any(d.dep_ == "case" for d in name.children)]
        # (a name read as the rest of the name before it is a speaker only as a full name: "ha
        # detto a DW Briana Pobiner"; in "ha detto a Giorgia Meloni" the one word is a surname)
        return ([name for name in names if name.dep_ != "flat:name"] or
                [name for name in names if _name_end(name) > name.i])[:1]
    return []


def _name_end(name: Token) -> int:
    """The last token of the capitalised name run that starts at ``name``."""
    doc = name.doc
    end = name.i
    while end + 1 < name.sent.end and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
        end += 1
    return end


def _verb_source_parsed(verb: Token, lang: str, quotes: Sequence[Quote], depth: int = 0
                        ) -> tuple[list[int], str]:
    """The source of a verb from the parse and how it was found (:class:`_ParsedCue`)."""
    children = list(verb.children)
    impersonal = any(c.dep_ in IMPERSONAL_RELATIONS and c.lower_ in IMPERSONAL_CLITICS[lang]
                     for c in children)
    text = _text_read(verb, lang) if impersonal else []
    if text:  # "Il resto degli investimenti, si legge nel documento, …": not the subject
        return text, "agent"
    subjects = _subjects(verb, quotes)
    misread = _misread_relative(verb, lang)
    if misread and all(t.i > verb.i for t in subjects):  # (then that "subject" is an object)
        return misread, "subject"
    if subjects:
        # of a relative pronoun and a noun both read as subjects, the pronoun is the object
        # ("i gruppi che Ankara considera estremisti")
        subjects = [s for s in subjects if not _is_relative(s)] or subjects
        if len(subjects) == 1 and _is_relative(subjects[0]):
            antecedent = _antecedent(subjects[0])
            if antecedent:
                return antecedent, "relative"
        after = subjects[0].i > verb.i
        phrases = [_phrase(subject, after) for subject in subjects]
        source = list(range(phrases[0][0], phrases[-1][-1] + 1))
        return (_role_apposition(verb.doc, source, lang) if after else source), "subject"
    agent = next((c for c in children if c.dep_ in ("obl:agent", "agent")), None)
    if agent is not None:
        if lang == "en" and agent.lower_ == "by" and list(agent.children):
            agent = next(iter(agent.children))  # English UD v1 style: "by" heads the agent
        return _phrase(agent, True), "agent"
    if impersonal:
        return [], "agentless"
    if verb.lemma_ not in BELIEF_PASSIVES[lang] and any(
            c.dep_ in PASSIVE_RELATIONS for c in children):
        text = _text_read(verb, lang)  # "Nelle dichiarazioni dei funzionari è indicato"
        return (text, "agent") if text else ([], "agentless")
    # a gerund the parser hung on the object before it ("ha giustificato la scelta
    # affermando …") shares the subject of that object's verb
    on_noun = _gerund_on_noun(verb)
    governor = verb.head.head if on_noun else verb.head
    if governor.dep_ in CONTENT_RELATIONS and governor.head.lemma_ in reporting_verbs(lang) and (
            "Ger" in verb_forms(verb)
            or verb.dep_ == "conj" and _person(verb) not in (None, _person(governor))):
        # a gerund after a reported clause, or a verb coordinated with it that cannot share its
        # subject, which the parser hung on the clause's verb, goes on the report: "Kluge ha
        # affermato che il numero … rappresenta il 90%, osservando che" (the speaker observes,
        # not the number), "Rudenko afferma che le spedizioni inizieranno e spera che"
        governor = governor.head
    # an infinitive after its marker read as a clausal complement ("arrivano a considerare")
    controlled = verb.dep_ == "ccomp" and "Inf" in verb.morph.get("VerbForm") and any(
        c.dep_ == "mark" and c.lower_ in INFINITIVE_MARKERS[lang] for c in children)
    # (a gerund's governor may be a predicate with a copula: "sono contrari …, spiegando")
    predicate = governor.pos_ in ("VERB", "AUX") or "Ger" in verb_forms(verb) and any(
        c.dep_ == "cop" for c in governor.children)
    # (a finite verb of another person has a subject of its own: "Questo li rende …, quindi non
    # li considero seri"; a governor with no verb form at all, a verb the tagger gave a noun's
    # features, "La portavoce afferma", does not tell)
    person = _person(governor) if governor.morph.get("VerbForm") else _person(verb)
    if (verb.dep_ in SHARED_SUBJECT or on_noun or controlled) and predicate and depth < 4 and (
            verb.dep_ != "advcl" or verb_forms(verb) & {"Ger", "Inf", "Part"}) \
            and _person(verb) in (None, person):
        source, how = _verb_source_parsed(governor, lang, quotes, depth + 1)
        if source:
            return source, "shared"
    return [], "dropped"


#: The source-noun categories of a text an impersonal cue may read from.
TEXT_CATEGORIES = ("document", "organisation")


def _misread_relative(verb: Token, lang: str) -> list[int]:
    """The subject of a finite verb the parser hung on the noun before it as a relative clause
    with no relative pronoun or as a modifier ("I Verdi, tuttavia, hanno respinto …", "Maurizio
    Gasparri, senatore di Forza Italia, ha minimizzato …", "voci riferiscono che"): the noun's
    phrase up to the verb, without the commas and adverbs before it; else none."""
    head = verb.head
    if verb.dep_ not in ("acl:relcl", "acl", "amod") or head.i > verb.i or \
            head.pos_ not in ("NOUN", "PROPN") or not _finite(verb) or any(
                _is_relative(c) or c.dep_.startswith("nsubj") for c in verb.children):
        return []
    doc = verb.doc
    end = _cue_start(verb)
    if any(_is_relative(t) or t.lower_ in RELATIVES[lang] for t in doc[head.i : end]):
        return []
    while end > head.i and (doc[end - 1].is_punct or doc[end - 1].pos_ == "ADV"):
        end -= 1
    return list(range(head.left_edge.i, end))


def _text_read(verb: Token, lang: str) -> list[int]:
    """The text an impersonal or agentless cue reads from ("si legge nel rapporto", "Nella
    relazione si evidenzia che", "il rapporto, in cui si precisa che"): the phrase of the verb's
    modifier after "in" or "su" whose head is a document or an organisation (a newspaper), or
    the antecedent of a relative pronoun there; else none (``GUIDELINES.md`` 3.2)."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ != "obl" or not any(c.dep_ == "case" and c.lemma_ in TEXT_PREPOSITIONS[lang]
                                          for c in child.children):
            continue
        phrase = _antecedent(child) if _is_relative(child) else _phrase(child, True)
        if phrase and _head_category(doc, _phrase_head(doc, phrase), lang) in TEXT_CATEGORIES:
            return phrase
    return []


STIPULATING_TEXTS = closed_class("stipulating_text")
MEDIUM_PREPOSITIONS = closed_class("medium_preposition")
OCCASION_PREPOSITIONS = closed_class("occasion_preposition")
TEXT_PREPOSITIONS = closed_class("text_preposition")


def _provides_for(verb: Token, lang: str) -> bool:
    """Is the verb's subject a text that lays down terms ("l'accordo prevedeva che", "il piano,
    che prevedeva …"): then "prevedere" provides for, it neither expects nor reports
    (``GUIDELINES.md`` 8.6 and 9.6)? The subject is read through a relative pronoun, or is the
    noun the parser hung the verb on ("L'accordo prevedeva" read as its modifier)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or (
        [verb.head] if verb.dep_ in ("amod", "acl") else [])
    texts = STIPULATING_TEXTS[lang]
    for subject in subjects:
        antecedent = _antecedent(subject) if _is_relative(subject) else None
        if antecedent:  # the head of the antecedent phrase: the word hung outside it
            inside = set(antecedent)
            subject = next(verb.doc[i] for i in antecedent if verb.doc[i].head.i not in inside
                           or verb.doc[i].head.i == i)
        if subject.lemma_.lower() in texts:
            return True
    return False


def _as_clause(verb: Token, lang: str) -> bool:
    """Is the verb in an as-clause, whose content is the clause it stands in: "come" (whatever
    relation the parser gave it) with a written subject or agent ("come affermato dagli esperti",
    "come ha detto il ministro"; a bare "come previsto" is an idiom, as planned) or a noun
    phrase after the verb that the parser read as an object ("come riporta anche il Giornale"),
    outside a question, or "quanto" after a preposition cue ("secondo quanto riporta il
    portavoce", "secondo quanto riportato dai media") or a copula ("è quanto afferma")?"""
    if any(c.dep_ in ("mark", "cc", "advmod") and c.i < verb.i and c.lower_ in AS_MARKERS[lang]
           for c in verb.children):
        if any(c.dep_ in ("nsubj", "obl:agent") for c in verb.children):
            return True
        # the speaker may follow the verb in another relation ("come dicevano i capi", "come
        # riporta anche il Giornale"): a noun phrase with no preposition, outside a question
        # ("Come spiega l'atteggiamento …?": how)
        # ("come ha detto al Corsera Giorgia Meloni": a name glued to a medium)
        return not any(t.text == "?" for t in verb.doc[verb.i : verb.sent.end]) and (any(
            c.i > verb.i and (c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN") or c.dep_ == "obl"
                              and c.pos_ == "PROPN"
                              and not any(d.dep_ == "case" for d in c.children))
            for c in verb.children) or bool(_glued_name(verb)))
    pronouns = [c for c in verb.children if c.dep_ in ("obl", "obj")] + (
        [verb.head] if verb.dep_ in ("acl", "acl:relcl", "advcl") else [])
    categories = _categories(lang)
    # ... or "quanto" after a copula, with the speaker after the verb ("È quanto afferma la
    # Coldiretti", "È quanto dichiarato dal ministro": that is what … says)
    speaker = any(c.dep_ in ("nsubj", "obl:agent") and c.i > verb.i for c in verb.children)
    return any(p.lower_ in AS_PRONOUNS[lang] and any(
        c.dep_ == "case" and categories.get(c.lower_) == "preposition"
        or c.dep_ == "cop" and speaker for c in p.children) for p in pronouns)


def _gerund_on_noun(verb: Token) -> bool:
    """A gerund that the parser made a noun's modifier (acl, or an adverbial clause of the noun:
    "ha siglato un accordo …, promettendo"): gerunds modify verbs, so the parse is wrong and the
    gerund belongs to the noun's verb."""
    return verb.dep_ in ("acl", "advcl") and "Ger" in verb_forms(verb) and \
        verb.head.dep_ in ("obj", "obl", "nsubj") and verb.head.head.i != verb.head.i


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


#: A name written as a web address ("Repubblica.it", "CNNMoney.com"): an online medium.
WEB_ADDRESS = re.compile(r"\w[\w-]*(?:\.[\w-]+)*\.[a-z]{2,6}")

#: The rule of a source whose head is neither a source noun of the lexicon nor a name.
UNKNOWN_HEAD = "head not in the lexicon and not a name"


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
                             core[start - 1] in table.inner_hyphens) and \
                _noun_category(table, core, start - 1)[0] not in ("role", "title"):
            start -= 1
        run = [table.word(t) for t in core[start : at + 1]]
        for i in range(start, at + 1):
            found, _ = _noun_category(table, core, i)
            if found in ("organisation", "place"):
                return "named_organisation", \
                    f"name holding an organisation word: {table.word(core[i])}"
        before = [_noun_category(table, core, i)[0] for i in range(start)]
        if {"role", "title"} & set(before):
            return "named_person", "name after a role or title noun"
        if before and before[-1] in ("organisation", "place"):
            return "named_organisation", "name after an organisation noun"
        if any(word.isupper() and len(word) > 1 for word in run):
            return "named_organisation", "acronym"
        if any(WEB_ADDRESS.fullmatch(word) for word in run):
            return "named_organisation", "a web address (a medium)"
        return "named_person", "capitalised name"
    return "anonymous", f"{UNKNOWN_HEAD}: {head_text}"


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


def _phrase_head(doc: Doc, tokens: list[int]) -> Token:
    """The syntactic head of a phrase: its first token hung outside it (or on itself)."""
    return next((doc[i] for i in tokens if not tokens[0] <= doc[i].head.i <= tokens[-1]
                 or doc[i].head.i == i), doc[tokens[0]])


def _plural(noun: Token) -> bool:
    """Is the noun plural? An invariable noun takes its number from its determiners ("i nostri
    leader", "i media tedeschi", which the tagger may call singular)."""
    return "Plur" in noun.morph.get("Number") or any(
        "Plur" in c.morph.get("Number") for c in noun.children if c.dep_.startswith("det"))


def _points_back(doc: Doc, tokens: list[int], found: Sequence[Attribution]) -> TextSpan | None:
    """The named person a definite description points back to ("il leader turco", "l'esperto",
    after "il presidente Erdogan", ``GUIDELINES.md`` 3.4 row 3): the nearest earlier source
    typed as a person by a name, for a singular role or group noun with a definite article and
    no name of its own; for another noun, the nearest earlier such source that holds the same
    noun ("l'immunologo", after "l'immunologo Sergio Abrignani"); else None."""
    head = _phrase_head(doc, tokens)
    definite = any(c.dep_ == "det" and "Def" in c.morph.get("Definite") for c in head.children)
    if head.pos_ != "NOUN" or _plural(head) or not definite or any(
            doc[i].pos_ == "PROPN" for i in tokens):
        return None
    named = [(a.source, a.resolved or a.source) for a in found
             if a.source_type == "named_person" and a.source is not None]
    named = [(source, person) for source, person in named if _has_name(person.text)]
    if _head_category(doc, head, doc.lang_) not in ("role", "vague_collective"):
        noun = re.compile(rf"\b{re.escape(head.lower_)}\b")
        named = [(source, person) for source, person in named
                 if noun.search(source.text.lower())]
    return named[-1][1] if named else None


def _has_name(text: str) -> bool:
    """Does a source phrase hold a name: a capitalised word after its first, or one capitalised
    word ("Erdogan"; "Il presidente" holds none)?"""
    words = text.split()
    return any(w[:1].isupper() for w in words[1:]) or len(words) == 1 and words[0][:1].isupper()


def _head_category(doc: Doc, head: Token, lang: str) -> str | None:
    """The source-noun category of a phrase's head noun (with the word after it: "casa
    automobilistica"), by form, lower case or lemma."""
    nouns = source_nouns(lang)
    following = doc[head.i + 1] if head.i + 1 < len(doc) else None
    keys = [(head.text, following.text), (head.lower_, following.lower_),
            (head.lemma_, following.lemma_)] if following is not None else []
    # the lookup table's lemma too: the trained lemmatizer may keep a capitalised plural
    # ("Fonti" -> "fonti", not "fonte")
    keys += [(head.text,), (head.lower_,), (head.lemma_,), (_lookup_lemma(head, doc.lang_),)]
    return next((nouns[key] for key in keys if key in nouns), None)


def _lookup_lemma(token: Token, lang: str) -> str:
    """The lemma of a token's lower-case form in spaCy's lookup table (the form itself when the
    table has none)."""
    return _lookup_dict(lang, "lemma_lookup").get(token.lower_, token.lower_)


def _capitalised_noun(token: Token, lang: str) -> str | None:
    """The source-noun category of a capitalised word that the tagger took for a name: one
    opening its sentence or a quotation ("Fonti di intelligence …", "Esperti …"), or an
    institution noun written with a capital inside a name ("La Borsa di New York", "il
    Consiglio nazionale"): its lower-case form's lemma in the lexicon, else None."""
    doc = token.doc
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    nouns = source_nouns(lang)
    category = nouns.get((_lookup_lemma(token, lang),)) or nouns.get((token.lower_,))
    first = token.is_sent_start or token.i > 0 and doc[token.i - 1].is_punct
    return category if first or category == "organisation" else None


def _retype(doc: Doc, tokens: list[int], source_type: str, rule: str, capitals: list[int]
            ) -> tuple[str, str]:
    """Type a source phrase by its syntactic head (``GUIDELINES.md`` 3.4), in either language:
    an institution noun is an organisation, or a vague collective in the plural with no name
    ("enti di beneficenza"); a title or role with a name is that person (not one of many: "a
    professor from the University of Michigan"); a group noun in the singular is one unnamed
    informant ("un esperto": anonymous, "gli esperti": a vague collective), and so are other
    people in the plural the lexicon does not name ("i tecnici") or a share of them ("il 47%");
    a name holding an institution word ("… Corporation", :func:`_institution_words`) is an
    organisation, and so is a one-word name that is nowhere else in the article a surname
    (:func:`_surname_at`: "Boeing", as against "Mulally" beside "Alan Mulally", "Xi" beside "il
    presidente cinese Xi", "Tian" beside "Tian Dewen"). Other phrases keep the word-based
    type."""
    lang = doc.lang_
    head = _phrase_head(doc, tokens)
    plural = _plural(head)
    category = _head_category(doc, head, lang) if head.pos_ == "NOUN" else \
        _capitalised_noun(head, lang)
    # a name the tagger read as a common word ("Apple confirmed": a bare singular noun, not "il
    # Papa"; "Boeing says": a gerund) is still the name the word-based type saw
    head_name = head.pos_ == "PROPN" or source_type == "named_person" and head.is_title and (
        head.pos_ == "NOUN" and not plural and category is None
        and not any(c.dep_ == "det" for c in head.children)
        or {"Part", "Ger"} & set(head.morph.get("VerbForm")))
    names = [doc[i] for i in tokens if doc[i].pos_ == "PROPN" or i == head.i and head_name]
    institution = _institution_words(head, tokens, names, lang)
    if category is not None and head.pos_ == "PROPN":
        # "Fonti di intelligence …" opening a sentence: the tagger reads the capital as a name
        names = [n for n in names if n.i != head.i]
        plural = plural or _lookup_lemma(head, lang) != head.lower_
    if category in ("anonymous", "information", "document"):
        found = "anonymous" if category == "information" else category
        return found, f"source noun in the lexicon ({category}): {head.text}"
    if category in ("organisation", "place"):
        if plural and not names:
            return "vague_collective", f"institutions in the plural, none named: {head.text}"
        return "named_organisation", f"institution noun: {head.text}"
    # "il leader della Lega" is one person, "a professor from the University of Michigan" (a
    # name only in a modifier after an indefinite article) one of many
    indefinite = any("Ind" in c.morph.get("Definite") for c in head.children if c.dep_ == "det")
    if category in ("title", "role", "vague_collective") and names and not institution and (
            not indefinite or not all(_in_modifier(n, head) for n in names)):
        return "named_person", f"{category} noun with a name: {head.text}"
    if category == "role" and not plural and any(c.dep_ == "det:poss" for c in head.children):
        return "named_person", f"a role its possessive identifies: {head.text}"
    if category == "vague_collective":
        if plural:
            return "vague_collective", f"a group, unnamed: {head.text}"
        return "anonymous", f"one unnamed informant (singular): {head.text}"
    if head.pos_ == "PRON" and plural and "Ind" in head.morph.get("PronType"):
        return "vague_collective", f"an indefinite pronoun in the plural: {head.text}"
    if category is None and source_type == "anonymous" and not names and (
            plural and head.pos_ in ("NOUN", "ADJ") or any(doc[i].text == "%" for i in tokens)):
        # "i tecnici", "i liberali", "il 47%": people in the plural or a share of them (the
        # rule keeps its prefix: evidence such as "le immagini" still speaks for no one)
        return "vague_collective", f"{UNKNOWN_HEAD}: {head.text}, a group in the plural"
    if not head_name:
        return source_type, rule
    if institution:
        return "named_organisation", f"name holding an institution word: {institution[0].text}"
    # a capitalised preposition before the name is a surname's particle ("Di Maio")
    particle = head.i > tokens[0] and doc[head.i - 1].is_title and doc[head.i - 1].pos_ == "ADP"
    if len(names) == 1 and not particle:
        # the same word elsewhere in the article, before (the body) or after (a headline's
        # "Bonino: «…»", the body then naming "Emma Bonino")
        at = np.asarray(capitals, dtype=np.int64)
        at = at[doc.to_array(ORTH)[at] == head.orth]  # the same word, compared in C
        elsewhere = [int(i) for i in at if not tokens[0] <= i <= tokens[-1]]
        if not any(_surname_at(doc[i], lang) for i in [head.i, *elsewhere]):
            return "named_organisation", f"a one-word name that is no surname: {head.text}"
    return source_type, rule


def _institution_words(head: Token, tokens: list[int], names: list[Token], lang: str
                       ) -> list[Token]:
    """The names of a phrase that are institution words ("Corporation", "Nato") and name the
    phrase itself: not those before a role or title noun ("Apple Inc. CEO Steve Jobs"), in an
    apposition after a comma ("Steve Jobs, the chief executive of Apple Inc.") or in a
    modifier that a preposition opens ("Secretary of the Air Force James Roche")."""
    doc, nouns = head.doc, source_nouns(lang)
    found = [n for n in names if nouns.get((n.text,)) == "organisation"]
    if not found:
        return []
    offices = [i for i in tokens if _head_category(doc, doc[i], lang) in ("role", "title")]
    comma = next((i for i in tokens if doc[i].text == ","), tokens[-1] + 1)
    return [n for n in found if n.i < comma and not any(n.i < i for i in offices)
            and not _in_modifier(n, head)]


def _in_modifier(token: Token, head: Token) -> bool:
    """Does ``token`` hang on ``head`` through a word with a preposition of its own?"""
    while token.i != head.i and token.head.i != token.i:
        if any(c.dep_ == "case" for c in token.children):
            return True
        token = token.head
    return False


#: Below this Zipf frequency (wordfreq: 3 = once per million words) a word is rare in the
#: language: a given name such as "Jinping" (2.7) rather than "Computer" (4.9) or, in Italian
#: text, "Commercial" (3.1).
RARE_ZIPF = 3.0


@lru_cache(maxsize=4096)
def _rare_word(word: str, lang: str) -> bool:
    """Is ``word`` rare in running text of ``lang`` (:data:`RARE_ZIPF`)?"""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang) < RARE_ZIPF


def _name_first(name: Token, lang: str) -> bool:
    """Is this occurrence of a name the first of a two-word name whose second word is rare in
    the language: a surname written first ("Tian Dewen", "Xi Jinping"), not a company ("Apple
    Computer", "Boeing Commercial Airplanes") nor a place before a full name the parser hung on
    it ("l'Ucraina Volodymyr Zelensky")?"""
    doc = name.doc
    if name.i + 1 >= len(doc):
        return False
    following = doc[name.i + 1]
    after = doc[following.i + 1] if following.i + 1 < len(doc) else None
    return following.head.i == name.i and following.dep_ == NAME_PART[lang] and \
        following.is_title and _rare_word(following.lower_, lang) and \
        not (after is not None and after.is_title and after.pos_ == "PROPN")


def _surname_at(name: Token, lang: str) -> bool:
    """Is this occurrence of a name a surname: the end of a longer name in the parse, the
    first of a name written surname first (:func:`_name_first`), after a capitalised name the
    parse did not join to it ("Mitch McConnell"), or after a role or title noun with at most
    two adjectives or names between ("il presidente cinese Xi", "il cancelliere Scholz")?"""
    doc = name.doc
    if name.dep_ == NAME_PART[lang]:
        return True
    if _name_first(name, lang):
        return True
    before = doc[name.i - 1] if name.i > 0 else None
    if before is not None and before.pos_ == "PROPN" and before.is_title and \
            not before.is_sent_start and before.whitespace_:
        return True
    for token in reversed(doc[max(name.sent.start, name.i - 3) : name.i]):
        if token.pos_ == "NOUN" and _head_category(doc, token, lang) in ("role", "title"):
            return True
        if token.pos_ not in ("ADJ", "PROPN"):
            return False
    return False


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
