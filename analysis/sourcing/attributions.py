"""Attributions: cues with their sources, kinds and contents, in text order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache, partial
from itertools import takewhile

import numpy as np
from spacy.tokens import Doc, Token

from ..nlp import ParsedArticle
from .cues import _cues, _noun_cues, _parsed_cue, allowed_sources
from .quotations import (
    _beside_quote,
    _find_quotes,
    _inciso,
    _inside,
    _quote_before,
    _quote_opens,
    _quoted_clause,
    content_span,
    quote_kind,
)
from .records import Attribution, Quote, TextSpan
from .sources import (
    CONNECTIVE_TAGS,
    UNKNOWN_HEAD,
    _antecedent,
    _capitals,
    _name_end,
    _names_a_time,
    _phrase,
    _plausible_source,
    _points_back,
    _portfolio_holder,
    _retype,
    _role_apposition,
    _source_record,
    _type_source,
    _verb_cue_span,
    _verb_source,
)
from .syntax import (
    AS_PRONOUNS,
    NESTED_FIRST_PERSON,
    PARSE_SOURCES,
    _closes_sentence,
    _content_clitic,
    _finite,
    _is_relative,
    _postposed,
)
from .words import (
    CONTINUATIONS,
    CUE_TAKES_AUXILIARIES,
    DASHES,
    FROM_INTRO,
    MAX_SOURCE_TOKENS,
    NEGATIVE_SUBJECTS,
    QUOTE_PAIRS,
    _categories,
    _doc_text,
    _from_source,
    _has_anchor,
    _is_name,
    _left_phrase,
    _pronoun_type,
    _reporting,
    _right_phrase,
    _sentence_finder,
    _table,
    _TokenTable,
    _trim_phrase,
    _with_name_apposition,
)

#: Lexicon categories of verbs of showing and confirming: with a subject that names neither
#: a speaker nor a text ("le foto mostrano che", "i fatti hanno dimostrato che") they report
#: evidence, not a source (GUIDELINES.md 9.7).
EVIDENCE_CATEGORIES = ("evidence", "confirmation")


def _punctuation_attributions(parsed: ParsedArticle, table: _TokenTable, quotes: list[Quote],
                              taken: set[int], sentence_of: Callable[[int], int | None]
                              ) -> list[tuple[int, list[int], str, int]]:
    """Speakers marked by punctuation: ``"..." - Commissioner X`` after a quotation, and
    ``From the chairwoman: ...`` / ``Name: "..."`` before a colon, or only connectives
    before it (``E ancora: «…»``: the speaker before goes on, an empty source). Returns the
    token of the mark, the source, the cue kind and the sentence."""
    lang = table.lang
    on_parse = PARSE_SOURCES[lang] and parsed.doc.has_annotation("DEP")
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
        # (a verb cue after the dash opens a reporting clause: "«…» – afferma Rossi –")
        if source and _has_anchor(table, source) and taken.isdisjoint(source):
            found.append((dash, source, "dash", sentence_of(table.starts[dash])))
    text = parsed.article.text
    for index, sent in enumerate(parsed.sentences):
        if ":" not in text[sent.start_char : sent.end_char]:
            continue
        tokens = range(sent.start, min(sent.end, sent.start + MAX_SOURCE_TOKENS + 1))
        colon = next((i for i, t in enumerate(tokens) if table.word(t) == ":"), None)
        if colon is None or colon == 0 or colon > MAX_SOURCE_TOKENS or any(
                t in taken for t in tokens[: colon + 1]):
            continue  # (a colon after a cue opens that cue's content: "Rossi scrive: …")
        head = tokens[:colon]
        if all(table.norm(t) in CONTINUATIONS[lang] for t in head):
            # "E ancora: «…»": the speaker before goes on (a source not written, resolved
            # as for a dropped subject)
            if _quote_opens(text, quotes, table.ends[tokens[colon]]):
                found.append((tokens[colon], [], "colon", index))
            continue
        if table.norm(head[0]) in FROM_INTRO[lang]:
            source = _right_phrase(table, head, 1)
        else:
            # "Sanders: ..." (a headline or a transcript): a short run of names before a colon.
            # A one-letter label ("Q:", "A:") marks an interview turn, not a source.
            # Before a plain clause, its first word must be a name elsewhere in the article
            # too: "Premessa: …", "Spoiler: …" are labels capitalised by their position.
            short = len(head) <= 4 and len(table.word(head[0])) > 1
            source = list(head) if short and all(_is_name(table, t) for t in head) and not (
                on_parse and _label(parsed.doc, head)) and (
                _quote_opens(text, quotes, table.ends[tokens[colon]])
                or _named_elsewhere(table, head[0])) else []
            if not source and on_parse:
                # "Ucraina, Zelensky: «…»": a headline's topic, a comma and a short run of
                # names before a colon that opens a quotation
                source = _named_after_topic(parsed.doc, table, quotes, head, tokens[colon]) \
                    or _name_before_topic(parsed.doc, table, quotes, head, tokens[colon])
            if not source:
                # "L'Onu: «…»", "Il presidente Daniel Ortega: «…»": a whole noun phrase
                # with a name or a source noun before a colon that opens a quotation, or
                # a person's title before a clause ("Ministro della Difesa: la Russia non
                # c'entra")
                phrase = _left_phrase(table, head, len(head))
                if phrase and phrase[0] == head[0] and _has_anchor(table, phrase) and (
                        _quote_opens(text, quotes, table.ends[tokens[colon]])
                        or on_parse and _finite_after(parsed.doc, tokens[colon])
                        and parsed.doc[phrase[0]].pos_ in ("DET", "NOUN")
                        and _type_source(table, phrase)[0] == "named_person"):
                    source = phrase
        if source and len(source) == len(_trim_phrase(table, list(source))):
            found.append((tokens[colon], list(source), "colon", index))
    return found


def _named_elsewhere(table: _TokenTable, i: int) -> bool:
    """Is the word of token ``i`` written capitalised elsewhere in the article, where no
    sentence start or quote mark capitalises it (so a name, not a common word)?"""
    return any(j != i and j not in table.sent_starts and table.lex(j).capitalised
               and not (j > 0 and table.word(j - 1) in QUOTE_PAIRS)
               for j in np.flatnonzero(table.lowers == table.lowers[i]).tolist())


def _label(doc: Doc, head: Sequence[int]) -> bool:
    """Is the run before a colon a label, not a speaker: a word the parse reads as no name
    ("Ergo:"), or a word in capitals in a sentence that shouts ("CLIMA: il RISCALDAMENTO
    GLOBALE …", where capitals mark no names)?"""
    if any(doc[i].pos_ != "PROPN" for i in head):
        return True
    sentence = doc[head[0]].sent
    shouted = [t for t in sentence if t.is_alpha and t.is_upper and len(t) > 1]
    return all(doc[i].is_upper for i in head) and len(shouted) > len(head)


def _named_after_topic(doc: Doc, table: _TokenTable, quotes: Sequence[Quote],
                       head: Sequence[int], colon: int) -> list[int]:
    """The short run of names after the last comma before a colon that opens a quotation
    ("Hotspot di Lampedusa al collasso, Pisano: «…»"), or a plain clause when its first word
    is a name elsewhere in the article too ("Ecr, Fitto: Ue-Nato cooperino …", as
    :func:`_punctuation_attributions` asks of a run with no topic), or none."""
    commas = [i for i, t in enumerate(head) if table.word(t) == ","]
    if not commas:
        return []
    run = list(head[commas[-1] + 1 :])
    if not 0 < len(run) <= 4 or not all(_is_name(table, t) for t in run) or _label(doc, run) \
            or not (_quote_opens(_doc_text(doc), quotes, table.ends[colon])
                    or _named_elsewhere(table, run[0])):
        return []
    return run


def _name_before_topic(doc: Doc, table: _TokenTable, quotes: Sequence[Quote],
                       head: Sequence[int], colon: int) -> list[int]:
    """The run of names opening a headline with no verb before a colon that opens a quotation
    ("Lukashenko ai «truffatori internazionali» della pandemia: «Basta così!»", "Abrignani (Cts)
    su Covid: «…»"), with a bracket right after it, or none."""
    run = list(takewhile(partial(_is_name, table), head))
    if not 0 < len(run) <= 3 or len(run) == len(head) or _label(doc, run) or any(
            "Fin" in doc[t].morph.get("VerbForm") for t in head) or not _quote_opens(
            _doc_text(doc), quotes, table.ends[colon]):
        return []
    after = run[-1] + 1
    if table.word(after) == "(":
        close = next((t for t in head if t > after and table.word(t) == ")"), None)
        if close is not None:
            run = list(range(run[0], close + 1))
    return run


def _finite_after(doc: Doc, colon: int) -> bool:
    """Does a clause with a finite verb follow the colon in its sentence?"""
    return any("Fin" in t.morph.get("VerbForm") for t in doc[colon + 1 : doc[colon].sent.end])


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
        # the sentence's words: white space the tokenizer kept ("said  Republican …", a
        # no-break space after a name) stands in no phrase
        tokens = [i for i in range(sent.start, sent.end) if not table.lex(i).is_space]
        start, end = tokens.index(cue_start), tokens.index(cue_end - 1) + 1
        inverted = False
        if kind in ("verb", "agentless") and on_parse:
            # an agentless pattern ("è stato confermato", "si dice") may still have an agent
            # or a subject in the parse ("è stata confermata da Kiselev")
            read = _parsed_cue(parsed.doc, cue_start if kind == "verb" else cue_end - 1,
                               quotes, lang)
            if read is None:
                continue
            if _beside_quote(parsed.doc[cue_start], quotes) or _quoted_clause(
                    parsed.doc[cue_start], quotes):
                direct.add(read.start)
            source, how = read.source, read.how
            if source and not any(ch.isalnum() for t in source for ch in table.word(t)):
                source, how = [], "dropped"  # a space or a quotation mark read as the subject
            if kind == "agentless" and how == "dropped":
                how = "agentless"  # the pattern's passive or impersonal form has no subject
            if how in ("subject", "dropped") and not read.inverted:
                # A parser error may cut a long subject in two ("Il rappresentante
                # parlamentare sudcoreano Lee Song-kwon") or miss it ("quando Mosca e
                # Pyongyang hanno confermato"): the word walk's phrase before the verb that
                # ends where the parse's does and reaches further left, or that names a
                # source where the parse found none, wins; so does one that ends where the
                # parse's does when the parse's reaches further left over connectives and
                # adverbs only ("Perciò Popper", "e fonti ucraine").
                walked, backwards = _verb_source(table, tokens, tokens.index(read.start), end)
                # (without the comma before the verb, which PolNeAR's English marks and the
                # Italian guidelines leave out)
                while walked and table.lex(walked[-1]).is_punct:
                    walked = walked[:-1]
                if how == "dropped" and walked and not backwards:
                    walked = _name_after_preposition(parsed.doc, walked)
                own = _inside(quotes, parsed.doc[cue_start].idx)
                if any(_inside(quotes, parsed.doc[t].idx) not in (None, own) for t in walked):
                    walked = []  # words of a quotation are what is said, not who says it
                if walked and not backwards and (
                        how == "subject" and walked[-1] == source[-1] and walked[0] < source[0]
                        and not _names_a_time(parsed.doc[walked[0]:source[0]])
                        and not _adverbial(parsed.doc[read.end - 1], walked[0], source[0])
                        or how == "subject" and walked[-1] == source[-1]
                        and walked[0] > source[0]
                        and all(t.pos_ in CONNECTIVE_TAGS
                                for t in parsed.doc[source[0]:walked[0]])
                        or how == "dropped" and _finite(parsed.doc[cue_start])
                        and _has_anchor(table, walked)):
                    source, how = walked, "subject"
                elif how == "dropped" and walked and backwards and _has_anchor(table, walked) \
                        and _inverted_speaker(parsed.doc[read.end - 1], walked, quotes):
                    # the inverted subject of a reporting clause, which the parser hung
                    # elsewhere ("«…» – dichiara Di Maio –", "Lo propone Giorgia Meloni")
                    source, how = walked, "subject"
                    inverted = _after_content(parsed.doc[read.end - 1], quotes)
            if _nobody(table, source, lang):
                continue
            if how == "dropped":
                dropped.add(read.start)
            raw.append((min(read.start, cue_start), max(read.end, cue_end), source,
                        "agentless" if how == "agentless" else "verb", sentence,
                        read.inverted or inverted))
            continue
        if kind == "agentless":
            source: list[int] = []
        elif kind == "preposition":
            if end < len(tokens) and table.norm(tokens[end]) in AS_PRONOUNS[lang]:
                continue  # "secondo quanto riporta X": the verb is the cue
            source = _with_name_apposition(
                table, tokens, _from_source(table, _right_phrase(table, tokens, end)))
            if on_parse:
                # "la difesa, secondo la quale …": the source is the relative's antecedent
                relative = next((parsed.doc[t] for t in tokens[end:end + 2]
                                 if _is_relative(parsed.doc[t])), None)
                if relative is not None:
                    # the parse's relative clause, else the phrase before the comma
                    comma = start > 1 and table.word(tokens[start - 1]) == ","
                    source = _antecedent(relative) or (
                        _left_phrase(table, tokens, start - 1) if comma else [])
                else:
                    source = _parsed_object(table, parsed.doc[cue_end - 1], source)
        else:
            source, inverted = _verb_source(table, tokens, start, end)
            gerund = lang == "en" and table.lower(cue_start).endswith("ing")
            if gerund and inverted:
                # ", saying that ..." shares the subject of the verb before it: the source of
                # an earlier cue of the sentence, else the phrase that opens the sentence.
                earlier = [r for r in raw if r[4] == sentence and r[2]]
                subject = _right_phrase(table, tokens, 0)
                source = earlier[-1][2] if earlier else subject if subject and (
                    _has_anchor(table, subject) or _pronoun_type(table, subject[0])) else []
            if gerund and not source and parsed.doc.has_annotation("DEP"):
                source = _participle_subject(table, tokens, parsed.doc[cue_end - 1])
        if kind != "agentless" and not _plausible_source(table, source):
            continue  # a cue with no source we can find is not reported
        if _nobody(table, source, lang):
            continue
        if not NESTED_FIRST_PERSON[lang] and len(source) == 1 and \
                _pronoun_type(table, source[0]) == "first" and any(
                q.start < table.starts[cue_start] < q.end for q in quotes):
            continue  # "I think" inside a quotation is the speaker's wording, not a new source
        if kind == "verb" and CUE_TAKES_AUXILIARIES[lang]:
            start, end = _verb_cue_span(table, tokens, start, end)
            cue_start, cue_end = tokens[start], tokens[end - 1] + 1
        raw.append((cue_start, cue_end, source, kind, sentence, inverted))
    taken = {i for cue_start, cue_end, *_ in raw for i in range(cue_start, cue_end)}
    for cue in _noun_cues(parsed.doc, quotes, lang) if on_parse else ():
        sentence = sentence_of(table.starts[cue.start])
        if cue.start not in taken and sentence is not None and not _nobody(table, cue.source,
                                                                              lang):
            raw.append((cue.start, cue.end, cue.source, "noun", sentence, False))
            taken.add(cue.start)
    for token, source, kind, sentence in _punctuation_attributions(parsed, table, quotes, taken,
                                                                     sentence_of):
        if not source:
            dropped.add(token)
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
            content = content_span(
                table.text, (sent.start_char, sent.end_char), cue,
                (min(table.starts[t] for t in source), max(table.ends[t] for t in source))
                if source else None, inverted, kind == "preposition",
                by_sentence.get(sentence, []))
        if source:
            span, source_type, rule, resolved = _source_record(table, source, found, capitals)
            if parsed.doc.has_annotation("DEP") and resolved is None:
                source_type, rule = _retype(parsed.doc, source, source_type, rule, capitals())
                resolved = _points_back(parsed.doc, source, found) \
                    if source_type == "anonymous" else None
                if resolved is not None:
                    source_type, rule = "named_person", \
                        f"a description pointing back to {resolved.text}"
        elif cue_start in dropped:
            span, source_type, rule = None, "dropped_subject", "no subject written"
            resolved = _speaker_before(found, quotes, cue.start)
        else:
            span, source_type, rule, resolved = None, "agentless", "agentless cue", None
        # a type guessed from a head the lexicon does not know ("i bambini": a group in the
        # plural) is no evidence that someone speaks
        guessed = rule.startswith(UNKNOWN_HEAD)
        allowed = allowed_sources(table, cue_start, cue_end, kind)
        if allowed is not None and (source_type not in allowed or guessed):
            continue  # "Per i bambini, …" (for), "la crisi minaccia di …" (no one speaks)
        if kind == "verb" and guessed and \
                _categories(lang).get(table.lemma(cue_end - 1)) in EVIDENCE_CATEGORIES:
            continue  # "le immagini hanno confermato che": evidence, no one (GUIDELINES.md 9.7)
        found.append(Attribution(
            cue=cue, source=span, source_type=source_type, rule=rule,
            quote="direct" if cue_start in direct else
            quote_kind(content, sentence, by_sentence.get(sentence, [])),
            sentence=sentence,
            cue_kind=kind, content=content, resolved=resolved))
    _name_speakers(found, quotes)
    return found


#: The relations of a verb's adverbials and connectives: words the parse hangs on the cue by
#: one of them are not its subject ("Nel 2015 il Pentagono aveva ammesso", "… a 380 dollari al
#: barile il governatore di Bankitalia prevede").
ADVERBIAL_RELATIONS = ("obl", "obl:tmod", "advmod", "advcl", "cc", "mark", "dislocated")


def _participle_subject(table: _TokenTable, tokens: Sequence[int], verb: Token) -> list[int]:
    """The source of a gerund clause the word walk found none for ("Boeing challenged the award
    before the GAO, claiming …", "And then Trump went on the attack, saying …"): the subject of
    the verb the parse hangs it on, as the walk reads that phrase (a name, a source noun or a
    pronoun). A clause opened by a preposition or a conjunction ("by hinting at", "while
    calling") gets none: on PolNeAR train those added about as many false cues as true ones."""
    if verb.dep_ != "advcl" or any(c.dep_ in ("mark", "case") for c in verb.children):
        return []
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.i not in tokens:
        return []
    phrase = _left_phrase(table, tokens, tokens.index(subject.i) + 1)
    return phrase if phrase and (_has_anchor(table, phrase) or
                                 _pronoun_type(table, phrase[0])) else []


def _name_after_preposition(doc: Doc, phrase: list[int]) -> list[int]:
    """A phrase before a verb with no subject in the parse, right after a preposition, is that
    preposition's object; the verb's subject, where a comma was not written, is at most the name
    that closes it ("a Madrid Macron ha ammesso", "al video Meloni ha ricordato": Macron,
    Meloni). Any other phrase is returned as it is; none when no such name closes it."""
    first, end = phrase[0], phrase[-1]
    if first == 0 or doc[first - 1].pos_ != "ADP":
        return phrase
    start = end
    while start - 1 > first and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    return list(range(start, end + 1)) if start > first and doc[end].pos_ == "PROPN" else []


def _adverbial(verb: Token, start: int, end: int) -> bool:
    """Does a word from ``start`` to ``end`` (token indices) belong to an adverbial or a
    connective of the verb, or of the verb it is coordinated with, in the parse?"""
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    return any(start <= t.i < end for v in verbs for c in v.children
               if c.dep_ in ADVERBIAL_RELATIONS for t in c.subtree)


def _after_content(verb: Token, quotes: Sequence[Quote]) -> bool:
    """Is the verb a reporting clause after its content: closing its sentence, set off by
    commas or dashes after it, or right after a quotation?"""
    return _closes_sentence(verb) or _postposed(verb) or _inciso(
        verb, _inside(quotes, verb.idx)) or _quote_before(verb, quotes)


def _inverted_speaker(verb: Token, walked: list[int], quotes: Sequence[Quote]) -> bool:
    """May the phrase after the verb be its inverted subject: the verb reports what stands
    before it (:func:`_after_content`), a clitic before it stands for its content ("Lo propone
    Giorgia Meloni"), or a colon follows the phrase ("Sostiene Di Maio: «…»")?"""
    doc = verb.doc
    after = walked[-1] + 1
    return _after_content(verb, quotes) or _content_clitic(verb) or (
        after < len(doc) and doc[after].text == ":")


def _parsed_object(table: _TokenTable, preposition: Token, walked: list[int]) -> list[int]:
    """The word walk's source after a preposition cue, cut where the parse's noun phrase of the
    preposition's object ends: with no comma the walk runs on into the content ("Secondo
    Mario Draghi la crisi …"). Where the walk found nothing, the parse's noun phrase right
    after the preposition when its head is a name or a source noun."""
    head = preposition.head
    if preposition.dep_ != "case" or head.i <= preposition.i:
        return walked
    if not walked:  # the walk stops at a word of spaCy's stop list ("un nuovo rapporto")
        phrase = _phrase(head, True)
        return phrase if phrase[0] == preposition.i + 1 and _has_anchor(table, [head.i]) else []
    parsed = _phrase(head, False)  # its clauses are its own (GUIDELINES.md 3.2)
    kept = list(takewhile(set(parsed).__contains__, walked))
    holders = [_portfolio_holder(head, c) for c in head.children
               if kept and kept[-1] < c.i <= parsed[-1]]
    holder = next((name for name in holders if name is not None), None)
    if holder is not None and kept[0] == parsed[0]:
        # the walk stops at the preposition of an office's portfolio ("secondo il
        # sottosegretario alla Difesa Mario Rossi"): the parse reads on to the holder's name
        kept = list(range(kept[0], _name_end(holder) + 1))
    return _role_apposition(preposition.doc, kept, preposition.doc.lang_) if kept else walked


def _nobody(table: _TokenTable, source: list[int], lang: str) -> bool:
    """Whether the source is a negation ("nessuno ha previsto il fallimento", "Nessuno nella
    sua cerchia gli direbbe che"): then no one is reported (GUIDELINES.md 9.9)."""
    return bool(source) and table.norm(source[0]) in NEGATIVE_SUBJECTS[lang]


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
