"""The detectors against the hand annotation of Italian news (two sets, annotated here).

``data/annotations/meantime_it.gold.jsonl``: 53 MEANTIME Italian articles (translated Wikinews)
annotated under ``data/annotations/GUIDELINES.md`` (10 of them twice and adjudicated; agreement
in ``meantime_it_agreement.md``). ``meantime_it_split.json`` keeps 23 of them as tests that no
rule is ever developed or tuned on: the ``dev`` figures (30 articles) are the ones to work
against, the ``test`` (10) and ``test2`` (13, annotated before any detector ran on them) figures
are only reported.

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
"""

from __future__ import annotations

import sys

import pandas as pd

from analysis.annotations import evaluate_annotated
from analysis.paths import ANNOTATIONS_DIR, SHARED_CORPORA

#: Each annotated set: its corpus (read in place), gold standard and split.
SETS = {
    "MEANTIME": (SHARED_CORPORA / "meantime" / "meantime_it.jsonl",
                 ANNOTATIONS_DIR / "meantime_it.gold.jsonl",
                 ANNOTATIONS_DIR / "meantime_it_split.json"),
    "SemEval-2023": (SHARED_CORPORA / "semeval2023-frames" / "it" / "unlabelled" / "text",
                     ANNOTATIONS_DIR / "semeval_it.gold.jsonl",
                     ANNOTATIONS_DIR / "semeval_it_split.json"),
}


def main() -> None:
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
