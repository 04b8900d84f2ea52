"""Sourcing benchmark: source and cue spans against PolNeAR, the seed's hand annotation, speed.

Run ``python benchmarks/bench_sourcing.py`` (add ``--split train`` while developing: the rules
were developed on PolNeAR's train split and are reported on its dev split). PolNeAR articles
annotated by more than one annotator are scored against the first annotation file in name
order. Prints precision, recall and F1 by overlap and exact match, and the time of parsing and
of the extractor alone (best of ``--repeats`` runs, the machine may be shared) as multiples of
bare spaCy blank tokenisation of the same texts measured in the same run.

With ``--tagger`` it also trains the learned tagger of :mod:`analysis.sourcing.tagger` on
PolNeAR train (timed once: training is the slow step) and prints rules and tagger side by side
on the chosen split (with ``--split train`` the tagger is scored on its own training data),
and the tagger's time as a multiple of bare tokenisation.
"""

from __future__ import annotations

import argparse
import csv
import time

import spacy
from timing import best_of

from analysis import SEED_PATH, load_article, parse, scores_table, span_scores
from analysis.corpus import parse_article
from analysis.paths import ANNOTATIONS_DIR, SHARED_CORPORA
from analysis.sourcing import (
    analyse_sourcing,
    evaluate_polnear,
    evaluate_spans,
    polnear_data,
    polnear_split,
    rule_spans,
)
from analysis.sourcing.tagger import train_polnear

POLNEAR = SHARED_CORPORA / "polnear"


def bench_polnear(split: str, limit: int | None, repeats: int) -> None:
    items = polnear_split(POLNEAR / split, limit)
    rows = evaluate_polnear(items)
    n_gold = rows["cue exact"].tp + rows["cue exact"].fn
    print(f"PolNeAR {split}: {len(items)} articles, {n_gold} gold attributions")
    print(scores_table(rows).to_string())
    blank = spacy.blank("en")
    articles = [parse_article(text, id=name, format="plain", language="en")
                for name, text, _ in items]
    parsed = [parse(article) for article in articles]
    bare = best_of(lambda: [blank(article.text) for article in articles], repeats)
    parsing = best_of(lambda: [parse(article) for article in articles], repeats)
    sourcing = best_of(lambda: [analyse_sourcing(p) for p in parsed], repeats)
    print(f"speed (best of {repeats}), as multiples of bare blank tokenisation of the same "
          f"texts: parse {parsing / bare:.2f}x, sourcing alone (quotes and attributions of "
          f"the parsed articles) {sourcing / bare:.2f}x, both {(parsing + sourcing) / bare:.2f}x")


def bench_tagger(split: str, limit: int | None, repeats: int) -> None:
    """Rules against the learned tagger (trained on train) on ``split``, and their speed."""
    import pandas as pd

    started = time.perf_counter()
    tagger = train_polnear(POLNEAR / "train")
    training = time.perf_counter() - started
    print(f"tagger trained on PolNeAR train in {training:.1f} s (one run, features included); "
          f"gold spans: {tagger.alignment_}")
    names, parsed, gold = polnear_data(POLNEAR / split, limit)
    table = pd.concat({"rules": scores_table(evaluate_spans(names, parsed, gold, rule_spans)),
                       "tagger": scores_table(evaluate_spans(names, parsed, gold,
                                                             tagger.predict_spans))})
    print(f"PolNeAR {split}, rules against the tagger ({len(names)} articles)")
    print(table.to_string())
    blank = spacy.blank("en")
    texts = [p.article.text for p in parsed]
    bare = best_of(lambda: [blank(text) for text in texts], repeats)
    rules = best_of(lambda: [rule_spans(p) for p in parsed], repeats)
    tagging = best_of(lambda: [tagger.predict_spans(p) for p in parsed], repeats)
    records = best_of(lambda: [tagger.attributions(p) for p in parsed], repeats)
    print(f"speed (best of {repeats}) on parsed articles, as multiples of bare blank "
          f"tokenisation: rules {rules / bare:.2f}x, tagger spans {tagging / bare:.2f}x "
          f"(rules run inside as stacked features), tagger attributions {records / bare:.2f}x")


def bench_seed() -> None:
    parsed = parse(load_article(SEED_PATH))
    attributions, _ = analyse_sourcing(parsed)
    with open(ANNOTATIONS_DIR / "seed_attributions.csv", encoding="utf-8") as f:
        gold = list(csv.DictReader(f))
    gold_sources = [("seed", int(g["source_start"]), int(g["source_end"]))
                    for g in gold if g["source_start"]]
    pred_sources = [("seed", a.source.start, a.source.end) for a in attributions if a.source]
    rows = {f"source {m}": span_scores(pred_sources, gold_sources, m)
            for m in ("overlap", "exact")}
    rows["cue overlap"] = span_scores([("seed", a.cue.start, a.cue.end) for a in attributions],
                                      [("seed", int(g["cue_start"]), int(g["cue_end"]))
                                       for g in gold], "overlap")
    by_cue = {(int(g["cue_start"]), int(g["cue_end"])): g["source_type"] for g in gold}
    typed = [(a.source_type, by_cue[key]) for a in attributions
             if (key := (a.cue.start, a.cue.end)) in by_cue]
    accuracy = sum(p == g for p, g in typed) / len(gold) if gold else 0.0
    print(f"Seed: {len(gold)} hand-annotated attributions, {len(attributions)} found")
    print(scores_table(rows).to_string())
    print(f"source-type accuracy (correct types / gold attributions): {accuracy:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--limit", type=int, default=None, help="score only the first N")
    parser.add_argument("--repeats", type=int, default=3, help="timing runs (the best counts)")
    parser.add_argument("--tagger", action="store_true",
                        help="also train the learned tagger and compare it with the rules")
    args = parser.parse_args()
    bench_seed()
    if POLNEAR.exists():
        bench_polnear(args.split, args.limit, args.repeats)
        if args.tagger:
            bench_tagger(args.split, args.limit, args.repeats)
    else:
        print(f"PolNeAR skipped: {POLNEAR.name} not found beside the project")


if __name__ == "__main__":
    main()
