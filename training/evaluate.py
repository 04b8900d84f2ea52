"""Score a trained pipeline on held-out treebank sets, and time it (``make models``).

Usage: python training/evaluate.py PIPELINE_FOLDER CORPUS_FOLDER OUT_JSON

For each held-out set (``test``: the UD test treebank; ``news_test``: PUD, news and Wikipedia)
the text is tokenised by the pipeline's own tokenizer, as a user's articles are, and spaCy's
scorer aligns it to the gold tokens. Reported: tokenisation, UPOS, all morphological features
together, single features (Mood, VerbForm, Tense, Person, Number: the share of gold tokens
carrying the feature whose predicted value is the same), lemmas, UAS and LAS, and sentence
boundaries. The pipeline runs as the workbook runs it (:func:`analysis.nlp.load_trained`: the
rule-based sentencizer in front of the parser, the lookup fallback after the trained
lemmatizer; ``rules``), then with the parser deciding sentences alone (``parser``), then without
the lemma fallback (``edit_tree_lemmas``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from analysis.nlp import load_trained

FEATURES = ("Mood", "VerbForm", "Tense", "Person", "Number")
SCORES = (("tokens", "token_acc"), ("upos", "pos_acc"), ("morph", "morph_acc"),
          ("lemma", "lemma_acc"), ("uas", "dep_uas"), ("las", "dep_las"), ("sents_f", "sents_f"))


def feature_accuracy(examples: list[Example], feature: str) -> float | None:
    """Share of gold tokens with ``feature`` (aligned one to one) whose predicted value is the
    gold value."""
    right = total = 0
    for example in examples:
        aligned = example.alignment.x2y
        for token in example.predicted:
            gold_tokens = aligned[token.i]
            if len(gold_tokens) != 1:
                continue
            gold = example.reference[int(gold_tokens[0])].morph.get(feature)
            if gold:
                total += 1
                right += token.morph.get(feature) == gold
    return right / total if total else None


def score(nlp: Language, docs: list[Doc]) -> dict[str, float | None]:
    """The scores of ``nlp`` on gold ``docs`` (predictions made from their text)."""
    examples = [Example(predicted, doc)
                for predicted, doc in zip(nlp.pipe(doc.text for doc in docs), docs)]
    scores = Scorer(nlp).score(examples)
    result = {name: scores.get(key) for name, key in SCORES}
    result.update({feature.lower(): feature_accuracy(examples, feature) for feature in FEATURES})
    return result


def main(pipeline: Path, corpus: Path, out: Path) -> None:
    nlp = load_trained(pipeline)
    report: dict[str, dict[str, dict[str, float | None]]] = {}
    for name in ("test", "news_test"):
        docs = list(DocBin().from_disk(corpus / f"{name}.spacy").get_docs(nlp.vocab))
        report[name] = {"rules": score(nlp, docs)}
        with nlp.select_pipes(disable=["sentencizer"]):
            report[name]["parser"] = score(nlp, docs)
        with nlp.select_pipes(disable=["lemma_fallback"]):
            report[name]["edit_tree_lemmas"] = score(nlp, docs)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
