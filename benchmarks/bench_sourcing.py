"""Sourcing benchmark: source and cue spans against PolNeAR, the seed's hand annotation, speed.

Run ``python benchmarks/bench_sourcing.py`` (add ``--split train`` while developing: the rules
were developed on PolNeAR's train split and are reported on its dev split). PolNeAR articles
annotated by more than one annotator are scored against the first annotation file in name
order. Prints precision, recall and F1 by overlap and exact match, and the time of the
extractor (parsing included) as a multiple of bare spaCy blank tokenisation of the same texts.
"""

from __future__ import annotations

import argparse
import csv
import time

import spacy

from analysis import SEED_PATH, load_article, parse, scores_table, span_scores
from analysis.paths import ANNOTATIONS_DIR, SHARED_CORPORA
from analysis.sourcing import analyse_sourcing, evaluate_polnear, polnear_split

POLNEAR = SHARED_CORPORA / "polnear"


def bench_polnear(split: str, limit: int | None) -> None:
    items = polnear_split(POLNEAR / split, limit)
    started = time.perf_counter()
    rows = evaluate_polnear(items)
    elapsed = time.perf_counter() - started
    blank = spacy.blank("en")
    started = time.perf_counter()
    for _, text, _ in items:
        blank(text)
    bare = time.perf_counter() - started
    n_gold = rows["cue exact"].tp + rows["cue exact"].fn
    print(f"PolNeAR {split}: {len(items)} articles, {n_gold} gold attributions")
    print(scores_table(rows).to_string())
    print(f"speed: extractor (parse and scoring included) takes {elapsed / bare:.1f}x bare "
          f"blank tokenisation of the same texts")


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
    args = parser.parse_args()
    bench_seed()
    if POLNEAR.exists():
        bench_polnear(args.split, args.limit)
    else:
        print(f"PolNeAR skipped: {POLNEAR.name} not found beside the project")


if __name__ == "__main__":
    main()
