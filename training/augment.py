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
    words, changed = [], []
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
        changed.append(new != text)
    if not any(changed):
        yield example
        return
    annotation = example.to_dict()
    tokens = annotation["token_annotation"]
    tokens["ORTH"] = words
    tokens["LEMMA"] = ["" if change else lemma for lemma, change in zip(tokens["LEMMA"], changed)]
    text = "".join(word + token.whitespace_ for word, token in zip(words, reference))
    yield Example.from_dict(nlp.make_doc(text), annotation)
