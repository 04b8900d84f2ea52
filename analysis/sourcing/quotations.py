"""Quotations: every quote-mark style, their kind (direct or partial), what stands beside them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Token

from ..nlp import ParsedArticle
from .records import Quote, TextSpan, text_span
from .syntax import NAME_RELATIONS, _agree, _cue_start, _person
from .words import (
    COMPLEMENTISERS,
    INTRODUCERS,
    MIXED_CLOSERS,
    QUOTE_MARK_RE,
    QUOTE_PAIRS,
    SYMMETRIC_QUOTES,
    _doc_text,
    _is_reporting_verb,
    _sentence_finder,
    _table,
    _TokenTable,
)


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
        elif (char == QUOTE_PAIRS[opener] or char == MIXED_CLOSERS.get(opener)) and (
                opener not in ("'", "\u2018") and char not in SYMMETRIC_QUOTES - {opener}
                or _closes(text, i)):
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


# Between a quotation and the verb that reports it: nothing but white space and punctuation.
_QUOTE_GLUE = re.compile(r"[\s,;:\u2013\u2014-]*")


# After a quotation that ends its sentence: closing punctuation only.
_SENTENCE_TAIL = re.compile(r"[\s.!?;]*")


def _adjacent_quote(text: str, quotes: Sequence[Quote], start: int, end: int) -> bool:
    """Is a quotation right before ``start`` or right after ``end`` (character offsets), with
    only punctuation and white space between ("«…», ha detto", "ha detto: «…»")?"""
    for quote in quotes:
        if quote.end <= start and _QUOTE_GLUE.fullmatch(text, quote.end, start):
            return True
        if quote.start >= end and _QUOTE_GLUE.fullmatch(text, end, quote.start):
            return True
    return False


def _quote_opens(text: str, quotes: Sequence[Quote], char: int) -> bool:
    """Does a quotation open at ``char``, after white space only?"""
    return any(q.start >= char and not text[char:q.start].strip() for q in quotes)


def _inside(quotes: Sequence[Quote], char: int) -> Quote | None:
    return next((q for q in quotes if q.start < char < q.end), None)


# A dash that sets off a parenthetical clause: white space before it, white space or a comma
# after it ("– spiega Rossi –, …").
_INCISO_DASH = re.compile(r"\s[-\u2013\u2014](?=[\s,])")


def _inciso(verb: Token, quote: Quote | None) -> bool:
    """Is the verb the head of a reporting clause set off by dashes, inside the quotation it
    reports ("«Il bollettino – aggiunge Rossi – contiene …»", a split quotation,
    ``GUIDELINES.md`` 3.3) or, with ``quote`` None, inside the indirect content around it ("Il
    compito – ha aggiunto – non è questo"): a dash right before the verb phrase and another
    after it, within the quotation and the sentence?"""
    doc = verb.doc
    start = doc[_cue_start(verb)].idx
    first = verb.sent.start_char if quote is None else max(quote.start, verb.sent.start_char)
    if not _INCISO_DASH.search(_doc_text(doc), max(first, start - 3), start + 1):
        return _comma_inciso(verb)
    end = verb.sent.end_char if quote is None else min(quote.end, verb.sent.end_char)
    return _INCISO_DASH.search(_doc_text(doc), verb.idx + len(verb), end) is not None


def _quote_before(verb: Token, quotes: Sequence[Quote]) -> bool:
    """Does a quotation end right before the verb phrase ("«…», ha detto", "«…» – dichiara")?"""
    start = verb.doc[_cue_start(verb)].idx
    text = _doc_text(verb.doc)
    return any(q.end <= start and _QUOTE_GLUE.fullmatch(text, q.end, start) for q in quotes)


def _comma_inciso(verb: Token) -> bool:
    """Is the verb a reporting clause set off by commas inside its content, with its inverted
    subject ("In totale, ha detto il presidente, sono stati aperti 651 casi"): a comma before the
    verb phrase with words before it, a noun or name after the verb as its subject or object
    (agreeing with it) followed by a comma, and a finite verb after that comma?"""
    doc = verb.doc
    start = _cue_start(verb)
    person = _person(verb)
    if start - 1 <= verb.sent.start or doc[start - 1].text != "," or person is None or \
            "3" not in person[0]:
        return False
    subject = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("nsubj", "obj")), None)
    if subject is None or not _agree(verb, subject) or not (
            subject.pos_ == "PROPN" or subject.pos_ == "NOUN" and _definite(subject)):
        return False  # (not an object: "…, ha sostenuto una riforma delle regole, …")
    # (the parser may hang the closing comma on the subject: "spiega la giornalista Farida
    # Rustamova, …")
    comma = subject.right_edge.i + (doc[subject.right_edge.i].text != ",")
    return comma < verb.sent.end and doc[comma].text == "," and any(
        "Fin" in t.morph.get("VerbForm") for t in doc[comma + 1 : verb.sent.end])


def _definite(noun: Token) -> bool:
    """Has the noun a definite article and no possessive (a person's title: "il presidente",
    not "la sua disponibilità")?"""
    return any(c.dep_ == "det" and "Def" in c.morph.get("Definite") for c in noun.children) \
        and not any(c.dep_ == "det:poss" for c in noun.children)


def _beside_quote(verb: Token, quotes: Sequence[Quote]) -> bool:
    """Does a quotation stand right before the verb phrase or right after it?"""
    # The verb phrase with an inverted subject ("«…» ha commentato Rossi, …"), also one the
    # parser hung on a medium's name ("ha detto al Corsera Giorgia Meloni: «…»"): the quotation
    # before the verb or after the subject.
    right = max([verb.i, *[c.right_edge.i for c in verb.children
                           if c.i > verb.i and (c.dep_ in ("nsubj", "obj") or c.dep_ == "obl"
                                                and c.pos_ == "PROPN" and any(
                                                    n.i > c.i and n.pos_ == "PROPN"
                                                    and n.dep_ in NAME_RELATIONS
                                                    for n in c.children))]])
    return _adjacent_quote(_doc_text(verb.doc), quotes, verb.doc[_cue_start(verb)].idx,
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
    return any(_QUOTE_GLUE.fullmatch(_doc_text(doc), opening, q.start) and
               (q.end >= end or _SENTENCE_TAIL.fullmatch(_doc_text(doc), q.end, end))
               for q in quotes)


def content_span(text: str, sentence: tuple[int, int], cue: TextSpan,
                 source: tuple[int, int] | None, inverted: bool, preposition: bool,
                 quotes: Sequence[Quote]) -> TextSpan | None:
    """What is attributed: the sentence after the cue (and the source, for "secondo X, ..."),
    or the stretch before the cue when the cue follows its content ("..., said Trump", a
    preposition after it), or before the source when a quotation of the sentence ends right
    before it or no word follows the cue ("«…», he said.", "\"…,\" Trump told reporters").

    Parameters
    ----------
    text : str
        The article's text.
    sentence : (start, end)
        Character offsets of the cue's sentence.
    cue : TextSpan
    source : (start, end) or None
        Character offsets of the source, None when no source is written.
    inverted : bool
        Whether the source follows its verb.
    preposition : bool
        Whether the cue is a preposition ("according to", "secondo").
    quotes : sequence of Quote
        The quotations of the sentence.

    Returns
    -------
    TextSpan or None
        None when the sentence holds nothing but the cue and the source.
    """
    sent_start, sent_end = sentence
    if preposition and cue.start > sent_start + 1 or inverted:
        return text_span(text, sent_start, cue.start)
    content = text_span(text, max(cue.end, source[1] if source else 0), sent_end)
    before = min(cue.start, source[0] if source else cue.start)
    if content is None or not any(c.isalnum() for c in content.text) or any(
            q.end <= before and not any(c.isalnum() for c in text[q.end:before])
            for q in quotes):
        return text_span(text, sent_start, before) or content
    return content


def quote_kind(content: TextSpan | None, sentence: int, quotes: Sequence[Quote]) -> str:
    """``"direct"`` when a direct quotation of the sentence overlaps the content, ``"partial"``
    when only a partial one does, else ``"indirect"``."""
    inside = [q for q in quotes if q.sentence == sentence and content is not None
              and q.start < content.end and content.start < q.end]
    if any(q.kind == "direct" for q in inside):
        return "direct"
    return "partial" if inside else "indirect"
