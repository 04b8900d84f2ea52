"""A case augmenter for training (``spacy train ... --code training/augment.py``).

The treebanks are edited text: a capital letter almost always starts a sentence or a name, so a
pipeline trained on them reads a capitalised word as a proper noun wherever the sentence start is
not obvious to it (after an opening quote, after "[...]", in a headline) and a capitalised verb or
pronoun ("Temono", "Lui") becomes PROPN. For a share of the training documents this augmenter
writes some words with another case and keeps every gold annotation, so that the case of the
first letter stops deciding the part of speech on its own:

- each word that is not a proper noun and is written in lower case is titlecased with
  probability ``title_per_token``, and with probability ``title_after_punct`` when it follows an
  opening quote, a bracket, a colon or a dash; with ``title_pos`` only words of those parts of
  speech are (say verbs and pronouns, leaving nouns and adjectives, whose capital does tell a
  name from a common word, as written);
- each sentence's first word, when it is not a proper noun, is lowercased with probability
  ``lower_first``.

A changed word keeps its part of speech, features, head and relation; its lemma is left unset
(the trainable lemmatizer ignores it) so that the lemmatizer learns no edit trees that change the
case of one particular first letter; ``analysis.nlp.lemma_fallback`` already lowercases a
capital the trained lemmatizer copies. The documents chosen and the words changed depend only on
spaCy's training seed (``random`` is seeded by ``spacy train``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from functools import partial

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

OPENERS = frozenset({'"', "«", "“", "‘", "'", "(", "[", ":", "-", "–", "—", "…"})


@registry.augmenters("media_workbook.case_variants.v1")
def create_case_augmenter(level: float, title_per_token: float, title_after_punct: float,
                          lower_first: float, title_pos: list[str] | None = None,
                          ) -> Callable[[Language, Example], Iterator[Example]]:
    """The augmenter: ``level`` is the share of training documents that get case variants (the
    original document is then replaced by its variant, as spaCy's own augmenters do)."""
    return partial(case_augmenter, level=level, title_per_token=title_per_token,
                   title_after_punct=title_after_punct, lower_first=lower_first,
                   title_pos=frozenset(title_pos) if title_pos else None)


def case_augmenter(nlp: Language, example: Example, *, level: float, title_per_token: float,
                   title_after_punct: float, lower_first: float,
                   title_pos: frozenset[str] | None = None) -> Iterator[Example]:
    if random.random() >= level:
        yield example
        return
    reference = example.reference
    words = []
    for token in reference:
        text = token.text
        new = text
        if token.pos_ != "PROPN" and text.isalpha():
            if token.is_sent_start and text[:1].isupper() and text[1:].islower():
                if random.random() < lower_first:
                    new = text[:1].lower() + text[1:]
            elif text.islower() and (title_pos is None or token.pos_ in title_pos):
                previous = reference[token.i - 1].text if token.i else ""
                chance = title_after_punct if previous in OPENERS else title_per_token
                if random.random() < chance:
                    new = text[:1].upper() + text[1:]
        words.append(new)
    yield _variant(nlp, example, words)


def _variant(nlp: Language, example: Example, words: list[str]) -> Example:
    """The example with its words written as ``words``, every gold annotation kept but the
    lemmas of the changed words, left unset (the trainable lemmatizer skips them)."""
    reference = example.reference
    changed = [word != token.text for word, token in zip(words, reference)]
    if not any(changed):
        return example
    annotation = example.to_dict()
    tokens = annotation["token_annotation"]
    tokens["ORTH"] = words
    tokens["LEMMA"] = ["" if change else lemma for lemma, change in zip(tokens["LEMMA"], changed)]
    text = "".join(word + token.whitespace_ for word, token in zip(words, reference))
    return Example.from_dict(nlp.make_doc(text), annotation)


#: The typographic pairs a straight double quote of the treebanks is rewritten as.
QUOTE_PAIRS = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"))


@registry.augmenters("media_workbook.quote_variants.v1")
def create_quote_augmenter(level: float) -> Callable[[Language, Example], Iterator[Example]]:
    """The augmenter: in a share ``level`` of the training documents, the straight double quotes
    become one typographic pair (“ ” or « », drawn per document)."""
    return partial(quote_augmenter, level=level)


def quote_augmenter(nlp: Language, example: Example, *, level: float) -> Iterator[Example]:
    """Italian news writes its quotations in « » and “ ”; the Italian treebanks almost only in
    ``"`` (1,062 straight double quotes in the training set, two typographic ones), so a pipeline
    trained on them reads an unseen typographic quote as a word (“ as a subordinator, ” as an
    adjective or a verb) and misparses the reporting clause beside it. spaCy's own
    ``spacy.orth_variants.v1`` pairs quotes by their fine-grained tag, which the prepared
    treebanks leave empty, hence this one. A straight quote opens when a space or the document
    start comes before it, else it closes; the quote keeps its part of speech, head and
    relation."""
    if random.random() >= level:
        yield example
        return
    opening, closing = random.choice(QUOTE_PAIRS)
    reference = example.reference
    words = [(opening if token.i == 0 or reference[token.i - 1].whitespace_ else closing)
             if token.text == '"' else token.text for token in reference]
    yield _variant(nlp, example, words)
