"""The detectors against the hand annotation of Italian news (two sets, annotated here).

``data/annotations/meantime_it.gold.jsonl``: 77 MEANTIME Italian articles (translated Wikinews)
annotated under ``data/annotations/GUIDELINES.md`` (10 of them twice and adjudicated; agreement
in ``meantime_it_agreement.md``). ``meantime_it_split.json`` keeps 23 of them as tests that no
rule is ever developed or tuned on: the ``dev`` figures (54 articles, 24 of them added in a
third round) are the ones to work against, the ``test`` (10) and ``test2`` (13, annotated before
any detector ran on them) figures are only reported.

``data/annotations/semeval_it.gold.jsonl``: 74 Italian online news and opinion articles of the
SemEval-2023 Task 3 data, annotated under the same guidelines (versions 1.2 and 1.3) before any
detector ran on them; ``semeval_it_split.json`` splits them into ``dev`` (37) and ``test`` (37,
only reported).

Reported per set and split (``analysis.annotations.detector_scores``): hedges (all, and
epistemic only) and attribution cues, exact and by overlap; sources of the attributions found;
the share of the hand-annotated sources the detectors get exactly right; Cohen's kappa of
category, kind and source type on matched pairs.

Run: ``.venv/bin/python benchmarks/bench_italian_news.py`` (needs ``../shared/corpora``; a set
whose corpus is absent is skipped with the reason).

With ``--tagger`` it compares the rules with the learned attribution tagger of
:mod:`analysis.sourcing.tagger` instead, twice:

1. on the 171 SemEval-2023 Italian training articles annotated for the tagger
   (``data/annotations/semeval_it_train/``), in two halves (drawn with ``random.Random(0)``);
   the tagger learns from every development article and one half and is scored on the other,
   and the rules are scored on the same articles (the rules' hedges since session 14 and their
   sourcing since session 15 were developed on these articles, so the rules' figures there are
   development figures);
2. on the test sets: the tagger learns from all of
   :data:`~analysis.sourcing.tagger.ITALIAN_TRAINING` and is scored on the MEANTIME and
   SemEval test articles beside the rules.

Attribution cues (overlap) and the share of hand-annotated sources found exactly; the tagger
is trained with its default settings, fixed before it saw any of these articles.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import pandas as pd
import spacy
from timing import best_of

from analysis.annotations import (
    AnnotatedEvaluation,
    annotated_articles,
    detector_annotation,
    evaluate_annotated,
    side_by_side,
)
from analysis.paths import ANNOTATIONS_DIR, SHARED_CORPORA
from analysis.sourcing import find_attributions
from analysis.sourcing.tagger import (
    ITALIAN_TRAINING,
    AttributionTagger,
    annotated_spans,
    annotation_files,
    train_annotated,
)

#: Each annotated set: its corpus (read in place), gold standard and split.
SETS = {
    "MEANTIME": (SHARED_CORPORA / "meantime" / "meantime_it.jsonl",
                 ANNOTATIONS_DIR / "meantime_it.gold.jsonl",
                 ANNOTATIONS_DIR / "meantime_it_split.json"),
    "SemEval-2023": (SHARED_CORPORA / "semeval2023-frames" / "it" / "unlabelled" / "text",
                     ANNOTATIONS_DIR / "semeval_it.gold.jsonl",
                     ANNOTATIONS_DIR / "semeval_it_split.json"),
}


def bench_tagger() -> None:
    """Rules against the tagger on unseen training halves, then on the test sets."""
    if not all(corpus.exists() for corpus, _, _ in ITALIAN_TRAINING):
        sys.exit("the tagger's training corpora are absent: it reads ../shared/corpora")
    *development, (corpus, annotation, _) = ITALIAN_TRAINING
    dev_parsed, dev_spans = annotated_spans(development)
    parsed, gold = annotated_articles(corpus, annotation_files(annotation))
    keys = sorted(gold)
    random.Random(0).shuffle(keys)
    halves = [keys[0::2], keys[1::2]]
    found: dict[str, dict] = {"rules": {}, "tagger": {}}
    for held_out, other in ((halves[0], halves[1]), (halves[1], halves[0])):
        tagger = AttributionTagger().fit(dev_parsed + [parsed[k] for k in other],
                                         dev_spans + [gold[k].attribution_spans() for k in other])
        for key in held_out:
            found["tagger"][key] = detector_annotation(parsed[key], tagger.attributions)
            found["rules"][key] = detector_annotation(parsed[key])
    texts = {key: p.article.text for key, p in parsed.items()}
    fresh = side_by_side({name: AnnotatedEvaluation(texts, gold, predicted, {"test": keys})
                          for name, predicted in found.items()})
    print(f"\n## SemEval-2023 training articles, two halves ({len(keys)} articles)\n")
    print(fresh.to_markdown(floatfmt=".3f"))
    started = time.perf_counter()
    tagger = train_annotated()
    print(f"\ntagger trained on every dev and training article in "
          f"{time.perf_counter() - started:.0f} s (one run, parsing and features included)")
    blank = spacy.blank("it")
    articles = list(parsed.values())
    bare = best_of(lambda: [blank(p.article.text) for p in articles])
    rules = best_of(lambda: [find_attributions(p) for p in articles])
    learned = best_of(lambda: [tagger.attributions(p) for p in articles])
    print(f"speed on the {len(articles)} parsed training articles (best of 3), as multiples of "
          f"bare blank tokenisation: rules {rules / bare:.1f}x, tagger {learned / bare:.1f}x "
          "(the rules run inside it as features)")
    for label, (corpus, gold_file, split) in SETS.items():
        rules = evaluate_annotated(corpus, gold_file, split)
        table = side_by_side({"rules": rules,
                              "tagger": rules.with_attributions(tagger.attributions)})
        print(f"\n## {label}, test articles (the tagger learned from every dev article)\n")
        print(table.to_markdown(floatfmt=".3f"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tagger", action="store_true",
                        help="compare the rules with the learned attribution tagger")
    if parser.parse_args().tagger:
        bench_tagger()
        return
    pd.set_option("display.width", 200)
    found = False
    for label, (corpus, gold, split) in SETS.items():
        if not corpus.exists():
            print(f"\n{label}: {corpus} is absent, skipped (the benchmark reads it in place)")
            continue
        found = True
        evaluation = evaluate_annotated(corpus, gold, split)
        for name in evaluation.split:
            print(f"\n## {label} {name} ({len(evaluation.split[name])} articles)\n")
            print(evaluation.table(name).to_markdown(index=False, floatfmt=".3f"))
    if not found:
        sys.exit("no annotated corpus is present: the benchmark reads ../shared/corpora")


if __name__ == "__main__":
    main()
