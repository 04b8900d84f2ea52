"""The detectors against the hand annotation of Italian news (MEANTIME, annotated here).

``data/annotations/meantime_it.gold.jsonl``: 53 MEANTIME Italian articles annotated under
``data/annotations/GUIDELINES.md`` (10 of them twice and adjudicated; agreement in
``meantime_it_agreement.md``). ``meantime_it_split.json`` keeps 23 of them as tests that no rule
is ever developed or tuned on: the ``dev`` figures (30 articles) are the ones to work against,
the ``test`` (10) and ``test2`` (13, annotated before any detector ran on them) figures are only
reported.

Reported per split (``analysis.annotations.detector_scores``): hedges (all, and epistemic only)
and attribution cues, exact and by overlap; sources of the attributions found; the share of the
hand-annotated sources the detectors get exactly right; Cohen's kappa of category, kind and
source type on matched pairs.

Run: ``.venv/bin/python benchmarks/bench_italian_news.py`` (needs ``../shared/corpora``).
"""

from __future__ import annotations

import sys

import pandas as pd

from analysis.annotations import evaluate_annotated
from analysis.paths import SHARED_CORPORA

CORPUS = SHARED_CORPORA / "meantime" / "meantime_it.jsonl"


def main() -> None:
    if not CORPUS.is_file():
        sys.exit(f"{CORPUS} is absent: the benchmark reads the MEANTIME corpus in place")
    evaluation = evaluate_annotated(CORPUS)
    pd.set_option("display.width", 200)
    for name in evaluation.split:
        print(f"\n## {name} ({len(evaluation.split[name])} articles)\n")
        print(evaluation.table(name).to_markdown(index=False, floatfmt=".3f"))


if __name__ == "__main__":
    main()
