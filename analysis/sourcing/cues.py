"""Cues: the reporting verbs, prepositions and agentless forms of the lexicon, and the verb cues
read from the parse, accepted only with a content (``data/annotations/GUIDELINES.md`` 3)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from ..lexicon import LEXICON_DIR, load_lexicon
from .quotations import _beside_quote, _inciso, _inside
from .records import Quote
from .sources import _gerund_on_noun, _lookup_lemma, _provides_for, _verb_source_parsed
from .syntax import (
    CONTENT_CLITICS,
    CONTENT_RELATIONS,
    NESTED_FIRST_PERSON,
    _closes_sentence,
    _cue_start,
    _determined,
    _postposed,
)
from .words import (
    _NOT_BEFORE_PREPOSITION,
    ADVERB_ENDINGS,
    AUXILIARY_LEMMAS,
    COMPLEMENTISERS,
    INFINITIVE_MARKERS,
    MODAL_LEMMAS,
    PARTICIPLE_ENDINGS,
    SKIP_LEFT,
    _anchors,
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
            table.lemma(i) not in AUXILIARY_LEMMAS[lang]:
        i -= 1
    return i >= 0 and table.lemma(i) in AUXILIARY_LEMMAS[lang]


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


def _marked_infinitive(verb: Token, lang: str) -> bool:
    """Is the verb an infinitive after its marker ("di tagliare", "a riprovare")?"""
    return "Inf" in verb.morph.get("VerbForm") and any(
        c.dep_ == "mark" and c.lower_ in INFINITIVE_MARKERS[lang] for c in verb.children)


def _has_content(verb: Token, quotes: Sequence[Quote], lang: str) -> bool:
    """A reporting verb is a cue only with a content: a clausal complement, an infinitive
    complement with its marker ("ha promesso di", "promised to"), or a quotation it is linked
    to by the parse or stands next to (``data/annotations/GUIDELINES.md`` 3)."""
    doc = verb.doc
    own = _inside(quotes, verb.idx)  # a quotation holding the verb is not its content...
    if _inciso(verb, own):
        return True  # ... unless the verb is a reporting clause set off inside it
    takes = _content_kinds(lang).get(verb.lemma_, "")
    if takes == "forecast":
        if _provides_for(verb, lang):
            return False
        takes = "noun"
    for child in verb.children if takes != "quote" else ():
        if child.dep_ in CONTENT_RELATIONS:
            return True
        if child.dep_ == "xcomp" and _marked_infinitive(child, lang):
            return True
        if child.dep_ == "obj" and verb.lemma_ in _request_verbs(lang) and any(
                c.dep_ in ("acl", "xcomp") and _marked_infinitive(c, lang)
                for c in child.children):
            return True  # "ha invitato gli acquirenti a riprovare": the parser hangs it on them
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
    if _postposed(verb):
        return True
    if takes == "quote":
        return _beside_quote(verb, quotes)
    if _closes_sentence(verb):
        return True
    # The parser may miss a long complement clause: "che" or "di" + infinitive right after
    # the verb still opens one, and so does a colon ("Rossi scrive: …").
    after = verb.i + 1
    while after < len(doc) and doc[after].pos_ == "ADV":
        after += 1
    if after < len(doc) and (
            doc[after].lower_ in COMPLEMENTISERS[lang] or doc[after].text == ":"
            or doc[after].lower_ in INFINITIVE_MARKERS[lang] and after + 1 < len(doc)
            and "Inf" in doc[after + 1].morph.get("VerbForm")):
        return True
    return _beside_quote(verb, quotes)


@cache
def _request_verbs(lang: str) -> frozenset[str]:
    """Verbs of request, order and advice (``category`` ``request`` of the lexicon), whose
    object is the one asked and whose infinitive is the content (``GUIDELINES.md`` 9.1)."""
    table = _reporting(lang)
    return frozenset(table.loc[table["category"] == "request", "pattern"])


@cache
def _content_kinds(lang: str) -> dict[str, str]:
    """What content a reporting verb takes, from the lexicon's ``content`` column: ``"noun"``
    when a noun-phrase object may be the content ("ha annunciato tagli del 21%",
    ``GUIDELINES.md`` 8, rule 1), ``"any"`` when any object with an article is (confirming or
    denying a thing states that it is or is not so), ``"quote"`` when only a quotation is
    ("«…», ha proseguito": "ha proseguito a lavorare" reports nothing), ``"forecast"`` as
    ``"noun"`` unless the subject is a text that lays down terms ("l'accordo prevede che"
    provides for: :func:`_provides_for`); verbs not listed take a clause, an infinitive or a
    quotation."""
    table = _reporting(lang)
    if "content" not in table.columns:
        return {}
    return dict(zip(table["pattern"], table["content"]))


@cache
def _content_nouns(lang: str) -> frozenset[str]:
    """Nouns of intention, plan, change and outcome (``analysis/lexicons/content_nouns_*``)."""
    path = LEXICON_DIR / f"content_nouns_{lang}.csv"
    return frozenset(load_lexicon(path.stem)["pattern"]) if path.is_file() else frozenset()


def _content_noun(noun: Token, lang: str) -> bool:
    """Does a noun-phrase object state new content: a noun of the content lexicon (by its
    lemma or, where the trained lemmatizer errs on a plural, its look-up lemma), a noun with an
    infinitive after "di"/"per" ("l'intenzione di tagliare"), or a quantity ("oltre otto
    milioni di vendite", "tagli del 21%")? Topic, product and attitude nouns do not."""
    if "Sing" in noun.morph.get("Number") and not _determined(noun):
        return False  # a bare singular noun makes an idiom: "dichiarare fallimento"
    nouns = _content_nouns(lang)
    if noun.lemma_.lower() in nouns or _lookup_lemma(noun, lang) in nouns or noun.pos_ == "NUM":
        return True
    return any(c.dep_ == "nummod" for c in noun.children) or any(
        c.dep_ in ("acl", "nmod") and "Inf" in c.morph.get("VerbForm") for c in noun.children
    ) or any(c.dep_ == "nmod" and (c.pos_ == "NUM" or any(g.dep_ == "nummod"
                                                           for g in c.children))
             for c in noun.children)


def _parsed_cue(doc: Doc, i: int, quotes: Sequence[Quote], lang: str) -> _ParsedCue | None:
    """The verb cue at token ``i`` read from the parse, or None when the verb has no content,
    is not used as a verb (a participle modifying a noun, "i tagli annunciati") or is only
    hypothetical (a modal in the conditional: no one is reported, ``GUIDELINES.md`` 9.9)."""
    verb = doc[i]
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("acl", "amod") and not \
            _gerund_on_noun(verb) or not _has_content(verb, quotes, lang):
        return None
    if any(c.dep_.startswith("aux") and c.lemma_ in MODAL_LEMMAS[lang]
           and "Cnd" in c.morph.get("Mood") for c in verb.children):
        return None  # "gli investitori potrebbero temere che": a hypothetical attitude
    source, how = _verb_source_parsed(verb, lang, quotes)
    first_person = any("1" in t.morph.get("Person") for t in (verb, *verb.children)
                       if t is verb or t.dep_.startswith("aux"))
    if how == "dropped" and first_person and not (NESTED_FIRST_PERSON[lang] and
                                                  _inside(quotes, verb.idx)):
        return None  # the writer's own "credo che" is a hedge, not an attribution
    # The cue: the verb with its auxiliaries and what stands between them ("ha poi aggiunto").
    return _ParsedCue(_cue_start(verb), i + 1, source, how, bool(source) and source[0] > i)
